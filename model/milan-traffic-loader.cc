/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "milan-traffic-loader.h"

#include "csv-table-reader.h"
#include "input-error.h"

#include "ns3/double.h"
#include "ns3/integer.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MilanTrafficLoader");

NS_OBJECT_ENSURE_REGISTERED(MilanTrafficLoader);

namespace
{
constexpr int64_t INTERVAL_MS = 10 * 60 * 1000; // the data's 10-minute intervals

std::string
Lower(std::string s)
{
    std::transform(s.begin(),
                   s.end(),
                   s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/// Floor division for possibly negative numerators.
int64_t
FloorDiv(int64_t a, int64_t b)
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

double
MilanTrafficLoader::ReadActivities(const CsvTableReader& reader, size_t first)
{
    static const char* names[] = {"SMS-in", "SMS-out", "call-in", "call-out", "internet"};
    double internet = 0;
    for (size_t k = 0; k < 5; ++k)
    {
        const std::string& text = reader.Field(first + k);
        double value = 0;
        if (!text.empty())
        {
            value = reader.GetDouble(first + k, names[k]);
            if (value < 0)
            {
                throw reader.Error(std::string("column '") + names[k] + "': activity " + text +
                                   " is negative");
            }
        }
        if (k == 4)
        {
            internet = value;
        }
    }
    return internet;
}

void
MilanTrafficLoader::AddRecord(const CsvTableReader& reader,
                              uint64_t square,
                              int64_t localMinutes,
                              double internet,
                              std::vector<int64_t>& last)
{
    if (square < 1 || square > m_nSquares)
    {
        throw reader.Error("square id " + std::to_string(square) + " is outside 1.." +
                           std::to_string(m_nSquares));
    }
    if (localMinutes < last[square])
    {
        throw reader.Error("timestamps out of order: square " + std::to_string(square) +
                           " goes back in time (" + std::to_string(last[square] - localMinutes) +
                           " minutes earlier than its previous line)");
    }
    last[square] = localMinutes;
    const int64_t day = FloorDiv(localMinutes, 24 * 60);
    const uint32_t hour = static_cast<uint32_t>((localMinutes - day * 24 * 60) / 60);
    auto it = m_days.find(day);
    if (it == m_days.end())
    {
        it = m_days.emplace(day, std::vector<double>(static_cast<size_t>(m_nSquares) * 24, 0.0))
                 .first;
    }
    it->second[(square - 1) * 24 + hour] += internet;
    ++m_records;
}

void
MilanTrafficLoader::LoadFile(const std::string& path)
{
    NS_LOG_FUNCTION(this << path);
    // Tell the formats apart by the first non-blank line.
    std::string firstLine;
    {
        std::ifstream probe(path);
        if (!probe.is_open())
        {
            throw InputError::InFile(path, "cannot open the file for reading");
        }
        std::string line;
        while (std::getline(probe, line))
        {
            if (line.find_first_not_of(" \t\r") != std::string::npos)
            {
                firstLine = line;
                break;
            }
        }
    }
    if (firstLine.empty())
    {
        throw InputError::InFile(path, "the file is empty (no records)");
    }
    const bool isCsv = Lower(CsvTableReader::Split(firstLine, ',')[0]) == "datetime";
    if (!isCsv && path.size() >= 4 && Lower(path.substr(path.size() - 4)) == ".csv")
    {
        throw InputError::AtLine(path,
                                 1,
                                 "expected the header "
                                 "'datetime,CellID,countrycode,smsin,smsout,callin,callout,"
                                 "internet'");
    }
    std::vector<int64_t> last(static_cast<size_t>(m_nSquares) + 1,
                              std::numeric_limits<int64_t>::min());
    const uint64_t before = m_records;
    const int64_t offsetMinutes = m_utcOffset;
    auto epochToLocalMinutes = [&](const CsvTableReader& reader, uint64_t ms)
    {
        if (ms % INTERVAL_MS != 0)
        {
            throw reader.Error("interval start " + std::to_string(ms) +
                               " ms is not on a 10-minute boundary");
        }
        return static_cast<int64_t>(ms / 60000) + offsetMinutes;
    };

    if (isCsv)
    {
        CsvTableReader reader(path, ',');
        reader.Next();
        static const char* header[] = {"datetime",
                                       "cellid",
                                       "countrycode",
                                       "smsin",
                                       "smsout",
                                       "callin",
                                       "callout",
                                       "internet"};
        reader.ExpectFields(8);
        for (size_t i = 0; i < 8; ++i)
        {
            if (Lower(reader.Field(i)) != header[i])
            {
                throw reader.Error("header column " + std::to_string(i + 1) + " is '" +
                                   reader.Field(i) + "', expected '" + header[i] + "'");
            }
        }
        while (reader.Next())
        {
            reader.ExpectFields(8);
            const std::string& when = reader.Field(0);
            int64_t localMinutes = 0;
            if (!when.empty() && when.find_first_not_of("0123456789") == std::string::npos)
            {
                localMinutes = epochToLocalMinutes(reader, reader.GetUnsigned(0, "datetime"));
            }
            else
            {
                // YYYY-MM-DD HH:MM[:SS], or with 'T' between date and time.
                CivilDate date;
                int hh = -1;
                int mm = -1;
                int ss = 0;
                bool ok = when.size() >= 16 && (when[10] == ' ' || when[10] == 'T') &&
                          CivilDate::TryParse(when.substr(0, 10), date) && when[13] == ':';
                if (ok)
                {
                    const std::string t = when.substr(11);
                    ok = (t.size() == 5 || (t.size() == 8 && t[5] == ':'));
                    for (size_t i = 0; ok && i < t.size(); ++i)
                    {
                        ok = (i == 2 || i == 5) ? t[i] == ':' : std::isdigit(t[i]) != 0;
                    }
                    if (ok)
                    {
                        hh = std::stoi(t.substr(0, 2));
                        mm = std::stoi(t.substr(3, 2));
                        ss = t.size() == 8 ? std::stoi(t.substr(6, 2)) : 0;
                        ok = hh < 24 && mm < 60 && ss < 60;
                    }
                }
                if (!ok)
                {
                    throw reader.Error("column 'datetime': '" + when +
                                       "' is not YYYY-MM-DD HH:MM[:SS] or epoch milliseconds");
                }
                if (ss != 0 || mm % 10 != 0)
                {
                    throw reader.Error("column 'datetime': '" + when +
                                       "' is not on a 10-minute boundary");
                }
                localMinutes = date.GetDayNumber() * 24 * 60 + hh * 60 + mm;
            }
            const uint64_t square = reader.GetUnsigned(1, "CellID");
            reader.GetUnsigned(2, "countrycode");
            const double internet = ReadActivities(reader, 3);
            AddRecord(reader, square, localMinutes, internet, last);
        }
    }
    else
    {
        CsvTableReader reader(path, '\t');
        while (reader.Next())
        {
            reader.ExpectFields(8);
            const uint64_t square = reader.GetUnsigned(0, "square id");
            const int64_t localMinutes =
                epochToLocalMinutes(reader, reader.GetUnsigned(1, "time interval"));
            reader.GetUnsigned(2, "country code");
            const double internet = ReadActivities(reader, 3);
            AddRecord(reader, square, localMinutes, internet, last);
        }
    }
    if (m_records == before)
    {
        throw InputError::InFile(path, "the file has no records");
    }
}

uint32_t
MilanTrafficLoader::LoadDirectory(const std::string& dir)
{
    NS_LOG_FUNCTION(this << dir);
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
    {
        throw InputError::InFile(dir, "not a directory");
    }
    std::vector<std::string> files;
    std::set<std::string> stems;
    for (const auto& entry : fs::directory_iterator(dir, ec))
    {
        const std::string name = entry.path().filename().string();
        const std::string ext = Lower(entry.path().extension().string());
        if (name.rfind("sms-call-internet-mi-", 0) != 0 || (ext != ".txt" && ext != ".csv") ||
            !entry.is_regular_file())
        {
            continue;
        }
        const std::string stem = entry.path().stem().string();
        if (!stems.insert(stem).second)
        {
            throw InputError::InFile(dir,
                                     "the day " + stem + " comes both as .txt and .csv; keep one");
        }
        files.push_back(entry.path().string());
    }
    if (ec)
    {
        throw InputError::InFile(dir, "cannot list the directory: " + ec.message());
    }
    if (files.empty())
    {
        throw InputError::InFile(dir, "no sms-call-internet-mi-*.txt or *.csv files");
    }
    std::sort(files.begin(), files.end());
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
