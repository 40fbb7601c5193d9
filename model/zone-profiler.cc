/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "zone-profiler.h"

#include "atomic-file-writer.h"

#include "ns3/boolean.h"
#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <iomanip>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ZoneProfiler");

NS_OBJECT_ENSURE_REGISTERED(ZoneProfiler);

TypeId
ZoneProfiler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ZoneProfiler")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<ZoneProfiler>()
            .AddAttribute("UnbiasedStd",
                          "Use the sample standard deviation (divisor n - 1); false uses the "
                          "population one (divisor n).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&ZoneProfiler::m_unbiased),
                          MakeBooleanChecker());
    return tid;
}

ZoneProfiler::ZoneProfiler()
    : m_unbiased(true)
{
    NS_LOG_FUNCTION(this);
}

ZoneProfiler::~ZoneProfiler()
{
    NS_LOG_FUNCTION(this);
}

HourStatistics
ZoneProfiler::ComputeHour(const std::vector<double>& values) const
{
    HourStatistics s;
    s.days = static_cast<uint32_t>(values.size());
    if (values.empty())
    {
        return s;
    }
    double sum = 0;
    s.max = values[0];
    for (double v : values)
    {
        sum += v;
        s.max = std::max(s.max, v);
    }
    s.mean = sum / values.size();
    double ss = 0;
    for (double v : values)
    {
        ss += (v - s.mean) * (v - s.mean);
    }
    const double divisor =
        m_unbiased ? static_cast<double>(values.size()) - 1.0 : static_cast<double>(values.size());
    s.std = divisor > 0 ? std::sqrt(ss / divisor) : 0.0;
    s.meanPlus1Std = s.mean + s.std;
    s.meanPlus2Std = s.mean + 2 * s.std;
    const double slack = 1e-12 * std::max(1.0, std::abs(s.meanPlus2Std));
    uint32_t within1 = 0;
    uint32_t within2 = 0;
    for (double v : values)
    {
        within1 += v <= s.meanPlus1Std + slack ? 1 : 0;
        within2 += v <= s.meanPlus2Std + slack ? 1 : 0;
    }
    s.pWithin1Std = static_cast<double>(within1) / values.size();
    s.pWithin2Std = static_cast<double>(within2) / values.size();
    return s;
}

std::vector<ZoneProfile>
ZoneProfiler::Compute(const HourlyVolume& zones) const
{
    NS_LOG_FUNCTION(this << zones.GetNNodes() << zones.GetNDays());
    std::vector<ZoneProfile> out(zones.GetNNodes());
    for (uint32_t z = 0; z < zones.GetNNodes(); ++z)
    {
        out[z].zone = z;
        const double* row = zones.Row(z);
        for (DayType type : {DayType::WORKDAY, DayType::HOLIDAY})
        {
            const auto days = zones.GetDaysOfType(type);
            auto& hours = out[z].hours[static_cast<size_t>(type)];
            hours.resize(HourlyVolume::HOURS_PER_DAY);
            std::vector<double> values(days.size());
            for (uint32_t h = 0; h < HourlyVolume::HOURS_PER_DAY; ++h)
            {
                for (size_t i = 0; i < days.size(); ++i)
                {
                    values[i] = row[days[i] * HourlyVolume::HOURS_PER_DAY + h];
                }
                hours[h] = ComputeHour(values);
            }
        }
    }
    return out;
}

void
ZoneProfiler::WriteCsv(std::ostream& out, const std::vector<ZoneProfile>& profiles)
{
    out << "zone,day_type,hour,days,mean_mb,std_mb,max_mb,mean_1std_mb,mean_2std_mb,p_1std,"
           "p_2std\n";
    for (const auto& p : profiles)
    {
        for (DayType type : {DayType::WORKDAY, DayType::HOLIDAY})
        {
            const auto& hours = p.hours[static_cast<size_t>(type)];
            for (uint32_t h = 0; h < hours.size(); ++h)
            {
                const auto& s = hours[h];
                out << p.zone << ',' << DayTypeName(type) << ',' << h << ',' << s.days << ','
                    << std::fixed << std::setprecision(3) << s.mean << ',' << s.std << ',' << s.max
                    << ',' << s.meanPlus1Std << ',' << s.meanPlus2Std << ',' << std::setprecision(4)
                    << s.pWithin1Std << ',' << s.pWithin2Std << '\n';
            }
        }
    }
}

} // namespace ns3

namespace ns3
{

void
ZoneProfiler::WriteCsv(const std::string& path, const std::vector<ZoneProfile>& profiles)
{
    AtomicFileWriter w(path);
    WriteCsv(w.Stream(), profiles);
    w.Commit();
}

} // namespace ns3
