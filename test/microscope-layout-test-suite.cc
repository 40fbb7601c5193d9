/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the antenna layouts: the synthetic metropolitan generator, its helper, and the
 * position file loader (both formats, projection accuracy, every kind of bad input).
 */

#include "microscope-test-files.h"

#include "ns3/antenna-layout-helper.h"
#include "ns3/antenna-position-loader.h"
#include "ns3/double.h"
#include "ns3/input-error.h"
#include "ns3/metro-layout-generator.h"
#include "ns3/mobility-model.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <fstream>

using namespace ns3;
using namespace ns3::microscope_test;

namespace
{

/**
 * \param a a point.
 * \param b a point.
 * \return the planar distance.
 */
double
Distance(const Vector& a, const Vector& b)
{
    return std::hypot(a.x - b.x, a.y - b.y);
}

} // namespace

/**
 * \ingroup microscope-tests
 * MetroLayoutGenerator: count, spacing, density structure, determinism and run dependence.
 */
class MetroLayoutGeneratorTestCase : public TestCase
{
public:
    MetroLayoutGeneratorTestCase()
        : TestCase("MetroLayoutGenerator count, spacing, dense centre, determinism")
    {
    }

private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        auto make = [](uint32_t n)
        {
            auto g = CreateObject<MetroLayoutGenerator>();
            g->SetAttribute("NumAntennas", UintegerValue(n));
            g->AssignStreams(7);
            return g;
        };
        auto layout = make(792)->Generate();
        NS_TEST_ASSERT_MSG_EQ(layout.size(), 792, "NumAntennas antennas");

        // Minimum spacing (brute force) and region bounds.
        double dmin = INFINITY;
        for (size_t i = 0; i < layout.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(
                (std::abs(layout[i].x) <= 8000.0 && std::abs(layout[i].y) <= 11000.0),
                true,
                "inside the region");
            NS_TEST_ASSERT_MSG_EQ(layout[i].z, 0.0, "z = 0");
            for (size_t j = i + 1; j < layout.size(); ++j)
            {
                dmin = std::min(dmin, Distance(layout[i], layout[j]));
            }
        }
        NS_TEST_ASSERT_MSG_GT_OR_EQ(dmin, 50.0, "no two antennas closer than MinSpacing");

        // Density within 2 km of the centre vs beyond 6 km. By hand from the defaults: the
        // centre Gaussian (45 %, sigma 1.5 km) puts 0.45 (1 - exp(-4/4.5)) = 26.5 % of the
        // antennas within 2 km (12.6 km^2), about 17 per km^2 at 792 antennas; beyond 6 km
        // (239 km^2 of the 352 km^2 region) the outskirts (30 %, uniform, 0.68 per km^2) and
        // the sub-centres' patches give about 1 per km^2. Require a ratio above 5.
        uint32_t inner = 0;
        uint32_t outer = 0;
        for (const auto& p : layout)
        {
            const double r = std::hypot(p.x, p.y);
            inner += r < 2000.0 ? 1 : 0;
            outer += r > 6000.0 ? 1 : 0;
        }
        const double innerDensity = inner / (M_PI * 4.0);
        const double outerDensity = outer / (16.0 * 22.0 - M_PI * 36.0);
        NS_TEST_ASSERT_MSG_GT(innerDensity,
                              5.0 * outerDensity,
                              "centre much denser than outskirts");
        // Typical spacing 1/sqrt(density): a few hundred metres in the centre (0.24 km by
        // hand), over a kilometre in the outskirts away from the sub-centres (1.22 km by hand:
        // 0.3 x 792 antennas uniform over 352 km^2). The outskirt area (beyond 6 km from the
        // centre and 2.5 km = 3.6 sigma from every sub-centre) is measured on a 100 m grid.
        auto gen = make(792);
        auto again0 = gen->Generate();
        const auto& subs = gen->GetSubCentres();
        auto isOutskirt = [&subs](double x, double y)
        {
            if (std::hypot(x, y) <= 6000.0)
            {
                return false;
            }
            for (const auto& c : subs)
            {
                if (std::hypot(x - c.x, y - c.y) <= 2500.0)
                {
                    return false;
                }
            }
            return true;
        };
        uint32_t cells = 0;
        for (double x = -7950.0; x < 8000.0; x += 100.0)
        {
            for (double y = -10950.0; y < 11000.0; y += 100.0)
            {
                cells += isOutskirt(x, y) ? 1 : 0;
            }
        }
        uint32_t outskirt = 0;
        for (const auto& p : again0)
        {
            outskirt += isOutskirt(p.x, p.y) ? 1 : 0;
        }
        const double outskirtDensity = outskirt / (cells * 0.01);
        NS_TEST_ASSERT_MSG_LT(1.0 / std::sqrt(innerDensity), 0.5, "centre spacing < 500 m");
        NS_TEST_ASSERT_MSG_GT(1.0 / std::sqrt(outskirtDensity), 1.0, "outskirt spacing > 1 km");

        // The bounding box's aspect ratio gives the paper's 33 x 24 grid (the grid mapping,
        // paper Sec. 3.1: n_rows = round(sqrt(|A| / rho)), n_cols = ceil(|A| / n_rows)); the
        // outskirts fill the region almost to its edges, so rho is close to 16 / 22 = 0.727,
        // and 33 rows need rho in (0.706, 0.750].
        double xmin = INFINITY;
        double xmax = -INFINITY;
        double ymin = INFINITY;
        double ymax = -INFINITY;
        for (const auto& p : layout)
        {
            xmin = std::min(xmin, p.x);
            xmax = std::max(xmax, p.x);
            ymin = std::min(ymin, p.y);
            ymax = std::max(ymax, p.y);
        }
        const double rho = (xmax - xmin) / (ymax - ymin);
        const auto rows = std::lround(std::sqrt(792.0 / rho));
        NS_TEST_ASSERT_MSG_EQ(rows, 33, "grid rows");
        NS_TEST_ASSERT_MSG_EQ((792 + rows - 1) / rows, 24, "grid columns");

        // The sub-centres are at 3.5-7 km from the centre (or pulled inside the region).
        auto g = make(792);
        g->Generate();
        NS_TEST_ASSERT_MSG_EQ(g->GetSubCentres().size(), 4, "four sub-centres");
        for (const auto& c : g->GetSubCentres())
        {
            const double r = std::hypot(c.x, c.y);
            NS_TEST_ASSERT_MSG_EQ((r >= 3500.0 - 1e-9 && r <= 7000.0 + 1e-9),
                                  true,
                                  "sub-centre distance");
        }

        // Determinism: same seed, run and streams give the same layout; another run differs.
        auto again = make(792)->Generate();
        bool same = true;
        for (size_t i = 0; i < layout.size(); ++i)
        {
            same = same && layout[i].x == again[i].x && layout[i].y == again[i].y;
        }
        NS_TEST_ASSERT_MSG_EQ(same, true, "same seed and run give the same layout");
        RngSeedManager::SetRun(2);
        auto other = make(792)->Generate();
        RngSeedManager::SetRun(1);
        uint32_t differing = 0;
        for (size_t i = 0; i < layout.size(); ++i)
        {
            differing += (layout[i].x != other[i].x) ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_GT(differing, 700, "another run gives another layout");

        // Inconsistent attributes and impossible spacing are InputErrors naming the attribute.
        auto bad = make(10);
        bad->SetAttribute("CentreFraction", DoubleValue(0.8));
        bad->SetAttribute("SubCentreFraction", DoubleValue(0.5));
        bool threw = false;
        try
        {
            bad->Generate();
        }
        catch (const InputError& e)
        {
            threw = std::string(e.what()).find("CentreFraction") != std::string::npos;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "fractions above 1 refused");
        auto crowded = make(200);
        crowded->SetAttribute("RegionWidth", DoubleValue(100.0));
        crowded->SetAttribute("RegionHeight", DoubleValue(100.0));
        crowded->SetAttribute("MaxTries", UintegerValue(200));
        threw = false;
        try
        {
            crowded->Generate();
        }
        catch (const InputError& e)
        {
            threw = std::string(e.what()).find("MinSpacing") != std::string::npos;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "200 antennas 50 m apart do not fit 100 m x 100 m");
    }
};

/**
 * \ingroup microscope-tests
 * AntennaLayoutHelper: attributes, streams and installed nodes.
 */
class AntennaLayoutHelperTestCase : public TestCase
{
public:
    AntennaLayoutHelperTestCase()
        : TestCase("AntennaLayoutHelper generates and installs nodes at the positions")
    {
    }

private:
    void DoRun() override
    {
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
        AntennaLayoutHelper helper;
        helper.SetGeneratorAttribute("NumAntennas", UintegerValue(50));
        NS_TEST_ASSERT_MSG_EQ(helper.AssignStreams(3), 2, "two streams");
        auto positions = helper.Generate();
        NS_TEST_ASSERT_MSG_EQ(positions.size(), 50, "attribute reached the generator");
        NodeContainer nodes = helper.Install(positions);
        NS_TEST_ASSERT_MSG_EQ(nodes.GetN(), 50, "one node per antenna");
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            auto mobility = nodes.Get(i)->GetObject<MobilityModel>();
            NS_TEST_ASSERT_MSG_NE(mobility, nullptr, "mobility model installed");
            NS_TEST_ASSERT_MSG_EQ(mobility->GetPosition().x, positions[i].x, "x");
            NS_TEST_ASSERT_MSG_EQ(mobility->GetPosition().y, positions[i].y, "y");
        }
        AntennaLayoutHelper second;
        second.SetGeneratorAttribute("NumAntennas", UintegerValue(50));
        second.AssignStreams(3);
        auto again = second.Generate();
        NS_TEST_ASSERT_MSG_EQ(again[17].x, positions[17].x, "same streams, same layout");
    }
};

/**
 * \ingroup microscope-tests
 * AntennaPositionLoader: both formats and the accuracy of the projection.
 */
class AntennaPositionLoaderTestCase : public TestCase
{
public:
    AntennaPositionLoaderTestCase()
        : TestCase("AntennaPositionLoader formats and projection accuracy")
    {
    }

private:
    void DoRun() override
    {
        const std::string metres = CreateTempDirFilename("metres.csv");
        WriteFile(metres, "# a comment\nid,x_m,y_m\na1, 10.5, -3\n\na2,200,400.25\n");
        std::vector<Vector> pos;
        std::vector<std::string> ids;
        AntennaPositionLoader::Load(metres, pos, ids);
        NS_TEST_ASSERT_MSG_EQ(ids.size(), 2, "two antennas");
        NS_TEST_ASSERT_MSG_EQ(ids[1], "a2", "ids in file order");
        NS_TEST_ASSERT_MSG_EQ(pos[0].x, 10.5, "x kept");
        NS_TEST_ASSERT_MSG_EQ(pos[1].y, 400.25, "y kept");

        // Geographic: three antennas at 45 N. Published WGS84 lengths of a degree at 45 deg:
        // 111,132 m of latitude (111132.954 - 559.822 cos 2phi + 1.175 cos 4phi) and
        // 78,847 m of longitude (pi a cos phi / (180 sqrt(1 - e^2 sin^2 phi))).
        const std::string geo = CreateTempDirFilename("geo.csv");
        WriteFile(geo, "id,lat,lon\nA,45.0,9.0\nB,45.01,9.0\nC,45.0,9.01\n");
        AntennaPositionLoader::Load(geo, pos, ids);
        NS_TEST_ASSERT_MSG_EQ(pos.size(), 3, "three antennas");
        const double north = Distance(pos[0], pos[1]);
        const double east = Distance(pos[0], pos[2]);
        NS_TEST_ASSERT_MSG_EQ_TOL(north, 1111.32, 0.005 * 1111.32, "0.01 deg of latitude");
        NS_TEST_ASSERT_MSG_EQ_TOL(east, 788.47, 0.005 * 788.47, "0.01 deg of longitude");
        NS_TEST_ASSERT_MSG_GT(pos[1].y, pos[0].y, "north is +y");
        NS_TEST_ASSERT_MSG_GT(pos[2].x, pos[0].x, "east is +x");
        // Centred on the centroid.
        NS_TEST_ASSERT_MSG_EQ_TOL(pos[0].x + pos[1].x + pos[2].x, 0.0, 1e-6, "centroid x = 0");
        NS_TEST_ASSERT_MSG_EQ_TOL(pos[0].y + pos[1].y + pos[2].y, 0.0, 1e-6, "centroid y = 0");

        // A metropolitan extent: two antennas 0.1 deg (11 km) apart diagonally near Milan,
        // against the haversine great-circle distance on the mean sphere (6371.0088 km), which
        // differs from the ellipsoid by less than 0.3 %.
        WriteFile(geo, "id,lat,lon\nA,45.40,9.10\nB,45.50,9.25\n");
        AntennaPositionLoader::Load(geo, pos, ids);
        const double deg = M_PI / 180.0;
        const double p1 = 45.40 * deg;
        const double p2 = 45.50 * deg;
        const double dl = 0.15 * deg;
        const double h = std::pow(std::sin((p2 - p1) / 2), 2) +
                         std::cos(p1) * std::cos(p2) * std::pow(std::sin(dl / 2), 2);
        const double haversine = 2.0 * 6371008.8 * std::asin(std::sqrt(h));
        NS_TEST_ASSERT_MSG_EQ_TOL(Distance(pos[0], pos[1]),
                                  haversine,
                                  0.005 * haversine,
                                  "projected distance vs great circle");
    }
};

/**
 * \ingroup microscope-tests
 * AntennaPositionLoader: every kind of bad input is an InputError naming file and line.
 */
class AntennaPositionLoaderErrorsTestCase : public TestCase
{
public:
    AntennaPositionLoaderErrorsTestCase()
        : TestCase("AntennaPositionLoader bad input names file and line")
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
        const std::string path = CreateTempDirFilename("bad-positions.csv");
        WriteFile(path, content);
        std::vector<Vector> pos;
        std::vector<std::string> ids;
        std::string message;
        try
        {
            AntennaPositionLoader::Load(path, pos, ids);
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
        Expect("a1,1,2\na2,3,4\n", ":1:", "header", "missing header");
        Expect("id,x,y\na1,1,2\n", ":1:", "header", "unknown header");
        Expect("id,lat,lon,alt\na1,1,2,3\n", ":1:", "header", "header with a fourth column");
        Expect("id,x_m,y_m\na1,1,2\na2,3\n", ":3:", "expected 3 fields", "short row");
        Expect("id,x_m,y_m\na1,1,2\na2,3,4,5\n", ":3:", "expected 3 fields", "long row");
        Expect("id,x_m,y_m\na1,one,2\n", ":2:", "x_m", "non-numeric field");
        Expect("id,x_m,y_m\na1,1,nan\n", ":2:", "y_m", "NaN");
        Expect("id,x_m,y_m\na1,inf,2\n", ":2:", "x_m", "infinity");
        Expect("id,lat,lon\na1,95,9\n", ":2:", "latitude", "latitude out of range");
        Expect("id,lat,lon\na1,45,9\na2,45,-181\n", ":3:", "longitude", "longitude out of range");
        Expect("id,x_m,y_m\na1,1,2\na2,3,4\na1,5,6\n", ":4:", "line 2", "duplicate id");
        Expect("id,x_m,y_m\na1,1,2\na2,3,4\na3,1,2\n", ":4:", "line 2", "duplicate position");
        Expect("id,lat,lon\na1,45,9\na2,45.0,9.0\n", ":3:", "line 2", "duplicate lat/lon");
        Expect("id,x_m,y_m\n,1,2\n", ":2:", "empty antenna id", "empty id");
        Expect("", "", "empty", "empty file");
        Expect("# only a comment\n\n", "", "empty", "comments only");
        Expect("id,x_m,y_m\n", "", "no antenna rows", "header only");
        bool threw = false;
        try
        {
            std::vector<Vector> pos;
            std::vector<std::string> ids;
            AntennaPositionLoader::Load(CreateTempDirFilename("missing.csv"), pos, ids);
        }
        catch (const InputError& e)
        {
            threw = std::string(e.what()).find("missing.csv") != std::string::npos;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "a missing file names the file");
    }
};

/**
 * \ingroup microscope-tests
 * The layout test suite.
 */
class MicroscopeLayoutTestSuite : public TestSuite
{
public:
    MicroscopeLayoutTestSuite()
        : TestSuite("microscope-layout", UNIT)
    {
        AddTestCase(new MetroLayoutGeneratorTestCase, TestCase::QUICK);
        AddTestCase(new AntennaLayoutHelperTestCase, TestCase::QUICK);
        AddTestCase(new AntennaPositionLoaderTestCase, TestCase::QUICK);
        AddTestCase(new AntennaPositionLoaderErrorsTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static MicroscopeLayoutTestSuite g_microscopeLayoutTestSuite;
