/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "milan-file-writer.h"

#include "atomic-file-writer.h"

#include "ns3/log.h"

#include <cmath>
#include <cstdio>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MilanFileWriter");

namespace
{
/// SplitMix64: a fixed hash of the record's coordinates.
uint64_t
Mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}
} // namespace

double
MilanFileWriter::SyntheticActivity(uint32_t square,
                                   int64_t localMinutes,
                                   uint32_t kind,
                                   uint32_t country)
{
    static const double base[MilanRecordReader::N_KINDS] = {2.0, 1.5, 1.8, 1.7, 30.0};
    const double minuteOfDay = static_cast<double>(((localMinutes % 1440) + 1440) % 1440);
    const double cycle = 1.0 + 0.8 * std::sin(2.0 * M_PI * (minuteOfDay / 1440.0 - 0.3));
    const uint64_t h = Mix((static_cast<uint64_t>(square) << 40) ^
                           (static_cast<uint64_t>(localMinutes) << 8) ^ (kind << 4) ^ country);
    const double u = static_cast<double>(h >> 11) / 9007199254740992.0; // [0, 1)
    const double spatial = 0.5 + static_cast<double>(square % 97) / 97.0;
    double v = base[kind] * cycle * spatial * (0.2 + 1.6 * u) / (1.0 + country);
    if (u < 0.05)
    {
        v = 0; // some empty fields, as in the real files
    }
    return std::round(v * 8.0) / 8.0;
}

std::string
MilanFileWriter::WriteDay(const std::string& dir,
                          MilanRecordReader::Variant variant,
                          const CivilDate& date,
                          const std::vector<uint32_t>& squares,
                          uint32_t countries,
                          int32_t utcOffsetMinutes)
{
    NS_LOG_FUNCTION(dir << date.ToString() << squares.size() << countries);
    const bool csv = variant == MilanRecordReader::Variant::CSV;
    const std::string path =
        dir + "/sms-call-internet-mi-" + date.ToString() + (csv ? ".csv" : ".txt");
    static const uint32_t codes[] = {39, 33, 49, 44, 34, 86, 1, 41};
    AtomicFileWriter writer(path);
    auto& out = writer.Stream();
    const char sep = csv ? ',' : '\t';
    if (csv)
    {
        out << "datetime,CellID,countrycode,smsin,smsout,callin,callout,internet\n";
    }
    std::string line;
    char buf[64];
    for (uint32_t i = 0; i < 144; ++i)
    {
        const int64_t localMinutes = date.GetDayNumber() * 1440 + static_cast<int64_t>(i) * 10;
        std::string when;
        if (csv)
        {
            std::snprintf(buf,
                          sizeof(buf),
                          "%s %02u:%02u:00",
                          date.ToString().c_str(),
                          i / 6,
                          (i % 6) * 10);
            when = buf;
        }
        else
        {
            std::snprintf(buf,
                          sizeof(buf),
                          "%lld",
                          static_cast<long long>((localMinutes - utcOffsetMinutes) * 60000));
            when = buf;
        }
        for (uint32_t s : squares)
        {
            for (uint32_t c = 0; c < countries; ++c)
            {
                line.clear();
                const std::string code = std::to_string(codes[c % 8] + 100 * (c / 8));
                if (csv)
                {
                    line.append(when).append(1, sep).append(std::to_string(s));
                }
                else
                {
                    line.append(std::to_string(s)).append(1, sep).append(when);
                }
                line.append(1, sep).append(code);
                for (uint32_t k = 0; k < MilanRecordReader::N_KINDS; ++k)
                {
                    const double v = SyntheticActivity(s, localMinutes, k, c);
                    line.append(1, sep);
                    if (v > 0)
                    {
                        std::snprintf(buf, sizeof(buf), "%.10g", v);
                        line.append(buf);
                    }
                }
                line.append(1, '\n');
                out << line;
            }
        }
    }
    writer.Commit();
    return path;
}

} // namespace ns3
