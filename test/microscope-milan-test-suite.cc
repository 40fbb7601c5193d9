/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the real-data loaders on sample files written here: the Telecom Italia Milan
 * activity files in both formats, the Milan grid (regular and GeoJSON), OpenCelliD, the
 * square-to-station mapping, the dates and holidays of the Milan period, and every kind of
 * bad input.
 */

#include "microscope-test-files.h"

#include "ns3/boolean.h"
#include "ns3/civil-date.h"
#include "ns3/day-classifier.h"
#include "ns3/double.h"
#include "ns3/input-error.h"
#include "ns3/integer.h"
#include "ns3/milan-grid.h"
#include "ns3/milan-traffic-loader.h"
#include "ns3/open-cell-id-loader.h"
#include "ns3/station-traffic-mapper.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>

using namespace ns3;
using namespace ns3::microscope_test;

namespace
{

/// Great-circle distance (haversine) in metres, independent of GeoProjection.
double
Haversine(double lon1, double lat1, double lon2, double lat2)
{
    const double r = 6371008.8;
    const double k = M_PI / 180;
    const double a =
        std::pow(std::sin((lat2 - lat1) * k / 2), 2) +
        std::cos(lat1 * k) * std::cos(lat2 * k) * std::pow(std::sin((lon2 - lon1) * k / 2), 2);
    return 2 * r * std::asin(std::sqrt(a));
}

// 2013-11-01 00:00 in Milan (UTC+1) is 2013-10-31 23:00 UTC.
const char* MIDNIGHT = "1383260400000";

const char* TSV_DAY1 = "1\t1383260400000\t0\t0.5\t\t0.2\t\t2.0\n"
                       "1\t1383260400000\t39\t\t\t\t\t3.0\n"
                       "1\t1383261000000\t39\t\t\t\t\t1.0\n"
                       "3\t1383260400000\t0\t\t\t\t\t\n"
                       "3\t1383310200000\t39\t1\t1\t1\t1\t4.0\n"
                       "4\t1383346200000\t39\t\t\t\t\t0.4\n";

const char* CSV_DAY2 = "datetime,CellID,countrycode,smsin,smsout,callin,callout,internet\n"
                       "2013-11-02 00:00:00,2,39,0.1,0.1,,,8\n"
                       "2013-11-02 00:00:00,2,0,,,,,\n"
                       "2013-11-02 05:00:00,1,39,,,,,2.4\n"
                       "2013-11-02 05:00,1,39,,,,,0.6\n";

Ptr<MilanTrafficLoader>
SmallLoader()
{
    auto loader = CreateObject<MilanTrafficLoader>();
    loader->SetAttribute("NumSquares", UintegerValue(4));
    return loader;
}

} // namespace

/**
 * \ingroup microscope-tests
 * Both Milan formats, round trip to hourly volumes.
 */
class MilanActivityTestCase : public TestCase
{
public:
    MilanActivityTestCase()
        : TestCase("Milan activity files, tab-separated and CSV, to hourly MB")
    {
    }

private:
    void DoRun() override
    {
        namespace fs = std::filesystem;
        const std::string dir = CreateTempDirFilename("milan-data");
        fs::create_directories(dir);
        WriteFile(dir + "/sms-call-internet-mi-2013-11-01.txt", TSV_DAY1);
        WriteFile(dir + "/sms-call-internet-mi-2013-11-02.csv", CSV_DAY2);
        WriteFile(dir + "/README.txt", "not a data file\n");
        auto loader = SmallLoader();
        NS_TEST_ASSERT_MSG_EQ(loader->LoadDirectory(dir), 2u, "two data files");
        NS_TEST_ASSERT_MSG_EQ(loader->GetNRecords(), 10u, "ten record lines");
        HourlyVolume v = loader->GetVolume();
        NS_TEST_ASSERT_MSG_EQ(v.GetNNodes(), 4u, "four squares");
        NS_TEST_ASSERT_MSG_EQ(v.GetNDays(), 2u, "two days");
        NS_TEST_ASSERT_MSG_EQ(v.GetDate(0).ToString(), "2013-11-01", "first day");
        NS_TEST_ASSERT_MSG_EQ(v.GetDate(1).ToString(), "2013-11-02", "second day");
        // Half of the records are new 5 MB connections: 2.5 MB per unit of activity.
        NS_TEST_ASSERT_MSG_EQ_TOL(v(0, 0),
                                  (2.0 + 3.0 + 1.0) * 2.5,
                                  1e-9,
                                  "square 1, 00:00 and 00:10, two country codes");
        NS_TEST_ASSERT_MSG_EQ_TOL(v(2, 13), 4.0 * 2.5, 1e-9, "square 3 at 13:50");
        NS_TEST_ASSERT_MSG_EQ_TOL(v(3, 23), 0.4 * 2.5, 1e-9, "square 4 at 23:50");
        NS_TEST_ASSERT_MSG_EQ_TOL(v(1, 24 + 0), 8 * 2.5, 1e-9, "CSV: square 2, day 2, 00:00");
        NS_TEST_ASSERT_MSG_EQ_TOL(v(0, 24 + 5), (2.4 + 0.6) * 2.5, 1e-9, "CSV: square 1 at 05:00");
        double total = 0;
        for (double t : v.GetNodeTotals())
        {
            total += t;
        }
        NS_TEST_ASSERT_MSG_EQ_TOL(total, (6 + 4 + 0.4 + 8 + 3) * 2.5, 1e-9, "nothing else");

        // The assumption is an attribute.
        auto all = SmallLoader();
        all->SetAttribute("NewConnectionShare", DoubleValue(1.0));
        all->LoadFile(dir + "/sms-call-internet-mi-2013-11-01.txt");
        NS_TEST_ASSERT_MSG_EQ_TOL(all->GetVolume()(0, 0), 6 * 5.0, 1e-9, "all records new");

        // UTC offset 0: the same epoch times fall an hour earlier, on 2013-10-31.
        auto utc = SmallLoader();
        utc->SetAttribute("UtcOffset", IntegerValue(0));
        utc->LoadFile(dir + "/sms-call-internet-mi-2013-11-01.txt");
        HourlyVolume u = utc->GetVolume();
        NS_TEST_ASSERT_MSG_EQ(u.GetDate(0).ToString(), "2013-10-31", "UTC date");
        NS_TEST_ASSERT_MSG_EQ_TOL(u(0, 23), 15.0, 1e-9, "23:00 UTC");

        // A missing day inside the range.
        auto gap = SmallLoader();
        const std::string gapFile = CreateTempDirFilename("gap.txt");
        WriteFile(gapFile,
                  std::string("1\t") + MIDNIGHT + "\t0\t\t\t\t\t1\n" +
                      "1\t1383433200000\t0\t\t\t\t\t1\n"); // 2013-11-03 00:00
        gap->LoadFile(gapFile);
        const std::string msg = ErrorOf([&] { gap->GetVolume(); });
        NS_TEST_ASSERT_MSG_NE(msg.find("2013-11-02"), std::string::npos, "gap named: " << msg);

        // The same day in both formats is refused.
        WriteFile(dir + "/sms-call-internet-mi-2013-11-01.csv", CSV_DAY2);
        NS_TEST_ASSERT_MSG_NE(ErrorOf([&] { SmallLoader()->LoadDirectory(dir); }),
                              "",
                              "a day in both formats");
        NS_TEST_ASSERT_MSG_NE(ErrorOf([&] { SmallLoader()->LoadDirectory(dir + "/none"); }),
                              "",
                              "a missing directory");
    }
};

/**
 * \ingroup microscope-tests
 * Every kind of bad Milan line names the file and line.
 */
class MilanBadInputTestCase : public TestCase
{
public:
    MilanBadInputTestCase()
        : TestCase("Milan files: bad input is an InputError naming file and line")
    {
    }

private:
    void DoRun() override
    {
        const std::string m = MIDNIGHT;
        const std::string header =
            "datetime,CellID,countrycode,smsin,smsout,callin,callout,internet\n";

        struct Bad
        {
            std::string name;
            std::string text;
            std::string expect;
        };

        const std::vector<Bad> bad = {
            {"columns.txt", "1\t" + m + "\t0\t\t\t\t\n", ":1: expected 8 fields"},
            {"number.txt",
             "1\t" + m + "\t0\t\t\t\t\t1\n1\t" + m + "\t0\t\t\t\t\tabc\n",
             ":2: column 'internet'"},
            {"square0.txt", "0\t" + m + "\t0\t\t\t\t\t1\n", ":1: square id 0"},
            {"square5.txt", "5\t" + m + "\t0\t\t\t\t\t1\n", ":1: square id 5"},
            {"order.txt",
             "1\t1383261000000\t0\t\t\t\t\t1\n1\t" + m + "\t0\t\t\t\t\t1\n",
             ":2: timestamps out of order"},
            {"boundary.txt", "1\t1383260460000\t0\t\t\t\t\t1\n", ":1: interval start"},
            {"time.txt", "1\t2013-11-01\t0\t\t\t\t\t1\n", ":1: column 'time interval'"},
            {"negative.txt", "1\t" + m + "\t0\t-1\t\t\t\t1\n", ":1: column 'SMS-in'"},
            {"empty.txt", "", "empty"},
            {"blank.txt", "\n\n", "empty"},
            {"header.csv", "datetime,CellID,countrycode,smsin,smsout,callin,callout\n", ":1:"},
            {"noheader.csv", "2013-11-01 00:00:00,1,39,,,,,1\n", ":1: expected the header"},
            {"date.csv", header + "2013-13-01 00:00:00,1,39,,,,,1\n", ":2: column 'datetime'"},
            {"minute.csv", header + "2013-11-01 00:05:00,1,39,,,,,1\n", ":2: column 'datetime'"},
            {"cell.csv", header + "2013-11-01 00:00:00,10001,39,,,,,1\n", ":2: square id"},
            {"only-header.csv", header, "no records"},
            {"csv-order.csv",
             header + "2013-11-01 10:00:00,1,39,,,,,1\n2013-11-01 09:50:00,1,39,,,,,1\n",
             ":3: timestamps out of order"},
        };
        for (const auto& b : bad)
        {
            const std::string path = CreateTempDirFilename(b.name);
            WriteFile(path, b.text);
            const std::string msg = ErrorOf([&] { SmallLoader()->LoadFile(path); });
            NS_TEST_ASSERT_MSG_NE(msg, "", b.name << " must be refused");
            NS_TEST_ASSERT_MSG_NE(msg.find(path), std::string::npos, "file named: " << msg);
            NS_TEST_ASSERT_MSG_NE(msg.find(b.expect),
                                  std::string::npos,
                                  "'" << b.expect << "' in: " << msg);
        }
        // Interleaved squares are fine as long as each square moves forward in time.
        const std::string ok = CreateTempDirFilename("interleaved.txt");
        WriteFile(ok,
                  "2\t" + m + "\t0\t\t\t\t\t1\n1\t" + m + "\t0\t\t\t\t\t1\n" +
                      "2\t1383261000000\t0\t\t\t\t\t1\n1\t1383261000000\t0\t\t\t\t\t1\n");
        NS_TEST_ASSERT_MSG_EQ(ErrorOf([&] { SmallLoader()->LoadFile(ok); }),
                              "",
                              "time-major order is accepted");
    }
};

/**
 * \ingroup microscope-tests
 * The regular grid and the GeoJSON grid.
 */
class MilanGridTestCase : public TestCase
{
public:
    MilanGridTestCase()
        : TestCase("Milan grid: regular layout, projection and GeoJSON, with bad input")
    {
    }

private:
    /// A 2 x 2 GeoJSON grid of 0.003 x 0.002 degree cells from (9.0, 45.0), ids row-major
    /// from the south-west; `skip` leaves a cell out, `extra` is added to the features.
    std::string GeoJson(int skip, const std::string& extra)
    {
        std::string features;
        for (int row = 0; row < 2; ++row)
        {
            for (int col = 0; col < 2; ++col)
            {
                const int id = row * 2 + col + 1;
                if (id == skip)
                {
                    continue;
                }
                const double lon0 = 9.0 + 0.003 * col;
                const double lat0 = 45.0 + 0.002 * row;
                char buf[512];
                std::snprintf(buf,
                              sizeof(buf),
                              "{\"type\":\"Feature\",\"id\":%d,\"properties\":{\"cellId\":%d},"
                              "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],"
                              "[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}}",
                              id - 1,
                              id,
                              lon0,
                              lat0,
                              lon0 + 0.003,
                              lat0,
                              lon0 + 0.003,
                              lat0 + 0.002,
                              lon0,
                              lat0 + 0.002,
                              lon0,
                              lat0);
                features += (features.empty() ? "" : ",\n") + std::string(buf);
            }
        }
        if (!extra.empty())
        {
            features += ",\n" + extra;
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[\n" + features + "\n]}\n";
    }

    Ptr<MilanGrid> Small()
    {
        auto g = CreateObject<MilanGrid>();
        g->SetAttribute("Rows", UintegerValue(2));
        g->SetAttribute("Columns", UintegerValue(2));
        return g;
    }

    void DoRun() override
    {
        auto g = Small();
        NS_TEST_ASSERT_MSG_EQ(g->GetNSquares(), 4u, "2 x 2");
        NS_TEST_ASSERT_MSG_EQ(g->IsFromGeoJson(), false, "regular by default");
        const Vector c1 = g->GetCentre(1);
        const Vector c2 = g->GetCentre(2);
        const Vector c3 = g->GetCentre(3);
        NS_TEST_ASSERT_MSG_EQ((c1.x == 117.5 && c1.y == 117.5), true, "id 1 south-west");
        NS_TEST_ASSERT_MSG_EQ((c2.x == 352.5 && c2.y == 117.5), true, "id 2 east of it");
        NS_TEST_ASSERT_MSG_EQ((c3.x == 117.5 && c3.y == 352.5), true, "id 3 north of id 1");
        g->SetAttribute("FirstRowNorth", BooleanValue(true));
        g->UseRegularGrid();
        NS_TEST_ASSERT_MSG_EQ(g->GetCentre(1).y, 352.5, "first row north");
        NS_TEST_ASSERT_MSG_EQ(g->Contains(Vector(470, 470, 0)), true, "corner inside");
        NS_TEST_ASSERT_MSG_EQ(g->Contains(Vector(471, 10, 0)), false, "outside");
        // Projection against the haversine distance from the origin.
        double lon0 = 0;
        double lat0 = 0;
        {
            DoubleValue v;
            g->GetAttribute("OriginLongitude", v);
            lon0 = v.Get();
            g->GetAttribute("OriginLatitude", v);
            lat0 = v.Get();
        }
        const Vector p = g->Project(lon0 + 0.05, lat0 + 0.03);
        const double east = Haversine(lon0, lat0, lon0 + 0.05, lat0);
        const double north = Haversine(lon0, lat0, lon0, lat0 + 0.03);
        NS_TEST_ASSERT_MSG_EQ_TOL(p.x, east, 0.001 * east, "east within 0.1 %");
        NS_TEST_ASSERT_MSG_EQ_TOL(p.y, north, 0.001 * north, "north within 0.1 %");
        NS_TEST_ASSERT_MSG_NE(ErrorOf([&] { g->GetCentre(5); }), "", "id 5 of 4");

        // GeoJSON.
        const std::string path = CreateTempDirFilename("grid.geojson");
        WriteFile(path, GeoJson(0, ""));
        auto j = Small();
        j->LoadGeoJson(path);
        NS_TEST_ASSERT_MSG_EQ(j->IsFromGeoJson(), true, "from the file");
        for (uint32_t id = 1; id <= 4; ++id)
        {
            const int row = (id - 1) / 2;
            const int col = (id - 1) % 2;
            const double clon = 9.0 + 0.003 * col + 0.0015;
            const double clat = 45.0 + 0.002 * row + 0.001;
            const Vector c = j->GetCentre(id);
            NS_TEST_ASSERT_MSG_EQ_TOL(c.x,
                                      Haversine(9.0, clat, clon, clat),
                                      1.0,
                                      "centre x of " << id);
            NS_TEST_ASSERT_MSG_EQ_TOL(c.y,
                                      Haversine(9.0, 45.0, 9.0, clat),
                                      1.0,
                                      "centre y of " << id);
        }
        const std::string feature5 =
            "{\"type\":\"Feature\",\"properties\":{\"cellId\":%ID%},\"geometry\":{\"type\":"
            "\"Polygon\",\"coordinates\":[[[9,45],[9.001,45],[9.001,%LAT%],[9,45]]]}}";
        auto with = [&](const std::string& id, const std::string& lat)
        {
            std::string f = feature5;
            f.replace(f.find("%ID%"), 4, id);
            f.replace(f.find("%LAT%"), 5, lat);
            return f;
        };

        struct Bad
        {
            std::string name;
            std::string text;
            std::string expect;
        };

        const std::vector<Bad> bad = {
            {"missing.geojson", GeoJson(4, ""), "cellId 4 is missing"},
            {"twice.geojson", GeoJson(4, with("3", "45.001")), "appears twice"},
            {"range.geojson", GeoJson(0, with("5", "45.001")), "outside 1..4"},
            {"lat.geojson", GeoJson(4, with("4", "95")), "lon/lat range"},
            {"json.geojson", "{\"type\":\"FeatureCollection\",\"features\":[", "not valid JSON"},
            {"noid.geojson", GeoJson(4, with("\"x\"", "45.001")), "cellId"},
            {"notfc.geojson", "[1,2,3]", "FeatureCollection"},
        };
        for (const auto& b : bad)
        {
            const std::string file = CreateTempDirFilename(b.name);
            WriteFile(file, b.text);
            const std::string msg = ErrorOf([&] { Small()->LoadGeoJson(file); });
            NS_TEST_ASSERT_MSG_NE(msg.find(file), std::string::npos, "file named: " << msg);
            NS_TEST_ASSERT_MSG_NE(msg.find(b.expect),
                                  std::string::npos,
                                  "'" << b.expect << "' in: " << msg);
        }
    }
};

/**
 * \ingroup microscope-tests
 * OpenCelliD filters, projection, clipping, merging and bad rows.
 */
class OpenCellIdTestCase : public TestCase
{
public:
    OpenCellIdTestCase()
        : TestCase("OpenCelliD: filters, grid clipping, merging and bad input")
    {
    }

private:
    void DoRun() override
    {
        const std::string header = "radio,mcc,net,area,cell,unit,lon,lat,range,samples,"
                                   "changeable,created,updated,averageSignal\n";
        const std::string path = CreateTempDirFilename("cell_towers.csv");
        WriteFile(path,
                  header + "GSM,222,1,1,1,0,9.0010,45.0010,1000,1,1,0,0,0\n"
                           "LTE,222,1,1,2,0,9.0050,45.0030,1000,1,1,0,0,0\n"
                           "UMTS,222,10,1,3,0,9.0020,45.0020,1000,1,1,0,0,0\n"
                           "LTE,208,1,1,4,0,9.0030,45.0010,1000,1,1,0,0,0\n"
                           "LTE,222,1,1,5,0,10.0,46.0,1000,1,1,0,0,0\n"
                           "LTE,222,1,1,6,0,9.00101,45.00101,1000,1,1,0,0,0\n");
        auto grid = CreateObject<MilanGrid>();
        grid->SetAttribute("Rows", UintegerValue(2));
        grid->SetAttribute("Columns", UintegerValue(2));
        grid->SetAttribute("OriginLongitude", DoubleValue(9.0));
        grid->SetAttribute("OriginLatitude", DoubleValue(45.0));
        auto cells = CreateObject<OpenCellIdLoader>(); // defaults: MCC 222, MNC 1 (TIM)
        cells->Load(path);
        NS_TEST_ASSERT_MSG_EQ(cells->GetNRows(), 6u, "six rows");
        NS_TEST_ASSERT_MSG_EQ(cells->GetTowers().size(), 4u, "TIM Italy: rows 1, 2, 5, 6");
        NS_TEST_ASSERT_MSG_EQ_TOL(cells->GetTowers()[1].lon, 9.005, 1e-12, "lon from its column");
        NS_TEST_ASSERT_MSG_EQ_TOL(cells->GetTowers()[1].lat, 45.003, 1e-12, "lat from its column");
        auto stations = cells->GetStationPositions(grid);
        NS_TEST_ASSERT_MSG_EQ(stations.size(), 3u, "the 10 E 46 N cell is outside the grid");
        NS_TEST_ASSERT_MSG_EQ_TOL(stations[0].x,
                                  Haversine(9.0, 45.001, 9.001, 45.001),
                                  0.5,
                                  "projected east");
        cells->SetAttribute("MergeDistance", DoubleValue(50.0));
        NS_TEST_ASSERT_MSG_EQ(cells->GetStationPositions(grid).size(),
                              2u,
                              "rows 1 and 6 (14 m apart) merge");
        cells->SetAttribute("Radio", StringValue("LTE"));
        cells->SetAttribute("MergeDistance", DoubleValue(0.0));
        cells->Load(path);
        NS_TEST_ASSERT_MSG_EQ(cells->GetTowers().size(), 3u, "LTE only: rows 2, 5, 6");
        cells->SetAttribute("Mcc", IntegerValue(-1));
        cells->SetAttribute("Mnc", IntegerValue(-1));
        cells->SetAttribute("Radio", StringValue(""));
        cells->Load(path);
        NS_TEST_ASSERT_MSG_EQ(cells->GetTowers().size(), 6u, "no filter");

        struct Bad
        {
            std::string name;
            std::string text;
            std::string expect;
        };

        const std::vector<Bad> bad = {
            {"columns.csv", header + "GSM,222,1,1,1,0,9.0,45.0\n", ":2: expected 14 fields"},
            {"lon.csv", header + "GSM,222,1,1,1,0,abc,45.0,1,1,1,0,0,0\n", ":2: column 'lon'"},
            {"lat.csv", header + "GSM,222,1,1,1,0,9.0,91,1,1,1,0,0,0\n", ":2: column 'lat'"},
            {"lon-range.csv", header + "GSM,222,1,1,1,0,-181,45,1,1,1,0,0,0\n", ":2: column 'lon'"},
            {"mcc.csv", header + "GSM,x,1,1,1,0,9,45,1,1,1,0,0,0\n", ":2: column 'mcc'"},
            {"empty.csv", "", "empty"},
            {"header-only.csv", header, "no data rows"},
            {"no-lon.csv", "radio,mcc,net,lat\nGSM,222,1,45\n", ":1: the header has no 'lon'"},
        };
        for (const auto& b : bad)
        {
            const std::string file = CreateTempDirFilename(b.name);
            WriteFile(file, b.text);
            const std::string msg = ErrorOf([&] { CreateObject<OpenCellIdLoader>()->Load(file); });
            NS_TEST_ASSERT_MSG_NE(msg.find(file), std::string::npos, "file named: " << msg);
            NS_TEST_ASSERT_MSG_NE(msg.find(b.expect),
                                  std::string::npos,
                                  "'" << b.expect << "' in: " << msg);
        }
    }
};

/**
 * \ingroup microscope-tests
 * Squares go to the station nearest their centre.
 */
class StationMappingTestCase : public TestCase
{
public:
    StationMappingTestCase()
        : TestCase("Squares to nearest stations (Voronoi) and the distance limit")
    {
    }

private:
    void DoRun() override
    {
        auto grid = CreateObject<MilanGrid>();
        grid->SetAttribute("Rows", UintegerValue(2));
        grid->SetAttribute("Columns", UintegerValue(2));
        HourlyVolume squares(4, {CivilDate(2013, 11, 4)});
        squares.SetPositions(grid->GetCentres());
        for (uint32_t s = 0; s < 4; ++s)
        {
            squares(s, 10) = 1.0 + s; // 1, 2, 3, 4 MB at 10:00
        }
        // Centres (117.5, 117.5), (352.5, 117.5), (117.5, 352.5), (352.5, 352.5). Station 0 at
        // the origin is nearest to square 1 only (square 2: 371.6 m vs 306.2 m, square 3:
        // 371.6 m vs 355.7 m).
        std::vector<Vector> stations = {Vector(0, 0, 0),
                                        Vector(470, 400, 0),
                                        Vector(5000, 5000, 0)};
        auto mapper = CreateObject<StationTrafficMapper>();
        HourlyVolume v = mapper->Map(squares, stations);
        NS_TEST_ASSERT_MSG_EQ(v.GetNNodes(), 3u, "three stations");
        NS_TEST_ASSERT_MSG_EQ_TOL(v(0, 10), 1.0, 1e-12, "station 0: square 1");
        NS_TEST_ASSERT_MSG_EQ_TOL(v(1, 10), 2.0 + 3.0 + 4.0, 1e-12, "station 1: squares 2-4");
        NS_TEST_ASSERT_MSG_EQ_TOL(v(2, 10), 0.0, 1e-12, "station 2 covers nothing");
        NS_TEST_ASSERT_MSG_EQ(v.GetPositions()[1].x, 470.0, "station positions kept");
        mapper->SetAttribute("MaxDistance", DoubleValue(200.0));
        HourlyVolume near = mapper->Map(squares, stations);
        NS_TEST_ASSERT_MSG_EQ(mapper->GetNDropped(), 2u, "squares 2 and 3 are too far");
        NS_TEST_ASSERT_MSG_EQ_TOL(near(1, 10), 4.0, 1e-12, "station 1 keeps square 4");
        NS_TEST_ASSERT_MSG_NE(ErrorOf([&] { mapper->Map(squares, {}); }), "", "no station");
    }
};

/**
 * \ingroup microscope-tests
 * Dates and the holidays of the Milan period.
 */
class MilanCalendarTestCase : public TestCase
{
public:
    MilanCalendarTestCase()
        : TestCase("Civil dates and the 22 holidays and 40 workdays of the Milan period")
    {
    }

private:
    void DoRun() override
    {
        NS_TEST_ASSERT_MSG_EQ(CivilDate(2013, 11, 1).GetWeekday(), 4u, "2013-11-01 was a Friday");
        NS_TEST_ASSERT_MSG_EQ(CivilDate(2013, 12, 8).GetWeekday(), 6u, "2013-12-08 a Sunday");
        NS_TEST_ASSERT_MSG_EQ(CivilDate(2014, 1, 1).GetWeekday(), 2u, "2014-01-01 a Wednesday");
        NS_TEST_ASSERT_MSG_EQ(CivilDate(1970, 1, 1).GetDayNumber(), 0, "epoch");
        NS_TEST_ASSERT_MSG_EQ(CivilDate(2013, 11, 1).GetDayNumber(), 16010, "days since 1970");
        bool roundTrip = true;
        for (int64_t n = -800; n < 30000; n += 7)
        {
            roundTrip = roundTrip && CivilDate::FromDayNumber(n).GetDayNumber() == n;
        }
        NS_TEST_ASSERT_MSG_EQ(roundTrip, true, "day number round trip");
        NS_TEST_ASSERT_MSG_EQ(CivilDate(2013, 12, 31).AddDays(1).ToString(),
                              "2014-01-01",
                              "year change");
        CivilDate d;
        NS_TEST_ASSERT_MSG_EQ(CivilDate::TryParse("2012-02-29", d), true, "leap day");
        NS_TEST_ASSERT_MSG_EQ(CivilDate::TryParse("2013-02-29", d), false, "no leap day");
        NS_TEST_ASSERT_MSG_EQ(CivilDate::TryParse("2013-1-01", d), false, "format");

        auto classifier = CreateObject<DayClassifier>();
        uint32_t holidays = 0;
        uint32_t workdays = 0;
        for (CivilDate day(2013, 11, 1); !(CivilDate(2014, 1, 1) < day); day = day.AddDays(1))
        {
            (classifier->Classify(day) == DayType::HOLIDAY ? holidays : workdays)++;
        }
        NS_TEST_ASSERT_MSG_EQ(holidays, 22u, "the paper's 22 holidays");
        NS_TEST_ASSERT_MSG_EQ(workdays, 40u, "the paper's 40 workdays");
        NS_TEST_ASSERT_MSG_EQ((int)classifier->Classify(CivilDate(2013, 12, 25)),
                              (int)DayType::HOLIDAY,
                              "Christmas");
        NS_TEST_ASSERT_MSG_EQ((int)classifier->Classify(CivilDate(2013, 12, 24)),
                              (int)DayType::WORKDAY,
                              "Christmas Eve is a workday");
        classifier->SetAttribute("Holidays", StringValue("2013-12-24"));
        NS_TEST_ASSERT_MSG_EQ((int)classifier->Classify(CivilDate(2013, 12, 24)),
                              (int)DayType::HOLIDAY,
                              "configured list");
        NS_TEST_ASSERT_MSG_EQ((int)classifier->Classify(CivilDate(2013, 12, 25)),
                              (int)DayType::WORKDAY,
                              "the list replaces the default");
        const std::string msg =
            ErrorOf([&] { classifier->SetAttribute("Holidays", StringValue("2013-12-32")); });
        NS_TEST_ASSERT_MSG_NE(msg.find("Holidays"), std::string::npos, "names the attribute");
    }
};

/**
 * \ingroup microscope-tests
 * The Milan loaders suite.
 */
class MilanTestSuite : public TestSuite
{
public:
    MilanTestSuite()
        : TestSuite("microscope-milan", UNIT)
    {
        AddTestCase(new MilanActivityTestCase, TestCase::QUICK);
        AddTestCase(new MilanBadInputTestCase, TestCase::QUICK);
        AddTestCase(new MilanGridTestCase, TestCase::QUICK);
        AddTestCase(new OpenCellIdTestCase, TestCase::QUICK);
        AddTestCase(new StationMappingTestCase, TestCase::QUICK);
        AddTestCase(new MilanCalendarTestCase, TestCase::QUICK);
    }
};

static MilanTestSuite g_milanTestSuite; //!< the suite
