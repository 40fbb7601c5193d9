/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "lte-slice-controller.h"

#include "atomic-file-writer.h"
#include "delay-quantile-calculator.h"
#include "input-error.h"
#include "lte-slice-level-totals.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LteSliceController");

NS_OBJECT_ENSURE_REGISTERED(LteSliceController);

namespace
{

/// A (slot, node, slice) traffic counter.
using Counter = LteSliceStatsCalculator::Counter;

/**
 * \param value a number.
 * \return the JSON value: null for NaN or infinity.
 */
nlohmann::ordered_json
Json(double value)
{
    return LteSliceLevelTotals::JsonNumber(value);
}
} // namespace

TypeId
LteSliceController::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::LteSliceController")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<LteSliceController>()
            .AddAttribute("SlotDuration",
                          "Duration of a (compressed) slot; at least one TTI (1 ms).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&LteSliceController::m_slot),
                          MakeTimeChecker())
            .AddAttribute("Slots",
                          "Evaluated slots (a warm-up slot precedes them).",
                          UintegerValue(30),
                          MakeUintegerAccessor(&LteSliceController::m_nSlots),
                          MakeUintegerChecker<uint32_t>(1, 1000000))
            .AddAttribute("StartTime",
                          "Start of the warm-up slot; attach and bearer set-up happen before.",
                          TimeValue(MilliSeconds(300)),
                          MakeTimeAccessor(&LteSliceController::m_start),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("DrainTime",
                          "Time after the last slot for packets in flight to arrive.",
                          TimeValue(MilliSeconds(500)),
                          MakeTimeAccessor(&LteSliceController::m_drain),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("MapOffset",
                          "Demand-model slot (5-minute slots of the synthetic days) of the "
                          "warm-up slot; slot j maps to MapOffset + j * MapStride.",
                          UintegerValue(288 + 240),
                          MakeUintegerAccessor(&LteSliceController::m_mapOffset),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("MapStride",
                          "Demand-model slots per compressed slot.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&LteSliceController::m_mapStride),
                          MakeUintegerChecker<uint32_t>(1, 100000))
            .AddAttribute("QuotaScale",
                          "Factor applied to every allocation (PRBs and cores); 0.5 halves "
                          "the slices' capacity on purpose.",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&LteSliceController::m_quotaScale),
                          MakeDoubleChecker<double>(0.0, 100.0))
            .AddAttribute("MinimumCores",
                          "Cores every slice keeps at every datacenter, whatever its estimate "
                          "(a slice's VNF instance always exists).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&LteSliceController::m_minCores),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MinimumRbgs",
                          "RBGs every slice keeps at every eNB, whatever its estimate (while the "
                          "cell has RBGs).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&LteSliceController::m_minRbgs),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("History",
                          "T: aggregate snapshots in each decomposer's history.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&LteSliceController::m_history),
                          MakeUintegerChecker<uint32_t>(1, 1000))
            .AddAttribute("TrainSlots",
                          "Demand-model slots before MapOffset the decomposers are trained on "
                          "(with the model's per-service demand, scaled to the load). MapOffset "
                          "below TrainSlots is an error.",
                          UintegerValue(288),
                          MakeUintegerAccessor(&LteSliceController::m_trainSlots),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("Slot",
                            "A slot was measured and decomposed at one level.",
                            MakeTraceSourceAccessor(&LteSliceController::m_slotTrace),
                            "ns3::LteSliceController::SlotTracedCallback")
            .AddTraceSource("Quotas",
                            "PRB quotas were set on an eNB for a slot.",
                            MakeTraceSourceAccessor(&LteSliceController::m_quotasTrace),
                            "ns3::LteSliceController::QuotasTracedCallback");
    return tid;
}

LteSliceController::LteSliceController()
    : m_nSlots(30),
      m_mapOffset(528),
      m_mapStride(1),
      m_quotaScale(1.0),
      m_history(1),
      m_trainSlots(288),
      m_minCores(1),
      m_minRbgs(0)
{
    NS_LOG_FUNCTION(this);
    m_connector.SetCalculator(&m_stats);
}

LteSliceController::~LteSliceController()
{
    NS_LOG_FUNCTION(this);
}

void
LteSliceController::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_w = Wiring();
    m_step.Dispose();
    Object::DoDispose();
}

void
LteSliceController::SetWiring(const Wiring& wiring)
{
    NS_LOG_FUNCTION(this);
    m_w = wiring;
}

const LteSliceController::Wiring&
LteSliceController::GetWiring() const
{
    return m_w;
}

uint32_t
LteSliceController::GetNSlots() const
{
    return m_nSlots;
}

Time
LteSliceController::GetStopTime() const
{
    return m_start + m_slot * static_cast<int64_t>(m_nSlots + 1) + m_drain;
}

bool
LteSliceController::IsFinished() const
{
    return m_finished;
}

uint64_t
LteSliceController::MappedSlot(uint32_t slot) const
{
    return m_mapOffset + static_cast<uint64_t>(slot) * m_mapStride;
}

void
LteSliceController::GetOfferedDemand(uint64_t modelSlot, DemandMatrix& demand) const
{
    m_w.source->GetDemand(modelSlot, demand);
    for (uint32_t s = 0; s < demand.GetNServices(); ++s)
    {
        for (uint32_t e = 0; e < demand.GetNNodes(); ++e)
        {
            demand(s, e) *= m_w.demandScale[e];
        }
    }
}

void
LteSliceController::Start()
{
    NS_LOG_FUNCTION(this);
    if (m_slot < MilliSeconds(1))
    {
        throw InputError::ForAttribute("ns3::LteSliceController::SlotDuration",
                                       "the slot (" + std::to_string(m_slot.GetSeconds()) +
                                           " s) is shorter than an LTE TTI (1 ms)");
    }
    if (m_slot.GetTimeStep() % MilliSeconds(1).GetTimeStep() != 0)
    {
        throw InputError::ForAttribute("ns3::LteSliceController::SlotDuration",
                                       "the slot must be a whole number of TTIs (1 ms)");
    }
    if (!m_w.catalog || !m_w.source || !m_w.topology || !m_w.spectrum || !m_w.vnf ||
        !m_w.accountant)
    {
        throw InputError("LteSliceController: the wiring is incomplete (use LteSlicingHelper)");
    }
    m_nServices = m_w.catalog->GetN();
    m_nSlices = static_cast<uint32_t>(m_w.sliceNames.size());
    m_nEnbs = m_w.topology->GetNAntennas();
    if (m_w.uesPerEnb == 0)
    {
        throw InputError::ForAttribute("UesPerEnb", "at least one UE per eNB is needed");
    }
    const auto nBearers = static_cast<uint32_t>(m_w.bearerLcid.size());
    bool badBearer = false;
    for (uint16_t b : m_w.serviceBearer)
    {
        badBearer = badBearer || b >= nBearers;
    }
    if (m_w.serviceSlice.size() != m_nServices || m_w.serviceBearer.size() != m_nServices ||
        m_w.bearerSlice.size() != nBearers || nBearers == 0 || badBearer ||
        m_w.flows.size() != m_nEnbs || m_w.sinks.size() != m_nEnbs ||
        m_w.schedulers.size() != m_nEnbs || m_w.enbDevices.GetN() != m_nEnbs ||
        m_w.topology->GetNNodes(NetworkLevel::ANTENNA) != m_nEnbs ||
        m_w.sliceSlaDelivered.size() != m_nSlices || m_w.sliceSlaDelayMs.size() != m_nSlices)
    {
        throw InputError("LteSliceController: the wiring does not match the topology");
    }
    if (m_mapOffset < m_trainSlots)
    {
        // The decomposers train on the TrainSlots demand-model slots before MapOffset: fewer
        // would be a silent change of the training set.
        throw InputError::ForAttribute("ns3::LteSliceController::MapOffset",
                                       "MapOffset (--map-offset) " + std::to_string(m_mapOffset) +
                                           " is below TrainSlots " + std::to_string(m_trainSlots) +
                                           ": the decomposers train on the TrainSlots "
                                           "demand-model slots before MapOffset (lower "
                                           "ns3::LteSliceController::TrainSlots, or raise "
                                           "--map-offset)");
    }
    const uint64_t last = MappedSlot(m_nSlots);
    if (last >= m_w.source->GetNSlots())
    {
        throw InputError::ForAttribute("ns3::LteSliceController::MapOffset",
                                       "slot " + std::to_string(m_nSlots) + " maps to model slot " +
                                           std::to_string(last) + ", beyond the model's " +
                                           std::to_string(m_w.source->GetNSlots()) + " slots");
    }
    for (auto level : ALL_NETWORK_LEVELS)
    {
        const uint32_t l = NetworkLevelIndex(level);
        if (!m_w.decomposers[l])
        {
            throw InputError("LteSliceController: no decomposer at the " + NetworkLevelName(level) +
                             " level");
        }
        if (level != NetworkLevel::ANTENNA && m_w.vnfs[l].size() != m_w.topology->GetNNodes(level))
        {
            throw InputError("LteSliceController: VNFs do not match the " +
                             NetworkLevelName(level) + " datacenters");
        }
    }

    // Shapes.
    const uint32_t n = m_nSlots + 1;
    LteSliceStatsCalculator::Layout layout;
    layout.start = m_start;
    layout.slot = m_slot;
    layout.nSlots = m_nSlots;
    layout.nServices = m_nServices;
    layout.nSlices = m_nSlices;
    layout.serviceBearer = m_w.serviceBearer;
    layout.nBearers = nBearers;
    m_step.Setup(m_w, m_nSlots, m_quotaScale, m_minCores, m_minRbgs, m_history);
    m_step.SetQuotasCallback(
        MakeCallback(&TracedCallback<uint32_t, uint32_t, const std::vector<uint32_t>&>::operator(),
                     &m_quotasTrace));
    for (auto level : ALL_NETWORK_LEVELS)
    {
        const uint32_t l = NetworkLevelIndex(level);
        const uint32_t nodes = m_w.topology->GetNNodes(level);
        layout.nodes[l] = nodes;
        m_levels[l].assign(n, LevelSlot());
        DecomposerSetup setup;
        setup.level = level;
        setup.nNodes = nodes;
        setup.nServices = m_nServices;
        setup.historyLength = m_history;
        setup.interval = m_w.source->GetCalendar()->GetSlotDuration();
        setup.intervalsPerDay = m_w.source->GetCalendar()->GetSlotsPerDay();
        setup.nodePositions = level == NetworkLevel::ANTENNA
                                  ? m_w.topology->GetAntennaPositions()
                                  : m_w.topology->GetNodePositions(level);
        setup.catalog = m_w.catalog;
        m_step.SetupLevel(setup);
    }
    m_stats.Setup(layout);

    // Costs.
    Ptr<CostAccountant> acc = m_w.accountant;
    acc->SetServiceNames(m_w.catalog->GetNames());
    acc->SetSpectrumAllocator(m_w.spectrum);
    acc->SetVnfAllocator(m_w.vnf);
    acc->SetSlotDuration(m_slot);
    const uint32_t lane =
        acc->AddLane(m_w.decomposerName.empty() ? "decomposer" : m_w.decomposerName);
    for (auto level : ALL_NETWORK_LEVELS)
    {
        acc->AddLevel(lane, level, m_w.topology->GetNNodes(level), m_slot);
    }

    Train();

    m_connector.ConnectApplications(m_w);
    m_started = true;
    NS_LOG_INFO(m_nEnbs << " eNBs, " << m_nServices << " services in " << m_nSlices << " slices, "
                        << m_nSlots << " evaluated slots of " << m_slot.As(Time::MS) << " from "
                        << m_start.As(Time::S));
    Simulator::Schedule(m_start - Simulator::Now(), &LteSliceController::BeginSlot, this, 0);
}

DecompositionContext
LteSliceController::ContextOf(NetworkLevel level, uint64_t modelSlot) const
{
    Ptr<TrafficCalendar> calendar = m_w.source->GetCalendar();
    DecompositionContext context;
    context.level = level;
    context.firstSlot = modelSlot;
    context.day = calendar->GetDayIndex(modelSlot);
    context.intervalOfDay = calendar->GetSlotOfDay(modelSlot);
    context.dayType = calendar->GetDayType(context.day);
    return context;
}

void
LteSliceController::Train()
{
    NS_LOG_FUNCTION(this);
    NS_ASSERT(m_mapOffset >= m_trainSlots); // checked in Start()
    const uint64_t first = m_mapOffset - m_trainSlots;
    DemandMatrix demand;
    std::array<DemandMatrix, N_NETWORK_LEVELS> truth;
    for (uint64_t m = first; m < m_mapOffset; ++m)
    {
        GetOfferedDemand(m, demand);
        for (auto level : ALL_NETWORK_LEVELS)
        {
            const uint32_t l = NetworkLevelIndex(level);
            if (level == NetworkLevel::ANTENNA)
            {
                truth[l] = demand;
            }
            else
            {
                m_w.topology->Aggregate(level, demand, truth[l]);
            }
            DecompositionContext context = ContextOf(level, m);
            context.interval = m - first;
            context.truth = &truth[l];
            m_step.Train(context, truth[l]);
        }
    }
    m_step.EndTraining();
    NS_LOG_INFO("decomposers trained on demand-model slots " << first << ".." << m_mapOffset - 1);
}

void
LteSliceController::BeginSlot(uint32_t slot)
{
    NS_LOG_FUNCTION(this << slot);
    if (slot == 0)
    {
        m_connector.ConnectBearers(m_w);
    }
    else
    {
        CloseSlot(slot - 1);
    }
    if (slot == m_nSlots + 1)
    {
        for (auto& enbFlows : m_w.flows)
        {
            for (auto& flow : enbFlows)
            {
                flow->SetRate(0);
            }
        }
        NS_LOG_INFO("last slot closed; the sources stop, " << m_drain.As(Time::MS) << " to drain");
        Simulator::Schedule(m_drain, &LteSliceController::Finish, this);
        return;
    }

    // Allocation for this slot.
    NS_LOG_INFO("slot " << slot << ": allocating from "
                        << (slot == 0 ? std::string("the demand model (warm-up)")
                                      : "the estimate of slot " + std::to_string(slot - 1)));
    std::array<DemandMatrix, N_NETWORK_LEVELS> allocation;
    DemandMatrix demand;
    GetOfferedDemand(MappedSlot(slot), demand);
    for (auto level : ALL_NETWORK_LEVELS)
    {
        const uint32_t l = NetworkLevelIndex(level);
        DemandMatrix basis;
        if (slot == 0)
        {
            // Warm-up: the demand model's rates of the slot.
            if (level == NetworkLevel::ANTENNA)
            {
                basis = demand;
            }
            else
            {
                m_w.topology->Aggregate(level, demand, basis);
            }
        }
        else
        {
            basis = m_levels[l][slot - 1].estimate;
        }
        m_step.Allocate(level, basis, allocation[l]);
        m_levels[l][slot].allocation = allocation[l];
    }
    m_step.Enforce(slot, allocation);

    // The services' rates for this slot.
    for (uint32_t e = 0; e < m_nEnbs; ++e)
    {
        for (uint32_t i = 0; i < m_w.flows[e].size(); ++i)
        {
            const uint32_t s = i % m_nServices;
            m_w.flows[e][i]->SetRate(demand(s, e) / m_w.uesPerEnb);
        }
    }
    Simulator::Schedule(m_slot, &LteSliceController::BeginSlot, this, slot + 1);
}

void
LteSliceController::CloseSlot(uint32_t slot)
{
    NS_LOG_FUNCTION(this << slot);
    const uint64_t m = MappedSlot(slot);
    for (auto level : ALL_NETWORK_LEVELS)
    {
        const uint32_t l = NetworkLevelIndex(level);
        LevelSlot& ls = m_levels[l][slot];
        m_stats.ComputeTruth(slot, level, ls.truth);
        ls.aggregate = ls.truth.Aggregate();
        DecompositionContext context = ContextOf(level, m);
        context.interval = slot;
        context.truth = &ls.truth;
        const uint32_t repaired = m_step.Decompose(context, ls.aggregate, ls.estimate);
        m_slotTrace(slot, level, ls.aggregate, ls.truth, ls.estimate);
        if (slot >= 1)
        {
            m_w.accountant->Account(0, level, slot - 1, ls.truth, ls.estimate, ls.allocation);
            if (repaired > 0)
            {
                m_w.accountant->RecordRepairs(0, level, repaired);
            }
        }
    }
}

void
LteSliceController::Finish()
{
    NS_LOG_FUNCTION(this);
    BuildRecords();
    m_finished = true;
    Simulator::Stop();
}

// ---------------------------------------------------------------------------------------
// Results.

double
LteSliceController::Quantile(std::vector<float>& values, double q)
{
    return DelayQuantileCalculator::Quantile(values, q);
}

bool
LteSliceController::JudgeRow(const SliceSlaJudge& sla,
                             const LteSliceStatsCalculator::Counter& c,
                             uint32_t slot,
                             NetworkLevel level,
                             uint32_t node,
                             uint32_t slice,
                             double delayP95Ms) const
{
    const SliceSlaJudge::Verdict v = sla.Judge(slice, c.offered, c.delivered, delayP95Ms);
    if (v.violated)
    {
        NS_LOG_INFO("SLA violation: slot "
                    << slot << ' '
                    << (level == NetworkLevel::ANTENNA ? std::string("eNB")
                                                       : NetworkLevelName(level) + " datacenter")
                    << ' ' << node << " slice " << m_w.sliceNames[slice] << ": delivered "
                    << c.delivered << " of " << c.offered << " bytes (share " << v.share << ", SLA "
                    << m_w.sliceSlaDelivered[slice] << (v.shareMissed ? ", missed" : "")
                    << "), delay p95 " << delayP95Ms << " ms (SLA " << m_w.sliceSlaDelayMs[slice]
                    << " ms" << (v.delayMissed ? ", missed" : "") << ")");
    }
    return v.violated;
}

void
LteSliceController::BuildRecords()
{
    NS_LOG_FUNCTION(this);
    if (m_built)
    {
        return;
    }
    m_built = true;
    const double alpha = m_w.accountant->GetAlpha();
    const double nEval = m_nSlots;
    m_w.accountant->SetRunInfo("slots", static_cast<int64_t>(m_nSlots));
    m_w.accountant->SetRunInfo("slot_s", m_slot.GetSeconds());
    m_w.accountant->SetRunInfo("map_offset", static_cast<int64_t>(m_mapOffset));
    m_w.accountant->SetRunInfo("map_stride", static_cast<int64_t>(m_mapStride));
    m_w.accountant->SetRunInfo("scaled_quotas", static_cast<int64_t>(m_step.GetNScaledQuotas()));
    m_w.accountant->SetRunInfo("connected_bearers",
                               static_cast<int64_t>(m_connector.GetNConnectedBearers()));
    m_w.accountant->Finalize();
    nlohmann::ordered_json summary =
        nlohmann::ordered_json::parse(m_w.accountant->GetSummaryJson());
    summary["mode"] = "lte-packet";

    // The peak of each (node, slice) true demand over the evaluated slots, MB/s, for the
    // measured violations' fees (the fluid formula at slice granularity).
    auto peaks = [this](uint32_t l, uint32_t nodes)
    {
        std::vector<double> peak(static_cast<size_t>(nodes) * m_nSlices, 0.0);
        for (uint32_t j = 1; j <= m_nSlots; ++j)
        {
            const DemandMatrix& t = m_levels[l][j].truth;
            for (uint32_t node = 0; node < nodes; ++node)
            {
                std::vector<double> slice(m_nSlices, 0.0);
                for (uint32_t s = 0; s < m_nServices; ++s)
                {
                    slice[m_w.serviceSlice[s]] += t(s, node) / 8.0;
                }
                for (uint32_t k = 0; k < m_nSlices; ++k)
                {
                    double& p = peak[static_cast<size_t>(node) * m_nSlices + k];
                    p = std::max(p, slice[k]);
                }
            }
        }
        return peak;
    };

    const SliceSlaJudge sla(m_w.sliceSlaDelivered, m_w.sliceSlaDelayMs);
    auto trueDemandOf = [&summary](const std::string& level)
    {
        const auto& v = summary["levels"][level]["true_demand_MBps"];
        return v.is_number() ? v.get<double>() : NAN;
    };

    // Antenna level: end to end per (eNB, slice).
    {
        const std::vector<double> peak = peaks(0, m_nEnbs);
        LteSliceLevelTotals t(m_nSlices);
        double quotaSum = 0;
        double usedSum = 0;
        bool sliced = false;
        for (uint32_t j = 1; j <= m_nSlots; ++j)
        {
            for (uint32_t e = 0; e < m_nEnbs; ++e)
            {
                for (uint32_t k = 0; k < m_nSlices; ++k)
                {
                    Counter& c = m_stats.GetEndToEnd(j, e, k);
                    SliceRecord r;
                    r.slot = j - 1;
                    r.enb = e;
                    r.slice = k;
                    r.quotaPrb = m_step.GetQuota(j, e, k);
                    r.usedPrb = m_w.schedulers[e] ? m_stats.GetMeanUsedPrbs(j, e, k) : NAN;
                    sliced = sliced || m_w.schedulers[e];
                    r.offeredBytes = c.offered;
                    r.deliveredBytes = c.delivered;
                    r.droppedBytes = c.dropped;
                    r.delayP50Ms = Quantile(c.delay, 0.5);
                    r.delayP95Ms = Quantile(c.delay, 0.95);
                    r.violated = JudgeRow(sla, c, j - 1, NetworkLevel::ANTENNA, e, k, r.delayP95Ms);
                    quotaSum += r.quotaPrb;
                    usedSum += std::isfinite(r.usedPrb) ? r.usedPrb : 0.0;
                    t.Add(c, k, r.violated, peak[e * m_nSlices + k]);
                    m_sliceRecords.push_back(r);
                }
            }
        }
        nlohmann::ordered_json m = t.ToJson(alpha,
                                            nEval,
                                            trueDemandOf("antenna"),
                                            m_w.sliceNames,
                                            m_w.sliceSlaDelivered,
                                            m_w.sliceSlaDelayMs);
        m["quota_prb_per_enb"] = Json(quotaSum / nEval / m_nEnbs);
        m["used_prb_per_enb"] = Json(sliced ? usedSum / nEval / m_nEnbs : NAN);
        m["bandwidth_prb"] = m_w.bandwidthPrbs;
        m["scaled_quotas"] = m_step.GetNScaledQuotas();
        summary["levels"]["antenna"]["measured"] = m;
    }

    // Datacenter levels: per (VNF, slice).
    for (auto level : DC_LEVELS)
    {
        const uint32_t l = NetworkLevelIndex(level);
        const auto nodes = static_cast<uint32_t>(m_w.vnfs[l].size());
        const std::vector<double> peak = peaks(l, nodes);
        LteSliceLevelTotals t(m_nSlices);
        double coreSum = 0;
        for (uint32_t j = 1; j <= m_nSlots; ++j)
        {
            for (uint32_t node = 0; node < nodes; ++node)
            {
                for (uint32_t k = 0; k < m_nSlices; ++k)
                {
                    Counter& c = m_stats.GetVnf(level, j, node, k);
                    VnfRecord r;
                    r.slot = j - 1;
                    r.level = level;
                    r.node = node;
                    r.slice = k;
                    r.cores = m_step.GetCores(j, level, node, k);
                    r.offeredBytes = c.offered;
                    r.deliveredBytes = c.delivered;
                    r.droppedBytes = c.dropped;
                    r.delayP50Ms = Quantile(c.delay, 0.5);
                    r.delayP95Ms = Quantile(c.delay, 0.95);
                    r.violated = JudgeRow(sla, c, j - 1, level, node, k, r.delayP95Ms);
                    coreSum += r.cores;
                    t.Add(c, k, r.violated, peak[node * m_nSlices + k]);
                    m_vnfRecords.push_back(r);
                }
            }
        }
        const std::string name = NetworkLevelName(level);
        nlohmann::ordered_json m = t.ToJson(alpha,
                                            nEval,
                                            trueDemandOf(name),
                                            m_w.sliceNames,
                                            m_w.sliceSlaDelivered,
                                            m_w.sliceSlaDelayMs);
        m["cores_allocated"] = Json(coreSum / nEval);
        summary["levels"][name]["measured"] = m;
    }
    m_summary = summary.dump(2) + "\n";
}

const std::vector<double>&
LteSliceController::GetAggregate(uint32_t slot, NetworkLevel level) const
{
    return m_levels[NetworkLevelIndex(level)].at(slot).aggregate;
}

const DemandMatrix&
LteSliceController::GetTruth(uint32_t slot, NetworkLevel level) const
{
    return m_levels[NetworkLevelIndex(level)].at(slot).truth;
}

const DemandMatrix&
LteSliceController::GetEstimate(uint32_t slot, NetworkLevel level) const
{
    return m_levels[NetworkLevelIndex(level)].at(slot).estimate;
}

const std::vector<uint8_t>&
LteSliceController::GetObservedLcids() const
{
    return m_connector.GetObservedLcids();
}

uint32_t
LteSliceController::GetNConnectedBearers() const
{
    return m_connector.GetNConnectedBearers();
}

uint64_t
LteSliceController::GetNScaledQuotas() const
{
    return m_step.GetNScaledQuotas();
}

const std::vector<LteSliceController::SliceRecord>&
LteSliceController::GetSliceRecords() const
{
    return m_sliceRecords;
}

const std::vector<LteSliceController::VnfRecord>&
LteSliceController::GetVnfRecords() const
{
    return m_vnfRecords;
}

std::string
LteSliceController::GetSlicesCsv() const
{
    std::ostringstream out;
    out << "slot,enb,slice,quota_prb,used_prb,offered_bytes,delivered_bytes,dropped_bytes,"
           "delay_p50_ms,delay_p95_ms\n";
    for (const auto& r : m_sliceRecords)
    {
        out << r.slot << ',' << r.enb << ',' << m_w.sliceNames[r.slice] << ',' << r.quotaPrb << ','
            << CostAccountant::FormatNumber(r.usedPrb) << ',' << r.offeredBytes << ','
            << r.deliveredBytes << ',' << r.droppedBytes << ','
            << CostAccountant::FormatNumber(r.delayP50Ms) << ','
            << CostAccountant::FormatNumber(r.delayP95Ms) << '\n';
    }
    return out.str();
}

std::string
LteSliceController::GetVnfCsv() const
{
    std::ostringstream out;
    out << "slot,level,node,slice,cores,offered_bytes,delivered_bytes,dropped_bytes,"
           "delay_p50_ms,delay_p95_ms\n";
    for (const auto& r : m_vnfRecords)
    {
        out << r.slot << ',' << NetworkLevelName(r.level) << ',' << r.node << ','
            << m_w.sliceNames[r.slice] << ',' << r.cores << ',' << r.offeredBytes << ','
            << r.deliveredBytes << ',' << r.droppedBytes << ','
            << CostAccountant::FormatNumber(r.delayP50Ms) << ','
            << CostAccountant::FormatNumber(r.delayP95Ms) << '\n';
    }
    return out.str();
}

std::string
LteSliceController::GetSummaryJson() const
{
    return m_summary;
}

void
LteSliceController::WriteResults(const std::string& directory) const
{
    NS_LOG_FUNCTION(this << directory);
    if (!m_built)
    {
        throw InputError("LteSliceController: WriteResults() before the end of the run");
    }
    const std::string prefix = directory + "/";
    {
        AtomicFileWriter w(prefix + "slices.csv");
        w.Stream() << GetSlicesCsv();
        w.Commit();
    }
    {
        AtomicFileWriter w(prefix + "vnf.csv");
        w.Stream() << GetVnfCsv();
        w.Commit();
    }
    m_w.accountant->WriteNodeCostsCsv(prefix + "node_costs.csv");
    AtomicFileWriter w(prefix + "summary.json");
    w.Stream() << m_summary;
    w.Commit();
}

} // namespace ns3
