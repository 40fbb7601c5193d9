/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Benchmark of the synthetic traffic generator: generation speed at 792 antennas (the
 * Microscope paper's deployment, 85 days of 5-minute slots) and at 5000 antennas, the cost
 * of random access, and a check of the long-run normalisation (service shares, mean
 * antenna demand). With --learnability it also measures how much of the decomposition error
 * of the "historical" baseline a simple estimator that only adds recent aggregate history
 * removes (see doc/sections/traffic.rst).
 */

#include "ns3/antenna-layout-helper.h"
#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/input-error.h"
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
 * Solve a small dense linear system by Gaussian elimination with partial pivoting.
 * \param m the matrix, n x n, row-major (destroyed).
 * \param b the right-hand side (destroyed), receives nothing.
 * \param n the size.
 * \return the solution.
 */
std::vector<double>
Solve(std::vector<double> m, std::vector<double> b, uint32_t n)
{
    for (uint32_t c = 0; c < n; ++c)
    {
        uint32_t p = c;
        for (uint32_t r = c + 1; r < n; ++r)
        {
            if (std::abs(m[r * n + c]) > std::abs(m[p * n + c]))
            {
                p = r;
            }
        }
        for (uint32_t k = 0; k < n; ++k)
        {
            std::swap(m[c * n + k], m[p * n + k]);
        }
        std::swap(b[c], b[p]);
        const double piv = m[c * n + c];
        if (std::abs(piv) < 1e-300)
        {
            continue;
        }
        for (uint32_t r = 0; r < n; ++r)
        {
            if (r == c)
            {
                continue;
            }
            const double f = m[r * n + c] / piv;
            for (uint32_t k = c; k < n; ++k)
            {
                m[r * n + k] -= f * m[c * n + k];
            }
            b[r] -= f * b[c];
        }
    }
    std::vector<double> x(n, 0.0);
    for (uint32_t c = 0; c < n; ++c)
    {
        x[c] = std::abs(m[c * n + c]) > 1e-300 ? b[c] / m[c * n + c] : 0.0;
    }
    return x;
}

/**
 * Learnability check. Trains on the first 60 % of the days and tests on the last 20 %:
 * - "historical": per antenna, day type and slot of the day, the mean service shares of the
 *   training period times the current aggregate;
 * - "history-informed": the same shares corrected, per service, by exp(beta . x) and
 *   renormalised, where x holds the deviation of the antenna's log aggregate from its
 *   training mean at that day type and time, its square, the same deviation averaged over
 *   the 8 and over the 32 nearest antennas, and the change of the 8-antenna average over the
 *   last 3 and 6 slots; beta is fitted by least squares of the log-share deviation on the
 *   training period.
 * Both use only the current and the last 6 aggregate snapshots plus training statistics.
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
    auto keyOf = [&](uint32_t a, uint64_t t)
    {
        const uint32_t type = cal->GetDayType(t / spd) == DayType::WORKDAY ? 0 : 1;
        return (static_cast<uint64_t>(a) * 2 + type) * spd + t % spd;
    };
    const size_t nKeys = static_cast<size_t>(nA) * 2 * spd;
    std::vector<double> rbar(nKeys * nS, 0.0);
    std::vector<double> lbar(nKeys, 0.0);
    std::vector<uint32_t> count(nKeys, 0);
    DemandMatrix d;
    // Pass 1: training means.
    for (uint64_t t = 0; t < trainEnd; ++t)
    {
        gen->GetDemand(t, d);
        for (uint32_t a = 0; a < nA; ++a)
        {
            const double agg = d.NodeTotal(a);
            if (!(agg > 0.0))
            {
                continue;
            }
            const uint64_t k = keyOf(a, t);
            ++count[k];
            lbar[k] += std::log(agg);
            for (uint32_t s = 0; s < nS; ++s)
            {
                rbar[k * nS + s] += d(s, a) / agg;
            }
        }
    }
    for (size_t k = 0; k < nKeys; ++k)
    {
        if (count[k] > 0)
        {
            lbar[k] /= count[k];
            for (uint32_t s = 0; s < nS; ++s)
            {
                rbar[k * nS + s] /= count[k];
            }
        }
    }
    // The 8 and 32 nearest antennas of each antenna (brute force).
    const auto& pos = gen->GetAntennaPositions();
    std::vector<std::vector<uint32_t>> neighbours(nA);
    std::vector<std::vector<uint32_t>> wide(nA);
    for (uint32_t a = 0; a < nA; ++a)
    {
        std::vector<std::pair<double, uint32_t>> byDistance;
        for (uint32_t b = 0; b < nA; ++b)
        {
            if (b != a)
            {
                const double dx = pos[a].x - pos[b].x;
                const double dy = pos[a].y - pos[b].y;
                byDistance.emplace_back(dx * dx + dy * dy, b);
            }
        }
        const size_t m = std::min<size_t>(32, byDistance.size());
        std::partial_sort(byDistance.begin(), byDistance.begin() + m, byDistance.end());
        for (size_t i = 0; i < m; ++i)
        {
            if (i < 8)
            {
                neighbours[a].push_back(byDistance[i].second);
            }
            wide[a].push_back(byDistance[i].second);
        }
    }
    constexpr uint32_t F = 7;
    std::vector<std::vector<double>> ata(nS, std::vector<double>(F * F, 0.0));
    std::vector<std::vector<double>> atb(nS, std::vector<double>(F, 0.0));
    std::vector<std::vector<double>> beta(nS, std::vector<double>(F, 0.0));
    std::vector<std::vector<double>> nbHist; // ring of neighbourhood deviations
    double maeBase = 0.0;
    double maeInformed = 0.0;
    uint64_t nTest = 0;
    for (int pass = 0; pass < 2; ++pass)
    {
        const uint64_t from = pass == 0 ? 0 : testStart;
        const uint64_t to = pass == 0 ? trainEnd : n;
        nbHist.assign(7, std::vector<double>(nA, 0.0));
        if (pass == 1)
        {
            for (uint32_t s = 0; s < nS; ++s)
            {
                beta[s] = Solve(ata[s], atb[s], F);
            }
        }
        for (uint64_t t = from; t < to; ++t)
        {
            gen->GetDemand(t, d);
            std::vector<double> dev(nA, 0.0);
            for (uint32_t a = 0; a < nA; ++a)
            {
                const double agg = d.NodeTotal(a);
                const uint64_t k = keyOf(a, t);
                dev[a] = agg > 0.0 && count[k] > 0 ? std::log(agg) - lbar[k] : 0.0;
            }
            std::vector<double> nb(nA, 0.0);
            std::vector<double> nbWide(nA, 0.0);
            for (uint32_t a = 0; a < nA; ++a)
            {
                double sum = dev[a];
                for (uint32_t b : neighbours[a])
                {
                    sum += dev[b];
                }
                nb[a] = sum / (1.0 + neighbours[a].size());
                sum = dev[a];
                for (uint32_t b : wide[a])
                {
                    sum += dev[b];
                }
                nbWide[a] = sum / (1.0 + wide[a].size());
            }
            const uint32_t slotInRing = static_cast<uint32_t>(t % 7);
            nbHist[slotInRing] = nb;
            if (t < from + 6)
            {
                continue;
            }
            const auto& nb3 = nbHist[(t - 3) % 7];
            const auto& nb6 = nbHist[(t - 6) % 7];
            for (uint32_t a = 0; a < nA; ++a)
            {
                const double agg = d.NodeTotal(a);
                const uint64_t k = keyOf(a, t);
                if (!(agg > 0.0) || count[k] == 0)
                {
                    continue;
                }
                const double x[F] = {1.0,
                                     dev[a],
                                     nb[a],
                                     nbWide[a],
                                     nb[a] - nb3[a],
                                     nb[a] - nb6[a],
                                     dev[a] * dev[a]};
                if (pass == 0)
                {
                    for (uint32_t s = 0; s < nS; ++s)
                    {
                        const double r = std::max(d(s, a) / agg, 1e-6);
                        const double y = std::log(r / std::max(rbar[k * nS + s], 1e-6));
                        for (uint32_t i = 0; i < F; ++i)
                        {
                            atb[s][i] += x[i] * y;
                            for (uint32_t j = 0; j < F; ++j)
                            {
                                ata[s][i * F + j] += x[i] * x[j];
                            }
                        }
                    }
                }
                else
                {
                    double z = 0.0;
                    std::vector<double> w(nS);
                    for (uint32_t s = 0; s < nS; ++s)
                    {
                        double e = 0.0;
                        for (uint32_t i = 0; i < F; ++i)
                        {
                            e += beta[s][i] * x[i];
                        }
                        w[s] = rbar[k * nS + s] * std::exp(e);
                        z += w[s];
                    }
                    for (uint32_t s = 0; s < nS; ++s)
                    {
                        maeBase += std::abs(rbar[k * nS + s] * agg - d(s, a));
                        maeInformed += std::abs(w[s] / z * agg - d(s, a));
                    }
                    nTest += nS;
                }
            }
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
