/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "lte-slice-controller.h"

#include "atomic-file-writer.h"
#include "input-error.h"

#include "ns3/double.h"
#include "ns3/epc-enb-application.h"
#include "ns3/ipv4-header.h"
#include "ns3/log.h"
#include "ns3/lte-enb-net-device.h"
#include "ns3/lte-enb-rrc.h"
#include "ns3/lte-pdcp.h"
#include "ns3/lte-radio-bearer-info.h"
#include "ns3/lte-rlc-um.h"
#include "ns3/lte-rlc.h"
#include "ns3/object-map.h"
#include "ns3/pointer.h"
#include "ns3/seq-ts-header.h"
#include "ns3/simulator.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LteSliceController");

NS_OBJECT_ENSURE_REGISTERED(LteSliceController);

namespace
{
/// PDCP (2), IPv4 (20) and UDP (8) header bytes of an RLC SDU of the services' bearers.
constexpr uint32_t SDU_HEADER_BYTES = 30;

/// NaN.
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

/**
 * \param value a number.
 * \return the JSON value: null for NaN or infinity.
 */
nlohmann::ordered_json
Json(double value)
{
    if (!std::isfinite(value))
    {
        return nullptr;
    }
    return value == 0.0 ? 0.0 : value;
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

int64_t
LteSliceController::SlotOf(Time t) const
{
    if (t < m_start)
    {
        return -1;
    }
    const int64_t k = (t - m_start).GetTimeStep() / m_slot.GetTimeStep();
    return k > static_cast<int64_t>(m_nSlots) ? -1 : k;
}

size_t
LteSliceController::Index(uint32_t slot, uint32_t node, uint32_t slice, uint32_t nNodes) const
{
    return (static_cast<size_t>(slot) * nNodes + node) * m_nSlices + slice;
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
    m_nBearers = static_cast<uint32_t>(m_w.bearerLcid.size());
    if (m_w.serviceSlice.size() != m_nServices || m_w.serviceBearer.size() != m_nServices ||
        m_w.bearerSlice.size() != m_nBearers || m_nBearers == 0 || m_w.flows.size() != m_nEnbs ||
        m_w.sinks.size() != m_nEnbs || m_w.schedulers.size() != m_nEnbs ||
        m_w.enbDevices.GetN() != m_nEnbs)
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
    uint32_t coreOffset = 0;
    for (auto level : ALL_NETWORK_LEVELS)
    {
        const uint32_t l = NetworkLevelIndex(level);
        const uint32_t nodes = m_w.topology->GetNNodes(level);
        m_levels[l].assign(n, LevelSlot());
        for (auto& ls : m_levels[l])
        {
            ls.bytes.Resize(m_nServices, nodes);
        }
        m_histories[l].Reset(m_history, nodes);
        if (level != NetworkLevel::ANTENNA)
        {
            m_coreOffset[l] = coreOffset;
            coreOffset += nodes * m_nSlices;
            m_vnfCounters[l].assign(static_cast<size_t>(n) * nodes * m_nSlices, Counter());
        }
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
        m_w.decomposers[l]->Setup(setup);
    }
    m_quotas.assign(n, std::vector<uint32_t>(static_cast<size_t>(m_nEnbs) * m_nSlices, 0));
    m_cores.assign(n, std::vector<uint32_t>(coreOffset, 0));
    m_e2e.assign(static_cast<size_t>(n) * m_nEnbs * m_nSlices, Counter());
    m_pdcpBytes.assign(static_cast<size_t>(n) * m_nEnbs * m_nBearers, 0);
    m_usedPrbSum.assign(static_cast<size_t>(n) * m_nEnbs * m_nSlices, 0.0);
    m_ttis.assign(static_cast<size_t>(n) * m_nEnbs, 0);

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

    // Traces.
    for (uint32_t e = 0; e < m_nEnbs; ++e)
    {
        for (const auto& flow : m_w.flows[e])
        {
            flow->TraceConnectWithoutContext("Tx", MakeCallback(&LteSliceController::FlowTx, this));
        }
        for (uint32_t i = 0; i < m_w.sinks[e].size(); ++i)
        {
            const uint32_t slice = m_w.serviceSlice[i % m_nServices];
            m_w.sinks[e][i]->TraceConnectWithoutContext(
                "Rx",
                MakeCallback(&LteSliceController::SinkRx, this, e, slice));
        }
        Ptr<Node> enbNode = m_w.enbDevices.Get(e)->GetNode();
        for (uint32_t a = 0; a < enbNode->GetNApplications(); ++a)
        {
            Ptr<EpcEnbApplication> s1 = DynamicCast<EpcEnbApplication>(enbNode->GetApplication(a));
            if (s1)
            {
                const bool ok = s1->TraceConnectWithoutContext(
                    "RxFromS1u",
                    MakeCallback(&LteSliceController::S1uRx, this, e));
                NS_ABORT_MSG_IF(!ok, "cannot connect EpcEnbApplication RxFromS1u");
            }
        }
        if (m_w.schedulers[e])
        {
            m_w.schedulers[e]->TraceConnectWithoutContext(
                "SliceTti",
                MakeCallback(&LteSliceController::SliceTti, this, e));
        }
    }
    for (auto level : DC_LEVELS)
    {
        const uint32_t l = NetworkLevelIndex(level);
        for (uint32_t node = 0; node < m_w.vnfs[l].size(); ++node)
        {
            Ptr<VnfApplication> vnf = m_w.vnfs[l][node];
            vnf->TraceConnectWithoutContext(
                "Enqueue",
                MakeCallback(&LteSliceController::VnfEnqueue, this, l, node));
            vnf->TraceConnectWithoutContext(
                "Drop",
                MakeCallback(&LteSliceController::VnfDrop, this, l, node));
            vnf->TraceConnectWithoutContext(
                "Served",
                MakeCallback(&LteSliceController::VnfServed, this, l, node));
        }
    }
    m_started = true;
    Simulator::Schedule(m_start - Simulator::Now(), &LteSliceController::BeginSlot, this, 0);
}

void
LteSliceController::Train()
{
    NS_LOG_FUNCTION(this);
    Ptr<TrafficCalendar> calendar = m_w.source->GetCalendar();
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
            m_histories[l].Push(truth[l].Aggregate());
            DecompositionContext context;
            context.level = level;
            context.interval = m - first;
            context.firstSlot = m;
            context.day = calendar->GetDayIndex(m);
            context.intervalOfDay = calendar->GetSlotOfDay(m);
            context.dayType = calendar->GetDayType(context.day);
            context.truth = &truth[l];
            m_w.decomposers[l]->Train(context, m_histories[l], truth[l]);
        }
    }
    for (auto level : ALL_NETWORK_LEVELS)
    {
        m_w.decomposers[NetworkLevelIndex(level)]->EndTraining();
    }
}

void
LteSliceController::ConnectBearers()
{
    NS_LOG_FUNCTION(this);
    m_observedLcids.assign(m_nBearers, 0);
    m_connectedBearers = 0;
    for (uint32_t e = 0; e < m_nEnbs; ++e)
    {
        Ptr<LteEnbNetDevice> dev = DynamicCast<LteEnbNetDevice>(m_w.enbDevices.Get(e));
        NS_ABORT_MSG_IF(!dev, "eNB " << e << " is not an LteEnbNetDevice");
        ObjectMapValue ues;
        dev->GetRrc()->GetAttribute("UeMap", ues);
        for (auto it = ues.Begin(); it != ues.End(); ++it)
        {
            Ptr<UeManager> ue = DynamicCast<UeManager>(it->second);
            ObjectMapValue drbs;
            ue->GetAttribute("DataRadioBearerMap", drbs);
            for (auto jt = drbs.Begin(); jt != drbs.End(); ++jt)
            {
                Ptr<LteDataRadioBearerInfo> drb = DynamicCast<LteDataRadioBearerInfo>(jt->second);
                UintegerValue eps;
                UintegerValue lcid;
                drb->GetAttribute("EpsBearerIdentity", eps);
                drb->GetAttribute("logicalChannelIdentity", lcid);
                // EPS bearer 1 is the default bearer; the dedicated bearers were activated in
                // order after it: 2, 3, ...
                if (eps.Get() < 2 || eps.Get() - 2 >= m_nBearers)
                {
                    continue;
                }
                const auto bearer = static_cast<uint32_t>(eps.Get() - 2);
                const auto id = static_cast<uint8_t>(lcid.Get());
                if (m_observedLcids[bearer] == 0)
                {
                    m_observedLcids[bearer] = id;
                }
                else if (m_observedLcids[bearer] != id)
                {
                    throw std::runtime_error(
                        "LteSliceController: dedicated bearer " + std::to_string(bearer) +
                        " has LCID " + std::to_string(id) + " at one UE and " +
                        std::to_string(m_observedLcids[bearer]) + " at another");
                }
                PointerValue pdcp;
                drb->GetAttribute("LtePdcp", pdcp);
                const bool pdcpOk = pdcp.Get<LtePdcp>()->TraceConnectWithoutContext(
                    "TxPDU",
                    MakeCallback(&LteSliceController::PdcpTx, this, e, bearer));
                PointerValue rlc;
                drb->GetAttribute("LteRlc", rlc);
                if (m_w.rlcBufferBytes > 0 && DynamicCast<LteRlcUm>(rlc.Get<LteRlc>()))
                {
                    rlc.Get<LteRlc>()->SetAttribute("MaxTxBufferSize",
                                                    UintegerValue(m_w.rlcBufferBytes));
                }
                const bool rlcOk = rlc.Get<LteRlc>()->TraceConnectWithoutContext(
                    "TxDrop",
                    MakeCallback(&LteSliceController::RlcDrop, this, e, bearer));
                NS_ABORT_MSG_IF(!pdcpOk || !rlcOk, "cannot connect the PDCP or RLC traces");
                ++m_connectedBearers;
            }
        }
    }
    const uint32_t expected = m_nEnbs * m_w.uesPerEnb * m_nBearers;
    if (m_connectedBearers != expected)
    {
        throw std::runtime_error(
            "LteSliceController: " + std::to_string(m_connectedBearers) + " of " +
            std::to_string(expected) +
            " dedicated bearers are set up at StartTime; attach or bearer set-up failed "
            "(a later StartTime may help)");
    }
    for (uint32_t b = 0; b < m_nBearers; ++b)
    {
        if (m_observedLcids[b] != m_w.bearerLcid[b])
        {
            throw std::runtime_error("LteSliceController: dedicated bearer " + std::to_string(b) +
                                     " rides LCID " + std::to_string(m_observedLcids[b]) +
                                     ", the schedulers were told " +
                                     std::to_string(m_w.bearerLcid[b]));
        }
    }
}

void
LteSliceController::BeginSlot(uint32_t slot)
{
    NS_LOG_FUNCTION(this << slot);
    if (slot == 0)
    {
        ConnectBearers();
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
        Simulator::Schedule(m_drain, &LteSliceController::Finish, this);
        return;
    }

    // Allocation for this slot.
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
        if (level == NetworkLevel::ANTENNA)
        {
            m_w.spectrum->Allocate(basis, allocation[l]);
        }
        else
        {
            m_w.vnf->Allocate(basis, allocation[l]);
        }
        allocation[l] *= m_quotaScale;
        m_levels[l][slot].allocation = allocation[l];
    }
    Enforce(slot, allocation);

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
    Ptr<TrafficCalendar> calendar = m_w.source->GetCalendar();
    const double toMbps = 8.0 / m_slot.GetSeconds() / 1e6;
    const uint64_t m = MappedSlot(slot);
    for (auto level : ALL_NETWORK_LEVELS)
    {
        const uint32_t l = NetworkLevelIndex(level);
        LevelSlot& ls = m_levels[l][slot];
        if (level == NetworkLevel::ANTENNA)
        {
            // Per-bearer PDCP bytes, split over the bearer's services by their S1-U bytes.
            ls.truth.Resize(m_nServices, m_nEnbs);
            for (uint32_t e = 0; e < m_nEnbs; ++e)
            {
                std::vector<double> s1u(m_nBearers, 0.0);
                std::vector<uint32_t> members(m_nBearers, 0);
                for (uint32_t s = 0; s < m_nServices; ++s)
                {
                    s1u[m_w.serviceBearer[s]] += ls.bytes(s, e);
                    ++members[m_w.serviceBearer[s]];
                }
                for (uint32_t s = 0; s < m_nServices; ++s)
                {
                    const uint32_t b = m_w.serviceBearer[s];
                    const double pdcp = static_cast<double>(
                        m_pdcpBytes[(static_cast<size_t>(slot) * m_nEnbs + e) * m_nBearers + b]);
                    const double share = s1u[b] > 0 ? ls.bytes(s, e) / s1u[b] : 1.0 / members[b];
                    ls.truth(s, e) = pdcp * share * toMbps;
                }
            }
        }
        else
        {
            ls.truth = ls.bytes;
            ls.truth *= toMbps;
        }
        ls.aggregate = ls.truth.Aggregate();
        m_histories[l].Push(ls.aggregate);
        DecompositionContext context;
        context.level = level;
        context.interval = slot;
        context.firstSlot = m;
        context.day = calendar->GetDayIndex(m);
        context.intervalOfDay = calendar->GetSlotOfDay(m);
        context.dayType = calendar->GetDayType(context.day);
        context.truth = &ls.truth;
        // Per-slot inference only: the measured aggregate depends on earlier allocations, so
        // no decomposer is ever told aggregates ahead (Decomposer::Prefetch() is not called
        // here, and a NeuralDecomposer's BatchSize has no effect).
        m_w.decomposers[l]->Decompose(context, m_histories[l], ls.estimate);
        if (ls.estimate.GetNServices() != m_nServices ||
            ls.estimate.GetNNodes() != ls.truth.GetNNodes())
        {
            throw std::runtime_error("LteSliceController: the " + NetworkLevelName(level) +
                                     " decomposer returned an estimate of the wrong shape");
        }
        const uint32_t repaired = Decomposer::EnforceConstraints(ls.aggregate, ls.estimate);
        m_repairs[l] += repaired;
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

std::vector<uint32_t>
LteSliceController::QuotasFor(const std::vector<double>& mbps, bool& scaled) const
{
    const uint32_t rbg = std::max<uint32_t>(1, m_w.rbgSize);
    const uint32_t usable = m_w.bandwidthPrbs / rbg;
    const size_t n = mbps.size();
    std::vector<uint32_t> need(n, 0);
    uint64_t total = 0;
    for (size_t k = 0; k < n; ++k)
    {
        if (mbps[k] > 0)
        {
            const double prbs = m_w.spectrum->RateToPrbs(mbps[k]);
            need[k] =
                static_cast<uint32_t>(std::min(1e6, std::max(1.0, std::ceil(prbs / rbg - 1e-9))));
        }
        need[k] = std::max(need[k], m_minRbgs);
        total += need[k];
    }
    std::vector<uint32_t> rbgs(n, 0);
    scaled = total > usable;
    if (!scaled)
    {
        rbgs = need;
    }
    else
    {
        // One RBG for every slice with traffic (largest needs first) while RBGs last, then
        // the rest in proportion to the remaining needs, largest remainders first.
        std::vector<size_t> order(n);
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(),
                         order.end(),
                         [&need](size_t a, size_t b) { return need[a] > need[b]; });
        uint32_t left = usable;
        for (size_t k : order)
        {
            if (need[k] > 0 && left > 0)
            {
                rbgs[k] = 1;
                --left;
            }
        }
        double extraTotal = 0;
        for (size_t k = 0; k < n; ++k)
        {
            extraTotal += need[k] - rbgs[k];
        }
        if (left > 0 && extraTotal > 0)
        {
            std::vector<double> remainder(n, 0.0);
            const uint32_t budget = left;
            for (size_t k = 0; k < n; ++k)
            {
                const double share = (need[k] - rbgs[k]) * budget / extraTotal;
                const auto whole = static_cast<uint32_t>(std::floor(share));
                rbgs[k] += whole;
                left -= whole;
                remainder[k] = share - whole;
            }
            std::stable_sort(order.begin(),
                             order.end(),
                             [&remainder](size_t a, size_t b)
                             { return remainder[a] > remainder[b]; });
            for (size_t k : order)
            {
                if (left == 0)
                {
                    break;
                }
                if (rbgs[k] < need[k])
                {
                    ++rbgs[k];
                    --left;
                }
            }
        }
    }
    std::vector<uint32_t> quotas(n);
    for (size_t k = 0; k < n; ++k)
    {
        quotas[k] = rbgs[k] * rbg;
    }
    return quotas;
}

void
LteSliceController::Enforce(uint32_t slot,
                            const std::array<DemandMatrix, N_NETWORK_LEVELS>& allocation)
{
    NS_LOG_FUNCTION(this << slot);
    // eNBs: PRB quotas.
    const DemandMatrix& ran = allocation[NetworkLevelIndex(NetworkLevel::ANTENNA)];
    std::vector<double> mbps(m_nSlices);
    for (uint32_t e = 0; e < m_nEnbs; ++e)
    {
        std::fill(mbps.begin(), mbps.end(), 0.0);
        for (uint32_t s = 0; s < m_nServices; ++s)
        {
            mbps[m_w.serviceSlice[s]] += ran(s, e);
        }
        std::vector<uint32_t> quotas;
        if (!m_w.fixedQuotas.empty())
        {
            quotas = m_w.fixedQuotas;
        }
        else
        {
            bool scaled = false;
            quotas = QuotasFor(mbps, scaled);
            m_scaledQuotas += scaled ? 1 : 0;
        }
        if (m_w.schedulers[e])
        {
            m_w.schedulers[e]->SetSliceQuotas(quotas);
        }
        std::copy(quotas.begin(), quotas.end(), m_quotas[slot].begin() + e * m_nSlices);
        m_quotasTrace(slot, e, quotas);
    }
    // Datacenters: VNF cores.
    for (auto level : DC_LEVELS)
    {
        const uint32_t l = NetworkLevelIndex(level);
        const DemandMatrix& x = allocation[l];
        for (uint32_t node = 0; node < x.GetNNodes(); ++node)
        {
            std::fill(mbps.begin(), mbps.end(), 0.0);
            for (uint32_t s = 0; s < m_nServices; ++s)
            {
                mbps[m_w.serviceSlice[s]] += x(s, node);
            }
            for (uint32_t k = 0; k < m_nSlices; ++k)
            {
                const auto cores =
                    std::max<uint32_t>(m_minCores,
                                       static_cast<uint32_t>(m_w.vnf->CoresFor(mbps[k])));
                m_w.vnfs[l][node]->SetSliceCores(static_cast<uint16_t>(k), cores);
                m_cores[slot][m_coreOffset[l] + node * m_nSlices + k] = cores;
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
// Trace sinks.

void
LteSliceController::PdcpTx(uint32_t enb, uint32_t bearer, uint16_t, uint8_t, uint32_t size)
{
    const int64_t j = SlotOf(Simulator::Now());
    if (j >= 0)
    {
        m_pdcpBytes[(static_cast<size_t>(j) * m_nEnbs + enb) * m_nBearers + bearer] += size;
    }
}

void
LteSliceController::RlcDrop(uint32_t enb, uint32_t bearer, Ptr<const Packet> packet)
{
    const int64_t j = SlotOf(Simulator::Now());
    if (j >= 0)
    {
        const uint32_t size = packet->GetSize();
        m_e2e[Index(j, enb, m_w.bearerSlice[bearer], m_nEnbs)].dropped +=
            size > SDU_HEADER_BYTES ? size - SDU_HEADER_BYTES : 0;
    }
}

void
LteSliceController::S1uRx(uint32_t enb, Ptr<Packet> packet)
{
    const int64_t j = SlotOf(Simulator::Now());
    if (j < 0)
    {
        return;
    }
    const uint32_t size = packet->GetSize();
    Ipv4Header ip;
    packet->RemoveHeader(ip);
    if (ip.GetProtocol() != UdpL4Protocol::PROT_NUMBER)
    {
        return;
    }
    UdpHeader udp;
    packet->PeekHeader(udp);
    const uint32_t port = udp.GetDestinationPort();
    if (port >= m_w.basePort && port < m_w.basePort + m_nServices)
    {
        m_levels[0][j].bytes(port - m_w.basePort, enb) += size;
    }
}

void
LteSliceController::FlowTx(Ptr<const Packet> packet, const SliceFlowTag& tag)
{
    const int64_t j = SlotOf(Simulator::Now());
    if (j >= 0)
    {
        m_e2e[Index(j, tag.GetEnb(), tag.GetSlice(), m_nEnbs)].offered += packet->GetSize();
    }
}

void
LteSliceController::SinkRx(uint32_t enb, uint32_t slice, Ptr<const Packet> packet, const Address&)
{
    SeqTsHeader header;
    packet->PeekHeader(header);
    const Time sent = header.GetTs();
    const int64_t j = SlotOf(sent);
    if (j >= 0)
    {
        Counter& c = m_e2e[Index(j, enb, slice, m_nEnbs)];
        c.delivered += packet->GetSize();
        c.delay.push_back(static_cast<float>((Simulator::Now() - sent).GetSeconds() * 1e3));
    }
}

void
LteSliceController::VnfEnqueue(uint32_t level,
                               uint32_t node,
                               const SliceFlowTag& tag,
                               uint32_t bytes)
{
    const int64_t j = SlotOf(Simulator::Now());
    if (j >= 0)
    {
        m_levels[level][j].bytes(tag.GetService(), node) += bytes;
        m_vnfCounters[level][Index(j, node, tag.GetSlice(), m_w.vnfs[level].size())].offered +=
            bytes;
    }
}

void
LteSliceController::VnfDrop(uint32_t level, uint32_t node, const SliceFlowTag& tag, uint32_t bytes)
{
    const int64_t j = SlotOf(Simulator::Now());
    if (j >= 0)
    {
        m_levels[level][j].bytes(tag.GetService(), node) += bytes;
        Counter& c = m_vnfCounters[level][Index(j, node, tag.GetSlice(), m_w.vnfs[level].size())];
        c.offered += bytes;
        c.dropped += bytes;
        m_e2e[Index(j, tag.GetEnb(), tag.GetSlice(), m_nEnbs)].dropped += bytes;
    }
}

void
LteSliceController::VnfServed(uint32_t level,
                              uint32_t node,
                              const SliceFlowTag& tag,
                              uint32_t bytes,
                              Time sojourn)
{
    const int64_t j = SlotOf(Simulator::Now() - sojourn);
    if (j >= 0)
    {
        Counter& c = m_vnfCounters[level][Index(j, node, tag.GetSlice(), m_w.vnfs[level].size())];
        c.delivered += bytes;
        c.delay.push_back(static_cast<float>(sojourn.GetSeconds() * 1e3));
    }
}

void
LteSliceController::SliceTti(uint32_t enb,
                             uint16_t,
                             uint16_t,
                             uint16_t slice,
                             uint32_t,
                             uint32_t used,
                             uint32_t)
{
    const int64_t j = SlotOf(Simulator::Now());
    if (j >= 0 && slice < m_nSlices)
    {
        m_usedPrbSum[Index(j, enb, slice, m_nEnbs)] += used;
        if (slice == 0)
        {
            ++m_ttis[static_cast<size_t>(j) * m_nEnbs + enb];
        }
    }
}

// ---------------------------------------------------------------------------------------
// Results.

double
LteSliceController::Quantile(std::vector<float>& values, double q)
{
    if (values.empty())
    {
        return NaN;
    }
    // Nearest rank: the smallest value with at least q of the samples at or below it.
    size_t rank = static_cast<size_t>(std::ceil(q * values.size()));
    rank = std::min(std::max<size_t>(rank, 1), values.size()) - 1;
    std::nth_element(values.begin(), values.begin() + rank, values.end());
    return values[rank];
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
    m_w.accountant->SetRunInfo("scaled_quotas", static_cast<int64_t>(m_scaledQuotas));
    m_w.accountant->SetRunInfo("connected_bearers", static_cast<int64_t>(m_connectedBearers));
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

    // Measured figures of one level from its counters.
    struct Totals
    {
        uint64_t offered{0};
        uint64_t delivered{0};
        uint64_t dropped{0};
        uint64_t rows{0};
        uint64_t violations{0};
        double fee{0};
        std::vector<float> delays;
        std::vector<uint64_t> sliceOffered;
        std::vector<uint64_t> sliceDelivered;
        std::vector<uint64_t> sliceDropped;
        std::vector<uint64_t> sliceViolations;
        std::vector<std::vector<float>> sliceDelays;
    };

    auto newTotals = [this]()
    {
        Totals t;
        t.sliceOffered.assign(m_nSlices, 0);
        t.sliceDelivered.assign(m_nSlices, 0);
        t.sliceDropped.assign(m_nSlices, 0);
        t.sliceViolations.assign(m_nSlices, 0);
        t.sliceDelays.assign(m_nSlices, {});
        return t;
    };
    auto judge = [this](const Counter& c, uint32_t slice, double p95)
    {
        if (c.offered == 0)
        {
            return false;
        }
        const double share = static_cast<double>(c.delivered) / static_cast<double>(c.offered);
        return share < m_w.sliceSlaDelivered[slice] || !(p95 <= m_w.sliceSlaDelayMs[slice]);
    };
    auto add = [](Totals& t, Counter& c, uint32_t k, bool violated, double peak, double p50)
    {
        t.offered += c.offered;
        t.delivered += c.delivered;
        t.dropped += c.dropped;
        t.sliceOffered[k] += c.offered;
        t.sliceDelivered[k] += c.delivered;
        t.sliceDropped[k] += c.dropped;
        if (c.offered > 0)
        {
            ++t.rows;
        }
        if (violated)
        {
            ++t.violations;
            ++t.sliceViolations[k];
            t.fee += peak;
        }
        (void)p50;
        t.delays.insert(t.delays.end(), c.delay.begin(), c.delay.end());
        t.sliceDelays[k].insert(t.sliceDelays[k].end(), c.delay.begin(), c.delay.end());
        std::vector<float>().swap(c.delay);
    };
    auto measuredJson = [&](Totals& t, const std::string& level, double trueDemandMBps)
    {
        nlohmann::ordered_json m;
        m["offered_bytes"] = t.offered;
        m["delivered_bytes"] = t.delivered;
        m["dropped_bytes"] = t.dropped;
        m["delivered_share"] =
            Json(t.offered > 0 ? static_cast<double>(t.delivered) / t.offered : NaN);
        m["node_slice_slots"] = t.rows;
        m["sla_violations"] = t.violations;
        m["sla_violation_share_pct"] =
            Json(t.rows > 0 ? 100.0 * static_cast<double>(t.violations) / t.rows : NaN);
        const double feeMBps = alpha * t.fee / nEval;
        m["sla_violation_MBps"] = Json(feeMBps);
        m["sla_violation_pct"] = Json(trueDemandMBps > 0 ? 100.0 * feeMBps / trueDemandMBps : NaN);
        m["delay_p50_ms"] = Json(Quantile(t.delays, 0.5));
        m["delay_p95_ms"] = Json(Quantile(t.delays, 0.95));
        nlohmann::ordered_json slices = nlohmann::ordered_json::array();
        for (uint32_t k = 0; k < m_nSlices; ++k)
        {
            nlohmann::ordered_json s;
            s["slice"] = m_w.sliceNames[k];
            s["sla_delivered"] = m_w.sliceSlaDelivered[k];
            s["sla_delay_ms"] = m_w.sliceSlaDelayMs[k];
            s["offered_bytes"] = t.sliceOffered[k];
            s["delivered_bytes"] = t.sliceDelivered[k];
            s["dropped_bytes"] = t.sliceDropped[k];
            s["sla_violations"] = t.sliceViolations[k];
            s["delay_p50_ms"] = Json(Quantile(t.sliceDelays[k], 0.5));
            s["delay_p95_ms"] = Json(Quantile(t.sliceDelays[k], 0.95));
            slices.push_back(s);
        }
        m["slices"] = slices;
        (void)level;
        return m;
    };
    auto trueDemandOf = [&summary](const std::string& level)
    {
        const auto& v = summary["levels"][level]["true_demand_MBps"];
        return v.is_number() ? v.get<double>() : NaN;
    };

    // Antenna level: end to end per (eNB, slice).
    {
        const std::vector<double> peak = peaks(0, m_nEnbs);
        Totals t = newTotals();
        double quotaSum = 0;
        double usedSum = 0;
        bool sliced = false;
        for (uint32_t j = 1; j <= m_nSlots; ++j)
        {
            for (uint32_t e = 0; e < m_nEnbs; ++e)
            {
                for (uint32_t k = 0; k < m_nSlices; ++k)
                {
                    Counter& c = m_e2e[Index(j, e, k, m_nEnbs)];
                    SliceRecord r;
                    r.slot = j - 1;
                    r.enb = e;
                    r.slice = k;
                    r.quotaPrb = m_quotas[j][e * m_nSlices + k];
                    const uint32_t ttis = m_ttis[static_cast<size_t>(j) * m_nEnbs + e];
                    r.usedPrb = (m_w.schedulers[e] && ttis > 0)
                                    ? m_usedPrbSum[Index(j, e, k, m_nEnbs)] / ttis
                                    : NaN;
                    sliced = sliced || m_w.schedulers[e];
                    r.offeredBytes = c.offered;
                    r.deliveredBytes = c.delivered;
                    r.droppedBytes = c.dropped;
                    r.delayP50Ms = Quantile(c.delay, 0.5);
                    r.delayP95Ms = Quantile(c.delay, 0.95);
                    r.violated = judge(c, k, r.delayP95Ms);
                    quotaSum += r.quotaPrb;
                    usedSum += std::isfinite(r.usedPrb) ? r.usedPrb : 0.0;
                    add(t, c, k, r.violated, peak[e * m_nSlices + k], r.delayP50Ms);
                    m_sliceRecords.push_back(r);
                }
            }
        }
        nlohmann::ordered_json m = measuredJson(t, "antenna", trueDemandOf("antenna"));
        m["quota_prb_per_enb"] = Json(quotaSum / nEval / m_nEnbs);
        m["used_prb_per_enb"] = Json(sliced ? usedSum / nEval / m_nEnbs : NaN);
        m["bandwidth_prb"] = m_w.bandwidthPrbs;
        m["scaled_quotas"] = m_scaledQuotas;
        summary["levels"]["antenna"]["measured"] = m;
    }

    // Datacenter levels: per (VNF, slice).
    for (auto level : DC_LEVELS)
    {
        const uint32_t l = NetworkLevelIndex(level);
        const auto nodes = static_cast<uint32_t>(m_w.vnfs[l].size());
        const std::vector<double> peak = peaks(l, nodes);
        Totals t = newTotals();
        double coreSum = 0;
        for (uint32_t j = 1; j <= m_nSlots; ++j)
        {
            for (uint32_t node = 0; node < nodes; ++node)
            {
                for (uint32_t k = 0; k < m_nSlices; ++k)
                {
                    Counter& c = m_vnfCounters[l][Index(j, node, k, nodes)];
                    VnfRecord r;
                    r.slot = j - 1;
                    r.level = level;
                    r.node = node;
                    r.slice = k;
                    r.cores = m_cores[j][m_coreOffset[l] + node * m_nSlices + k];
                    r.offeredBytes = c.offered;
                    r.deliveredBytes = c.delivered;
                    r.droppedBytes = c.dropped;
                    r.delayP50Ms = Quantile(c.delay, 0.5);
                    r.delayP95Ms = Quantile(c.delay, 0.95);
                    r.violated = judge(c, k, r.delayP95Ms);
                    coreSum += r.cores;
                    add(t, c, k, r.violated, peak[node * m_nSlices + k], r.delayP50Ms);
                    m_vnfRecords.push_back(r);
                }
            }
        }
        const std::string name = NetworkLevelName(level);
        nlohmann::ordered_json m = measuredJson(t, name, trueDemandOf(name));
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
    return m_observedLcids;
}

uint32_t
LteSliceController::GetNConnectedBearers() const
{
    return m_connectedBearers;
}

uint64_t
LteSliceController::GetNScaledQuotas() const
{
    return m_scaledQuotas;
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
