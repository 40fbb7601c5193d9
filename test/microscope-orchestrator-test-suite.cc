/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the slot orchestrator: interval aggregation, history windows, the train /
 * validation / test split, attribute validation, trace consistency and the output files.
 */

#include "microscope-orchestrator-test-utils.h"

#include "ns3/cost-accountant.h"
#include "ns3/csv-table-reader.h"
#include "ns3/double.h"
#include "ns3/historical-decomposer.h"
#include "ns3/input-error.h"
#include "ns3/integer.h"
#include "ns3/nstime.h"
#include "ns3/oracle-decomposer.h"
#include "ns3/simulator.h"
#include "ns3/slot-orchestrator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

using namespace ns3;
using namespace ns3::microscope_test;

namespace
{

/**
 * \param slot a slot.
 * \param s a service.
 * \param a an antenna.
 * \return a simple, easily recomputed demand.
 */
double
LinearDemand(uint64_t slot, uint32_t s, uint32_t a)
{
    return 0.5 * slot + 100.0 * s + a + 1.0;
}

/**
 * \param directory a directory.
 * \return the names of the files in it.
 */
std::set<std::string>
ListFiles(const std::string& directory)
{
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(directory))
    {
        names.insert(entry.path().filename().string());
    }
    return names;
}

/**
 * \param a a value.
 * \param b a value.
 * \param rel relative tolerance.
 * \return true if they agree.
 */
bool
Close(double a, double b, double rel)
{
    return std::abs(a - b) <= rel * std::max({std::abs(a), std::abs(b), 1e-9});
}

} // namespace

/**
 * \ingroup microscope-tests
 * A level's interval demand is the mean of its slots' demand, summed over the node's
 * antennas; the history holds the last T aggregates; contexts are consistent; training and
 * decomposition calls follow the split.
 */
class IntervalAggregationTestCase : public TestCase
{
public:
    IntervalAggregationTestCase()
        : TestCase("Interval demand is the mean of its slots; history windows; call sequence")
    {
    }

private:
    void DoRun() override
    {
        const uint32_t nAntennas = 6;
        const uint32_t nServices = 2;
        const std::vector<uint32_t> mec = {0, 1, 0, 1, 2, 2};
        auto source = CreateObject<FunctionTrafficSource>(nServices,
                                                          nAntennas,
                                                          5 * 288,
                                                          Minutes(5),
                                                          LinearDemand);
        auto orchestrator = CreateObject<SlotOrchestrator>();
        orchestrator->SetTrafficSource(source);
        orchestrator->SetTopology(MakeTopology(nAntennas, mec, {}, {}));
        orchestrator->SetAttribute("History", UintegerValue(4));
        orchestrator->SetAttribute("AntennaInterval", TimeValue(Minutes(10)));
        orchestrator->SetAttribute("MecInterval", TimeValue(Minutes(30)));
        auto recAntenna = CreateObject<RecordingDecomposer>();
        auto recMec = CreateObject<RecordingDecomposer>();
        orchestrator->AddLane("rec", NetworkLevel::ANTENNA, recAntenna);
        orchestrator->AddLane("rec", NetworkLevel::MEC, recMec);

        std::map<std::pair<NetworkLevel, uint64_t>, std::pair<uint64_t, DemandMatrix>> intervals;
        orchestrator->TraceConnectWithoutContext(
            "Interval",
            Callback<void, NetworkLevel, uint64_t, uint64_t, const DemandMatrix&>(
                [&intervals](NetworkLevel level,
                             uint64_t interval,
                             uint64_t firstSlot,
                             const DemandMatrix& truth) {
                    intervals[{level, interval}] = {firstSlot, truth};
                }));
        orchestrator->Start();
        Simulator::Run();
        Simulator::Destroy();

        NS_TEST_ASSERT_MSG_EQ(orchestrator->GetNSlotsProcessed(), 5 * 288, "every slot run");
        NS_TEST_ASSERT_MSG_EQ(orchestrator->GetTrainDays(), 3, "round(0.6 * 5)");
        NS_TEST_ASSERT_MSG_EQ(orchestrator->GetValidationDays(), 1, "round(0.2 * 5)");
        NS_TEST_ASSERT_MSG_EQ(orchestrator->IsLevelActive(NetworkLevel::CRAN),
                              false,
                              "no lane at C-RAN");
        NS_TEST_ASSERT_MSG_EQ(intervals.size(), 5 * 144 + 5 * 48, "10-min and 30-min intervals");

        // Brute force: MEC node n, service s, interval i = sum over its antennas of the mean
        // over slots 6i .. 6i+5; antenna a = the mean over slots 2i, 2i+1.
        bool aggregationOk = true;
        for (const auto& [key, value] : intervals)
        {
            const auto& [level, interval] = key;
            const auto& [firstSlot, truth] = value;
            const uint32_t k = level == NetworkLevel::MEC ? 6 : 2;
            aggregationOk = aggregationOk && firstSlot == k * interval;
            for (uint32_t s = 0; s < nServices; ++s)
            {
                for (uint32_t n = 0; n < truth.GetNNodes(); ++n)
                {
                    double expected = 0.0;
                    for (uint32_t a = 0; a < nAntennas; ++a)
                    {
                        if ((level == NetworkLevel::MEC ? mec[a] : a) != n)
                        {
                            continue;
                        }
                        for (uint64_t slot = firstSlot; slot < firstSlot + k; ++slot)
                        {
                            expected += LinearDemand(slot, s, a) / k;
                        }
                    }
                    aggregationOk = aggregationOk && Close(truth(s, n), expected, 1e-12);
                }
            }
        }
        NS_TEST_ASSERT_MSG_EQ(aggregationOk, true, "interval truth = mean of slot demand");

        // History windows and contexts at MEC (T = 4).
        const auto& calls = recMec->GetCalls();
        NS_TEST_ASSERT_MSG_EQ(calls.size(), 5 * 48, "one call per MEC interval");
        auto calendar = source->GetCalendar();
        bool historyOk = true;
        bool contextOk = true;
        bool orderOk = true;
        for (size_t k = 0; k < calls.size(); ++k)
        {
            const auto& c = calls[k];
            const auto& truth = intervals[{NetworkLevel::MEC, k}].second;
            contextOk = contextOk && c.context.interval == k && c.context.firstSlot == 6 * k &&
                        c.context.day == (6 * k) / 288 &&
                        c.context.intervalOfDay == ((6 * k) % 288) / 6 &&
                        c.context.dayType == calendar->GetDayType(c.context.day) &&
                        c.context.level == NetworkLevel::MEC;
            historyOk = historyOk && c.historySize == std::min<size_t>(4, k + 1);
            const auto aggregate = truth.Aggregate();
            const auto oldest =
                intervals[{NetworkLevel::MEC, k + 1 - c.historySize}].second.Aggregate();
            for (uint32_t n = 0; n < 3; ++n)
            {
                historyOk = historyOk && Close(c.newest[n], aggregate[n], 1e-12) &&
                            Close(c.oldest[n], oldest[n], 1e-12) &&
                            Close(c.truthAggregate[n], aggregate[n], 1e-12);
            }
            // Training for days 0-2 (144 intervals), decomposition afterwards.
            orderOk = orderOk && c.train == (k < 144);
        }
        NS_TEST_ASSERT_MSG_EQ(contextOk, true, "contexts consistent");
        NS_TEST_ASSERT_MSG_EQ(historyOk, true, "history = last T aggregates, newest last");
        NS_TEST_ASSERT_MSG_EQ(orderOk, true, "Train() in the training days only");
        NS_TEST_ASSERT_MSG_EQ(recMec->GetEndTrainingCalls(), 1, "EndTraining() once");
        NS_TEST_ASSERT_MSG_EQ(recMec->GetEndTrainingAfter(), 144, "after the last Train()");
        NS_TEST_ASSERT_MSG_EQ(recAntenna->GetCalls().size(), 5 * 144, "antenna calls");
        const auto& last = orchestrator->GetHistory(NetworkLevel::MEC);
        NS_TEST_ASSERT_MSG_EQ(last.GetSize(), 4, "history full");
        const double lastTotal = intervals[{NetworkLevel::MEC, 239}].second.NodeTotal(2);
        NS_TEST_ASSERT_MSG_EQ_TOL(last.Newest()[2], lastTotal, 1e-9, "newest = last interval");
        orchestrator->Dispose();
    }
};

/**
 * \ingroup microscope-tests
 * Days of the training, validation and test periods, and the evaluation period.
 */
class SplitDaysTestCase : public TestCase
{
public:
    SplitDaysTestCase()
        : TestCase(
              "Train, validation and test days (85 days give 51, 17 and 17) and evaluation days")
    {
    }

private:
    /**
     * Run 85 days of hourly slots with an oracle at the antennas.
     * \param configure sets attributes before Start().
     * \return the orchestrator after the run.
     */
    Ptr<SlotOrchestrator> Run(std::function<void(Ptr<SlotOrchestrator>)> configure)
    {
        auto source = CreateObject<FunctionTrafficSource>(1, 1, 85 * 24, Hours(1), LinearDemand);
        auto orchestrator = CreateObject<SlotOrchestrator>();
        orchestrator->SetTrafficSource(source);
        orchestrator->SetTopology(MakeTopology(1, {}, {}, {}));
        orchestrator->SetAttribute("AntennaInterval", TimeValue(Hours(1)));
        orchestrator->AddLane("oracle", NetworkLevel::ANTENNA, CreateObject<OracleDecomposer>());
        configure(orchestrator);
        orchestrator->Start();
        Simulator::Run();
        Simulator::Destroy();
        return orchestrator;
    }

    void DoRun() override
    {
        auto o = Run([](Ptr<SlotOrchestrator>) {});
        NS_TEST_ASSERT_MSG_EQ(o->GetNDays(), 85, "85 days");
        NS_TEST_ASSERT_MSG_EQ(o->GetTrainDays(), 51, "60 % of 85");
        NS_TEST_ASSERT_MSG_EQ(o->GetValidationDays(), 17, "20 % of 85");
        NS_TEST_ASSERT_MSG_EQ(o->GetEvaluationStartDay(), 68, "test starts at day 68");
        NS_TEST_ASSERT_MSG_EQ(o->GetEvaluationEndDay(), 85, "to the end");
        NS_TEST_ASSERT_MSG_EQ(
            o->GetCostAccountant()->GetLevelCosts(0, NetworkLevel::ANTENNA).evaluatedIntervals,
            17 * 24,
            "17 test days of hourly intervals");
        o->Dispose();

        o = Run(
            [](Ptr<SlotOrchestrator> x)
            {
                x->SetAttribute("TrainFraction", DoubleValue(0.4));
                x->SetAttribute("ValidationFraction", DoubleValue(0.4));
            });
        NS_TEST_ASSERT_MSG_EQ(o->GetTrainDays(), 34, "40 % of 85");
        NS_TEST_ASSERT_MSG_EQ(o->GetEvaluationStartDay(), 68, "34 + 34");
        o->Dispose();

        o = Run(
            [](Ptr<SlotOrchestrator> x)
            {
                x->SetAttribute("EvaluationStartDay", IntegerValue(51));
                x->SetAttribute("EvaluationEndDay", IntegerValue(61));
            });
        NS_TEST_ASSERT_MSG_EQ(
            o->GetCostAccountant()->GetLevelCosts(0, NetworkLevel::ANTENNA).evaluatedIntervals,
            10 * 24,
            "days 51 to 60 evaluated");
        o->Dispose();
    }
};

/**
 * \ingroup microscope-tests
 * Bad intervals, fractions and evaluation days are InputErrors naming the attribute.
 */
class AttributeValidationTestCase : public TestCase
{
public:
    AttributeValidationTestCase()
        : TestCase("Bad evaluation days, intervals and fractions throw InputError naming them")
    {
    }

private:
    /**
     * \param days days of 5-minute slots.
     * \param name attribute to set.
     * \param value its value.
     * \param expected the attribute the error must name.
     * \return true if Start() threw an InputError naming it.
     */
    bool Fails(uint32_t days,
               const std::vector<std::pair<std::string, Ptr<AttributeValue>>>& attributes,
               const std::string& expected)
    {
        auto source =
            CreateObject<FunctionTrafficSource>(2, 2, days * 288, Minutes(5), LinearDemand);
        auto orchestrator = CreateObject<SlotOrchestrator>();
        orchestrator->SetTrafficSource(source);
        orchestrator->SetTopology(MakeTopology(2, {0, 0}, {0, 1}, {0, 0}));
        for (auto level : ALL_NETWORK_LEVELS)
        {
            orchestrator->AddLane("oracle", level, CreateObject<OracleDecomposer>());
        }
        for (const auto& [name, value] : attributes)
        {
            orchestrator->SetAttribute(name, *value);
        }
        bool named = false;
        try
        {
            orchestrator->Start();
        }
        catch (const InputError& e)
        {
            named = std::string(e.what()).rfind(expected + ":", 0) == 0;
        }
        Simulator::Destroy();
        orchestrator->Dispose();
        return named;
    }

    void DoRun() override
    {
        auto i = [](int32_t v) -> Ptr<AttributeValue> { return Create<IntegerValue>(v); };
        auto t = [](Time v) -> Ptr<AttributeValue> { return Create<TimeValue>(v); };
        auto d = [](double v) -> Ptr<AttributeValue> { return Create<DoubleValue>(v); };
        // 5 days: 3 training, 1 validation, 1 test.
        NS_TEST_ASSERT_MSG_EQ(Fails(5, {{"EvaluationStartDay", i(2)}}, "EvaluationStartDay"),
                              true,
                              "evaluation inside the training period");
        NS_TEST_ASSERT_MSG_EQ(Fails(5, {{"EvaluationStartDay", i(5)}}, "EvaluationStartDay"),
                              true,
                              "evaluation after the run");
        NS_TEST_ASSERT_MSG_EQ(Fails(5, {{"EvaluationEndDay", i(6)}}, "EvaluationEndDay"),
                              true,
                              "end beyond the run");
        NS_TEST_ASSERT_MSG_EQ(Fails(5,
                                    {{"EvaluationStartDay", i(4)}, {"EvaluationEndDay", i(4)}},
                                    "EvaluationEndDay"),
                              true,
                              "empty evaluation period");
        NS_TEST_ASSERT_MSG_EQ(Fails(3, {}, "EvaluationStartDay"),
                              true,
                              "3 days leave no test day by default");
        NS_TEST_ASSERT_MSG_EQ(Fails(5, {{"AntennaInterval", t(Minutes(7))}}, "AntennaInterval"),
                              true,
                              "not a multiple of the slot");
        NS_TEST_ASSERT_MSG_EQ(Fails(5, {{"MecInterval", t(Minutes(25))}}, "MecInterval"),
                              true,
                              "does not divide a day");
        NS_TEST_ASSERT_MSG_EQ(Fails(5, {{"CoreInterval", t(Seconds(150))}}, "CoreInterval"),
                              true,
                              "shorter than the slot");
        NS_TEST_ASSERT_MSG_EQ(Fails(5,
                                    {{"TrainFraction", d(0.7)}, {"ValidationFraction", d(0.5)}},
                                    "ValidationFraction"),
                              true,
                              "fractions above 1");
        // And a valid configuration does not fail.
        NS_TEST_ASSERT_MSG_EQ(Fails(5, {{"CranInterval", t(Minutes(60))}}, "CranInterval"),
                              false,
                              "60 minutes is fine");
    }
};

/**
 * \ingroup microscope-tests
 * The traces fire for every slot, interval and decomposition with consistent data.
 */
class TraceConsistencyTestCase : public TestCase
{
public:
    TraceConsistencyTestCase()
        : TestCase("Demand, Interval, Estimate, Allocation and Cost traces are consistent")
    {
    }

private:
    void DoRun() override
    {
        const uint32_t nAntennas = 6;
        const uint32_t nServices = 2;
        auto demand = [](uint64_t slot, uint32_t s, uint32_t a)
        { return (1.0 + a) * (1.0 + s) * (0.5 + Hash01(slot * 97 + s * 13 + a)); };
        auto source =
            CreateObject<FunctionTrafficSource>(nServices, nAntennas, 5 * 288, Minutes(5), demand);
        auto orchestrator = CreateObject<SlotOrchestrator>();
        orchestrator->SetTrafficSource(source);
        orchestrator->SetTopology(MakeTopology(nAntennas, {0, 0, 1, 1, 2, 2}, {}, {}));
        orchestrator->SetAttribute("MecInterval", TimeValue(Minutes(30)));
        orchestrator->GetSpectrumAllocator()->SetHeadroom(0.25);
        orchestrator->GetVnfAllocator()->SetHeadroom(0.25);
        for (auto level : {NetworkLevel::ANTENNA, NetworkLevel::MEC})
        {
            orchestrator->AddLane("historical", level, CreateObject<HistoricalDecomposer>());
            orchestrator->AddLane("oracle", level, CreateObject<OracleDecomposer>());
        }

        uint64_t demandCalls = 0;
        bool demandOk = true;
        std::map<std::pair<NetworkLevel, uint64_t>, DemandMatrix> truths;
        std::map<std::pair<std::string, NetworkLevel>, DemandMatrix> lastEstimate;
        std::map<std::tuple<std::string, NetworkLevel, uint64_t>, DemandMatrix> allocations;
        uint64_t estimates = 0;
        uint64_t costs = 0;
        bool estimateOk = true;
        bool allocationOk = true;
        bool costOk = true;
        std::map<std::pair<std::string, NetworkLevel>, uint64_t> evaluated;
        orchestrator->TraceConnectWithoutContext("Demand",
                                                 Callback<void, uint64_t, const DemandMatrix&>(
                                                     [&](uint64_t slot, const DemandMatrix& d)
                                                     {
                                                         demandOk = demandOk &&
                                                                    slot == demandCalls &&
                                                                    d(1, 3) == demand(slot, 1, 3);
                                                         ++demandCalls;
                                                     }));
        orchestrator->TraceConnectWithoutContext(
            "Interval",
            Callback<void, NetworkLevel, uint64_t, uint64_t, const DemandMatrix&>(
                [&](NetworkLevel level, uint64_t interval, uint64_t, const DemandMatrix& t) {
                    truths[{level, interval}] = t;
                }));
        orchestrator->TraceConnectWithoutContext(
            "Estimate",
            EstimateSink(
                [&](const std::string& lane,
                    NetworkLevel level,
                    uint64_t interval,
                    const DemandMatrix& truth,
                    const DemandMatrix& estimate)
                {
                    ++estimates;
                    estimateOk = estimateOk && truths.count({level, interval}) == 1 &&
                                 truths[{level, interval}] == truth;
                    if (lane == "oracle")
                    {
                        estimateOk = estimateOk && estimate == truth;
                    }
                    lastEstimate[{lane, level}] = estimate;
                }));
        orchestrator->TraceConnectWithoutContext(
            "Allocation",
            Callback<void, const std::string&, NetworkLevel, uint64_t, const DemandMatrix&>(
                [&](const std::string& lane,
                    NetworkLevel level,
                    uint64_t interval,
                    const DemandMatrix& allocation)
                {
                    DemandMatrix expected = lastEstimate[{lane, level}];
                    expected *= 1.25;
                    for (size_t i = 0; i < expected.Values().size(); ++i)
                    {
                        allocationOk =
                            allocationOk && Close(allocation.Data()[i], expected.Data()[i], 1e-12);
                    }
                    allocations[{lane, level, interval}] = allocation;
                }));
        orchestrator->TraceConnectWithoutContext(
            "Cost",
            Callback<void,
                     const std::string&,
                     NetworkLevel,
                     uint64_t,
                     double,
                     double,
                     uint32_t,
                     bool>(
                [&](const std::string& lane,
                    NetworkLevel level,
                    uint64_t interval,
                    double over,
                    double shortfall,
                    uint32_t violations,
                    bool isEvaluated)
                {
                    ++costs;
                    const DemandMatrix& x = allocations[{lane, level, interval}];
                    const DemandMatrix& d = truths[{level, interval}];
                    double o = 0;
                    double sh = 0;
                    uint32_t v = 0;
                    for (size_t i = 0; i < d.Values().size(); ++i)
                    {
                        o += std::max(x.Data()[i] - d.Data()[i], 0.0);
                        sh += std::max(d.Data()[i] - x.Data()[i], 0.0);
                        v += x.Data()[i] < d.Data()[i] ? 1 : 0;
                    }
                    costOk = costOk && Close(over, o, 1e-12) && Close(shortfall, sh, 1e-12) &&
                             violations == v;
                    // Day 4 is the test day: 4 * 288 slots = interval 1152 (5 min), 192 (30 min).
                    const uint64_t firstTest = level == NetworkLevel::MEC ? 192 : 1152;
                    costOk = costOk && isEvaluated == (interval >= firstTest);
                    evaluated[{lane, level}] += isEvaluated ? 1 : 0;
                    if (lane == "oracle")
                    {
                        // 25 % headroom over the truth, never a violation.
                        costOk = costOk && v == 0 && Close(over, 0.25 * d.Total(), 1e-9);
                    }
                }));
        orchestrator->Start();
        Simulator::Run();
        Simulator::Destroy();

        NS_TEST_ASSERT_MSG_EQ(demandCalls, 5 * 288, "Demand fires every slot");
        NS_TEST_ASSERT_MSG_EQ(demandOk, true, "Demand carries the slot's demand");
        NS_TEST_ASSERT_MSG_EQ(truths.size(), 5 * 288 + 5 * 48, "Interval fires every interval");
        // Two lanes, two levels, days 3 and 4 decomposed.
        NS_TEST_ASSERT_MSG_EQ(estimates, 2 * (2 * 288 + 2 * 48), "Estimate per decomposition");
        NS_TEST_ASSERT_MSG_EQ(costs, estimates, "Cost per decomposition");
        NS_TEST_ASSERT_MSG_EQ(allocations.size(), estimates, "Allocation per decomposition");
        NS_TEST_ASSERT_MSG_EQ(estimateOk, true, "Estimate truth = Interval truth; oracle exact");
        NS_TEST_ASSERT_MSG_EQ(allocationOk, true, "allocation = estimate * 1.25");
        NS_TEST_ASSERT_MSG_EQ(costOk, true, "Cost trace consistent");
        auto acc = orchestrator->GetCostAccountant();
        for (auto level : {NetworkLevel::ANTENNA, NetworkLevel::MEC})
        {
            for (uint32_t lane = 0; lane < 2; ++lane)
            {
                const uint64_t flagged = evaluated[{acc->GetLaneNames()[lane], level}];
                NS_TEST_ASSERT_MSG_EQ(acc->GetLevelCosts(lane, level).evaluatedIntervals,
                                      flagged,
                                      "evaluated flags = accounted intervals");
            }
        }
        // The oracle overprovisions by exactly the headroom: 25 % of the true demand.
        NS_TEST_ASSERT_MSG_EQ_TOL(acc->GetLevelCosts(1, NetworkLevel::MEC).overprovisioningPct,
                                  25.0,
                                  1e-9,
                                  "headroom cost of the oracle");
        orchestrator->Dispose();
    }
};

/**
 * \ingroup microscope-tests
 * slots.csv holds exactly the evaluated intervals of the primary lane and the summary can be
 * recomputed from it; node_costs.csv adds up; no temporary file is left.
 */
class OutputFilesTestCase : public TestCase
{
public:
    OutputFilesTestCase()
        : TestCase("summary.json recomputable from slots.csv, which holds the evaluated intervals")
    {
    }

private:
    void DoRun() override
    {
        const std::string dir = CreateTempDirFilename("orchestrator-outputs");
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        const uint32_t nAntennas = 6;
        const uint32_t nServices = 3;
        auto demand = [](uint64_t slot, uint32_t s, uint32_t a)
        {
            const double hour = (slot % 288) / 12.0;
            return (1.0 + a) * (1.0 + s * std::sin(hour / 24 * 2 * M_PI) * 0.5 + s) *
                   (0.6 + 0.8 * Hash01(slot * 31 + s * 7 + a));
        };
        auto source =
            CreateObject<FunctionTrafficSource>(nServices, nAntennas, 5 * 288, Minutes(5), demand);
        auto orchestrator = CreateObject<SlotOrchestrator>();
        orchestrator->SetTrafficSource(source);
        orchestrator->SetTopology(
            MakeTopology(nAntennas, {0, 0, 1, 1, 2, 2}, {}, {0, 0, 0, 0, 0, 0}));
        orchestrator->SetAttribute("AntennaInterval", TimeValue(Minutes(10)));
        orchestrator->SetAttribute("MecInterval", TimeValue(Minutes(30)));
        orchestrator->SetAttribute("CoreInterval", TimeValue(Minutes(60)));
        orchestrator->GetCostAccountant()->SetAttribute("Alpha", DoubleValue(1.5));
        for (auto level : {NetworkLevel::ANTENNA, NetworkLevel::MEC, NetworkLevel::CORE})
        {
            orchestrator->AddLane("historical", level, CreateObject<HistoricalDecomposer>());
            orchestrator->AddLane("oracle", level, CreateObject<OracleDecomposer>());
        }
        orchestrator->GetCostAccountant()->SetParameter("seed", int64_t(7));
        orchestrator->GetCostAccountant()->SetParameter("scenario", std::string("test"));
        orchestrator->EnablePerSlotOutput(dir + "/slots.csv");
        orchestrator->Start();
        Simulator::Run();
        Simulator::Destroy();
        orchestrator->WriteResults(dir);

        NS_TEST_ASSERT_MSG_EQ(
            (ListFiles(dir) ==
             std::set<std::string>{"node_costs.csv", "slots.csv", "summary.json", "table3.csv"}),
            true,
            "exactly the four result files, no temporary one");

        // Read slots.csv back.
        struct Row
        {
            double truth;
            double estimate;
            double allocation;
            double fee;
            double over;
        };

        std::map<std::string, std::map<uint64_t, std::map<std::pair<uint32_t, std::string>, Row>>>
            rows; // level -> slot -> (node, service) -> row
        CsvTableReader reader(dir + "/slots.csv");
        NS_TEST_ASSERT_MSG_EQ(reader.Next(), true, "header");
        NS_TEST_ASSERT_MSG_EQ(reader.Fields().size(), 10, "ten columns");
        NS_TEST_ASSERT_MSG_EQ(reader.Field(0) + reader.Field(8), "slotsla_violation_mbps", "hdr");
        bool timeOk = true;
        bool unique = true;
        while (reader.Next())
        {
            const uint64_t slot = reader.GetUnsigned(0, "slot");
            timeOk = timeOk && reader.GetDouble(1, "time_s") == 300.0 * slot;
            Row r{reader.GetDouble(5, "truth"),
                  reader.GetDouble(6, "estimate"),
                  reader.GetDouble(7, "allocation"),
                  reader.GetDouble(8, "fee"),
                  reader.GetDouble(9, "over")};
            auto key = std::make_pair(static_cast<uint32_t>(reader.GetUnsigned(3, "node")),
                                      reader.Field(4));
            unique = unique && rows[reader.Field(2)][slot].count(key) == 0;
            rows[reader.Field(2)][slot][key] = r;
        }
        NS_TEST_ASSERT_MSG_EQ(timeOk, true, "time_s = slot * 300 s");
        NS_TEST_ASSERT_MSG_EQ(unique, true, "one row per (slot, level, node, service)");
        NS_TEST_ASSERT_MSG_EQ(rows.size(), 3, "three levels");

        std::ifstream in(dir + "/summary.json");
        nlohmann::json summary = nlohmann::json::parse(in);
        NS_TEST_ASSERT_MSG_EQ(summary["decomposer"].get<std::string>(), "historical", "primary");
        NS_TEST_ASSERT_MSG_EQ(summary["parameters"]["seed"].get<int>(), 7, "parameters kept");
        NS_TEST_ASSERT_MSG_EQ(
            summary["baselines"]["oracle"]["levels"]["mec"]["sla_violation_MBps"].get<double>(),
            0.0,
            "oracle baseline has no SLA cost");

        const std::map<std::string, std::pair<uint32_t, uint32_t>> shape = {
            {"antenna", {2, 6}}, // slots per interval, nodes
            {"mec", {6, 3}},
            {"core", {12, 1}}};
        double totalViolations = 0;
        for (const auto& [level, kn] : shape)
        {
            const auto& [k, nodes] = kn;
            // Exactly the intervals of day 4 (the test day): slots 1152 + k j.
            std::set<uint64_t> expected;
            for (uint64_t slot = 4 * 288; slot < 5 * 288; slot += k)
            {
                expected.insert(slot);
            }
            std::set<uint64_t> present;
            bool complete = true;
            for (const auto& [slot, entries] : rows[level])
            {
                present.insert(slot);
                complete = complete && entries.size() == nodes * nServices;
            }
            NS_TEST_ASSERT_MSG_EQ((present == expected), true, level + ": evaluated intervals");
            NS_TEST_ASSERT_MSG_EQ(complete, true, level + ": every node and service");

            // Recompute from the rows alone.
            std::map<std::pair<uint32_t, std::string>, double> peak;
            for (const auto& [slot, entries] : rows[level])
            {
                for (const auto& [key, r] : entries)
                {
                    peak[key] = std::max(peak[key], r.truth);
                }
            }
            double truth = 0;
            double fees = 0;
            double over = 0;
            double absErr = 0;
            double count = 0;
            bool feesOk = true;
            bool overOk = true;
            for (const auto& [slot, entries] : rows[level])
            {
                for (const auto& [key, r] : entries)
                {
                    truth += r.truth;
                    fees += r.fee;
                    over += r.over;
                    absErr += std::abs(r.estimate - r.truth);
                    ++count;
                    const bool violated = r.allocation < r.truth * (1 - 1e-9);
                    const bool equalish = std::abs(r.allocation - r.truth) <= 1e-9 * r.truth;
                    if (!equalish)
                    {
                        feesOk = feesOk &&
                                 (violated ? Close(r.fee, 1.5 * peak[key], 1e-9) : r.fee == 0.0);
                    }
                    totalViolations += r.fee > 0 ? 1 : 0;
                    overOk = overOk && std::abs(r.over - std::max(r.allocation - r.truth, 0.0)) <=
                                           1e-8 * std::max(r.truth, 1.0);
                }
            }
            NS_TEST_ASSERT_MSG_EQ(feesOk, true, level + ": fee = alpha * peak when violated");
            NS_TEST_ASSERT_MSG_EQ(overOk, true, level + ": overprovisioning column");
            const double intervals = static_cast<double>(expected.size());
            const auto& s = summary["levels"][level];
            NS_TEST_ASSERT_MSG_EQ(s["evaluated_intervals"].get<uint64_t>(),
                                  expected.size(),
                                  level + ": evaluated intervals in the summary");
            NS_TEST_ASSERT_MSG_EQ(s["nodes"].get<uint32_t>(), nodes, level + ": nodes");
            NS_TEST_ASSERT_MSG_EQ(
                Close(s["true_demand_MBps"].get<double>(), truth / intervals / 8, 1e-7),
                true,
                level + ": true demand");
            NS_TEST_ASSERT_MSG_EQ(
                Close(s["sla_violation_MBps"].get<double>(), fees / intervals / 8, 1e-7),
                true,
                level + ": SLA violation");
            NS_TEST_ASSERT_MSG_EQ(
                Close(s["overprovisioning_MBps"].get<double>(), over / intervals / 8, 1e-7),
                true,
                level + ": overprovisioning");
            NS_TEST_ASSERT_MSG_EQ(
                Close(s["sla_violation_pct"].get<double>(), 100 * fees / truth, 1e-7),
                true,
                level + ": SLA %");
            NS_TEST_ASSERT_MSG_EQ(Close(s["mae_mbps"].get<double>(), absErr / count, 1e-7),
                                  true,
                                  level + ": MAE");
        }
        NS_TEST_ASSERT_MSG_GT(totalViolations, 0, "the historical lane does violate SLAs");

        // node_costs.csv: both lanes, every node; the nodes add up to the level totals.
        CsvTableReader nodes(dir + "/node_costs.csv");
        nodes.Next();
        std::map<std::pair<std::string, std::string>, double> sums;
        uint32_t nRows = 0;
        while (nodes.Next())
        {
            nodes.ExpectFields(6);
            sums[{nodes.Field(0), nodes.Field(1)}] += nodes.GetDouble(4, "sla");
            ++nRows;
        }
        NS_TEST_ASSERT_MSG_EQ(nRows, 2 * (6 + 3 + 1), "two lanes, ten nodes");
        NS_TEST_ASSERT_MSG_EQ(Close(sums[{"historical", "mec"}],
                                    summary["levels"]["mec"]["sla_violation_MBps"].get<double>(),
                                    1e-7),
                              true,
                              "node SLA costs add up");
        orchestrator->Dispose();
        std::filesystem::remove_all(dir);
    }
};

/**
 * \ingroup microscope-tests
 * A run that fails part-way leaves no result file; a decomposer that breaks the constraints
 * is repaired and counted; a NaN estimate is an error.
 */
class FailureTestCase : public TestCase
{
public:
    FailureTestCase()
        : TestCase("Failed runs leave nothing behind; repairs are counted; NaN is an error")
    {
    }

private:
    /**
     * \param dir output directory.
     * \param failAt slot at which the source throws (or max for none).
     * \param mode the primary lane's decomposer behaviour.
     * \param message receives the error message, if any.
     * \return the orchestrator after the run.
     */
    Ptr<SlotOrchestrator> Run(const std::string& dir,
                              uint64_t failAt,
                              RecordingDecomposer::Mode mode,
                              std::string& message)
    {
        auto source = CreateObject<FunctionTrafficSource>(2, 4, 5 * 288, Minutes(5), LinearDemand);
        source->ThrowAt(failAt);
        auto orchestrator = CreateObject<SlotOrchestrator>();
        orchestrator->SetTrafficSource(source);
        orchestrator->SetTopology(MakeTopology(4, {0, 0, 1, 1}, {}, {}));
        orchestrator->AddLane("rec", NetworkLevel::MEC, CreateObject<RecordingDecomposer>(mode));
        orchestrator->AddLane("oracle", NetworkLevel::MEC, CreateObject<OracleDecomposer>());
        orchestrator->EnablePerSlotOutput(dir + "/slots.csv");
        orchestrator->Start();
        message.clear();
        try
        {
            Simulator::Run();
            orchestrator->WriteResults(dir);
        }
        catch (const InputError& e)
        {
            message = e.what();
        }
        Simulator::Destroy();
        return orchestrator;
    }

    void DoRun() override
    {
        const std::string dir = CreateTempDirFilename("orchestrator-failure");
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        std::string message;

        // The source fails in the middle of the test day, after rows were streamed.
        auto o = Run(dir, 4 * 288 + 100, RecordingDecomposer::Mode::EQUAL, message);
        NS_TEST_ASSERT_MSG_EQ((message.find("failing at slot") != std::string::npos),
                              true,
                              "the source's error reaches the caller");
        NS_TEST_ASSERT_MSG_EQ(o->GetNSlotsProcessed(), 4 * 288 + 100, "stopped there");
        NS_TEST_ASSERT_MSG_EQ(ListFiles(dir).empty(), true, "no file left behind");
        o->Dispose();

        // A NaN estimate is an error naming the lane.
        o = Run(dir, UINT64_MAX, RecordingDecomposer::Mode::NOT_FINITE, message);
        NS_TEST_ASSERT_MSG_EQ((message.find("non-finite") != std::string::npos &&
                               message.find("lane 'rec'") != std::string::npos),
                              true,
                              "NaN estimate reported: " + message);
        NS_TEST_ASSERT_MSG_EQ(ListFiles(dir).empty(), true, "no file left behind");
        o->Dispose();

        // A configuration error in Start() removes the per-slot stream at once.
        {
            auto source =
                CreateObject<FunctionTrafficSource>(2, 4, 5 * 288, Minutes(5), LinearDemand);
            auto bad = CreateObject<SlotOrchestrator>();
            bad->SetTrafficSource(source);
            bad->SetTopology(MakeTopology(4, {0, 0, 1, 1}, {}, {}));
            bad->AddLane("oracle", NetworkLevel::MEC, CreateObject<OracleDecomposer>());
            bad->SetAttribute("EvaluationStartDay", IntegerValue(1));
            bad->EnablePerSlotOutput(dir + "/slots.csv");
            NS_TEST_ASSERT_MSG_EQ(ListFiles(dir).size(), 1, "the stream is open");
            bool thrown = false;
            try
            {
                bad->Start();
            }
            catch (const InputError&)
            {
                thrown = true;
            }
            NS_TEST_ASSERT_MSG_EQ(thrown, true, "evaluation inside training rejected");
            NS_TEST_ASSERT_MSG_EQ(ListFiles(dir).empty(), true, "stream removed at once");
            Simulator::Destroy();
            bad->Dispose();
        }

        // Infeasible estimates are repaired, counted, and the run completes.
        o = Run(dir, UINT64_MAX, RecordingDecomposer::Mode::UNBALANCED, message);
        NS_TEST_ASSERT_MSG_EQ(message, "", "the run completes");
        // Days 3 and 4 decomposed, 288 five-minute intervals each, both MEC nodes broken.
        NS_TEST_ASSERT_MSG_EQ(o->GetNRepairs("rec", NetworkLevel::MEC), 2 * 288 * 2, "counted");
        NS_TEST_ASSERT_MSG_EQ(o->GetNRepairs("oracle", NetworkLevel::MEC), 0, "oracle fine");
        LevelCosts c = o->GetCostAccountant()->GetLevelCosts(0, NetworkLevel::MEC);
        NS_TEST_ASSERT_MSG_EQ(c.repairedNodes, 288 * 2, "test day repairs in the summary");
        NS_TEST_ASSERT_MSG_EQ(ListFiles(dir).size(), 4, "results written");
        o->Dispose();
        std::filesystem::remove_all(dir);
    }
};

/**
 * \ingroup microscope-tests
 * A traffic source that returns a negative, NaN or infinite demand is refused at that slot,
 * naming the slot, service and antenna; a demand of exactly 0 is accepted.
 */
class SourceDemandTestCase : public TestCase
{
public:
    SourceDemandTestCase()
        : TestCase("Negative, NaN or infinite source demand refused, naming slot, service, antenna")
    {
    }

private:
    void DoRun() override
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        for (const double bad : {-1.0, -1e-300, nan, inf, 0.0})
        {
            auto source = CreateObject<FunctionTrafficSource>(
                2,
                4,
                5 * 288,
                Minutes(5),
                [bad](uint64_t slot, uint32_t s, uint32_t a)
                { return (slot == 400 && s == 1 && a == 2) ? bad : LinearDemand(slot, s, a); });
            auto o = CreateObject<SlotOrchestrator>();
            o->SetTrafficSource(source);
            o->SetTopology(MakeTopology(4, {0, 0, 1, 1}, {}, {}));
            o->AddLane("oracle", NetworkLevel::MEC, CreateObject<OracleDecomposer>());
            o->Start();
            std::string message;
            try
            {
                Simulator::Run();
            }
            catch (const InputError& e)
            {
                message = e.what();
            }
            if (bad == 0.0)
            {
                NS_TEST_ASSERT_MSG_EQ(message, "", "a zero demand is valid");
                NS_TEST_ASSERT_MSG_EQ(o->IsFinished(), true, "the run finished");
            }
            else
            {
                NS_TEST_ASSERT_MSG_NE(message.find("slot 400, service 1, antenna 2"),
                                      std::string::npos,
                                      bad << " refused, naming where: " << message);
                NS_TEST_ASSERT_MSG_NE(message.find("negative or not finite"),
                                      std::string::npos,
                                      bad << ": why: " << message);
                NS_TEST_ASSERT_MSG_EQ(o->GetNSlotsProcessed(), 400, bad << ": stopped there");
                NS_TEST_ASSERT_MSG_EQ(o->GetCostAccountant()->IsFinalized(),
                                      false,
                                      bad << ": no result to write");
            }
            Simulator::Destroy();
            o->Dispose();
        }
    }
};

/**
 * \ingroup microscope-tests
 * The orchestrator suite.
 */
class MicroscopeOrchestratorTestSuite : public TestSuite
{
public:
    MicroscopeOrchestratorTestSuite()
        : TestSuite("microscope-orchestrator", UNIT)
    {
        AddTestCase(new IntervalAggregationTestCase, TestCase::QUICK);
        AddTestCase(new SplitDaysTestCase, TestCase::QUICK);
        AddTestCase(new AttributeValidationTestCase, TestCase::QUICK);
        AddTestCase(new TraceConsistencyTestCase, TestCase::QUICK);
        AddTestCase(new OutputFilesTestCase, TestCase::QUICK);
        AddTestCase(new FailureTestCase, TestCase::QUICK);
        AddTestCase(new SourceDemandTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static MicroscopeOrchestratorTestSuite g_microscopeOrchestratorTestSuite;
