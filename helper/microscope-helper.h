/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_MICROSCOPE_HELPER_H
#define MICROSCOPE_MICROSCOPE_HELPER_H

#include "antenna-layout-helper.h"
#include "datacenter-tier-helper.h"

#include "ns3/decomposer.h"
#include "ns3/network-level.h"
#include "ns3/network-topology.h"
#include "ns3/node-container.h"
#include "ns3/object-base.h"
#include "ns3/object-factory.h"
#include "ns3/service-catalog.h"
#include "ns3/slot-orchestrator.h"
#include "ns3/traffic-calendar.h"
#include "ns3/traffic-source.h"

#include <array>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Builds a complete fluid-mode slicing scenario: antennas (generated or given), the
 * per-service demand (synthetic generator or trace), the MEC / C-RAN / core datacenter tiers,
 * and a SlotOrchestrator with one lane per decomposer configuration.
 *
 * \code
 *   MicroscopeHelper microscope;
 *   microscope.SetLayoutGeneratorAttribute("NumAntennas", UintegerValue(200));
 *   microscope.SetTrafficGeneratorAttribute("Days", UintegerValue(14));
 *   microscope.AddLane("historical"); // the primary lane
 *   microscope.AddLane("oracle");     // a baseline on the same demand
 *   microscope.AssignStreams(1);
 *   Ptr<SlotOrchestrator> orchestrator = microscope.Install();
 *   orchestrator->Start();
 *   Simulator::Run();
 *   orchestrator->WriteResults("out");
 *   Simulator::Destroy();
 * \endcode
 *
 * Decomposer types are given by short name ("oracle", "historical", "linear", "neural", ...)
 * or by TypeId name ("ns3::HistoricalDecomposer"); each lane gets one decomposer per level,
 * all created from the lane's ObjectFactory (SetLaneAttribute() sets attributes for one level
 * or all).
 *
 * The datacenter partition weighs antennas by their mean aggregate demand over the first
 * LoadEstimationDays days of the source (SetLoadEstimationDays()).
 *
 * Random streams: AssignStreams() must be called before Install(), because Install() draws
 * the antenna layout and the partitions.
 *
 * Attributes: the helper is an ns-3 ObjectBase used by value, like the other helpers, but with
 * attributes of its own (DatacenterTiers, LoadEstimationDays), so that Config::SetDefault and
 * --ns3::MicroscopeHelper::... reach it; it takes their defaults when it is constructed. The
 * objects it creates (layout and traffic generators, tier builder, orchestrator, allocators,
 * accountant, decomposers) come from ObjectFactory instances: an attribute the helper is not
 * told (Set*Attribute()) keeps its default, which Config::SetDefault and the command line's
 * --ns3::Type::Attribute paths change as usual.
 */
class MicroscopeHelper : public ObjectBase
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    MicroscopeHelper();
    ~MicroscopeHelper() override;

    /**
     * Enable the INFO-level log messages of every log component of the module (the model,
     * the helpers, the examples and scratch programs built from the module's source folder),
     * with the time, function and level prefixes: what the examples' --logging flag does
     * (ScenarioFlags::AddLoggingFlag()).
     * \return the names of the components enabled.
     */
    static std::vector<std::string> EnableLogComponents();

    /// \param catalog the services (default: ServiceCatalog::CreateDefault()).
    void SetServiceCatalog(Ptr<ServiceCatalog> catalog);

    /**
     * \param name a TrafficCalendar attribute (SlotDuration, StartWeekday, Holidays).
     * \param value its value.
     */
    void SetCalendarAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \param name a MetroLayoutGenerator attribute (NumAntennas, ...).
     * \param value its value.
     */
    void SetLayoutGeneratorAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Use given antenna positions instead of generating them.
     * \param positions positions in metres.
     * \param ids identifiers (empty: "0", "1", ...).
     */
    void SetAntennaPositions(const std::vector<Vector>& positions,
                             const std::vector<std::string>& ids);

    /**
     * Use existing antenna Nodes (with a MobilityModel) instead of generating them.
     * \param nodes the antennas.
     */
    void SetAntennaNodes(NodeContainer nodes);

    /**
     * \param name a SyntheticTrafficGenerator attribute (Days, MeanAntennaDemand, ...).
     * \param value its value.
     */
    void SetTrafficGeneratorAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Read the demand from a long-format CSV trace instead of generating it.
     * \param path the trace (`time_s,antenna,service,mbps`).
     */
    void SetTrafficTrace(const std::string& path);

    /**
     * Take the demand from a source built elsewhere (e.g. MilanDataset's) instead of
     * generating it or reading a trace: its catalog and calendar are the scenario's, and it
     * must cover the antennas set with SetAntennaPositions(), in their order.
     * \param source the source.
     */
    void SetTrafficSource(Ptr<TrafficSource> source);

    /**
     * \param name a DatacenterTierBuilder attribute (MecNodes, CranNodes, CoreNodes, ...).
     * \param value its value.
     */
    void SetTierBuilderAttribute(const std::string& name, const AttributeValue& value);

    /**
     * The DatacenterTiers attribute.
     * \param enable false to run the antenna level only (no datacenter tiers).
     */
    void SetDatacenterTiers(bool enable);

    /**
     * The LoadEstimationDays attribute.
     * \param days days of demand averaged to weigh antennas in the partition (default 7; the
     *        source's days if it has fewer).
     * \throw InputError naming LoadEstimationDays if days is 0.
     */
    void SetLoadEstimationDays(uint32_t days);

    /**
     * \param name a SlotOrchestrator attribute (History, MecInterval, ...).
     * \param value its value.
     */
    void SetOrchestratorAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \param name a CostAccountant attribute (Alpha, ...).
     * \param value its value.
     */
    void SetCostAccountantAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \param name a SpectrumAllocator attribute (SpectralEfficiency, Headroom, ...).
     * \param value its value.
     */
    void SetSpectrumAllocatorAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \param name a VnfAllocator attribute (CoresPerGbpsDataPlane, Headroom, ...).
     * \param value its value.
     */
    void SetVnfAllocatorAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Add a lane whose decomposers, one per level, are created from a type.
     * \param lane the lane's name (the first lane added is the primary one).
     * \param type a short name ("oracle", "historical", "neural") or a TypeId name.
     * \throw InputError if the type is unknown or the lane exists.
     */
    void AddLane(const std::string& lane, const std::string& type);

    /**
     * Add a lane named after its decomposer type: AddLane("historical") is
     * AddLane("historical", "historical").
     * \param type a short name ("oracle", "historical", "neural") or a TypeId name.
     * \throw InputError if the type is unknown or the lane exists.
     */
    void AddLane(const std::string& type);

    /**
     * Change a lane's decomposer type at one level (e.g. LSTM-based neural model at the core).
     * \param lane an existing lane.
     * \param level the level.
     * \param type a short name or a TypeId name.
     */
    void SetLaneType(const std::string& lane, NetworkLevel level, const std::string& type);

    /**
     * Let a lane decompose only some levels (by default it decomposes every level the
     * topology has), e.g. a cost-aware lane with models for the datacenter levels only.
     * \param lane an existing lane.
     * \param levels the levels it decomposes; the others it skips.
     */
    void SetLaneLevels(const std::string& lane, const std::vector<NetworkLevel>& levels);

    /**
     * Set an attribute of a lane's decomposer at one level.
     * \param lane an existing lane.
     * \param level the level.
     * \param name the attribute.
     * \param value its value.
     */
    void SetLaneAttribute(const std::string& lane,
                          NetworkLevel level,
                          const std::string& name,
                          const AttributeValue& value);

    /**
     * Set an attribute of a lane's decomposers at every level.
     * \param lane an existing lane.
     * \param name the attribute.
     * \param value its value.
     */
    void SetLaneAttribute(const std::string& lane,
                          const std::string& name,
                          const AttributeValue& value);

    /**
     * \param type a short name or a TypeId name.
     * \return the TypeId of the decomposer.
     * \throw InputError if there is no such decomposer.
     */
    static TypeId LookupDecomposer(const std::string& type);

    /**
     * Assign fixed random variable streams to the layout generator, the traffic generator, the
     * tier builder and the decomposers. Call it before Install().
     * \param stream first stream index to use
     * \return the number of stream indices reserved: fixed blocks of 10 for the layout, the
     *         traffic and the tiers, then one block per (lane, level) in lane order, so that
     *         adding a lane does not shift the others
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * Build the scenario without the orchestrator: antennas, demand and datacenter tiers
     * (GetTopology(), GetTrafficSource()). Install() calls it if it was not called before.
     * \throw InputError on bad input (files, attributes).
     */
    void BuildScenario();

    /**
     * Build the scenario (if not built yet) and the orchestrator with its lanes.
     * \return the orchestrator, ready for Start().
     * \throw InputError on bad input (files, attributes).
     */
    Ptr<SlotOrchestrator> Install();

    /**
     * A one-line description of the built scenario (source, antennas, slot, seed and run,
     * datacenters per level), recorded in model files: a model runs on the scenario it was
     * trained on.
     * \return the description.
     */
    std::string DescribeScenario() const;

    /// \return the topology built by Install().
    Ptr<NetworkTopology> GetTopology() const;

    /// \return the traffic source built by Install().
    Ptr<TrafficSource> GetTrafficSource() const;

    /// \return the tier builder used by Install() (null without tiers).
    Ptr<DatacenterTierBuilder> GetTierBuilder() const;

    /// \return the antennas' mean aggregate demand used to weigh the partition (Mbps).
    const std::vector<double>& GetAntennaLoad() const;

private:
    /// A lane: one decomposer factory per level.
    struct Lane
    {
        std::string name;                                      //!< lane name
        std::array<ObjectFactory, N_NETWORK_LEVELS> factories; //!< per level
        std::array<bool, N_NETWORK_LEVELS> skipped{};          //!< levels the lane skips
    };

    /**
     * \param lane a lane name.
     * \return the lane.
     */
    Lane& FindLane(const std::string& lane);

    Ptr<ServiceCatalog> m_catalog;        //!< services
    ObjectFactory m_calendarFactory;      //!< TrafficCalendar
    AntennaLayoutHelper m_layoutHelper;   //!< layout generator
    std::vector<Vector> m_positions;      //!< given positions
    std::vector<std::string> m_ids;       //!< given ids
    NodeContainer m_antennaNodes;         //!< given antenna Nodes
    ObjectFactory m_generatorFactory;     //!< SyntheticTrafficGenerator
    std::string m_tracePath;              //!< trace file, if any
    Ptr<TrafficSource> m_givenSource;     //!< source set with SetTrafficSource(), if any
    DatacenterTierHelper m_tierHelper;    //!< tier builder
    bool m_tiers;                         //!< DatacenterTiers attribute
    uint32_t m_loadDays;                  //!< LoadEstimationDays attribute
    ObjectFactory m_orchestratorFactory;  //!< SlotOrchestrator
    ObjectFactory m_accountantFactory;    //!< CostAccountant
    ObjectFactory m_spectrumFactory;      //!< SpectrumAllocator
    ObjectFactory m_vnfFactory;           //!< VnfAllocator
    std::vector<Lane> m_lanes;            //!< lanes, primary first
    int64_t m_stream;                     //!< first stream, or -1
    Ptr<NetworkTopology> m_topology;      //!< built topology
    Ptr<TrafficSource> m_source;          //!< built source
    Ptr<DatacenterTierBuilder> m_builder; //!< built tier builder
    std::vector<double> m_load;           //!< antenna load
};

} // namespace ns3

#endif /* MICROSCOPE_MICROSCOPE_HELPER_H */
