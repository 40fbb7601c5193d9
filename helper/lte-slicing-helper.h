/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_LTE_SLICING_HELPER_H
#define MICROSCOPE_LTE_SLICING_HELPER_H

#include "microscope-helper.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/lte-helper.h"
#include "ns3/lte-slice-controller.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/object.h"
#include "ns3/point-to-point-epc-helper.h"
#include "ns3/propagation-loss-model.h"
#include "ns3/service-catalog.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Builds the packet-level slicing scenario: LTE eNBs with EPC at the antenna positions
 * of the layout generator, UEs around them with one dedicated EPS bearer per service, a server
 * whose downlink flows cross one VNF per datacenter level (core -> C-RAN -> MEC -> PGW), and an
 * LteSliceController that drives quotas and cores from a decomposer per level.
 *
 * \code
 *   Ptr<LteSlicingHelper> lte = CreateObject<LteSlicingHelper>();
 *   lte->SetAttribute("NEnbs", UintegerValue(4));
 *   lte->SetUesPerEnb(3); // the same as SetAttribute("UesPerEnb", ...)
 *   lte->SetDecomposer("historical");
 *   lte->SetControllerAttribute("Slots", UintegerValue(30));
 *   lte->AssignStreams(1);
 *   Ptr<LteSliceController> controller = lte->Install();
 *   controller->Start();
 *   Simulator::Stop(controller->GetStopTime() + Seconds(1));
 *   Simulator::Run();
 *   controller->WriteResults("out");
 *   Simulator::Destroy();
 * \endcode
 *
 * Every plain setting is an attribute (NEnbs, UesPerEnb, Load, Bandwidth, ...), so it can be
 * set with `--ns3::LteSlicingHelper::NEnbs=3`, Config::SetDefault or ConfigStore; the setters
 * (SetNEnbs(), ...) write the same members. The attributes' checkers bound the values; what a
 * range cannot express (an LTE bandwidth, a known QCI, fixed quotas within the bandwidth, ...)
 * Install() checks before it builds anything. The objects Install() creates (controller, flows,
 * VNFs, allocators, accountant, scheduler) take their own attributes' defaults unless set
 * through Set...Attribute().
 *
 * Install() runs named stages in order: Validate(), BuildCatalog(), CreateDecomposers(),
 * BuildTopology(), CreateAllocators(), ScaleDemand(), InstallRadio(), InstallBearers(),
 * InstallDatacenters(), InstallApplications(), ConfigureSchedulers().
 *
 * Pieces (see doc/sections/lte.rst):
 * - antennas and demand: a MicroscopeHelper with NumAntennas = eNBs (MetroLayoutGenerator) and
 *   the SyntheticTrafficGenerator on 5-minute slots; the demand of eNB e and service s at
 *   compressed slot j is the model's `d[s][e](MapOffset + j MapStride)` times a scale chosen
 *   so that the mean aggregate offered load of an eNB over the run is Load times its nominal
 *   capacity (usable PRBs x SpectrumAllocator's PRB rate); each of its UEs gets 1/UEs of it;
 * - datacenters: DatacenterTierBuilder (METIS) with MecNodes = ceil(eNBs / 2), CranNodes =
 *   ceil(eNBs / 4), CoreNodes = 1 unless set; with fewer than 3 eNBs every level is one
 *   datacenter at the eNBs' centroid (a Delaunay graph needs 3 points);
 * - links: server -- core (ServerLinkDelay), core -- C-RAN -- MEC -- PGW point-to-point links
 *   whose delay is FibreDelayPerKm times their length (the PGW at the eNBs' centroid);
 * - VNFs: one VnfApplication per datacenter; the VnfAllocator's CoreThroughput is set to the
 *   VNFs' CoreThroughput, so that the cores it allocates serve what it dimensioned them for;
 * - bearers: the default bearer (LCID 3) and then the dedicated bearers, with the catalog's QCI
 *   and a TFT matching their services' UE ports (BasePort + s). A UE has LCIDs 3..10 for data
 *   radio bearers (36.331; SliceFfMacScheduler slices only those), i.e. 7 dedicated bearers:
 *   with at most 7 services each service gets its own bearer (bearer b = service s); with more
 *   (the default catalog has 9), services of the same slice and QCI share a bearer (the default
 *   catalog: 6 bearers, one per slice). Bearer b rides LCID 4 + b (ExpectedLcid()), which is
 *   what SetLcSlice() is given and what the controller checks in every eNB's RRC at StartTime;
 * - slices: the catalog's distinct `slice` names, in order of first appearance; a slice's SLA
 *   is the strictest of its services' (largest sla_delivered, smallest sla_delay_ms).
 */
class LteSlicingHelper : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    LteSlicingHelper();
    ~LteSlicingHelper() override;

    /// \param catalog the services (default: ServiceCatalog::CreateDefault())
    void SetServiceCatalog(Ptr<ServiceCatalog> catalog);
    /// \param n eNBs (attribute NEnbs; at least 1, checked by Install())
    void SetNEnbs(uint32_t n);
    /// \param n UEs per eNB (attribute UesPerEnb; at least 1, checked by Install())
    void SetUesPerEnb(uint32_t n);
    /// \param load mean offered load relative to the nominal cell capacity (attribute Load; > 0)
    void SetLoad(double load);
    /// \param prbs bandwidth of the cells in PRBs (attribute Bandwidth: 6, 15, 25, 50, 75, 100)
    void SetBandwidth(uint16_t prbs);
    /**
     * \param type the MAC scheduler (attribute SchedulerType): "ns3::SliceFfMacScheduler"
     *        (default; quotas enforced) or another FfMacScheduler (quotas computed and recorded
     *        but not enforced).
     */
    void SetSchedulerType(const std::string& type);
    /**
     * \param name a SliceFfMacScheduler attribute (Sharing, ...).
     * \param value its value.
     */
    void SetSchedulerAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \param type decomposer type at every level (attribute Decomposer): oracle, historical,
     *        neural or a TypeId name.
     * \param modelFile the neural decomposer's model file (attribute ModelFile; else empty).
     */
    void SetDecomposer(const std::string& type, const std::string& modelFile = "");
    /**
     * Replace the decomposer-driven quotas by fixed PRBs per slice (every eNB and slot);
     * attribute FixedQuotas, "p0,p1,...".
     * \param prbs one quota per slice; empty to go back to the decomposer.
     */
    void SetFixedQuotas(const std::vector<uint32_t>& prbs);
    /**
     * Override the QCI of a service's bearer (appends "service=qci" to attribute ServiceQci;
     * a later override of the same service wins).
     * \param service the service's name.
     * \param qci the QCI.
     */
    void SetServiceQci(const std::string& service, uint32_t qci);
    /**
     * \param name an LteSliceController attribute (SlotDuration, Slots, QuotaScale, ...).
     * \param value its value.
     */
    void SetControllerAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \param name a ServiceTrafficApplication attribute (PacketSize, BurstBytes, ...).
     * \param value its value.
     */
    void SetFlowAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \param name a VnfApplication attribute (CoreThroughput, QueueLimitBytes).
     * \param value its value.
     */
    void SetVnfAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \param name a SpectrumAllocator attribute (SpectralEfficiency, Headroom, ...).
     * \param value its value.
     */
    void SetSpectrumAllocatorAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \param name a VnfAllocator attribute (Headroom, CoresPerGbpsDataPlane, ...; its
     *        CoreThroughput is set to the VNFs' by Install()).
     * \param value its value.
     */
    void SetVnfAllocatorAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \param name a CostAccountant attribute (Alpha, ViolationTolerance).
     * \param value its value.
     */
    void SetCostAccountantAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \param name a SyntheticTrafficGenerator attribute.
     * \param value its value.
     */
    void SetTrafficGeneratorAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \param name a DatacenterTierBuilder attribute (MecNodes, CranNodes, CoreNodes).
     * \param value its value.
     */
    void SetTierBuilderAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \param name a MetroLayoutGenerator attribute (RegionWidth, RegionHeight, CentreRadius,
     *        ...: where the eNBs stand; NumAntennas is NEnbs).
     * \param value its value.
     */
    void SetLayoutGeneratorAttribute(const std::string& name, const AttributeValue& value);
    /// \param delay one-way delay of the server's links to the core datacenters
    ///        (attribute ServerLinkDelay)
    void SetServerLinkDelay(Time delay);
    /// \param delay propagation delay per km of the datacenter links (attribute
    ///        FibreDelayPerKm, default 5 us)
    void SetFibreDelayPerKm(Time delay);
    /// \param radius largest distance of a UE from its eNB, m (attribute UeRadius, default 250)
    void SetUeRadius(double radius);
    /**
     * \param perEnb attribute LoadPerEnb. True (default): every eNB's mean offered load is
     *        Load x capacity (the model's time and service mix are kept, its spatial base load
     *        is not); false: one scale for all, the mean over eNBs is Load x capacity.
     */
    void SetLoadPerEnb(bool perEnb);
    /**
     * \param enable attribute PhyErrorModels: true to keep the LTE PHY's data and control
     *        error models (off by default: the slice scheduler has no HARQ, so lost TBs would
     *        be lost for good on RLC UM). Set on the devices' LteSpectrumPhy objects.
     */
    void SetPhyErrorModels(bool enable);
    /**
     * \param db attribute MaxLossDb: signals attenuated by more than this are not delivered by
     *        the spectrum channels (SpectrumChannel MaxLossDb; 0, the default: every signal is
     *        delivered). Far interferers are then ignored: it trades accuracy for speed in
     *        large runs.
     */
    void SetMaxLossDb(double db);
    /**
     * \param isolated attribute IsolatedCells. True: every cell gets its own downlink and
     *        uplink spectrum channels (Friis), so there is no inter-cell interference and the
     *        PHY cost grows with the UEs instead of eNBs x UEs (default false: one channel
     *        pair, full interference).
     */
    void SetIsolatedCells(bool isolated);
    /**
     * \param model attribute PathLoss: "friis" (ns-3 LTE's default, FriisPropagationLossModel),
     *        "urban-macro" (the 3GPP TR 36.942 urban macro-cell loss 128.1 + 37.6 log10(d/km)
     *        dB, as a LogDistancePropagationLossModel) or the TypeId name of another
     *        PropagationLossModel.
     */
    void SetPathLoss(const std::string& model);
    /**
     * Set the radio fidelity attributes of a configuration (the path loss is PathLoss's):
     * - "full": ns-3 LTE's defaults: every signal delivered (MaxLossDb 0, full interference),
     *   a downlink CQI every TTI (CqiPeriodicity 1 ms), the PHY traces sampled every TTI
     *   (PhyTraceSamplePeriod 1); the helper's attribute defaults;
     * - "fast", for sweeps: signals attenuated by more than 138 dB dropped (with the urban
     *   macro-cell path loss: 9.5 dB below the UEs' thermal noise, 1.83 km away), a CQI every
     *   10 ms, the PHY traces sampled every 1000 TTIs.
     * Call it before setting an attribute one wants to change from the configuration's value.
     * \param profile fast or full
     * \throw InputError naming the flag "radio" for another name
     */
    void SetRadio(const std::string& profile);
    /// \return the attributes SetRadio() sets: MaxLossDb, CqiPeriodicity,
    ///         PhyTraceSamplePeriod.
    static const std::vector<std::string>& GetRadioAttributes();
    /**
     * \param ms attribute SrsPeriodicity: the eNBs' uplink sounding reference signal period
     *        (LteEnbRrc SrsPeriodicity; 2, 5, 10, 20, 40, 80, 160 or 320 ms).
     */
    void SetSrsPeriodicity(uint32_t ms);

    /**
     * Apply the radio attributes (spectrum channel type, path loss, MaxLossDb, bandwidth,
     * PdschForCqi) to an LteHelper before its devices are installed: what Install() does, for a
     * scenario of one's own (such as the plain LENA peer of microscope-bench-lte) that should
     * share this helper's radio configuration.
     * \param lte the LTE helper
     */
    void ConfigureLteHelper(Ptr<LteHelper> lte) const;
    /**
     * Apply the device-level radio attributes (PHY error models, SRS periodicity) to installed
     * devices, before the UEs attach: what Install() does.
     * \param enbs the eNB devices
     * \param ues the UE devices
     */
    void ConfigureDevices(const NetDeviceContainer& enbs, const NetDeviceContainer& ues) const;
    /// \param bytes RLC UM transmission buffer of the eNBs' dedicated bearers (attribute
    ///        RlcBufferBytes: LteRlcUm MaxTxBufferSize, set on each bearer when the controller
    ///        finds it)
    void SetRlcBufferBytes(uint32_t bytes);

    /**
     * Assign fixed random variable streams to everything Install() builds: the layout, the
     * demand model and the partitions (MicroscopeHelper), the UE positions, the LTE devices
     * (LteHelper::AssignStreams) and the flows. Call it before Install().
     * \param stream first stream index to use
     * \return the number of stream indices reserved (a fixed block of 1000000)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * Build the scenario, stage by stage (see the class description).
     * \return the controller, ready for Start().
     * \throw InputError naming the attribute (ns3::LteSlicingHelper::UesPerEnb, ...) on bad
     *        input (no UEs, a slot shorter than a TTI, a QCI that ns-3's LTE does not know,
     *        fixed quotas beyond the bandwidth, ...), before any network is built.
     */
    Ptr<LteSliceController> Install();

    /// \return the LteHelper (after Install())
    Ptr<LteHelper> GetLteHelper() const;
    /// \return the EPC helper (after Install())
    Ptr<PointToPointEpcHelper> GetEpcHelper() const;
    /// \return the topology (after Install())
    Ptr<NetworkTopology> GetTopology() const;
    /// \return the eNB devices (after Install())
    NetDeviceContainer GetEnbDevices() const;
    /// \return the UE devices, eNB-major (after Install())
    NetDeviceContainer GetUeDevices() const;
    /// \return the UE nodes, eNB-major (after Install())
    NodeContainer GetUeNodes() const;
    /// \return the server node (after Install())
    Ptr<Node> GetServer() const;
    /// \return the demand scale of each eNB (model Mbps -> offered Mbps) Install() chose
    const std::vector<double>& GetDemandScale() const;

    /**
     * \param bearer a dedicated bearer's index.
     * \return its LCID: 4 + bearer (LCID 3 is the default bearer).
     */
    static uint8_t ExpectedLcid(uint32_t bearer);
    /**
     * \param qci a QCI.
     * \return true if ns-3's EpsBearer knows it.
     */
    static bool IsLteQci(uint32_t qci);
    /**
     * \param prbs a bandwidth in PRBs.
     * \return the RBG size of 36.213 Table 7.1.6.1-1.
     */
    static uint32_t RbgSize(uint32_t prbs);

protected:
    void DoDispose() override;

private:
    /// What the stages of Install() hand on to each other.
    struct Build
    {
        Ptr<LteSliceController> controller;                //!< the controller
        LteSliceController::Wiring w;                      //!< its wiring, filled stage by stage
        uint32_t slots{0};                                 //!< controller Slots
        uint64_t mapOffset{0};                             //!< controller MapOffset
        uint32_t mapStride{1};                             //!< controller MapStride
        uint32_t nServices{0};                             //!< services
        uint16_t nSlices{0};                               //!< slices
        std::vector<uint32_t> bearerQci;                   //!< QCI of each dedicated bearer
        std::vector<std::vector<uint32_t>> bearerServices; //!< services of each bearer
        uint32_t usablePrbs{0};                            //!< PRBs in whole RBGs
        Ipv4InterfaceContainer ueIfs;                      //!< UE addresses, eNB-major
        std::vector<Ipv4Address> coreAddresses;            //!< server link's far end per core
        bool sliceScheduler{false};                        //!< SchedulerType is the slice one
    };

    /**
     * Stage 1: check the settings that need no network (NEnbs, UesPerEnb, Load, Bandwidth,
     * SchedulerType, Decomposer and ModelFile), create the controller and check its slot.
     * \param b the build state (controller, slots, MapOffset, MapStride set).
     * \throw InputError naming the attribute.
     */
    void Validate(Build& b);
    /**
     * Stage 2: the service catalog, the QCI overrides (ServiceQci), the slices and their SLAs,
     * the dedicated bearers and the fixed quotas (FixedQuotas).
     * \param b the build state.
     * \throw InputError on an unknown service or QCI, too many bearers or bad fixed quotas.
     */
    void BuildCatalog(Build& b);
    /**
     * Stage 3: one decomposer per level, of type Decomposer (with ModelFile if set).
     * \param b the build state.
     */
    void CreateDecomposers(Build& b);
    /**
     * Stage 4: antennas, demand model and datacenter tiers (MicroscopeHelper); with fewer than
     * 3 eNBs one datacenter per level at the eNBs' centroid.
     * \param b the build state.
     */
    void BuildTopology(Build& b);
    /**
     * Stage 5: the spectrum allocator, the VNF allocator and the cost accountant.
     * \param b the build state.
     */
    void CreateAllocators(Build& b);
    /**
     * Stage 6: the demand scale of each eNB, so that its mean offered load over the run is
     * Load x its nominal capacity (every eNB, or the mean eNB with LoadPerEnb false).
     * \param b the build state.
     * \throw InputError if the mapped slots have no traffic.
     */
    void ScaleDemand(Build& b);
    /**
     * Stage 7: LteHelper with EPC, the eNB devices, the UEs (positions, devices), the PHY
     * error models (PhyErrorModels) and, with IsolatedCells, one channel pair per cell.
     * \param b the build state.
     */
    void InstallRadio(Build& b);
    /**
     * Stage 8: IP stack of the UEs, attach, and the dedicated EPS bearers with their TFTs.
     * \param b the build state (UE addresses set).
     */
    void InstallBearers(Build& b);
    /**
     * Stage 9: the server, the datacenters' VNFs (the VNF allocator follows their
     * CoreThroughput), the point-to-point links and the routes along them.
     * \param b the build state (server link addresses set).
     */
    void InstallDatacenters(Build& b);
    /**
     * Stage 10: random streams of the LTE devices and of the flows, the server's flows and
     * the UEs' sinks.
     * \param b the build state.
     * \throw InputError if the reserved block of streams does not suffice.
     */
    void InstallApplications(Build& b);
    /**
     * Stage 11: tell each eNB's SliceFfMacScheduler its slices and the LCID of each bearer's
     * slice; hand the RLC buffer size to the controller.
     * \param b the build state.
     * \throw InputError if an eNB lacks the slice scheduler it should have.
     */
    void ConfigureSchedulers(Build& b);

    Ptr<ServiceCatalog> m_catalog; //!< services
    MicroscopeHelper m_microscope; //!< layout, demand, tiers
    bool m_mecSet{false};          //!< MecNodes set by the user
    bool m_cranSet{false};         //!< CranNodes set by the user
    bool m_coreSet{false};         //!< CoreNodes set by the user
    uint32_t m_nEnbs;              //!< NEnbs attribute
    uint32_t m_uesPerEnb;          //!< UesPerEnb attribute
    double m_load;                 //!< Load attribute
    uint16_t m_bandwidth;          //!< Bandwidth attribute
    std::string m_schedulerType;   //!< SchedulerType attribute
    std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_schedulerAttributes; //!< attrs
    /// \return a new path loss model of the PathLoss attribute (for the isolated cells)
    Ptr<PropagationLossModel> CreatePathLoss() const;

    std::string m_decomposerType;      //!< Decomposer attribute
    std::string m_modelFile;           //!< ModelFile attribute
    std::string m_fixedQuotas;         //!< FixedQuotas attribute
    std::string m_serviceQci;          //!< ServiceQci attribute
    ObjectFactory m_controllerFactory; //!< LteSliceController
    ObjectFactory m_flowFactory;       //!< ServiceTrafficApplication
    ObjectFactory m_vnfAppFactory;     //!< VnfApplication
    ObjectFactory m_spectrumFactory;   //!< SpectrumAllocator
    ObjectFactory m_vnfFactory;        //!< VnfAllocator
    ObjectFactory m_accountantFactory; //!< CostAccountant
    Time m_serverDelay;                //!< ServerLinkDelay attribute
    Time m_fibrePerKm;                 //!< FibreDelayPerKm attribute
    double m_ueRadius;                 //!< UeRadius attribute
    int64_t m_stream;                  //!< first stream or -1
    uint16_t m_basePort;               //!< UE port of service 0
    uint16_t m_vnfPort;                //!< VNF port
    bool m_loadPerEnb;                 //!< LoadPerEnb attribute
    bool m_phyErrors;                  //!< PhyErrorModels attribute
    uint32_t m_rlcBuffer;              //!< RlcBufferBytes attribute
    double m_maxLossDb;                //!< MaxLossDb attribute, 0 = off
    bool m_isolatedCells;              //!< IsolatedCells attribute
    std::string m_channelType;         //!< SpectrumChannelType attribute
    std::string m_pathLoss;            //!< PathLoss attribute
    uint32_t m_srsPeriodicity;         //!< SrsPeriodicity attribute
    bool m_pdschForCqi;                //!< PdschForCqi attribute
    Time m_cqiPeriodicity;             //!< CqiPeriodicity attribute
    uint16_t m_phyTraceSamplePeriod;   //!< PhyTraceSamplePeriod attribute

    Ptr<LteHelper> m_lte;             //!< built LTE helper
    Ptr<PointToPointEpcHelper> m_epc; //!< built EPC helper
    Ptr<NetworkTopology> m_topology;  //!< built topology
    NetDeviceContainer m_enbDevices;  //!< eNB devices
    NetDeviceContainer m_ueDevices;   //!< UE devices
    NodeContainer m_ueNodes;          //!< UE nodes
    Ptr<Node> m_server;               //!< server
    std::vector<double> m_scale;      //!< demand scale per eNB
};

} // namespace ns3

#endif /* MICROSCOPE_LTE_SLICING_HELPER_H */
