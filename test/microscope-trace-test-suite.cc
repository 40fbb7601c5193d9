/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the demand traces: writing a TrafficSource to CSV and reading it back with
 * TraceTrafficSource, and every kind of bad trace input.
 */

#include "microscope-test-files.h"

#include "ns3/antenna-layout-helper.h"
#include "ns3/input-error.h"
#include "ns3/nstime.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/synthetic-traffic-generator.h"
#include "ns3/test.h"
#include "ns3/trace-traffic-source.h"
#include "ns3/traffic-trace-writer.h"
#include "ns3/uinteger.h"

#include <fstream>
#include <sstream>

using namespace ns3;
using namespace ns3::microscope_test;

namespace
{

/**
 * \param n number of antennas.
 * \param days horizon.
 * \return a small generator and its antenna ids.
 */
std::pair<Ptr<SyntheticTrafficGenerator>, std::vector<std::string>>
MakeSource(uint32_t n, uint32_t days)
{
    AntennaLayoutHelper helper;
    helper.SetGeneratorAttribute("NumAntennas", UintegerValue(n));
    helper.AssignStreams(1);
    auto gen = CreateObject<SyntheticTrafficGenerator>();
    gen->SetAttribute("Days", UintegerValue(days));
    gen->SetAntennaPositions(helper.Generate());
    gen->AssignStreams(100);
    std::vector<std::string> ids;
    for (uint32_t a = 0; a < n; ++a)
    {
        ids.push_back("cell-" + std::to_string(1000 + 7 * a));
    }
    return {gen, ids};
}

} // namespace

/**
 * \ingroup microscope-tests
 * Writing a source and reading the trace back gives the same demand (as float).
 */
class TraceRoundTripTestCase : public TestCase
{
public:
    TraceRoundTripTestCase()
        : TestCase("TrafficTraceWriter and TraceTrafficSource round trip is exact as float")
    {
    }

private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        auto [gen, ids] = MakeSource(12, 1);
        const std::string path = CreateTempDirFilename("trace.csv");
        const uint64_t first = 10;
        const uint64_t count = 25;
        TrafficTraceWriter::Write(gen, path, first, count, ids);

        // The header and the first line, checked by hand.
        std::ifstream in(path);
        std::string header;
        std::string line;
        std::getline(in, header);
        std::getline(in, line);
        NS_TEST_ASSERT_MSG_EQ(header, "time_s,antenna,service,mbps", "header");
        NS_TEST_ASSERT_MSG_EQ(line.substr(0, 23), "3000,cell-1000,YouTube,", "first line");

        for (bool withIds : {true, false})
        {
            auto trace = CreateObject<TraceTrafficSource>();
            if (withIds)
            {
                trace->SetAntennaIds(ids);
            }
            trace->Load(path);
            NS_TEST_ASSERT_MSG_EQ(trace->GetNSlots(), first + count, "slots up to the last");
            NS_TEST_ASSERT_MSG_EQ(trace->GetNAntennas(), 12, "antennas");
            NS_TEST_ASSERT_MSG_EQ(trace->GetAntennaIds()[5], ids[5], "ids in file order");
            DemandMatrix expected;
            DemandMatrix loaded;
            trace->GetDemand(first - 1, loaded);
            NS_TEST_ASSERT_MSG_EQ(loaded.Total(), 0.0, "slots before the first are 0");
            bool exact = true;
            for (uint64_t t = first; t < first + count; ++t)
            {
                gen->GetDemand(t, expected);
                trace->GetDemand(t, loaded);
                for (uint32_t s = 0; s < expected.GetNServices(); ++s)
                {
                    for (uint32_t a = 0; a < expected.GetNNodes(); ++a)
                    {
                        exact = exact && loaded(s, a) == static_cast<double>(
                                                             static_cast<float>(expected(s, a)));
                    }
                }
            }
            NS_TEST_ASSERT_MSG_EQ(exact, true, "every value equals the source's as float");
            bool threw = false;
            try
            {
                trace->GetDemand(first + count, loaded);
            }
            catch (const InputError&)
            {
                threw = true;
            }
            NS_TEST_ASSERT_MSG_EQ(threw, true, "slot beyond the trace");
        }

        // Missing entries are 0; an hourly calendar.
        const std::string sparse = CreateTempDirFilename("sparse.csv");
        WriteFile(sparse, "time_s,antenna,service,mbps\n0,x,Spotify,1.5\n7200,y,Google,2\n");
        auto trace = CreateObject<TraceTrafficSource>();
        auto cal = CreateObject<TrafficCalendar>();
        cal->SetSlotDuration(Hours(1));
        trace->SetCalendar(cal);
        trace->Load(sparse);
        NS_TEST_ASSERT_MSG_EQ(trace->GetNSlots(), 3, "three hourly slots");
        DemandMatrix d;
        trace->GetDemand(0, d);
        NS_TEST_ASSERT_MSG_EQ(d(1, 0), 1.5, "Spotify at x");
        NS_TEST_ASSERT_MSG_EQ(d.Total(), 1.5, "the rest is 0");
        trace->GetDemand(1, d);
        NS_TEST_ASSERT_MSG_EQ(d.Total(), 0.0, "a slot without rows is 0");
        trace->GetDemand(2, d);
        NS_TEST_ASSERT_MSG_EQ(d(4, 1), 2.0, "Google at y");

        // Writer errors.
        bool threw = false;
        try
        {
            TrafficTraceWriter::Write(gen, path, 0, 5, std::vector<std::string>(3, "a"));
        }
        catch (const InputError&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "wrong number of ids");
        threw = false;
        try
        {
            TrafficTraceWriter::Write(gen, path, 280, 20, ids);
        }
        catch (const InputError&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "slots beyond the source");
    }
};

/**
 * \ingroup microscope-tests
 * Bad traces are InputErrors naming file and line.
 */
class TraceErrorsTestCase : public TestCase
{
public:
    TraceErrorsTestCase()
        : TestCase("TraceTrafficSource bad input names file and line")
    {
    }

private:
    /**
     * Check that loading fails with a message holding the file, a location and a phrase.
     * \param content the file content.
     * \param where the expected location, e.g. ":3:" (or "" for whole-file errors).
     * \param phrase a phrase of the expected message.
     * \param what description.
     */
    void Expect(const std::string& content,
                const std::string& where,
                const std::string& phrase,
                const std::string& what)
    {
        const std::string path = CreateTempDirFilename("bad-trace.csv");
        WriteFile(path, content);
        auto trace = CreateObject<TraceTrafficSource>();
        trace->SetAntennaIds({"a1", "a2"});
        std::string message;
        try
        {
            trace->Load(path);
        }
        catch (const InputError& e)
        {
            message = e.what();
        }
        NS_TEST_EXPECT_MSG_EQ(message.empty(), false, what << ": no error");
        NS_TEST_EXPECT_MSG_EQ((message.find(path + where) != std::string::npos),
                              true,
                              what << ": message '" << message << "' lacks '" << path << where
                                   << "'");
        NS_TEST_EXPECT_MSG_EQ((message.find(phrase) != std::string::npos),
                              true,
                              what << ": message '" << message << "' lacks '" << phrase << "'");
    }

    void DoRun() override
    {
        const std::string h = "time_s,antenna,service,mbps\n";
        Expect("0,a1,YouTube,1\n", ":1:", "header", "missing header");
        Expect("time,antenna,service,mbps\n0,a1,YouTube,1\n", ":1:", "header", "bad header");
        Expect(h + "0,a1,YouTube,1\n0,a2,YouTube\n", ":3:", "expected 4 fields", "short row");
        Expect(h + "0,a1,YouTube,1,2\n", ":2:", "expected 4 fields", "long row");
        Expect(h + "0,a1,Netflix,1\n", ":2:", "unknown service", "unknown service");
        Expect(h + "0,a1,YouTube,1\n0,b7,YouTube,1\n", ":3:", "unknown antenna", "unknown id");
        Expect(h + "0,a1,YouTube,-0.5\n", ":2:", "negative demand", "negative demand");
        Expect(h + "0,a1,YouTube,nan\n", ":2:", "mbps", "NaN demand");
        Expect(h + "0,a1,YouTube,inf\n", ":2:", "mbps", "infinite demand");
        Expect(h + "0,a1,YouTube,lots\n", ":2:", "mbps", "non-numeric demand");
        Expect(h + "0,a1,YouTube,1\n150,a1,YouTube,1\n", ":3:", "multiple", "time off slot");
        Expect(h + "-300,a1,YouTube,1\n", ":2:", "negative", "negative time");
        Expect(h + "noon,a1,YouTube,1\n", ":2:", "time_s", "non-numeric time");
        Expect(h + "600,a1,YouTube,1\n300,a1,YouTube,1\n", ":3:", "earlier", "decreasing time");
        Expect(h + "300,a1,YouTube,1\n300,a2,YouTube,1\n300,a1,YouTube,2\n",
               ":4:",
               "first on line 2",
               "duplicate row");
        Expect("", "", "empty", "empty file");
        Expect(h, "", "no data rows", "header only");
        // The same (antenna, service) at another time is not a duplicate.
        const std::string path = CreateTempDirFilename("ok-trace.csv");
        WriteFile(path, h + "0,a1,YouTube,1\n300,a1,YouTube,2\n");
        auto trace = CreateObject<TraceTrafficSource>();
        trace->SetAntennaIds({"a1", "a2"});
        trace->Load(path);
        NS_TEST_ASSERT_MSG_EQ(trace->GetNSlots(), 2, "two slots");
    }
};

/**
 * \ingroup microscope-tests
 * The trace test suite.
 */
class MicroscopeTraceTestSuite : public TestSuite
{
public:
    MicroscopeTraceTestSuite()
        : TestSuite("microscope-trace", UNIT)
    {
        AddTestCase(new TraceRoundTripTestCase, TestCase::QUICK);
        AddTestCase(new TraceErrorsTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static MicroscopeTraceTestSuite g_microscopeTraceTestSuite;
