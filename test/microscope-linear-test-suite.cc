/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the "linear" decomposer (LinearDecomposer): fitted on the training days only, a
 * correction that helps where the service mix follows the aggregate's deviation, feasible
 * estimates at every level, costs that recompute from slots.csv, and its bad set-ups.
 */

#include "microscope-orchestrator-test-utils.h"

#include "ns3/core-module.h"
#include "ns3/cost-accountant.h"
#include "ns3/historical-decomposer.h"
#include "ns3/input-error.h"
#include "ns3/linear-decomposer.h"
#include "ns3/microscope-helper.h"
#include "ns3/slot-orchestrator.h"
#include "ns3/test.h"

#include <array>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace ns3;
using namespace ns3::microscope_test;

namespace
{

constexpr uint32_t N_ANTENNAS = 12;
constexpr uint32_t N_SERVICES = 3;
constexpr uint32_t N_DAYS = 5; // 3 training, 1 validation, 1 test day

/**
 * Demand whose mix follows the aggregate's deviation from its usual level: a crowd factor,
 * common to neighbouring antennas and slowly varying, scales the aggregate, and service 0's
 * share grows with it while service 2's shrinks.
 * \param slot the slot.
 * \param s the service.
 * \param a the antenna.
 * \return the demand, Mbps.
 */
double
CrowdDemand(uint64_t slot, uint32_t s, uint32_t a)
{
    const double hour = (slot % 288) / 12.0;
    const uint64_t block = slot / 6; // 30 minutes
    const double crowd =
        std::exp(0.8 * (Hash01(block * 131 + a / 4) - 0.5) + 0.2 * (Hash01(slot * 17 + a) - 0.5));
    const double level = (1.0 + 0.2 * a) * (1.2 + std::sin(hour / 24 * 2 * M_PI));
    const std::array<double, N_SERVICES> base = {0.3, 0.3, 0.4};
    const std::array<double, N_SERVICES> lift = {1.0, 0.0, -1.0};
    double z = 0.0;
    for (uint32_t k = 0; k < N_SERVICES; ++k)
    {
        z += base[k] * std::pow(crowd, lift[k]);
    }
    const double noise = 0.9 + 0.2 * Hash01(slot * 7919 + s * 31 + a);
    return level * crowd * base[s] * std::pow(crowd, lift[s]) / z * noise;
}

/**
 * \param truth an interval's true demand.
 * \param estimate an estimate of it.
 * \return true if every entry of the estimate is non-negative and every node's entries sum to
 *         the node's true aggregate (within 1e-9 relative).
 */
bool
IsFeasible(const DemandMatrix& truth, const DemandMatrix& estimate)
{
    for (uint32_t n = 0; n < truth.GetNNodes(); ++n)
    {
        double sum = 0.0;
        for (uint32_t s = 0; s < truth.GetNServices(); ++s)
        {
            if (!(estimate(s, n) >= 0.0))
            {
                return false;
            }
            sum += estimate(s, n);
        }
        const double agg = truth.NodeTotal(n);
        if (!(std::abs(sum - agg) <= 1e-9 * (1.0 + agg)))
        {
            return false;
        }
    }
    return true;
}

/// What one run of the small pipeline leaves behind.
struct LinearRun
{
    std::map<NetworkLevel, std::vector<std::array<double, LinearDecomposer::N_FEATURES>>>
        beta;                    //!< coefficients per level and service
    double linearError{0};       //!< summed |estimate - truth| of the linear lane, antennas
    double historicalError{0};   //!< the same for the historical lane
    bool feasible{true};         //!< every linear estimate non-negative, summing right
    uint64_t linearEstimates{0}; //!< linear estimates seen (all levels)
    std::map<NetworkLevel, uint64_t> repairs; //!< repairs of the linear lane
};

/**
 * Run the pipeline on a function source: antennas at 5 minutes, MEC at 30, the core at 60,
 * lanes linear and historical.
 * \param demand the demand function.
 * \return the coefficients, errors and feasibility.
 */
LinearRun
RunPipeline(FunctionTrafficSource::DemandFunction demand)
{
    auto source = CreateObject<FunctionTrafficSource>(N_SERVICES,
                                                      N_ANTENNAS,
                                                      N_DAYS * 288,
                                                      Minutes(5),
                                                      demand);
    auto orchestrator = CreateObject<SlotOrchestrator>();
    orchestrator->SetTrafficSource(source);
    orchestrator->SetTopology(MakeTopology(N_ANTENNAS,
                                           {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3},
                                           {},
                                           {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1}));
    orchestrator->SetAttribute("MecInterval", TimeValue(Minutes(30)));
    orchestrator->SetAttribute("CoreInterval", TimeValue(Minutes(60)));
    const std::vector<NetworkLevel> levels = {NetworkLevel::ANTENNA,
                                              NetworkLevel::MEC,
                                              NetworkLevel::CORE};
    for (auto level : levels)
    {
        orchestrator->AddLane("linear", level, CreateObject<LinearDecomposer>());
        orchestrator->AddLane("historical", level, CreateObject<HistoricalDecomposer>());
    }
    LinearRun run;
    orchestrator->TraceConnectWithoutContext(
        "Estimate",
        EstimateSink(
            [&run](const std::string& lane,
                   NetworkLevel level,
                   uint64_t,
                   const DemandMatrix& truth,
                   const DemandMatrix& estimate)
            {
                if (level == NetworkLevel::ANTENNA)
                {
                    double err = 0.0;
                    for (size_t i = 0; i < truth.Values().size(); ++i)
                    {
                        err += std::abs(estimate.Values()[i] - truth.Values()[i]);
                    }
                    (lane == "linear" ? run.linearError : run.historicalError) += err;
                }
                if (lane != "linear")
                {
                    return;
                }
                ++run.linearEstimates;
                run.feasible = run.feasible && IsFeasible(truth, estimate);
            }));
    orchestrator->Start();
    Simulator::Run();
    for (auto level : levels)
    {
        auto linear = DynamicCast<LinearDecomposer>(orchestrator->GetDecomposer("linear", level));
        NS_ABORT_MSG_IF(!linear, "no linear decomposer at " << level);
        for (uint32_t s = 0; s < N_SERVICES; ++s)
        {
            run.beta[level].push_back(linear->GetCoefficients(s));
        }
        run.repairs[level] = orchestrator->GetNRepairs("linear", level);
    }
    Simulator::Destroy();
    return run;
}

} // namespace

/**
 * \ingroup microscope-tests
 * The coefficients come from the training days only: another demand on the validation and test
 * days leaves them exactly as they were, another demand on one training day changes them
 * (negative control). Where the mix follows the aggregate, the correction beats historical.
 */
class LinearTrainingOnlyTestCase : public TestCase
{
public:
    LinearTrainingOnlyTestCase()
        : TestCase("Linear: fitted on the training days only; beats historical where the mix "
                   "follows the aggregate")
    {
    }

private:
    void DoRun() override
    {
        const LinearRun base = RunPipeline(CrowdDemand);
        // Days 3 and 4 (validation, test): three times the demand, services rotated.
        const LinearRun laterChanged = RunPipeline(
            [](uint64_t slot, uint32_t s, uint32_t a)
            {
                return slot >= 3 * 288 ? 3.0 * CrowdDemand(slot, (s + 1) % N_SERVICES, a)
                                       : CrowdDemand(slot, s, a);
            });
        // Day 1 (training): the same change.
        const LinearRun trainingChanged = RunPipeline(
            [](uint64_t slot, uint32_t s, uint32_t a)
            {
                return slot >= 288 && slot < 2 * 288
                           ? 3.0 * CrowdDemand(slot, (s + 1) % N_SERVICES, a)
                           : CrowdDemand(slot, s, a);
            });
        for (auto level : {NetworkLevel::ANTENNA, NetworkLevel::MEC, NetworkLevel::CORE})
        {
            const std::string name = NetworkLevelName(level);
            NS_TEST_ASSERT_MSG_EQ((base.beta.at(level) == laterChanged.beta.at(level)),
                                  true,
                                  name + ": other validation and test days, same coefficients");
            NS_TEST_ASSERT_MSG_EQ((base.beta.at(level) != trainingChanged.beta.at(level)),
                                  true,
                                  name + ": another training day, other coefficients");
        }
        // Service 0's share grows with the crowd: its dev coefficient is clearly positive, the
        // last service's negative (the generating lifts are +1 and -1).
        const auto& antenna = base.beta.at(NetworkLevel::ANTENNA);
        NS_TEST_ASSERT_MSG_GT(antenna[0][1] + antenna[0][2], 0.3, "service 0 follows the crowd");
        NS_TEST_ASSERT_MSG_LT(antenna[2][1] + antenna[2][2], -0.3, "service 2 avoids it");
        NS_TEST_ASSERT_MSG_LT(base.linearError,
                              0.9 * base.historicalError,
                              "the correction beats historical by more than 10 %");
        NS_TEST_ASSERT_MSG_EQ(base.feasible, true, "feasible estimates");
        NS_TEST_ASSERT_MSG_EQ(laterChanged.feasible, true, "feasible on changed test days too");
    }
};

/**
 * \ingroup microscope-tests
 * The linear lane as the primary lane of a generated scenario with every level: estimates
 * non-negative and summing to the aggregate, nothing repaired, and the costs of summary.json
 * recomputed from slots.csv at every level.
 */
class LinearPipelineTestCase : public TestCase
{
public:
    LinearPipelineTestCase()
        : TestCase("Linear lane: feasible estimates at every level; costs recompute from slots.csv")
    {
    }

private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        const std::string dir = CreateTempDirFilename("linear-run");
        SystemPath::MakeDirectories(dir);
        MicroscopeHelper helper;
        helper.SetLayoutGeneratorAttribute("NumAntennas", UintegerValue(40));
        helper.SetTrafficGeneratorAttribute("Days", UintegerValue(6));
        helper.SetTierBuilderAttribute("MecNodes", UintegerValue(4));
        helper.SetTierBuilderAttribute("CranNodes", UintegerValue(3));
        helper.SetTierBuilderAttribute("CoreNodes", UintegerValue(2));
        helper.SetLoadEstimationDays(1);
        helper.SetOrchestratorAttribute("MecInterval", TimeValue(Minutes(30)));
        helper.AssignStreams(1);
        helper.AddLane("linear");
        helper.AddLane("historical");
        Ptr<SlotOrchestrator> orchestrator = helper.Install();
        orchestrator->EnablePerSlotOutput(dir + "/slots.csv");
        bool feasible = true;
        std::set<NetworkLevel> seen;
        orchestrator->TraceConnectWithoutContext("Estimate",
                                                 EstimateSink(
                                                     [&](const std::string& lane,
                                                         NetworkLevel level,
                                                         uint64_t,
                                                         const DemandMatrix& truth,
                                                         const DemandMatrix& estimate)
                                                     {
                                                         if (lane != "linear")
                                                         {
                                                             return;
                                                         }
                                                         seen.insert(level);
                                                         feasible = feasible &&
                                                                    IsFeasible(truth, estimate);
                                                     }));
        orchestrator->Start();
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(orchestrator->IsFinished(), true, "the run finished");
        orchestrator->WriteResults(dir);
        NS_TEST_ASSERT_MSG_EQ(seen.size(), 4, "linear estimates at the four levels");
        NS_TEST_ASSERT_MSG_EQ(feasible, true, "non-negative, summing to the aggregate");
        std::map<std::string, LevelCosts> costs;
        for (auto level : ALL_NETWORK_LEVELS)
        {
            NS_TEST_ASSERT_MSG_EQ(orchestrator->GetNRepairs("linear", level),
                                  0,
                                  "nothing repaired at " << level);
            costs[NetworkLevelName(level)] =
                orchestrator->GetCostAccountant()->GetLevelCosts(0, level);
        }
        auto antenna = DynamicCast<LinearDecomposer>(
            orchestrator->GetDecomposer("linear", NetworkLevel::ANTENNA));
        NS_TEST_ASSERT_MSG_GT(antenna->GetNFitRows(), 0, "the fit used training rows");
        const double alpha = orchestrator->GetCostAccountant()->GetAlpha();
        Simulator::Destroy();

        // Recompute from slots.csv: per (node, service) peak of the truth, fee alpha * peak per
        // violated row, excess at face value, absolute error; means per interval, Mbps -> MB/s.
        struct Row
        {
            std::string key;
            double truth;
            double estimate;
            double allocation;
        };

        std::map<std::string, std::vector<Row>> rows;
        std::map<std::string, std::map<std::string, double>> peak;
        std::map<std::string, std::set<uint64_t>> intervals;
        std::ifstream in(dir + "/slots.csv");
        std::string line;
        std::getline(in, line);
        NS_TEST_ASSERT_MSG_EQ(line.rfind("slot,time_s,level,node,service,truth_mbps,", 0),
                              0,
                              "slots.csv header");
        while (std::getline(in, line))
        {
            std::vector<std::string> f;
            std::istringstream fields(line);
            for (std::string x; std::getline(fields, x, ',');)
            {
                f.push_back(x);
            }
            NS_TEST_ASSERT_MSG_GT_OR_EQ(f.size(), 8, "slots.csv row: " << line);
            Row r{f[3] + "/" + f[4], std::stod(f[5]), std::stod(f[6]), std::stod(f[7])};
            peak[f[2]][r.key] = std::max(peak[f[2]][r.key], r.truth);
            intervals[f[2]].insert(std::stoull(f[0]));
            rows[f[2]].push_back(r);
        }
        NS_TEST_ASSERT_MSG_EQ(rows.size(), 4, "slots.csv holds the four levels");
        for (const auto& [level, levelRows] : rows)
        {
            double fees = 0;
            double over = 0;
            double absErr = 0;
            for (const auto& r : levelRows)
            {
                fees += r.allocation < r.truth ? alpha * peak[level][r.key] : 0.0;
                over += std::max(0.0, r.allocation - r.truth);
                absErr += std::abs(r.estimate - r.truth);
            }
            const double n = intervals[level].size();
            const LevelCosts& c = costs.at(level);
            NS_TEST_ASSERT_MSG_EQ(n, c.evaluatedIntervals, level + ": evaluated intervals");
            NS_TEST_ASSERT_MSG_EQ_TOL(fees / n / 8.0,
                                      c.slaViolationMBps,
                                      1e-6 * (1 + c.slaViolationMBps),
                                      level + ": SLA fees recomputed from slots.csv");
            NS_TEST_ASSERT_MSG_EQ_TOL(over / n / 8.0,
                                      c.overprovisioningMBps,
                                      1e-6 * (1 + c.overprovisioningMBps),
                                      level + ": overprovisioning recomputed from slots.csv");
            NS_TEST_ASSERT_MSG_EQ_TOL(absErr / levelRows.size(),
                                      c.maeMbps,
                                      1e-6 * (1 + c.maeMbps),
                                      level + ": MAE recomputed from slots.csv");
            NS_TEST_ASSERT_MSG_GT(c.slaViolationMBps + c.overprovisioningMBps,
                                  0.0,
                                  level + ": a lane that is not the oracle has costs");
        }
    }
};

/**
 * \ingroup microscope-tests
 * Set-ups the linear decomposer refuses, with errors naming what is wrong; its neighbourhoods
 * are the nearest nodes of the level, capped at the others.
 */
class LinearSetupTestCase : public TestCase
{
public:
    LinearSetupTestCase()
        : TestCase("Linear: bad set-ups named; neighbourhoods by position, capped")
    {
    }

private:
    void DoRun() override
    {
        DecomposerSetup setup;
        setup.nNodes = 4;
        setup.nServices = 2;
        setup.intervalsPerDay = 24;
        setup.catalog = MakeCatalog(2);
        // Nodes on a line at 0, 10, 30, 60 m.
        setup.nodePositions = {Vector(0, 0, 0),
                               Vector(10, 0, 0),
                               Vector(30, 0, 0),
                               Vector(60, 0, 0)};
        auto linear = CreateObject<LinearDecomposer>();
        linear->SetAttribute("NearNeighbours", UintegerValue(2));
        linear->Setup(setup);
        NS_TEST_ASSERT_MSG_EQ((linear->GetNearNeighbours(0) == std::vector<uint32_t>{1, 2}),
                              true,
                              "the two nearest of node 0, nearest first");
        NS_TEST_ASSERT_MSG_EQ((linear->GetNearNeighbours(3) == std::vector<uint32_t>{2, 1}),
                              true,
                              "the two nearest of node 3");
        auto wide = CreateObject<LinearDecomposer>();
        wide->SetAttribute("NearNeighbours", UintegerValue(50));
        wide->Setup(setup);
        NS_TEST_ASSERT_MSG_EQ(wide->GetNearNeighbours(1).size(), 3, "capped at the other nodes");

        DecomposerSetup noPositions = setup;
        noPositions.nodePositions.clear();
        std::string msg = ErrorOf([&]() { CreateObject<LinearDecomposer>()->Setup(noPositions); });
        NS_TEST_ASSERT_MSG_NE(msg.find("node positions"), std::string::npos, msg);
        msg = ErrorOf(
            [&]()
            {
                auto bad = CreateObject<LinearDecomposer>();
                bad->SetAttribute("ShortLag", UintegerValue(6));
                bad->Setup(setup);
            });
        NS_TEST_ASSERT_MSG_NE(msg.find("ShortLag"), std::string::npos, msg);
        DecomposerSetup empty = setup;
        empty.nNodes = 0;
        msg = ErrorOf([&]() { CreateObject<LinearDecomposer>()->Setup(empty); });
        NS_TEST_ASSERT_MSG_NE(msg.find("empty level"), std::string::npos, msg);
        NS_TEST_ASSERT_MSG_EQ(MicroscopeHelper::LookupDecomposer("linear").GetName(),
                              "ns3::LinearDecomposer",
                              "short name");
    }
};

/**
 * \ingroup microscope-tests
 * The linear decomposer's suite.
 */
class MicroscopeLinearTestSuite : public TestSuite
{
public:
    MicroscopeLinearTestSuite()
        : TestSuite("microscope-linear", UNIT)
    {
        AddTestCase(new LinearSetupTestCase, TestCase::QUICK);
        AddTestCase(new LinearTrainingOnlyTestCase, TestCase::QUICK);
        AddTestCase(new LinearPipelineTestCase, TestCase::QUICK);
    }
};

/// The suite's static instance.
static MicroscopeLinearTestSuite g_microscopeLinearTestSuite;
