/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "csv-table-reader.h"

#include "input-error.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace ns3
{

CsvTableReader::CsvTableReader(const std::string& path, char delimiter)
    : m_path(path),
      m_delimiter(delimiter),
      m_in(path),
      m_line(0)
{
    if (!m_in.is_open())
    {
        throw InputError::InFile(path, "cannot open the file for reading");
    }
}

bool
CsvTableReader::Next()
{
    std::string line;
    while (std::getline(m_in, line))
    {
        ++m_line;
        size_t first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#')
        {
            continue;
        }
        m_fields = Split(line, m_delimiter);
        return true;
    }
    m_fields.clear();
    return false;
}

const std::vector<std::string>&
CsvTableReader::Fields() const
{
    return m_fields;
}

size_t
CsvTableReader::Size() const
{
    return m_fields.size();
}

const std::string&
CsvTableReader::Field(size_t index) const
{
    if (index >= m_fields.size())
    {
        throw Error("expected at least " + std::to_string(index + 1) + " fields, found " +
                    std::to_string(m_fields.size()));
    }
    return m_fields[index];
}

uint64_t
CsvTableReader::GetLine() const
{
    return m_line;
}

const std::string&
CsvTableReader::GetPath() const
{
    return m_path;
}

void
CsvTableReader::ExpectFields(size_t n) const
{
    if (m_fields.size() != n)
    {
        throw Error("expected " + std::to_string(n) + " fields, found " +
                    std::to_string(m_fields.size()));
    }
}

double
CsvTableReader::GetDouble(size_t index, const std::string& column) const
{
    const std::string& text = Field(index);
    double value = 0;
    if (!ParseDouble(text, value))
    {
        throw Error("column '" + column + "': '" + text + "' is not a finite number");
    }
    return value;
}

uint64_t
CsvTableReader::GetUnsigned(size_t index, const std::string& column) const
{
    const std::string& text = Field(index);
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
    {
        throw Error("column '" + column + "': '" + text + "' is not a non-negative integer");
    }
    errno = 0;
    unsigned long long value = std::strtoull(text.c_str(), nullptr, 10);
    if (errno == ERANGE)
    {
        throw Error("column '" + column + "': '" + text + "' is out of range");
    }
    return value;
}

InputError
CsvTableReader::Error(const std::string& message) const
{
    return InputError::AtLine(m_path, m_line, message);
}

std::vector<std::string>
CsvTableReader::Split(const std::string& line, char delimiter)
{
    std::vector<std::string> fields;
    size_t start = 0;
    while (true)
    {
        size_t end = line.find(delimiter, start);
        std::string field =
            line.substr(start, end == std::string::npos ? std::string::npos : end - start);
        size_t b = field.find_first_not_of(" \t\r\n");
        size_t e = field.find_last_not_of(" \t\r\n");
        fields.push_back(b == std::string::npos ? std::string() : field.substr(b, e - b + 1));
        if (end == std::string::npos)
        {
            break;
        }
        start = end + 1;
    }
    return fields;
}

std::vector<std::string>
CsvTableReader::SplitList(const std::string& text)
{
    std::vector<std::string> items;
    for (auto& item : Split(text, ','))
    {
        if (!item.empty())
        {
            items.push_back(item);
        }
    }
    return items;
}

bool
CsvTableReader::ParseDouble(const std::string& text, double& value)
{
    if (text.empty())
    {
        return false;
    }
    char* end = nullptr;
    errno = 0;
    value = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size() && errno != ERANGE && std::isfinite(value);
}

} // namespace ns3
