/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * microscope-milan-export: convert the Telecom Italia Milan data set into the files that the
 * other tools read.
 *
 * Reads --milan-dir (either file variant) and, with --opencellid, the stations, exactly as
 * microscope-slicing and microscope-train read them with the same flags, and writes to
 * --output:
 *   - antennas.csv  `id,x_m,y_m` (square ids at the squares' centres, or bs<k> stations);
 *   - trace.csv     `time_s,antenna,service,mbps`: the long trace (the values are Milan
 *                   activity summed over the slot, whatever the column's name);
 *   - catalog.csv   the built-in catalog of the activity kinds;
 *   - replay.txt    the flags that replay them: --antennas-file --trace-file --catalog --slot
 *                   --demand-unit and the calendar's weekday and holidays (microscope-train);
 *   - replay-slicing.txt  the same and the management intervals that microscope-slicing
 *                   takes with --milan-dir (at least one slot).
 *
 *   ./microscope run microscope-milan-export --milan-dir=milan --output=milan-export
 *   ./microscope run microscope-slicing $(cat milan-export/replay-slicing.txt)
 */

#include "ns3/atomic-file-writer.h"
#include "ns3/core-module.h"
#include "ns3/input-error.h"
#include "ns3/milan-dataset.h"
#include "ns3/scenario-flags.h"
#include "ns3/system-path.h"
#include "ns3/trace-traffic-source.h"

#include <algorithm>
#include <iostream>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("MicroscopeMilanExport");

int
main(int argc, char* argv[])
{
    ScenarioFlags flags; // --milan-dir, --opencellid, --milan-services, --slot, --output
    CommandLine cmd(__FILE__);
    cmd.Usage("Convert the Telecom Italia Milan files into antennas.csv, trace.csv and "
              "catalog.csv for --antennas-file, --trace-file and --catalog.");
    flags.AddTo(cmd, ScenarioFlags::RUN | ScenarioFlags::MILAN);
    cmd.Parse(argc, argv);
    try
    {
        flags.ApplySeeds(); // resolves the flags (the seed serves nothing here)
        flags.Validate();
        Ptr<MilanDataset> milan = flags.BuildMilanDataset();
        const std::string& output = flags.output;
        SystemPath::MakeDirectories(output);
        const std::string antennas = output + "/antennas.csv";
        const std::string trace = output + "/trace.csv";
        const std::string catalog = output + "/catalog.csv";
        milan->WriteReplayFiles(antennas, trace, catalog);
        std::ostringstream slot;
        slot << static_cast<int64_t>(flags.GetSlot().GetSeconds()) << "s";
        const std::string replay = "--antennas-file=" + antennas + " --trace-file=" + trace +
                                   " --catalog=" + catalog + " --slot=" + slot.str() +
                                   " --demand-unit=" + MilanDataset::GetUnit() + " " +
                                   milan->GetCalendarFlags();
        // microscope-slicing's management intervals default to 5 minutes, the Milan path's to
        // at least one slot: the same intervals for the replay.
        std::ostringstream intervals;
        const double slotMinutes = flags.GetSlot().GetSeconds() / 60.0;
        const double minutes = std::max(5.0, slotMinutes);
        intervals << " --antenna-interval=" << minutes << " --mec-interval=" << minutes
                  << " --cran-interval=" << minutes << " --core-interval=" << minutes;
        const std::string replaySlicing = replay + intervals.str();
        for (const auto& [name, text] : {std::make_pair("replay.txt", replay),
                                         std::make_pair("replay-slicing.txt", replaySlicing)})
        {
            AtomicFileWriter writer(output + "/" + name);
            writer.Stream() << text << "\n";
            writer.Commit();
        }
        std::cout << "microscope-milan-export: " << milan->GetNFiles() << " files, "
                  << milan->GetNRecords() << " records, " << milan->GetDates().size()
                  << " days from " << milan->GetDates().front().ToString() << ", "
                  << milan->GetIds().size() << " antennas, " << milan->GetSource()->GetNSlots()
                  << " slots of " << slot.str() << "\ndemand unit: " << MilanDataset::GetUnit()
                  << " (" << MilanDataset::GetUnitDescription()
                  << "); the trace's 'mbps' column holds it"
                  << "\nwrote " << antennas << ", " << trace << ", " << catalog
                  << "\nreplay with microscope-train: " << replay
                  << "\nreplay with microscope-slicing: " << replaySlicing << std::endl;
    }
    catch (const InputError& e)
    {
        std::cerr << "microscope-milan-export: error: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
