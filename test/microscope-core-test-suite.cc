/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the module's basic data structures: demand matrices, aggregate histories, the
 * calendar, CSV reading and the decomposition constraints.
 */

#include "ns3/aggregate-history.h"
#include "ns3/csv-table-reader.h"
#include "ns3/decomposer.h"
#include "ns3/demand-matrix.h"
#include "ns3/input-error.h"
#include "ns3/network-level.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/traffic-calendar.h"
#include "ns3/uinteger.h"

#include <cstdio>
#include <fstream>

using namespace ns3;

/**
 * \ingroup microscope-tests
 * DemandMatrix sums and layout.
 */
class DemandMatrixTestCase : public TestCase
{
public:
    DemandMatrixTestCase()
        : TestCase("DemandMatrix totals, aggregates and layout")
    {
    }

private:
    void DoRun() override
    {
        DemandMatrix m(3, 2);
        m(0, 0) = 1;
        m(1, 0) = 2;
        m(2, 0) = 3;
        m(0, 1) = 10;
        m(2, 1) = 5;
        NS_TEST_ASSERT_MSG_EQ_TOL(m.NodeTotal(0), 6.0, 1e-12, "node 0 total");
        NS_TEST_ASSERT_MSG_EQ_TOL(m.NodeTotal(1), 15.0, 1e-12, "node 1 total");
        NS_TEST_ASSERT_MSG_EQ_TOL(m.ServiceTotal(0), 11.0, 1e-12, "service 0 total");
        NS_TEST_ASSERT_MSG_EQ_TOL(m.Total(), 21.0, 1e-12, "total");
        auto agg = m.Aggregate();
        NS_TEST_ASSERT_MSG_EQ(agg.size(), 2, "one aggregate per node");
        NS_TEST_ASSERT_MSG_EQ_TOL(agg[1], 15.0, 1e-12, "aggregate of node 1");
        // Service-major layout: entry (s, n) at s * nodes + n.
        NS_TEST_ASSERT_MSG_EQ_TOL(m.Data()[2 * 2 + 1], 5.0, 1e-12, "service-major layout");
        DemandMatrix twice = m;
        twice += m;
        NS_TEST_ASSERT_MSG_EQ_TOL(twice.Total(), 42.0, 1e-12, "operator+=");
        twice *= 0.5;
        NS_TEST_ASSERT_MSG_EQ((twice == m), true, "operator*= undoes the doubling");
    }
};

/**
 * \ingroup microscope-tests
 * AggregateHistory keeps the last T snapshots in order and pads while filling.
 */
class AggregateHistoryTestCase : public TestCase
{
public:
    AggregateHistoryTestCase()
        : TestCase("AggregateHistory ring order and padding")
    {
    }

private:
    void DoRun() override
    {
        AggregateHistory h;
        h.Reset(3, 2);
        h.Push({1, 2});
        NS_TEST_ASSERT_MSG_EQ(h.IsFull(), false, "not full after one push");
        std::vector<float> window(6);
        h.CopyTo(window.data());
        NS_TEST_ASSERT_MSG_EQ(window[0], 1.0f, "padding repeats the oldest snapshot");
        NS_TEST_ASSERT_MSG_EQ(window[5], 2.0f, "newest last");
        h.Push({3, 4});
        h.Push({5, 6});
        h.Push({7, 8});
        NS_TEST_ASSERT_MSG_EQ(h.IsFull(), true, "full after T pushes");
        NS_TEST_ASSERT_MSG_EQ(h.Get(0)[0], 3.0, "oldest dropped");
        NS_TEST_ASSERT_MSG_EQ(h.Newest()[1], 8.0, "newest");
        h.CopyTo(window.data());
        NS_TEST_ASSERT_MSG_EQ(window[0], 3.0f, "window starts at the oldest");
        NS_TEST_ASSERT_MSG_EQ(window[4], 7.0f, "window ends at the newest");
    }
};

/**
 * \ingroup microscope-tests
 * TrafficCalendar day indices, weekdays, holidays and validation.
 */
class TrafficCalendarTestCase : public TestCase
{
public:
    TrafficCalendarTestCase()
        : TestCase("TrafficCalendar days, weekdays, holidays and slot validation")
    {
    }

private:
    void DoRun() override
    {
        auto cal = CreateObject<TrafficCalendar>();
        NS_TEST_ASSERT_MSG_EQ(cal->GetSlotsPerDay(), 288, "5-minute slots");
        NS_TEST_ASSERT_MSG_EQ(cal->GetDayIndex(288 * 3 + 5), 3, "day index");
        NS_TEST_ASSERT_MSG_EQ(cal->GetSlotOfDay(288 * 3 + 5), 5, "slot of day");
        NS_TEST_ASSERT_MSG_EQ_TOL(cal->GetHourOfDay(12 * 13), 13.0, 1e-12, "hour of day");
        NS_TEST_ASSERT_MSG_EQ((int)cal->GetDayType(4), (int)DayType::WORKDAY, "Friday");
        NS_TEST_ASSERT_MSG_EQ((int)cal->GetDayType(5), (int)DayType::HOLIDAY, "Saturday");
        cal->SetAttribute("Holidays", StringValue("2, 9"));
        NS_TEST_ASSERT_MSG_EQ((int)cal->GetDayType(2), (int)DayType::HOLIDAY, "listed holiday");
        NS_TEST_ASSERT_MSG_EQ((int)cal->GetDayType(3), (int)DayType::WORKDAY, "not listed");
        cal->SetAttribute("StartWeekday", UintegerValue(6));
        NS_TEST_ASSERT_MSG_EQ((int)cal->GetDayType(0), (int)DayType::HOLIDAY, "day 0 Sunday");
        NS_TEST_ASSERT_MSG_EQ((int)cal->GetDayType(1), (int)DayType::WORKDAY, "day 1 Monday");
        bool threw = false;
        try
        {
            cal->SetSlotDuration(Minutes(7));
        }
        catch (const InputError& e)
        {
            threw = std::string(e.what()).find("SlotDuration") != std::string::npos;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "a slot that does not divide a day names the attribute");
        threw = false;
        try
        {
            cal->SetSlotDuration(Seconds(0));
        }
        catch (const InputError& e)
        {
            threw = std::string(e.what()).find("positive") != std::string::npos;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "a zero slot is refused");
        NS_TEST_ASSERT_MSG_EQ(cal->SetAttributeFailSafe("SlotDuration", TimeValue(Seconds(-5))),
                              false,
                              "the range checker refuses a negative slot");
    }
};

/**
 * \ingroup microscope-tests
 * CsvTableReader errors name the file, the line and the column.
 */
class CsvTableReaderTestCase : public TestCase
{
public:
    CsvTableReaderTestCase()
        : TestCase("CsvTableReader skips comments and names file, line and column in errors")
    {
    }

private:
    void DoRun() override
    {
        const std::string path = CreateTempDirFilename("reader.csv");
        {
            std::ofstream out(path);
            out << "# comment\n\na,b\n1, 2.5 \nx,3\n";
        }
        CsvTableReader reader(path);
        NS_TEST_ASSERT_MSG_EQ(reader.Next(), true, "header");
        NS_TEST_ASSERT_MSG_EQ(reader.GetLine(), 3, "comments and blank lines skipped");
        NS_TEST_ASSERT_MSG_EQ(reader.Next(), true, "row");
        NS_TEST_ASSERT_MSG_EQ_TOL(reader.GetDouble(1, "b"), 2.5, 1e-12, "trimmed number");
        NS_TEST_ASSERT_MSG_EQ(reader.Next(), true, "bad row");
        std::string message;
        try
        {
            reader.GetDouble(0, "a");
        }
        catch (const InputError& e)
        {
            message = e.what();
        }
        NS_TEST_ASSERT_MSG_EQ(message,
                              path + ":5: column 'a': 'x' is not a finite number",
                              "message names file, line and column");
        double v;
        NS_TEST_ASSERT_MSG_EQ(CsvTableReader::ParseDouble("nan", v), false, "NaN refused");
        NS_TEST_ASSERT_MSG_EQ(CsvTableReader::ParseDouble("1e400", v), false, "overflow refused");
        NS_TEST_ASSERT_MSG_EQ(CsvTableReader::ParseDouble("3x", v), false, "trailing text refused");
        bool threw = false;
        try
        {
            CsvTableReader missing(path + ".does-not-exist");
        }
        catch (const InputError&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "a missing file is an InputError");
        std::remove(path.c_str());
    }
};

/**
 * \ingroup microscope-tests
 * Decomposer::EnforceConstraints makes estimates non-negative and summing to the aggregate.
 */
class EnforceConstraintsTestCase : public TestCase
{
public:
    EnforceConstraintsTestCase()
        : TestCase("Decomposer::EnforceConstraints clamps and renormalises")
    {
    }

private:
    void DoRun() override
    {
        DemandMatrix e(3, 3);
        // Node 0: feasible already. Node 1: a negative entry. Node 2: all zero.
        e(0, 0) = 1;
        e(1, 0) = 2;
        e(2, 0) = 3;
        e(0, 1) = -1;
        e(1, 1) = 1;
        e(2, 1) = 3;
        std::vector<double> aggregate = {6, 8, 9};
        uint32_t repaired = Decomposer::EnforceConstraints(aggregate, e);
        NS_TEST_ASSERT_MSG_EQ(repaired, 2, "two nodes repaired");
        NS_TEST_ASSERT_MSG_EQ(e(0, 1), 0.0, "negative clamped to 0");
        NS_TEST_ASSERT_MSG_EQ_TOL(e(1, 1), 2.0, 1e-12, "rescaled to the aggregate");
        NS_TEST_ASSERT_MSG_EQ_TOL(e(2, 1), 6.0, 1e-12, "rescaled to the aggregate");
        NS_TEST_ASSERT_MSG_EQ_TOL(e(1, 2), 3.0, 1e-12, "all-zero node spread evenly");
        for (uint32_t n = 0; n < 3; ++n)
        {
            NS_TEST_ASSERT_MSG_EQ_TOL(e.NodeTotal(n), aggregate[n], 1e-9, "sums to aggregate");
        }
    }
};

/**
 * \ingroup microscope-tests
 * Network level names.
 */
class NetworkLevelTestCase : public TestCase
{
public:
    NetworkLevelTestCase()
        : TestCase("NetworkLevel names round-trip and unknown names are refused")
    {
    }

private:
    void DoRun() override
    {
        for (auto level : ALL_NETWORK_LEVELS)
        {
            NS_TEST_ASSERT_MSG_EQ((int)NetworkLevelFromName(NetworkLevelName(level)),
                                  (int)level,
                                  "round trip");
        }
        NS_TEST_ASSERT_MSG_EQ((int)NetworkLevelFromName("C-RAN"),
                              (int)NetworkLevel::CRAN,
                              "C-RAN accepted");
        bool threw = false;
        try
        {
            NetworkLevelFromName("edge");
        }
        catch (const InputError&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "unknown level refused");
    }
};

/**
 * \ingroup microscope-tests
 * The core suite.
 */
class MicroscopeCoreTestSuite : public TestSuite
{
public:
    MicroscopeCoreTestSuite()
        : TestSuite("microscope-core", UNIT)
    {
        AddTestCase(new DemandMatrixTestCase, TestCase::QUICK);
        AddTestCase(new AggregateHistoryTestCase, TestCase::QUICK);
        AddTestCase(new TrafficCalendarTestCase, TestCase::QUICK);
        AddTestCase(new CsvTableReaderTestCase, TestCase::QUICK);
        AddTestCase(new EnforceConstraintsTestCase, TestCase::QUICK);
        AddTestCase(new NetworkLevelTestCase, TestCase::QUICK);
    }
};

/// The suite's single instance.
static MicroscopeCoreTestSuite g_microscopeCoreTestSuite;
