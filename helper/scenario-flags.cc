/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "scenario-flags.h"

#include "lte-slicing-helper.h"
#include "microscope-helper.h"

#include "ns3/antenna-position-loader.h"
#include "ns3/boolean.h"
#include "ns3/cost-accountant.h"
#include "ns3/datacenter-tier-builder.h"
#include "ns3/double.h"
#include "ns3/input-error.h"
#include "ns3/integer.h"
#include "ns3/log.h"
#include "ns3/metro-layout-generator.h"
#include "ns3/milan-dataset.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/service-catalog.h"
#include "ns3/slice-allocator.h"
#include "ns3/slot-orchestrator.h"
#include "ns3/string.h"
#include "ns3/synthetic-traffic-generator.h"
#include "ns3/trace-traffic-source.h"
#include "ns3/traffic-calendar.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <tuple>
#include <type_traits>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ScenarioFlags");

namespace
{

/// A flag that stands for an attribute: the attribute's type and name.
struct FlagAttribute
{
    TypeId tid;            //!< the type
    std::string attribute; //!< the attribute
};

/**
 * \return the flags that stand for attributes, with their attributes.
 */
const std::map<std::string, FlagAttribute>&
FlagAttributes()
{
    static const std::map<std::string, FlagAttribute> attributes = {
        {"antennas", {MetroLayoutGenerator::GetTypeId(), "NumAntennas"}},
        {"days", {SyntheticTrafficGenerator::GetTypeId(), "Days"}},
        {"slot", {TrafficCalendar::GetTypeId(), "SlotDuration"}},
        {"tiers", {MicroscopeHelper::GetTypeId(), "DatacenterTiers"}},
        {"mec-nodes", {DatacenterTierBuilder::GetTypeId(), "MecNodes"}},
        {"cran-nodes", {DatacenterTierBuilder::GetTypeId(), "CranNodes"}},
        {"core-nodes", {DatacenterTierBuilder::GetTypeId(), "CoreNodes"}},
        {"history", {SlotOrchestrator::GetTypeId(), "History"}},
        {"milan-services", {MilanDataset::GetTypeId(), "Services"}},
        {"antenna-interval", {SlotOrchestrator::GetTypeId(), "AntennaInterval"}},
        {"mec-interval", {SlotOrchestrator::GetTypeId(), "MecInterval"}},
        {"cran-interval", {SlotOrchestrator::GetTypeId(), "CranInterval"}},
        {"core-interval", {SlotOrchestrator::GetTypeId(), "CoreInterval"}},
        {"eval-start-day", {SlotOrchestrator::GetTypeId(), "EvaluationStartDay"}},
        {"eval-end-day", {SlotOrchestrator::GetTypeId(), "EvaluationEndDay"}},
        {"progress", {SlotOrchestrator::GetTypeId(), "ProgressDays"}},
        {"alpha", {CostAccountant::GetTypeId(), "Alpha"}},
        {"headroom", {SliceAllocator::GetTypeId(), "Headroom"}},
    };
    return attributes;
}

/**
 * \param name a flag's name.
 * \return the attribute it stands for, or none (an empty attribute name) for the examples' own
 *         flags.
 */
FlagAttribute
AttributeOf(const std::string& name)
{
    auto it = FlagAttributes().find(name);
    return it == FlagAttributes().end() ? FlagAttribute{TypeId(), ""} : it->second;
}

/**
 * \param name a flag that stands for an attribute.
 * \return the attribute's information: its current default (initialValue, which
 *         Config::SetDefault and --ns3:: paths change) and its own (originalInitialValue).
 */
TypeId::AttributeInformation
AttributeInfo(const std::string& name)
{
    const FlagAttribute a = AttributeOf(name);
    TypeId::AttributeInformation info;
    const bool found = a.tid.LookupAttributeByName(a.attribute, &info);
    NS_ABORT_MSG_UNLESS(found, a.tid.GetName() << " has no attribute " << a.attribute);
    return info;
}

/**
 * \tparam V the attribute's value type.
 * \param value an attribute value.
 * \param name the flag, for the message.
 * \return what it holds.
 */
template <typename V>
auto
Get(Ptr<const AttributeValue> value, const std::string& name)
{
    Ptr<const V> typed = DynamicCast<const V>(value);
    NS_ABORT_MSG_UNLESS(typed, "--" << name << ": unexpected attribute value type");
    return typed->Get();
}

/**
 * \tparam V the attribute's value type.
 * \param name a flag that stands for an attribute.
 * \return the attribute's current default.
 */
template <typename V>
auto
Initial(const std::string& name)
{
    return Get<V>(AttributeInfo(name).initialValue, name);
}

/**
 * \tparam V the attribute's value type.
 * \param name a flag that stands for an attribute.
 * \return whether Config::SetDefault or a --ns3:: path changed the attribute's default.
 */
template <typename V>
bool
AttributeChanged(const std::string& name)
{
    const TypeId::AttributeInformation info = AttributeInfo(name);
    return !(Get<V>(info.initialValue, name) == Get<V>(info.originalInitialValue, name));
}

/**
 * Parse --logging, and enable the module's log components if true.
 * \param value the flag's value (empty: true).
 * \return false if it is not a boolean.
 */
bool
EnableLogging(std::string value)
{
    bool logging = false;
    if (!CommandLineHelper::UserItemParse<bool>(value, logging))
    {
        return false;
    }
    if (logging)
    {
        MicroscopeHelper::EnableLogComponents();
    }
    return true;
}

} // namespace

ScenarioFlags::ScenarioFlags()
    : seed(1),
      run(1),
      output("."),
      antennas(Initial<UintegerValue>("antennas")),
      days(Initial<UintegerValue>("days")),
      slot(Initial<TimeValue>("slot")),
      tiers(Initial<BooleanValue>("tiers")),
      mecNodes(Initial<UintegerValue>("mec-nodes")),
      cranNodes(Initial<UintegerValue>("cran-nodes")),
      coreNodes(Initial<UintegerValue>("core-nodes")),
      history(Initial<UintegerValue>("history")),
      milanServices(Initial<StringValue>("milan-services")),
      demandUnit("Mbps"),
      antennaInterval(Initial<TimeValue>("antenna-interval").GetMinutes()),
      mecInterval(Initial<TimeValue>("mec-interval").GetMinutes()),
      cranInterval(Initial<TimeValue>("cran-interval").GetMinutes()),
      coreInterval(Initial<TimeValue>("core-interval").GetMinutes()),
      evalStartDay(Initial<IntegerValue>("eval-start-day")),
      evalEndDay(Initial<IntegerValue>("eval-end-day")),
      progress(Initial<UintegerValue>("progress")),
      alpha(Initial<DoubleValue>("alpha")),
      headroom(Initial<DoubleValue>("headroom")),
      m_groups(0),
      m_resolved(false)
{
}

ScenarioFlags::~ScenarioFlags() = default;

template <typename T>
void
ScenarioFlags::AddFlag(CommandLine& cmd, const std::string& name, std::string help, T& value)
{
    const FlagAttribute a = AttributeOf(name);
    if (!a.attribute.empty())
    {
        help += " (" + a.tid.GetName() + "::" + a.attribute + "; the flag wins over it)";
    }
    // The default as CommandLine::AddValue shows it.
    std::stringstream text;
    text << value;
    std::string shown;
    text >> shown;
    cmd.AddValue(name,
                 help,
                 Callback<bool, std::string>(
                     [this, name, &value](std::string given)
                     {
                         if (!CommandLineHelper::UserItemParse<T>(given, value))
                         {
                             return false;
                         }
                         m_given.insert(name);
                         return true;
                     }),
                 shown.empty() ? shown : CommandLineHelper::GetDefault<T>(shown));
}

void
ScenarioFlags::AddTo(CommandLine& cmd, uint32_t groups)
{
    NS_LOG_FUNCTION(this << groups);
    m_groups |= groups;
    if (groups & (SCENARIO | MILAN))
    {
        AddFlag(cmd,
                "slot",
                "Traffic slot duration (e.g. 5min, 300s); a day holds whole slots; with "
                "--milan-dir a multiple of 10min, ns3::MilanDataset::SlotDuration unless given",
                slot);
        AddFlag(cmd,
                "milan-dir",
                "Telecom Italia Milan sms-call-internet-mi-*.txt or *.csv files: their "
                "squares, activity kinds and days replace the generated scenario (demand "
                "in activity, not Mbps)",
                milanDir);
        AddFlag(cmd,
                "opencellid",
                "With --milan-dir: OpenCelliD cell_towers.csv; its stations in the grid "
                "(MCC 222, MNC 1) are the antennas, each with its Voronoi squares",
                openCellId);
        AddFlag(cmd,
                "milan-services",
                "With --milan-dir: services from the activity kinds sms-in, sms-out, "
                "call-in, call-out, internet, or merged: sms, calls",
                milanServices);
    }
    if (groups & SCENARIO)
    {
        AddFlag(cmd,
                "antennas",
                "Number of generated antennas (ignored with --antennas-file)",
                antennas);
        AddFlag(cmd,
                "antennas-file",
                "CSV of antenna positions: 'id,x_m,y_m' or 'id,lat,lon' (header required)",
                antennasFile);
        AddFlag(cmd,
                "trace-file",
                "CSV demand trace 'time_s,antenna,service,mbps' replacing the generator",
                traceFile);
        AddFlag(cmd,
                "catalog",
                "CSV service catalog replacing the built-in nine services",
                catalogFile);
        AddFlag(cmd, "days", "Days of generated demand (the paper: 85)", days);
        AddFlag(cmd, "tiers", "Build the datacenter tiers (false: antenna level only)", tiers);
        AddFlag(cmd, "mec-nodes", "MEC datacenters (0: 50 per 792 antennas)", mecNodes);
        AddFlag(cmd, "cran-nodes", "C-RAN datacenters (0: 30 per 792 antennas)", cranNodes);
        AddFlag(cmd, "core-nodes", "Core datacenters (0: 10 per 792 antennas)", coreNodes);
        AddFlag(cmd,
                "history",
                "T: aggregate snapshots each decomposition sees (a network's input)",
                history);
        AddFlag(cmd,
                "demand-unit",
                "Unit of the --trace-file demand, for the outputs' labels only (e.g. "
                "activity for microscope-milan-export's trace)",
                demandUnit);
    }
    if (groups & ORCHESTRATION)
    {
        AddFlag(cmd,
                "antenna-interval",
                "Management interval at the antennas (minutes; --milan-dir: at least the slot "
                "unless given)",
                antennaInterval);
        AddFlag(cmd,
                "mec-interval",
                "Management interval at MEC datacenters (minutes; not given or 0: 5, or 30 with "
                "microscope-slicing's --use-case=datacenters)",
                mecInterval);
        AddFlag(cmd,
                "cran-interval",
                "Management interval at C-RAN datacenters (minutes; not given or 0: 5, or 30 "
                "with microscope-slicing's --use-case=datacenters)",
                cranInterval);
        AddFlag(cmd,
                "core-interval",
                "Management interval at core datacenters (minutes; not given or 0: 5, or 60 "
                "with microscope-slicing's --use-case=datacenters)",
                coreInterval);
        AddFlag(cmd,
                "eval-start-day",
                "First evaluated day (-1: start of the test split)",
                evalStartDay);
        AddFlag(cmd, "eval-end-day", "Day after the last evaluated one (-1: the end)", evalEndDay);
        AddFlag(cmd,
                "progress",
                "Print progress every this many simulated days (0: off)",
                progress);
    }
    if (groups & COSTS)
    {
        AddFlag(cmd, "alpha", "SLA fee: alpha times the slice's peak demand per violation", alpha);
        AddFlag(cmd, "headroom", "Capacity allocated above the estimate (0.1 = +10%)", headroom);
    }
    if (groups & RUN)
    {
        AddFlag(cmd, "seed", "ns-3 RNG seed (--RngSeed unless given; the flag wins over it)", seed);
        AddFlag(cmd,
                "run",
                "ns-3 RNG run number (--RngRun unless given; the flag wins over it)",
                run);
        AddFlag(cmd, "output", "Output directory (default: the working directory)", output);
        AddLoggingFlag(cmd);
    }
}

void
ScenarioFlags::AddLoggingFlag(CommandLine& cmd)
{
    cmd.AddValue("logging",
                 "Print the module's log messages at INFO level (its NS_LOG components; none in "
                 "a build without logs)",
                 MakeCallback(&EnableLogging),
                 "false");
}

bool
ScenarioFlags::IsGiven(const std::string& name) const
{
    return m_given.count(name) > 0;
}

Time
ScenarioFlags::GetSlot() const
{
    if (IsMilan() && !IsGiven("slot"))
    {
        TypeId::AttributeInformation info;
        MilanDataset::GetTypeId().LookupAttributeByName("SlotDuration", &info);
        return DynamicCast<const TimeValue>(info.initialValue)->Get();
    }
    return slot;
}

bool
ScenarioFlags::IsMilan() const
{
    return (m_groups & (SCENARIO | MILAN)) && !milanDir.empty();
}

std::string
ScenarioFlags::GetDemandUnit() const
{
    return IsMilan() ? MilanDataset::GetUnit() : demandUnit;
}

Ptr<MilanDataset>
ScenarioFlags::GetMilanDataset() const
{
    return m_milan;
}

Ptr<MilanDataset>
ScenarioFlags::BuildMilanDataset() const
{
    NS_LOG_FUNCTION(this);
    Ptr<MilanDataset> milan = CreateObject<MilanDataset>();
    if (IsGiven("slot"))
    {
        milan->SetAttribute("SlotDuration", TimeValue(slot));
    }
    if (Passes("milan-services"))
    {
        milan->SetAttribute("Services", StringValue(milanServices));
    }
    milan->LoadDirectory(milanDir);
    if (!openCellId.empty())
    {
        milan->LoadOpenCellId(openCellId);
    }
    milan->Build();
    m_milan = milan;
    return milan;
}

uint32_t
ScenarioFlags::GetGroups() const
{
    return m_groups;
}

bool
ScenarioFlags::Passes(const std::string& name) const
{
    return m_given.count(name) > 0 || m_passed.count(name) > 0;
}

template <typename V, typename T, typename F>
void
ScenarioFlags::ResolveFlag(const std::string& name, T& value, F fromAttribute)
{
    const V now(Initial<V>(name));
    if (IsGiven(name))
    {
        m_passed.insert(name);
    }
    else if (AttributeChanged<V>(name))
    {
        value = fromAttribute(now); // --ns3:: path or Config::SetDefault: the attribute stands
    }
    else if (!(value == fromAttribute(now)))
    {
        m_passed.insert(name); // set in code: the example's own default
    }
}

void
ScenarioFlags::Resolve()
{
    if (m_resolved)
    {
        return;
    }
    NS_LOG_FUNCTION(this);
    m_resolved = true;
    // The members hold the attributes' values (minutes for the intervals' Time).
    auto value = [](auto& member)
    { return [](const auto& v) { return static_cast<std::decay_t<decltype(member)>>(v.Get()); }; };
    auto minutes = [](const TimeValue& v) { return v.Get().GetMinutes(); };
    if (m_groups & (SCENARIO | MILAN))
    {
        ResolveFlag<TimeValue>("slot", slot, value(slot));
        ResolveFlag<StringValue>("milan-services", milanServices, value(milanServices));
    }
    if (m_groups & SCENARIO)
    {
        ResolveFlag<UintegerValue>("antennas", antennas, value(antennas));
        ResolveFlag<UintegerValue>("days", days, value(days));
        ResolveFlag<BooleanValue>("tiers", tiers, value(tiers));
        ResolveFlag<UintegerValue>("mec-nodes", mecNodes, value(mecNodes));
        ResolveFlag<UintegerValue>("cran-nodes", cranNodes, value(cranNodes));
        ResolveFlag<UintegerValue>("core-nodes", coreNodes, value(coreNodes));
        ResolveFlag<UintegerValue>("history", history, value(history));
    }
    if (m_groups & ORCHESTRATION)
    {
        ResolveFlag<TimeValue>("antenna-interval", antennaInterval, minutes);
        ResolveFlag<TimeValue>("mec-interval", mecInterval, minutes);
        ResolveFlag<TimeValue>("cran-interval", cranInterval, minutes);
        ResolveFlag<TimeValue>("core-interval", coreInterval, minutes);
        ResolveFlag<IntegerValue>("eval-start-day", evalStartDay, value(evalStartDay));
        ResolveFlag<IntegerValue>("eval-end-day", evalEndDay, value(evalEndDay));
        ResolveFlag<UintegerValue>("progress", progress, value(progress));
    }
    if (m_groups & COSTS)
    {
        ResolveFlag<DoubleValue>("alpha", alpha, value(alpha));
        ResolveFlag<DoubleValue>("headroom", headroom, value(headroom));
    }
}

void
ScenarioFlags::ApplySeeds()
{
    NS_LOG_FUNCTION(this);
    Resolve();
    // --RngSeed/--RngRun where --seed/--run are not given (nor set in code).
    seed = IsGiven("seed") || seed != 1 ? seed : RngSeedManager::GetSeed();
    run = IsGiven("run") || run != 1 ? run : static_cast<uint32_t>(RngSeedManager::GetRun());
    if (seed == 0)
    {
        throw InputError::ForAttribute("--seed", "must be positive");
    }
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);
}

void
ScenarioFlags::ResolveIntervals(double mecMinutes, double cranMinutes, double coreMinutes)
{
    NS_LOG_FUNCTION(this << mecMinutes << cranMinutes << coreMinutes);
    Resolve();
    // The Milan slot is 10 minutes or more: intervals left to their defaults take at least one
    // slot.
    const double slotMinutes = IsMilan() ? GetSlot().GetMinutes() : 0.0;
    // An interval that neither the flag (0: not given), the attribute's --ns3:: path or
    // Config::SetDefault, nor the example's code set takes the example's default.
    auto resolve = [this, slotMinutes](const std::string& name, double& minutes, double example)
    {
        const double attribute = Initial<TimeValue>(name).GetMinutes();
        const bool given = IsGiven(name) && minutes != 0;
        if (given || AttributeChanged<TimeValue>(name) || (minutes != 0 && minutes != attribute))
        {
            return;
        }
        minutes = std::max(example, slotMinutes);
        if (minutes != attribute)
        {
            m_passed.insert(name);
        }
        else
        {
            m_passed.erase(name);
        }
    };
    resolve("mec-interval", mecInterval, mecMinutes);
    resolve("cran-interval", cranInterval, cranMinutes);
    resolve("core-interval", coreInterval, coreMinutes);
    if (IsMilan() && !IsGiven("antenna-interval") &&
        !AttributeChanged<TimeValue>("antenna-interval"))
    {
        resolve("antenna-interval", antennaInterval, antennaInterval);
    }
}

void
ScenarioFlags::Validate() const
{
    NS_LOG_FUNCTION(this);
    if (m_groups & (SCENARIO | MILAN))
    {
        if (slot <= Time(0))
        {
            throw InputError::ForAttribute("--slot", "the slot duration must be positive");
        }
        if (IsMilan())
        {
            const double tenMinutes = GetSlot().GetSeconds() / 600.0;
            if (std::abs(tenMinutes - std::round(tenMinutes)) > 1e-9 ||
                std::round(tenMinutes) < 1 ||
                144 % static_cast<int64_t>(std::round(tenMinutes)) != 0)
            {
                throw InputError::ForAttribute("--slot",
                                               "the Milan data come in 10-minute intervals: the "
                                               "slot must be 10min or a multiple of it dividing "
                                               "a day");
            }
            try
            {
                MilanDataset::ParseServices(milanServices);
            }
            catch (const InputError& e)
            {
                throw InputError::ForAttribute("--milan-services", e.what());
            }
        }
        else if (!(m_groups & SCENARIO))
        {
            throw InputError::ForAttribute("--milan-dir",
                                           "the directory of the Milan files is needed");
        }
        else if (!openCellId.empty())
        {
            throw InputError::ForAttribute("--opencellid",
                                           "needs --milan-dir (the squares' traffic)");
        }
        else if (milanServices != ScenarioFlags().milanServices)
        {
            throw InputError::ForAttribute("--milan-services", "needs --milan-dir");
        }
    }
    if (m_groups & SCENARIO)
    {
        if (demandUnit.empty() ||
            demandUnit.find_first_not_of(
                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") !=
                std::string::npos)
        {
            throw InputError::ForAttribute("--demand-unit",
                                           "letters and digits only, got '" + demandUnit + "'");
        }
        if (IsMilan() && demandUnit != ScenarioFlags().demandUnit)
        {
            throw InputError::ForAttribute("--demand-unit",
                                           "the Milan demand is in " + MilanDataset::GetUnit() +
                                               "; leave --demand-unit out with --milan-dir");
        }
        if (IsMilan())
        {
            for (const auto& [flag, value] :
                 std::vector<std::pair<std::string, std::string>>{{"--antennas-file", antennasFile},
                                                                  {"--trace-file", traceFile},
                                                                  {"--catalog", catalogFile}})
            {
                if (!value.empty())
                {
                    throw InputError::ForAttribute(flag,
                                                   "give either --milan-dir or " + flag +
                                                       " (--milan-dir sets the antennas, the "
                                                       "demand and the catalog)");
                }
            }
            // The files give the antennas and the days: a generator's size has no effect.
            const ScenarioFlags defaults;
            if (antennas != defaults.antennas)
            {
                throw InputError::ForAttribute("--antennas",
                                               "has no effect with --milan-dir (the antennas "
                                               "are the squares or stations with records)");
            }
            if (days != defaults.days)
            {
                throw InputError::ForAttribute("--days",
                                               "has no effect with --milan-dir (the days are "
                                               "those of the files)");
            }
        }
        if (!IsMilan() && antennasFile.empty() && antennas == 0)
        {
            throw InputError::ForAttribute("--antennas", "at least one antenna is needed");
        }
        if (!IsMilan() && traceFile.empty() && days == 0)
        {
            throw InputError::ForAttribute("--days", "at least one day of demand is needed");
        }
        if (history == 0)
        {
            throw InputError::ForAttribute("--history", "T must be at least 1");
        }
    }
    if (m_groups & ORCHESTRATION)
    {
        const std::vector<std::pair<std::string, double>> intervals = {
            {"--antenna-interval", antennaInterval},
            {"--mec-interval", mecInterval},
            {"--cran-interval", cranInterval},
            {"--core-interval", coreInterval}};
        for (const auto& [flag, minutes] : intervals)
        {
            if (!(minutes > 0) || !std::isfinite(minutes))
            {
                throw InputError::ForAttribute(flag, "the interval must be positive (minutes)");
            }
        }
    }
}

void
ScenarioFlags::Configure(MicroscopeHelper& helper)
{
    NS_LOG_FUNCTION(this);
    Resolve();
    // Only the flags given (or set in code) are passed on: the others leave the attributes'
    // defaults, which --ns3:: paths and Config::SetDefault change.
    if (m_groups & SCENARIO)
    {
        if (IsMilan())
        {
            // The antennas, catalog, calendar and demand of the Milan files.
            BuildMilanDataset();
            helper.SetServiceCatalog(m_milan->GetCatalog());
            helper.SetCalendarAttribute("SlotDuration", TimeValue(GetSlot()));
            helper.SetAntennaPositions(m_milan->GetPositions(), m_milan->GetIds());
            helper.SetTrafficSource(m_milan->GetSource());
        }
        else
        {
            if (!catalogFile.empty())
            {
                Ptr<ServiceCatalog> catalog = CreateObject<ServiceCatalog>();
                catalog->Load(catalogFile);
                helper.SetServiceCatalog(catalog);
            }
            if (Passes("slot"))
            {
                helper.SetCalendarAttribute("SlotDuration", TimeValue(slot));
            }
            if (!antennasFile.empty())
            {
                std::vector<Vector> positions;
                std::vector<std::string> ids;
                AntennaPositionLoader::Load(antennasFile, positions, ids);
                helper.SetAntennaPositions(positions, ids);
            }
            else if (Passes("antennas"))
            {
                helper.SetLayoutGeneratorAttribute("NumAntennas", UintegerValue(antennas));
            }
            if (!traceFile.empty())
            {
                helper.SetTrafficTrace(traceFile);
            }
            else if (Passes("days"))
            {
                helper.SetTrafficGeneratorAttribute("Days", UintegerValue(days));
            }
        }
        if (Passes("tiers"))
        {
            helper.SetDatacenterTiers(tiers);
        }
        for (const auto& [name, attribute, value] :
             std::vector<std::tuple<std::string, std::string, uint32_t>>{
                 {"mec-nodes", "MecNodes", mecNodes},
                 {"cran-nodes", "CranNodes", cranNodes},
                 {"core-nodes", "CoreNodes", coreNodes}})
        {
            if (Passes(name))
            {
                helper.SetTierBuilderAttribute(attribute, UintegerValue(value));
            }
        }
        if (Passes("history"))
        {
            helper.SetOrchestratorAttribute("History", UintegerValue(history));
        }
    }
    if (m_groups & ORCHESTRATION)
    {
        for (const auto& [name, attribute, minutes] :
             std::vector<std::tuple<std::string, std::string, double>>{
                 {"antenna-interval", "AntennaInterval", antennaInterval},
                 {"mec-interval", "MecInterval", mecInterval},
                 {"cran-interval", "CranInterval", cranInterval},
                 {"core-interval", "CoreInterval", coreInterval}})
        {
            if (Passes(name))
            {
                helper.SetOrchestratorAttribute(attribute, TimeValue(Seconds(minutes * 60.0)));
            }
        }
        if (Passes("eval-start-day"))
        {
            helper.SetOrchestratorAttribute("EvaluationStartDay", IntegerValue(evalStartDay));
        }
        if (Passes("eval-end-day"))
        {
            helper.SetOrchestratorAttribute("EvaluationEndDay", IntegerValue(evalEndDay));
        }
        if (Passes("progress"))
        {
            helper.SetOrchestratorAttribute("ProgressDays", UintegerValue(progress));
        }
    }
    if ((m_groups & COSTS) && Passes("alpha"))
    {
        helper.SetCostAccountantAttribute("Alpha", DoubleValue(alpha));
    }
    if ((m_groups & COSTS) && Passes("headroom"))
    {
        helper.SetSpectrumAllocatorAttribute("Headroom", DoubleValue(headroom));
        helper.SetVnfAllocatorAttribute("Headroom", DoubleValue(headroom));
    }
}

void
ScenarioFlags::Configure(LteSlicingHelper& helper)
{
    NS_LOG_FUNCTION(this);
    Resolve();
    if ((m_groups & COSTS) && Passes("headroom"))
    {
        helper.SetSpectrumAllocatorAttribute("Headroom", DoubleValue(headroom));
        helper.SetVnfAllocatorAttribute("Headroom", DoubleValue(headroom));
    }
    if ((m_groups & COSTS) && Passes("alpha"))
    {
        helper.SetCostAccountantAttribute("Alpha", DoubleValue(alpha));
    }
}

} // namespace ns3
