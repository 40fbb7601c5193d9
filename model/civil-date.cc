/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "civil-date.h"

#include "input-error.h"

#include <cstdio>

namespace ns3
{

namespace
{

// Days from civil and back (H. Hinnant's public-domain algorithms for the proleptic Gregorian
// calendar), valid for any year the module can meet.
int64_t
DaysFromCivil(int64_t y, uint32_t m, uint32_t d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const uint32_t yoe = static_cast<uint32_t>(y - era * 400);
    const uint32_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const uint32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

} // namespace

CivilDate::CivilDate()
    : m_year(1970),
      m_month(1),
      m_day(1)
{
}

CivilDate::CivilDate(int32_t year, uint32_t month, uint32_t day)
    : m_year(year),
      m_month(month),
      m_day(day)
{
    if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month))
    {
        throw InputError("invalid date " + std::to_string(year) + "-" + std::to_string(month) +
                         "-" + std::to_string(day));
    }
}

uint32_t
CivilDate::DaysInMonth(int32_t year, uint32_t month)
{
    static const uint32_t days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
    {
        return 0;
    }
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return days[month - 1] + ((month == 2 && leap) ? 1 : 0);
}

CivilDate
CivilDate::FromDayNumber(int64_t z)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const uint32_t doe = static_cast<uint32_t>(z - era * 146097);
    const uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t y = static_cast<int64_t>(yoe) + era * 400;
    const uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const uint32_t mp = (5 * doy + 2) / 153;
    const uint32_t d = doy - (153 * mp + 2) / 5 + 1;
    const uint32_t m = mp < 10 ? mp + 3 : mp - 9;
    return CivilDate(static_cast<int32_t>(y + (m <= 2)), m, d);
}

bool
CivilDate::TryParse(const std::string& text, CivilDate& date)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
    {
        return false;
    }
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    {
        if (text[i] < '0' || text[i] > '9')
        {
            return false;
        }
    }
    const int32_t y = std::stoi(text.substr(0, 4));
    const uint32_t m = static_cast<uint32_t>(std::stoi(text.substr(5, 2)));
    const uint32_t d = static_cast<uint32_t>(std::stoi(text.substr(8, 2)));
    if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m))
    {
        return false;
    }
    date = CivilDate(y, m, d);
    return true;
}

CivilDate
CivilDate::Parse(const std::string& text, const std::string& what)
{
    CivilDate date;
    if (!TryParse(text, date))
    {
        throw InputError::ForAttribute(what, "'" + text + "' is not a valid YYYY-MM-DD date");
    }
    return date;
}

int64_t
CivilDate::GetDayNumber() const
{
    return DaysFromCivil(m_year, m_month, m_day);
}

int32_t
CivilDate::GetYear() const
{
    return m_year;
}

uint32_t
CivilDate::GetMonth() const
{
    return m_month;
}

uint32_t
CivilDate::GetDay() const
{
    return m_day;
}

uint32_t
CivilDate::GetWeekday() const
{
    // 1970-01-01 was a Thursday (weekday 3 with Monday = 0).
    const int64_t n = GetDayNumber();
    return static_cast<uint32_t>(((n % 7) + 7 + 3) % 7);
}

bool
CivilDate::IsWeekend() const
{
    return GetWeekday() >= 5;
}

std::string
CivilDate::ToString() const
{
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "%04d-%02u-%02u", m_year, m_month, m_day);
    return buffer;
}

CivilDate
CivilDate::AddDays(int64_t days) const
{
    return FromDayNumber(GetDayNumber() + days);
}

bool
CivilDate::operator==(const CivilDate& other) const
{
    return m_year == other.m_year && m_month == other.m_month && m_day == other.m_day;
}

bool
CivilDate::operator!=(const CivilDate& other) const
{
    return !(*this == other);
}

bool
CivilDate::operator<(const CivilDate& other) const
{
    return GetDayNumber() < other.GetDayNumber();
}

} // namespace ns3
