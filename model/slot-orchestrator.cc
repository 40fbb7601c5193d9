/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "slot-orchestrator.h"

#include "input-error.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/integer.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SlotOrchestrator");

NS_OBJECT_ENSURE_REGISTERED(SlotOrchestrator);

namespace
{

/**
 * \param t a duration.
 * \return it in minutes, as text.
 */
std::string
Minutes_(Time t)
{
    std::ostringstream s;
    s << t.GetSeconds() / 60.0 << " min";
    return s.str();
}

} // namespace

TypeId
SlotOrchestrator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SlotOrchestrator")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<SlotOrchestrator>()
            .AddAttribute("History",
                          "T, the number of aggregate snapshots (management intervals) in the "
                          "history window a decomposer sees, the current one included.",
                          UintegerValue(6),
                          MakeUintegerAccessor(&SlotOrchestrator::m_historyLength),
                          MakeUintegerChecker<uint32_t>(1, 10000))
            .AddAttribute("AntennaInterval",
                          "Management interval at the antenna level: a multiple of the slot "
                          "that divides a day (the Microscope paper uses 5, 10, 30 and 60 min).",
                          TimeValue(Minutes(5)),
                          MakeTimeAccessor(&SlotOrchestrator::m_antennaInterval),
                          MakeTimeChecker(Seconds(1), Hours(24)))
            .AddAttribute("MecInterval",
                          "Management interval at the MEC level: a multiple of the slot that "
                          "divides a day (the paper uses 5, 10, 30 and 60 min).",
                          TimeValue(Minutes(5)),
                          MakeTimeAccessor(&SlotOrchestrator::m_mecInterval),
                          MakeTimeChecker(Seconds(1), Hours(24)))
            .AddAttribute("CranInterval",
                          "Management interval at the C-RAN level: a multiple of the slot that "
                          "divides a day (the paper uses 5, 10, 30 and 60 min).",
                          TimeValue(Minutes(5)),
                          MakeTimeAccessor(&SlotOrchestrator::m_cranInterval),
                          MakeTimeChecker(Seconds(1), Hours(24)))
            .AddAttribute("CoreInterval",
                          "Management interval at the core level: a multiple of the slot that "
                          "divides a day (the paper uses 5, 10, 30 and 60 min).",
                          TimeValue(Minutes(5)),
                          MakeTimeAccessor(&SlotOrchestrator::m_coreInterval),
                          MakeTimeChecker(Seconds(1), Hours(24)))
            .AddAttribute("TrainFraction",
                          "Share of the days, from the start, in the training period: "
                          "round(TrainFraction * days) days (60% in the Microscope paper).",
                          DoubleValue(0.6),
                          MakeDoubleAccessor(&SlotOrchestrator::m_trainFraction),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("ValidationFraction",
                          "Share of the days, after the training period, in the validation "
                          "period: round(ValidationFraction * days) days (20% in the paper). "
                          "The remaining days are the test period.",
                          DoubleValue(0.2),
                          MakeDoubleAccessor(&SlotOrchestrator::m_validationFraction),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("EvaluationStartDay",
                          "First day (0-based) whose intervals are costed; -1 for the first "
                          "day of the test period. Must not precede the end of training.",
                          IntegerValue(-1),
                          MakeIntegerAccessor(&SlotOrchestrator::m_evaluationStart),
                          MakeIntegerChecker<int32_t>(-1, 1000000))
            .AddAttribute("EvaluationEndDay",
                          "One past the last day whose intervals are costed; -1 for the end of "
                          "the run.",
                          IntegerValue(-1),
                          MakeIntegerAccessor(&SlotOrchestrator::m_evaluationEnd),
                          MakeIntegerChecker<int32_t>(-1, 1000000))
            .AddAttribute("DecomposeUnevaluated",
                          "Decompose the intervals after the training period that are not "
                          "evaluated (by default the validation days), so that they appear in "
                          "the Estimate, Allocation and Cost traces; false saves the time of "
                          "slow decomposers.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&SlotOrchestrator::m_decomposeUnevaluated),
                          MakeBooleanChecker())
            .AddAttribute("ShareTraining",
                          "Let the decomposers of a level that learn the same table from the "
                          "training days learn it once (SharedTrainingState): the historical "
                          "shares of the historical and historical-tuned lanes, of the neural "
                          "and cost-aware lanes' historical priors and of the forecast lanes. "
                          "The results are bit-identical either way; false gives every "
                          "decomposer its own copy.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&SlotOrchestrator::m_shareTraining),
                          MakeBooleanChecker())
            .AddAttribute("ProgressDays",
                          "Print a progress line to std::clog every this many simulated days; "
                          "0 for none.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&SlotOrchestrator::m_progressDays),
                          MakeUintegerChecker<uint32_t>(0, 100000))
            .AddTraceSource("Demand",
                            "The per-antenna, per-service demand of every slot.",
                            MakeTraceSourceAccessor(&SlotOrchestrator::m_demandTrace),
                            "ns3::SlotOrchestrator::DemandTracedCallback")
            .AddTraceSource("Interval",
                            "The true demand of every completed management interval of every "
                            "active level (training intervals included).",
                            MakeTraceSourceAccessor(&SlotOrchestrator::m_intervalTrace),
                            "ns3::SlotOrchestrator::IntervalTracedCallback")
            .AddTraceSource("Estimate",
                            "Every decomposition of every lane: truth and (repaired) estimate.",
                            MakeTraceSourceAccessor(&SlotOrchestrator::m_estimateTrace),
                            "ns3::SlotOrchestrator::EstimateTracedCallback")
            .AddTraceSource("Allocation",
                            "The slice capacities allocated after every decomposition.",
                            MakeTraceSourceAccessor(&SlotOrchestrator::m_allocationTrace),
                            "ns3::SlotOrchestrator::AllocationTracedCallback")
            .AddTraceSource("Cost",
                            "Overprovisioning, shortfall and SLA-violating slices of every "
                            "allocation, and whether the interval is accounted.",
                            MakeTraceSourceAccessor(&SlotOrchestrator::m_costTrace),
                            "ns3::SlotOrchestrator::CostTracedCallback");
    return tid;
}

SlotOrchestrator::SlotOrchestrator()
    : m_historyLength(6),
      m_antennaInterval(Minutes(5)),
      m_mecInterval(Minutes(5)),
      m_cranInterval(Minutes(5)),
      m_coreInterval(Minutes(5)),
      m_trainFraction(0.6),
      m_validationFraction(0.2),
      m_evaluationStart(-1),
      m_evaluationEnd(-1),
      m_progressDays(0),
      m_spectrum(CreateObject<SpectrumAllocator>()),
      m_vnf(CreateObject<VnfAllocator>()),
      m_accountant(CreateObject<CostAccountant>()),
      m_slotsAheadFirst(0),
      m_slotsPerDay(0),
      m_nServices(0),
      m_nAntennas(0),
      m_nSlots(0),
      m_nDays(0),
      m_decomposeUnevaluated(true),
      m_shareTraining(true),
      m_trainDays(0),
      m_validationDays(0),
      m_evalStartDay(0),
      m_evalEndDay(0),
      m_slotsProcessed(0),
      m_started(false),
      m_finished(false)
{
    NS_LOG_FUNCTION(this);
}

SlotOrchestrator::~SlotOrchestrator()
{
    NS_LOG_FUNCTION(this);
}

void
SlotOrchestrator::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_next.Cancel();
    if (m_accountant && !m_finished)
    {
        m_accountant->Abandon();
    }
    m_source = nullptr;
    m_topology = nullptr;
    m_spectrum = nullptr;
    m_vnf = nullptr;
    m_accountant = nullptr;
    m_calendar = nullptr;
    for (auto& lane : m_lanes)
    {
        for (auto& l : lane.levels)
        {
            l.decomposer = nullptr;
        }
    }
    m_lanes.clear();
    Object::DoDispose();
}

void
SlotOrchestrator::SetTrafficSource(Ptr<TrafficSource> source)
{
    NS_LOG_FUNCTION(this << source);
    NS_ABORT_MSG_IF(m_started, "SetTrafficSource() after Start()");
    m_source = source;
}

Ptr<TrafficSource>
SlotOrchestrator::GetTrafficSource() const
{
    return m_source;
}

void
SlotOrchestrator::SetTopology(Ptr<NetworkTopology> topology)
{
    NS_LOG_FUNCTION(this << topology);
    NS_ABORT_MSG_IF(m_started, "SetTopology() after Start()");
    m_topology = topology;
}

Ptr<NetworkTopology>
SlotOrchestrator::GetTopology() const
{
    return m_topology;
}

void
SlotOrchestrator::SetSpectrumAllocator(Ptr<SpectrumAllocator> allocator)
{
    NS_LOG_FUNCTION(this << allocator);
    NS_ABORT_MSG_IF(m_started, "SetSpectrumAllocator() after Start()");
    NS_ABORT_MSG_IF(!allocator, "null spectrum allocator");
    m_spectrum = allocator;
}

Ptr<SpectrumAllocator>
SlotOrchestrator::GetSpectrumAllocator() const
{
    return m_spectrum;
}

void
SlotOrchestrator::SetVnfAllocator(Ptr<VnfAllocator> allocator)
{
    NS_LOG_FUNCTION(this << allocator);
    NS_ABORT_MSG_IF(m_started, "SetVnfAllocator() after Start()");
    NS_ABORT_MSG_IF(!allocator, "null VNF allocator");
    m_vnf = allocator;
}

Ptr<VnfAllocator>
SlotOrchestrator::GetVnfAllocator() const
{
    return m_vnf;
}

void
SlotOrchestrator::SetCostAccountant(Ptr<CostAccountant> accountant)
{
    NS_LOG_FUNCTION(this << accountant);
    NS_ABORT_MSG_IF(m_started, "SetCostAccountant() after Start()");
    NS_ABORT_MSG_IF(!accountant, "null cost accountant");
    m_accountant = accountant;
}

Ptr<CostAccountant>
SlotOrchestrator::GetCostAccountant() const
{
    return m_accountant;
}

int32_t
SlotOrchestrator::FindLane(const std::string& name) const
{
    for (size_t i = 0; i < m_lanes.size(); ++i)
    {
        if (m_lanes[i].name == name)
        {
            return static_cast<int32_t>(i);
        }
    }
    return -1;
}

void
SlotOrchestrator::AddLane(const std::string& name, NetworkLevel level, Ptr<Decomposer> decomposer)
{
    NS_LOG_FUNCTION(this << name << level << decomposer);
    NS_ABORT_MSG_IF(m_started, "AddLane() after Start()");
    if (name.empty())
    {
        throw InputError("a lane needs a name");
    }
    if (!decomposer)
    {
        throw InputError("lane '" + name + "' at " + NetworkLevelName(level) +
                         ": no decomposer given");
    }
    for (const auto& lane : m_lanes)
    {
        for (const auto& l : lane.levels)
        {
            if (l.decomposer == decomposer)
            {
                throw InputError("lane '" + name + "' at " + NetworkLevelName(level) +
                                 ": this decomposer object already serves lane '" + lane.name +
                                 "'; create one decomposer per lane and level");
            }
        }
    }
    int32_t index = FindLane(name);
    if (index < 0)
    {
        m_lanes.emplace_back();
        m_lanes.back().name = name;
        index = static_cast<int32_t>(m_lanes.size() - 1);
    }
    LaneLevel& l = m_lanes[index].levels[NetworkLevelIndex(level)];
    if (l.decomposer)
    {
        throw InputError("lane '" + name + "' already has a decomposer at the " +
                         NetworkLevelName(level) + " level");
    }
    l.decomposer = decomposer;
}

std::vector<std::string>
SlotOrchestrator::GetLaneNames() const
{
    std::vector<std::string> names;
    for (const auto& lane : m_lanes)
    {
        names.push_back(lane.name);
    }
    return names;
}

Ptr<Decomposer>
SlotOrchestrator::GetDecomposer(const std::string& lane, NetworkLevel level) const
{
    const int32_t index = FindLane(lane);
    return index < 0 ? nullptr : m_lanes[index].levels[NetworkLevelIndex(level)].decomposer;
}

void
SlotOrchestrator::EnablePerSlotOutput(const std::string& path)
{
    NS_LOG_FUNCTION(this << path);
    NS_ABORT_MSG_IF(m_started, "EnablePerSlotOutput() after Start()");
    m_accountant->EnablePerSlotOutput(path);
}

Time
SlotOrchestrator::GetInterval(NetworkLevel level) const
{
    switch (level)
    {
    case NetworkLevel::ANTENNA:
        return m_antennaInterval;
    case NetworkLevel::MEC:
        return m_mecInterval;
    case NetworkLevel::CRAN:
        return m_cranInterval;
    case NetworkLevel::CORE:
        return m_coreInterval;
    }
    return m_antennaInterval;
}

void
SlotOrchestrator::CheckInterval(NetworkLevel level, const std::string& name, Time value) const
{
    const int64_t slot = m_slotDuration.GetTimeStep();
    const int64_t interval = value.GetTimeStep();
    const int64_t day = Hours(24).GetTimeStep();
    if (interval <= 0 || interval % slot != 0 || day % interval != 0)
    {
        throw InputError::ForAttribute(name,
                                       "the " + NetworkLevelName(level) +
                                           " management interval must be a multiple of the " +
                                           Minutes_(m_slotDuration) +
                                           " slot that divides a day (e.g. 5, 10, 30 or 60 min), "
                                           "got " +
                                           Minutes_(value));
    }
}

void
SlotOrchestrator::Start()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_started, "Start() called twice");
    try
    {
        Configure();
    }
    catch (...)
    {
        // A configuration error: remove the per-slot file's temporary stream at once.
        m_accountant->Abandon();
        throw;
    }
    m_started = true;
    m_slotsProcessed = 0;
    m_wallStart = std::chrono::steady_clock::now();
    m_next = Simulator::ScheduleNow(&SlotOrchestrator::ProcessSlot, this, uint64_t(0));
}

void
SlotOrchestrator::Configure()
{
    NS_LOG_FUNCTION(this);
    if (!m_source)
    {
        throw InputError("SlotOrchestrator: no traffic source (SetTrafficSource)");
    }
    if (!m_topology)
    {
        throw InputError("SlotOrchestrator: no topology (SetTopology)");
    }
    if (m_lanes.empty())
    {
        throw InputError("SlotOrchestrator: no lane (AddLane)");
    }
    m_calendar = m_source->GetCalendar();
    Ptr<ServiceCatalog> catalog = m_source->GetServiceCatalog();
    NS_ABORT_MSG_IF(!m_calendar || !catalog, "the traffic source has no calendar or catalog");
    m_calendar->Validate();
    m_slotDuration = m_calendar->GetSlotDuration();
    m_slotsPerDay = m_calendar->GetSlotsPerDay();
    m_nServices = catalog->GetN();
    m_nAntennas = m_source->GetNAntennas();
    m_nSlots = m_source->GetNSlots();
    if (m_nServices == 0)
    {
        throw InputError("SlotOrchestrator: the service catalog is empty");
    }
    if (m_nAntennas != m_topology->GetNAntennas())
    {
        throw InputError("SlotOrchestrator: the traffic source has " + std::to_string(m_nAntennas) +
                         " antennas, the topology " + std::to_string(m_topology->GetNAntennas()));
    }
    if (m_nSlots == 0)
    {
        throw InputError("SlotOrchestrator: the traffic source has no slot");
    }

    // Days and splits.
    m_nDays = static_cast<uint32_t>((m_nSlots + m_slotsPerDay - 1) / m_slotsPerDay);
    if (m_trainFraction + m_validationFraction > 1.0 + 1e-12)
    {
        throw InputError::ForAttribute("ValidationFraction",
                                       "TrainFraction + ValidationFraction must not exceed 1");
    }
    m_trainDays = static_cast<uint32_t>(std::lround(m_trainFraction * m_nDays));
    m_validationDays = static_cast<uint32_t>(std::lround(m_validationFraction * m_nDays));
    m_validationDays = std::min(m_validationDays, m_nDays - m_trainDays);
    const uint32_t testStart = m_trainDays + m_validationDays;
    m_evalStartDay = m_evaluationStart < 0 ? testStart : static_cast<uint32_t>(m_evaluationStart);
    m_evalEndDay = m_evaluationEnd < 0 ? m_nDays : static_cast<uint32_t>(m_evaluationEnd);
    const std::string days = std::to_string(m_nDays) + "-day run";
    if (m_evalStartDay < m_trainDays)
    {
        throw InputError::ForAttribute(
            "EvaluationStartDay",
            "day " + std::to_string(m_evalStartDay) + " lies in the training period (days 0-" +
                std::to_string(m_trainDays - 1) + " of the " + days + ")");
    }
    if (m_evalStartDay >= m_nDays)
    {
        throw InputError::ForAttribute(
            "EvaluationStartDay",
            "day " + std::to_string(m_evalStartDay) + " is beyond the " + days +
                (m_evaluationStart < 0
                     ? " (no test day is left after " + std::to_string(m_trainDays) +
                           " training and " + std::to_string(m_validationDays) +
                           " validation days: run longer or set it)"
                     : std::string()));
    }
    if (m_evalEndDay > m_nDays)
    {
        throw InputError::ForAttribute("EvaluationEndDay",
                                       "day " + std::to_string(m_evalEndDay) + " is beyond the " +
                                           days);
    }
    if (m_evalEndDay <= m_evalStartDay)
    {
        throw InputError::ForAttribute("EvaluationEndDay",
                                       "must be after EvaluationStartDay (" +
                                           std::to_string(m_evalStartDay) + "), got " +
                                           std::to_string(m_evalEndDay));
    }

    // Lanes that tune on the validation days must not be judged on them.
    for (const auto& lane : m_lanes)
    {
        for (const auto& ll : lane.levels)
        {
            if (!ll.decomposer || !ll.decomposer->NeedsValidation())
            {
                continue;
            }
            const std::string who = "lane '" + lane.name + "' (" + ll.decomposer->GetName() +
                                    ") tunes on the validation days";
            if (m_validationDays == 0)
            {
                throw InputError::ForAttribute("ValidationFraction",
                                               who + ", and the " + days + " has none");
            }
            if (m_evalStartDay < testStart)
            {
                throw InputError::ForAttribute(
                    "EvaluationStartDay",
                    who + " (days " + std::to_string(m_trainDays) + "-" +
                        std::to_string(testStart - 1) +
                        "): the evaluation must start after them, got day " +
                        std::to_string(m_evalStartDay));
            }
        }
    }

    // Levels.
    bool anyActive = false;
    for (auto level : ALL_NETWORK_LEVELS)
    {
        const uint32_t li = NetworkLevelIndex(level);
        Level& l = m_levels[li];
        l = Level();
        bool wanted = false;
        for (const auto& lane : m_lanes)
        {
            wanted = wanted || lane.levels[li].decomposer;
        }
        if (!wanted)
        {
            continue;
        }
        if (!m_topology->HasLevel(level))
        {
            NS_LOG_WARN("the topology has no " << level << " level: skipped");
            continue;
        }
        const char* attributes[N_NETWORK_LEVELS] = {"AntennaInterval",
                                                    "MecInterval",
                                                    "CranInterval",
                                                    "CoreInterval"};
        CheckInterval(level, attributes[li], GetInterval(level));
        l.active = true;
        anyActive = true;
        l.nNodes = m_topology->GetNNodes(level);
        l.assignment = m_topology->GetAssignment(level);
        l.slotsPerInterval =
            static_cast<uint32_t>(GetInterval(level).GetTimeStep() / m_slotDuration.GetTimeStep());
        l.sum.Resize(m_nServices, l.nNodes);
        l.truth.Resize(m_nServices, l.nNodes);
        l.snapshot.assign(l.nNodes, 0.0);
        l.history.Reset(m_historyLength, l.nNodes);
    }
    if (!anyActive)
    {
        throw InputError("SlotOrchestrator: no lane has a decomposer at a level the topology "
                         "has");
    }

    // Accountant.
    m_accountant->SetServiceNames(catalog->GetNames());
    m_accountant->SetSlotDuration(m_slotDuration);
    m_accountant->SetSpectrumAllocator(m_spectrum);
    m_accountant->SetVnfAllocator(m_vnf);
    for (auto& lane : m_lanes)
    {
        const int32_t existing = m_accountant->FindLane(lane.name);
        lane.account =
            existing >= 0 ? static_cast<uint32_t>(existing) : m_accountant->AddLane(lane.name);
    }
    NS_ABORT_MSG_IF(m_accountant->FindLane(m_lanes[0].name) != 0,
                    "the accountant's primary lane is not the orchestrator's");

    // Decomposers.
    Ptr<SharedTrainingState> shared =
        m_shareTraining ? CreateObject<SharedTrainingState>() : nullptr;
    for (auto& lane : m_lanes)
    {
        for (auto level : ALL_NETWORK_LEVELS)
        {
            const uint32_t li = NetworkLevelIndex(level);
            LaneLevel& ll = lane.levels[li];
            if (!ll.decomposer || !m_levels[li].active)
            {
                continue;
            }
            const Level& l = m_levels[li];
            DecomposerSetup setup;
            setup.level = level;
            setup.nNodes = l.nNodes;
            setup.nServices = m_nServices;
            setup.historyLength = m_historyLength;
            setup.interval = GetInterval(level);
            setup.intervalsPerDay = m_slotsPerDay / l.slotsPerInterval;
            setup.trainingIntervals = static_cast<uint64_t>(m_trainDays) * setup.intervalsPerDay;
            setup.nodePositions = m_topology->GetNodePositions(level);
            setup.catalog = catalog;
            setup.costAlpha = m_accountant->GetAlpha();
            setup.violationTolerance = m_accountant->GetViolationTolerance();
            setup.sharedState = shared;
            ll.decomposer->Setup(setup);
            ll.estimate.Resize(m_nServices, l.nNodes);
            ll.allocation.Resize(m_nServices, l.nNodes);
            ll.trainingEnded = false;
            ll.validationEnded = false;
            ll.repairs = 0;
            ll.batchSize = std::max<uint32_t>(1, ll.decomposer->GetBatchSize());
            ll.prefetchedEnd = 0;
            m_accountant->AddLevel(lane.account, level, l.nNodes, GetInterval(level));
        }
    }
    m_accountant->SetRunInfo("slot_min", m_slotDuration.GetSeconds() / 60.0);
    m_accountant->SetRunInfo("slots", static_cast<int64_t>(m_nSlots));
    m_accountant->SetRunInfo("days", static_cast<int64_t>(m_nDays));
    m_accountant->SetRunInfo("train_days", static_cast<int64_t>(m_trainDays));
    m_accountant->SetRunInfo("validation_days", static_cast<int64_t>(m_validationDays));
    m_accountant->SetRunInfo("evaluation_start_day", static_cast<int64_t>(m_evalStartDay));
    m_accountant->SetRunInfo("evaluation_end_day", static_cast<int64_t>(m_evalEndDay));
    m_accountant->SetRunInfo("history", static_cast<int64_t>(m_historyLength));
    m_accountant->SetRunInfo("antennas", static_cast<int64_t>(m_nAntennas));
    m_accountant->SetRunInfo("services", static_cast<int64_t>(m_nServices));
    m_nodeSums.assign(m_nAntennas, 0.0);
    m_demand.Resize(m_nServices, m_nAntennas);
    m_slotsAhead.clear();
    m_slotsAheadFirst = 0;

    NS_LOG_INFO("run of " << m_nSlots << " slots (" << m_nDays << " days): " << m_trainDays
                          << " training, " << m_validationDays << " validation days; costs over "
                          << "days [" << m_evalStartDay << ", " << m_evalEndDay << ")");
}

void
SlotOrchestrator::ProcessSlot(uint64_t slot)
{
    try
    {
        DoProcessSlot(slot);
    }
    catch (...)
    {
        // Leave nothing behind that could pass for a result.
        m_accountant->Abandon();
        m_finished = true;
        throw;
    }
    ++m_slotsProcessed;
    if (slot + 1 < m_nSlots)
    {
        m_next =
            Simulator::Schedule(m_slotDuration, &SlotOrchestrator::ProcessSlot, this, slot + 1);
    }
    else
    {
        Finish();
    }
}

void
SlotOrchestrator::ReadSlot(uint64_t slot, DemandMatrix& demand)
{
    m_source->GetDemand(slot, demand);
    if (demand.GetNServices() != m_nServices || demand.GetNNodes() != m_nAntennas)
    {
        throw InputError("traffic source: slot " + std::to_string(slot) + " has the wrong shape");
    }
    const size_t n = static_cast<size_t>(m_nServices) * m_nAntennas;
    const double* d = demand.Data();
    for (size_t i = 0; i < n; ++i)
    {
        if (!(d[i] >= 0.0) || !std::isfinite(d[i]))
        {
            throw InputError("traffic source: slot " + std::to_string(slot) + ", service " +
                             std::to_string(i / m_nAntennas) + ", antenna " +
                             std::to_string(i % m_nAntennas) +
                             ": demand is negative or not finite");
        }
    }
}

const DemandMatrix&
SlotOrchestrator::SlotAhead(uint64_t slot)
{
    NS_ASSERT(slot >= m_slotsAheadFirst && slot < m_nSlots);
    while (m_slotsAheadFirst + m_slotsAhead.size() <= slot)
    {
        const uint64_t next = m_slotsAheadFirst + m_slotsAhead.size();
        m_slotsAhead.emplace_back();
        ReadSlot(next, m_slotsAhead.back());
    }
    return m_slotsAhead[slot - m_slotsAheadFirst];
}

void
SlotOrchestrator::AccumulateSlot(uint32_t index,
                                 const DemandMatrix& demand,
                                 DemandMatrix& sum) const
{
    const Level& l = m_levels[index];
    const size_t n = static_cast<size_t>(m_nServices) * m_nAntennas;
    const double* d = demand.Data();
    double* out = sum.Data();
    if (index == NetworkLevelIndex(NetworkLevel::ANTENNA))
    {
        for (size_t i = 0; i < n; ++i)
        {
            out[i] += d[i];
        }
        return;
    }
    const uint32_t* assignment = l.assignment.data();
    for (uint32_t s = 0; s < m_nServices; ++s)
    {
        const double* in = d + static_cast<size_t>(s) * m_nAntennas;
        double* row = out + static_cast<size_t>(s) * l.nNodes;
        for (uint32_t a = 0; a < m_nAntennas; ++a)
        {
            row[assignment[a]] += in[a];
        }
    }
}

void
SlotOrchestrator::FinishInterval(uint32_t index,
                                 DemandMatrix& sum,
                                 DemandMatrix& truth,
                                 std::vector<double>& snapshot) const
{
    const Level& l = m_levels[index];
    const uint32_t nNodes = l.nNodes;
    const size_t n = static_cast<size_t>(m_nServices) * nNodes;
    const double scale = 1.0 / l.slotsPerInterval;
    double* in = sum.Data();
    double* out = truth.Data();
    for (size_t i = 0; i < n; ++i)
    {
        out[i] = in[i] * scale;
        in[i] = 0.0;
    }
    snapshot.assign(nNodes, 0.0);
    for (uint32_t s = 0; s < m_nServices; ++s)
    {
        const double* row = out + static_cast<size_t>(s) * nNodes;
        for (uint32_t node = 0; node < nNodes; ++node)
        {
            snapshot[node] += row[node];
        }
    }
}

DecompositionContext
SlotOrchestrator::MakeContext(uint32_t index, uint64_t interval) const
{
    const Level& l = m_levels[index];
    DecompositionContext ctx;
    ctx.level = ALL_NETWORK_LEVELS[index];
    ctx.interval = interval;
    ctx.firstSlot = interval * l.slotsPerInterval;
    ctx.day = ctx.firstSlot / m_slotsPerDay;
    ctx.intervalOfDay = static_cast<uint32_t>((ctx.firstSlot % m_slotsPerDay) / l.slotsPerInterval);
    ctx.dayType = m_calendar->GetDayType(ctx.day);
    return ctx;
}

bool
SlotOrchestrator::IsDecomposed(uint64_t day) const
{
    const bool evaluated = day >= m_evalStartDay && day < m_evalEndDay;
    return day >= m_trainDays && (evaluated || m_decomposeUnevaluated);
}

const std::vector<double>&
SlotOrchestrator::UpcomingSnapshot(uint32_t index, uint64_t interval)
{
    Level& l = m_levels[index];
    NS_ASSERT(interval > l.interval);
    while (!l.ahead.empty() && l.aheadFirst <= l.interval)
    {
        l.ahead.pop_front();
        ++l.aheadFirst;
    }
    if (l.ahead.empty())
    {
        l.aheadFirst = l.interval + 1;
    }
    while (l.aheadFirst + l.ahead.size() <= interval)
    {
        const uint64_t next = l.aheadFirst + l.ahead.size();
        if (l.aheadSum.GetNNodes() != l.nNodes)
        {
            l.aheadSum.Resize(m_nServices, l.nNodes);
            l.aheadTruth.Resize(m_nServices, l.nNodes);
        }
        // The same additions, in the same order, as the slots' own pass: the snapshot is
        // bit for bit the one CompleteInterval() will push.
        std::fill(l.aheadSum.Data(),
                  l.aheadSum.Data() + static_cast<size_t>(m_nServices) * l.nNodes,
                  0.0);
        const uint64_t firstSlot = next * l.slotsPerInterval;
        for (uint32_t k = 0; k < l.slotsPerInterval; ++k)
        {
            AccumulateSlot(index, SlotAhead(firstSlot + k), l.aheadSum);
        }
        l.ahead.emplace_back();
        FinishInterval(index, l.aheadSum, l.aheadTruth, l.ahead.back());
    }
    return l.ahead[interval - l.aheadFirst];
}

void
SlotOrchestrator::PrefetchLane(uint32_t index, LaneLevel& ll, const DecompositionContext& first)
{
    const Level& l = m_levels[index];
    std::vector<DecompositionContext> contexts{first};
    contexts.front().truth = nullptr;
    std::vector<std::vector<double>> upcoming;
    for (uint32_t k = 1; k < ll.batchSize; ++k)
    {
        const uint64_t interval = first.interval + k;
        if ((interval + 1) * l.slotsPerInterval > m_nSlots)
        {
            break; // the run ends before the interval does
        }
        const DecompositionContext ctx = MakeContext(index, interval);
        if (!IsDecomposed(ctx.day))
        {
            break; // the batch ends where decomposition pauses
        }
        upcoming.push_back(UpcomingSnapshot(index, interval));
        contexts.push_back(ctx);
    }
    ll.prefetchedEnd = first.interval + contexts.size();
    NS_LOG_LOGIC(ll.decomposer->GetName()
                 << " at " << first.level << ": intervals " << first.interval << "-"
                 << ll.prefetchedEnd - 1 << " told ahead");
    ll.decomposer->Prefetch(contexts, l.history, upcoming);
}

void
SlotOrchestrator::DoProcessSlot(uint64_t slot)
{
    if (!m_slotsAhead.empty())
    {
        // Read ahead for a batching decomposer, and checked then.
        NS_ASSERT(m_slotsAheadFirst == slot);
        std::swap(m_demand, m_slotsAhead.front());
        m_slotsAhead.pop_front();
    }
    else
    {
        ReadSlot(slot, m_demand);
    }
    m_slotsAheadFirst = slot + 1;
    m_demandTrace(slot, m_demand);

    for (uint32_t li = 0; li < N_NETWORK_LEVELS; ++li)
    {
        Level& l = m_levels[li];
        if (!l.active)
        {
            continue;
        }
        AccumulateSlot(li, m_demand, l.sum);
        if (++l.slotsInInterval == l.slotsPerInterval)
        {
            CompleteInterval(li, slot + 1 - l.slotsPerInterval);
            l.slotsInInterval = 0;
        }
    }

    if (m_progressDays > 0 &&
        (slot + 1) % (static_cast<uint64_t>(m_slotsPerDay) * m_progressDays) == 0)
    {
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - m_wallStart).count();
        std::clog << "[microscope] day " << (slot + 1) / m_slotsPerDay << "/" << m_nDays << " ("
                  << std::fixed << std::setprecision(1) << 100.0 * (slot + 1) / m_nSlots << "%), "
                  << wall << " s" << std::defaultfloat << std::endl;
    }
}

void
SlotOrchestrator::CompleteInterval(uint32_t index, uint64_t firstSlot)
{
    Level& l = m_levels[index];
    const NetworkLevel level = ALL_NETWORK_LEVELS[index];
    const uint32_t nNodes = l.nNodes;
    const size_t n = static_cast<size_t>(m_nServices) * nNodes;

    // Mean over the interval's slots, and the aggregate snapshot.
    FinishInterval(index, l.sum, l.truth, l.snapshot);
    const double* truth = l.truth.Data();
    l.history.Push(l.snapshot);

    DecompositionContext ctx = MakeContext(index, l.interval);
    NS_ASSERT(ctx.firstSlot == firstSlot);
    ctx.truth = &l.truth;
    m_intervalTrace(level, l.interval, firstSlot, l.truth);

    const bool training = ctx.day < m_trainDays;
    const bool validation = !training && ctx.day < m_trainDays + m_validationDays;
    const bool evaluated = ctx.day >= m_evalStartDay && ctx.day < m_evalEndDay;
    const double keep = 1.0 - m_accountant->GetViolationTolerance();
    for (auto& lane : m_lanes)
    {
        LaneLevel& ll = lane.levels[index];
        if (!ll.decomposer)
        {
            continue;
        }
        if (training)
        {
            ll.decomposer->Train(ctx, l.history, l.truth);
            continue;
        }
        if (!ll.trainingEnded)
        {
            ll.decomposer->EndTraining();
            ll.trainingEnded = true;
        }
        if (!validation && !ll.validationEnded)
        {
            ll.decomposer->EndValidation();
            ll.validationEnded = true;
        }
        if (!evaluated && !m_decomposeUnevaluated)
        {
            if (validation)
            {
                ll.decomposer->Validate(ctx, l.history, l.truth);
            }
            ll.decomposer->Observe(ctx, l.truth);
            continue;
        }
        if (ll.batchSize > 1 && l.interval >= ll.prefetchedEnd)
        {
            PrefetchLane(index, ll, ctx);
        }
        ll.decomposer->Decompose(ctx, l.history, ll.estimate);
        const uint64_t repaired = CheckEstimate(lane, level, l.interval, l.snapshot, ll.estimate);
        ll.repairs += repaired;
        (level == NetworkLevel::ANTENNA ? StaticCast<SliceAllocator>(m_spectrum)
                                        : StaticCast<SliceAllocator>(m_vnf))
            ->Allocate(ll.estimate, ll.allocation);
        m_estimateTrace(lane.name, level, l.interval, l.truth, ll.estimate);
        m_allocationTrace(lane.name, level, l.interval, ll.allocation);
        if (evaluated)
        {
            m_accountant
                ->Account(lane.account, level, firstSlot, l.truth, ll.estimate, ll.allocation);
            if (repaired > 0)
            {
                m_accountant->RecordRepairs(lane.account, level, repaired);
            }
        }
        if (!m_costTrace.IsEmpty())
        {
            double over = 0.0;
            double shortfall = 0.0;
            uint32_t violations = 0;
            const double* x = ll.allocation.Data();
            for (size_t i = 0; i < n; ++i)
            {
                const double diff = x[i] - truth[i];
                if (diff > 0.0)
                {
                    over += diff;
                }
                else
                {
                    shortfall -= diff;
                    violations += x[i] < truth[i] * keep ? 1 : 0;
                }
            }
            m_costTrace(lane.name, level, l.interval, over, shortfall, violations, evaluated);
        }
        // The interval is over: its truth may now be seen by whoever tunes or monitors.
        if (validation)
        {
            ll.decomposer->Validate(ctx, l.history, l.truth);
        }
        ll.decomposer->Observe(ctx, l.truth);
    }
    ++l.interval;
}

uint64_t
SlotOrchestrator::CheckEstimate(const Lane& lane,
                                NetworkLevel level,
                                uint64_t interval,
                                const std::vector<double>& aggregate,
                                DemandMatrix& estimate)
{
    const uint32_t nNodes = static_cast<uint32_t>(aggregate.size());
    auto where = [&]()
    {
        return "lane '" + lane.name + "', " + NetworkLevelName(level) + " level, interval " +
               std::to_string(interval) + ": decomposer '" +
               lane.levels[NetworkLevelIndex(level)].decomposer->GetName() + "' ";
    };
    if (estimate.GetNServices() != m_nServices || estimate.GetNNodes() != nNodes)
    {
        throw InputError(where() + "returned a " + std::to_string(estimate.GetNServices()) + " x " +
                         std::to_string(estimate.GetNNodes()) + " estimate, expected " +
                         std::to_string(m_nServices) + " x " + std::to_string(nNodes));
    }
    const double* e = estimate.Data();
    double* sums = m_nodeSums.data();
    std::fill(sums, sums + nNodes, 0.0);
    bool negative = false;
    for (uint32_t s = 0; s < m_nServices; ++s)
    {
        const double* row = e + static_cast<size_t>(s) * nNodes;
        for (uint32_t node = 0; node < nNodes; ++node)
        {
            const double v = row[node];
            if (!std::isfinite(v))
            {
                throw InputError(where() + "returned a non-finite estimate (service " +
                                 std::to_string(s) + ", node " + std::to_string(node) + ")");
            }
            negative = negative || v < 0.0;
            sums[node] += v;
        }
    }
    if (!lane.levels[NetworkLevelIndex(level)].decomposer->PreservesAggregate())
    {
        // An allocation ahead from a forecast need not sum to the current aggregate: keep it
        // non-negative only.
        uint32_t clamped = 0;
        for (uint32_t node = 0; node < nNodes && negative; ++node)
        {
            bool changed = false;
            for (uint32_t s = 0; s < m_nServices; ++s)
            {
                if (estimate(s, node) < 0.0)
                {
                    estimate(s, node) = 0.0;
                    changed = true;
                }
            }
            clamped += changed ? 1 : 0;
        }
        return clamped;
    }
    bool repair = negative;
    for (uint32_t node = 0; node < nNodes && !repair; ++node)
    {
        repair = std::abs(sums[node] - aggregate[node]) > 1e-6 * std::abs(aggregate[node]) + 1e-12;
    }
    if (!repair)
    {
        return 0;
    }
    const uint32_t repaired = Decomposer::EnforceConstraints(aggregate, estimate);
    NS_LOG_LOGIC(where() << "broke the constraints at " << repaired << " nodes: repaired");
    return repaired;
}

void
SlotOrchestrator::Finish()
{
    NS_LOG_FUNCTION(this);
    if (m_finished)
    {
        return;
    }
    NS_ABORT_MSG_IF(!m_started, "Finish() before Start()");
    m_finished = true;
    m_next.Cancel();
    m_accountant->Finalize();
    for (const auto& lane : m_lanes)
    {
        for (auto level : ALL_NETWORK_LEVELS)
        {
            const auto& ll = lane.levels[NetworkLevelIndex(level)];
            if (ll.repairs > 0)
            {
                NS_LOG_WARN("lane '" << lane.name << "' at " << level << ": " << ll.repairs
                                     << " node estimates broke the constraints and were "
                                        "repaired");
            }
        }
    }
}

bool
SlotOrchestrator::IsFinished() const
{
    return m_finished;
}

void
SlotOrchestrator::WriteResults(const std::string& directory) const
{
    NS_LOG_FUNCTION(this << directory);
    NS_ABORT_MSG_IF(!m_accountant->IsFinalized(), "WriteResults() before the run finished");
    const std::string prefix = directory.empty() ? std::string() : directory + "/";
    m_accountant->WriteNodeCostsCsv(prefix + "node_costs.csv");
    m_accountant->WriteTable3Csv(prefix + "table3.csv");
    m_accountant->WriteSummaryJson(prefix + "summary.json");
}

uint32_t
SlotOrchestrator::GetNDays() const
{
    return m_nDays;
}

uint32_t
SlotOrchestrator::GetTrainDays() const
{
    return m_trainDays;
}

uint32_t
SlotOrchestrator::GetValidationDays() const
{
    return m_validationDays;
}

uint32_t
SlotOrchestrator::GetEvaluationStartDay() const
{
    return m_evalStartDay;
}

uint32_t
SlotOrchestrator::GetEvaluationEndDay() const
{
    return m_evalEndDay;
}

bool
SlotOrchestrator::IsLevelActive(NetworkLevel level) const
{
    return m_levels[NetworkLevelIndex(level)].active;
}

const AggregateHistory&
SlotOrchestrator::GetHistory(NetworkLevel level) const
{
    NS_ABORT_MSG_IF(!IsLevelActive(level), "level " << level << " is not active");
    return m_levels[NetworkLevelIndex(level)].history;
}

uint64_t
SlotOrchestrator::GetNRepairs(const std::string& lane, NetworkLevel level) const
{
    const int32_t index = FindLane(lane);
    NS_ABORT_MSG_IF(index < 0, "no lane '" << lane << "'");
    return m_lanes[index].levels[NetworkLevelIndex(level)].repairs;
}

uint64_t
SlotOrchestrator::GetNSlotsProcessed() const
{
    return m_slotsProcessed;
}

} // namespace ns3
