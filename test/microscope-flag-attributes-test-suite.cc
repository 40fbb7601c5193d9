/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The scenario flags (ScenarioFlags) and the ns-3 attributes they stand for: a flag not given
 * leaves its attribute's default, which Config::SetDefault (before the flags are made) and the
 * command line's --ns3:: paths (while they are parsed) change, and the objects that the
 * MicroscopeHelper creates get it; a flag given wins over both; a default an example sets in
 * code applies unless the attribute was changed. MicroscopeHelper's own attributes are reached
 * by Config::SetDefault; EnableLogComponents() enables the module's components only.
 */

#include "ns3/boolean.h"
#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/cost-accountant.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/microscope-helper.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/scenario-flags.h"
#include "ns3/simulator.h"
#include "ns3/slot-orchestrator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// What a scenario built from flags ended up with, read from the objects.
struct Built
{
    uint64_t history{0};       //!< the orchestrator's History
    Time mecInterval;          //!< the orchestrator's MecInterval
    double alpha{0};           //!< the cost accountant's Alpha
    bool mecLevel{false};      //!< whether the topology has a MEC level (tiers)
    uint32_t flagsHistory{0};  //!< ScenarioFlags::history after ApplySeeds()
    double flagsMecMinutes{0}; //!< ScenarioFlags::mecInterval after ResolveIntervals()
};

/**
 * Build a small scenario (20 antennas, 5 days) from the flags of every group, parsed from
 * some arguments, the way microscope-slicing does.
 * \param args the arguments after the program name.
 * \param setUp called on the flags before AddTo() (an example's own defaults).
 * \return what the objects got.
 */
Built
Build(
    std::vector<std::string> args,
    const std::function<void(ScenarioFlags&)>& setUp = [](ScenarioFlags&) {})
{
    ScenarioFlags flags;
    setUp(flags);
    CommandLine cmd;
    flags.AddTo(cmd,
                ScenarioFlags::SCENARIO | ScenarioFlags::ORCHESTRATION | ScenarioFlags::COSTS |
                    ScenarioFlags::RUN);
    args.insert(args.begin(), {"flag-attributes", "--antennas=20", "--days=5"});
    std::vector<char*> argv;
    for (auto& a : args)
    {
        argv.push_back(a.data());
    }
    cmd.Parse(static_cast<int>(argv.size()), argv.data());
    flags.ApplySeeds();
    flags.ResolveIntervals(5, 5, 5);
    flags.Validate();
    MicroscopeHelper microscope;
    flags.Configure(microscope);
    microscope.AddLane("historical");
    microscope.AssignStreams(1);
    Ptr<SlotOrchestrator> orchestrator = microscope.Install();
    Built built;
    UintegerValue history;
    orchestrator->GetAttribute("History", history);
    built.history = history.Get();
    TimeValue mec;
    orchestrator->GetAttribute("MecInterval", mec);
    built.mecInterval = mec.Get();
    DoubleValue alpha;
    orchestrator->GetCostAccountant()->GetAttribute("Alpha", alpha);
    built.alpha = alpha.Get();
    built.mecLevel = microscope.GetTopology()->HasLevel(NetworkLevel::MEC);
    built.flagsHistory = flags.history;
    built.flagsMecMinutes = flags.mecInterval;
    Simulator::Destroy();
    return built;
}

/// Restore the attributes' defaults that the cases change.
void
RestoreDefaults()
{
    Config::SetDefault("ns3::SlotOrchestrator::History", UintegerValue(6));
    Config::SetDefault("ns3::SlotOrchestrator::MecInterval", TimeValue(Minutes(5)));
    Config::SetDefault("ns3::CostAccountant::Alpha", DoubleValue(1.0));
    Config::SetDefault("ns3::MicroscopeHelper::DatacenterTiers", BooleanValue(true));
    Config::SetDefault("ns3::MicroscopeHelper::LoadEstimationDays", UintegerValue(7));
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
}

} // namespace

/**
 * \ingroup microscope-tests
 * Flags and attribute defaults: which one the objects get.
 */
class FlagAttributesPrecedenceTestCase : public TestCase
{
public:
    FlagAttributesPrecedenceTestCase()
        : TestCase("flags not given leave the attributes' defaults; flags given win")
    {
    }

private:
    void DoRun() override
    {
        // Nothing given: the attributes' own defaults.
        Built b = Build({});
        NS_TEST_ASSERT_MSG_EQ(b.history, 6, "History's default");
        NS_TEST_ASSERT_MSG_EQ(b.mecInterval, Minutes(5), "MecInterval's default");
        NS_TEST_ASSERT_MSG_EQ(b.mecLevel, true, "DatacenterTiers' default: tiers");

        // Config::SetDefault before the flags are made: the objects get it, and so do the
        // flags' values (what an example records).
        Config::SetDefault("ns3::SlotOrchestrator::History", UintegerValue(4));
        Config::SetDefault("ns3::SlotOrchestrator::MecInterval", TimeValue(Minutes(10)));
        Config::SetDefault("ns3::CostAccountant::Alpha", DoubleValue(2.5));
        Config::SetDefault("ns3::MicroscopeHelper::DatacenterTiers", BooleanValue(false));
        b = Build({});
        NS_TEST_ASSERT_MSG_EQ(b.history, 4, "Config::SetDefault reaches the orchestrator");
        NS_TEST_ASSERT_MSG_EQ(b.flagsHistory, 4, "and --history's value");
        NS_TEST_ASSERT_MSG_EQ(b.mecInterval, Minutes(10), "MecInterval from Config::SetDefault");
        NS_TEST_ASSERT_MSG_EQ_TOL(b.flagsMecMinutes, 10, 1e-12, "and --mec-interval's value");
        NS_TEST_ASSERT_MSG_EQ_TOL(b.alpha, 2.5, 1e-12, "Alpha from Config::SetDefault");
        NS_TEST_ASSERT_MSG_EQ(b.mecLevel, false, "DatacenterTiers from Config::SetDefault");

        // A flag given wins over Config::SetDefault.
        b = Build({"--history=3", "--mec-interval=30", "--alpha=1.5", "--tiers=true"});
        NS_TEST_ASSERT_MSG_EQ(b.history, 3, "--history wins");
        NS_TEST_ASSERT_MSG_EQ(b.mecInterval, Minutes(30), "--mec-interval wins");
        NS_TEST_ASSERT_MSG_EQ_TOL(b.alpha, 1.5, 1e-12, "--alpha wins");
        NS_TEST_ASSERT_MSG_EQ(b.mecLevel, true, "--tiers wins");
        RestoreDefaults();

        // The --ns3:: path, parsed with the flags: it reaches the object and the flag's value.
        b = Build({"--ns3::SlotOrchestrator::History=5"});
        NS_TEST_ASSERT_MSG_EQ(b.history, 5, "--ns3::SlotOrchestrator::History reaches it");
        NS_TEST_ASSERT_MSG_EQ(b.flagsHistory, 5, "and --history's value");
        RestoreDefaults();
        // Both: the flag wins, before or after the path.
        b = Build({"--history=3", "--ns3::SlotOrchestrator::History=5"});
        NS_TEST_ASSERT_MSG_EQ(b.history, 3, "the flag wins over a later --ns3:: path");
        RestoreDefaults();
        b = Build({"--ns3::SlotOrchestrator::History=5", "--history=3"});
        NS_TEST_ASSERT_MSG_EQ(b.history, 3, "the flag wins over an earlier --ns3:: path");
        RestoreDefaults();

        // An example's own default (set in code before AddTo) is passed on, unless the
        // attribute was set.
        auto exampleDefault = [](ScenarioFlags& f) { f.history = 8; };
        b = Build({}, exampleDefault);
        NS_TEST_ASSERT_MSG_EQ(b.history, 8, "the example's default reaches the orchestrator");
        b = Build({"--ns3::SlotOrchestrator::History=5"}, exampleDefault);
        NS_TEST_ASSERT_MSG_EQ(b.history, 5, "an attribute set wins over the example's default");
        RestoreDefaults();
        b = Build({"--history=2"}, exampleDefault);
        NS_TEST_ASSERT_MSG_EQ(b.history, 2, "the flag wins over the example's default");

        // The intervals an example resolves (microscope-slicing's use case): its default where
        // nothing else set them, the attribute's where it was set.
        ScenarioFlags flags;
        CommandLine cmd;
        flags.AddTo(cmd, ScenarioFlags::ORCHESTRATION);
        Config::SetDefault("ns3::SlotOrchestrator::MecInterval", TimeValue(Minutes(10)));
        flags.ResolveIntervals(30, 30, 60);
        NS_TEST_ASSERT_MSG_EQ_TOL(flags.mecInterval, 10, 1e-12, "the attribute set stands");
        NS_TEST_ASSERT_MSG_EQ_TOL(flags.cranInterval, 30, 1e-12, "the example's C-RAN default");
        NS_TEST_ASSERT_MSG_EQ_TOL(flags.coreInterval, 60, 1e-12, "the example's core default");
        RestoreDefaults();
    }
};

/**
 * \ingroup microscope-tests
 * MicroscopeHelper's attributes and EnableLogComponents().
 */
class FlagAttributesHelperTestCase : public TestCase
{
public:
    FlagAttributesHelperTestCase()
        : TestCase("MicroscopeHelper's attributes; EnableLogComponents() enables the module's")
    {
    }

private:
    void DoRun() override
    {
        {
            MicroscopeHelper helper;
            UintegerValue days;
            helper.GetAttribute("LoadEstimationDays", days);
            NS_TEST_ASSERT_MSG_EQ(days.Get(), 7, "LoadEstimationDays' default");
        }
        Config::SetDefault("ns3::MicroscopeHelper::LoadEstimationDays", UintegerValue(2));
        {
            MicroscopeHelper helper; // on the stack, as the examples use it
            UintegerValue days;
            helper.GetAttribute("LoadEstimationDays", days);
            NS_TEST_ASSERT_MSG_EQ(days.Get(), 2, "Config::SetDefault reaches a helper");
            helper.SetLoadEstimationDays(3);
            helper.GetAttribute("LoadEstimationDays", days);
            NS_TEST_ASSERT_MSG_EQ(days.Get(), 3, "the setter is the attribute");
        }
        RestoreDefaults();

        const std::vector<std::string> enabled = MicroscopeHelper::EnableLogComponents();
        auto has = [&enabled](const std::string& name)
        { return std::find(enabled.begin(), enabled.end(), name) != enabled.end(); };
        for (const auto& name : {"SlotOrchestrator", "MicroscopeHelper", "ScenarioFlags"})
        {
            NS_TEST_ASSERT_MSG_EQ(has(name), true, name << " is enabled");
        }
        for (const auto& name : {"Simulator", "Config", "CommandLine"})
        {
            NS_TEST_ASSERT_MSG_EQ(has(name), false, name << " (ns-3's own) is left alone");
        }
        for (const auto& name : enabled)
        {
            LogComponentDisable(name.c_str(), LOG_LEVEL_INFO);
        }
    }
};

/**
 * \ingroup microscope-tests
 * The scenario flags and the ns-3 attributes they stand for.
 */
class FlagAttributesTestSuite : public TestSuite
{
public:
    FlagAttributesTestSuite()
        : TestSuite("microscope-flag-attributes", UNIT)
    {
        AddTestCase(new FlagAttributesPrecedenceTestCase, QUICK);
        AddTestCase(new FlagAttributesHelperTestCase, QUICK);
    }
};

/// The suite's instance.
static FlagAttributesTestSuite g_flagAttributesTestSuite;
