/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "zip-net.h"

namespace ns3
{

ZipNetImpl::ZipNetImpl(const NetworkOptions& o, bool deformable3d, bool deformable2d)
    : MtdNetworkImpl(o)
{
    namespace nn = torch::nn;
    const bool paper = o.size == "paper";
    m_channels3d = paper ? 32 : 8;
    const int64_t blocks3d = paper ? 3 : 2;
    m_width = paper ? 64 : 16;
    const int64_t zipperLayers = paper ? 8 : 4;
    // The calendar channels (if any) are constant over time and space: they skip the 3D
    // blocks and join the features where time is folded into channels.
    const int64_t offsetHidden = paper ? 16 : 4;
    for (int64_t l = 0; l < blocks3d; ++l)
    {
        const int64_t in = l == 0 ? 1 : m_channels3d;
        const std::string name = std::to_string(l);
        // The small 3D-DefCNN deforms its ingress layer only (the layer whose sampling the
        // paper's Fig. 15 shows); the paper-size one deforms every 3D block.
        if (deformable3d && (paper || l == 0))
        {
            m_deform3d.push_back(register_module("deform3d" + name,
                                                 DeformableConv3d(in, m_channels3d, offsetHidden)));
            m_conv3d.push_back(nullptr);
        }
        else
        {
            m_conv3d.push_back(
                register_module("conv3d" + name,
                                nn::Conv3d(nn::Conv3dOptions(in, m_channels3d, 3).padding(1))));
            m_deform3d.push_back(nullptr);
        }
        m_bn3d.push_back(register_module("bn3d" + name, nn::BatchNorm3d(m_channels3d)));
    }
    m_fold = register_module(
        "fold",
        nn::Conv2d(nn::Conv2dOptions(m_channels3d * o.history + o.channels - 1, m_width, 1)));
    m_foldBn = register_module("foldbn", nn::BatchNorm2d(m_width));
    m_zipper = register_module("zipper", ZipperBlocks(m_width, zipperLayers));
    m_tail = register_module("tail", ConvTail(m_width, 2 * m_width, o.services, deformable2d));
}

torch::Tensor
ZipNetImpl::forward(torch::Tensor x)
{
    namespace F = torch::nn::functional;
    auto act = F::LeakyReLUFuncOptions().negative_slope(0.1);
    const int64_t b = x.size(0);
    torch::Tensor calendar;
    if (m_options.channels > 1)
    {
        calendar = x.slice(1, 1, m_options.channels).select(2, m_options.history - 1);
        x = x.slice(1, 0, 1);
    }
    for (size_t l = 0; l < m_bn3d.size(); ++l)
    {
        x = m_deform3d[l] ? m_deform3d[l]->forward(x) : m_conv3d[l]->forward(x);
        x = F::leaky_relu(m_bn3d[l]->forward(x), act);
    }
    x = x.reshape({b, m_channels3d * m_options.history, m_options.rows, m_options.cols});
    if (calendar.defined())
    {
        x = torch::cat({x, calendar}, 1);
    }
    x = F::leaky_relu(m_foldBn->forward(m_fold->forward(x)), act);
    return AddPositionBias(m_tail->forward(m_zipper->forward(x)));
}

double
ZipNetImpl::Flops() const
{
    const double positions = static_cast<double>(m_options.rows) * m_options.cols;
    const double volume = positions * m_options.history;
    double flops = 0.0;
    for (size_t l = 0; l < m_bn3d.size(); ++l)
    {
        const int64_t in = l == 0 ? 1 : m_channels3d;
        flops += m_deform3d[l]
                     ? m_deform3d[l]->Flops(m_options.history, m_options.rows, m_options.cols)
                     : FlopCount::Conv(in, m_channels3d, 27, volume);
        flops += FlopCount::NormActivation(m_channels3d * volume);
    }
    flops += FlopCount::Conv(m_channels3d * m_options.history + m_options.channels - 1,
                             m_width,
                             1,
                             positions) +
             FlopCount::NormActivation(m_width * positions);
    return flops + m_zipper->Flops(m_options.rows, m_options.cols) +
           m_tail->Flops(m_options.rows, m_options.cols);
}

} // namespace ns3
