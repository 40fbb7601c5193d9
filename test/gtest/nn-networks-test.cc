/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * GoogleTest cases of the seven decomposition architectures and the four losses (model/nn/,
 * LibTorch only, no ns-3 simulator): forward passes at every level's grid shape, feasible
 * outputs, an overfit on 8 samples, losses against hand computations, every architecture's
 * parameter and FLOP counts derived by hand on a small grid, and the errors on unknown names.
 */

#include "../../model/nn/decomposition-loss.h"
#include "../../model/nn/mlp-net.h"
#include "../../model/nn/network-factory.h"

#include "ns3/input-error.h"

#include <cmath>
#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace ns3;

namespace
{

/**
 * \param net a network.
 * \return its number of learned parameters (batch-norm running statistics are buffers, not
 *         parameters).
 */
int64_t
ParameterCount(const MtdNetworkPtr& net)
{
    int64_t n = 0;
    for (const auto& p : net->parameters())
    {
        n += p.numel();
    }
    return n;
}

} // namespace

// Every architecture runs at every level's grid shape.
TEST(Networks, ForwardAtEveryLevelGrid)
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
            SCOPED_TRACE(name + " at " + std::to_string(rows) + " x " + std::to_string(cols));
            NetworkOptions o;
            o.history = 3;
            o.channels = 4;
            o.rows = rows;
            o.cols = cols;
            o.services = 9;
            auto net = NetworkFactory::Create(NetworkFactory::Parse(name), o);
            net->eval();
            auto y = net->forward(torch::rand({2, 4, 3, rows, cols}));
            ASSERT_EQ(y.dim(), 4) << name << " output rank";
            EXPECT_EQ(y.size(0), 2) << name << " batch";
            EXPECT_EQ(y.size(1), 9) << name << " services";
            EXPECT_EQ(y.size(2), rows) << name << " rows";
            EXPECT_EQ(y.size(3), cols) << name << " cols";
            EXPECT_TRUE(torch::isfinite(y).all().item<bool>()) << name << " finite";
            EXPECT_GT(net->Flops(), 0.0) << name << " FLOPs";
        }
    }
}

// An unknown architecture is refused with the module's input error.
TEST(Networks, UnknownArchitectureRefused)
{
    EXPECT_THROW(NetworkFactory::Parse("transformer"), InputError);
}

/*
 * Parameter and FLOP counts of every architecture, derived by hand from the layers that each
 * constructor builds ("small" size), on a 2 x 3 grid (P = 6 positions), T = 2 snapshots, one
 * input channel, S = 2 services.
 *
 * The parameter count is measured by LibTorch (the sum of numel() over parameters()), so it
 * checks independently that the layer widths assumed below are the ones built. The FLOP count
 * follows the module's counting convention (FlopCount in model/nn/mtd-network.h): a
 * multiply-add counts 2 and a bias 1, so a convolution or linear layer with bias costs
 * (2 cin k + 1) cout per output position; batch normalisation with its (leaky) ReLU 3 per
 * element; a ReLU or a residual addition 1 per element; the element-wise updates of an
 * (conv)LSTM 10 per hidden unit; and, for a deformable convolution, 4 operations per tap and
 * axis for the sampling coordinates and 4 (2D: bilinear, 4 corners) or 5 (3D: trilinear,
 * 8 corners) per corner, tap and input channel for the interpolation. The per-position
 * bias that the networks add to their output is not counted.
 *
 * Shared blocks (small size):
 *   zipper blocks, 4 layers of 16 maps, conv 3x3: per layer (2*16*9 + 1)*16*6 = 27,744, norm
 *     3*16*6 = 288, residual 16*6 = 96 from the second layer on, final skip 96:
 *     4*27,744 + 4*288 + 3*96 + 96 = 112,512 FLOPs; 4*(16*16*9 + 16 + 2*16) = 9,408 parameters.
 *   plain tail 16 -> 32 -> 32 -> S: conv (2*16*9 + 1)*32*6 = 55,488, conv (2*32*9 + 1)*32*6 =
 *     110,784, two norms 2*3*32*6 = 1,152, 1x1 out (2*32 + 1)*2*6 = 780: 168,204 FLOPs;
 *     (16*32*9 + 32) + (32*32*9 + 32) + 2*2*32 + (32*2 + 2) = 14,082 parameters.
 *   ZipNet's 3D blocks, 8 maps, conv 3x3x3 over the volume T*P = 12: (2*1*27 + 1)*8*12 = 5,280
 *     and (2*8*27 + 1)*8*12 = 41,568, each with a norm of 3*8*12 = 288; the fold, a 1x1 conv of
 *     8*T = 16 maps to 16: (2*16 + 1)*16*6 = 3,168 with a norm of 288.
 */
TEST(Networks, ParameterAndFlopCountsByHand)
{
    struct Expected
    {
        std::string name; //!< architecture
        int64_t params;   //!< parameters
        double flops;     //!< FLOPs of one inference
    };

    const std::vector<Expected> expected = {
        // MLP: 12 -> 256 -> 256 -> 256 -> 12 with three ReLUs.
        //   FLOPs (2*12 + 1)*256 + 2*(2*256 + 1)*256 + (2*256 + 1)*12 + 3*256 = 275,980.
        //   Parameters 12*256 + 256 + 2*(256*256 + 256) + 256*12 + 12, plus the position
        //   bias S*P = 12: 138,008.
        {"mlp", 138008, 275980.0},
        // CNN: head conv 3x3 of C*T = 2 maps to 16, (2*2*9 + 1)*16*6 = 3,552, norm 288; the
        //   zipper 112,512 and the plain tail 168,204: 284,556 FLOPs.
        //   Parameters (2*16*9 + 16) + 2*16 + 9,408 + 14,082 + 12 = 23,838.
        {"cnn", 23838, 284556.0},
        // LSTM: 2 layers of 128 over T = 2 steps of C*P = 6 inputs; per step and layer
        //   4*(2*(in + 128) + 2)*128 + 10*128: layer 1 2*139,520, layer 2 2*264,448; output
        //   linear (2*128 + 1)*12 = 3,084: 811,020 FLOPs.
        //   Parameters (4*128*6 + 4*128*128 + 2*4*128) + (2*4*128*128 + 2*4*128) +
        //   (128*12 + 12) + 12 = 203,288.
        {"lstm", 203288, 811020.0},
        // ConvLSTM: 2 cells of 16 maps, T = 2 steps; gates conv 3x3 of (in + 16) maps to 64,
        //   cell 1: (2*17*9 + 1)*64*6 + 10*16*6 = 118,848, cell 2: (2*32*9 + 1)*64*6 + 960 =
        //   222,528, each twice; 1x1 out (2*16 + 1)*2*6 = 396: 683,148 FLOPs.
        //   Parameters (17*64*9 + 64) + (32*64*9 + 64) + (16*2 + 2) + 12 = 28,398.
        {"convlstm", 28398, 683148.0},
        // ZipNet: 3D blocks 5,280 + 288 + 41,568 + 288, fold 3,168 + 288, zipper 112,512, plain
        //   tail 168,204: 331,596 FLOPs.
        //   Parameters (1*8*27 + 8) + 16 + (8*8*27 + 8) + 16 + (16*16 + 16) + 32 + 9,408 +
        //   14,082 + 12 = 25,798.
        {"zipnet", 25798, 331596.0},
        // DefCNN: ZipNet with a deformable tail. Deformable 3x3 16 -> 32 (offset predictor of
        //   8 maps): offsets (2*16*9 + 1)*8*6 + 8*6 = 13,920, (2*8*9 + 1)*8*6 + 48 = 7,008, 1x1
        //   to 2*9 (2*8 + 1)*18*6 = 1,836; coordinates 6*9*2*4 = 432; bilinear 6*9*16*4*4 =
        //   13,824; contraction (2*16*9 + 1)*32*6 = 55,488: 92,508. Deformable 32 -> 32:
        //   (2*32*9 + 1)*8*6 + 48 = 27,744, 7,008, 1,836, 432, 6*9*32*4*4 = 27,648, (2*32*9 +
        //   1)*32*6 = 110,784: 175,452. Tail 92,508 + 175,452 + 1,152 + 780 = 269,892; total
        //   5,280 + 288 + 41,568 + 288 + 3,168 + 288 + 112,512 + 269,892 = 433,284 FLOPs.
        //   Parameters: deformable 16 -> 32: 16*32*9 + 32 + (16*8*9 + 8) + (8*8*9 + 8) +
        //   (8*18 + 18) = 6,546; 32 -> 32: 32*32*9 + 32 + (32*8*9 + 8) + 584 + 162 = 12,306;
        //   tail 6,546 + 12,306 + 128 + 66 = 19,046; total 25,798 - 14,082 + 19,046 = 30,762.
        {"defcnn", 30762, 433284.0},
        // 3D-DefCNN (small): ZipNet whose first 3D block is deformable, 1 -> 8 maps with an
        //   offset predictor of 4 maps, over D*H*W = 12 positions: (2*1*27 + 1)*4*12 + 4*12 =
        //   2,688, (2*4*27 + 1)*4*12 + 48 = 10,464, 1x1x1 to 3*27: (2*4 + 1)*81*12 = 8,748;
        //   coordinates 12*27*3*4 = 3,888; trilinear 12*27*1*8*5 = 12,960; contraction 5,280:
        //   44,028. Total 44,028 + 288 + 41,568 + 288 + 3,168 + 288 + 112,512 + 168,204 =
        //   370,344 FLOPs.
        //   Parameters: the block 1*8*27 + 8 + (1*4*27 + 4) + (4*4*27 + 4) + (4*81 + 81) =
        //   1,177 instead of 224: 25,798 - 224 + 1,177 = 26,751.
        {"3d-defcnn", 26751, 370344.0},
    };
    ASSERT_EQ(expected.size(), NetworkFactory::Names().size()) << "every architecture covered";
    for (const auto& e : expected)
    {
        SCOPED_TRACE(e.name);
        NetworkOptions o;
        o.history = 2;
        o.channels = 1;
        o.rows = 2;
        o.cols = 3;
        o.services = 2;
        auto net = NetworkFactory::Create(NetworkFactory::Parse(e.name), o);
        EXPECT_EQ(ParameterCount(net), e.params) << e.name << " parameters by hand";
        EXPECT_DOUBLE_EQ(net->Flops(), e.flops) << e.name << " FLOPs by hand";
    }
}

// Losses against hand computations.
TEST(Losses, ValuesByHand)
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
    EXPECT_NEAR(mse.Compute(logits, truth, aggregate, mask).item<double>(), 0.0, 1e-12)
        << "ratio-MSE is 0 at the true ratios";
    // CE = -(0.25 ln 0.25 + 0.75 ln 0.75) = 0.562335...
    EXPECT_NEAR(ce.Compute(logits, truth, aggregate, mask).item<double>(),
                -(0.25 * std::log(0.25) + 0.75 * std::log(0.75)),
                1e-12)
        << "ratio-CE by hand";
    auto volumes = torch::tensor({1.0, 2.0}, d).view({1, 2, 1, 1});
    EXPECT_NEAR(regression.Compute(volumes, truth, aggregate, mask).item<double>(), 0.5, 1e-12)
        << "regression MSE: (0^2 + 1^2) / 2";
    // Cost-aware loss, alpha 1, eps 0.01: D = -1 -> 1.01; D = 0.005 -> 0.5;
    // D = 0.01 -> 0; D = 0.02 -> 0.01.
    auto c = DecompositionLoss::CostAware(torch::tensor({-1.0, 0.005, 0.01, 0.02}, d), 1.0, 0.01);
    EXPECT_NEAR(c[0].item<double>(), 1.01, 1e-12) << "cost: under-provision";
    EXPECT_NEAR(c[1].item<double>(), 0.5, 1e-12) << "cost: small over";
    EXPECT_NEAR(c[2].item<double>(), 0.0, 1e-12) << "cost: minimum at alpha eps";
    EXPECT_NEAR(c[3].item<double>(), 0.01, 1e-12) << "cost: large over";
}

// An unknown loss is refused with the module's input error.
TEST(Losses, UnknownLossRefused)
{
    EXPECT_THROW(DecompositionLoss::Parse("hinge"), InputError);
}

// Feasible estimates on a 3 x 4 grid with two empty points: non-negative, summing to the
// aggregate (capacities: at least the aggregate, and above it), empty points at 0.
TEST(Losses, FeasibleEstimates)
{
    auto d = torch::kDouble;
    torch::manual_seed(5);
    auto agg = torch::rand({3, 3, 4}, d) * 10;
    auto m = torch::ones({3, 4}, d);
    m[0][0] = 0;
    m[2][3] = 0;
    for (const auto& name : DecompositionLoss::Names())
    {
        SCOPED_TRACE(name);
        DecompositionLoss loss(DecompositionLoss::Parse(name));
        // 9 services: 9 output channels, 18 (logits and margins) for the cost loss.
        auto out = torch::randn({3, loss.OutputChannels(9), 3, 4}, d);
        int64_t repaired = 0;
        auto e = loss.Estimate(out, agg, m, repaired);
        ASSERT_EQ(e.size(1), 9) << name << " one estimate per service";
        EXPECT_TRUE((e >= 0).all().item<bool>()) << name << " non-negative";
        auto sums = e.sum(1);
        if (loss.IsCapacity())
        {
            // Capacities: the ratio split times (1 + softplus(margin)), so above the
            // aggregate wherever it is positive, never below it.
            auto below = ((agg - sums) * m).max().item<double>();
            EXPECT_LT(below, 1e-9) << name << " capacities at least the aggregate";
            auto above = ((sums - agg) * m).sum().item<double>();
            EXPECT_GT(above, 1.0) << name << " capacities above the aggregate";
        }
        else
        {
            auto err = ((sums - agg) * m).abs().max().item<double>();
            EXPECT_LT(err, 1e-9) << name << " sums to the aggregate at nodes";
        }
        EXPECT_EQ(e.select(2, 0).select(2, 0).abs().sum().item<double>(), 0.0)
            << name << " empty grid point stays 0";
        if (name == "regression")
        {
            EXPECT_GT(repaired, 0) << "regression output needed repair";
        }
        else
        {
            EXPECT_EQ(repaired, 0) << name << " never needs repair";
        }
    }
}

// The repair count of a regression output, by hand: one sample, two services, a 1 x 4 grid
// whose last point is empty (mask 0).
//   node 0: output (1, 3), aggregate 4: sums to it, kept, not counted;
//   node 1: output (-1, 2), aggregate 2: clamped to (0, 2), which sums to 2: counted;
//   node 2: output (1, 1), aggregate 4: rescaled to (2, 2): counted;
//   node 3: empty point: 0 whatever the output, not counted.
// So 2 repairs, and the estimate (1, 3 | 0, 2 | 2, 2 | 0, 0). The ratio losses never repair.
TEST(Losses, RegressionRepairCountByHand)
{
    auto d = torch::kDouble;
    auto out = torch::tensor({1.0, -1.0, 1.0, 5.0, 3.0, 2.0, 1.0, 5.0}, d).view({1, 2, 1, 4});
    auto agg = torch::tensor({4.0, 2.0, 4.0, 7.0}, d).view({1, 1, 4});
    auto m = torch::tensor({1.0, 1.0, 1.0, 0.0}, d).view({1, 4});
    DecompositionLoss regression(DecompositionLoss::Parse("regression"));
    int64_t repaired = 0;
    auto e = regression.Estimate(out, agg, m, repaired);
    EXPECT_EQ(repaired, 2) << "nodes 1 and 2 repaired";
    const std::vector<double> expected = {1.0, 0.0, 2.0, 0.0, 3.0, 2.0, 2.0, 0.0};
    auto flat = e.contiguous().view({-1});
    ASSERT_EQ(flat.numel(), 8);
    for (int64_t i = 0; i < 8; ++i)
    {
        EXPECT_NEAR(flat[i].item<double>(), expected[i], 1e-12) << "estimate entry " << i;
    }
    // The count accumulates over calls.
    regression.Estimate(out, agg, m, repaired);
    EXPECT_EQ(repaired, 4) << "counts add up";
    for (const char* name : {"ratio-mse", "ratio-ce"})
    {
        DecompositionLoss ratio(DecompositionLoss::Parse(name));
        int64_t none = 0;
        ratio.Estimate(out, agg, m, none);
        EXPECT_EQ(none, 0) << name << " never repairs";
    }
}

// FLOPs of a convolution and of a small MLP by hand.
TEST(Flops, ConvolutionAndMlpByHand)
{
    // A convolution (3 -> 4 maps, 3x3, 10 outputs) by hand: (2*3*9 + 1) * 4 * 10.
    EXPECT_NEAR(FlopCount::Conv(3, 4, 9, 10), 2200.0, 1e-9) << "conv FLOPs";
    // A small MLP on a 1 x 1 grid, T = 1, one service: layers 1 -> 256 -> 256 -> 256 -> 1,
    // linear (2 in + 1) out each, plus one op per ReLU output.
    NetworkOptions o;
    o.history = 1;
    o.rows = 1;
    o.cols = 1;
    o.services = 1;
    MlpNet mlp(o);
    const double expected = 3.0 * 256 + 513.0 * 256 * 2 + 513.0 + 3 * 256;
    EXPECT_NEAR(mlp->Flops(), expected, 1e-6) << "MLP FLOPs by hand";
}

// 3D-DefCNN overfits 8 samples: the loss falls by 10x or more.
TEST(Networks, DefCnn3dOverfitsEightSamples)
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
    EXPECT_LT(last, first / 10.0) << "loss fell from " << first << " to " << last;
}
