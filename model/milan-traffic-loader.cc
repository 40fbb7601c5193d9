/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "milan-traffic-loader.h"

#include "csv-table-reader.h"
#include "input-error.h"
#include "milan-record-reader.h"

#include "ns3/double.h"
#include "ns3/integer.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MilanTrafficLoader");

NS_OBJECT_ENSURE_REGISTERED(MilanTrafficLoader);

namespace
{
/// Floor division for possibly negative numerators.
int64_t
FloorDivide(int64_t a, int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
} // namespace

TypeId
MilanTrafficLoader::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::MilanTrafficLoader")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<MilanTrafficLoader>()
            .AddAttribute("NumSquares",
                          "Number of squares of the grid; square ids must lie in 1..NumSquares.",
                          UintegerValue(10000),
                          MakeUintegerAccessor(&MilanTrafficLoader::m_nSquares),
                          MakeUintegerChecker<uint32_t>(1, 1000000))
            .AddAttribute("MbPerRecord",
                          "Volume of a new connection in MB (the operator opens a new internet "
                          "record every 5 MB).",
                          DoubleValue(5.0),
                          MakeDoubleAccessor(&MilanTrafficLoader::m_mbPerRecord),
                          MakeDoubleChecker<double>(0.0))
            .AddAttribute("NewConnectionShare",
                          "Share of the internet records assumed to be new connections of "
                          "MbPerRecord MB (the second paper assumes half).",
                          DoubleValue(0.5),
                          MakeDoubleAccessor(&MilanTrafficLoader::m_newShare),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("UtcOffset",
                          "Minutes local time is ahead of UTC, applied to epoch-millisecond "
                          "interval starts (Milan from November to March: 60).",
                          IntegerValue(60),
                          MakeIntegerAccessor(&MilanTrafficLoader::m_utcOffset),
                          MakeIntegerChecker<int32_t>(-720, 840));
    return tid;
}

MilanTrafficLoader::MilanTrafficLoader()
    : m_nSquares(10000),
      m_mbPerRecord(5.0),
      m_newShare(0.5),
      m_utcOffset(60),
      m_records(0)
{
    NS_LOG_FUNCTION(this);
}

MilanTrafficLoader::~MilanTrafficLoader()
{
    NS_LOG_FUNCTION(this);
}

void
MilanTrafficLoader::Clear()
{
    NS_LOG_FUNCTION(this);
    m_days.clear();
    m_records = 0;
}

uint64_t
MilanTrafficLoader::GetNRecords() const
{
    return m_records;
}

void
MilanTrafficLoader::AddRecord(int64_t localMinutes, uint32_t square, double internet)
{
    const int64_t day = FloorDivide(localMinutes, 24 * 60);
    const uint32_t hour = static_cast<uint32_t>((localMinutes - day * 24 * 60) / 60);
    auto it = m_days.find(day);
    if (it == m_days.end())
    {
        it = m_days.emplace(day, std::vector<double>(static_cast<size_t>(m_nSquares) * 24, 0.0))
                 .first;
    }
    it->second[(static_cast<size_t>(square) - 1) * 24 + hour] += internet;
    ++m_records;
}

void
MilanTrafficLoader::LoadFile(const std::string& path)
{
    NS_LOG_FUNCTION(this << path);
    // The reader checks every line (and that the file has records).
    MilanRecordReader::ReadFile(
        path,
        m_nSquares,
        m_utcOffset,
        [this](const CsvTableReader&, const MilanRecordReader::Record& r)
        { AddRecord(r.localMinutes, r.square, r.activity[MilanRecordReader::N_KINDS - 1]); });
}

uint32_t
MilanTrafficLoader::LoadDirectory(const std::string& dir)
{
    NS_LOG_FUNCTION(this << dir);
    const std::vector<std::string> files = MilanRecordReader::ListDirectory(dir);
    for (const auto& f : files)
    {
        LoadFile(f);
    }
    return static_cast<uint32_t>(files.size());
}

HourlyVolume
MilanTrafficLoader::GetVolume() const
{
    NS_LOG_FUNCTION(this);
    if (m_days.empty())
    {
        throw InputError("MilanTrafficLoader: no records were read");
    }
    const int64_t first = m_days.begin()->first;
    const int64_t lastDay = m_days.rbegin()->first;
    std::vector<CivilDate> dates;
    for (int64_t d = first; d <= lastDay; ++d)
    {
        if (m_days.count(d) == 0)
        {
            throw InputError("MilanTrafficLoader: no records for " +
                             CivilDate::FromDayNumber(d).ToString() + ", between " +
                             CivilDate::FromDayNumber(first).ToString() + " and " +
                             CivilDate::FromDayNumber(lastDay).ToString());
        }
        dates.push_back(CivilDate::FromDayNumber(d));
    }
    HourlyVolume volume(m_nSquares, dates);
    const double mbPerActivity = m_newShare * m_mbPerRecord;
    for (const auto& [day, activity] : m_days)
    {
        const uint32_t d = static_cast<uint32_t>(day - first);
        for (uint32_t s = 0; s < m_nSquares; ++s)
        {
            for (uint32_t h = 0; h < 24; ++h)
            {
                volume(s, d * 24 + h) = activity[static_cast<size_t>(s) * 24 + h] * mbPerActivity;
            }
        }
    }
    return volume;
}

} // namespace ns3
