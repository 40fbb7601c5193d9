/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "scenario-flags.h"

#include "lte-slicing-helper.h"
#include "microscope-helper.h"

#include "ns3/antenna-position-loader.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/input-error.h"
#include "ns3/integer.h"
#include "ns3/log.h"
#include "ns3/milan-dataset.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/service-catalog.h"
#include "ns3/string.h"
#include "ns3/trace-traffic-source.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ScenarioFlags");

ScenarioFlags::ScenarioFlags()
    : seed(1),
      run(1),
      output("."),
      antennas(792),
      days(85),
      slot(Minutes(5)),
      tiers(true),
      mecNodes(0),
      cranNodes(0),
      coreNodes(0),
      history(6),
      milanServices("sms-in,sms-out,call-in,call-out,internet"),
      demandUnit("Mbps"),
      antennaInterval(5),
      mecInterval(0),
      cranInterval(0),
      coreInterval(0),
      evalStartDay(-1),
      evalEndDay(-1),
      progress(0),
      alpha(1.0),
      headroom(0.0),
      m_groups(0),
      m_slotGiven(false),
      m_antennaIntervalGiven(false)
{
}

ScenarioFlags::~ScenarioFlags() = default;

void
ScenarioFlags::AddTo(CommandLine& cmd, uint32_t groups)
{
    NS_LOG_FUNCTION(this << groups);
    m_groups |= groups;
    if (groups & (SCENARIO | MILAN))
    {
        std::ostringstream slotDefault;
        slotDefault << slot.As(); // as CommandLine shows a Time default
        cmd.AddValue("slot",
                     "Traffic slot duration (e.g. 5min, 300s); a day holds whole slots "
                     "(--milan-dir: 10min unless given, a multiple of 10min)",
                     MakeCallback(&ScenarioFlags::ParseSlot, this),
                     slotDefault.str());
        cmd.AddValue("milan-dir",
                     "Telecom Italia Milan sms-call-internet-mi-*.txt or *.csv files: their "
                     "squares, activity kinds and days replace the generated scenario (demand "
                     "in activity, not Mbps)",
                     milanDir);
        cmd.AddValue("opencellid",
                     "With --milan-dir: OpenCelliD cell_towers.csv; its stations in the grid "
                     "(MCC 222, MNC 1) are the antennas, each with its Voronoi squares",
                     openCellId);
        cmd.AddValue("milan-services",
                     "With --milan-dir: services from the activity kinds sms-in, sms-out, "
                     "call-in, call-out, internet, or merged: sms, calls",
                     milanServices);
    }
    if (groups & SCENARIO)
    {
        cmd.AddValue("antennas",
                     "Number of generated antennas (ignored with --antennas-file)",
                     antennas);
        cmd.AddValue("antennas-file",
                     "CSV of antenna positions: 'id,x_m,y_m' or 'id,lat,lon' (header required)",
                     antennasFile);
        cmd.AddValue("trace-file",
                     "CSV demand trace 'time_s,antenna,service,mbps' replacing the generator",
                     traceFile);
        cmd.AddValue("catalog",
                     "CSV service catalog replacing the built-in nine services",
                     catalogFile);
        cmd.AddValue("days", "Days of generated demand (the paper: 85)", days);
        cmd.AddValue("tiers", "Build the datacenter tiers (false: antenna level only)", tiers);
        cmd.AddValue("mec-nodes", "MEC datacenters (0: 50 per 792 antennas)", mecNodes);
        cmd.AddValue("cran-nodes", "C-RAN datacenters (0: 30 per 792 antennas)", cranNodes);
        cmd.AddValue("core-nodes", "Core datacenters (0: 10 per 792 antennas)", coreNodes);
        cmd.AddValue("history",
                     "T: aggregate snapshots each decomposition sees (a network's input)",
                     history);
        cmd.AddValue("demand-unit",
                     "Unit of the --trace-file demand, for the outputs' labels only (e.g. "
                     "activity for microscope-milan-export's trace)",
                     demandUnit);
    }
    if (groups & ORCHESTRATION)
    {
        std::ostringstream antennaDefault;
        antennaDefault << antennaInterval;
        cmd.AddValue("antenna-interval",
                     "Management interval at the antennas (minutes; --milan-dir: at least the "
                     "slot unless given)",
                     MakeCallback(&ScenarioFlags::ParseAntennaInterval, this),
                     antennaDefault.str());
        cmd.AddValue("mec-interval",
                     "Management interval at MEC datacenters (minutes; 0: 5, or 30 with "
                     "microscope-slicing's --use-case=datacenters)",
                     mecInterval);
        cmd.AddValue("cran-interval",
                     "Management interval at C-RAN datacenters (minutes; 0: 5, or 30 with "
                     "microscope-slicing's --use-case=datacenters)",
                     cranInterval);
        cmd.AddValue("core-interval",
                     "Management interval at core datacenters (minutes; 0: 5, or 60 with "
                     "microscope-slicing's --use-case=datacenters)",
                     coreInterval);
        cmd.AddValue("eval-start-day",
                     "First evaluated day (-1: start of the test split)",
                     evalStartDay);
        cmd.AddValue("eval-end-day", "Day after the last evaluated one (-1: the end)", evalEndDay);
        cmd.AddValue("progress",
                     "Print progress every this many simulated days (0: off)",
                     progress);
    }
    if (groups & COSTS)
    {
        cmd.AddValue("alpha", "SLA fee: alpha times the slice's peak demand per violation", alpha);
        cmd.AddValue("headroom", "Capacity allocated above the estimate (0.1 = +10%)", headroom);
    }
    if (groups & RUN)
    {
        cmd.AddValue("seed", "ns-3 RNG seed", seed);
        cmd.AddValue("run", "ns-3 RNG run number", run);
        cmd.AddValue("output", "Output directory (default: the working directory)", output);
    }
}

bool
ScenarioFlags::ParseSlot(std::string value)
{
    NS_LOG_FUNCTION(this << value);
    std::istringstream is(value);
    Time t;
    is >> t;
    if (is.fail())
    {
        return false;
    }
    slot = t;
    m_slotGiven = true;
    return true;
}

bool
ScenarioFlags::ParseAntennaInterval(std::string value)
{
    NS_LOG_FUNCTION(this << value);
    std::istringstream is(value);
    double minutes = 0;
    is >> minutes;
    if (is.fail())
    {
        return false;
    }
    antennaInterval = minutes;
    m_antennaIntervalGiven = true;
    return true;
}

Time
ScenarioFlags::GetSlot() const
{
    return IsMilan() && !m_slotGiven ? Minutes(10) : slot;
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
    milan->SetAttribute("SlotDuration", TimeValue(GetSlot()));
    milan->SetAttribute("Services", StringValue(milanServices));
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

void
ScenarioFlags::ApplySeeds()
{
    NS_LOG_FUNCTION(this);
    seed = seed == 1 ? RngSeedManager::GetSeed() : seed;
    run = run == 1 ? static_cast<uint32_t>(RngSeedManager::GetRun()) : run;
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
    if (IsMilan())
    {
        // The Milan slot is 10 minutes or more: intervals left to their defaults take at
        // least one slot.
        const double slotMinutes = GetSlot().GetSeconds() / 60.0;
        mecMinutes = std::max(mecMinutes, slotMinutes);
        cranMinutes = std::max(cranMinutes, slotMinutes);
        coreMinutes = std::max(coreMinutes, slotMinutes);
        if (!m_antennaIntervalGiven)
        {
            antennaInterval = std::max(antennaInterval, slotMinutes);
        }
    }
    mecInterval = mecInterval == 0 ? mecMinutes : mecInterval;
    cranInterval = cranInterval == 0 ? cranMinutes : cranInterval;
    coreInterval = coreInterval == 0 ? coreMinutes : coreInterval;
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
ScenarioFlags::Configure(MicroscopeHelper& helper) const
{
    NS_LOG_FUNCTION(this);
    if ((m_groups & SCENARIO) && IsMilan())
    {
        BuildMilanDataset();
        helper.SetServiceCatalog(m_milan->GetCatalog());
        helper.SetCalendarAttribute("SlotDuration", TimeValue(GetSlot()));
        helper.SetAntennaPositions(m_milan->GetPositions(), m_milan->GetIds());
        helper.SetTrafficSource(m_milan->GetSource());
        helper.SetDatacenterTiers(tiers);
        helper.SetTierBuilderAttribute("MecNodes", UintegerValue(mecNodes));
        helper.SetTierBuilderAttribute("CranNodes", UintegerValue(cranNodes));
        helper.SetTierBuilderAttribute("CoreNodes", UintegerValue(coreNodes));
        helper.SetOrchestratorAttribute("History", UintegerValue(history));
    }
    else if (m_groups & SCENARIO)
    {
        if (!catalogFile.empty())
        {
            Ptr<ServiceCatalog> catalog = CreateObject<ServiceCatalog>();
            catalog->Load(catalogFile);
            helper.SetServiceCatalog(catalog);
        }
        helper.SetCalendarAttribute("SlotDuration", TimeValue(slot));
        if (!antennasFile.empty())
        {
            std::vector<Vector> positions;
            std::vector<std::string> ids;
            AntennaPositionLoader::Load(antennasFile, positions, ids);
            helper.SetAntennaPositions(positions, ids);
        }
        else
        {
            helper.SetLayoutGeneratorAttribute("NumAntennas", UintegerValue(antennas));
        }
        if (!traceFile.empty())
        {
            helper.SetTrafficTrace(traceFile);
        }
        else
        {
            helper.SetTrafficGeneratorAttribute("Days", UintegerValue(days));
        }
        helper.SetDatacenterTiers(tiers);
        helper.SetTierBuilderAttribute("MecNodes", UintegerValue(mecNodes));
        helper.SetTierBuilderAttribute("CranNodes", UintegerValue(cranNodes));
        helper.SetTierBuilderAttribute("CoreNodes", UintegerValue(coreNodes));
        helper.SetOrchestratorAttribute("History", UintegerValue(history));
    }
    if (m_groups & ORCHESTRATION)
    {
        helper.SetOrchestratorAttribute("AntennaInterval",
                                        TimeValue(Seconds(antennaInterval * 60.0)));
        helper.SetOrchestratorAttribute("MecInterval", TimeValue(Seconds(mecInterval * 60.0)));
        helper.SetOrchestratorAttribute("CranInterval", TimeValue(Seconds(cranInterval * 60.0)));
        helper.SetOrchestratorAttribute("CoreInterval", TimeValue(Seconds(coreInterval * 60.0)));
        helper.SetOrchestratorAttribute("EvaluationStartDay", IntegerValue(evalStartDay));
        helper.SetOrchestratorAttribute("EvaluationEndDay", IntegerValue(evalEndDay));
        helper.SetOrchestratorAttribute("ProgressDays", UintegerValue(progress));
    }
    if (m_groups & COSTS)
    {
        helper.SetCostAccountantAttribute("Alpha", DoubleValue(alpha));
        helper.SetSpectrumAllocatorAttribute("Headroom", DoubleValue(headroom));
        helper.SetVnfAllocatorAttribute("Headroom", DoubleValue(headroom));
    }
}

void
ScenarioFlags::Configure(LteSlicingHelper& helper) const
{
    NS_LOG_FUNCTION(this);
    if (m_groups & COSTS)
    {
        helper.SetSpectrumAllocatorAttribute("Headroom", DoubleValue(headroom));
        helper.SetVnfAllocatorAttribute("Headroom", DoubleValue(headroom));
        helper.SetCostAccountantAttribute("Alpha", DoubleValue(alpha));
    }
}

} // namespace ns3
