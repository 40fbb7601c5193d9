/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_SCENARIO_FLAGS_H
#define MICROSCOPE_SCENARIO_FLAGS_H

#include "ns3/command-line.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <set>
#include <string>

namespace ns3
{

class MicroscopeHelper;
class LteSlicingHelper;
class MilanDataset;

/**
 * \ingroup microscope
 * \brief The one home of the command-line flags that describe a scenario, shared by the
 * examples: it registers them on a CommandLine with their defaults (so each example's
 * --PrintHelp lists them with their defaults), checks them with errors that name the flag, and
 * configures the helpers from them.
 *
 * The flags come in groups; an example registers the groups that apply to it:
 *
 * | group          | flags                                                                   |
 * |----------------|-------------------------------------------------------------------------|
 * | RUN            | --seed, --run, --output, --logging                                      |
 * | SCENARIO       | --antennas, --antennas-file, --trace-file, --catalog, --days, --slot,   |
 * |                | --tiers, --mec-nodes, --cran-nodes, --core-nodes, --history,            |
 * |                | --milan-dir, --opencellid, --milan-services, --demand-unit              |
 * | ORCHESTRATION  | --antenna-interval, --mec-interval, --cran-interval, --core-interval,   |
 * |                | --eval-start-day, --eval-end-day, --progress                            |
 * | COSTS          | --alpha, --headroom                                                     |
 * | MILAN          | --milan-dir, --opencellid, --milan-services, --slot (in SCENARIO too)   |
 *
 * microscope-slicing registers all four, microscope-train RUN and SCENARIO (so that a model
 * trained there fits the scenario that microscope-slicing builds from the same flags), and
 * microscope-lte-slicing RUN and COSTS (its eNB layout and compressed slots are its own),
 * microscope-zone-dimensioning RUN (its zones scenario is its own), and microscope-milan-export
 * RUN and MILAN.
 *
 * \code
 *   ScenarioFlags flags;
 *   CommandLine cmd(__FILE__);
 *   flags.AddTo(cmd, ScenarioFlags::RUN | ScenarioFlags::SCENARIO);
 *   cmd.Parse(argc, argv);
 *   flags.ApplySeeds(); // --seed/--run, or ns-3's --RngSeed/--RngRun; resolves the flags
 *   flags.Validate();
 *   MicroscopeHelper microscope;
 *   flags.Configure(microscope);
 * \endcode
 *
 * The values are public members, read by the examples after ApplySeeds(); set one before
 * AddTo() to change the default that --PrintHelp shows (the example's own default).
 *
 * Flags and ns-3 attributes: most flags stand for an attribute of an object the helper
 * creates (--history for ns3::SlotOrchestrator::History, --antennas for
 * ns3::MetroLayoutGenerator::NumAntennas, ...; each flag's help names its attribute), and their
 * defaults are the attributes' defaults, read when the object is constructed. A flag's value
 * is passed to the helper only if it was given on the command line (or set in code to a value
 * other than the attribute's default: an example's own default); otherwise the attribute's
 * default stands, so that --ns3::SlotOrchestrator::History=12 or
 * Config::SetDefault("ns3::SlotOrchestrator::History", ...) takes effect, and the member then
 * holds that value after ApplySeeds(). A flag given on the command line wins over its
 * attribute's --ns3:: path or Config::SetDefault; an attribute changed with those wins over an
 * example's own default. The flags with no attribute (files, --demand-unit, --output, ...) are
 * the examples' own logic.
 *
 * --logging (RUN group) enables the module's log components at INFO level
 * (MicroscopeHelper::EnableLogComponents()) as soon as it is parsed.
 *
 * With --milan-dir, the scenario is the Telecom Italia Milan data set (MilanDataset): the
 * antennas are the grid squares with records (or, with --opencellid, the OpenCelliD stations
 * that cover them), the services the activity kinds (--milan-services), the days those of the
 * files, and the slot ns3::MilanDataset::SlotDuration (10 minutes) unless --slot gives a
 * multiple of 10 minutes. The demand is in the data set's "activity" unit, not Mbps
 * (GetDemandUnit()).
 */
class ScenarioFlags
{
public:
    /// Groups of flags (combine with |).
    enum Group : uint32_t
    {
        RUN = 1u << 0,           //!< seed, run number, output directory, logging
        SCENARIO = 1u << 1,      //!< layout, demand, datacenter tiers, history
        ORCHESTRATION = 1u << 2, //!< management intervals, evaluated days, progress
        COSTS = 1u << 3,         //!< SLA fee and headroom
        MILAN = 1u << 4,         //!< the Milan data set's flags and --slot (part of SCENARIO)
    };

    ScenarioFlags();
    ~ScenarioFlags();

    /**
     * Register the flags of some groups on a command line, with the current values as their
     * defaults. The flags write into this object, which must outlive the command line's
     * Parse().
     * \param cmd the command line.
     * \param groups an OR of Group values.
     */
    void AddTo(CommandLine& cmd, uint32_t groups);

    /**
     * Register --logging: given (or =true), it enables the module's log components at INFO
     * level (MicroscopeHelper::EnableLogComponents()) as soon as it is parsed. The RUN group
     * has it; a program without that group (the benchmarks, the tutorial) calls this.
     * \param cmd the command line.
     */
    static void AddLoggingFlag(CommandLine& cmd);

    /// \return the groups registered by AddTo().
    uint32_t GetGroups() const;

    /**
     * Call after CommandLine::Parse(): resolve the flags against their attributes (a flag not
     * given takes its attribute's default, which --ns3:: paths and Config::SetDefault change),
     * then resolve and apply the seed and run number (RUN group): ns-3's --RngSeed/--RngRun
     * (what SEM passes) set them when --seed/--run are not given (their defaults, 1, are those
     * of RngSeed and RngRun); then RngSeedManager::SetSeed/SetRun.
     * \throw InputError naming --seed if the seed is 0.
     */
    void ApplySeeds();

    /**
     * Give the datacenter levels' management intervals the example's defaults where neither
     * the flag (or its value 0) nor the attribute's --ns3:: path or Config::SetDefault set them
     * (ORCHESTRATION group). With --milan-dir, these intervals and an --antenna-interval not
     * given are raised to the slot if shorter.
     * \param mecMinutes the example's MEC interval.
     * \param cranMinutes the example's C-RAN interval.
     * \param coreMinutes the example's core interval.
     */
    void ResolveIntervals(double mecMinutes, double cranMinutes, double coreMinutes);

    /**
     * \param name a flag's name, without dashes.
     * \return whether it was given on the command line.
     */
    bool IsGiven(const std::string& name) const;

    /**
     * Check the flags of the registered groups; call after ApplySeeds() and, with the
     * ORCHESTRATION group, after ResolveIntervals().
     * \throw InputError naming the flag: --slot not positive, --history 0, a management
     *        interval not positive (or not finite), --days 0 without --trace-file, --antennas 0
     *        without --antennas-file; with --milan-dir, --antennas-file, --trace-file or
     *        --catalog given too, --antennas or --days not at their defaults, a --slot that is not
     * a multiple of 10 minutes dividing a day, or a bad --milan-services; --opencellid or
     * --milan-services without
     *        --milan-dir.
     */
    void Validate() const;

    /// \return the slot: --slot, or with --milan-dir ns3::MilanDataset::SlotDuration (10
    ///         minutes) unless --slot was given.
    Time GetSlot() const;

    /// \return true if the scenario is the Milan data set (--milan-dir).
    bool IsMilan() const;

    /// \return the demand's unit: --demand-unit, or with --milan-dir MilanDataset::GetUnit().
    std::string GetDemandUnit() const;

    /// \return the Milan data set built by Configure() (null before, or without --milan-dir).
    Ptr<MilanDataset> GetMilanDataset() const;

    /**
     * Build the Milan data set from the MILAN flags (Configure() calls it with --milan-dir).
     * \return the built data set, also kept for GetMilanDataset().
     * \throw InputError from the Milan and OpenCelliD files (naming file and line).
     */
    Ptr<MilanDataset> BuildMilanDataset() const;

    /**
     * Configure a fluid-mode scenario from the registered groups: service catalog, slot,
     * antennas (file or generated), demand (trace or generated), datacenter tiers, and the
     * orchestrator's history (SCENARIO); the orchestrator's intervals, evaluated days and
     * progress (ORCHESTRATION); the cost accountant's alpha and the allocators' headroom
     * (COSTS). Only the flags given (or set in code to a value other than the attribute's)
     * are passed on; the others leave the attributes' defaults.
     * \param helper the helper, before BuildScenario() or Install().
     * With --milan-dir, the antennas, catalog, calendar and demand come from the Milan files
     * instead (MilanDataset, kept for GetMilanDataset()).
     * \throw InputError from the catalog, antenna and trace files (naming file and line), or
     *        the Milan and OpenCelliD files.
     */
    void Configure(MicroscopeHelper& helper);

    /**
     * Configure the packet-level scenario from the COSTS group: the cost accountant's alpha
     * and the spectrum and VNF allocators' headroom, where given (or set in code).
     * \param helper the helper, before Install().
     */
    void Configure(LteSlicingHelper& helper);

    // RUN
    uint32_t seed;      //!< --seed: ns-3 RNG seed
    uint32_t run;       //!< --run: ns-3 RNG run number
    std::string output; //!< --output: output directory

    // SCENARIO
    uint32_t antennas;         //!< --antennas: generated antennas
    std::string antennasFile;  //!< --antennas-file: CSV antenna positions
    std::string traceFile;     //!< --trace-file: CSV demand trace
    std::string catalogFile;   //!< --catalog: CSV service catalog
    uint32_t days;             //!< --days: days of generated demand
    Time slot;                 //!< --slot: traffic slot duration
    bool tiers;                //!< --tiers: build the datacenter tiers
    uint32_t mecNodes;         //!< --mec-nodes: MEC datacenters (0: scaled)
    uint32_t cranNodes;        //!< --cran-nodes: C-RAN datacenters (0: scaled)
    uint32_t coreNodes;        //!< --core-nodes: core datacenters (0: scaled)
    uint32_t history;          //!< --history: T, aggregate snapshots per decomposition
    std::string milanDir;      //!< --milan-dir: Telecom Italia Milan files
    std::string openCellId;    //!< --opencellid: OpenCelliD cell_towers.csv (with --milan-dir)
    std::string milanServices; //!< --milan-services: services from the activity kinds
    std::string demandUnit;    //!< --demand-unit: unit of a trace's demand (labels only)

    // ORCHESTRATION
    double antennaInterval; //!< --antenna-interval, minutes
    double mecInterval;     //!< --mec-interval, minutes (0: the example's default)
    double cranInterval;    //!< --cran-interval, minutes (0: the example's default)
    double coreInterval;    //!< --core-interval, minutes (0: the example's default)
    int32_t evalStartDay;   //!< --eval-start-day (-1: start of the test split)
    int32_t evalEndDay;     //!< --eval-end-day (-1: the end)
    uint32_t progress;      //!< --progress: print progress every this many days (0: off)

    // COSTS
    double alpha;    //!< --alpha: SLA fee in multiples of the slice's peak demand
    double headroom; //!< --headroom: capacity allocated above the estimate

private:
    /**
     * Register a flag whose value is parsed as CommandLine parses its type, noting that it was
     * given.
     * \tparam T the value's type.
     * \param cmd the command line.
     * \param name the flag's name.
     * \param help its help text (the attribute it stands for, if any, is appended).
     * \param value where it is written.
     */
    template <typename T>
    void AddFlag(CommandLine& cmd, const std::string& name, std::string help, T& value);

    /**
     * Resolve a flag against its attribute: given, it is passed on; else if the attribute's
     * default was changed (--ns3:: path, Config::SetDefault), the member takes it; else a
     * member that differs from the attribute's default (set in code) is passed on.
     * \tparam V the attribute's value type.
     * \tparam T the member's type.
     * \tparam F converts the attribute's value to the member's type.
     * \param name the flag's name.
     * \param value the member.
     * \param fromAttribute the conversion.
     */
    template <typename V, typename T, typename F>
    void ResolveFlag(const std::string& name, T& value, F fromAttribute);

    /// Resolve every registered flag that stands for an attribute (once).
    void Resolve();

    /**
     * \param name a flag's name.
     * \return whether Configure() passes its value on (given, or set in code).
     */
    bool Passes(const std::string& name) const;

    uint32_t m_groups;                 //!< groups registered by AddTo()
    std::set<std::string> m_given;     //!< flags given on the command line
    std::set<std::string> m_passed;    //!< flags whose values Configure() passes on
    bool m_resolved;                   //!< Resolve() ran
    mutable Ptr<MilanDataset> m_milan; //!< built by Configure() with --milan-dir
};

} // namespace ns3

#endif /* MICROSCOPE_SCENARIO_FLAGS_H */
