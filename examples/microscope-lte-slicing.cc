/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * microscope-lte-slicing: the packet-level mode of the slicing scenario.
 *
 * LTE eNBs with EPC at generated antenna positions, UEs around them with one dedicated EPS
 * bearer per service (the catalog's QCI), per-service downlink flows from a server through a
 * VNF in a core, a C-RAN and a MEC datacenter. Every (compressed) slot the per-eNB and
 * per-datacenter aggregate measured from the traffic is decomposed into per-service
 * estimates, which become the PRB quotas of the slice-aware MAC scheduler and the VNF cores
 * of the next slot. SLA violations are measured from the delivered traffic and reported next
 * to the fluid mode's estimation-based costs of the same allocations.
 *
 *   ./microscope run microscope-lte-slicing --enbs=4 --ues-per-enb=3 --slots=30
 *
 * Output files in --output: slices.csv, vnf.csv, node_costs.csv and summary.json, written into
 * a temporary directory and moved in together at the end (summary.json last: its presence
 * marks a complete run). A flag with no effect (--sharing or --fixed-quotas with
 * --scheduler=pf) is an error naming it.
 *
 * Most flags stand for an attribute (LteSlicingHelper, LteSliceController, VnfApplication,
 * SliceFfMacScheduler; named in their help): a flag is passed on only when given, so that
 * `--ns3::LteSlicingHelper::NEnbs=3` (or Config::SetDefault, ConfigStore) is not replaced by
 * the flag's default, and the flags' defaults are read from the attributes'. Given both, the
 * flag wins (as with the ScenarioFlags flags). The checks of the values are the attributes' (their
 * ranges, and LteSlicingHelper::Install()); the errors name the flag given.
 */

#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/given-flags.h"
#include "ns3/input-error.h"
#include "ns3/lte-slice-controller.h"
#include "ns3/lte-slicing-helper.h"
#include "ns3/microscope-helper.h"
#include "ns3/run-output-directory.h"
#include "ns3/scenario-flags.h"
#include "ns3/system-path.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <iostream>
#include <map>
#include <numeric>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("MicroscopeLteSlicing");

namespace
{

/**
 * \param path an attribute, "ns3::Type::Name".
 * \return its information (checker, initial value).
 */
TypeId::AttributeInformation
LookupAttribute(const std::string& path)
{
    const size_t colon = path.rfind("::");
    TypeId tid = TypeId::LookupByName(path.substr(0, colon));
    TypeId::AttributeInformation info;
    if (!tid.LookupAttributeByName(path.substr(colon + 2), &info))
    {
        NS_FATAL_ERROR("no attribute " << path);
    }
    return info;
}

/**
 * \tparam V the attribute's value type (UintegerValue, ...).
 * \param path an attribute, "ns3::Type::Name".
 * \return its default (initial value), the default of the flag that stands for it.
 */
template <typename V>
auto
DefaultOf(const std::string& path)
{
    const V* value = dynamic_cast<const V*>(PeekPointer(LookupAttribute(path).initialValue));
    NS_ABORT_MSG_IF(value == nullptr, "attribute " << path << " has another value type");
    return value->Get();
}

/**
 * \tparam V the attribute's value type.
 * \param object an object.
 * \param name one of its attributes.
 * \return the attribute's value.
 */
template <typename V>
auto
ValueOf(Ptr<const Object> object, const std::string& name)
{
    V value;
    object->GetAttribute(name, value);
    return value.Get();
}

/**
 * \param text a string.
 * \return it in lower case.
 */
std::string
Lower(std::string text)
{
    std::transform(text.begin(),
                   text.end(),
                   text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

/**
 * \param type an FfMacScheduler TypeId name.
 * \return the --scheduler value that stands for it (slice, pf; else the name).
 */
std::string
SchedulerFlag(const std::string& type)
{
    return type == "ns3::SliceFfMacScheduler" ? "slice"
           : type == "ns3::PfFfMacScheduler"  ? "pf"
                                              : type;
}

/**
 * The example's flags that stand for attributes: which were given, their values checked
 * against the attributes' checkers, and the errors about those attributes told in terms of
 * the flags.
 */
class AttributeFlags
{
public:
    /// \param given the flags the user gave.
    explicit AttributeFlags(const GivenFlags& given)
        : m_given(given)
    {
    }

    /**
     * \param flag a flag's name, without dashes.
     * \param path the attribute it stands for, "ns3::Type::Name".
     * \param value the flag's value.
     * \return the value, of the attribute's type, if the user gave the flag (whether or not
     *         the attribute was given too: the flag wins); else null.
     * \throw InputError naming the flag if the attribute's checker refuses the value.
     */
    Ptr<AttributeValue> Given(const std::string& flag,
                              const std::string& path,
                              const AttributeValue& value)
    {
        m_flagOf[path] = flag;
        if (!m_given.Has(flag))
        {
            return nullptr;
        }
        const TypeId::AttributeInformation info = LookupAttribute(path);
        Ptr<AttributeValue> checked = info.checker->CreateValidValue(value);
        if (!checked)
        {
            throw InputError::ForAttribute("--" + flag,
                                           "'" + value.SerializeToString(info.checker) +
                                               "' is out of the range of " + path + " (" +
                                               info.checker->GetUnderlyingTypeInformation() + ")");
        }
        return checked;
    }

    /**
     * \param e an error, possibly about an attribute ("ns3::Type::Name: ...").
     * \return its message, naming the flag that set the attribute if the user gave one.
     */
    std::string Explain(const InputError& e) const
    {
        const std::string what = e.what();
        for (const auto& [path, flag] : m_flagOf)
        {
            if (m_given.Has(flag) && what.rfind(path + ": ", 0) == 0)
            {
                return "--" + flag + " (" + path + "): " + what.substr(path.size() + 2);
            }
        }
        return what;
    }

private:
    const GivenFlags& m_given;                   //!< the flags given
    std::map<std::string, std::string> m_flagOf; //!< attribute path -> flag
};

} // namespace

int
main(int argc, char* argv[])
{
    // The defaults of the flags that stand for attributes are the attributes' defaults.
    const std::string H = "ns3::LteSlicingHelper::";
    const std::string C = "ns3::LteSliceController::";
    const std::string V = "ns3::VnfApplication::";
    const std::string SHARING = "ns3::SliceFfMacScheduler::Sharing";
    auto enbs = static_cast<uint32_t>(DefaultOf<UintegerValue>(H + "NEnbs"));
    auto uesPerEnb = static_cast<uint32_t>(DefaultOf<UintegerValue>(H + "UesPerEnb"));
    Time slot = DefaultOf<TimeValue>(C + "SlotDuration");
    auto slots = static_cast<uint32_t>(DefaultOf<UintegerValue>(C + "Slots"));
    std::string decomposer = DefaultOf<StringValue>(H + "Decomposer");
    std::string model = DefaultOf<StringValue>(H + "ModelFile");
    const TypeId::AttributeInformation sharingInfo = LookupAttribute(SHARING);
    std::string sharing = Lower(sharingInfo.initialValue->SerializeToString(sharingInfo.checker));
    // --radio (fast by default) sets the radio attributes of its configuration; the flags that
    // stand for one of them default to the fast configuration's value.
    std::string radio = "fast";
    Ptr<LteSlicingHelper> fastRadio = CreateObject<LteSlicingHelper>();
    fastRadio->SetRadio(radio);
    double maxLossDb = ValueOf<DoubleValue>(fastRadio, "MaxLossDb");
    // The path loss: the urban macro cell (the helper's attribute keeps ns-3's Friis).
    std::string pathLoss = "urban-macro";
    bool isolatedCells = DefaultOf<BooleanValue>(H + "IsolatedCells");
    std::string scheduler = SchedulerFlag(DefaultOf<StringValue>(H + "SchedulerType"));
    double load = DefaultOf<DoubleValue>(H + "Load");
    double quotaScale = DefaultOf<DoubleValue>(C + "QuotaScale");
    auto bandwidth = static_cast<uint32_t>(DefaultOf<UintegerValue>(H + "Bandwidth"));
    std::string fixedQuotas = DefaultOf<StringValue>(H + "FixedQuotas");
    std::string qci = DefaultOf<StringValue>(H + "ServiceQci");
    uint64_t mapOffset = DefaultOf<UintegerValue>(C + "MapOffset");
    auto mapStride = static_cast<uint32_t>(DefaultOf<UintegerValue>(C + "MapStride"));
    auto vnfQueue = static_cast<uint32_t>(DefaultOf<UintegerValue>(V + "QueueLimitBytes"));
    auto rlcBuffer = static_cast<uint32_t>(DefaultOf<UintegerValue>(H + "RlcBufferBytes"));
    double coreMbps = DefaultOf<DoubleValue>(V + "CoreThroughput");
    bool loadPerEnb = DefaultOf<BooleanValue>(H + "LoadPerEnb");
    bool phyErrors = DefaultOf<BooleanValue>(H + "PhyErrorModels");
    // --alpha, --headroom (+20 % here), --seed, --run and --output: the flags that the fluid
    // examples read too, from their one home.
    ScenarioFlags flags;
    flags.headroom = 0.2;

    // A flag's help names the attribute it stands for.
    auto of = [](const std::string& path) { return " (" + path + "; the flag wins over it)"; };
    CommandLine cmd(__FILE__);
    cmd.Usage("Packet-level network slicing: slice quotas enforced by a slice-aware LTE MAC "
              "scheduler and VNF cores at MEC, C-RAN and core datacenters, driven by mobile "
              "traffic decomposition of the measured aggregates; SLA violations measured from "
              "the delivered traffic.\n"
              "A flag that stands for an attribute (named in its help) has the attribute's "
              "default and is passed on only when given, so that --ns3::Type::Attribute=value "
              "or Config::SetDefault takes effect without it; given both, the flag wins.");
    cmd.AddValue("enbs", "Number of eNBs, generated antenna layout" + of(H + "NEnbs"), enbs);
    cmd.AddValue("ues-per-enb",
                 "UEs per eNB, each carries every service" + of(H + "UesPerEnb"),
                 uesPerEnb);
    cmd.AddValue("slot",
                 "Compressed slot duration, at least one 1 ms TTI" + of(C + "SlotDuration"),
                 slot);
    cmd.AddValue("slots", "Evaluated slots, after a warm-up slot" + of(C + "Slots"), slots);
    cmd.AddValue("decomposer",
                 "Decomposer at every level: oracle, historical, linear or neural" +
                     of(H + "Decomposer"),
                 decomposer);
    cmd.AddValue("model", "Model file of the neural decomposer" + of(H + "ModelFile"), model);
    cmd.AddValue("radio",
                 "Radio configuration: fast (for sweeps: signals beyond 138 dB of loss dropped, "
                 "a CQI every 10 ms, PHY traces every 1000 TTIs) or full (ns-3 LTE's: full "
                 "interference, a CQI and trace samples every TTI); sets the attributes of "
                 "LteSlicingHelper::SetRadio, the flags and --ns3:: paths given win over it",
                 radio);
    cmd.AddValue("path-loss",
                 "Path loss: urban-macro (3GPP TR 36.942, 128.1 + 37.6 log10(d/km) dB), friis "
                 "(ns-3 LTE's default, the model of earlier releases) or a "
                 "PropagationLossModel TypeId" +
                     of(H + "PathLoss"),
                 pathLoss);
    cmd.AddValue("isolated-cells",
                 "One spectrum channel pair per cell: no inter-cell interference, much faster" +
                     of(H + "IsolatedCells"),
                 isolatedCells);
    cmd.AddValue("max-loss-db",
                 "Spectrum channels drop signals attenuated by more than this, 0: none "
                 "(default: --radio's)" +
                     of(H + "MaxLossDb"),
                 maxLossDb);
    cmd.AddValue("sharing",
                 "Slice sharing in the MAC scheduler: strict or lend" + of(SHARING),
                 sharing);
    cmd.AddValue("scheduler",
                 "MAC scheduler: slice (quotas enforced) or pf (not enforced)" +
                     of(H + "SchedulerType"),
                 scheduler);
    cmd.AddValue("load",
                 "Mean offered load of an eNB relative to its nominal capacity" + of(H + "Load"),
                 load);
    cmd.AddValue("quota-scale",
                 "Factor on every allocation, 0.5 halves quotas and cores" + of(C + "QuotaScale"),
                 quotaScale);
    cmd.AddValue("bandwidth",
                 "Cell bandwidth in PRBs: 6, 15, 25, 50, 75, 100" + of(H + "Bandwidth"),
                 bandwidth);
    cmd.AddValue("fixed-quotas",
                 "Comma-separated PRBs per slice replacing the decomposer-driven quotas" +
                     of(H + "FixedQuotas"),
                 fixedQuotas);
    cmd.AddValue("qci", "QCI overrides, e.g. 'YouTube=7,Spotify=9'" + of(H + "ServiceQci"), qci);
    cmd.AddValue("map-offset",
                 "5-minute slot of the synthetic days the warm-up slot maps to (default: day 1, "
                 "20:00); at least ns3::LteSliceController::TrainSlots (288), the slots the "
                 "decomposers train on before it" +
                     of(C + "MapOffset"),
                 mapOffset);
    cmd.AddValue("map-stride",
                 "5-minute slots advanced per compressed slot" + of(C + "MapStride"),
                 mapStride);
    cmd.AddValue("vnf-queue",
                 "Bytes each slice's VNF queue holds" + of(V + "QueueLimitBytes"),
                 vnfQueue);
    cmd.AddValue("core-mbps",
                 "Throughput of one VNF core, Mbps; the VnfAllocator's cores per Gbps follow: "
                 "1000 / core-mbps, split 20:6 between data plane and SDN" +
                     of(V + "CoreThroughput"),
                 coreMbps);
    cmd.AddValue("rlc-buffer",
                 "Bytes each bearer's RLC UM transmission buffer holds" + of(H + "RlcBufferBytes"),
                 rlcBuffer);
    cmd.AddValue("load-per-enb",
                 "Scale every eNB to --load, false: one scale, the mean eNB at --load" +
                     of(H + "LoadPerEnb"),
                 loadPerEnb);
    cmd.AddValue("phy-errors",
                 "Keep the LTE PHY error models, the slice scheduler has no HARQ" +
                     of(H + "PhyErrorModels"),
                 phyErrors);
    flags.AddTo(cmd, ScenarioFlags::COSTS | ScenarioFlags::RUN);
    cmd.Parse(argc, argv);
    const std::string& output = flags.output;

    const GivenFlags given(argc, argv);
    AttributeFlags attributes(given);
    try
    {
        flags.ApplySeeds();
        if (sharing != "strict" && sharing != "lend")
        {
            throw InputError::ForAttribute("--sharing", "'" + sharing + "': strict or lend");
        }
        if (scheduler != "slice" && scheduler != "pf")
        {
            throw InputError::ForAttribute("--scheduler", "'" + scheduler + "': slice or pf");
        }

        // The flags given, to the attributes they stand for; the others keep the attributes'
        // defaults (--ns3::..., Config::SetDefault).
        Ptr<LteSlicingHelper> lte = CreateObject<LteSlicingHelper>();
        if (radio != "fast" && radio != "full")
        {
            throw InputError::ForAttribute("--radio", "'" + radio + "': fast or full");
        }
        lte->SetRadio(radio);
        if (!given.Has(H + "PathLoss"))
        {
            lte->SetPathLoss(pathLoss); // the example's default, unless the attribute is given
        }
        for (const auto& name : LteSlicingHelper::GetRadioAttributes())
        {
            if (given.Has(H + name)) // --ns3::LteSlicingHelper::NAME=...: wins over --radio
            {
                lte->SetAttribute(name, *LookupAttribute(H + name).initialValue);
            }
        }
        auto helper = [&](const std::string& flag, const std::string& name, const auto& value)
        {
            if (Ptr<AttributeValue> v = attributes.Given(flag, H + name, value))
            {
                lte->SetAttribute(name, *v);
            }
        };
        auto controllerFlag =
            [&](const std::string& flag, const std::string& name, const auto& value)
        {
            if (Ptr<AttributeValue> v = attributes.Given(flag, C + name, value))
            {
                lte->SetControllerAttribute(name, *v);
            }
        };
        auto vnfFlag = [&](const std::string& flag, const std::string& name, const auto& value)
        {
            if (Ptr<AttributeValue> v = attributes.Given(flag, V + name, value))
            {
                lte->SetVnfAttribute(name, *v);
            }
        };
        helper("enbs", "NEnbs", UintegerValue(enbs));
        helper("ues-per-enb", "UesPerEnb", UintegerValue(uesPerEnb));
        helper("load", "Load", DoubleValue(load));
        helper("bandwidth", "Bandwidth", UintegerValue(bandwidth));
        helper("scheduler",
               "SchedulerType",
               StringValue(scheduler == "slice" ? "ns3::SliceFfMacScheduler"
                                                : "ns3::PfFfMacScheduler"));
        helper("decomposer", "Decomposer", StringValue(decomposer));
        helper("model", "ModelFile", StringValue(model));
        helper("fixed-quotas", "FixedQuotas", StringValue(fixedQuotas));
        helper("qci", "ServiceQci", StringValue(qci));
        helper("load-per-enb", "LoadPerEnb", BooleanValue(loadPerEnb));
        helper("max-loss-db", "MaxLossDb", DoubleValue(maxLossDb));
        helper("path-loss", "PathLoss", StringValue(pathLoss));
        helper("isolated-cells", "IsolatedCells", BooleanValue(isolatedCells));
        helper("phy-errors", "PhyErrorModels", BooleanValue(phyErrors));
        helper("rlc-buffer", "RlcBufferBytes", UintegerValue(rlcBuffer));
        controllerFlag("slot", "SlotDuration", TimeValue(slot));
        controllerFlag("slots", "Slots", UintegerValue(slots));
        controllerFlag("quota-scale", "QuotaScale", DoubleValue(quotaScale));
        controllerFlag("map-offset", "MapOffset", UintegerValue(mapOffset));
        controllerFlag("map-stride", "MapStride", UintegerValue(mapStride));
        vnfFlag("vnf-queue", "QueueLimitBytes", UintegerValue(vnfQueue));
        vnfFlag("core-mbps", "CoreThroughput", DoubleValue(coreMbps));
        if (Ptr<AttributeValue> v =
                attributes.Given("sharing",
                                 SHARING,
                                 StringValue(sharing == "lend" ? "Lend" : "Strict")))
        {
            lte->SetSchedulerAttribute("Sharing", *v);
        }
        flags.Configure(*lte);
        lte->AssignStreams(1);
        // A flag with no effect in the chosen mode is an error naming it.
        scheduler = SchedulerFlag(ValueOf<StringValue>(lte, "SchedulerType"));
        if (scheduler == "pf")
        {
            given.Reject({"sharing", "fixed-quotas"},
                         "with --scheduler=pf (the PF scheduler enforces no slice quotas)");
        }

        auto wallStart = std::chrono::steady_clock::now();
        Ptr<LteSliceController> controller = lte->Install();
        Ptr<NetworkTopology> topology = lte->GetTopology();
        const LteSliceController::Wiring& wiring = controller->GetWiring();
        Ptr<CostAccountant> accountant = wiring.accountant;
        // The values in force, whether from a flag or an attribute, for the summary.
        enbs = static_cast<uint32_t>(ValueOf<UintegerValue>(lte, "NEnbs"));
        uesPerEnb = static_cast<uint32_t>(ValueOf<UintegerValue>(lte, "UesPerEnb"));
        load = ValueOf<DoubleValue>(lte, "Load");
        bandwidth = static_cast<uint32_t>(ValueOf<UintegerValue>(lte, "Bandwidth"));
        decomposer = ValueOf<StringValue>(lte, "Decomposer");
        model = ValueOf<StringValue>(lte, "ModelFile");
        fixedQuotas = ValueOf<StringValue>(lte, "FixedQuotas");
        qci = ValueOf<StringValue>(lte, "ServiceQci");
        loadPerEnb = ValueOf<BooleanValue>(lte, "LoadPerEnb");
        maxLossDb = ValueOf<DoubleValue>(lte, "MaxLossDb");
        pathLoss = ValueOf<StringValue>(lte, "PathLoss");
        const Time cqiPeriodicity = ValueOf<TimeValue>(lte, "CqiPeriodicity");
        const auto traceSamplePeriod = ValueOf<UintegerValue>(lte, "PhyTraceSamplePeriod");
        isolatedCells = ValueOf<BooleanValue>(lte, "IsolatedCells");
        phyErrors = ValueOf<BooleanValue>(lte, "PhyErrorModels");
        rlcBuffer = static_cast<uint32_t>(ValueOf<UintegerValue>(lte, "RlcBufferBytes"));
        slot = ValueOf<TimeValue>(controller, "SlotDuration");
        slots = static_cast<uint32_t>(ValueOf<UintegerValue>(controller, "Slots"));
        quotaScale = ValueOf<DoubleValue>(controller, "QuotaScale");
        mapOffset = ValueOf<UintegerValue>(controller, "MapOffset");
        mapStride = static_cast<uint32_t>(ValueOf<UintegerValue>(controller, "MapStride"));
        Ptr<VnfApplication> vnf = wiring.vnfs[NetworkLevelIndex(NetworkLevel::CORE)].front();
        vnfQueue = static_cast<uint32_t>(ValueOf<UintegerValue>(vnf, "QueueLimitBytes"));
        coreMbps = ValueOf<DoubleValue>(vnf, "CoreThroughput");
        if (wiring.schedulers.front())
        {
            sharing = Lower(ValueOf<StringValue>(wiring.schedulers.front(), "Sharing"));
        }
        accountant->SetParameter("enbs", static_cast<int64_t>(enbs));
        accountant->SetParameter("ues_per_enb", static_cast<int64_t>(uesPerEnb));
        accountant->SetParameter("slot_s", slot.GetSeconds());
        accountant->SetParameter("slots", static_cast<int64_t>(slots));
        accountant->SetParameter("decomposer", decomposer);
        accountant->SetParameter("model", model);
        accountant->SetParameter("sharing", sharing);
        accountant->SetParameter("scheduler", scheduler);
        accountant->SetParameter("load", load);
        const auto& scale = lte->GetDemandScale();
        accountant->SetParameter("demand_scale_mean",
                                 std::accumulate(scale.begin(), scale.end(), 0.0) / scale.size());
        accountant->SetParameter("load_per_enb", loadPerEnb);
        accountant->SetParameter("core_mbps", coreMbps);
        accountant->SetParameter("radio", radio);
        accountant->SetParameter("path_loss", pathLoss);
        accountant->SetParameter("max_loss_db", maxLossDb);
        accountant->SetParameter("cqi_periodicity_ms", cqiPeriodicity.GetMilliSeconds());
        accountant->SetParameter("phy_trace_sample_period",
                                 static_cast<int64_t>(traceSamplePeriod));
        accountant->SetParameter("isolated_cells", isolatedCells);
        accountant->SetParameter("phy_errors", phyErrors);
        accountant->SetParameter("rlc_buffer_bytes", static_cast<int64_t>(rlcBuffer));
        accountant->SetParameter("quota_scale", quotaScale);
        accountant->SetParameter("headroom", flags.headroom);
        accountant->SetParameter("alpha", flags.alpha);
        accountant->SetParameter("bandwidth_prb", static_cast<int64_t>(bandwidth));
        accountant->SetParameter("fixed_quotas", fixedQuotas);
        accountant->SetParameter("qci", qci);
        accountant->SetParameter("map_offset", static_cast<int64_t>(mapOffset));
        accountant->SetParameter("map_stride", static_cast<int64_t>(mapStride));
        accountant->SetParameter("vnf_queue_bytes", static_cast<int64_t>(vnfQueue));
        for (auto level : {NetworkLevel::MEC, NetworkLevel::CRAN, NetworkLevel::CORE})
        {
            accountant->SetParameter(NetworkLevelName(level) + "_nodes",
                                     static_cast<int64_t>(topology->GetNNodes(level)));
        }
        accountant->SetParameter("seed", static_cast<int64_t>(flags.seed));
        accountant->SetParameter("run", static_cast<int64_t>(flags.run));

        controller->Start();
        std::cout << "microscope-lte-slicing: " << enbs << " eNBs x " << uesPerEnb << " UEs x "
                  << controller->GetWiring().catalog->GetN() << " services ("
                  << controller->GetWiring().sliceNames.size() << " slices), "
                  << topology->GetNNodes(NetworkLevel::MEC) << " MEC, "
                  << topology->GetNNodes(NetworkLevel::CRAN) << " C-RAN, "
                  << topology->GetNNodes(NetworkLevel::CORE) << " core; " << slots << " slots of "
                  << slot.GetSeconds() << " s, decomposer " << decomposer << ", " << sharing
                  << " sharing, load " << load << std::endl;
        Simulator::Stop(controller->GetStopTime() + Seconds(1));
        Simulator::Run();
        if (!controller->IsFinished())
        {
            throw InputError("the run stopped before its last slot");
        }
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
        const uint64_t events = Simulator::GetEventCount();

        // Into a temporary directory, moved into --output together at the end: a run that
        // fails or is killed leaves the directory as it was.
        RunOutputDirectory outputDir(output);
        controller->WriteResults(outputDir.GetStagingPath());
        outputDir.Commit();

        std::cout << "\n";
        accountant->PrintCostTables(std::cout);
        // Measured figures per level.
        uint64_t antennaRows = 0;
        uint64_t antennaViolations = 0;
        for (const auto& r : controller->GetSliceRecords())
        {
            antennaRows += r.offeredBytes > 0 ? 1 : 0;
            antennaViolations += r.violated ? 1 : 0;
        }
        std::cout << "\nMeasured (end to end per eNB and slice): " << antennaViolations << " of "
                  << antennaRows << " (eNB, slice, slot) with traffic violate their SLA\n";
        for (auto level : LteSliceController::DC_LEVELS)
        {
            uint64_t rows = 0;
            uint64_t violations = 0;
            uint64_t dropped = 0;
            for (const auto& r : controller->GetVnfRecords())
            {
                if (r.level == level)
                {
                    rows += r.offeredBytes > 0 ? 1 : 0;
                    violations += r.violated ? 1 : 0;
                    dropped += r.droppedBytes;
                }
            }
            std::cout << "Measured at the " << NetworkLevelName(level) << " VNFs: " << violations
                      << " of " << rows << " (datacenter, slice, slot) violate, " << dropped
                      << " bytes dropped\n";
        }
        std::cout << "\nResults in " << output
                  << "/ (summary.json, slices.csv, vnf.csv, node_costs.csv); " << wall
                  << " s wall clock, " << events << " events (" << events / wall << " events/s)"
                  << std::endl;
        Simulator::Destroy();
    }
    catch (const InputError& e)
    {
        std::cerr << "microscope-lte-slicing: error: " << attributes.Explain(e) << std::endl;
        Simulator::Destroy();
        return 1;
    }
    catch (const std::exception& e)
    {
        // A failure inside the run (e.g. a bearer missing at the start of the warm-up slot).
        std::cerr << "microscope-lte-slicing: run failed: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
