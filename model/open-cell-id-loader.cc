/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "open-cell-id-loader.h"

#include "csv-table-reader.h"
#include "input-error.h"
#include "milan-grid.h"

#include "ns3/double.h"
#include "ns3/integer.h"
#include "ns3/log.h"
#include "ns3/string.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OpenCellIdLoader");

NS_OBJECT_ENSURE_REGISTERED(OpenCellIdLoader);

TypeId
OpenCellIdLoader::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::OpenCellIdLoader")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<OpenCellIdLoader>()
            .AddAttribute("Mcc",
                          "Mobile country code to keep (222 = Italy); -1 keeps every country.",
                          IntegerValue(222),
                          MakeIntegerAccessor(&OpenCellIdLoader::m_mcc),
                          MakeIntegerChecker<int32_t>(-1, 999))
            .AddAttribute("Mnc",
                          "Mobile network code (column 'net') to keep (1 = TIM in Italy); -1 "
                          "keeps every network.",
                          IntegerValue(1),
                          MakeIntegerAccessor(&OpenCellIdLoader::m_mnc),
                          MakeIntegerChecker<int32_t>(-1, 999))
            .AddAttribute("Radio",
                          "Comma-separated radio types to keep (e.g. 'GSM,UMTS,LTE'); empty "
                          "keeps all.",
                          StringValue(""),
                          MakeStringAccessor(&OpenCellIdLoader::m_radio),
                          MakeStringChecker())
            .AddAttribute("MergeDistance",
                          "Cells closer than this (metres) to an earlier station are merged "
                          "into it; 0 keeps every cell as a station.",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&OpenCellIdLoader::m_mergeDistance),
                          MakeDoubleChecker<double>(0.0, 10000.0));
    return tid;
}

OpenCellIdLoader::OpenCellIdLoader()
    : m_mcc(222),
      m_mnc(1),
      m_mergeDistance(0),
      m_rows(0)
{
    NS_LOG_FUNCTION(this);
}

OpenCellIdLoader::~OpenCellIdLoader()
{
    NS_LOG_FUNCTION(this);
}

namespace
{
std::string
LowerCase(std::string s)
{
    std::transform(s.begin(),
                   s.end(),
                   s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string
Upper(std::string s)
{
    std::transform(s.begin(),
                   s.end(),
                   s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}
} // namespace

bool
OpenCellIdLoader::RadioMatches(const std::string& radio) const
{
    if (m_radio.find_first_not_of(" \t,") == std::string::npos)
    {
        return true;
    }
    for (const auto& item : CsvTableReader::Split(m_radio, ','))
    {
        if (!item.empty() && Upper(item) == Upper(radio))
        {
            return true;
        }
    }
    return false;
}

void
OpenCellIdLoader::Load(const std::string& path)
{
    NS_LOG_FUNCTION(this << path);
    CsvTableReader reader(path);
    if (!reader.Next())
    {
        throw InputError::InFile(path, "the file is empty (expected a header line)");
    }
    std::map<std::string, size_t> column;
    for (size_t i = 0; i < reader.Size(); ++i)
    {
        column[LowerCase(reader.Field(i))] = i;
    }
    const size_t nColumns = reader.Size();
    auto require = [&](const std::string& name)
    {
        auto it = column.find(name);
        if (it == column.end())
        {
            throw reader.Error("the header has no '" + name + "' column");
        }
        return it->second;
    };
    const size_t lonColumn = require("lon");
    const size_t latColumn = require("lat");
    const bool needRadio = m_radio.find_first_not_of(" \t,") != std::string::npos;
    const size_t radioColumn =
        needRadio ? require("radio") : (column.count("radio") ? column["radio"] : SIZE_MAX);
    const size_t mccColumn =
        m_mcc >= 0 ? require("mcc") : (column.count("mcc") ? column["mcc"] : SIZE_MAX);
    const size_t netColumn =
        m_mnc >= 0 ? require("net") : (column.count("net") ? column["net"] : SIZE_MAX);

    m_towers.clear();
    m_rows = 0;
    while (reader.Next())
    {
        ++m_rows;
        reader.ExpectFields(nColumns);
        CellTower t;
        t.line = reader.GetLine();
        t.lon = reader.GetDouble(lonColumn, "lon");
        t.lat = reader.GetDouble(latColumn, "lat");
        if (t.lon < -180 || t.lon > 180)
        {
            throw reader.Error("column 'lon': " + reader.Field(lonColumn) +
                               " is outside [-180, 180]");
        }
        if (t.lat < -90 || t.lat > 90)
        {
            throw reader.Error("column 'lat': " + reader.Field(latColumn) +
                               " is outside [-90, 90]");
        }
        if (radioColumn != SIZE_MAX)
        {
            t.radio = reader.Field(radioColumn);
        }
        if (mccColumn != SIZE_MAX)
        {
            t.mcc = static_cast<int32_t>(
                std::min<uint64_t>(reader.GetUnsigned(mccColumn, "mcc"), INT32_MAX));
        }
        if (netColumn != SIZE_MAX)
        {
            t.mnc = static_cast<int32_t>(
                std::min<uint64_t>(reader.GetUnsigned(netColumn, "net"), INT32_MAX));
        }
        if ((m_mcc >= 0 && t.mcc != m_mcc) || (m_mnc >= 0 && t.mnc != m_mnc) ||
            !RadioMatches(t.radio))
        {
            continue;
        }
        m_towers.push_back(t);
    }
    if (m_rows == 0)
    {
        throw InputError::InFile(path, "no data rows after the header");
    }
    NS_LOG_INFO(path << ": " << m_rows << " rows, " << m_towers.size() << " kept");
}

const std::vector<CellTower>&
OpenCellIdLoader::GetTowers() const
{
    return m_towers;
}

uint64_t
OpenCellIdLoader::GetNRows() const
{
    return m_rows;
}

std::vector<Vector>
OpenCellIdLoader::GetStationPositions(Ptr<const MilanGrid> grid, double margin) const
{
    NS_LOG_FUNCTION(this << grid << margin);
    std::vector<Vector> stations;
    // Merging uses a hash grid of cell m_mergeDistance so that it stays near-linear.
    std::map<std::pair<int64_t, int64_t>, std::vector<size_t>> buckets;
    const double r = m_mergeDistance;
    for (const auto& t : m_towers)
    {
        const Vector p = grid->Project(t.lon, t.lat);
        if (!grid->Contains(p, margin))
        {
            continue;
        }
        if (r > 0)
        {
            const int64_t bx = static_cast<int64_t>(std::floor(p.x / r));
            const int64_t by = static_cast<int64_t>(std::floor(p.y / r));
            bool merged = false;
            for (int64_t dx = -1; dx <= 1 && !merged; ++dx)
            {
                for (int64_t dy = -1; dy <= 1 && !merged; ++dy)
                {
                    auto it = buckets.find({bx + dx, by + dy});
                    if (it == buckets.end())
                    {
                        continue;
                    }
                    for (size_t s : it->second)
                    {
                        if (CalculateDistance(stations[s], p) <= r)
                        {
                            merged = true;
                            break;
                        }
                    }
                }
            }
            if (merged)
            {
                continue;
            }
            buckets[{bx, by}].push_back(stations.size());
        }
        stations.push_back(p);
    }
    return stations;
}

} // namespace ns3
