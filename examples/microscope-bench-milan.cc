/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Benchmark of the Milan path at the data set's size: it writes synthetic files in the Telecom
 * Italia format (MilanFileWriter; by default 10,000 squares x 62 days x 144 intervals, one line
 * per square and interval, about 4 GB of text) into a temporary directory, then runs them
 * through the path that microscope-slicing takes with --milan-dir (ScenarioFlags, MilanDataset,
 * MicroscopeHelper) with the historical decomposer, and prints the time and the peak resident
 * memory (getrusage's ru_maxrss) of each phase.
 *
 *   ./microscope run microscope-bench-milan                      # full size
 *   ./microscope run microscope-bench-milan --squares=2500 --days=14
 *   ./microscope run microscope-bench-milan --milan-dir=DIR      # real files instead
 */

#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/cost-accountant.h"
#include "ns3/demand-unit-relabeler.h"
#include "ns3/input-error.h"
#include "ns3/microscope-helper.h"
#include "ns3/milan-dataset.h"
#include "ns3/milan-file-writer.h"
#include "ns3/scenario-flags.h"
#include "ns3/slot-orchestrator.h"
#include "ns3/trace-traffic-source.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <sys/resource.h>

using namespace ns3;

namespace
{

/// \return the peak resident set size so far, in GiB.
double
PeakGiB()
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / (1024.0 * 1024.0); // ru_maxrss is in KiB
}

/// \return the CPU time (user and system) of the process so far, in seconds.
double
CpuSeconds()
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/// Wall-clock and CPU timer (on a shared machine the CPU time is the steadier figure).
class Stopwatch
{
public:
    Stopwatch()
        : m_start(std::chrono::steady_clock::now()),
          m_cpu(CpuSeconds())
    {
    }

    /**
     * \param cpu receives the CPU seconds since the last call (or construction).
     * \return the wall-clock seconds since the last call (or construction).
     */
    double Lap(double& cpu)
    {
        const auto now = std::chrono::steady_clock::now();
        const double s = std::chrono::duration<double>(now - m_start).count();
        m_start = now;
        const double c = CpuSeconds();
        cpu = c - m_cpu;
        m_cpu = c;
        return s;
    }

private:
    std::chrono::steady_clock::time_point m_start; //!< start of the lap
    double m_cpu;                                  //!< CPU time at the start of the lap
};

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t squares = 10000;
    uint32_t countries = 1;
    std::string variant = "txt";
    std::string workDir;
    bool keep = false;
    ScenarioFlags flags;
    flags.days = 62;
    CommandLine cmd(__FILE__);
    cmd.Usage("Time and peak memory of the Milan path (--milan-dir) at the data set's size, on "
              "synthetic files it writes first (unless --milan-dir is given).");
    cmd.AddValue("squares",
                 "Squares of the synthetic files (ids 1..N of the 100x100 grid)",
                 squares);
    cmd.AddValue("countries", "Lines per square and interval (country codes)", countries);
    cmd.AddValue("variant", "File variant of the synthetic files: txt or csv", variant);
    cmd.AddValue("work-dir",
                 "Where to write the synthetic files (default: a new directory in $TMPDIR or "
                 "/tmp, removed at the end)",
                 workDir);
    cmd.AddValue("keep", "Keep the synthetic files", keep);
    flags.AddTo(cmd, ScenarioFlags::SCENARIO | ScenarioFlags::ORCHESTRATION | ScenarioFlags::RUN);
    cmd.Parse(argc, argv);

    namespace fs = std::filesystem;
    std::string generated;
    try
    {
        if (variant != "txt" && variant != "csv")
        {
            throw InputError::ForAttribute("--variant", "txt or csv, not '" + variant + "'");
        }
        if (squares == 0 || squares > 10000)
        {
            throw InputError::ForAttribute("--squares", "must be in 1..10000");
        }
        if (flags.days == 0)
        {
            throw InputError::ForAttribute("--days", "at least one day is needed");
        }
        Stopwatch watch;
        double cpu = 0;
        if (flags.milanDir.empty())
        {
            std::string base = workDir;
            if (base.empty())
            {
                const char* tmp = std::getenv("TMPDIR");
                std::string pattern =
                    std::string(tmp && *tmp ? tmp : "/tmp") + "/microscope-bench-milan-XXXXXX";
                if (!mkdtemp(pattern.data()))
                {
                    throw InputError::InFile(pattern, "cannot create a temporary directory");
                }
                base = pattern;
            }
            else
            {
                fs::create_directories(base);
            }
            generated = base;
            std::vector<uint32_t> ids;
            for (uint32_t s = 1; s <= squares; ++s)
            {
                ids.push_back(s);
            }
            uintmax_t bytes = 0;
            for (uint32_t d = 0; d < flags.days; ++d)
            {
                const std::string path =
                    MilanFileWriter::WriteDay(base,
                                              variant == "csv" ? MilanRecordReader::Variant::CSV
                                                               : MilanRecordReader::Variant::TXT,
                                              CivilDate(2013, 11, 1).AddDays(d),
                                              ids,
                                              countries);
                bytes += fs::file_size(path);
            }
            flags.milanDir = base;
            std::cout << std::fixed << std::setprecision(1) << "generated " << flags.days
                      << " files (" << squares << " squares, " << countries
                      << " line(s) per square and interval, " << variant << ") in " << base << ": "
                      << bytes / 1e9 << " GB in " << watch.Lap(cpu) << " s (" << cpu << " s CPU)"
                      << std::endl;
        }
        flags.days = ScenarioFlags().days; // --days sized the synthetic files only
        flags.ApplySeeds();
        flags.ResolveIntervals(5, 5, 5);
        flags.Validate();

        MicroscopeHelper microscope;
        flags.Configure(microscope); // reads the files and builds the demand
        Ptr<MilanDataset> milan = flags.GetMilanDataset();
        double loadCpu = 0;
        const double loadS = watch.Lap(loadCpu);
        const double loadPeak = PeakGiB();
        std::cout << std::fixed << std::setprecision(1) << "load: " << milan->GetNFiles()
                  << " files, " << milan->GetNRecords() << " records, " << milan->GetDates().size()
                  << " days, " << milan->GetIds().size() << " antennas, "
                  << milan->GetSource()->GetNSlots() << " slots: " << loadS << " s (" << loadCpu
                  << " s CPU), peak RSS " << std::setprecision(2) << loadPeak << " GiB"
                  << std::endl;
        microscope.AddLane("historical", "historical");
        microscope.AssignStreams(1);
        microscope.BuildScenario();
        double buildCpu = 0;
        const double buildS = watch.Lap(buildCpu);
        std::cout << std::setprecision(1) << "scenario (topology, tiers): " << buildS << " s ("
                  << buildCpu << " s CPU), peak RSS " << std::setprecision(2) << PeakGiB() << " GiB"
                  << std::endl;
        Ptr<SlotOrchestrator> orchestrator = microscope.Install();
        orchestrator->Start();
        Simulator::Run();
        if (!orchestrator->IsFinished())
        {
            orchestrator->Finish();
        }
        double runCpu = 0;
        const double runS = watch.Lap(runCpu);
        std::cout << std::setprecision(1) << "historical lane over " << orchestrator->GetNDays()
                  << " days: " << runS << " s (" << runCpu << " s CPU), peak RSS "
                  << std::setprecision(2) << PeakGiB() << " GiB" << std::endl;
        std::ostringstream tables;
        orchestrator->GetCostAccountant()->PrintCostTables(tables);
        std::cout << DemandUnitRelabeler::RelabelText(tables.str(), flags.GetDemandUnit());
        std::cout << std::setprecision(1) << "total (without generating): " << loadS + buildS + runS
                  << " s (" << loadCpu + buildCpu + runCpu << " s CPU); peak RSS "
                  << std::setprecision(2) << PeakGiB()
                  << " GiB (ru_maxrss); demand unit: " << flags.GetDemandUnit() << std::endl;
        Simulator::Destroy();
    }
    catch (const InputError& e)
    {
        std::cerr << "microscope-bench-milan: error: " << e.what() << std::endl;
        if (!generated.empty() && !keep && workDir.empty())
        {
            fs::remove_all(generated);
        }
        return 1;
    }
    if (!generated.empty() && !keep)
    {
        if (workDir.empty())
        {
            fs::remove_all(generated);
        }
        else
        {
            for (const auto& e : fs::directory_iterator(generated))
            {
                if (e.path().filename().string().rfind("sms-call-internet-mi-", 0) == 0)
                {
                    fs::remove(e.path());
                }
            }
        }
    }
    return 0;
}
