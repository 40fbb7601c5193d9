/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "milan-record-reader.h"

#include "civil-date.h"
#include "csv-table-reader.h"
#include "input-error.h"

#include "ns3/log.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MilanRecordReader");

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

/**
 * Read the five activity fields starting at index first.
 * \param reader the reader on the line.
 * \param first index of the SMS-in field.
 * \param activity receives the five values.
 */
void
ReadActivities(const CsvTableReader& reader,
               size_t first,
               std::array<double, MilanRecordReader::N_KINDS>& activity)
{
    static const char* names[] = {"SMS-in", "SMS-out", "call-in", "call-out", "internet"};
    for (size_t k = 0; k < MilanRecordReader::N_KINDS; ++k)
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
        activity[k] = value;
    }
}
} // namespace

const std::array<std::string, MilanRecordReader::N_KINDS>&
MilanRecordReader::GetKindNames()
{
    static const std::array<std::string, N_KINDS> names = {"sms-in",
                                                           "sms-out",
                                                           "call-in",
                                                           "call-out",
                                                           "internet"};
    return names;
}

MilanRecordReader::Variant
MilanRecordReader::ReadFile(const std::string& path,
                            uint32_t nSquares,
                            int32_t utcOffsetMinutes,
                            const Visitor& visitor)
{
    NS_LOG_FUNCTION(path << nSquares << utcOffsetMinutes);
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
    std::vector<int64_t> last(static_cast<size_t>(nSquares) + 1,
                              std::numeric_limits<int64_t>::min());
    uint64_t records = 0;
    const int64_t offsetMinutes = utcOffsetMinutes;
    auto epochToLocalMinutes = [&](const CsvTableReader& reader, uint64_t ms)
    {
        if (ms % INTERVAL_MS != 0)
        {
            throw reader.Error("interval start " + std::to_string(ms) +
                               " ms is not on a 10-minute boundary");
        }
        return static_cast<int64_t>(ms / 60000) + offsetMinutes;
    };
    Record record;
    record.variant = isCsv ? Variant::CSV : Variant::TXT;
    auto emit = [&](const CsvTableReader& reader, uint64_t square)
    {
        if (square < 1 || square > nSquares)
        {
            throw reader.Error("square id " + std::to_string(square) + " is outside 1.." +
                               std::to_string(nSquares));
        }
        if (record.localMinutes < last[square])
        {
            throw reader.Error("timestamps out of order: square " + std::to_string(square) +
                               " goes back in time (" +
                               std::to_string(last[square] - record.localMinutes) +
                               " minutes earlier than its previous line)");
        }
        last[square] = record.localMinutes;
        record.square = static_cast<uint32_t>(square);
        visitor(reader, record);
        ++records;
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
            ReadActivities(reader, 3, record.activity);
            record.localMinutes = localMinutes;
            emit(reader, square);
        }
    }
    else
    {
        CsvTableReader reader(path, '\t');
        while (reader.Next())
        {
            reader.ExpectFields(8);
            const uint64_t square = reader.GetUnsigned(0, "square id");
            record.localMinutes =
                epochToLocalMinutes(reader, reader.GetUnsigned(1, "time interval"));
            reader.GetUnsigned(2, "country code");
            ReadActivities(reader, 3, record.activity);
            emit(reader, square);
        }
    }
    if (records == 0)
    {
        throw InputError::InFile(path, "the file has no records");
    }
    return isCsv ? Variant::CSV : Variant::TXT;
}

std::vector<std::string>
MilanRecordReader::ListDirectory(const std::string& dir)
{
    NS_LOG_FUNCTION(dir);
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
    return files;
}

} // namespace ns3
