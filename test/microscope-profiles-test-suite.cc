/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the hourly zone profiles (mean, std, max, mean+1std, mean+2std, P_h; holidays and
 * workdays apart) on hand-made series, and of the whole zone pipeline on a tiny input.
 */

#include "ns3/boolean.h"
#include "ns3/day-classifier.h"
#include "ns3/hourly-volume.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"
#include "ns3/zone-planner.h"
#include "ns3/zone-profiler.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{
/// 2013-11-04 (Monday) to 2013-11-10 (Sunday): five workdays, then a weekend.
std::vector<CivilDate>
Week()
{
    std::vector<CivilDate> days;
    for (int d = 0; d < 7; ++d)
    {
        days.push_back(CivilDate(2013, 11, 4).AddDays(d));
    }
    return days;
}
} // namespace

/**
 * \ingroup microscope-tests
 * The statistics of one hour, by hand.
 */
class HourStatisticsTestCase : public TestCase
{
public:
    HourStatisticsTestCase()
        : TestCase("Profile statistics and P_h on a hand-made week")
    {
    }

private:
    void DoRun() override
    {
        HourlyVolume v(1, Week());
        v.Classify(CreateObject<DayClassifier>());
        NS_TEST_ASSERT_MSG_EQ(v.GetDaysOfType(DayType::HOLIDAY).size(), 2u, "the weekend");
        for (uint32_t h = 0; h < v.GetNHours(); ++h)
        {
            v(0, h) = 50; // constant everywhere else
        }
        const double workday9[] = {10, 20, 30, 40, 100};
        for (uint32_t d = 0; d < 5; ++d)
        {
            v(0, d * 24 + 9) = workday9[d];
        }
        v(0, 5 * 24 + 9) = 5; // Saturday
        v(0, 6 * 24 + 9) = 7; // Sunday

        auto profiler = CreateObject<ZoneProfiler>();
        const auto profiles = profiler->Compute(v);
        NS_TEST_ASSERT_MSG_EQ(profiles.size(), 1u, "one zone");
        const HourStatistics& w = profiles[0].Get(DayType::WORKDAY, 9);
        // mean 40; squared deviations 900 + 400 + 100 + 0 + 3600 = 5000; sample std
        // sqrt(5000 / 4) = 35.355; mean + 1 std = 75.355 (only 100 is above: P = 4/5);
        // mean + 2 std = 110.71 (none above).
        NS_TEST_ASSERT_MSG_EQ(w.days, 5u, "five workdays");
        NS_TEST_ASSERT_MSG_EQ_TOL(w.mean, 40.0, 1e-12, "mean");
        NS_TEST_ASSERT_MSG_EQ_TOL(w.std, std::sqrt(1250.0), 1e-12, "sample std");
        NS_TEST_ASSERT_MSG_EQ_TOL(w.max, 100.0, 1e-12, "max");
        NS_TEST_ASSERT_MSG_EQ_TOL(w.meanPlus1Std, 40 + std::sqrt(1250.0), 1e-12, "mean+1std");
        NS_TEST_ASSERT_MSG_EQ_TOL(w.meanPlus2Std, 40 + 2 * std::sqrt(1250.0), 1e-12, "mean+2std");
        NS_TEST_ASSERT_MSG_EQ_TOL(w.pWithin1Std, 0.8, 1e-12, "P_h");
        NS_TEST_ASSERT_MSG_EQ_TOL(w.pWithin2Std, 1.0, 1e-12, "share within 2 std");
        // The weekend is kept apart: 5 and 7, mean 6, sample std sqrt(2).
        const HourStatistics& hol = profiles[0].Get(DayType::HOLIDAY, 9);
        NS_TEST_ASSERT_MSG_EQ(hol.days, 2u, "two holidays");
        NS_TEST_ASSERT_MSG_EQ_TOL(hol.mean, 6.0, 1e-12, "holiday mean");
        NS_TEST_ASSERT_MSG_EQ_TOL(hol.std, std::sqrt(2.0), 1e-12, "holiday std");
        NS_TEST_ASSERT_MSG_EQ_TOL(hol.pWithin1Std, 1.0, 1e-12, "holiday P_h");
        // A constant hour: std 0 and P_h = 1.
        const HourStatistics& c = profiles[0].Get(DayType::WORKDAY, 3);
        NS_TEST_ASSERT_MSG_EQ_TOL(c.std, 0.0, 1e-12, "constant: std 0");
        NS_TEST_ASSERT_MSG_EQ_TOL(c.pWithin1Std, 1.0, 1e-12, "constant: P_h = 1");

        // Population std: sqrt(5000 / 5).
        profiler->SetAttribute("UnbiasedStd", BooleanValue(false));
        const HourStatistics pw = profiler->Compute(v)[0].Get(DayType::WORKDAY, 9);
        NS_TEST_ASSERT_MSG_EQ_TOL(pw.std, std::sqrt(1000.0), 1e-12, "population std");

        // A day that moves to the holidays changes both profiles.
        auto classifier = CreateObject<DayClassifier>();
        classifier->SetHolidayDates({CivilDate(2013, 11, 8)}); // the Friday with 100
        v.Classify(classifier);
        const auto moved = profiler->Compute(v)[0];
        NS_TEST_ASSERT_MSG_EQ(moved.Get(DayType::WORKDAY, 9).days, 4u, "four workdays left");
        NS_TEST_ASSERT_MSG_EQ_TOL(moved.Get(DayType::WORKDAY, 9).max, 40.0, 1e-12, "max moved");
        NS_TEST_ASSERT_MSG_EQ_TOL(moved.Get(DayType::HOLIDAY, 9).max, 100.0, 1e-12, "to holidays");

        // {0, 0, 1, 1}: mean 0.5, sample std 0.577, mean + 1 std = 1.077: all four within.
        // {0, 0, 0, 4}: mean 1, sample std 2, mean + 1 std = 3: three of four within.
        profiler->SetAttribute("UnbiasedStd", BooleanValue(true));
        NS_TEST_ASSERT_MSG_EQ_TOL(profiler->ComputeHour({0, 0, 1, 1}).pWithin1Std,
                                  1.0,
                                  1e-12,
                                  "{0,0,1,1}");
        NS_TEST_ASSERT_MSG_EQ_TOL(profiler->ComputeHour({0, 0, 0, 4}).pWithin1Std,
                                  0.75,
                                  1e-12,
                                  "{0,0,0,4}");
        NS_TEST_ASSERT_MSG_EQ(profiler->ComputeHour({}).days, 0u, "no day");
    }
};

/**
 * \ingroup microscope-tests
 * The whole pipeline on six stations in two clear groups.
 */
class ZonePipelineTestCase : public TestCase
{
public:
    ZonePipelineTestCase()
        : TestCase("Zone pipeline: zones, datacenters, zone volumes, dimensioning, outputs")
    {
    }

private:
    void DoRun() override
    {
        HourlyVolume v(6, Week());
        v.Classify(CreateObject<DayClassifier>());
        v.SetPositions({Vector(0, 0, 0),
                        Vector(100, 0, 0),
                        Vector(0, 100, 0),
                        Vector(5000, 5000, 0),
                        Vector(5100, 5000, 0),
                        Vector(5000, 5100, 0)});
        for (uint32_t s = 0; s < 6; ++s)
        {
            for (uint32_t h = 0; h < v.GetNHours(); ++h)
            {
                v(s, h) = (s + 1) * (1 + (h % 24)) + (h / 24);
            }
        }
        auto planner = CreateObject<ZonePlanner>();
        planner->SetAttribute("Zones", UintegerValue(2));
        planner->GetKMeans()->SetAttribute("MaxK", UintegerValue(4));
        planner->AssignStreams(1);
        ZonePlan plan = planner->Plan(v);
        NS_TEST_ASSERT_MSG_EQ(plan.zones.k, 2u, "forced k");
        NS_TEST_ASSERT_MSG_EQ(plan.elbow.size(), 4u, "elbow curve k = 1..4 still written");
        NS_TEST_ASSERT_MSG_EQ((plan.zones.assignment == std::vector<uint32_t>{0, 0, 0, 1, 1, 1}),
                              true,
                              "the two groups");
        // Zone 0 volume = stations 0..2 summed.
        bool sums = true;
        for (uint32_t h = 0; h < v.GetNHours(); ++h)
        {
            sums = sums && std::abs(plan.zoneVolume(0, h) - (v(0, h) + v(1, h) + v(2, h))) < 1e-9;
        }
        NS_TEST_ASSERT_MSG_EQ(sums, true, "zone volume is the sum of its stations");
        // Zone 1: stations 3, 4, 5 with volumes rising with the index: weights 0, 0.5, 1. The
        // busiest station carries 1 against 0.5, so the Weber point is station 5.
        NS_TEST_ASSERT_MSG_EQ(plan.datacenters[1].stations, 3u, "three stations");
        NS_TEST_ASSERT_MSG_LT(std::hypot(plan.datacenters[1].position.x - 5000,
                                         plan.datacenters[1].position.y - 5100),
                              1e-6,
                              "datacenter on the busiest station");
        double total1 = 0;
        for (uint32_t s = 3; s < 6; ++s)
        {
            total1 += v.GetNodeTotals()[s];
        }
        NS_TEST_ASSERT_MSG_EQ_TOL(plan.datacenters[1].totalMb, total1, 1e-6, "zone total");
        // The peak is hour 23 of a workday (the volumes grow with the hour and the day).
        NS_TEST_ASSERT_MSG_EQ(plan.peaks[0].hour, 23, "peak hour");
        const auto& s23 = plan.profiles[0].Get(plan.peaks[0].type, 23);
        NS_TEST_ASSERT_MSG_EQ_TOL(plan.dimensioning[0].g, s23.mean, 1e-9, "g");
        NS_TEST_ASSERT_MSG_EQ_TOL(plan.dimensioning[0].volumeMb,
                                  (1 - 0.6 * (s23.pWithin1Std - 1) / 0.4) * (s23.mean + s23.std),
                                  1e-9,
                                  "V");

        const std::string dir = CreateTempDirFilename("zone-out");
        ZonePlanner::WriteOutputs(dir, v, plan, "{}\n");
        for (const char* f : {"zones.csv",
                              "datacenters.csv",
                              "profiles.csv",
                              "dimensioning.csv",
                              "elbow.csv",
                              "forecast.json"})
        {
            NS_TEST_ASSERT_MSG_EQ(std::filesystem::exists(dir + "/" + f), true, f);
        }
        uint32_t partial = 0;
        for (const auto& e : std::filesystem::directory_iterator(dir))
        {
            partial += e.path().extension() == ".partial" ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_EQ(partial, 0u, "no temporary file left");
        std::ifstream zones(dir + "/zones.csv");
        std::string header;
        std::getline(zones, header);
        NS_TEST_ASSERT_MSG_EQ(header, "station,x_m,y_m,zone", "zones.csv header");
        std::ifstream dim(dir + "/dimensioning.csv");
        std::getline(dim, header);
        NS_TEST_ASSERT_MSG_EQ(header,
                              "zone,g_mb,f_mb,p,d,v_mb,gb_per_hour,cores",
                              "dimensioning.csv header");
        // Values, read back: every station once with its zone (the two groups above); zone 1's
        // datacenter with its three stations and their total volume; zone 0's g, and V = d (g
        // + f) with d = 1 - 0.6 (p - 1) / 0.4, both at the files' two decimals.
        auto split = [](const std::string& line)
        {
            std::vector<std::string> f;
            std::stringstream in(line);
            std::string field;
            while (std::getline(in, field, ','))
            {
                f.push_back(field);
            }
            return f;
        };
        std::string line;
        std::vector<uint32_t> zoneOf;
        while (std::getline(zones, line))
        {
            const auto f = split(line);
            NS_TEST_ASSERT_MSG_EQ(f.size(), 4, "zones.csv row " << line);
            if (f.size() == 4)
            {
                NS_TEST_ASSERT_MSG_EQ(std::stoul(f[0]), zoneOf.size(), "stations in order");
                zoneOf.push_back(std::stoul(f[3]));
            }
        }
        NS_TEST_ASSERT_MSG_EQ((zoneOf == std::vector<uint32_t>{0, 0, 0, 1, 1, 1}),
                              true,
                              "zones.csv: the six stations and their zones");
        std::ifstream dcs(dir + "/datacenters.csv");
        std::getline(dcs, header);
        NS_TEST_ASSERT_MSG_EQ(header, "zone,x_m,y_m,stations,total_mb", "datacenters.csv header");
        uint32_t dcRows = 0;
        while (std::getline(dcs, line))
        {
            const auto f = split(line);
            ++dcRows;
            if (f.size() == 5 && f[0] == "1")
            {
                NS_TEST_ASSERT_MSG_EQ(f[3], "3", "zone 1: three stations");
                NS_TEST_ASSERT_MSG_EQ_TOL(std::stod(f[4]), total1, 0.006, "zone 1 total_mb");
                NS_TEST_ASSERT_MSG_EQ_TOL(std::stod(f[1]), 5000.0, 0.006, "zone 1 x_m");
            }
        }
        NS_TEST_ASSERT_MSG_EQ(dcRows, 2, "one datacenter per zone");
        uint32_t dimRows = 0;
        while (std::getline(dim, line))
        {
            const auto f = split(line);
            ++dimRows;
            NS_TEST_ASSERT_MSG_EQ(f.size(), 8, "dimensioning.csv row " << line);
            if (f.size() != 8)
            {
                continue;
            }
            const double g = std::stod(f[1]);
            const double fm = std::stod(f[2]);
            const double p = std::stod(f[3]);
            const double d = std::stod(f[4]);
            NS_TEST_ASSERT_MSG_EQ_TOL(d, 1 - 0.6 * (p - 1) / 0.4, 1e-4, "d from p");
            NS_TEST_ASSERT_MSG_EQ_TOL(std::stod(f[5]),
                                      d * (g + fm),
                                      0.02 + 5e-5 * (g + fm),
                                      "V = d(g+f)");
            if (f[0] == "0")
            {
                NS_TEST_ASSERT_MSG_EQ_TOL(g, plan.dimensioning[0].g, 0.006, "zone 0 g_mb");
            }
        }
        NS_TEST_ASSERT_MSG_EQ(dimRows, 2, "one dimensioning row per zone");
    }
};

/**
 * \ingroup microscope-tests
 * The profiles suite.
 */
class ProfilesTestSuite : public TestSuite
{
public:
    ProfilesTestSuite()
        : TestSuite("microscope-profiles", UNIT)
    {
        AddTestCase(new HourStatisticsTestCase, TestCase::QUICK);
        AddTestCase(new ZonePipelineTestCase, TestCase::QUICK);
    }
};

static ProfilesTestSuite g_profilesTestSuite; //!< the suite
