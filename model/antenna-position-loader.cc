/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "antenna-position-loader.h"

#include "csv-table-reader.h"
#include "input-error.h"

#include "ns3/log.h"

#include <cmath>
#include <map>
#include <unordered_map>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("AntennaPositionLoader");

namespace
{

/// WGS84 semi-major axis (m).
constexpr double WGS84_A = 6378137.0;
/// WGS84 first eccentricity squared.
constexpr double WGS84_E2 = 6.69437999014e-3;

} // namespace

Vector
AntennaPositionLoader::Project(double latDeg, double lonDeg, double lat0Deg, double lon0Deg)
{
    const double deg = M_PI / 180.0;
    const double phi0 = lat0Deg * deg;
    const double s = std::sin(phi0);
    const double w = 1.0 - WGS84_E2 * s * s;
    const double n = WGS84_A / std::sqrt(w);                          // prime vertical radius
    const double m = WGS84_A * (1.0 - WGS84_E2) / (w * std::sqrt(w)); // meridional radius
    return Vector(n * std::cos(phi0) * (lonDeg - lon0Deg) * deg, m * (latDeg - lat0Deg) * deg, 0.0);
}

void
AntennaPositionLoader::Load(const std::string& path,
                            std::vector<Vector>& positions,
                            std::vector<std::string>& ids)
{
    NS_LOG_FUNCTION(path);
    CsvTableReader reader(path);
    if (!reader.Next())
    {
        throw InputError::InFile(path,
                                 "the file is empty: expected a header 'id,x_m,y_m' or "
                                 "'id,lat,lon' and one line per antenna");
    }
    bool geographic = false;
    const auto& header = reader.Fields();
    if (header.size() == 3 && header[0] == "id" && header[1] == "x_m" && header[2] == "y_m")
    {
        geographic = false;
    }
    else if (header.size() == 3 && header[0] == "id" && header[1] == "lat" && header[2] == "lon")
    {
        geographic = true;
    }
    else
    {
        std::string found;
        for (size_t i = 0; i < header.size(); ++i)
        {
            found += (i ? "," : "") + header[i];
        }
        throw reader.Error("missing or unknown header '" + found +
                           "': expected 'id,x_m,y_m' or 'id,lat,lon'");
    }

    std::vector<std::string> outIds;
    std::vector<double> a;
    std::vector<double> b;
    std::unordered_map<std::string, uint64_t> idLine;
    std::map<std::pair<double, double>, uint64_t> positionLine;
    const std::string colA = geographic ? "lat" : "x_m";
    const std::string colB = geographic ? "lon" : "y_m";
    while (reader.Next())
    {
        reader.ExpectFields(3);
        const std::string& id = reader.Field(0);
        if (id.empty())
        {
            throw reader.Error("empty antenna id");
        }
        const double va = reader.GetDouble(1, colA);
        const double vb = reader.GetDouble(2, colB);
        if (geographic)
        {
            if (va < -90.0 || va > 90.0)
            {
                throw reader.Error("latitude " + reader.Field(1) + " is outside [-90, 90]");
            }
            if (vb < -180.0 || vb > 180.0)
            {
                throw reader.Error("longitude " + reader.Field(2) + " is outside [-180, 180]");
            }
        }
        auto [it, fresh] = idLine.emplace(id, reader.GetLine());
        if (!fresh)
        {
            throw reader.Error("duplicate antenna id '" + id + "' (first on line " +
                               std::to_string(it->second) + ")");
        }
        // -0.0 and 0.0 are the same position.
        auto key = std::make_pair(va + 0.0, vb + 0.0);
        auto [pit, pfresh] = positionLine.emplace(key, reader.GetLine());
        if (!pfresh)
        {
            throw reader.Error("antenna '" + id +
                               "' has the same position as the antenna on line " +
                               std::to_string(pit->second));
        }
        outIds.push_back(id);
        a.push_back(va);
        b.push_back(vb);
    }
    if (outIds.empty())
    {
        throw InputError::InFile(path, "no antenna rows after the header");
    }

    std::vector<Vector> out(outIds.size());
    if (geographic)
    {
        double lat0 = 0.0;
        double lon0 = 0.0;
        for (size_t i = 0; i < a.size(); ++i)
        {
            lat0 += a[i];
            lon0 += b[i];
        }
        lat0 /= a.size();
        lon0 /= a.size();
        if (std::abs(lat0) > 89.0)
        {
            throw InputError::InFile(path,
                                     "the antennas' mean latitude is within a degree of a pole, "
                                     "where the local projection breaks down");
        }
        double xmin = INFINITY;
        double xmax = -INFINITY;
        double ymin = INFINITY;
        double ymax = -INFINITY;
        for (size_t i = 0; i < a.size(); ++i)
        {
            out[i] = Project(a[i], b[i], lat0, lon0);
            xmin = std::min(xmin, out[i].x);
            xmax = std::max(xmax, out[i].x);
            ymin = std::min(ymin, out[i].y);
            ymax = std::max(ymax, out[i].y);
        }
        if (xmax - xmin > 2e5 || ymax - ymin > 2e5)
        {
            NS_LOG_WARN(path << ": the antennas span more than 200 km; the local equirectangular "
                                "projection loses accuracy");
        }
    }
    else
    {
        for (size_t i = 0; i < a.size(); ++i)
        {
            out[i] = Vector(a[i], b[i], 0.0);
        }
    }
    positions = out;
    ids = outIds;
    NS_LOG_INFO(path << ": " << ids.size() << " antennas"
                     << (geographic ? " (projected from lat/lon)" : ""));
}

} // namespace ns3
