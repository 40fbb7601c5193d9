/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "datacenter-dimensioning.h"

#include "atomic-file-writer.h"
#include "csv-table-reader.h"
#include "input-error.h"

#include "ns3/double.h"
#include "ns3/log.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iomanip>
#include <limits>
#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DatacenterDimensioning");

NS_OBJECT_ENSURE_REGISTERED(DatacenterDimensioning);

TypeId
DatacenterDimensioning::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DatacenterDimensioning")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<DatacenterDimensioning>()
            .AddAttribute("Alpha",
                          "Capacity design constant alpha of D = 1 + alpha (P - 1)/(1 - P_s).",
                          DoubleValue(-0.6),
                          MakeDoubleAccessor(&DatacenterDimensioning::m_alpha),
                          MakeDoubleChecker<double>(-100.0, 100.0))
            .AddAttribute("ReferenceProbability",
                          "Capacity design constant P_s of D = 1 + alpha (P - 1)/(1 - P_s).",
                          DoubleValue(0.6),
                          MakeDoubleAccessor(&DatacenterDimensioning::m_ps),
                          MakeDoubleChecker<double>(0.0, 0.999))
            .AddAttribute("DataPlaneCoresPerGbps",
                          "CPU cores the data-plane VNFs need per Gbps.",
                          DoubleValue(20.0),
                          MakeDoubleAccessor(&DatacenterDimensioning::m_dataPlaneCores),
                          MakeDoubleChecker<double>(0.0, 1e6))
            .AddAttribute("SdnCoresPerGbps",
                          "CPU cores the SDN controller needs per Gbps.",
                          DoubleValue(6.0),
                          MakeDoubleAccessor(&DatacenterDimensioning::m_sdnCores),
                          MakeDoubleChecker<double>(0.0, 1e6))
            .AddAttribute("MegabitsPerGigabit",
                          "Megabits in a gigabit when turning MB into Gb (the paper uses 1024; "
                          "with it and rounding to the nearest core the paper's worked zones "
                          "come out exactly). VnfAllocator, which allocates, uses 1000 and "
                          "rounds up.",
                          DoubleValue(1024.0),
                          MakeDoubleAccessor(&DatacenterDimensioning::m_mbPerGb),
                          MakeDoubleChecker<double>(1.0, 1e6));
    return tid;
}

DatacenterDimensioning::DatacenterDimensioning()
    : m_alpha(-0.6),
      m_ps(0.6),
      m_dataPlaneCores(20),
      m_sdnCores(6),
      m_mbPerGb(1024)
{
    NS_LOG_FUNCTION(this);
}

DatacenterDimensioning::~DatacenterDimensioning()
{
    NS_LOG_FUNCTION(this);
}

double
DatacenterDimensioning::GetMultiplier(double p) const
{
    return 1.0 + m_alpha * (p - 1.0) / (1.0 - m_ps);
}

DimensioningResult
DatacenterDimensioning::Dimension(const ZoneStats& stats) const
{
    NS_LOG_FUNCTION(this << stats.zone << stats.g << stats.f << stats.p);
    const std::string zone = "zone " + std::to_string(stats.zone);
    if (!std::isfinite(stats.g) || stats.g < 0 || !std::isfinite(stats.f) || stats.f < 0)
    {
        throw InputError(zone + ": g and f must be finite and non-negative");
    }
    if (!(stats.p >= 0 && stats.p <= 1))
    {
        throw InputError(zone + ": P must lie in [0, 1], got " + std::to_string(stats.p));
    }
    DimensioningResult r;
    r.zone = stats.zone;
    r.g = stats.g;
    r.f = stats.f;
    r.p = stats.p;
    r.multiplier = GetMultiplier(stats.p);
    r.volumeMb = r.multiplier * (stats.g + stats.f);
    r.gbPerHour = r.volumeMb * 8.0 / m_mbPerGb;
    r.gbps = r.gbPerHour / 3600.0;
    r.coresExact = r.gbps * (m_dataPlaneCores + m_sdnCores);
    if (!(r.coresExact < std::numeric_limits<uint32_t>::max()))
    {
        // Huge g and f (or a sum that overflows) would wrap the core count (found by fuzzing).
        throw InputError(zone + ": " + std::to_string(r.coresExact) +
                         " cores, beyond the 2^32 a result holds (g and f too large)");
    }
    r.cores = static_cast<uint32_t>(std::llround(r.coresExact));
    return r;
}

ZoneStats
DatacenterDimensioning::SelectPeakHour(const ZoneProfile& profile)
{
    ZoneStats best;
    best.zone = profile.zone;
    double peak = -1;
    for (DayType type : {DayType::WORKDAY, DayType::HOLIDAY})
    {
        const auto& hours = profile.hours[static_cast<size_t>(type)];
        for (uint32_t h = 0; h < hours.size(); ++h)
        {
            const auto& s = hours[h];
            if (s.days > 0 && s.meanPlus1Std > peak)
            {
                peak = s.meanPlus1Std;
                best.g = s.mean;
                best.f = s.std;
                best.p = s.pWithin1Std;
                best.type = type;
                best.hour = static_cast<int32_t>(h);
            }
        }
    }
    if (peak < 0)
    {
        throw InputError("zone " + std::to_string(profile.zone) + ": its profile has no day");
    }
    return best;
}

std::vector<ZoneStats>
DatacenterDimensioning::ReadZoneStats(const std::string& path)
{
    CsvTableReader reader(path);
    if (!reader.Next())
    {
        throw InputError::InFile(path, "the file is empty (expected the header zone,g_mb,f_mb,p)");
    }
    static const char* header[] = {"zone", "g_mb", "f_mb", "p"};
    reader.ExpectFields(4);
    for (size_t i = 0; i < 4; ++i)
    {
        std::string f = reader.Field(i);
        std::transform(f.begin(),
                       f.end(),
                       f.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (f != header[i])
        {
            throw reader.Error("header column " + std::to_string(i + 1) + " is '" +
                               reader.Field(i) + "', expected '" + header[i] + "'");
        }
    }
    std::vector<ZoneStats> out;
    std::set<uint64_t> seen;
    while (reader.Next())
    {
        reader.ExpectFields(4);
        ZoneStats s;
        const uint64_t zone = reader.GetUnsigned(0, "zone");
        if (zone > UINT32_MAX)
        {
            throw reader.Error("column 'zone': " + reader.Field(0) + " is too large");
        }
        if (!seen.insert(zone).second)
        {
            throw reader.Error("zone " + reader.Field(0) + " appears twice");
        }
        s.zone = static_cast<uint32_t>(zone);
        s.g = reader.GetDouble(1, "g_mb");
        s.f = reader.GetDouble(2, "f_mb");
        s.p = reader.GetDouble(3, "p");
        if (s.g < 0)
        {
            throw reader.Error("column 'g_mb': " + reader.Field(1) + " is negative");
        }
        if (s.f < 0)
        {
            throw reader.Error("column 'f_mb': " + reader.Field(2) + " is negative");
        }
        if (s.p < 0 || s.p > 1)
        {
            throw reader.Error("column 'p': " + reader.Field(3) + " is outside [0, 1]");
        }
        out.push_back(s);
    }
    if (out.empty())
    {
        throw InputError::InFile(path, "no zone rows after the header");
    }
    return out;
}

void
DatacenterDimensioning::WriteCsv(std::ostream& out, const std::vector<DimensioningResult>& results)
{
    out << "zone,g_mb,f_mb,p,d,v_mb,gb_per_hour,cores\n";
    for (const auto& r : results)
    {
        out << r.zone << ',' << std::fixed << std::setprecision(2) << r.g << ',' << r.f << ','
            << std::setprecision(4) << r.p << ',' << r.multiplier << ',' << std::setprecision(2)
            << r.volumeMb << ',' << r.gbPerHour << ',' << r.cores << '\n';
    }
}

void
DatacenterDimensioning::WriteCsv(const std::string& path,
                                 const std::vector<DimensioningResult>& results)
{
    AtomicFileWriter w(path);
    WriteCsv(w.Stream(), results);
    w.Commit();
}

} // namespace ns3
