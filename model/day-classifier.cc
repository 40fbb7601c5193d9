/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "day-classifier.h"

#include "input-error.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/string.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DayClassifier");

NS_OBJECT_ENSURE_REGISTERED(DayClassifier);

TypeId
DayClassifier::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DayClassifier")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<DayClassifier>()
            .AddAttribute(
                "Holidays",
                "Comma-separated public holidays as YYYY-MM-DD dates; they follow the "
                "holiday profiles, like weekends. The default is the Italian holidays "
                "of the Milan data period.",
                StringValue(GetMilanHolidays()),
                MakeStringAccessor(&DayClassifier::SetHolidays, &DayClassifier::GetHolidays),
                MakeStringChecker())
            .AddAttribute("WeekendsAreHolidays",
                          "Whether Saturdays and Sundays count as holidays.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&DayClassifier::m_weekends),
                          MakeBooleanChecker());
    return tid;
}

DayClassifier::DayClassifier()
    : m_weekends(true)
{
    NS_LOG_FUNCTION(this);
    SetHolidays(GetMilanHolidays());
}

DayClassifier::~DayClassifier()
{
    NS_LOG_FUNCTION(this);
}

std::string
DayClassifier::GetMilanHolidays()
{
    return "2013-11-01,2013-12-08,2013-12-25,2013-12-26,2014-01-01";
}

DayType
DayClassifier::Classify(const CivilDate& date) const
{
    if ((m_weekends && date.IsWeekend()) || m_holidays.count(date.GetDayNumber()) > 0)
    {
        return DayType::HOLIDAY;
    }
    return DayType::WORKDAY;
}

void
DayClassifier::SetHolidayDates(const std::vector<CivilDate>& dates)
{
    NS_LOG_FUNCTION(this << dates.size());
    m_holidays.clear();
    for (const auto& d : dates)
    {
        m_holidays.insert(d.GetDayNumber());
    }
}

std::vector<CivilDate>
DayClassifier::GetHolidayDates() const
{
    std::vector<CivilDate> out;
    for (auto n : m_holidays)
    {
        out.push_back(CivilDate::FromDayNumber(n));
    }
    return out;
}

void
DayClassifier::SetHolidays(const std::string& list)
{
    NS_LOG_FUNCTION(this << list);
    std::set<int64_t> days;
    std::stringstream ss(list);
    std::string item;
    while (std::getline(ss, item, ','))
    {
        const size_t b = item.find_first_not_of(" \t");
        if (b == std::string::npos)
        {
            continue;
        }
        const size_t e = item.find_last_not_of(" \t");
        days.insert(CivilDate::Parse(item.substr(b, e - b + 1), "Holidays").GetDayNumber());
    }
    m_holidays = days;
}

std::string
DayClassifier::GetHolidays() const
{
    std::string out;
    for (auto n : m_holidays)
    {
        out += (out.empty() ? "" : ",") + CivilDate::FromDayNumber(n).ToString();
    }
    return out;
}

} // namespace ns3
