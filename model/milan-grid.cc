/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "milan-grid.h"

#include "input-error.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MilanGrid");

NS_OBJECT_ENSURE_REGISTERED(MilanGrid);

TypeId
MilanGrid::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::MilanGrid")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<MilanGrid>()
            .AddAttribute("Rows",
                          "Rows of squares (the Milan grid has 100).",
                          UintegerValue(100),
                          MakeUintegerAccessor(&MilanGrid::m_rows),
                          MakeUintegerChecker<uint32_t>(1, 10000))
            .AddAttribute("Columns",
                          "Columns of squares (the Milan grid has 100).",
                          UintegerValue(100),
                          MakeUintegerAccessor(&MilanGrid::m_columns),
                          MakeUintegerChecker<uint32_t>(1, 10000))
            .AddAttribute("CellSize",
                          "Side of a square of the regular grid, in metres (Milan: 235 m).",
                          DoubleValue(235.0),
                          MakeDoubleAccessor(&MilanGrid::m_cellSize),
                          MakeDoubleChecker<double>(1.0, 100000.0))
            .AddAttribute("OriginLongitude",
                          "Longitude (degrees) of the regular grid's south-west corner; the "
                          "default is the approximate corner of the Milan grid.",
                          DoubleValue(9.0114),
                          MakeDoubleAccessor(&MilanGrid::m_originLon),
                          MakeDoubleChecker<double>(-180.0, 180.0))
            .AddAttribute("OriginLatitude",
                          "Latitude (degrees) of the regular grid's south-west corner; the "
                          "default is the approximate corner of the Milan grid.",
                          DoubleValue(45.3569),
                          MakeDoubleAccessor(&MilanGrid::m_originLat),
                          MakeDoubleChecker<double>(-89.0, 89.0))
            .AddAttribute("FirstRowNorth",
                          "Regular grid only: true if square ids 1..Columns form the northern "
                          "row (rows counted southwards), false if the southern one.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&MilanGrid::m_firstRowNorth),
                          MakeBooleanChecker());
    return tid;
}

MilanGrid::MilanGrid()
    : m_rows(100),
      m_columns(100),
      m_cellSize(235.0),
      m_originLon(9.0114),
      m_originLat(45.3569),
      m_firstRowNorth(false),
      m_built(false),
      m_fromGeoJson(false)
{
    NS_LOG_FUNCTION(this);
}

MilanGrid::~MilanGrid()
{
    NS_LOG_FUNCTION(this);
}

void
MilanGrid::UseRegularGrid()
{
    NS_LOG_FUNCTION(this);
    const uint32_t n = m_rows * m_columns;
    m_projection = GeoProjection(m_originLon, m_originLat);
    m_centres.assign(n, Vector(0, 0, 0));
    for (uint32_t row = 0; row < m_rows; ++row)
    {
        const uint32_t northRow = m_firstRowNorth ? (m_rows - 1 - row) : row;
        for (uint32_t col = 0; col < m_columns; ++col)
        {
            m_centres[row * m_columns + col] =
                Vector((col + 0.5) * m_cellSize, (northRow + 0.5) * m_cellSize, 0);
        }
    }
    m_min = Vector(0, 0, 0);
    m_max = Vector(m_columns * m_cellSize, m_rows * m_cellSize, 0);
    m_fromGeoJson = false;
    m_built = true;
}

void
MilanGrid::EnsureBuilt() const
{
    if (!m_built)
    {
        const_cast<MilanGrid*>(this)->UseRegularGrid();
    }
}

void
MilanGrid::LoadGeoJson(const std::string& path)
{
    NS_LOG_FUNCTION(this << path);
    std::ifstream in(path);
    if (!in.is_open())
    {
        throw InputError::InFile(path, "cannot open the file for reading");
    }
    nlohmann::json doc;
    try
    {
        doc = nlohmann::json::parse(in);
    }
    catch (const nlohmann::json::exception& e)
    {
        throw InputError::InFile(path, std::string("not valid JSON: ") + e.what());
    }
    if (!doc.is_object() || !doc.contains("features") || !doc["features"].is_array())
    {
        throw InputError::InFile(path, "expected a GeoJSON FeatureCollection with 'features'");
    }
    const auto& features = doc["features"];
    const uint32_t n = m_rows * m_columns;
    std::vector<std::vector<std::pair<double, double>>> rings(n);
    std::vector<bool> seen(n, false);
    double minLon = std::numeric_limits<double>::infinity();
    double minLat = minLon;
    double maxLon = -minLon;
    double maxLat = -minLon;
    for (size_t i = 0; i < features.size(); ++i)
    {
        const auto& f = features[i];
        const std::string where = "feature " + std::to_string(i);
        if (!f.is_object() || !f.contains("properties") || !f["properties"].is_object())
        {
            throw InputError::InFile(path, where + ": no 'properties' object");
        }
        const auto& props = f["properties"];
        const nlohmann::json* idField = nullptr;
        for (const char* key : {"cellId", "cellid", "CellID", "cellID"})
        {
            if (props.contains(key))
            {
                idField = &props[key];
                break;
            }
        }
        if (idField == nullptr || !idField->is_number_integer())
        {
            throw InputError::InFile(path, where + ": no integer 'properties.cellId'");
        }
        const int64_t id = idField->get<int64_t>();
        if (id < 1 || id > static_cast<int64_t>(n))
        {
            throw InputError::InFile(path,
                                     where + ": cellId " + std::to_string(id) + " is outside 1.." +
                                         std::to_string(n));
        }
        if (seen[id - 1])
        {
            throw InputError::InFile(path,
                                     where + ": cellId " + std::to_string(id) + " appears twice");
        }
        seen[id - 1] = true;
        if (!f.contains("geometry") || !f["geometry"].is_object())
        {
            throw InputError::InFile(path, where + ": no 'geometry' object");
        }
        const auto& g = f["geometry"];
        const std::string type = g.value("type", "");
        const nlohmann::json* ring = nullptr;
        try
        {
            if (type == "Polygon")
            {
                ring = &g.at("coordinates").at(0);
            }
            else if (type == "MultiPolygon")
            {
                ring = &g.at("coordinates").at(0).at(0);
            }
        }
        catch (const nlohmann::json::exception&)
        {
            ring = nullptr;
        }
        if (ring == nullptr || !ring->is_array() || ring->size() < 3)
        {
            throw InputError::InFile(path,
                                     where + ": expected a Polygon with a ring of at "
                                             "least 3 [lon, lat] points");
        }
        for (const auto& p : *ring)
        {
            if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number())
            {
                throw InputError::InFile(path, where + ": a vertex is not [lon, lat]");
            }
            const double lon = p[0].get<double>();
            const double lat = p[1].get<double>();
            if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90))
            {
                throw InputError::InFile(path,
                                         where + ": vertex (" + std::to_string(lon) + ", " +
                                             std::to_string(lat) + ") is out of the lon/lat range");
            }
            rings[id - 1].emplace_back(lon, lat);
            minLon = std::min(minLon, lon);
            minLat = std::min(minLat, lat);
            maxLon = std::max(maxLon, lon);
            maxLat = std::max(maxLat, lat);
        }
        // A closed ring repeats its first vertex; count it once.
        auto& r = rings[id - 1];
        if (r.size() > 3 && r.front() == r.back())
        {
            r.pop_back();
        }
    }
    for (uint32_t i = 0; i < n; ++i)
    {
        if (!seen[i])
        {
            throw InputError::InFile(path,
                                     "cellId " + std::to_string(i + 1) +
                                         " is missing (expected ids 1.." + std::to_string(n) + ")");
        }
    }
    m_projection = GeoProjection(minLon, minLat);
    m_centres.assign(n, Vector(0, 0, 0));
    for (uint32_t i = 0; i < n; ++i)
    {
        double lon = 0;
        double lat = 0;
        for (const auto& p : rings[i])
        {
            lon += p.first;
            lat += p.second;
        }
        m_centres[i] = m_projection.Project(lon / rings[i].size(), lat / rings[i].size());
    }
    m_min = m_projection.Project(minLon, minLat);
    m_max = m_projection.Project(maxLon, maxLat);
    m_fromGeoJson = true;
    m_built = true;
}

bool
MilanGrid::IsFromGeoJson() const
{
    EnsureBuilt();
    return m_fromGeoJson;
}

uint32_t
MilanGrid::GetNSquares() const
{
    return m_rows * m_columns;
}

Vector
MilanGrid::GetCentre(uint32_t squareId) const
{
    EnsureBuilt();
    if (squareId < 1 || squareId > m_centres.size())
    {
        throw InputError("MilanGrid: square id " + std::to_string(squareId) + " is outside 1.." +
                         std::to_string(m_centres.size()));
    }
    return m_centres[squareId - 1];
}

std::vector<Vector>
MilanGrid::GetCentres() const
{
    EnsureBuilt();
    return m_centres;
}

Vector
MilanGrid::Project(double lon, double lat) const
{
    EnsureBuilt();
    return m_projection.Project(lon, lat);
}

bool
MilanGrid::Contains(const Vector& p, double margin) const
{
    EnsureBuilt();
    return p.x >= m_min.x - margin && p.x <= m_max.x + margin && p.y >= m_min.y - margin &&
           p.y <= m_max.y + margin;
}

GeoProjection
MilanGrid::GetProjection() const
{
    EnsureBuilt();
    return m_projection;
}

} // namespace ns3
