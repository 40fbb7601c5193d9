/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the seven decomposition architectures and the four losses: forward passes at every
 * level's grid shape, feasible outputs, an overfit on 8 samples, losses and FLOPs against hand
 * computations, and the errors on unknown names.
 */

#include "../model/nn/decomposition-loss.h"
#include "../model/nn/mlp-net.h"
#include "../model/nn/network-factory.h"

#include "ns3/input-error.h"
#include "ns3/test.h"

#include <cmath>
#include <torch/torch.h>

using namespace ns3;

/**
 * \ingroup microscope-tests
 * Every architecture runs at every level's grid shape.
 */
class NetworkShapesTestCase : public TestCase
{
public:
    NetworkShapesTestCase()
        : TestCase("Each architecture's forward pass at the antenna, MEC, C-RAN and core grids")
    {
    }

private:
    void DoRun() override
    {
        torch::manual_seed(4);
        at::set_num_threads(2);
        torch::NoGradGuard noGrad;
        // Grids the mapper gives for 792 antennas and 50 / 30 / 10 datacenters.
        const std::vector<std::pair<int64_t, int64_t>> grids = {{33, 24}, {8, 7}, {6, 5}, {4, 3}};
        for (const auto& name : NetworkFactory::Names())
        {
            for (const auto& [rows, cols] : grids)
            {
                NetworkOptions o;
                o.history = 3;
                o.channels = 4;
                o.rows = rows;
                o.cols = cols;
                o.services = 9;
                auto net = NetworkFactory::Create(NetworkFactory::Parse(name), o);
                net->eval();
                auto y = net->forward(torch::rand({2, 4, 3, rows, cols}));
                NS_TEST_ASSERT_MSG_EQ(y.dim(), 4, name << " output rank");
                NS_TEST_ASSERT_MSG_EQ(y.size(0), 2, name << " batch");
                NS_TEST_ASSERT_MSG_EQ(y.size(1), 9, name << " services");
                NS_TEST_ASSERT_MSG_EQ(y.size(2), rows, name << " rows");
                NS_TEST_ASSERT_MSG_EQ(y.size(3), cols, name << " cols");
                NS_TEST_ASSERT_MSG_EQ(torch::isfinite(y).all().item<bool>(),
                                      true,
                                      name << " finite");
                NS_TEST_ASSERT_MSG_GT(net->Flops(), 0.0, name << " FLOPs");
            }
        }
        bool threw = false;
        try
        {
            NetworkFactory::Parse("transformer");
        }
        catch (const InputError&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "unknown architecture refused");
    }
};

/**
 * \ingroup microscope-tests
 * Losses and FLOPs against hand computations; feasible estimates.
 */
class LossesTestCase : public TestCase
{
public:
    LossesTestCase()
        : TestCase("Losses and FLOPs by hand; estimates non-negative and summing to the aggregate")
    {
    }

private:
    void DoRun() override
    {
        auto d = torch::kDouble;
        // One node, two services: truth (1, 3), aggregate 4, ratios (0.25, 0.75).
        auto truth = torch::tensor({1.0, 3.0}, d).view({1, 2, 1, 1});
        auto aggregate = torch::tensor({4.0}, d).view({1, 1, 1});
        auto mask = torch::ones({1, 1}, d);
        auto logits = torch::tensor({0.0, std::log(3.0)}, d).view({1, 2, 1, 1});
        DecompositionLoss mse(DecompositionLoss::Parse("ratio-mse"));
        DecompositionLoss ce(DecompositionLoss::Parse("ratio-ce"));
        DecompositionLoss regression(DecompositionLoss::Parse("regression"));
        NS_TEST_ASSERT_MSG_EQ_TOL(mse.Compute(logits, truth, aggregate, mask).item<double>(),
                                  0.0,
                                  1e-12,
                                  "ratio-MSE is 0 at the true ratios");
        // CE = -(0.25 ln 0.25 + 0.75 ln 0.75) = 0.562335...
        NS_TEST_ASSERT_MSG_EQ_TOL(ce.Compute(logits, truth, aggregate, mask).item<double>(),
                                  -(0.25 * std::log(0.25) + 0.75 * std::log(0.75)),
                                  1e-12,
                                  "ratio-CE by hand");
        auto volumes = torch::tensor({1.0, 2.0}, d).view({1, 2, 1, 1});
        NS_TEST_ASSERT_MSG_EQ_TOL(
            regression.Compute(volumes, truth, aggregate, mask).item<double>(),
            0.5,
            1e-12,
            "regression MSE: (0^2 + 1^2) / 2");
        // Cost-aware loss, alpha 1, eps 0.01: D = -1 -> 1.01; D = 0.005 -> 0.5;
        // D = 0.01 -> 0; D = 0.02 -> 0.01.
        auto c =
            DecompositionLoss::CostAware(torch::tensor({-1.0, 0.005, 0.01, 0.02}, d), 1.0, 0.01);
        NS_TEST_ASSERT_MSG_EQ_TOL(c[0].item<double>(), 1.01, 1e-12, "cost: under-provision");
        NS_TEST_ASSERT_MSG_EQ_TOL(c[1].item<double>(), 0.5, 1e-12, "cost: small over");
        NS_TEST_ASSERT_MSG_EQ_TOL(c[2].item<double>(), 0.0, 1e-12, "cost: minimum at alpha eps");
        NS_TEST_ASSERT_MSG_EQ_TOL(c[3].item<double>(), 0.01, 1e-12, "cost: large over");
        bool threw = false;
        try
        {
            DecompositionLoss::Parse("hinge");
        }
        catch (const InputError&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "unknown loss refused");

        // Feasible estimates on a 3 x 4 grid with two empty points.
        torch::manual_seed(5);
        auto agg = torch::rand({3, 3, 4}, d) * 10;
        auto m = torch::ones({3, 4}, d);
        m[0][0] = 0;
        m[2][3] = 0;
        for (const auto& name : DecompositionLoss::Names())
        {
            DecompositionLoss loss(DecompositionLoss::Parse(name));
            // 9 services: 9 output channels, 18 (logits and margins) for the cost loss.
            auto out = torch::randn({3, loss.OutputChannels(9), 3, 4}, d);
            int64_t repaired = 0;
            auto e = loss.Estimate(out, agg, m, repaired);
            NS_TEST_ASSERT_MSG_EQ(e.size(1), 9, name << " one estimate per service");
            NS_TEST_ASSERT_MSG_EQ((e >= 0).all().item<bool>(), true, name << " non-negative");
            auto sums = e.sum(1);
            if (loss.IsCapacity())
            {
                // Capacities: the ratio split times (1 + softplus(margin)), so above the
                // aggregate wherever it is positive, never below it.
                auto below = ((agg - sums) * m).max().item<double>();
                NS_TEST_ASSERT_MSG_LT(below, 1e-9, name << " capacities at least the aggregate");
                auto above = ((sums - agg) * m).sum().item<double>();
                NS_TEST_ASSERT_MSG_GT(above, 1.0, name << " capacities above the aggregate");
            }
            else
            {
                auto err = ((sums - agg) * m).abs().max().item<double>();
                NS_TEST_ASSERT_MSG_LT(err, 1e-9, name << " sums to the aggregate at nodes");
            }
            NS_TEST_ASSERT_MSG_EQ(e.select(2, 0).select(2, 0).abs().sum().item<double>(),
                                  0.0,
                                  name << " empty grid point stays 0");
            if (name == "regression")
            {
                NS_TEST_ASSERT_MSG_GT(repaired, 0, "regression output needed repair");
            }
            else
            {
                NS_TEST_ASSERT_MSG_EQ(repaired, 0, name << " never needs repair");
            }
        }

        // FLOPs: a convolution (3 -> 4 maps, 3x3, 10 outputs) by hand: (2*3*9 + 1) * 4 * 10.
        NS_TEST_ASSERT_MSG_EQ_TOL(FlopCount::Conv(3, 4, 9, 10), 2200.0, 1e-9, "conv FLOPs");
        // A small MLP on a 1 x 1 grid, T = 1, one service: layers 1 -> 256 -> 256 -> 256 -> 1,
        // linear (2 in + 1) out each, plus one op per ReLU output.
        NetworkOptions o;
        o.history = 1;
        o.rows = 1;
        o.cols = 1;
        o.services = 1;
        MlpNet mlp(o);
        const double expected = 3.0 * 256 + 513.0 * 256 * 2 + 513.0 + 3 * 256;
        NS_TEST_ASSERT_MSG_EQ_TOL(mlp->Flops(), expected, 1e-6, "MLP FLOPs by hand");
    }
};

/**
 * \ingroup microscope-tests
 * 3D-DefCNN overfits 8 samples.
 */
class OverfitTestCase : public TestCase
{
public:
    OverfitTestCase()
        : TestCase("3D-DefCNN overfits 8 samples: the loss falls by 10x or more")
    {
    }

private:
    void DoRun() override
    {
        torch::manual_seed(6);
        at::set_num_threads(2);
        NetworkOptions o;
        o.history = 3;
        o.rows = 6;
        o.cols = 5;
        o.services = 4;
        auto net = NetworkFactory::Create(Architecture::DEFCNN3D, o);
        auto x = torch::rand({8, 1, 3, 6, 5});
        auto truth = torch::rand({8, 4, 6, 5});
        auto aggregate = truth.sum(1);
        auto mask = torch::ones({6, 5});
        mask[0][0] = 0;
        DecompositionLoss loss(LossType::RATIO_MSE);
        torch::optim::Adam adam(net->parameters(), torch::optim::AdamOptions(3e-3));
        net->train();
        double first = 0;
        double last = 0;
        for (int step = 0; step < 300; ++step)
        {
            adam.zero_grad();
            auto l = loss.Compute(net->forward(x), truth, aggregate, mask);
            l.backward();
            adam.step();
            (step == 0 ? first : last) = l.item<double>();
        }
        NS_TEST_ASSERT_MSG_LT(last, first / 10.0, "loss fell from " << first << " to " << last);
    }
};

/**
 * \ingroup microscope-tests
 * The networks suite.
 */
class MicroscopeNetworksTestSuite : public TestSuite
{
public:
    MicroscopeNetworksTestSuite()
        : TestSuite("microscope-networks", UNIT)
    {
        AddTestCase(new NetworkShapesTestCase, TestCase::QUICK);
        AddTestCase(new LossesTestCase, TestCase::QUICK);
        AddTestCase(new OverfitTestCase, TestCase::QUICK);
    }
};

/// The suite's single instance.
static MicroscopeNetworksTestSuite g_microscopeNetworksTestSuite;
