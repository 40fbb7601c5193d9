/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * microscope-bench-neural: inference time per slot of every architecture at every level of
 * the default scenario (792 antennas; 50 MEC, 30 C-RAN, 10 core datacenters, their grids from
 * the minimum-displacement mapping), at batch one (one forward pass per interval, the
 * packet-level mode's way) and batched (--batch intervals per forward pass, the fluid mode's
 * NeuralDecomposer BatchSize), side by side, with the GFLOP/s each achieves next to the
 * machine's GEMM GFLOP/s measured in the same run, and training samples per second at the
 * antenna level. A benchmark: it measures and prints, asserts nothing. Targets: 3D-DefCNN
 * antenna-level inference in at most 50 ms per slot on 2 cores, and at least 10 GFLOP/s
 * batched.
 */

#include "../model/nn/decomposition-loss.h"
#include "../model/nn/network-factory.h"

#include "ns3/core-module.h"
#include "ns3/grid-mapper.h"
#include "ns3/input-error.h"
#include "ns3/microscope-helper.h"
#include "ns3/scenario-flags.h"

#include <chrono>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <torch/torch.h>

using namespace ns3;

namespace
{

/// \return seconds on a steady clock.
double
WallSeconds()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/**
 * Time a function: one warm-up call, then repeats until at least `budget` seconds.
 * \param f the function.
 * \param budget seconds to spend.
 * \return seconds per call.
 */
double
TimeIt(const std::function<void()>& f, double budget)
{
    f();
    const double start = WallSeconds();
    int calls = 0;
    do
    {
        f();
        ++calls;
    } while (WallSeconds() - start < budget);
    return (WallSeconds() - start) / calls;
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t threads = 2;
    uint32_t history = 6;
    double budget = 0.5;
    std::string size = "small";
    uint32_t batch = 24;
    std::string architectures = "all";
    bool training = true;
    CommandLine cmd(__FILE__);
    cmd.AddValue("threads", "LibTorch threads", threads);
    cmd.AddValue("history", "T", history);
    cmd.AddValue("budget", "Seconds spent timing each case", budget);
    cmd.AddValue("size", "small or paper", size);
    cmd.AddValue("batch",
                 "Intervals per forward pass in the batched columns (NeuralDecomposer "
                 "BatchSize)",
                 batch);
    cmd.AddValue("architectures",
                 "Comma-separated architectures to time (e.g. 3d-defcnn,cnn), or all",
                 architectures);
    cmd.AddValue("training", "Also time training at the antenna level", training);
    ScenarioFlags::AddLoggingFlag(cmd); // --logging: the module's log messages
    cmd.Parse(argc, argv);
    if (batch < 1)
    {
        std::cerr << "--batch: at least 1, got " << batch << std::endl;
        return 1;
    }
    std::vector<std::string> names;
    if (architectures == "all")
    {
        names = NetworkFactory::Names();
    }
    else
    {
        std::istringstream list(architectures);
        for (std::string name; std::getline(list, name, ',');)
        {
            try
            {
                NetworkFactory::Parse(name);
            }
            catch (const InputError& e)
            {
                std::cerr << "--architectures: " << e.what() << std::endl;
                return 1;
            }
            names.push_back(name);
        }
    }
    at::set_num_threads(static_cast<int>(threads));
    torch::manual_seed(1);

    // The machine's GEMM rate, in this process.
    auto a = torch::randn({1024, 1024});
    auto b = torch::randn({1024, 1024});
    const double gemm = 2.0 * 1024 * 1024 * 1024 / TimeIt([&]() { torch::mm(a, b); }, budget) / 1e9;
    std::cout << "GEMM 1024x1024, " << threads << " threads: " << std::fixed << std::setprecision(1)
              << gemm << " GFLOP/s\n\n";

    // The default scenario's grids.
    MicroscopeHelper helper;
    helper.SetTrafficGeneratorAttribute("Days", UintegerValue(1));
    helper.SetLoadEstimationDays(1);
    helper.AssignStreams(1);
    helper.BuildScenario();
    std::vector<std::pair<std::string, std::array<int64_t, 2>>> grids;
    for (auto level : ALL_NETWORK_LEVELS)
    {
        Ptr<GridMapper> mapper = CreateObject<GridMapper>();
        mapper->Map(helper.GetTopology()->GetNodePositions(level));
        grids.push_back(
            {NetworkLevelName(level),
             {static_cast<int64_t>(mapper->GetRows()), static_cast<int64_t>(mapper->GetCols())}});
    }

    std::cout << "inference per slot (T = " << history << ", size " << size
              << "): batch 1, and batched (" << batch << " intervals per forward pass)\n"
              << std::left << std::setw(11) << "arch" << std::setw(9) << "level" << std::right
              << std::setw(8) << "grid" << std::setw(10) << "MFLOP" << std::setw(10) << "ms b=1"
              << std::setw(10) << "GFLOP/s" << std::setw(12) << "ms/slot b=" + std::to_string(batch)
              << std::setw(10) << "GFLOP/s" << std::setw(9) << "speed-up"
              << "\n";
    {
        // As NeuralDecomposer runs them: no autograd bookkeeping.
        c10::InferenceMode inference;
        for (const auto& name : names)
        {
            for (const auto& [level, grid] : grids)
            {
                NetworkOptions o;
                o.history = history;
                o.channels = 4;
                o.rows = grid[0];
                o.cols = grid[1];
                o.size = size;
                auto net = NetworkFactory::Create(NetworkFactory::Parse(name), o);
                net->eval();
                auto x = torch::rand({static_cast<int64_t>(batch),
                                      4,
                                      static_cast<int64_t>(history),
                                      grid[0],
                                      grid[1]});
                auto one = x.narrow(0, 0, 1).contiguous();
                const double single = TimeIt([&]() { net->forward(one); }, budget);
                const double batched = TimeIt([&]() { net->forward(x); }, budget) / batch;
                std::ostringstream g;
                g << grid[0] << "x" << grid[1];
                std::cout << std::left << std::setw(11) << name << std::setw(9) << level
                          << std::right << std::setw(8) << g.str() << std::setw(10)
                          << std::setprecision(2) << net->Flops() / 1e6 << std::setw(10)
                          << single * 1e3 << std::setw(10) << net->Flops() / single / 1e9
                          << std::setw(12) << batched * 1e3 << std::setw(10)
                          << net->Flops() / batched / 1e9 << std::setw(9) << std::setprecision(1)
                          << single / batched << "\n";
            }
        }
    }
    if (!training)
    {
        Simulator::Destroy();
        return 0;
    }

    std::cout << "\ntraining at the antenna level (batch 32, ratio-ce, Adam)\n"
              << std::left << std::setw(11) << "arch" << std::right << std::setw(14) << "samples/s"
              << "\n";
    const auto& antenna = grids.front().second;
    for (const auto& name : names)
    {
        NetworkOptions o;
        o.history = history;
        o.channels = 4;
        o.rows = antenna[0];
        o.cols = antenna[1];
        o.size = size;
        auto net = NetworkFactory::Create(NetworkFactory::Parse(name), o);
        net->train();
        torch::optim::Adam adam(net->parameters(), torch::optim::AdamOptions(1e-3));
        DecompositionLoss loss(LossType::RATIO_CE);
        auto x = torch::rand({32, 4, static_cast<int64_t>(history), antenna[0], antenna[1]});
        auto truth = torch::rand({32, 9, antenna[0], antenna[1]});
        auto aggregate = truth.sum(1);
        auto mask = torch::ones({antenna[0], antenna[1]});
        const double seconds = TimeIt(
            [&]()
            {
                adam.zero_grad();
                loss.Compute(net->forward(x), truth, aggregate, mask).backward();
                adam.step();
            },
            budget);
        std::cout << std::left << std::setw(11) << name << std::right << std::setw(14)
                  << std::setprecision(1) << 32 / seconds << "\n";
    }
    Simulator::Destroy();
    return 0;
}
