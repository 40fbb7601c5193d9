/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "neural-model.h"

#include "../input-error.h"
#include "network-factory.h"

#include "ns3/abort.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

namespace ns3
{

namespace
{

/// Key of the shape in the archive.
const std::string INFO_KEY = "microscope_info";

} // namespace

NeuralModel::NeuralModel()
    : m_loss(LossType::RATIO_CE)
{
}

void
NeuralModel::Create(const NeuralModelInfo& info)
{
    info.CheckShape();
    NetworkOptions options;
    options.history = info.history;
    options.channels = info.GetChannels();
    options.rows = info.rows;
    options.cols = info.cols;
    m_loss =
        DecompositionLoss(DecompositionLoss::Parse(info.loss), info.costAlpha, info.costEpsilon);
    options.services = m_loss.OutputChannels(static_cast<int64_t>(info.services.size()));
    options.size = info.size;
    options.positionBias = info.positionBias;
    options.outputGate = info.historicalPrior;
    m_network = NetworkFactory::Create(NetworkFactory::Parse(info.architecture), options);
    m_info = info;
    m_mask = torch::zeros({static_cast<int64_t>(info.rows), static_cast<int64_t>(info.cols)});
    auto mask = m_mask.accessor<float, 2>();
    for (auto c : info.cells)
    {
        mask[c / info.cols][c % info.cols] = 1.0f;
    }
}

void
NeuralModel::Save(const std::string& path) const
{
    const std::string temporary = path + ".partial";
    try
    {
        torch::serialize::OutputArchive archive;
        m_network->save(archive);
        archive.write(INFO_KEY, c10::IValue(m_info.ToJson()));
        archive.save_to(temporary);
    }
    catch (const c10::Error& e)
    {
        std::remove(temporary.c_str());
        throw InputError::InFile(path,
                                 std::string("cannot write the model: ") +
                                     e.what_without_backtrace());
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0)
    {
        std::remove(temporary.c_str());
        throw InputError::InFile(path, "cannot move the finished model into place");
    }
}

void
NeuralModel::Load(const std::string& path)
{
    if (!std::ifstream(path).good())
    {
        throw InputError::InFile(path, "cannot open the model file");
    }
    torch::serialize::InputArchive archive;
    try
    {
        archive.load_from(path);
    }
    catch (const c10::Error& e)
    {
        throw InputError::InFile(path,
                                 "not a readable model file (truncated or corrupt?): " +
                                     std::string(e.what_without_backtrace()).substr(0, 200));
    }
    c10::IValue value;
    bool found = false;
    try
    {
        found = archive.try_read(INFO_KEY, value) && value.isString();
    }
    catch (const c10::Error&)
    {
        found = false;
    }
    if (!found)
    {
        throw InputError::InFile(path, "not a microscope model (no shape record)");
    }
    NeuralModelInfo info;
    try
    {
        info = NeuralModelInfo::FromJson(value.toStringRef());
    }
    catch (const std::exception& e)
    {
        throw InputError::InFile(path, std::string("damaged shape record: ") + e.what());
    }
    try
    {
        Create(info);
    }
    catch (const InputError& e)
    {
        throw InputError::InFile(path, e.what());
    }
    try
    {
        m_network->load(archive);
    }
    catch (const c10::Error& e)
    {
        throw InputError::InFile(path,
                                 "the parameters do not fit the recorded architecture: " +
                                     std::string(e.what_without_backtrace()).substr(0, 200));
    }
    for (const auto& p : m_network->parameters())
    {
        if (!torch::isfinite(p).all().item<bool>())
        {
            throw InputError::InFile(path, "the model holds non-finite parameters");
        }
    }
    m_network->eval();
}

const NeuralModelInfo&
NeuralModel::GetInfo() const
{
    return m_info;
}

MtdNetworkPtr
NeuralModel::GetNetwork() const
{
    return m_network;
}

const DecompositionLoss&
NeuralModel::GetLoss() const
{
    return m_loss;
}

void
NeuralModel::SetCostPeak(const torch::Tensor& peak)
{
    m_loss.SetPeak(peak);
}

torch::Tensor
NeuralModel::GetMask() const
{
    return m_mask;
}

void
NeuralModel::FillGrid(const float* values, float* out) const
{
    const size_t cells = static_cast<size_t>(m_info.rows) * m_info.cols;
    std::fill(out, out + cells, 0.0f);
    const float inverse = static_cast<float>(1.0 / m_info.scale);
    for (size_t n = 0; n < m_info.cells.size(); ++n)
    {
        out[m_info.cells[n]] = values[n] * inverse;
    }
}

void
NeuralModel::FillInput(const float* window,
                       uint32_t intervalOfDay,
                       DayType dayType,
                       float* out) const
{
    const size_t cells = static_cast<size_t>(m_info.rows) * m_info.cols;
    const size_t nodes = m_info.cells.size();
    for (uint32_t t = 0; t < m_info.history; ++t)
    {
        FillGrid(window + t * nodes, out + t * cells);
    }
    if (m_info.calendarFeatures)
    {
        const double phase =
            2.0 * M_PI * intervalOfDay / std::max<uint32_t>(1, m_info.intervalsPerDay);
        const float values[3] = {static_cast<float>(std::sin(phase)),
                                 static_cast<float>(std::cos(phase)),
                                 dayType == DayType::HOLIDAY ? 1.0f : 0.0f};
        for (int c = 0; c < 3; ++c)
        {
            float* plane = out + (c + 1) * m_info.history * cells;
            std::fill(plane, plane + m_info.history * cells, values[c]);
        }
    }
    if (m_info.levelDeviation)
    {
        // Each snapshot against the usual level of its own interval of the day (the target's
        // day type throughout), clipped.
        NS_ABORT_MSG_IF(!m_usualReady, "a LevelDeviation input before FinishUsualLevel()");
        const uint32_t perDay = m_info.intervalsPerDay;
        const size_t typeBase = dayType == DayType::HOLIDAY ? perDay : 0;
        float* plane = out + (m_info.GetChannels() - 1) * m_info.history * cells;
        std::fill(plane, plane + m_info.history * cells, 0.0f);
        for (uint32_t t = 0; t < m_info.history; ++t)
        {
            const uint32_t back = (m_info.history - 1 - t) % perDay;
            const size_t bin = typeBase + (intervalOfDay + perDay - back) % perDay;
            const double* usual = m_usual.data() + bin * nodes;
            const float* a = window + t * nodes;
            float* dst = plane + t * cells;
            for (size_t n = 0; n < nodes; ++n)
            {
                const double d = std::clamp(LogLevel(a[n]) - usual[n],
                                            -MAX_LEVEL_DEVIATION,
                                            MAX_LEVEL_DEVIATION);
                dst[m_info.cells[n]] = static_cast<float>(d);
            }
        }
    }
}

void
NeuralModel::ResetUsualLevel()
{
    const size_t nodes = m_info.cells.size();
    const size_t bins = 2 * static_cast<size_t>(m_info.intervalsPerDay);
    m_usual.assign(bins * nodes, 0.0);
    m_usualCount.assign(bins, 0);
    m_nodeSum.assign(nodes, 0.0);
    m_usualIntervals = 0;
    m_usualReady = false;
}

double
NeuralModel::LogLevel(double aggregate) const
{
    return std::log(std::max(0.0, aggregate) / m_info.scale + 1e-3);
}

void
NeuralModel::AddUsualLevel(DayType dayType, uint32_t intervalOfDay, const double* aggregate)
{
    NS_ABORT_MSG_IF(m_usualReady || m_usualCount.empty(),
                    "AddUsualLevel() outside ResetUsualLevel() .. FinishUsualLevel()");
    NS_ABORT_MSG_IF(intervalOfDay >= m_info.intervalsPerDay, "interval of the day out of range");
    const size_t nodes = m_info.cells.size();
    const size_t bin = (dayType == DayType::HOLIDAY ? m_info.intervalsPerDay : 0) +
                       static_cast<size_t>(intervalOfDay);
    double* row = m_usual.data() + bin * nodes;
    for (size_t n = 0; n < nodes; ++n)
    {
        const double v = LogLevel(aggregate[n]);
        row[n] += v;
        m_nodeSum[n] += v;
    }
    ++m_usualCount[bin];
    ++m_usualIntervals;
}

uint64_t
NeuralModel::FinishUsualLevel()
{
    const size_t nodes = m_info.cells.size();
    for (size_t bin = 0; bin < m_usualCount.size(); ++bin)
    {
        double* row = m_usual.data() + bin * nodes;
        for (size_t n = 0; n < nodes; ++n)
        {
            row[n] = m_usualCount[bin] > 0
                         ? row[n] / m_usualCount[bin]
                         : (m_usualIntervals > 0 ? m_nodeSum[n] / m_usualIntervals : LogLevel(0));
        }
    }
    m_usualReady = m_usualIntervals > 0;
    return m_usualIntervals;
}

bool
NeuralModel::HasUsualLevel() const
{
    return m_usualReady;
}

void
NeuralModel::FillPrior(const HistoricalDecomposer& historical,
                       uint32_t intervalOfDay,
                       DayType dayType,
                       float* out) const
{
    const size_t cells = static_cast<size_t>(m_info.rows) * m_info.cols;
    const uint32_t services = static_cast<uint32_t>(m_info.services.size());
    std::fill(out, out + cells * services, 0.0f);
    const size_t nodes = m_info.cells.size();
    NS_ABORT_MSG_IF(historical.GetSetup().nNodes != nodes ||
                        historical.GetSetup().nServices != services,
                    "historical prior of another shape than the model");
    const double* shares = historical.GetShares(dayType, intervalOfDay); // [service][node]
    for (uint32_t s = 0; s < services; ++s)
    {
        const double* row = shares + s * nodes;
        float* dst = out + s * cells;
        for (size_t n = 0; n < nodes; ++n)
        {
            dst[m_info.cells[n]] = static_cast<float>(row[n]);
        }
    }
}

torch::Tensor
NeuralModel::Forward(const torch::Tensor& x,
                     const torch::Tensor& prior,
                     const torch::Tensor& aggregate) const
{
    torch::Tensor y = m_network->forward(x);
    if (!m_info.historicalPrior)
    {
        return y;
    }
    if (m_loss.IsCapacity())
    {
        // The prior's log shares go to the logits; the margins are the network's own.
        const int64_t s = prior.size(1);
        return torch::cat(
            {y.narrow(1, 0, s) + torch::log(prior.clamp_min(1e-4)), y.narrow(1, s, y.size(1) - s)},
            1);
    }
    if (m_loss.IsRatio())
    {
        // A floor keeps log finite for services a node never carried in training.
        return y + torch::log(prior.clamp_min(1e-4));
    }
    return y + prior * aggregate.unsqueeze(1);
}

void
NeuralModel::Gather(const torch::Tensor& output,
                    const torch::Tensor& aggregate,
                    std::vector<double>& estimates,
                    int64_t& repaired) const
{
    const int64_t b = output.size(0);
    const size_t nodes = m_info.cells.size();
    auto volumes = m_loss.Estimate(output, aggregate, m_mask, repaired).contiguous();
    const int64_t s = volumes.size(1); // the network has 2 S channels with the cost loss
    auto flat = volumes.view({b, s, -1}).to(torch::kDouble).contiguous();
    auto a = flat.accessor<double, 3>();
    estimates.assign(static_cast<size_t>(b) * s * nodes, 0.0);
    for (int64_t i = 0; i < b; ++i)
    {
        for (int64_t k = 0; k < s; ++k)
        {
            for (size_t n = 0; n < nodes; ++n)
            {
                estimates[(i * s + k) * nodes + n] = a[i][k][m_info.cells[n]] * m_info.scale;
            }
        }
    }
}

} // namespace ns3
