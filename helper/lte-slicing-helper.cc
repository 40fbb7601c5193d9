/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "lte-slicing-helper.h"

#include "ns3/boolean.h"
#include "ns3/constant-position-mobility-model.h"
#include "ns3/cost-accountant.h"
#include "ns3/csv-table-reader.h"
#include "ns3/double.h"
#include "ns3/epc-tft.h"
#include "ns3/eps-bearer.h"
#include "ns3/ff-mac-scheduler.h"
#include "ns3/inet-socket-address.h"
#include "ns3/input-error.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/log.h"
#include "ns3/lte-enb-net-device.h"
#include "ns3/lte-enb-phy.h"
#include "ns3/lte-enb-rrc.h"
#include "ns3/lte-spectrum-phy.h"
#include "ns3/lte-ue-net-device.h"
#include "ns3/lte-ue-phy.h"
#include "ns3/mobility-helper.h"
#include "ns3/multi-model-spectrum-channel.h"
#include "ns3/nstime.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/position-allocator.h"
#include "ns3/propagation-loss-model.h"
#include "ns3/random-variable-stream.h"
#include "ns3/slice-ff-mac-scheduler.h"
#include "ns3/spectrum-allocator.h"
#include "ns3/string.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/uinteger.h"
#include "ns3/vnf-allocator.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LteSlicingHelper");

NS_OBJECT_ENSURE_REGISTERED(LteSlicingHelper);

namespace
{
/// Streams of the MicroscopeHelper block.
constexpr int64_t MICROSCOPE_STREAMS = 100;
/// Dedicated bearers a UE can have: LCIDs 4..10 (3 is the default bearer's).
constexpr uint32_t MAX_DEDICATED_BEARERS = 7;
/// Streams reserved in all.
constexpr int64_t RESERVED_STREAMS = 1000000;
/// Path loss exponent of the urban macro cell (3GPP TR 36.942: 37.6 dB per decade).
constexpr double URBAN_MACRO_EXPONENT = 3.76;
/// Its loss at 1 m: 128.1 dB at 1 km less three decades of 37.6 dB.
constexpr double URBAN_MACRO_LOSS_1M = 128.1 - 3 * 37.6;
/// The fast radio's MaxLossDb: a 30 dBm eNB over 25 PRBs arrives 9.5 dB below a 9 dB-noise-figure
/// UE's thermal noise (-174 dBm/Hz), 1.83 km away in the urban macro cell.
constexpr double FAST_MAX_LOSS_DB = 138.0;
/// The fast radio's downlink CQI period, ms.
constexpr int FAST_CQI_PERIODICITY_MS = 10;
/// The fast radio's PHY trace sample period, TTIs.
constexpr uint16_t FAST_TRACE_SAMPLE_PERIOD = 1000;

/**
 * \param points positions.
 * \return their centroid.
 */
Vector
Centroid(const std::vector<Vector>& points)
{
    Vector c(0, 0, 0);
    for (const auto& p : points)
    {
        c.x += p.x / points.size();
        c.y += p.y / points.size();
    }
    return c;
}

/**
 * \param a a point \param b a point
 * \return their distance in km (2D)
 */
double
DistanceKm(const Vector& a, const Vector& b)
{
    return std::hypot(a.x - b.x, a.y - b.y) / 1000.0;
}

/**
 * \param name an attribute of LteSlicingHelper.
 * \return its full path, as errors name it: "ns3::LteSlicingHelper::NAME".
 */
std::string
Attr(const std::string& name)
{
    return "ns3::LteSlicingHelper::" + name;
}

/**
 * \param attribute the attribute the text belongs to (for the error).
 * \param text a non-negative integer.
 * \return its value.
 * \throw InputError naming the attribute if the text is not one.
 */
uint32_t
ParseUnsigned(const std::string& attribute, const std::string& text)
{
    size_t used = 0;
    unsigned long value = 0;
    try
    {
        value = std::stoul(text, &used);
    }
    catch (const std::exception&)
    {
        used = 0;
    }
    if (used != text.size() || text.empty() || text[0] == '-' || value > UINT32_MAX)
    {
        throw InputError::ForAttribute(Attr(attribute),
                                       "'" + text + "' is not a non-negative integer");
    }
    return static_cast<uint32_t>(value);
}
} // namespace

TypeId
LteSlicingHelper::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::LteSlicingHelper")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<LteSlicingHelper>()
            .AddAttribute("NEnbs",
                          "eNBs, at the antenna positions of the generated layout.",
                          UintegerValue(4),
                          MakeUintegerAccessor(&LteSlicingHelper::m_nEnbs),
                          MakeUintegerChecker<uint32_t>(1, 65535))
            .AddAttribute("UesPerEnb",
                          "UEs per eNB; each carries every service of the catalog.",
                          UintegerValue(3),
                          MakeUintegerAccessor(&LteSlicingHelper::m_uesPerEnb),
                          MakeUintegerChecker<uint32_t>(1, 65535))
            .AddAttribute("Load",
                          "Mean offered load of an eNB over the run relative to its nominal "
                          "capacity (usable PRBs x the SpectrumAllocator's PRB rate); > 0.",
                          DoubleValue(0.5),
                          MakeDoubleAccessor(&LteSlicingHelper::m_load),
                          MakeDoubleChecker<double>(0.0, 1000.0))
            .AddAttribute("LoadPerEnb",
                          "true: every eNB's mean offered load is Load x capacity (the "
                          "model's time and service mix kept, its spatial base load not); "
                          "false: one scale for all eNBs, the mean eNB at Load.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&LteSlicingHelper::m_loadPerEnb),
                          MakeBooleanChecker())
            .AddAttribute("Bandwidth",
                          "Downlink and uplink bandwidth of the cells in PRBs: 6, 15, 25, 50, "
                          "75 or 100.",
                          UintegerValue(25),
                          MakeUintegerAccessor(&LteSlicingHelper::m_bandwidth),
                          MakeUintegerChecker<uint16_t>(6, 100))
            .AddAttribute("SchedulerType",
                          "MAC scheduler of the eNBs (an FfMacScheduler TypeId): "
                          "ns3::SliceFfMacScheduler enforces the slice quotas; another one "
                          "(e.g. ns3::PfFfMacScheduler) does not (quotas computed and recorded "
                          "only).",
                          StringValue("ns3::SliceFfMacScheduler"),
                          MakeStringAccessor(&LteSlicingHelper::m_schedulerType),
                          MakeStringChecker())
            .AddAttribute("Decomposer",
                          "Decomposer at every level: oracle, historical, linear, neural, ... "
                          "or a Decomposer TypeId name.",
                          StringValue("historical"),
                          MakeStringAccessor(&LteSlicingHelper::m_decomposerType),
                          MakeStringChecker())
            .AddAttribute("ModelFile",
                          "Model file of the decomposer (only decomposers with a ModelFile "
                          "attribute, such as the neural one, take it); empty: none.",
                          StringValue(""),
                          MakeStringAccessor(&LteSlicingHelper::m_modelFile),
                          MakeStringChecker())
            .AddAttribute("FixedQuotas",
                          "Comma-separated PRBs per slice (one per slice, summing to at most "
                          "Bandwidth) that replace the decomposer-driven quotas at every eNB "
                          "and slot; empty: the decomposer's.",
                          StringValue(""),
                          MakeStringAccessor(&LteSlicingHelper::m_fixedQuotas),
                          MakeStringChecker())
            .AddAttribute("ServiceQci",
                          "QCI overrides of the services' bearers, 'Service=QCI,...' (e.g. "
                          "'YouTube=7,Spotify=9'; a QCI ns-3's LTE knows, a service of the "
                          "catalog); empty: the catalog's QCIs.",
                          StringValue(""),
                          MakeStringAccessor(&LteSlicingHelper::m_serviceQci),
                          MakeStringChecker())
            .AddAttribute("ServerLinkDelay",
                          "One-way delay of the server's links to the core datacenters.",
                          TimeValue(MilliSeconds(1)),
                          MakeTimeAccessor(&LteSlicingHelper::m_serverDelay),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("FibreDelayPerKm",
                          "Propagation delay per km of the core -- C-RAN -- MEC -- PGW links.",
                          TimeValue(MicroSeconds(5)),
                          MakeTimeAccessor(&LteSlicingHelper::m_fibrePerKm),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("UeRadius",
                          "Largest distance of a UE from its eNB, m (UEs are uniform in the "
                          "disc, at least min(20 m, UeRadius / 2) away).",
                          DoubleValue(250.0),
                          MakeDoubleAccessor(&LteSlicingHelper::m_ueRadius),
                          MakeDoubleChecker<double>(0.0, 100000.0))
            .AddAttribute("PhyErrorModels",
                          "Keep the LTE PHY's data and control error models (off by default: "
                          "the slice scheduler has no HARQ, so a lost TB is lost for good on "
                          "RLC UM).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&LteSlicingHelper::m_phyErrors),
                          MakeBooleanChecker())
            .AddAttribute("MaxLossDb",
                          "The spectrum channels do not deliver signals attenuated by more "
                          "than this (SpectrumChannel MaxLossDb); 0: every signal is "
                          "delivered. Ignores far interferers: faster, less accurate.",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&LteSlicingHelper::m_maxLossDb),
                          MakeDoubleChecker<double>(0.0, 1000.0))
            .AddAttribute("IsolatedCells",
                          "One downlink and one uplink spectrum channel per cell (Friis): no "
                          "inter-cell interference, a PHY cost that grows with the UEs "
                          "instead of eNBs x UEs.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&LteSlicingHelper::m_isolatedCells),
                          MakeBooleanChecker())
            .AddAttribute("SpectrumChannelType",
                          "TypeId of the downlink and uplink spectrum channels: "
                          "ns3::CachedLossSpectrumChannel delivers what ns-3's "
                          "MultiModelSpectrumChannel delivers, computing each link's loss once "
                          "and skipping links beyond MaxLossDb before copying the signal.",
                          StringValue("ns3::CachedLossSpectrumChannel"),
                          MakeStringAccessor(&LteSlicingHelper::m_channelType),
                          MakeStringChecker())
            .AddAttribute("PathLoss",
                          "Path loss of the spectrum channels: friis (ns-3 LTE's default), "
                          "urban-macro (3GPP TR 36.942 urban macro cell, 128.1 + 37.6 "
                          "log10(d/km) dB) or the TypeId name of a PropagationLossModel.",
                          StringValue("friis"),
                          MakeStringAccessor(&LteSlicingHelper::m_pathLoss),
                          MakeStringChecker())
            .AddAttribute("SrsPeriodicity",
                          "Uplink sounding reference signal period of the eNBs, ms (LteEnbRrc "
                          "SrsPeriodicity: 2, 5, 10, 20, 40, 80, 160 or 320).",
                          UintegerValue(40),
                          MakeUintegerAccessor(&LteSlicingHelper::m_srsPeriodicity),
                          MakeUintegerChecker<uint32_t>(2, 320))
            .AddAttribute("PdschForCqi",
                          "LteHelper UsePdschForCqiGeneration: true, the downlink CQI sees the "
                          "data channel's interference (ns-3's default); false, the control "
                          "channel's (every cell transmitting on every RB).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&LteSlicingHelper::m_pdschForCqi),
                          MakeBooleanChecker())
            .AddAttribute("CqiPeriodicity",
                          "Period of the UEs' downlink CQI reports (LteUePhy "
                          "DownlinkCqiPeriodicity; ns-3's default 1 ms; real periodic "
                          "reporting uses 2 to 160 ms).",
                          TimeValue(MilliSeconds(1)),
                          MakeTimeAccessor(&LteSlicingHelper::m_cqiPeriodicity),
                          MakeTimeChecker(MilliSeconds(1), Seconds(1)))
            .AddAttribute("PhyTraceSamplePeriod",
                          "TTIs between two samples of the PHY's measurement traces (LteEnbPhy "
                          "UeSinrSamplePeriod and InterferenceSamplePeriod, LteUePhy "
                          "RsrpSinrSamplePeriod; ns-3's default 1). Nothing in the module reads "
                          "them.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&LteSlicingHelper::m_phyTraceSamplePeriod),
                          MakeUintegerChecker<uint16_t>(1, 65535))
            .AddAttribute("RlcBufferBytes",
                          "RLC UM transmission buffer of the eNBs' dedicated bearers (LteRlcUm "
                          "MaxTxBufferSize, set on each bearer when the controller finds it); "
                          "0: LteRlcUm's own default.",
                          UintegerValue(200000),
                          MakeUintegerAccessor(&LteSlicingHelper::m_rlcBuffer),
                          MakeUintegerChecker<uint32_t>());
    return tid;
}

LteSlicingHelper::LteSlicingHelper()
    : m_nEnbs(4),
      m_uesPerEnb(3),
      m_load(0.5),
      m_bandwidth(25),
      m_schedulerType("ns3::SliceFfMacScheduler"),
      m_decomposerType("historical"),
      m_serverDelay(MilliSeconds(1)),
      m_fibrePerKm(MicroSeconds(5)),
      m_ueRadius(250),
      m_stream(-1),
      m_basePort(20000),
      m_vnfPort(9000),
      m_loadPerEnb(true),
      m_phyErrors(false),
      m_rlcBuffer(200000),
      m_maxLossDb(0),
      m_isolatedCells(false),
      m_channelType("ns3::CachedLossSpectrumChannel"),
      m_pathLoss("friis"),
      m_srsPeriodicity(40),
      m_pdschForCqi(true),
      m_cqiPeriodicity(MilliSeconds(1)),
      m_phyTraceSamplePeriod(1)
{
    NS_LOG_FUNCTION(this);
    m_controllerFactory.SetTypeId("ns3::LteSliceController");
    m_flowFactory.SetTypeId("ns3::ServiceTrafficApplication");
    m_vnfAppFactory.SetTypeId("ns3::VnfApplication");
    m_spectrumFactory.SetTypeId("ns3::SpectrumAllocator");
    m_vnfFactory.SetTypeId("ns3::VnfAllocator");
    m_accountantFactory.SetTypeId("ns3::CostAccountant");
}

LteSlicingHelper::~LteSlicingHelper()
{
    NS_LOG_FUNCTION(this);
}

void
LteSlicingHelper::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_catalog = nullptr;
    m_lte = nullptr;
    m_epc = nullptr;
    m_topology = nullptr;
    m_enbDevices = NetDeviceContainer();
    m_ueDevices = NetDeviceContainer();
    m_ueNodes = NodeContainer();
    m_server = nullptr;
    Object::DoDispose();
}

void
LteSlicingHelper::SetServiceCatalog(Ptr<ServiceCatalog> catalog)
{
    m_catalog = catalog;
}

void
LteSlicingHelper::SetNEnbs(uint32_t n)
{
    m_nEnbs = n;
}

void
LteSlicingHelper::SetUesPerEnb(uint32_t n)
{
    m_uesPerEnb = n;
}

void
LteSlicingHelper::SetLoad(double load)
{
    m_load = load;
}

void
LteSlicingHelper::SetBandwidth(uint16_t prbs)
{
    m_bandwidth = prbs;
}

void
LteSlicingHelper::SetSchedulerType(const std::string& type)
{
    m_schedulerType = type;
}

void
LteSlicingHelper::SetSchedulerAttribute(const std::string& name, const AttributeValue& value)
{
    m_schedulerAttributes.emplace_back(name, value.Copy());
}

void
LteSlicingHelper::SetDecomposer(const std::string& type, const std::string& modelFile)
{
    m_decomposerType = type;
    m_modelFile = modelFile;
}

void
LteSlicingHelper::SetFixedQuotas(const std::vector<uint32_t>& prbs)
{
    std::ostringstream text;
    for (size_t k = 0; k < prbs.size(); ++k)
    {
        text << (k > 0 ? "," : "") << prbs[k];
    }
    m_fixedQuotas = text.str();
}

void
LteSlicingHelper::SetServiceQci(const std::string& service, uint32_t qci)
{
    m_serviceQci += (m_serviceQci.empty() ? "" : ",") + service + "=" + std::to_string(qci);
}

void
LteSlicingHelper::SetControllerAttribute(const std::string& name, const AttributeValue& value)
{
    m_controllerFactory.Set(name, value);
}

void
LteSlicingHelper::SetFlowAttribute(const std::string& name, const AttributeValue& value)
{
    m_flowFactory.Set(name, value);
}

void
LteSlicingHelper::SetVnfAttribute(const std::string& name, const AttributeValue& value)
{
    m_vnfAppFactory.Set(name, value);
}

void
LteSlicingHelper::SetSpectrumAllocatorAttribute(const std::string& name,
                                                const AttributeValue& value)
{
    m_spectrumFactory.Set(name, value);
}

void
LteSlicingHelper::SetVnfAllocatorAttribute(const std::string& name, const AttributeValue& value)
{
    m_vnfFactory.Set(name, value);
}

void
LteSlicingHelper::SetCostAccountantAttribute(const std::string& name, const AttributeValue& value)
{
    m_accountantFactory.Set(name, value);
}

void
LteSlicingHelper::SetTrafficGeneratorAttribute(const std::string& name, const AttributeValue& value)
{
    m_microscope.SetTrafficGeneratorAttribute(name, value);
}

void
LteSlicingHelper::SetTierBuilderAttribute(const std::string& name, const AttributeValue& value)
{
    m_mecSet = m_mecSet || name == "MecNodes";
    m_cranSet = m_cranSet || name == "CranNodes";
    m_coreSet = m_coreSet || name == "CoreNodes";
    m_microscope.SetTierBuilderAttribute(name, value);
}

void
LteSlicingHelper::SetLayoutGeneratorAttribute(const std::string& name, const AttributeValue& value)
{
    m_microscope.SetLayoutGeneratorAttribute(name, value);
}

void
LteSlicingHelper::SetServerLinkDelay(Time delay)
{
    m_serverDelay = delay;
}

void
LteSlicingHelper::SetFibreDelayPerKm(Time delay)
{
    m_fibrePerKm = delay;
}

void
LteSlicingHelper::SetUeRadius(double radius)
{
    m_ueRadius = radius;
}

int64_t
LteSlicingHelper::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_stream = stream;
    return RESERVED_STREAMS;
}

uint8_t
LteSlicingHelper::ExpectedLcid(uint32_t bearer)
{
    return static_cast<uint8_t>(4 + bearer);
}

bool
LteSlicingHelper::IsLteQci(uint32_t qci)
{
    static const std::set<uint32_t> known = {1,  2,  3,  4,  5,  6,  7,  8,  9,  65, 66,
                                             67, 69, 70, 75, 79, 80, 82, 83, 84, 85};
    return known.count(qci) > 0;
}

uint32_t
LteSlicingHelper::RbgSize(uint32_t prbs)
{
    return prbs <= 10 ? 1 : prbs <= 26 ? 2 : prbs <= 63 ? 3 : 4;
}

Ptr<LteSliceController>
LteSlicingHelper::Install()
{
    NS_LOG_FUNCTION(this);
    Build b;
    Validate(b);
    BuildCatalog(b);
    CreateDecomposers(b);
    BuildTopology(b);
    CreateAllocators(b);
    ScaleDemand(b);
    InstallRadio(b);
    InstallBearers(b);
    InstallDatacenters(b);
    InstallApplications(b);
    ConfigureSchedulers(b);
    b.controller->SetWiring(b.w);
    return b.controller;
}

void
LteSlicingHelper::Validate(Build& b)
{
    NS_LOG_FUNCTION(this);
    if (m_nEnbs == 0)
    {
        throw InputError::ForAttribute(Attr("NEnbs"), "at least one eNB is needed");
    }
    if (m_uesPerEnb == 0)
    {
        throw InputError::ForAttribute(Attr("UesPerEnb"),
                                       "at least one UE per eNB is needed (got 0)");
    }
    if (!(m_load > 0) || !std::isfinite(m_load))
    {
        throw InputError::ForAttribute(Attr("Load"), "the load must be positive");
    }
    static const std::set<uint16_t> bandwidths = {6, 15, 25, 50, 75, 100};
    if (bandwidths.count(m_bandwidth) == 0)
    {
        throw InputError::ForAttribute(Attr("Bandwidth"),
                                       std::to_string(m_bandwidth) +
                                           " PRBs is not an LTE bandwidth (6, 15, 25, 50, 75, "
                                           "100)");
    }
    TypeId scheduler;
    if (!TypeId::LookupByNameFailSafe(m_schedulerType, &scheduler) ||
        !scheduler.IsChildOf(FfMacScheduler::GetTypeId()))
    {
        throw InputError::ForAttribute(Attr("SchedulerType"),
                                       "'" + m_schedulerType +
                                           "' is not an FfMacScheduler (e.g. "
                                           "ns3::SliceFfMacScheduler, ns3::PfFfMacScheduler)");
    }
    TypeId channel;
    if (!TypeId::LookupByNameFailSafe(m_channelType, &channel) ||
        !channel.IsChildOf(SpectrumChannel::GetTypeId()))
    {
        throw InputError::ForAttribute(Attr("SpectrumChannelType"),
                                       "'" + m_channelType +
                                           "' is not a SpectrumChannel (e.g. "
                                           "ns3::CachedLossSpectrumChannel, "
                                           "ns3::MultiModelSpectrumChannel)");
    }
    TypeId pathLoss;
    if (m_pathLoss != "friis" && m_pathLoss != "urban-macro" &&
        (!TypeId::LookupByNameFailSafe(m_pathLoss, &pathLoss) ||
         !pathLoss.IsChildOf(PropagationLossModel::GetTypeId())))
    {
        throw InputError::ForAttribute(Attr("PathLoss"),
                                       "'" + m_pathLoss +
                                           "' is neither friis, urban-macro nor a "
                                           "PropagationLossModel TypeId");
    }
    static const std::set<uint32_t> srsPeriods = {2, 5, 10, 20, 40, 80, 160, 320};
    if (srsPeriods.count(m_srsPeriodicity) == 0)
    {
        throw InputError::ForAttribute(Attr("SrsPeriodicity"),
                                       std::to_string(m_srsPeriodicity) +
                                           " ms is not an SRS period (2, 5, 10, 20, 40, 80, "
                                           "160, 320)");
    }
    const TypeId decomposer = MicroscopeHelper::LookupDecomposer(m_decomposerType);
    TypeId::AttributeInformation info;
    if (!m_modelFile.empty() && !decomposer.LookupAttributeByName("ModelFile", &info))
    {
        throw InputError::ForAttribute(Attr("ModelFile"),
                                       "has no effect with Decomposer=" + m_decomposerType +
                                           " (only the neural decomposer reads a model file)");
    }
    b.controller = m_controllerFactory.Create<LteSliceController>();
    TimeValue slot;
    b.controller->GetAttribute("SlotDuration", slot);
    if (slot.Get() < MilliSeconds(1))
    {
        throw InputError::ForAttribute("ns3::LteSliceController::SlotDuration",
                                       "the slot (" + std::to_string(slot.Get().GetSeconds()) +
                                           " s) is shorter than an LTE TTI (1 ms)");
    }
    UintegerValue slots;
    UintegerValue offset;
    UintegerValue stride;
    b.controller->GetAttribute("Slots", slots);
    b.controller->GetAttribute("MapOffset", offset);
    b.controller->GetAttribute("MapStride", stride);
    b.slots = static_cast<uint32_t>(slots.Get());
    b.mapOffset = offset.Get();
    b.mapStride = static_cast<uint32_t>(stride.Get());
}

void
LteSlicingHelper::BuildCatalog(Build& b)
{
    NS_LOG_FUNCTION(this);
    LteSliceController::Wiring& w = b.w;
    Ptr<ServiceCatalog> catalog = m_catalog ? m_catalog : ServiceCatalog::CreateDefault();
    const uint32_t nServices = catalog->GetN();
    b.nServices = nServices;
    // QCI overrides: "Service=QCI,..."; a later one of the same service wins.
    std::map<std::string, uint32_t> overrides;
    for (const auto& item : CsvTableReader::SplitList(m_serviceQci))
    {
        const size_t eq = item.find('=');
        if (eq == std::string::npos)
        {
            throw InputError::ForAttribute(Attr("ServiceQci"), "'" + item + "' is not Service=QCI");
        }
        const std::string name = item.substr(0, eq);
        const uint32_t qci = ParseUnsigned("ServiceQci", item.substr(eq + 1));
        if (!IsLteQci(qci))
        {
            throw InputError::ForAttribute(Attr("ServiceQci"),
                                           "unknown QCI " + std::to_string(qci) + " for " + name +
                                               " (ns-3 LTE knows 1-9, 65-67, 69, 70, 75, 79, "
                                               "80, 82-85)");
        }
        overrides[name] = qci;
    }
    for (const auto& [name, qci] : overrides)
    {
        if (catalog->Find(name) < 0)
        {
            throw InputError::ForAttribute(Attr("ServiceQci"),
                                           "no service " + name + " in the catalog");
        }
    }
    std::vector<uint32_t> qcis(nServices);
    for (uint32_t s = 0; s < nServices; ++s)
    {
        const ServiceDescriptor& d = catalog->Get(s);
        auto it = overrides.find(d.name);
        qcis[s] = it != overrides.end() ? it->second : d.qci;
        if (!IsLteQci(qcis[s]))
        {
            throw InputError("LteSlicingHelper: the catalog's QCI " + std::to_string(qcis[s]) +
                             " of " + d.name +
                             " is unknown to ns-3's LTE (1-9, 65-67, 69, 70, 75, 79, 80, "
                             "82-85); override it with ServiceQci");
        }
    }
    // Slices: distinct slice names, strictest SLA of their services.
    w.catalog = catalog;
    w.uesPerEnb = m_uesPerEnb;
    for (uint32_t s = 0; s < nServices; ++s)
    {
        const ServiceDescriptor& d = catalog->Get(s);
        auto it = std::find(w.sliceNames.begin(), w.sliceNames.end(), d.slice);
        if (it == w.sliceNames.end())
        {
            w.sliceNames.push_back(d.slice);
            w.sliceSlaDelivered.push_back(d.slaDelivered);
            w.sliceSlaDelayMs.push_back(d.slaDelayMs);
            w.serviceSlice.push_back(static_cast<uint16_t>(w.sliceNames.size() - 1));
        }
        else
        {
            const auto k = static_cast<uint16_t>(it - w.sliceNames.begin());
            w.sliceSlaDelivered[k] = std::max(w.sliceSlaDelivered[k], d.slaDelivered);
            w.sliceSlaDelayMs[k] = std::min(w.sliceSlaDelayMs[k], d.slaDelayMs);
            w.serviceSlice.push_back(k);
        }
    }
    b.nSlices = static_cast<uint16_t>(w.sliceNames.size());

    // Dedicated bearers: one per service if the 7 dedicated LCIDs (4..10) suffice, else one
    // per (slice, QCI) group of services.
    w.basePort = m_basePort;
    const bool perService = nServices <= MAX_DEDICATED_BEARERS;
    for (uint32_t s = 0; s < nServices; ++s)
    {
        uint32_t bearer = 0;
        if (!perService)
        {
            while (bearer < b.bearerQci.size() &&
                   !(b.bearerQci[bearer] == qcis[s] && w.bearerSlice[bearer] == w.serviceSlice[s]))
            {
                ++bearer;
            }
        }
        else
        {
            bearer = s;
        }
        if (bearer == b.bearerQci.size())
        {
            b.bearerQci.push_back(qcis[s]);
            b.bearerServices.emplace_back();
            w.bearerSlice.push_back(w.serviceSlice[s]);
            w.bearerLcid.push_back(ExpectedLcid(bearer));
        }
        b.bearerServices[bearer].push_back(s);
        w.serviceBearer.push_back(static_cast<uint16_t>(bearer));
    }
    if (b.bearerQci.size() > MAX_DEDICATED_BEARERS)
    {
        throw InputError("LteSlicingHelper: the catalog's " + std::to_string(nServices) +
                         " services need " + std::to_string(b.bearerQci.size()) +
                         " dedicated bearers (one per slice and QCI), more than the " +
                         std::to_string(MAX_DEDICATED_BEARERS) +
                         " LCIDs (4..10) a UE has besides its default bearer");
    }
    w.bandwidthPrbs = m_bandwidth;
    w.rbgSize = RbgSize(m_bandwidth);
    b.usablePrbs = (m_bandwidth / w.rbgSize) * w.rbgSize;

    // Fixed quotas: one per slice, within the bandwidth.
    std::vector<uint32_t> quotas;
    uint64_t sum = 0;
    for (const auto& item : CsvTableReader::SplitList(m_fixedQuotas))
    {
        quotas.push_back(ParseUnsigned("FixedQuotas", item));
        sum += quotas.back();
    }
    if (!quotas.empty())
    {
        if (quotas.size() != b.nSlices)
        {
            throw InputError::ForAttribute(Attr("FixedQuotas"),
                                           "one quota per slice is needed (" +
                                               std::to_string(b.nSlices) + " slices, " +
                                               std::to_string(quotas.size()) + " given)");
        }
        if (sum > m_bandwidth)
        {
            throw InputError::ForAttribute(Attr("FixedQuotas"),
                                           "the quotas sum to " + std::to_string(sum) +
                                               " PRBs, more than the bandwidth of " +
                                               std::to_string(m_bandwidth) + " PRBs");
        }
        w.fixedQuotas = quotas;
    }
}

void
LteSlicingHelper::CreateDecomposers(Build& b)
{
    NS_LOG_FUNCTION(this);
    ObjectFactory decomposerFactory;
    decomposerFactory.SetTypeId(MicroscopeHelper::LookupDecomposer(m_decomposerType));
    if (!m_modelFile.empty())
    {
        decomposerFactory.Set("ModelFile", StringValue(m_modelFile));
    }
    for (auto level : ALL_NETWORK_LEVELS)
    {
        b.w.decomposers[NetworkLevelIndex(level)] = decomposerFactory.Create<Decomposer>();
    }
    b.w.decomposerName = m_decomposerType;
}

void
LteSlicingHelper::BuildTopology(Build& b)
{
    NS_LOG_FUNCTION(this);
    m_microscope.SetServiceCatalog(b.w.catalog);
    m_microscope.SetLayoutGeneratorAttribute("NumAntennas", UintegerValue(m_nEnbs));
    const uint64_t lastSlot = b.mapOffset + static_cast<uint64_t>(b.slots) * b.mapStride;
    m_microscope.SetTrafficGeneratorAttribute("Days", UintegerValue(lastSlot / 288 + 1));
    m_microscope.SetLoadEstimationDays(1);
    const bool tiers = m_nEnbs >= 3;
    m_microscope.SetDatacenterTiers(tiers);
    if (!m_mecSet)
    {
        m_microscope.SetTierBuilderAttribute("MecNodes", UintegerValue((m_nEnbs + 1) / 2));
    }
    if (!m_cranSet)
    {
        m_microscope.SetTierBuilderAttribute("CranNodes", UintegerValue((m_nEnbs + 3) / 4));
    }
    if (!m_coreSet)
    {
        m_microscope.SetTierBuilderAttribute("CoreNodes", UintegerValue(1));
    }
    if (m_stream >= 0)
    {
        m_microscope.AssignStreams(m_stream);
    }
    m_microscope.BuildScenario();
    m_topology = m_microscope.GetTopology();
    const std::vector<Vector>& enbPositions = m_topology->GetAntennaPositions();
    if (!tiers)
    {
        // A single datacenter per level at the eNBs' centroid.
        for (auto level : LteSliceController::DC_LEVELS)
        {
            NodeContainer dc;
            dc.Create(1);
            Ptr<ConstantPositionMobilityModel> mobility =
                CreateObject<ConstantPositionMobilityModel>();
            mobility->SetPosition(Centroid(enbPositions));
            dc.Get(0)->AggregateObject(mobility);
            m_topology->SetLevel(level,
                                 std::vector<uint32_t>(m_nEnbs, 0),
                                 {Centroid(enbPositions)},
                                 dc);
        }
    }
    b.w.source = m_microscope.GetTrafficSource();
    b.w.topology = m_topology;
}

void
LteSlicingHelper::CreateAllocators(Build& b)
{
    NS_LOG_FUNCTION(this);
    b.w.spectrum = m_spectrumFactory.Create<SpectrumAllocator>();
    b.w.vnf = m_vnfFactory.Create<VnfAllocator>();
    b.w.accountant = m_accountantFactory.Create<CostAccountant>();
}

void
LteSlicingHelper::ScaleDemand(Build& b)
{
    NS_LOG_FUNCTION(this);
    LteSliceController::Wiring& w = b.w;
    DemandMatrix demand;
    std::vector<double> sum(m_nEnbs, 0.0);
    for (uint32_t j = 0; j <= b.slots; ++j)
    {
        w.source->GetDemand(b.mapOffset + static_cast<uint64_t>(j) * b.mapStride, demand);
        const std::vector<double> aggregate = demand.Aggregate();
        for (uint32_t e = 0; e < m_nEnbs; ++e)
        {
            sum[e] += aggregate[e] / (b.slots + 1);
        }
    }
    const double capacity = b.usablePrbs * w.spectrum->GetPrbRateMbps();
    const double mean = std::accumulate(sum.begin(), sum.end(), 0.0) / m_nEnbs;
    if (!(mean > 0))
    {
        throw InputError("LteSlicingHelper: the demand model has no traffic in the mapped "
                         "slots");
    }
    w.demandScale.assign(m_nEnbs, m_load * capacity / mean);
    if (m_loadPerEnb)
    {
        for (uint32_t e = 0; e < m_nEnbs; ++e)
        {
            w.demandScale[e] = sum[e] > 0 ? m_load * capacity / sum[e] : 0.0;
        }
    }
    m_scale = w.demandScale;
}

void
LteSlicingHelper::InstallRadio(Build& b)
{
    NS_LOG_FUNCTION(this);
    m_lte = CreateObject<LteHelper>();
    m_epc = CreateObject<PointToPointEpcHelper>();
    m_lte->SetEpcHelper(m_epc);
    m_lte->SetSchedulerType(m_schedulerType);
    b.sliceScheduler = m_schedulerType == "ns3::SliceFfMacScheduler";
    if (b.sliceScheduler)
    {
        for (const auto& [name, value] : m_schedulerAttributes)
        {
            m_lte->SetSchedulerAttribute(name, *value);
        }
    }
    ConfigureLteHelper(m_lte);
    NodeContainer enbNodes = m_topology->GetNodes(NetworkLevel::ANTENNA);
    m_enbDevices = m_lte->InstallEnbDevice(enbNodes);

    // UEs: uniform in a disc around their eNB.
    const std::vector<Vector>& enbPositions = m_topology->GetAntennaPositions();
    Ptr<UniformRandomVariable> uniform = CreateObject<UniformRandomVariable>();
    if (m_stream >= 0)
    {
        uniform->SetStream(m_stream + MICROSCOPE_STREAMS);
    }
    m_ueNodes = NodeContainer();
    m_ueNodes.Create(m_nEnbs * m_uesPerEnb);
    Ptr<ListPositionAllocator> positions = CreateObject<ListPositionAllocator>();
    const double minRadius = std::min(20.0, m_ueRadius / 2);
    for (uint32_t e = 0; e < m_nEnbs; ++e)
    {
        for (uint32_t u = 0; u < m_uesPerEnb; ++u)
        {
            const double r =
                std::sqrt(uniform->GetValue(minRadius * minRadius, m_ueRadius * m_ueRadius));
            const double a = uniform->GetValue(0, 2 * M_PI);
            positions->Add(Vector(enbPositions[e].x + r * std::cos(a),
                                  enbPositions[e].y + r * std::sin(a),
                                  1.5));
        }
    }
    MobilityHelper mobility;
    mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    mobility.SetPositionAllocator(positions);
    mobility.Install(m_ueNodes);
    m_ueDevices = m_lte->InstallUeDevice(m_ueNodes);
    ConfigureDevices(m_enbDevices, m_ueDevices);
    if (m_isolatedCells)
    {
        // One downlink and one uplink channel per cell (Friis, no propagation delay, like
        // LteHelper's): each eNB and its UEs only hear each other (no inter-cell interference)
        // and the channels deliver O(UEs) signals per TTI instead of O(eNBs x UEs).
        for (uint32_t e = 0; e < m_nEnbs; ++e)
        {
            ObjectFactory channels(m_channelType);
            Ptr<SpectrumChannel> dl = channels.Create<SpectrumChannel>();
            Ptr<SpectrumChannel> ul = channels.Create<SpectrumChannel>();
            for (const auto& channel : {dl, ul})
            {
                channel->AddPropagationLossModel(CreatePathLoss());
                if (m_maxLossDb > 0)
                {
                    channel->SetAttribute("MaxLossDb", DoubleValue(m_maxLossDb));
                }
            }
            std::vector<Ptr<LtePhy>> cell = {
                DynamicCast<LteEnbNetDevice>(m_enbDevices.Get(e))->GetPhy()};
            for (uint32_t u = 0; u < m_uesPerEnb; ++u)
            {
                cell.push_back(
                    DynamicCast<LteUeNetDevice>(m_ueDevices.Get(e * m_uesPerEnb + u))->GetPhy());
            }
            // LteHelper registered the eNB's uplink PHY as a receiver of the shared uplink
            // channel (after initializing it); a UE's downlink PHY registers itself with its
            // channel when it learns the cell's bandwidth.
            Ptr<LteSpectrumPhy> enbUl = cell[0]->GetUplinkSpectrumPhy();
            m_lte->GetUplinkSpectrumChannel()->RemoveRx(enbUl);
            for (const auto& phy : cell)
            {
                phy->GetDownlinkSpectrumPhy()->SetChannel(dl);
                phy->GetUplinkSpectrumPhy()->SetChannel(ul);
            }
            ul->AddRx(enbUl);
        }
    }
}

Ptr<PropagationLossModel>
LteSlicingHelper::CreatePathLoss() const
{
    if (m_pathLoss == "friis")
    {
        Ptr<FriisPropagationLossModel> friis = CreateObject<FriisPropagationLossModel>();
        return friis;
    }
    if (m_pathLoss == "urban-macro")
    {
        // 3GPP TR 36.942 (section 4.5.2) urban macro cell, 2 GHz, 15 m above the rooftops:
        // L = 128.1 + 37.6 log10(d / km) dB = 15.3 + 37.6 log10(d / m) dB.
        Ptr<LogDistancePropagationLossModel> loss = CreateObject<LogDistancePropagationLossModel>();
        loss->SetPathLossExponent(URBAN_MACRO_EXPONENT);
        loss->SetReference(1.0, URBAN_MACRO_LOSS_1M);
        return loss;
    }
    ObjectFactory factory(m_pathLoss);
    return factory.Create<PropagationLossModel>();
}

void
LteSlicingHelper::ConfigureLteHelper(Ptr<LteHelper> lte) const
{
    NS_LOG_FUNCTION(this << lte);
    lte->SetSpectrumChannelType(m_channelType);
    if (m_pathLoss == "friis")
    {
        lte->SetPathlossModelType(FriisPropagationLossModel::GetTypeId());
    }
    else if (m_pathLoss == "urban-macro")
    {
        lte->SetPathlossModelType(LogDistancePropagationLossModel::GetTypeId());
        lte->SetPathlossModelAttribute("Exponent", DoubleValue(URBAN_MACRO_EXPONENT));
        lte->SetPathlossModelAttribute("ReferenceDistance", DoubleValue(1.0));
        lte->SetPathlossModelAttribute("ReferenceLoss", DoubleValue(URBAN_MACRO_LOSS_1M));
    }
    else
    {
        lte->SetPathlossModelType(TypeId::LookupByName(m_pathLoss));
    }
    if (m_maxLossDb > 0)
    {
        lte->SetSpectrumChannelAttribute("MaxLossDb", DoubleValue(m_maxLossDb));
    }
    lte->SetAttribute("UsePdschForCqiGeneration", BooleanValue(m_pdschForCqi));
    lte->SetEnbDeviceAttribute("DlBandwidth", UintegerValue(m_bandwidth));
    lte->SetEnbDeviceAttribute("UlBandwidth", UintegerValue(m_bandwidth));
}

void
LteSlicingHelper::ConfigureDevices(const NetDeviceContainer& enbs,
                                   const NetDeviceContainer& ues) const
{
    NS_LOG_FUNCTION(this);
    // The slice scheduler has no HARQ (see SliceFfMacScheduler): with the PHY's error models a
    // lost TB would be lost for good on RLC UM bearers, so they are off unless PhyErrorModels.
    std::vector<Ptr<LtePhy>> phys;
    for (uint32_t e = 0; e < enbs.GetN(); ++e)
    {
        Ptr<LteEnbNetDevice> enb = DynamicCast<LteEnbNetDevice>(enbs.Get(e));
        enb->GetRrc()->SetSrsPeriodicity(m_srsPeriodicity);
        enb->GetPhy()->SetAttribute("UeSinrSamplePeriod", UintegerValue(m_phyTraceSamplePeriod));
        enb->GetPhy()->SetAttribute("InterferenceSamplePeriod",
                                    UintegerValue(m_phyTraceSamplePeriod));
        phys.push_back(enb->GetPhy());
    }
    for (uint32_t i = 0; i < ues.GetN(); ++i)
    {
        Ptr<LteUePhy> phy = DynamicCast<LteUeNetDevice>(ues.Get(i))->GetPhy();
        phy->SetAttribute("DownlinkCqiPeriodicity", TimeValue(m_cqiPeriodicity));
        phy->SetAttribute("RsrpSinrSamplePeriod", UintegerValue(m_phyTraceSamplePeriod));
        phys.push_back(phy);
    }
    for (const auto& phy : phys)
    {
        for (const auto& spectrum : {phy->GetDownlinkSpectrumPhy(), phy->GetUplinkSpectrumPhy()})
        {
            spectrum->SetAttribute("DataErrorModelEnabled", BooleanValue(m_phyErrors));
            spectrum->SetAttribute("CtrlErrorModelEnabled", BooleanValue(m_phyErrors));
        }
    }
}

void
LteSlicingHelper::InstallBearers(Build& b)
{
    NS_LOG_FUNCTION(this);
    InternetStackHelper internet;
    internet.Install(m_ueNodes);
    b.ueIfs = m_epc->AssignUeIpv4Address(m_ueDevices);
    Ipv4StaticRoutingHelper routing;
    for (uint32_t i = 0; i < m_ueNodes.GetN(); ++i)
    {
        routing.GetStaticRouting(m_ueNodes.Get(i)->GetObject<Ipv4>())
            ->SetDefaultRoute(m_epc->GetUeDefaultGatewayAddress(), 1);
    }
    // Attach first (the default bearer is EPS bearer 1), then the dedicated bearers in order
    // (EPS bearers 2, 3, ...: DRBs 2, 3, ..., LCIDs 4, 5, ...).
    for (uint32_t e = 0; e < m_nEnbs; ++e)
    {
        for (uint32_t u = 0; u < m_uesPerEnb; ++u)
        {
            m_lte->Attach(m_ueDevices.Get(e * m_uesPerEnb + u), m_enbDevices.Get(e));
        }
    }
    for (uint32_t i = 0; i < m_ueDevices.GetN(); ++i)
    {
        for (uint32_t bearer = 0; bearer < b.bearerQci.size(); ++bearer)
        {
            Ptr<EpcTft> tft = Create<EpcTft>();
            for (uint32_t s : b.bearerServices[bearer])
            {
                EpcTft::PacketFilter filter;
                filter.localPortStart = static_cast<uint16_t>(m_basePort + s);
                filter.localPortEnd = static_cast<uint16_t>(m_basePort + s);
                tft->Add(filter);
            }
            EpsBearer eps(static_cast<EpsBearer::Qci>(b.bearerQci[bearer]));
            m_lte->ActivateDedicatedEpsBearer(m_ueDevices.Get(i), eps, tft);
        }
    }
}

void
LteSlicingHelper::InstallDatacenters(Build& b)
{
    NS_LOG_FUNCTION(this);
    LteSliceController::Wiring& w = b.w;
    InternetStackHelper internet;
    Ipv4StaticRoutingHelper routing;
    m_server = CreateObject<Node>();
    internet.Install(m_server);
    for (auto level : LteSliceController::DC_LEVELS)
    {
        internet.Install(m_topology->GetNodes(level));
    }
    Ptr<Node> pgw = m_epc->GetPgwNode();
    const Vector pgwPosition = Centroid(m_topology->GetAntennaPositions());
    Ipv4AddressHelper addresses("172.16.0.0", "255.255.255.252");
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(Time(0)));

    struct Link
    {
        Ipv4Address near;   //!< address of the upstream end
        Ipv4Address far;    //!< address of the downstream end
        uint32_t nearIf{0}; //!< interface index of the upstream end
    };

    auto connect = [&](Ptr<Node> from, Ptr<Node> to, Time delay)
    {
        p2p.SetChannelAttribute("Delay", TimeValue(delay));
        NetDeviceContainer devices = p2p.Install(from, to);
        Ipv4InterfaceContainer ifs = addresses.Assign(devices);
        addresses.NewNetwork();
        // No queue disc on the 10 Gbps datacenter links (Assign installs FqCoDel): the VNFs
        // queue and drop, the links never congest, and a queue disc costs per packet.
        TrafficControlHelper().Uninstall(devices);
        return Link{ifs.GetAddress(0), ifs.GetAddress(1), ifs.Get(0).second};
    };
    auto delayOf = [this](const Vector& from, const Vector& to)
    { return Seconds(m_fibrePerKm.GetSeconds() * DistanceKm(from, to)); };
    const NetworkLevel CORE = NetworkLevel::CORE;
    const NetworkLevel CRAN = NetworkLevel::CRAN;
    const NetworkLevel MEC = NetworkLevel::MEC;
    NodeContainer cores = m_topology->GetNodes(CORE);
    NodeContainer crans = m_topology->GetNodes(CRAN);
    NodeContainer mecs = m_topology->GetNodes(MEC);
    for (uint32_t c = 0; c < cores.GetN(); ++c)
    {
        b.coreAddresses.push_back(connect(m_server, cores.Get(c), m_serverDelay).far);
    }
    std::map<std::pair<uint32_t, uint32_t>, Link> coreCran;
    std::map<std::pair<uint32_t, uint32_t>, Link> cranMec;
    std::map<uint32_t, Link> mecPgw;
    for (auto level : LteSliceController::DC_LEVELS)
    {
        auto& vnfs = w.vnfs[NetworkLevelIndex(level)];
        NodeContainer nodes = m_topology->GetNodes(level);
        for (uint32_t n = 0; n < nodes.GetN(); ++n)
        {
            Ptr<VnfApplication> vnf = m_vnfAppFactory.Create<VnfApplication>();
            vnf->SetAttribute("Port", UintegerValue(m_vnfPort));
            vnf->SetNSlices(b.nSlices);
            nodes.Get(n)->AddApplication(vnf);
            vnf->SetStartTime(Time(0));
            vnfs.push_back(vnf);
        }
    }
    // The allocator dimensions cores for the rate the VNFs serve a core at.
    DoubleValue coreMbps;
    w.vnfs[NetworkLevelIndex(CORE)].front()->GetAttribute("CoreThroughput", coreMbps);
    w.vnf->SetAttribute("CoreThroughput", coreMbps);
    auto& coreVnfs = w.vnfs[NetworkLevelIndex(CORE)];
    auto& cranVnfs = w.vnfs[NetworkLevelIndex(CRAN)];
    for (uint32_t e = 0; e < m_nEnbs; ++e)
    {
        const uint32_t c = m_topology->GetNodeOf(CORE, e);
        const uint32_t r = m_topology->GetNodeOf(CRAN, e);
        const uint32_t m = m_topology->GetNodeOf(MEC, e);
        auto cr = coreCran.find({c, r});
        if (cr == coreCran.end())
        {
            cr = coreCran
                     .emplace(std::make_pair(c, r),
                              connect(cores.Get(c),
                                      crans.Get(r),
                                      delayOf(m_topology->GetNodePositions(CORE)[c],
                                              m_topology->GetNodePositions(CRAN)[r])))
                     .first;
        }
        auto rm = cranMec.find({r, m});
        if (rm == cranMec.end())
        {
            rm = cranMec
                     .emplace(std::make_pair(r, m),
                              connect(crans.Get(r),
                                      mecs.Get(m),
                                      delayOf(m_topology->GetNodePositions(CRAN)[r],
                                              m_topology->GetNodePositions(MEC)[m])))
                     .first;
        }
        if (mecPgw.count(m) == 0)
        {
            Link link = connect(mecs.Get(m),
                                pgw,
                                delayOf(m_topology->GetNodePositions(MEC)[m], pgwPosition));
            mecPgw.emplace(m, link);
            routing.GetStaticRouting(mecs.Get(m)->GetObject<Ipv4>())
                ->AddNetworkRouteTo(Ipv4Address("7.0.0.0"),
                                    Ipv4Mask("255.0.0.0"),
                                    link.far,
                                    link.nearIf);
        }
        coreVnfs[c]->AddRoute(static_cast<uint16_t>(e), cr->second.far);
        cranVnfs[r]->AddRoute(static_cast<uint16_t>(e), rm->second.far);
    }
}

void
LteSlicingHelper::InstallApplications(Build& b)
{
    NS_LOG_FUNCTION(this);
    LteSliceController::Wiring& w = b.w;
    int64_t stream = m_stream >= 0 ? m_stream + MICROSCOPE_STREAMS + 1 : -1;
    if (stream >= 0)
    {
        stream += m_lte->AssignStreams(m_enbDevices, stream);
        stream += m_lte->AssignStreams(m_ueDevices, stream);
    }
    w.flows.assign(m_nEnbs, {});
    w.sinks.assign(m_nEnbs, {});
    for (uint32_t e = 0; e < m_nEnbs; ++e)
    {
        const uint32_t c = m_topology->GetNodeOf(NetworkLevel::CORE, e);
        for (uint32_t u = 0; u < m_uesPerEnb; ++u)
        {
            const uint32_t i = e * m_uesPerEnb + u;
            for (uint32_t s = 0; s < b.nServices; ++s)
            {
                const auto port = static_cast<uint16_t>(m_basePort + s);
                Ptr<ServiceTrafficApplication> flow =
                    m_flowFactory.Create<ServiceTrafficApplication>();
                flow->SetAttribute("Category", StringValue(w.catalog->Get(s).category));
                ServiceTrafficApplication::PatternOf(w.catalog->Get(s).category);
                flow->SetAttribute("Remote",
                                   AddressValue(InetSocketAddress(b.coreAddresses[c], m_vnfPort)));
                flow->SetFlowTag(SliceFlowTag(static_cast<uint16_t>(e),
                                              static_cast<uint16_t>(s),
                                              w.serviceSlice[s],
                                              b.ueIfs.GetAddress(i),
                                              port));
                m_server->AddApplication(flow);
                flow->SetStartTime(Time(0));
                if (stream >= 0)
                {
                    stream += flow->AssignStreams(stream);
                }
                w.flows[e].push_back(flow);

                PacketSinkHelper sink("ns3::UdpSocketFactory",
                                      InetSocketAddress(Ipv4Address::GetAny(), port));
                ApplicationContainer apps = sink.Install(m_ueNodes.Get(i));
                apps.Start(Time(0));
                w.sinks[e].push_back(DynamicCast<PacketSink>(apps.Get(0)));
            }
        }
    }
    if (m_stream >= 0 && stream >= m_stream + RESERVED_STREAMS)
    {
        throw InputError("LteSlicingHelper: the scenario needs more random streams than the "
                         "reserved block");
    }
}

void
LteSlicingHelper::ConfigureSchedulers(Build& b)
{
    NS_LOG_FUNCTION(this);
    LteSliceController::Wiring& w = b.w;
    w.enbDevices = m_enbDevices;
    for (uint32_t e = 0; e < m_nEnbs; ++e)
    {
        Ptr<SliceFfMacScheduler> scheduler =
            b.sliceScheduler ? m_enbDevices.Get(e)->GetObject<SliceFfMacScheduler>() : nullptr;
        if (b.sliceScheduler && !scheduler)
        {
            Ptr<LteEnbNetDevice> dev = DynamicCast<LteEnbNetDevice>(m_enbDevices.Get(e));
            auto cc = DynamicCast<ComponentCarrierEnb>(dev->GetCcMap().at(0));
            scheduler = DynamicCast<SliceFfMacScheduler>(cc->GetFfMacScheduler());
        }
        if (b.sliceScheduler && !scheduler)
        {
            throw InputError("LteSlicingHelper: eNB " + std::to_string(e) +
                             " has no SliceFfMacScheduler");
        }
        if (scheduler)
        {
            scheduler->SetNSlices(b.nSlices);
            for (uint32_t bearer = 0; bearer < b.bearerQci.size(); ++bearer)
            {
                scheduler->SetLcSlice(w.bearerLcid[bearer], w.bearerSlice[bearer]);
            }
        }
        w.schedulers.push_back(scheduler);
    }
    w.rlcBufferBytes = m_rlcBuffer;
}

Ptr<LteHelper>
LteSlicingHelper::GetLteHelper() const
{
    return m_lte;
}

Ptr<PointToPointEpcHelper>
LteSlicingHelper::GetEpcHelper() const
{
    return m_epc;
}

Ptr<NetworkTopology>
LteSlicingHelper::GetTopology() const
{
    return m_topology;
}

NetDeviceContainer
LteSlicingHelper::GetEnbDevices() const
{
    return m_enbDevices;
}

NetDeviceContainer
LteSlicingHelper::GetUeDevices() const
{
    return m_ueDevices;
}

NodeContainer
LteSlicingHelper::GetUeNodes() const
{
    return m_ueNodes;
}

Ptr<Node>
LteSlicingHelper::GetServer() const
{
    return m_server;
}

void
LteSlicingHelper::SetLoadPerEnb(bool perEnb)
{
    m_loadPerEnb = perEnb;
}

void
LteSlicingHelper::SetPhyErrorModels(bool enable)
{
    m_phyErrors = enable;
}

void
LteSlicingHelper::SetIsolatedCells(bool isolated)
{
    m_isolatedCells = isolated;
}

void
LteSlicingHelper::SetRadio(const std::string& profile)
{
    NS_LOG_FUNCTION(this << profile);
    if (profile == "full")
    {
        m_maxLossDb = 0;
        m_cqiPeriodicity = MilliSeconds(1);
        m_phyTraceSamplePeriod = 1;
    }
    else if (profile == "fast")
    {
        m_maxLossDb = FAST_MAX_LOSS_DB;
        m_cqiPeriodicity = MilliSeconds(FAST_CQI_PERIODICITY_MS);
        m_phyTraceSamplePeriod = FAST_TRACE_SAMPLE_PERIOD;
    }
    else
    {
        throw InputError::ForAttribute("radio", "'" + profile + "' is neither fast nor full");
    }
}

const std::vector<std::string>&
LteSlicingHelper::GetRadioAttributes()
{
    static const std::vector<std::string> names = {"MaxLossDb",
                                                   "CqiPeriodicity",
                                                   "PhyTraceSamplePeriod"};
    return names;
}

void
LteSlicingHelper::SetPathLoss(const std::string& model)
{
    m_pathLoss = model;
}

void
LteSlicingHelper::SetSrsPeriodicity(uint32_t ms)
{
    m_srsPeriodicity = ms;
}

void
LteSlicingHelper::SetMaxLossDb(double db)
{
    m_maxLossDb = db;
}

void
LteSlicingHelper::SetRlcBufferBytes(uint32_t bytes)
{
    m_rlcBuffer = bytes;
}

const std::vector<double>&
LteSlicingHelper::GetDemandScale() const
{
    return m_scale;
}

} // namespace ns3
