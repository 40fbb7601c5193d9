/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The honest cost baselines of the cost-aware comparison: historical-tuned (a headroom on the
 * historical estimate), quantile (a quantile of the training demand) and deepcog (a cost-aware
 * forecaster of each service's true demand). Tuned on the validation days only, checked
 * against brute force and hand arithmetic, bad attributes refused, and run end to end through
 * the SlotOrchestrator.
 */

#include "microscope-orchestrator-test-utils.h"

#include "ns3/boolean.h"
#include "ns3/cost-accountant.h"
#include "ns3/deepcog-decomposer.h"
#include "ns3/double.h"
#include "ns3/historical-decomposer.h"
#include "ns3/historical-tuned-decomposer.h"
#include "ns3/nstime.h"
#include "ns3/quantile-decomposer.h"
#include "ns3/simulator.h"
#include "ns3/slot-orchestrator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::microscope_test;

namespace
{

/// A truth of (interval, service, node), Mbps.
using TruthFunction = std::function<double(uint64_t, uint32_t, uint32_t)>;

/**
 * Feeds a decomposer directly, interval by interval, as the orchestrator does: Train() on the
 * training days, then Decompose()+Validate()+Observe() on the validation days, EndValidation(),
 * then Decompose()+Observe() on the test days (EndTraining() at the end if there are none). Every
 * day has intervalsPerDay intervals; the days listed in holidays are HOLIDAY.
 */
struct Feeder
{
    DecomposerSetup setup;                //!< the setup given to Setup()
    uint32_t trainDays{0};                //!< training days
    uint32_t validationDays{0};           //!< validation days
    uint32_t testDays{0};                 //!< test days
    std::vector<uint64_t> holidays;       //!< holiday day indices
    std::vector<DemandMatrix> estimates;  //!< test-day estimates, in order
    std::vector<DemandMatrix> testTruths; //!< test-day truths, in order

    /**
     * \param d a decomposer, already configured.
     * \param truth the truth.
     */
    void Run(Ptr<Decomposer> d, const TruthFunction& truth)
    {
        d->Setup(setup);
        AggregateHistory history;
        history.Reset(setup.historyLength, setup.nNodes);
        const uint32_t ipd = setup.intervalsPerDay;
        const uint64_t total = static_cast<uint64_t>(trainDays + validationDays + testDays) * ipd;
        DemandMatrix m(setup.nServices, setup.nNodes);
        DemandMatrix estimate;
        bool trainingEnded = false;
        bool validationEnded = false;
        estimates.clear();
        testTruths.clear();
        for (uint64_t i = 0; i < total; ++i)
        {
            DecompositionContext ctx;
            ctx.level = setup.level;
            ctx.interval = i;
            ctx.firstSlot = i;
            ctx.day = i / ipd;
            ctx.intervalOfDay = static_cast<uint32_t>(i % ipd);
            ctx.dayType = std::find(holidays.begin(), holidays.end(), ctx.day) != holidays.end()
                              ? DayType::HOLIDAY
                              : DayType::WORKDAY;
            for (uint32_t s = 0; s < setup.nServices; ++s)
            {
                for (uint32_t n = 0; n < setup.nNodes; ++n)
                {
                    m(s, n) = truth(i, s, n);
                }
            }
            ctx.truth = &m;
            history.Push(m.Aggregate());
            if (ctx.day < trainDays)
            {
                d->Train(ctx, history, m);
                continue;
            }
            if (!trainingEnded)
            {
                d->EndTraining();
                trainingEnded = true;
            }
            const bool validation = ctx.day < trainDays + validationDays;
            if (!validation && !validationEnded)
            {
                d->EndValidation();
                validationEnded = true;
            }
            d->Decompose(ctx, history, estimate);
            if (validation)
            {
                d->Validate(ctx, history, m);
            }
            else
            {
                estimates.push_back(estimate);
                testTruths.push_back(m);
            }
            d->Observe(ctx, m);
        }
        if (!trainingEnded)
        {
            d->EndTraining();
        }
    }
};

/**
 * The accountant's cost of allocations over a set of intervals: fees alpha * peak (the peak
 * truth of each (service, node) over those intervals) per violated interval, plus
 * overprovisioning.
 * \param alloc the allocations.
 * \param truths the truths.
 * \param alpha the fee factor.
 * \return the total cost, Mbps summed over the intervals.
 */
double
AccountantCost(const std::vector<DemandMatrix>& alloc,
               const std::vector<DemandMatrix>& truths,
               double alpha)
{
    const uint32_t S = truths.at(0).GetNServices();
    const uint32_t N = truths.at(0).GetNNodes();
    double cost = 0.0;
    for (uint32_t s = 0; s < S; ++s)
    {
        for (uint32_t n = 0; n < N; ++n)
        {
            double peak = 0.0;
            for (const auto& t : truths)
            {
                peak = std::max(peak, t(s, n));
            }
            for (size_t i = 0; i < truths.size(); ++i)
            {
                const double x = alloc[i](s, n);
                const double d = truths[i](s, n);
                cost += (x < d ? alpha * peak : 0.0) + std::max(x - d, 0.0);
            }
        }
    }
    return cost;
}

/**
 * \param f a function that must throw an InputError.
 * \param needles strings its message must contain.
 * \return "" if it threw one containing them all, else what went wrong.
 */
std::string
ExpectInputError(const std::function<void()>& f, const std::vector<std::string>& needles)
{
    try
    {
        f();
    }
    catch (const InputError& e)
    {
        const std::string what = e.what();
        for (const auto& n : needles)
        {
            if (what.find(n) == std::string::npos)
            {
                return "message '" + what + "' lacks '" + n + "'";
            }
        }
        return "";
    }
    return "no InputError";
}

/// A small datacenter-level setup.
DecomposerSetup
SmallSetup(uint32_t nServices, uint32_t nNodes, uint32_t intervalsPerDay)
{
    DecomposerSetup setup;
    setup.level = NetworkLevel::MEC;
    setup.nServices = nServices;
    setup.nNodes = nNodes;
    setup.historyLength = 3;
    setup.interval = Hours(24.0 / intervalsPerDay);
    setup.intervalsPerDay = intervalsPerDay;
    setup.catalog = MakeCatalog(nServices);
    for (uint32_t n = 0; n < nNodes; ++n)
    {
        setup.nodePositions.emplace_back(100.0 * n, 0.0, 0.0);
    }
    return setup;
}

} // namespace

/**
 * \ingroup microscope-tests
 * The tuned headroom is the brute-force argmin of the accountant's cost over the grid, and
 * the estimate is (1 + h) times the historical one.
 */
class HeadroomBruteForceTestCase : public TestCase
{
public:
    HeadroomBruteForceTestCase()
        : TestCase("historical-tuned: validation costs and headroom equal a brute-force search")
    {
    }

private:
    void DoRun() override
    {
        for (bool perService : {true, false})
        {
            Check(perService);
        }
    }

    /// \param perService one headroom per service or one for the level.
    void Check(bool perService)
    {
        Feeder f;
        f.setup = SmallSetup(2, 3, 4);
        f.setup.costAlpha = 1.5;
        f.setup.violationTolerance = 0.05;
        f.trainDays = 6;
        f.validationDays = 3;
        f.testDays = 1;
        f.holidays = {5};
        const uint32_t ipd = 4;
        // Shares drift from training to validation: service 1 grows by 30 %, so that its
        // historical estimate falls short and a positive headroom pays.
        TruthFunction truth = [&](uint64_t i, uint32_t s, uint32_t n)
        {
            const double base = (1.0 + n) * (2.0 + std::sin(i % ipd + s)) * (s + 1);
            const double noise = 1.0 + 0.4 * (Hash01(i * 64 + s * 8 + n) - 0.5);
            const bool validation = i >= f.trainDays * ipd;
            return base * noise * (validation && s == 1 ? 1.3 : 1.0);
        };
        auto tuned = CreateObject<HistoricalTunedDecomposer>();
        tuned->SetAttribute("MinHeadroom", DoubleValue(-0.2));
        tuned->SetAttribute("MaxHeadroom", DoubleValue(1.0));
        tuned->SetAttribute("HeadroomStep", DoubleValue(0.05));
        tuned->SetAttribute("PerService", BooleanValue(perService));
        f.Run(tuned, truth);
        const std::vector<DemandMatrix> tunedTest = f.estimates;

        // The same historical decomposer, plain: its validation estimates for brute force.
        auto plain = CreateObject<HistoricalDecomposer>();
        Feeder g = f;
        std::vector<DemandMatrix> valEst;
        std::vector<DemandMatrix> valTruth;
        g.validationDays = 0;
        g.testDays = f.validationDays + f.testDays;
        g.Run(plain, truth);
        for (uint32_t j = 0; j < f.validationDays * ipd; ++j)
        {
            valEst.push_back(g.estimates[j]);
            valTruth.push_back(g.testTruths[j]);
        }
        const auto& h = tuned->GetCandidates();
        NS_TEST_ASSERT_MSG_EQ(h.size(), 25, "-0.2 to 1 by 0.05: 25 candidates");
        const double keep = 1.0 - f.setup.violationTolerance;
        // brute[s][k]: the accountant's cost of service s for candidate k.
        std::vector<std::vector<double>> brute(2, std::vector<double>(h.size(), 0.0));
        for (uint32_t s = 0; s < 2; ++s)
        {
            for (uint32_t n = 0; n < 3; ++n)
            {
                double peak = 0.0;
                for (const auto& t : valTruth)
                {
                    peak = std::max(peak, t(s, n));
                }
                for (size_t k = 0; k < h.size(); ++k)
                {
                    for (size_t i = 0; i < valTruth.size(); ++i)
                    {
                        const double x = (1.0 + h[k]) * valEst[i](s, n);
                        const double d = valTruth[i](s, n);
                        brute[s][k] +=
                            (x < d * keep ? f.setup.costAlpha * peak : 0.0) + std::max(x - d, 0.0);
                    }
                }
            }
        }
        auto argmin = [](const std::vector<double>& c)
        {
            size_t best = 0;
            for (size_t k = 1; k < c.size(); ++k)
            {
                best = c[k] < c[best] - 1e-9 ? k : best;
            }
            return best;
        };
        std::vector<double> expected(2);
        if (perService)
        {
            for (uint32_t s = 0; s < 2; ++s)
            {
                const auto& costs = tuned->GetValidationCosts(s);
                for (size_t k = 0; k < h.size(); ++k)
                {
                    NS_TEST_ASSERT_MSG_EQ_TOL(costs[k],
                                              brute[s][k],
                                              1e-9 * std::max(1.0, brute[s][k]),
                                              "service " << s << ", h = " << h[k]);
                }
                expected[s] = h[argmin(brute[s])];
            }
            NS_TEST_ASSERT_MSG_GT(expected[1], expected[0], "the grown service needs more");
            NS_TEST_ASSERT_MSG_GT(expected[1], 0.0, "a positive headroom pays for service 1");
        }
        else
        {
            std::vector<double> sum(h.size());
            for (size_t k = 0; k < h.size(); ++k)
            {
                sum[k] = brute[0][k] + brute[1][k];
                NS_TEST_ASSERT_MSG_EQ_TOL(tuned->GetValidationCosts(0)[k],
                                          sum[k],
                                          1e-9 * std::max(1.0, sum[k]),
                                          "level, h = " << h[k]);
            }
            expected[0] = expected[1] = h[argmin(sum)];
        }
        for (uint32_t s = 0; s < 2; ++s)
        {
            NS_TEST_ASSERT_MSG_EQ_TOL(tuned->GetHeadrooms()[s],
                                      expected[s],
                                      1e-12,
                                      "headroom of service " << s << " (per service " << perService
                                                             << ")");
        }
        // Test-day estimates: (1 + h_s) times the historical ones.
        const size_t offset = f.validationDays * ipd;
        for (size_t i = 0; i < tunedTest.size(); ++i)
        {
            for (uint32_t s = 0; s < 2; ++s)
            {
                for (uint32_t n = 0; n < 3; ++n)
                {
                    const double e = g.estimates[offset + i](s, n) * (1.0 + expected[s]);
                    NS_TEST_ASSERT_MSG_EQ_TOL(tunedTest[i](s, n), e, 1e-12 * e, "estimate");
                }
            }
        }
        NS_TEST_ASSERT_MSG_EQ(tuned->PreservesAggregate(), false, "capacities");
        NS_TEST_ASSERT_MSG_EQ(tuned->NeedsValidation(), true, "tuned on validation");
        NS_TEST_ASSERT_MSG_EQ(tuned->GetName(), "historical-tuned", "name");
    }
};

/**
 * \ingroup microscope-tests
 * The quantile is the exact order statistic of the cell's training samples; a cell without a
 * sample of its day type uses the other's; the choice on validation is the hand-computed one.
 */
class QuantileOrderStatisticTestCase : public TestCase
{
public:
    QuantileOrderStatisticTestCase()
        : TestCase("quantile: exact order statistics, day-type fallback, hand-computed choice")
    {
    }

private:
    void DoRun() override
    {
        // One node, one service, one interval a day. Days 0-4 workdays with 5, 1, 4, 2, 3;
        // days 5-6 holidays with 10, 20.
        const std::vector<double> train = {5, 1, 4, 2, 3, 10, 20};
        Feeder f;
        f.setup = SmallSetup(1, 1, 1);
        f.trainDays = 7;
        f.holidays = {5, 6};
        auto q = CreateObject<QuantileDecomposer>();
        f.Run(q, [&](uint64_t i, uint32_t, uint32_t) { return train.at(i); });
        // Sorted workdays 1 2 3 4 5: k = ceil(q m), m = 5.
        const std::vector<std::pair<double, double>> workday = {{0.2, 1}, // k = 1
                                                                {0.5, 3}, // ceil(2.5) = 3
                                                                {0.6, 3}, // 3.0 -> 3
                                                                {0.61, 4},
                                                                {0.9, 5}, // ceil(4.5)
                                                                {0.01, 1}};
        for (const auto& [p, v] : workday)
        {
            NS_TEST_ASSERT_MSG_EQ(q->GetQuantile(DayType::WORKDAY, 0, 0, 0, p), v, "q = " << p);
        }
        // Holidays 10 20: q = 0.5 -> k = 1; 0.51 -> k = 2.
        NS_TEST_ASSERT_MSG_EQ(q->GetQuantile(DayType::HOLIDAY, 0, 0, 0, 0.5), 10, "holiday");
        NS_TEST_ASSERT_MSG_EQ(q->GetQuantile(DayType::HOLIDAY, 0, 0, 0, 0.51), 20, "holiday");

        // Without a holiday among the training days, holidays use the workdays' samples.
        Feeder w = f;
        w.trainDays = 5;
        w.holidays = {};
        auto qw = CreateObject<QuantileDecomposer>();
        w.Run(qw, [&](uint64_t i, uint32_t, uint32_t) { return train.at(i); });
        NS_TEST_ASSERT_MSG_EQ(qw->GetQuantile(DayType::HOLIDAY, 0, 0, 0, 0.5),
                              3,
                              "fallback to the workday samples");

        // Choice on validation. Training 1..10 (ten workdays); candidates 0.9 and 0.5 (given
        // unsorted): q 0.5 -> 5, q 0.9 -> 9. Validation: two days of 8 (peak 8).
        //   alpha 1:   q 0.5 violates twice, 2 x 1 x 8 = 16; q 0.9 overprovisions 1 + 1 = 2.
        //   alpha 0.1: q 0.5 costs 2 x 0.1 x 8 = 1.6 < 2.
        for (double alpha : {1.0, 0.1})
        {
            Feeder v;
            v.setup = SmallSetup(1, 1, 1);
            v.setup.costAlpha = alpha;
            v.trainDays = 10;
            v.validationDays = 2;
            v.testDays = 1;
            auto qv = CreateObject<QuantileDecomposer>();
            qv->SetAttribute("Quantiles", StringValue("0.9, 0.5"));
            v.Run(qv, [](uint64_t i, uint32_t, uint32_t) { return i < 10 ? i + 1.0 : 8.0; });
            NS_TEST_ASSERT_MSG_EQ(qv->GetCandidates().size(), 2, "two candidates");
            NS_TEST_ASSERT_MSG_EQ(qv->GetCandidates()[0], 0.5, "sorted");
            const auto& c = qv->GetValidationCosts(0);
            NS_TEST_ASSERT_MSG_EQ_TOL(c[0], 16 * alpha, 1e-12, "q 0.5: two fees");
            NS_TEST_ASSERT_MSG_EQ_TOL(c[1], 2.0, 1e-12, "q 0.9: two overprovisionings of 1");
            const double chosen = alpha == 1.0 ? 0.9 : 0.5;
            NS_TEST_ASSERT_MSG_EQ(qv->GetChosenQuantiles()[0], chosen, "alpha " << alpha);
            NS_TEST_ASSERT_MSG_EQ(v.estimates.at(0)(0, 0),
                                  (chosen == 0.9 ? 9.0 : 5.0),
                                  "test-day capacity");
        }
        NS_TEST_ASSERT_MSG_EQ(q->GetName(), "quantile", "name");
        NS_TEST_ASSERT_MSG_EQ(q->PreservesAggregate(), false, "capacities");
    }
};

/**
 * \ingroup microscope-tests
 * Bad attributes are InputErrors naming the attribute.
 */
class CostBaselinesBadInputTestCase : public TestCase
{
public:
    CostBaselinesBadInputTestCase()
        : TestCase("cost baselines: bad quantiles, empty headroom ranges, bad eps are refused")
    {
    }

private:
    void DoRun() override
    {
        const DecomposerSetup setup = SmallSetup(2, 2, 4);
        auto quantile = [&](const std::string& text)
        {
            return [text, &setup]()
            {
                auto q = CreateObject<QuantileDecomposer>();
                q->SetAttribute("Quantiles", StringValue(text));
                q->Setup(setup);
            };
        };
        std::string err;
        err = ExpectInputError(quantile("0.5,1.0"), {"Quantiles", "'1.0'", "(0, 1)"});
        NS_TEST_ASSERT_MSG_EQ(err, "", "quantile 1");
        err = ExpectInputError(quantile("0,0.5"), {"Quantiles", "'0'"});
        NS_TEST_ASSERT_MSG_EQ(err, "", "quantile 0");
        err = ExpectInputError(quantile("0.5,-0.2"), {"Quantiles", "'-0.2'"});
        NS_TEST_ASSERT_MSG_EQ(err, "", "negative quantile");
        err = ExpectInputError(quantile("0.5,0.9x"), {"Quantiles", "'0.9x'", "not a number"});
        NS_TEST_ASSERT_MSG_EQ(err, "", "not a number");
        err = ExpectInputError(quantile(" , "), {"Quantiles", "no candidate"});
        NS_TEST_ASSERT_MSG_EQ(err, "", "empty list");
        err = ExpectInputError(quantile("nan"), {"Quantiles", "'nan'"});
        NS_TEST_ASSERT_MSG_EQ(err, "", "NaN quantile");

        auto headroom = [&](double lo, double hi, double step)
        {
            return [=, &setup]()
            {
                auto h = CreateObject<HistoricalTunedDecomposer>();
                h->SetAttribute("MinHeadroom", DoubleValue(lo));
                h->SetAttribute("MaxHeadroom", DoubleValue(hi));
                h->SetAttribute("HeadroomStep", DoubleValue(step));
                h->Setup(setup);
            };
        };
        err = ExpectInputError(headroom(0, 1, 0), {"HeadroomStep", "> 0"});
        NS_TEST_ASSERT_MSG_EQ(err, "", "zero step");
        err = ExpectInputError(headroom(0, 1, -0.1), {"HeadroomStep"});
        NS_TEST_ASSERT_MSG_EQ(err, "", "negative step");
        err = ExpectInputError(headroom(1, 0.5, 0.1), {"MaxHeadroom", "empty", "MinHeadroom"});
        NS_TEST_ASSERT_MSG_EQ(err, "", "max below min");
        err = ExpectInputError(headroom(0, 3, 1e-6), {"HeadroomStep", "too fine"});
        NS_TEST_ASSERT_MSG_EQ(err, "", "too many candidates");
        // A single candidate (max == min) is a valid, if trivial, search.
        err = ExpectInputError(headroom(0.5, 0.5, 0.1), {});
        NS_TEST_ASSERT_MSG_EQ(err, "no InputError", "one candidate is fine");

        auto deepcog = [&](const std::string& name, double value)
        {
            return [=, &setup]()
            {
                auto d = CreateObject<DeepCogDecomposer>();
                d->SetAttribute(name, DoubleValue(value));
                d->Setup(setup);
            };
        };
        err = ExpectInputError(deepcog("Epsilon", 0.0), {"Epsilon", "> 0"});
        NS_TEST_ASSERT_MSG_EQ(err, "", "eps 0");
        err = ExpectInputError(deepcog("Epsilon", -0.01), {"Epsilon"});
        NS_TEST_ASSERT_MSG_EQ(err, "", "negative eps");
        err = ExpectInputError(deepcog("LearningRate", 0.0), {"LearningRate"});
        NS_TEST_ASSERT_MSG_EQ(err, "", "zero learning rate");
        // A window as long as the training period leaves nothing to learn from.
        err = ExpectInputError(
            [&]()
            {
                Feeder f;
                f.setup = setup;
                f.trainDays = 2;
                f.testDays = 1;
                auto d = CreateObject<DeepCogDecomposer>();
                d->SetAttribute("Window", UintegerValue(8));
                f.Run(d, [](uint64_t, uint32_t, uint32_t) { return 1.0; });
            },
            {"Window", "8"});
        NS_TEST_ASSERT_MSG_EQ(err, "", "window too long");

        // The orchestrator refuses a lane that tunes on validation days when there are none.
        err = ExpectInputError(
            [&]()
            {
                auto source =
                    Create<FunctionTrafficSource>(2,
                                                  3,
                                                  5 * 24,
                                                  Hours(1),
                                                  [](uint64_t, uint32_t, uint32_t) { return 1.0; });
                Ptr<SlotOrchestrator> o = CreateObject<SlotOrchestrator>();
                o->SetTrafficSource(source);
                o->SetTopology(MakeTopology(3, {}, {}, {}));
                o->AddLane("quantile", NetworkLevel::ANTENNA, CreateObject<QuantileDecomposer>());
                o->SetAttribute("AntennaInterval", TimeValue(Hours(1)));
                o->SetAttribute("ValidationFraction", DoubleValue(0.0));
                o->Start();
            },
            {"ValidationFraction", "quantile"});
        Simulator::Destroy();
        NS_TEST_ASSERT_MSG_EQ(err, "", "no validation days");
    }
};

/**
 * \ingroup microscope-tests
 * deepcog: non-negative, reproducible from its stream (and not from another), and cheaper
 * than the naive last-value forecast on a series with a clear daily rhythm.
 */
class DeepCogTestCase : public TestCase
{
public:
    DeepCogTestCase()
        : TestCase("deepcog: deterministic per stream, non-negative, beats last-value in cost")
    {
    }

private:
    void DoRun() override
    {
        Feeder f;
        f.setup = SmallSetup(2, 3, 24);
        f.setup.historyLength = 4;
        f.trainDays = 14;
        f.validationDays = 0;
        f.testDays = 4;
        f.holidays = {5, 6, 12, 13};
        // A daily rhythm (the phase depends on the service), 10 % noise.
        TruthFunction truth = [](uint64_t i, uint32_t s, uint32_t n)
        {
            const double rhythm = 0.55 + 0.4 * std::sin(2 * M_PI * (i % 24) / 24.0 + 1.7 * s);
            return (1.0 + n) * (s + 1.0) * 10.0 * rhythm *
                   (1.0 + 0.1 * (Hash01(i * 32 + s * 8 + n) - 0.5));
        };
        auto run = [&](int64_t stream, const TruthFunction& truth)
        {
            auto d = CreateObject<DeepCogDecomposer>();
            d->SetAttribute("Epochs", UintegerValue(40));
            d->SetAttribute("Patience", UintegerValue(10));
            d->SetAttribute("BatchSize", UintegerValue(64));
            d->SetAttribute("LearningRate", DoubleValue(3e-3));
            d->SetAttribute("Threads", UintegerValue(1));
            d->AssignStreams(stream);
            f.Run(d, truth);
            NS_TEST_EXPECT_MSG_GT(d->GetEpochsRun(), 0, "trained");
            NS_TEST_EXPECT_MSG_EQ(d->GetWindow(), 4, "window = History");
            return f.estimates;
        };
        const auto a = run(7, truth);
        const std::vector<DemandMatrix> truths = f.testTruths;
        const auto b = run(7, truth);
        const auto c = run(8, truth);
        // No peeking: tripling the truth of test interval k changes the forecasts from k + 1
        // on (Observe() feeds it in), never the forecast of k itself.
        const uint64_t first = f.trainDays * 24;
        const uint64_t k = 10;
        const auto p = run(7,
                           [&](uint64_t i, uint32_t s, uint32_t n)
                           { return truth(i, s, n) * (i == first + k ? 3.0 : 1.0); });
        bool same = true;
        bool differs = false;
        for (size_t i = 0; i < a.size(); ++i)
        {
            const size_t bytes = sizeof(double) * 6;
            same = same && std::memcmp(a[i].Data(), b[i].Data(), bytes) == 0;
            differs = differs || std::memcmp(a[i].Data(), c[i].Data(), bytes) != 0;
            for (uint32_t s = 0; s < 2; ++s)
            {
                for (uint32_t n = 0; n < 3; ++n)
                {
                    NS_TEST_ASSERT_MSG_GT_OR_EQ(a[i](s, n), 0.0, "non-negative");
                    NS_TEST_ASSERT_MSG_EQ(std::isfinite(a[i](s, n)), true, "finite");
                }
            }
        }
        NS_TEST_ASSERT_MSG_EQ(a.size(), 4 * 24, "four test days");
        NS_TEST_ASSERT_MSG_EQ(same, true, "same stream, byte-identical forecasts");
        NS_TEST_ASSERT_MSG_EQ(differs, true, "another stream, other forecasts");
        for (size_t i = 0; i <= k; ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(std::memcmp(a[i].Data(), p[i].Data(), sizeof(double) * 6),
                                  0,
                                  "interval " << i << ": its own truth is not seen");
        }
        NS_TEST_ASSERT_MSG_NE(std::memcmp(a[k + 1].Data(), p[k + 1].Data(), sizeof(double) * 6),
                              0,
                              "the next forecast reads the observed truth");

        // Naive: the last true value.
        std::vector<DemandMatrix> naive;
        for (uint64_t i = first; i < first + truths.size(); ++i)
        {
            DemandMatrix m(2, 3);
            for (uint32_t s = 0; s < 2; ++s)
            {
                for (uint32_t n = 0; n < 3; ++n)
                {
                    m(s, n) = truth(i - 1, s, n);
                }
            }
            naive.push_back(m);
        }
        const double deepcog = AccountantCost(a, truths, 1.0);
        const double last = AccountantCost(naive, truths, 1.0);
        NS_TEST_ASSERT_MSG_LT(deepcog, 0.8 * last, "deepcog below 80 % of the naive cost");
    }
};

/**
 * \ingroup microscope-tests
 * Through the SlotOrchestrator: the tuned headrooms and chosen quantiles depend on the
 * validation days only, and the non-conserving lanes' allocations are kept above the
 * aggregate.
 */
class CostBaselinesPipelineTestCase : public TestCase
{
public:
    CostBaselinesPipelineTestCase()
        : TestCase("cost baselines in the slot pipeline: tuned on validation days only; "
                   "allocations above the aggregate kept")
    {
    }

private:
    /// What one run tuned and how its lanes allocated.
    struct Outcome
    {
        std::vector<double> headrooms[2];               //!< per level: antenna, MEC
        std::vector<double> quantiles[2];               //!< per level
        std::map<std::string, uint64_t> aboveAggregate; //!< lane: node allocations > aggregate
        std::map<std::string, uint64_t> repaired;       //!< lane: repaired node estimates (MEC)
        std::map<std::string, uint64_t> evaluated;      //!< lane: evaluated MEC intervals
        std::vector<double> aggregate;                  //!< the last Estimate's aggregate
    };

    /**
     * Ten days of 1-hour slots (6 training, 2 validation, 2 test days), 6 antennas, 2
     * services, MEC level of two nodes.
     * \param testFactor multiplies the test days' demand (with other noise).
     * \param validationFactor multiplies service 0's demand on the validation days.
     * \return the outcome.
     */
    Outcome Run(double testFactor, double validationFactor)
    {
        auto source = Create<FunctionTrafficSource>(
            2,
            6,
            10 * 24,
            Hours(1),
            [=](uint64_t slot, uint32_t s, uint32_t a)
            {
                const uint64_t day = slot / 24;
                const double base =
                    (1.0 + a) * (s + 1.0) * (2.0 + std::sin(2 * M_PI * (slot % 24) / 24.0 + s));
                double noise = 1.0 + 0.4 * (Hash01(slot * 64 + s * 8 + a) - 0.5);
                double factor = 1.0;
                if (day >= 8)
                {
                    factor = testFactor;
                    noise = 1.0 + 0.4 * (Hash01(slot * 64 + s * 8 + a + 99 * testFactor) - 0.5);
                }
                else if (day >= 6 && s == 0)
                {
                    factor = validationFactor;
                }
                return base * noise * factor;
            });
        Ptr<SlotOrchestrator> o = CreateObject<SlotOrchestrator>();
        o->SetTrafficSource(source);
        o->SetTopology(MakeTopology(6, {0, 0, 0, 1, 1, 1}, {}, {}));
        std::vector<Ptr<HistoricalTunedDecomposer>> tuned;
        std::vector<Ptr<QuantileDecomposer>> quantile;
        for (auto level : {NetworkLevel::ANTENNA, NetworkLevel::MEC})
        {
            tuned.push_back(CreateObject<HistoricalTunedDecomposer>());
            quantile.push_back(CreateObject<QuantileDecomposer>());
            o->AddLane("historical-tuned", level, tuned.back());
            o->AddLane("quantile", level, quantile.back());
        }
        auto deepcog = CreateObject<DeepCogDecomposer>();
        deepcog->SetAttribute("Epochs", UintegerValue(5));
        deepcog->SetAttribute("Threads", UintegerValue(1));
        o->AddLane("deepcog", NetworkLevel::MEC, deepcog);
        o->SetAttribute("AntennaInterval", TimeValue(Hours(1)));
        o->SetAttribute("MecInterval", TimeValue(Hours(1)));
        o->SetAttribute("History", UintegerValue(3));
        deepcog->AssignStreams(11);
        Outcome out;
        // The Estimate trace comes just before the Allocation trace of the same lane and
        // interval: keep the truth's node totals (the aggregate) to compare the allocation with.
        o->TraceConnectWithoutContext(
            "Estimate",
            MakeBoundCallback(
                +[](Outcome* out,
                    const std::string&,
                    NetworkLevel,
                    uint64_t,
                    const DemandMatrix& truth,
                    const DemandMatrix&) { out->aggregate = truth.Aggregate(); },
                &out));
        o->TraceConnectWithoutContext(
            "Allocation",
            MakeBoundCallback(
                +[](Outcome* out,
                    const std::string& lane,
                    NetworkLevel level,
                    uint64_t,
                    const DemandMatrix& allocation)
                {
                    if (level != NetworkLevel::MEC)
                    {
                        return;
                    }
                    for (uint32_t n = 0; n < allocation.GetNNodes(); ++n)
                    {
                        out->aboveAggregate[lane] +=
                            allocation.NodeTotal(n) > out->aggregate.at(n) * (1 + 1e-9) ? 1 : 0;
                    }
                },
                &out));
        o->Start();
        Simulator::Run();
        for (uint32_t l = 0; l < 2; ++l)
        {
            out.headrooms[l] = tuned[l]->GetHeadrooms();
            out.quantiles[l] = quantile[l]->GetChosenQuantiles();
            NS_TEST_EXPECT_MSG_EQ(tuned[l]->IsTuned(), true, "tuned");
        }
        auto accountant = o->GetCostAccountant();
        for (const std::string lane : {"historical-tuned", "quantile", "deepcog"})
        {
            const auto c = accountant->GetLevelCosts(accountant->FindLane(lane), NetworkLevel::MEC);
            out.repaired[lane] = c.repairedNodes;
            out.evaluated[lane] = c.evaluatedIntervals;
        }
        Simulator::Destroy();
        return out;
    }

    void DoRun() override
    {
        const Outcome base = Run(1.0, 1.0);
        const Outcome otherTest = Run(2.5, 1.0);
        const Outcome otherValidation = Run(1.0, 0.5);
        for (uint32_t l = 0; l < 2; ++l)
        {
            for (uint32_t s = 0; s < 2; ++s)
            {
                NS_TEST_ASSERT_MSG_EQ(base.headrooms[l][s],
                                      otherTest.headrooms[l][s],
                                      "headroom independent of the test days");
                NS_TEST_ASSERT_MSG_EQ(base.quantiles[l][s],
                                      otherTest.quantiles[l][s],
                                      "quantile independent of the test days");
            }
            // Service 0 halved on the validation days: less headroom, a lower quantile.
            NS_TEST_ASSERT_MSG_GT(base.headrooms[l][0],
                                  otherValidation.headrooms[l][0],
                                  "the validation days move the headroom, level " << l);
            NS_TEST_ASSERT_MSG_GT(base.quantiles[l][0],
                                  otherValidation.quantiles[l][0],
                                  "the validation days move the quantile, level " << l);
        }
        for (const std::string lane : {"historical-tuned", "quantile", "deepcog"})
        {
            NS_TEST_ASSERT_MSG_EQ(base.evaluated.at(lane), 48, lane << ": two test days at 1 h");
            NS_TEST_ASSERT_MSG_EQ(base.repaired.at(lane), 0, lane << ": never repaired");
            NS_TEST_ASSERT_MSG_GT(base.aboveAggregate.at(lane),
                                  0,
                                  lane << ": some node allocations above the aggregate, kept");
        }
    }
};

/**
 * \ingroup microscope-tests
 * The cost baselines' suite.
 */
class MicroscopeCostBaselinesTestSuite : public TestSuite
{
public:
    MicroscopeCostBaselinesTestSuite()
        : TestSuite("microscope-cost-baselines", UNIT)
    {
        AddTestCase(new HeadroomBruteForceTestCase, TestCase::QUICK);
        AddTestCase(new QuantileOrderStatisticTestCase, TestCase::QUICK);
        AddTestCase(new CostBaselinesBadInputTestCase, TestCase::QUICK);
        AddTestCase(new DeepCogTestCase, TestCase::QUICK);
        AddTestCase(new CostBaselinesPipelineTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static MicroscopeCostBaselinesTestSuite g_microscopeCostBaselinesTestSuite;
