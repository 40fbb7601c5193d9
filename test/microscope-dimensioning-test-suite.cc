/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the datacenter dimensioning of the second paper: the three worked zones of its
 * Sec. IV-B (its worked table), the peak-hour choice and the --zone-stats CSV.
 */

#include "ns3/datacenter-dimensioning.h"
#include "ns3/double.h"
#include "ns3/input-error.h"
#include "ns3/test.h"
#include "ns3/zone-profile.h"

#include <cmath>
#include <fstream>

using namespace ns3;

/**
 * \ingroup microscope-tests
 * The paper's zones 6, 14 and 19 from their (g, f, P).
 */
class PaperZonesTestCase : public TestCase
{
public:
    PaperZonesTestCase()
        : TestCase("Paper zones 6, 14, 19: D, V, Gb per hour and cores as printed")
    {
    }

private:
    void DoRun() override
    {
        auto dim = CreateObject<DatacenterDimensioning>();

        struct Row
        {
            uint32_t zone;
            double g, f, p, d, v, gb;
            uint32_t cores;
        };

        // The printed table (the paper's Sec. IV-B).
        const Row rows[] = {{6, 27350.04, 7237.04, 0.95, 1.075, 37181, 290, 2},
                            {14, 133907.90, 34688.45, 0.80, 1.30, 219175, 1712, 12},
                            {19, 746016.40, 225068.60, 1.00, 1.00, 971085, 7586, 55}};
        for (const auto& row : rows)
        {
            ZoneStats s;
            s.zone = row.zone;
            s.g = row.g;
            s.f = row.f;
            s.p = row.p;
            DimensioningResult r = dim->Dimension(s);
            NS_TEST_ASSERT_MSG_EQ_TOL(r.multiplier, row.d, 1e-12, "D of zone " << row.zone);
            NS_TEST_ASSERT_MSG_EQ(std::llround(r.volumeMb),
                                  static_cast<long long>(row.v),
                                  "V (MB, rounded) of zone " << row.zone);
            // The paper prints Gb/h without decimals, truncated (7,586.6 is printed 7,586).
            NS_TEST_ASSERT_MSG_EQ(static_cast<long long>(std::floor(r.gbPerHour)),
                                  static_cast<long long>(row.gb),
                                  "Gb/h of zone " << row.zone);
            NS_TEST_ASSERT_MSG_EQ(r.cores, row.cores, "cores of zone " << row.zone);
            // Independent recomputation of the chain with the paper's constants.
            const double cores = row.d * (row.g + row.f) * 8 / 1024 / 3600 * 26;
            NS_TEST_ASSERT_MSG_EQ_TOL(r.coresExact, cores, 1e-9, "exact cores");
        }
        // The anchor points given in the paper: D = 1.6 at P = 0.6 and 1 at P = 1.
        NS_TEST_ASSERT_MSG_EQ_TOL(dim->GetMultiplier(0.6), 1.6, 1e-12, "D(0.6)");
        NS_TEST_ASSERT_MSG_EQ_TOL(dim->GetMultiplier(1.0), 1.0, 1e-12, "D(1)");
        // Only data-plane cores: 20 per Gbps.
        dim->SetAttribute("SdnCoresPerGbps", DoubleValue(0.0));
        ZoneStats s;
        s.g = 1024.0 * 3600 / 8; // 1 Gbps for an hour
        s.f = 0;
        s.p = 1;
        NS_TEST_ASSERT_MSG_EQ(dim->Dimension(s).cores, 20u, "1 Gbps needs 20 data-plane cores");
        s.p = 1.5;
        bool threw = false;
        try
        {
            dim->Dimension(s);
        }
        catch (const InputError&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "P above 1 is refused");
    }
};

/**
 * \ingroup microscope-tests
 * The peak hour is the largest mean + 1 std over both day types.
 */
class PeakHourTestCase : public TestCase
{
public:
    PeakHourTestCase()
        : TestCase("Peak hour: largest mean+1std over workdays and holidays")
    {
    }

private:
    void DoRun() override
    {
        ZoneProfile p;
        p.zone = 3;
        for (auto& hours : p.hours)
        {
            hours.resize(24);
            for (auto& h : hours)
            {
                h.days = 5;
                h.mean = 10;
                h.std = 1;
                h.meanPlus1Std = 11;
                h.pWithin1Std = 0.8;
            }
        }
        // Workday hour 18: mean+1std 150; holiday hour 8: 160, the largest.
        auto& w = p.hours[static_cast<size_t>(DayType::WORKDAY)][18];
        w.mean = 120;
        w.std = 30;
        w.meanPlus1Std = 150;
        auto& h = p.hours[static_cast<size_t>(DayType::HOLIDAY)][8];
        h.mean = 100;
        h.std = 60;
        h.meanPlus1Std = 160;
        h.pWithin1Std = 0.95;
        ZoneStats s = DatacenterDimensioning::SelectPeakHour(p);
        NS_TEST_ASSERT_MSG_EQ(s.zone, 3u, "zone kept");
        NS_TEST_ASSERT_MSG_EQ(s.hour, 8, "holiday hour 8");
        NS_TEST_ASSERT_MSG_EQ((int)s.type, (int)DayType::HOLIDAY, "holiday");
        NS_TEST_ASSERT_MSG_EQ_TOL(s.g, 100.0, 1e-12, "g is that hour's mean");
        NS_TEST_ASSERT_MSG_EQ_TOL(s.f, 60.0, 1e-12, "f is that hour's std");
        NS_TEST_ASSERT_MSG_EQ_TOL(s.p, 0.95, 1e-12, "P is that hour's P_h");
    }
};

/**
 * \ingroup microscope-tests
 * The --zone-stats CSV: parsing and every kind of bad input.
 */
class ZoneStatsFileTestCase : public TestCase
{
public:
    ZoneStatsFileTestCase()
        : TestCase("zone-stats CSV: parsing and bad input with file and line")
    {
    }

private:
    /// Write text to a temporary file and return its path.
    std::string Write(const std::string& name, const std::string& text)
    {
        const std::string path = CreateTempDirFilename(name);
        std::ofstream(path) << text;
        return path;
    }

    /// \return the error message of reading the file, or "" if it parsed.
    std::string Error(const std::string& path)
    {
        try
        {
            DatacenterDimensioning::ReadZoneStats(path);
        }
        catch (const InputError& e)
        {
            return e.what();
        }
        return "";
    }

    void DoRun() override
    {
        const std::string good = Write("stats.csv",
                                       "zone,g_mb,f_mb,p\n6,27350.04,7237.04,0.95\n# comment\n\n"
                                       "19, 746016.40 ,225068.60,1\n");
        auto stats = DatacenterDimensioning::ReadZoneStats(good);
        NS_TEST_ASSERT_MSG_EQ(stats.size(), 2u, "two zones");
        NS_TEST_ASSERT_MSG_EQ(stats[1].zone, 19u, "zone id");
        NS_TEST_ASSERT_MSG_EQ_TOL(stats[1].g, 746016.40, 1e-9, "g");
        NS_TEST_ASSERT_MSG_EQ_TOL(stats[0].f, 7237.04, 1e-9, "f");
        NS_TEST_ASSERT_MSG_EQ_TOL(stats[0].p, 0.95, 1e-12, "p");

        struct Bad
        {
            const char* name;
            const char* text;
            const char* expect; // a piece of the message
        };

        const Bad bad[] = {
            {"empty.csv", "", "empty"},
            {"header-only.csv", "zone,g_mb,f_mb,p\n", "no zone rows"},
            {"bad-header.csv", "zone,g,f,p\n1,2,3,0.5\n", ":1:"},
            {"columns.csv", "zone,g_mb,f_mb,p\n1,2,3\n", ":2:"},
            {"number.csv", "zone,g_mb,f_mb,p\n1,2,x3,0.5\n", ":2: column 'f_mb'"},
            {"zone.csv", "zone,g_mb,f_mb,p\n-1,2,3,0.5\n", ":2: column 'zone'"},
            {"p.csv", "zone,g_mb,f_mb,p\n1,2,3,0.5\n2,2,3,1.2\n", ":3: column 'p'"},
            {"negative.csv", "zone,g_mb,f_mb,p\n1,-2,3,0.5\n", ":2: column 'g_mb'"},
            {"twice.csv", "zone,g_mb,f_mb,p\n1,2,3,0.5\n1,2,3,0.5\n", ":3: zone 1 appears"},
            {"nan.csv", "zone,g_mb,f_mb,p\n1,nan,3,0.5\n", ":2:"},
        };
        for (const auto& b : bad)
        {
            const std::string path = Write(b.name, b.text);
            const std::string msg = Error(path);
            NS_TEST_ASSERT_MSG_NE(msg, "", b.name << " must be refused");
            NS_TEST_ASSERT_MSG_NE(msg.find(path),
                                  std::string::npos,
                                  "the message names the file: " << msg);
            NS_TEST_ASSERT_MSG_NE(msg.find(b.expect),
                                  std::string::npos,
                                  "'" << b.expect << "' in: " << msg);
        }
        NS_TEST_ASSERT_MSG_NE(Error(CreateTempDirFilename("missing.csv")),
                              "",
                              "a missing file is refused");
    }
};

/**
 * \ingroup microscope-tests
 * The dimensioning suite.
 */
class DimensioningTestSuite : public TestSuite
{
public:
    DimensioningTestSuite()
        : TestSuite("microscope-dimensioning", UNIT)
    {
        AddTestCase(new PaperZonesTestCase, TestCase::QUICK);
        AddTestCase(new PeakHourTestCase, TestCase::QUICK);
        AddTestCase(new ZoneStatsFileTestCase, TestCase::QUICK);
    }
};

static DimensioningTestSuite g_dimensioningTestSuite; //!< the suite
