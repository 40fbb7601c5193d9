/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the Milan path of the decomposition pipeline (MilanDataset, ScenarioFlags'
 * --milan-dir) on small files in both Telecom Italia formats, written here by MilanFileWriter:
 * per-kind truths against the files' values summed over the slot (recomputed from the
 * generator's formula, not read back), merged services and the aggregate, the calendar, the
 * OpenCelliD stations, the whole pipeline end to end (both variants give the same results, and
 * the converter's files replay to the same summary.json), and every kind of bad input.
 */

#include "microscope-test-files.h"

#include "ns3/civil-date.h"
#include "ns3/config.h"
#include "ns3/demand-matrix.h"
#include "ns3/demand-unit-relabeler.h"
#include "ns3/double.h"
#include "ns3/input-error.h"
#include "ns3/microscope-helper.h"
#include "ns3/milan-dataset.h"
#include "ns3/milan-file-writer.h"
#include "ns3/milan-grid.h"
#include "ns3/scenario-flags.h"
#include "ns3/service-catalog.h"
#include "ns3/simulator.h"
#include "ns3/slot-orchestrator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/trace-traffic-source.h"
#include "ns3/traffic-calendar.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

using namespace ns3;
using namespace ns3::microscope_test;

namespace
{

/// A block of squares: rows r0..r0+rows-1 and columns 0..cols-1 of the 100-column grid.
std::vector<uint32_t>
Block(uint32_t rows, uint32_t cols)
{
    std::vector<uint32_t> ids;
    for (uint32_t r = 0; r < rows; ++r)
    {
        for (uint32_t c = 0; c < cols; ++c)
        {
            ids.push_back(r * 100 + c + 1);
        }
    }
    return ids;
}

/**
 * Write days of synthetic files.
 * \param dir the directory (created).
 * \param variant the variant.
 * \param first the first day.
 * \param days the number of days.
 * \param squares the squares.
 * \param countries lines per square and interval.
 */
void
WriteDays(const std::string& dir,
          MilanRecordReader::Variant variant,
          const CivilDate& first,
          uint32_t days,
          const std::vector<uint32_t>& squares,
          uint32_t countries)
{
    std::filesystem::create_directories(dir);
    for (uint32_t d = 0; d < days; ++d)
    {
        MilanFileWriter::WriteDay(dir, variant, first.AddDays(d), squares, countries);
    }
}

/// Expected demand of kinds in a slot of a square: the generator's values summed.
double
Expected(uint32_t square,
         const CivilDate& first,
         uint64_t slot,
         uint32_t intervalsPerSlot,
         const std::vector<uint32_t>& kinds,
         uint32_t countries)
{
    double sum = 0;
    for (uint32_t i = 0; i < intervalsPerSlot; ++i)
    {
        const int64_t minutes =
            first.GetDayNumber() * 1440 + static_cast<int64_t>(slot * intervalsPerSlot + i) * 10;
        for (uint32_t k : kinds)
        {
            for (uint32_t c = 0; c < countries; ++c)
            {
                sum += MilanFileWriter::SyntheticActivity(square, minutes, k, c);
            }
        }
    }
    return sum;
}

/**
 * Run the pipeline (historical and oracle lanes, small tiers) from flags and write its results.
 * \param flags the flags (registered groups set).
 * \param output the results directory.
 */
void
RunPipeline(ScenarioFlags& flags, const std::string& output)
{
    flags.tiers = true;
    flags.mecNodes = 3;
    flags.cranNodes = 2;
    flags.coreNodes = 1;
    flags.ResolveIntervals(5, 5, 5);
    flags.Validate();
    MicroscopeHelper microscope;
    flags.Configure(microscope);
    microscope.AddLane("historical", "historical");
    microscope.AddLane("oracle", "oracle");
    microscope.AssignStreams(1);
    Ptr<SlotOrchestrator> orchestrator = microscope.Install();
    orchestrator->Start();
    Simulator::Run();
    if (!orchestrator->IsFinished())
    {
        orchestrator->Finish();
    }
    std::filesystem::create_directories(output);
    orchestrator->WriteResults(output);
    DemandUnitRelabeler::RelabelOutputs(output, flags.GetDemandUnit());
    Simulator::Destroy();
}

} // namespace

/**
 * \ingroup microscope-tests
 * Per-kind truths and the calendar, in both file variants: every entry of every slot equals
 * the generator's values (two country lines per square and interval) summed over the slot's
 * three 10-minute intervals, for 30-minute slots.
 */
class MilanMtdTruthTestCase : public TestCase
{
public:
    /// \param variant the file variant.
    MilanMtdTruthTestCase(MilanRecordReader::Variant variant)
        : TestCase(std::string("per-kind truths are the files' values summed over the slot (") +
                   (variant == MilanRecordReader::Variant::TXT ? "txt" : "csv") + ")"),
          m_variant(variant)
    {
    }

private:
    void DoRun() override
    {
        const std::string dir = CreateTempDirFilename("milan-truth");
        const CivilDate first(2013, 11, 1); // a Friday and All Saints
        const auto squares = Block(3, 3);   // ids 1-3, 101-103, 201-203
        WriteDays(dir, m_variant, first, 5, squares, 2);

        Ptr<MilanDataset> milan = CreateObject<MilanDataset>();
        milan->SetAttribute("SlotDuration", TimeValue(Minutes(30)));
        NS_TEST_ASSERT_MSG_EQ(milan->LoadDirectory(dir), 5, "five files");
        milan->Build();
        NS_TEST_ASSERT_MSG_EQ(milan->GetNRecords(), 5u * 144 * 9 * 2, "every line read");
        NS_TEST_ASSERT_MSG_EQ(milan->GetIds().size(), 9, "one antenna per square");
        NS_TEST_ASSERT_MSG_EQ(milan->GetIds()[3], "101", "antennas in square order");
        Ptr<MilanGrid> grid = CreateObject<MilanGrid>();
        NS_TEST_ASSERT_MSG_EQ_TOL(milan->GetPositions()[4].x,
                                  grid->GetCentre(102).x,
                                  1e-9,
                                  "antennas at the squares' centres");
        NS_TEST_ASSERT_MSG_EQ_TOL(milan->GetPositions()[4].y,
                                  grid->GetCentre(102).y,
                                  1e-9,
                                  "antennas at the squares' centres");

        // Calendar: 5 days from a Friday, All Saints (day 0) listed.
        Ptr<TrafficCalendar> calendar = milan->GetCalendar();
        NS_TEST_ASSERT_MSG_EQ(calendar->GetSlotsPerDay(), 48, "30-minute slots");
        NS_TEST_ASSERT_MSG_EQ(calendar->GetWeekday(0), 4, "2013-11-01 is a Friday");
        NS_TEST_ASSERT_MSG_EQ(calendar->IsListedHoliday(0), true, "All Saints is listed");
        NS_TEST_ASSERT_MSG_EQ((calendar->GetDayType(1) == DayType::HOLIDAY), true, "Saturday");
        NS_TEST_ASSERT_MSG_EQ((calendar->GetDayType(3) == DayType::WORKDAY), true, "Monday");
        NS_TEST_ASSERT_MSG_EQ(milan->GetDates().back().ToString(), "2013-11-05", "last day");

        Ptr<TraceTrafficSource> source = milan->GetSource();
        NS_TEST_ASSERT_MSG_EQ(source->GetNSlots(), 5u * 48, "every slot of the 5 days");
        const auto names = source->GetServiceCatalog()->GetNames();
        NS_TEST_ASSERT_MSG_EQ(names.size(), 5, "the five kinds by default");
        NS_TEST_ASSERT_MSG_EQ(names[4], "internet", "kinds in file order");
        DemandMatrix d;
        uint32_t checked = 0;
        for (uint64_t t = 0; t < source->GetNSlots(); ++t)
        {
            source->GetDemand(t, d);
            for (uint32_t a = 0; a < squares.size(); ++a)
            {
                double aggregate = 0;
                for (uint32_t k = 0; k < 5; ++k)
                {
                    const double e = Expected(squares[a], first, t, 3, {k}, 2);
                    NS_TEST_ASSERT_MSG_EQ_TOL(d(k, a),
                                              e,
                                              1e-6 * std::max(1.0, e),
                                              "slot " << t << " square " << squares[a] << " kind "
                                                      << k);
                    aggregate += e;
                    ++checked;
                }
                NS_TEST_ASSERT_MSG_EQ_TOL(d.Aggregate()[a],
                                          aggregate,
                                          1e-6 * std::max(1.0, aggregate),
                                          "the aggregate is the sum of the kinds");
            }
        }
        NS_TEST_ASSERT_MSG_EQ(checked, 240u * 9 * 5, "every entry checked");
    }

    MilanRecordReader::Variant m_variant; //!< file variant
};

/**
 * \ingroup microscope-tests
 * Merged services: --milan-services=internet,calls,sms gives internet, call-in + call-out and
 * sms-in + sms-out, and the aggregate is still the sum of all five kinds. A subset leaves the
 * other kinds out of the aggregate. The catalog holds a slice class and SLA per service.
 */
class MilanMtdMergeTestCase : public TestCase
{
public:
    MilanMtdMergeTestCase()
        : TestCase("merged services sum their kinds; the aggregate sums the services")
    {
    }

private:
    void DoRun() override
    {
        const std::string dir = CreateTempDirFilename("milan-merge");
        const CivilDate first(2013, 12, 2);
        const auto squares = Block(2, 2);
        WriteDays(dir, MilanRecordReader::Variant::CSV, first, 1, squares, 1);

        Ptr<MilanDataset> milan = CreateObject<MilanDataset>();
        milan->SetAttribute("Services", StringValue("internet,calls,sms"));
        milan->LoadDirectory(dir);
        milan->Build();
        Ptr<TraceTrafficSource> source = milan->GetSource();
        Ptr<ServiceCatalog> catalog = source->GetServiceCatalog();
        NS_TEST_ASSERT_MSG_EQ(catalog->GetN(), 3, "three services");
        NS_TEST_ASSERT_MSG_EQ(catalog->Get(1).name, "calls", "in the order given");
        NS_TEST_ASSERT_MSG_EQ(catalog->Get(1).slice, "voice", "calls ride the voice slice");
        NS_TEST_ASSERT_MSG_EQ(catalog->Get(1).qci, 1, "conversational voice");
        NS_TEST_ASSERT_MSG_EQ(catalog->Get(0).slice, "embb-data", "internet on eMBB");
        NS_TEST_ASSERT_MSG_EQ(catalog->Get(2).slice, "messaging", "SMS on messaging");
        NS_TEST_ASSERT_MSG_EQ(source->GetNSlots(), 144, "10-minute slots by default");
        NS_TEST_ASSERT_MSG_EQ(milan->GetCalendar()->GetWeekday(0), 0, "2013-12-02 is a Monday");
        DemandMatrix d;
        for (uint64_t t = 0; t < 144; t += 7)
        {
            source->GetDemand(t, d);
            for (uint32_t a = 0; a < squares.size(); ++a)
            {
                const double internet = Expected(squares[a], first, t, 1, {4}, 1);
                const double calls = Expected(squares[a], first, t, 1, {2, 3}, 1);
                const double sms = Expected(squares[a], first, t, 1, {0, 1}, 1);
                NS_TEST_ASSERT_MSG_EQ_TOL(d(0, a), internet, 1e-6 * (1 + internet), "internet");
                NS_TEST_ASSERT_MSG_EQ_TOL(d(1, a), calls, 1e-6 * (1 + calls), "calls");
                NS_TEST_ASSERT_MSG_EQ_TOL(d(2, a), sms, 1e-6 * (1 + sms), "sms");
                const double all = Expected(squares[a], first, t, 1, {0, 1, 2, 3, 4}, 1);
                NS_TEST_ASSERT_MSG_EQ_TOL(d.Aggregate()[a],
                                          all,
                                          1e-6 * (1 + all),
                                          "the aggregate is all five kinds");
            }
        }

        // A subset: only internet and sms-in.
        Ptr<MilanDataset> subset = CreateObject<MilanDataset>();
        subset->SetAttribute("Services", StringValue("sms-in,internet"));
        subset->LoadDirectory(dir);
        subset->Build();
        subset->GetSource()->GetDemand(50, d);
        const double expected = Expected(squares[1], first, 50, 1, {0, 4}, 1);
        NS_TEST_ASSERT_MSG_EQ_TOL(d.Aggregate()[1],
                                  expected,
                                  1e-6 * (1 + expected),
                                  "the aggregate holds the chosen kinds only");
    }
};

/**
 * \ingroup microscope-tests
 * OpenCelliD stations as the antennas: two stations in the grid take the squares nearest to
 * them (their demand is their squares' sum), a station far from every square with records is
 * left out, and a tower outside the grid is ignored.
 */
class MilanMtdStationsTestCase : public TestCase
{
public:
    MilanMtdStationsTestCase()
        : TestCase("OpenCelliD stations carry the demand of their Voronoi squares")
    {
    }

private:
    void DoRun() override
    {
        const std::string dir = CreateTempDirFilename("milan-stations");
        const CivilDate first(2013, 11, 4);
        const auto squares = Block(1, 6); // ids 1..6 along the south edge
        WriteDays(dir, MilanRecordReader::Variant::TXT, first, 1, squares, 1);
        Ptr<MilanGrid> grid = CreateObject<MilanGrid>();
        DoubleValue lon0;
        DoubleValue lat0;
        grid->GetAttribute("OriginLongitude", lon0);
        grid->GetAttribute("OriginLatitude", lat0);
        // Stations near squares 1 and 6 (south-west corner, along the south edge), one in the
        // grid's north-east far from every square with records, one in Rome.
        const std::string towers = CreateTempDirFilename("cell_towers.csv");
        {
            std::ofstream out(towers);
            out << "radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,"
                   "updated,averageSignal\n";
            out.precision(10);
            out << "LTE,222,1,1,1,0," << lon0.Get() + 0.0015 << "," << lat0.Get() + 0.0010
                << ",500,1,1,0,0,0\n";
            out << "LTE,222,1,1,2,0," << lon0.Get() + 0.0165 << "," << lat0.Get() + 0.0010
                << ",500,1,1,0,0,0\n";
            out << "LTE,222,1,1,3,0," << lon0.Get() + 0.25 << "," << lat0.Get() + 0.18
                << ",500,1,1,0,0,0\n";
            out << "LTE,222,1,1,4,0,12.49,41.89,500,1,1,0,0,0\n";
        }
        Ptr<MilanDataset> milan = CreateObject<MilanDataset>();
        milan->SetGrid(grid);
        milan->LoadDirectory(dir);
        milan->LoadOpenCellId(towers);
        milan->Build();
        NS_TEST_ASSERT_MSG_EQ(milan->GetIds().size(), 2, "two stations cover the squares");
        NS_TEST_ASSERT_MSG_EQ(milan->GetIds()[0], "bs1", "station ids");
        NS_TEST_ASSERT_MSG_EQ(milan->GetNIdleStations(), 1, "the far station is left out");
        // Which station is nearest to each square's centre, computed here.
        std::vector<std::vector<uint32_t>> of(2);
        for (uint32_t s : squares)
        {
            const Vector c = grid->GetCentre(s);
            const double d0 = CalculateDistance(c, milan->GetPositions()[0]);
            const double d1 = CalculateDistance(c, milan->GetPositions()[1]);
            of[d1 < d0 ? 1 : 0].push_back(s);
        }
        NS_TEST_ASSERT_MSG_EQ((of[0].size() > 0 && of[1].size() > 0), true, "both used");
        DemandMatrix d;
        milan->GetSource()->GetDemand(60, d);
        for (uint32_t a = 0; a < 2; ++a)
        {
            double e = 0;
            for (uint32_t s : of[a])
            {
                e += Expected(s, first, 60, 1, {4}, 1);
            }
            NS_TEST_ASSERT_MSG_EQ_TOL(d(4, a), e, 1e-6 * (1 + e), "station " << a);
        }
    }
};

/**
 * \ingroup microscope-tests
 * The whole pipeline (split, tiers, historical and oracle lanes, costs) on Milan files: the
 * same data in the .txt and the .csv variant give byte-identical results, labelled in
 * activity; the converter's files, replayed through --antennas-file --trace-file --catalog
 * with the calendar's attributes and --demand-unit, give the same summary.json byte for byte.
 */
class MilanMtdPipelineTestCase : public TestCase
{
public:
    MilanMtdPipelineTestCase()
        : TestCase("the pipeline runs on both variants; the converter's files replay to the "
                   "same summary.json")
    {
    }

private:
    void DoRun() override
    {
        const CivilDate first(2013, 11, 29);
        const auto squares = Block(4, 5);
        const std::string txt = CreateTempDirFilename("milan-run-txt");
        const std::string csv = CreateTempDirFilename("milan-run-csv");
        WriteDays(txt, MilanRecordReader::Variant::TXT, first, 5, squares, 1);
        WriteDays(csv, MilanRecordReader::Variant::CSV, first, 5, squares, 1);

        const uint32_t groups = ScenarioFlags::SCENARIO | ScenarioFlags::ORCHESTRATION |
                                ScenarioFlags::COSTS | ScenarioFlags::RUN;
        std::string outTxt = CreateTempDirFilename("out-txt");
        std::string outCsv = CreateTempDirFilename("out-csv");
        const std::string exported = CreateTempDirFilename("exported");
        std::string calendarFlags;
        {
            ScenarioFlags flags;
            CommandLine cmd;
            flags.AddTo(cmd, groups);
            flags.milanDir = txt;
            RunPipeline(flags, outTxt);
            NS_TEST_ASSERT_MSG_EQ(flags.GetSlot(), Minutes(10), "10-minute slots by default");
            NS_TEST_ASSERT_MSG_EQ(flags.antennaInterval, 10, "the interval raised to the slot");
            Ptr<MilanDataset> milan = flags.GetMilanDataset();
            std::filesystem::create_directories(exported);
            milan->WriteReplayFiles(exported + "/antennas.csv",
                                    exported + "/trace.csv",
                                    exported + "/catalog.csv");
            calendarFlags = milan->GetCalendarFlags();
        }
        {
            ScenarioFlags flags;
            CommandLine cmd;
            flags.AddTo(cmd, groups);
            flags.milanDir = csv;
            RunPipeline(flags, outCsv);
        }
        const std::string summary = ReadAll(outTxt + "/summary.json");
        NS_TEST_ASSERT_MSG_NE(summary.find("\"true_demand_activity\""),
                              std::string::npos,
                              "summary.json labels the demand in activity");
        NS_TEST_ASSERT_MSG_EQ(summary.find("MBps"), std::string::npos, "no Mbps label left");
        const bool lastDay = summary.find("\"evaluated_intervals\": 144") != std::string::npos;
        NS_TEST_ASSERT_MSG_EQ(lastDay,
                              true,
                              "the last of 5 days (3/1/1 split) evaluated at 10 minutes");
        NS_TEST_ASSERT_MSG_EQ(summary, ReadAll(outCsv + "/summary.json"), "txt and csv agree");
        NS_TEST_ASSERT_MSG_EQ(ReadAll(outTxt + "/node_costs.csv"),
                              ReadAll(outCsv + "/node_costs.csv"),
                              "txt and csv agree");
        NS_TEST_ASSERT_MSG_EQ(calendarFlags,
                              "--ns3::TrafficCalendar::StartWeekday=4",
                              "a Friday, no listed holiday from 2013-11-29 to 12-03");

        // Replay the converter's files.
        const std::string outReplay = CreateTempDirFilename("out-replay");
        Config::SetDefault("ns3::TrafficCalendar::StartWeekday", UintegerValue(4));
        {
            ScenarioFlags flags;
            CommandLine cmd;
            flags.AddTo(cmd, groups);
            flags.antennasFile = exported + "/antennas.csv";
            flags.traceFile = exported + "/trace.csv";
            flags.catalogFile = exported + "/catalog.csv";
            flags.slot = Minutes(10);
            flags.antennaInterval = 10;
            flags.mecInterval = 10;
            flags.cranInterval = 10;
            flags.coreInterval = 10;
            flags.demandUnit = "activity";
            RunPipeline(flags, outReplay);
        }
        Config::SetDefault("ns3::TrafficCalendar::StartWeekday", UintegerValue(0));
        NS_TEST_ASSERT_MSG_EQ(ReadAll(outReplay + "/summary.json"),
                              summary,
                              "the replay gives the same summary.json");
        NS_TEST_ASSERT_MSG_EQ(ReadAll(outReplay + "/table3.csv"),
                              ReadAll(outTxt + "/table3.csv"),
                              "the replay gives the same table3.csv");
    }
};

/**
 * \ingroup microscope-tests
 * Bad input: each a clear InputError naming the file and line, the directory, or the flag.
 */
class MilanMtdBadInputTestCase : public TestCase
{
public:
    MilanMtdBadInputTestCase()
        : TestCase("bad Milan input names the file and line, the directory or the flag")
    {
    }

private:
    void DoRun() override
    {
        const CivilDate first(2013, 11, 4);
        const auto squares = Block(1, 3);
        auto load = [](const std::string& dir, Ptr<MilanGrid> grid = nullptr)
        {
            Ptr<MilanDataset> milan = CreateObject<MilanDataset>();
            if (grid)
            {
                milan->SetGrid(grid);
            }
            milan->LoadDirectory(dir);
            milan->Build();
        };

        // A directory with no Milan files.
        const std::string empty = CreateTempDirFilename("milan-empty");
        std::filesystem::create_directories(empty);
        std::ofstream(empty + "/readme.txt") << "not data\n";
        std::string e = ErrorOf([&] { load(empty); });
        NS_TEST_ASSERT_MSG_NE(e.find(empty + ": no sms-call-internet-mi-"),
                              std::string::npos,
                              "names the directory: " << e);

        // A malformed line: its file and line.
        const std::string bad = CreateTempDirFilename("milan-bad-line");
        WriteDays(bad, MilanRecordReader::Variant::TXT, first, 1, squares, 1);
        const std::string file = bad + "/sms-call-internet-mi-2013-11-04.txt";
        std::ofstream(file, std::ios::app) << "2\tsoon\t39\t1\t1\t1\t1\t1\n";
        e = ErrorOf([&] { load(bad); });
        NS_TEST_ASSERT_MSG_NE(e.find(file + ":" + std::to_string(144 * 3 + 1) + ":"),
                              std::string::npos,
                              "names the file and line: " << e);

        // Mixed variants holding the same day: a .csv of 11-05 and a .txt whose lines are of
        // 11-05 too (named 11-06).
        const std::string mixed = CreateTempDirFilename("milan-mixed");
        WriteDays(mixed, MilanRecordReader::Variant::CSV, first.AddDays(1), 1, squares, 1);
        const std::string other = CreateTempDirFilename("milan-mixed-other");
        WriteDays(other, MilanRecordReader::Variant::TXT, first.AddDays(1), 1, squares, 1);
        std::filesystem::rename(other + "/sms-call-internet-mi-2013-11-05.txt",
                                mixed + "/sms-call-internet-mi-2013-11-06.txt");
        e = ErrorOf([&] { load(mixed); });
        NS_TEST_ASSERT_MSG_NE(e.find(mixed + "/sms-call-internet-mi-2013-11-06.txt:1:"),
                              std::string::npos,
                              "names the second file and line: " << e);
        NS_TEST_ASSERT_MSG_NE(e.find("sms-call-internet-mi-2013-11-05.csv"),
                              std::string::npos,
                              "and the first file: " << e);
        NS_TEST_ASSERT_MSG_NE(e.find("mixed variants overlap"), std::string::npos, e);

        // A square outside the grid (a 10 x 10 grid: ids 1..100).
        const std::string outside = CreateTempDirFilename("milan-outside");
        WriteDays(outside, MilanRecordReader::Variant::CSV, first, 1, {5, 150}, 1);
        Ptr<MilanGrid> small = CreateObject<MilanGrid>();
        small->SetAttribute("Rows", UintegerValue(10));
        small->SetAttribute("Columns", UintegerValue(10));
        e = ErrorOf([&] { load(outside, small); });
        NS_TEST_ASSERT_MSG_NE(e.find(outside + "/sms-call-internet-mi-2013-11-04.csv:3: "
                                               "square id 150 is outside 1..100"),
                              std::string::npos,
                              "names the file, line and square: " << e);

        // A day missing between two others.
        const std::string gap = CreateTempDirFilename("milan-gap");
        WriteDays(gap, MilanRecordReader::Variant::TXT, first, 1, squares, 1);
        WriteDays(gap, MilanRecordReader::Variant::TXT, first.AddDays(2), 1, squares, 1);
        e = ErrorOf([&] { load(gap); });
        NS_TEST_ASSERT_MSG_NE(e.find(gap + ": no records for 2013-11-05"),
                              std::string::npos,
                              "names the directory and the day: " << e);

        // An OpenCelliD file with no station in the grid's area.
        const std::string rome = CreateTempDirFilename("rome_towers.csv");
        std::ofstream(rome) << "radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,"
                               "created,updated,averageSignal\n"
                               "LTE,222,1,1,1,0,12.49,41.89,500,1,1,0,0,0\n";
        e = ErrorOf(
            [&]
            {
                Ptr<MilanDataset> milan = CreateObject<MilanDataset>();
                milan->LoadDirectory(gap); // reads (the missing day fails only in Build())
                milan->LoadOpenCellId(rome);
            });
        NS_TEST_ASSERT_MSG_NE(e.find(rome + ": no station in the Milan grid's area"),
                              std::string::npos,
                              "names the OpenCelliD file: " << e);

        // Flags: each error names its flag.
        struct FlagCase
        {
            std::function<void(ScenarioFlags&)> set; //!< the bad setting
            std::string flag;                        //!< the flag named
        };

        const std::vector<FlagCase> flagCases = {
            {[&](ScenarioFlags& f) { f.milanDir = gap; }, "--slot"},
            {[&](ScenarioFlags& f) { f.openCellId = rome; }, "--opencellid"},
            {[&](ScenarioFlags& f) { f.milanServices = "internet"; }, "--milan-services"},
            {[&](ScenarioFlags& f)
             {
                 f.milanDir = gap;
                 f.milanServices = "internet,video";
             },
             "--milan-services"},
            {[&](ScenarioFlags& f)
             {
                 f.milanDir = gap;
                 f.traceFile = "trace.csv";
             },
             "--trace-file"},
            {[&](ScenarioFlags& f)
             {
                 f.milanDir = gap;
                 f.demandUnit = "Mbps2";
             },
             "--demand-unit"},
            {[&](ScenarioFlags& f)
             {
                 f.milanDir = gap;
                 f.days = 30;
             },
             "--days"},
        };
        for (const auto& c : flagCases)
        {
            ScenarioFlags flags;
            CommandLine cmd;
            flags.AddTo(cmd, ScenarioFlags::SCENARIO);
            c.set(flags);
            if (c.flag == "--slot")
            {
                // As if --slot=5min were given on the command line.
                char arg0[] = "test";
                char arg1[] = "--slot=5min";
                char* argv[] = {arg0, arg1};
                cmd.Parse(2, argv);
            }
            e = ErrorOf([&] { flags.Validate(); });
            NS_TEST_ASSERT_MSG_EQ(e.rfind(c.flag + ":", 0), 0, "names " << c.flag << ": " << e);
        }
    }
};

/**
 * \ingroup microscope-tests
 * The Milan path of the decomposition pipeline.
 */
class MilanMtdTestSuite : public TestSuite
{
public:
    MilanMtdTestSuite()
        : TestSuite("microscope-milan-mtd", UNIT)
    {
        AddTestCase(new MilanMtdTruthTestCase(MilanRecordReader::Variant::TXT), QUICK);
        AddTestCase(new MilanMtdTruthTestCase(MilanRecordReader::Variant::CSV), QUICK);
        AddTestCase(new MilanMtdMergeTestCase, QUICK);
        AddTestCase(new MilanMtdStationsTestCase, QUICK);
        AddTestCase(new MilanMtdPipelineTestCase, QUICK);
        AddTestCase(new MilanMtdBadInputTestCase, QUICK);
    }
};

/// The suite's instance.
static MilanMtdTestSuite g_milanMtdTestSuite;
