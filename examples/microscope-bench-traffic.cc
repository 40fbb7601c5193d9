/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Benchmark of the synthetic traffic generator: generation speed at 792 antennas (the
 * Microscope paper's deployment, 85 days of 5-minute slots) and at 5000 antennas, the cost
 * of random access, and a check of the long-run normalisation (service shares, mean
 * antenna demand). With --learnability it also measures how much of the decomposition error
 * of the "historical" baseline a simple estimator that only adds recent aggregate history
 * removes, with the library's LinearDecomposer (see doc/sections/traffic.rst).
 */

#include "ns3/antenna-layout-helper.h"
#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/input-error.h"
#include "ns3/linear-decomposer.h"
#include "ns3/scenario-flags.h"
#include "ns3/synthetic-traffic-generator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <vector>

using namespace ns3;

namespace
{

/// \return seconds since an arbitrary origin (steady clock).
double
WallClock()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/**
 * Build a layout and a generator.
 * \param antennas number of antennas.
 * \param days horizon.
 * \return the generator, built.
 */
Ptr<SyntheticTrafficGenerator>
MakeGenerator(uint32_t antennas, uint32_t days)
{
    AntennaLayoutHelper layout;
    layout.SetGeneratorAttribute("NumAntennas", UintegerValue(antennas));
    if (antennas > 2000)
    {
        // Keep the centre density of the default at a larger count.
        layout.SetGeneratorAttribute("MinSpacing", DoubleValue(30.0));
    }
    layout.AssignStreams(1);
    auto positions = layout.Generate();
    auto gen = CreateObject<SyntheticTrafficGenerator>();
    gen->SetAttribute("Days", UintegerValue(days));
    gen->SetAntennaPositions(positions);
    gen->AssignStreams(10);
    return gen;
}

/**
 * Learnability check. Trains on the first 60 % of the days and tests on the last 20 %, at the
 * antennas, one slot per interval, with the library's LinearDecomposer (the "linear" lane of
 * microscope-slicing):
 * - "historical": per antenna, day type and slot of the day, the mean service shares of the
 *   training period times the current aggregate (LinearDecomposer::GetBaseShare());
 * - "history-informed linear": the same shares corrected, per service, by exp(beta . x) and
 *   renormalised, where x holds the deviation of the antenna's log aggregate from its
 *   training mean at that day type and time, its square, the same deviation averaged over
 *   the 8 and over the 32 nearest antennas, and the change of the 8-antenna average over the
 *   last 3 and 6 slots; beta is fitted by least squares of the log-share deviation on the
 *   training period (LinearDecomposer::Decompose()).
 * The first 6 test slots, whose lags fall in the validation days that are not fed to the
 * decomposer here, are not scored.
 * \param gen the generator.
 */
void
Learnability(Ptr<SyntheticTrafficGenerator> gen)
{
    const uint32_t nA = gen->GetNAntennas();
    const uint32_t nS = gen->GetServiceCatalog()->GetN();
    auto cal = gen->GetCalendar();
    const uint32_t spd = cal->GetSlotsPerDay();
    const uint64_t n = gen->GetNSlots();
    const uint64_t nDays = n / spd;
    const uint64_t trainEnd = static_cast<uint64_t>(std::floor(0.6 * nDays)) * spd;
    const uint64_t testStart = static_cast<uint64_t>(std::floor(0.8 * nDays)) * spd;

    DecomposerSetup setup;
    setup.level = NetworkLevel::ANTENNA;
    setup.nNodes = nA;
    setup.nServices = nS;
    setup.historyLength = 1;
    setup.interval = cal->GetSlotDuration();
    setup.intervalsPerDay = spd;
    setup.nodePositions = gen->GetAntennaPositions();
    setup.catalog = gen->GetServiceCatalog();
    auto linear = CreateObject<LinearDecomposer>();
    linear->Setup(setup);
    AggregateHistory history;
    history.Reset(1, nA);
    DemandMatrix d;
    DemandMatrix estimate;
    auto contextOf = [&](uint64_t t)
    {
        DecompositionContext ctx;
        ctx.interval = t;
        ctx.firstSlot = t;
        ctx.day = t / spd;
        ctx.intervalOfDay = static_cast<uint32_t>(t % spd);
        ctx.dayType = cal->GetDayType(ctx.day);
        return ctx;
    };
    for (uint64_t t = 0; t < trainEnd; ++t)
    {
        gen->GetDemand(t, d);
        history.Push(d.Aggregate());
        linear->Train(contextOf(t), history, d);
    }
    linear->EndTraining();
    double maeBase = 0.0;
    double maeInformed = 0.0;
    uint64_t nTest = 0;
    for (uint64_t t = testStart; t < n; ++t)
    {
        gen->GetDemand(t, d);
        history.Push(d.Aggregate());
        const DecompositionContext ctx = contextOf(t);
        linear->Decompose(ctx, history, estimate);
        if (t < testStart + 6)
        {
            continue;
        }
        const auto& agg = history.Newest();
        for (uint32_t a = 0; a < nA; ++a)
        {
            if (!(agg[a] > 0.0))
            {
                continue;
            }
            for (uint32_t s = 0; s < nS; ++s)
            {
                const double base = linear->GetBaseShare(ctx.dayType, ctx.intervalOfDay, s, a);
                maeBase += std::abs(base * agg[a] - d(s, a));
                maeInformed += std::abs(estimate(s, a) - d(s, a));
            }
            nTest += nS;
        }
    }
    std::printf("learnability (%u antennas, train days 0-%llu, test days %llu-%llu):\n",
                nA,
                static_cast<unsigned long long>(trainEnd / spd - 1),
                static_cast<unsigned long long>(testStart / spd),
                static_cast<unsigned long long>(nDays - 1));
    std::printf("  MAE historical %.5f Mbps, history-informed linear %.5f Mbps (%+.1f %%)\n",
                maeBase / nTest,
                maeInformed / nTest,
                100.0 * (maeInformed / maeBase - 1.0));
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t antennas = 792;
    uint32_t days = 85;
    uint32_t largeAntennas = 5000;
    uint32_t largeDays = 3;
    bool learnability = true;
    CommandLine cmd(__FILE__);
    cmd.AddValue("antennas", "antennas of the main run", antennas);
    cmd.AddValue("days", "days of the main run", days);
    cmd.AddValue("largeAntennas", "antennas of the large run", largeAntennas);
    cmd.AddValue("largeDays", "days generated in the large run", largeDays);
    cmd.AddValue("learnability", "also run the learnability check", learnability);
    ScenarioFlags::AddLoggingFlag(cmd); // --logging: the module's log messages
    cmd.Parse(argc, argv);

    try
    {
        // Main run: full horizon, sequential.
        double t0 = WallClock();
        auto gen = MakeGenerator(antennas, days);
        gen->Build();
        double tBuild = WallClock() - t0;
        const uint64_t n = gen->GetNSlots();
        const uint32_t nS = gen->GetServiceCatalog()->GetN();
        std::vector<double> serviceTotal(nS, 0.0);
        DemandMatrix d;
        t0 = WallClock();
        for (uint64_t t = 0; t < n; ++t)
        {
            gen->GetDemand(t, d);
            for (uint32_t s = 0; s < nS; ++s)
            {
                serviceTotal[s] += d.ServiceTotal(s);
            }
        }
        double tGen = WallClock() - t0;
        double total = 0.0;
        for (double v : serviceTotal)
        {
            total += v;
        }
        std::printf("traffic: %u antennas x %u services x %llu slots (%u days)\n",
                    antennas,
                    nS,
                    static_cast<unsigned long long>(n),
                    days);
        std::printf("  build %.3f s, generation %.3f s = %.4f ms/slot\n",
                    tBuild,
                    tGen,
                    1e3 * tGen / n);
        std::printf("  mean antenna demand %.4f Mbps (attribute %.4f)\n",
                    total / (antennas * static_cast<double>(n)),
                    1.84);
        for (uint32_t s = 0; s < nS; ++s)
        {
            const double share = gen->GetServiceCatalog()->Get(s).share;
            std::printf("  %-10s share %.4f catalog %.4f (%+.2f %%)\n",
                        gen->GetServiceCatalog()->Get(s).name.c_str(),
                        serviceTotal[s] / total,
                        share,
                        100.0 * (serviceTotal[s] / total / share - 1.0));
        }

        // Random access: back to the middle of the horizon, then sequentially on.
        t0 = WallClock();
        gen->GetDemand(n / 2 + 7, d);
        double tBack = WallClock() - t0;
        t0 = WallClock();
        gen->GetDemand(3, d);
        double tStart = WallClock() - t0;
        std::printf("  random access: slot %llu after the last %.3f ms, slot 3 %.3f ms\n",
                    static_cast<unsigned long long>(n / 2 + 7),
                    1e3 * tBack,
                    1e3 * tStart);

        // Large run.
        t0 = WallClock();
        auto big = MakeGenerator(largeAntennas, largeDays);
        big->Build();
        tBuild = WallClock() - t0;
        const uint64_t nb = big->GetNSlots();
        t0 = WallClock();
        for (uint64_t t = 0; t < nb; ++t)
        {
            big->GetDemand(t, d);
        }
        tGen = WallClock() - t0;
        if (learnability)
        {
            Learnability(gen);
        }
        std::printf("traffic: %u antennas x %u services x %llu slots (%u days)\n",
                    largeAntennas,
                    nS,
                    static_cast<unsigned long long>(nb),
                    largeDays);
        std::printf("  build %.3f s, generation %.3f s = %.4f ms/slot\n",
                    tBuild,
                    tGen,
                    1e3 * tGen / nb);
    }
    catch (const InputError& e)
    {
        std::cerr << "error: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
