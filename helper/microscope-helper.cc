/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "microscope-helper.h"

#include "ns3/boolean.h"
#include "ns3/cost-accountant.h"
#include "ns3/input-error.h"
#include "ns3/log.h"
#include "ns3/metro-layout-generator.h"
#include "ns3/mobility-model.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/spectrum-allocator.h"
#include "ns3/synthetic-traffic-generator.h"
#include "ns3/trace-traffic-source.h"
#include "ns3/uinteger.h"
#include "ns3/vnf-allocator.h"

#include <algorithm>
#include <map>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MicroscopeHelper");

NS_OBJECT_ENSURE_REGISTERED(MicroscopeHelper);

namespace
{

/// Streams reserved for each randomised part, so that one part's use never shifts another's.
constexpr int64_t STREAMS_PER_PART = 10;

/**
 * Check an attribute value against the attribute's checker, so that a bad value becomes an
 * InputError naming the attribute instead of a fatal error inside ObjectFactory.
 * \param tid the type.
 * \param name the attribute.
 * \param value the value.
 */
void
CheckAttribute(TypeId tid, const std::string& name, const AttributeValue& value)
{
    TypeId::AttributeInformation info;
    if (!tid.LookupAttributeByName(name, &info))
    {
        throw InputError(tid.GetName() + " has no attribute '" + name + "'");
    }
    if (!info.checker->CreateValidValue(value))
    {
        throw InputError::ForAttribute(tid.GetName() + "::" + name,
                                       "invalid value '" + value.SerializeToString(info.checker) +
                                           "' (" + info.help + ")");
    }
}

} // namespace

TypeId
MicroscopeHelper::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::MicroscopeHelper")
            .SetParent<ObjectBase>()
            .SetGroupName("Microscope")
            .AddAttribute("DatacenterTiers",
                          "Build the MEC, C-RAN and core datacenter tiers; false runs the "
                          "antenna level only.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&MicroscopeHelper::m_tiers),
                          MakeBooleanChecker())
            .AddAttribute("LoadEstimationDays",
                          "Days of demand, from the first, over which each antenna's mean "
                          "aggregate demand is taken to weigh it in the datacenter partition "
                          "(the source's days if it has fewer).",
                          UintegerValue(7),
                          MakeUintegerAccessor(&MicroscopeHelper::m_loadDays),
                          MakeUintegerChecker<uint32_t>(1, 100000));
    return tid;
}

TypeId
MicroscopeHelper::GetInstanceTypeId() const
{
    return GetTypeId();
}

std::vector<std::string>
MicroscopeHelper::EnableLogComponents()
{
    // The module's components are those defined in a file under the module's source folder
    // (this file's grandparent): the model, the helpers, the examples, and scratch programs
    // built from the module's scratch/ folder.
    const std::string self = __FILE__;
    const std::string helperDir = self.substr(0, self.find_last_of('/'));
    const std::string root = helperDir.substr(0, helperDir.find_last_of('/') + 1);
    std::vector<std::string> enabled;
    for (const auto& [name, component] : *LogComponent::GetComponentList())
    {
        if (!root.empty() && component->File().rfind(root, 0) == 0)
        {
            component->Enable(
                LogLevel(LOG_LEVEL_INFO | LOG_PREFIX_TIME | LOG_PREFIX_FUNC | LOG_PREFIX_LEVEL));
            enabled.push_back(name);
        }
    }
    return enabled;
}

MicroscopeHelper::MicroscopeHelper()
    : m_tiers(true),
      m_loadDays(7),
      m_stream(-1)
{
    NS_LOG_FUNCTION(this);
    ConstructSelf(AttributeConstructionList()); // the attributes' defaults
    m_calendarFactory.SetTypeId(TrafficCalendar::GetTypeId());
    m_generatorFactory.SetTypeId(SyntheticTrafficGenerator::GetTypeId());
    m_orchestratorFactory.SetTypeId(SlotOrchestrator::GetTypeId());
    m_accountantFactory.SetTypeId(CostAccountant::GetTypeId());
    m_spectrumFactory.SetTypeId(SpectrumAllocator::GetTypeId());
    m_vnfFactory.SetTypeId(VnfAllocator::GetTypeId());
}

MicroscopeHelper::~MicroscopeHelper()
{
    NS_LOG_FUNCTION(this);
}

void
MicroscopeHelper::SetServiceCatalog(Ptr<ServiceCatalog> catalog)
{
    NS_LOG_FUNCTION(this << catalog);
    m_catalog = catalog;
}

void
MicroscopeHelper::SetCalendarAttribute(const std::string& name, const AttributeValue& value)
{
    CheckAttribute(m_calendarFactory.GetTypeId(), name, value);
    m_calendarFactory.Set(name, value);
}

void
MicroscopeHelper::SetLayoutGeneratorAttribute(const std::string& name, const AttributeValue& value)
{
    CheckAttribute(MetroLayoutGenerator::GetTypeId(), name, value);
    m_layoutHelper.SetGeneratorAttribute(name, value);
}

void
MicroscopeHelper::SetAntennaPositions(const std::vector<Vector>& positions,
                                      const std::vector<std::string>& ids)
{
    NS_LOG_FUNCTION(this << positions.size());
    m_positions = positions;
    m_ids = ids;
}

void
MicroscopeHelper::SetAntennaNodes(NodeContainer nodes)
{
    NS_LOG_FUNCTION(this << nodes.GetN());
    m_antennaNodes = nodes;
}

void
MicroscopeHelper::SetTrafficGeneratorAttribute(const std::string& name, const AttributeValue& value)
{
    CheckAttribute(m_generatorFactory.GetTypeId(), name, value);
    m_generatorFactory.Set(name, value);
}

void
MicroscopeHelper::SetTrafficTrace(const std::string& path)
{
    NS_LOG_FUNCTION(this << path);
    m_tracePath = path;
}

void
MicroscopeHelper::SetTrafficSource(Ptr<TrafficSource> source)
{
    NS_LOG_FUNCTION(this << source);
    m_givenSource = source;
}

void
MicroscopeHelper::SetTierBuilderAttribute(const std::string& name, const AttributeValue& value)
{
    CheckAttribute(DatacenterTierBuilder::GetTypeId(), name, value);
    m_tierHelper.SetBuilderAttribute(name, value);
}

void
MicroscopeHelper::SetDatacenterTiers(bool enable)
{
    NS_LOG_FUNCTION(this << enable);
    m_tiers = enable;
}

void
MicroscopeHelper::SetLoadEstimationDays(uint32_t days)
{
    if (days == 0)
    {
        throw InputError::ForAttribute("LoadEstimationDays",
                                       "must be at least 1 day (the partition weighs antennas by "
                                       "their mean demand over these days)");
    }
    m_loadDays = days;
}

void
MicroscopeHelper::SetOrchestratorAttribute(const std::string& name, const AttributeValue& value)
{
    CheckAttribute(m_orchestratorFactory.GetTypeId(), name, value);
    m_orchestratorFactory.Set(name, value);
}

void
MicroscopeHelper::SetCostAccountantAttribute(const std::string& name, const AttributeValue& value)
{
    CheckAttribute(m_accountantFactory.GetTypeId(), name, value);
    m_accountantFactory.Set(name, value);
}

void
MicroscopeHelper::SetSpectrumAllocatorAttribute(const std::string& name,
                                                const AttributeValue& value)
{
    CheckAttribute(m_spectrumFactory.GetTypeId(), name, value);
    m_spectrumFactory.Set(name, value);
}

void
MicroscopeHelper::SetVnfAllocatorAttribute(const std::string& name, const AttributeValue& value)
{
    CheckAttribute(m_vnfFactory.GetTypeId(), name, value);
    m_vnfFactory.Set(name, value);
}

TypeId
MicroscopeHelper::LookupDecomposer(const std::string& type)
{
    static const std::map<std::string, std::string> shortNames = {
        {"oracle", "ns3::OracleDecomposer"},
        {"historical", "ns3::HistoricalDecomposer"},
        {"linear", "ns3::LinearDecomposer"},
        {"neural", "ns3::NeuralDecomposer"},
        {"forecast", "ns3::ForecastDecomposer"},
        {"cost-aware", "ns3::NeuralDecomposer"},
        {"historical-tuned", "ns3::HistoricalTunedDecomposer"},
        {"quantile", "ns3::QuantileDecomposer"},
        {"deepcog", "ns3::DeepCogDecomposer"},
    };
    auto it = shortNames.find(type);
    const std::string name = it != shortNames.end() ? it->second : type;
    TypeId tid;
    if (!TypeId::LookupByNameFailSafe(name, &tid) || !tid.IsChildOf(Decomposer::GetTypeId()))
    {
        std::string known;
        for (const auto& entry : shortNames)
        {
            TypeId probe;
            if (TypeId::LookupByNameFailSafe(entry.second, &probe))
            {
                known += (known.empty() ? "" : ", ") + entry.first;
            }
        }
        throw InputError("unknown decomposer '" + type + "' (known: " + known + ")");
    }
    return tid;
}

void
MicroscopeHelper::AddLane(const std::string& lane, const std::string& type)
{
    NS_LOG_FUNCTION(this << lane << type);
    for (const auto& l : m_lanes)
    {
        if (l.name == lane)
        {
            throw InputError("decomposer lane '" + lane + "' is given twice");
        }
    }
    Lane l;
    l.name = lane;
    TypeId tid = LookupDecomposer(type);
    for (auto& factory : l.factories)
    {
        factory.SetTypeId(tid);
        if (type == "cost-aware")
        {
            factory.Set("CostAware", BooleanValue(true));
        }
    }
    m_lanes.push_back(l);
}

void
MicroscopeHelper::AddLane(const std::string& type)
{
    AddLane(type, type);
}

MicroscopeHelper::Lane&
MicroscopeHelper::FindLane(const std::string& lane)
{
    for (auto& l : m_lanes)
    {
        if (l.name == lane)
        {
            return l;
        }
    }
    throw InputError("no decomposer lane named '" + lane + "'");
}

void
MicroscopeHelper::SetLaneType(const std::string& lane, NetworkLevel level, const std::string& type)
{
    NS_LOG_FUNCTION(this << lane << level << type);
    FindLane(lane).factories[NetworkLevelIndex(level)].SetTypeId(LookupDecomposer(type));
}

void
MicroscopeHelper::SetLaneLevels(const std::string& lane, const std::vector<NetworkLevel>& levels)
{
    NS_LOG_FUNCTION(this << lane << levels.size());
    Lane& l = FindLane(lane);
    for (auto level : ALL_NETWORK_LEVELS)
    {
        l.skipped[NetworkLevelIndex(level)] =
            std::find(levels.begin(), levels.end(), level) == levels.end();
    }
}

void
MicroscopeHelper::SetLaneAttribute(const std::string& lane,
                                   NetworkLevel level,
                                   const std::string& name,
                                   const AttributeValue& value)
{
    ObjectFactory& factory = FindLane(lane).factories[NetworkLevelIndex(level)];
    CheckAttribute(factory.GetTypeId(), name, value);
    factory.Set(name, value);
}

void
MicroscopeHelper::SetLaneAttribute(const std::string& lane,
                                   const std::string& name,
                                   const AttributeValue& value)
{
    for (auto& factory : FindLane(lane).factories)
    {
        CheckAttribute(factory.GetTypeId(), name, value);
        factory.Set(name, value);
    }
}

int64_t
MicroscopeHelper::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_stream = stream;
    return (3 + static_cast<int64_t>(m_lanes.size()) * N_NETWORK_LEVELS) * STREAMS_PER_PART;
}

void
MicroscopeHelper::BuildScenario()
{
    NS_LOG_FUNCTION(this);
    Ptr<ServiceCatalog> catalog = m_catalog ? m_catalog : ServiceCatalog::CreateDefault();
    Ptr<TrafficCalendar> calendar = m_calendarFactory.Create<TrafficCalendar>();
    calendar->Validate();

    // Antennas: given Nodes, given positions, or generated.
    std::vector<Vector> positions = m_positions;
    std::vector<std::string> ids = m_ids;
    NodeContainer antennas = m_antennaNodes;
    if (antennas.GetN() > 0)
    {
        positions.clear();
        for (uint32_t i = 0; i < antennas.GetN(); ++i)
        {
            Ptr<MobilityModel> mobility = antennas.Get(i)->GetObject<MobilityModel>();
            if (!mobility)
            {
                throw InputError("antenna Node " + std::to_string(i) + " has no MobilityModel");
            }
            positions.push_back(mobility->GetPosition());
        }
    }
    else
    {
        if (positions.empty())
        {
            if (m_stream >= 0)
            {
                m_layoutHelper.AssignStreams(m_stream);
            }
            positions = m_layoutHelper.Generate();
        }
        antennas = m_layoutHelper.Install(positions);
    }
    m_topology = CreateObject<NetworkTopology>();
    m_topology->SetAntennas(positions, ids, antennas);

    // Demand.
    if (m_givenSource)
    {
        m_source = m_givenSource;
    }
    else if (!m_tracePath.empty())
    {
        Ptr<TraceTrafficSource> trace = CreateObject<TraceTrafficSource>();
        trace->SetServiceCatalog(catalog);
        trace->SetCalendar(calendar);
        trace->SetAntennaIds(m_topology->GetAntennaIds());
        trace->Load(m_tracePath);
        m_source = trace;
    }
    else
    {
        Ptr<SyntheticTrafficGenerator> generator =
            m_generatorFactory.Create<SyntheticTrafficGenerator>();
        generator->SetAntennaPositions(positions);
        generator->SetServiceCatalog(catalog);
        generator->SetCalendar(calendar);
        if (m_stream >= 0)
        {
            generator->AssignStreams(m_stream + STREAMS_PER_PART);
        }
        m_source = generator;
    }
    if (m_source->GetNAntennas() != positions.size())
    {
        throw InputError("the demand covers " + std::to_string(m_source->GetNAntennas()) +
                         " antennas but the layout has " + std::to_string(positions.size()));
    }

    // Partition weights: each antenna's mean aggregate demand over the first days.
    const uint64_t slotsPerDay = calendar->GetSlotsPerDay();
    const uint64_t nSlots =
        std::min<uint64_t>(m_source->GetNSlots(), static_cast<uint64_t>(m_loadDays) * slotsPerDay);
    m_load.assign(positions.size(), 0.0);
    DemandMatrix demand;
    for (uint64_t slot = 0; slot < nSlots; ++slot)
    {
        m_source->GetDemand(slot, demand);
        const std::vector<double> aggregate = demand.Aggregate();
        for (size_t a = 0; a < aggregate.size(); ++a)
        {
            m_load[a] += aggregate[a] / static_cast<double>(nSlots);
        }
    }

    // Datacenter tiers.
    m_builder = nullptr;
    if (m_tiers)
    {
        if (m_stream >= 0)
        {
            m_tierHelper.AssignStreams(m_stream + 2 * STREAMS_PER_PART);
        }
        m_builder = m_tierHelper.Install(m_topology, m_load);
    }
}

Ptr<SlotOrchestrator>
MicroscopeHelper::Install()
{
    NS_LOG_FUNCTION(this);
    if (m_lanes.empty())
    {
        throw InputError("no decomposer lane: call AddLane() at least once");
    }
    if (!m_topology)
    {
        BuildScenario();
    }
    // Orchestrator, allocators, accountant and lanes.
    Ptr<SlotOrchestrator> orchestrator = m_orchestratorFactory.Create<SlotOrchestrator>();
    orchestrator->SetTrafficSource(m_source);
    orchestrator->SetTopology(m_topology);
    orchestrator->SetSpectrumAllocator(m_spectrumFactory.Create<SpectrumAllocator>());
    orchestrator->SetVnfAllocator(m_vnfFactory.Create<VnfAllocator>());
    orchestrator->SetCostAccountant(m_accountantFactory.Create<CostAccountant>());
    for (size_t l = 0; l < m_lanes.size(); ++l)
    {
        for (auto level : ALL_NETWORK_LEVELS)
        {
            if (!m_topology->HasLevel(level) || m_lanes[l].skipped[NetworkLevelIndex(level)])
            {
                continue;
            }
            Ptr<Decomposer> decomposer =
                m_lanes[l].factories[NetworkLevelIndex(level)].Create<Decomposer>();
            if (m_stream >= 0)
            {
                // A fixed block per (lane, level), after the three parts' blocks.
                decomposer->AssignStreams(
                    m_stream + 3 * STREAMS_PER_PART +
                    static_cast<int64_t>(l * N_NETWORK_LEVELS + NetworkLevelIndex(level)) *
                        STREAMS_PER_PART);
            }
            orchestrator->AddLane(m_lanes[l].name, level, decomposer);
        }
    }
    return orchestrator;
}

std::string
MicroscopeHelper::DescribeScenario() const
{
    NS_ABORT_MSG_IF(!m_topology, "DescribeScenario() before BuildScenario()");
    std::ostringstream s;
    s << "antennas=" << m_topology->GetNAntennas();
    if (m_givenSource)
    {
        s << " source=given days="
          << m_source->GetNSlots() / m_source->GetCalendar()->GetSlotsPerDay();
    }
    else if (m_tracePath.empty())
    {
        s << " source=synthetic days="
          << m_source->GetNSlots() / m_source->GetCalendar()->GetSlotsPerDay();
    }
    else
    {
        s << " source=" << m_tracePath;
    }
    s << " layout=" << (m_positions.empty() && m_antennaNodes.GetN() == 0 ? "generated" : "given")
      << " slot_s=" << m_source->GetCalendar()->GetSlotDuration().GetSeconds()
      << " seed=" << RngSeedManager::GetSeed() << " run=" << RngSeedManager::GetRun();
    for (auto level : {NetworkLevel::MEC, NetworkLevel::CRAN, NetworkLevel::CORE})
    {
        s << " " << NetworkLevelName(level) << "="
          << (m_topology->HasLevel(level) ? m_topology->GetNNodes(level) : 0);
    }
    return s.str();
}

Ptr<NetworkTopology>
MicroscopeHelper::GetTopology() const
{
    return m_topology;
}

Ptr<TrafficSource>
MicroscopeHelper::GetTrafficSource() const
{
    return m_source;
}

Ptr<DatacenterTierBuilder>
MicroscopeHelper::GetTierBuilder() const
{
    return m_builder;
}

const std::vector<double>&
MicroscopeHelper::GetAntennaLoad() const
{
    return m_load;
}

} // namespace ns3
