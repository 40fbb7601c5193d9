/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "traffic-calendar.h"

#include "input-error.h"

#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TrafficCalendar");

NS_OBJECT_ENSURE_REGISTERED(TrafficCalendar);

std::string
DayTypeName(DayType type)
{
    return type == DayType::WORKDAY ? "workday" : "holiday";
}

TypeId
TrafficCalendar::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TrafficCalendar")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<TrafficCalendar>()
            .AddAttribute("SlotDuration",
                          "Duration of a traffic slot: the time resolution of the demand. A day "
                          "must hold a whole number of slots.",
                          TimeValue(Minutes(5)),
                          MakeTimeAccessor(&TrafficCalendar::m_slotDuration),
                          MakeTimeChecker(Seconds(1), Hours(24)))
            .AddAttribute("StartWeekday",
                          "Weekday of day 0: 0 = Monday ... 6 = Sunday.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&TrafficCalendar::m_startWeekday),
                          MakeUintegerChecker<uint32_t>(0, 6))
            .AddAttribute(
                "Holidays",
                "Comma-separated indices of days (0-based) that are public holidays; "
                "they follow the holiday profiles, like weekends.",
                StringValue(""),
                MakeStringAccessor(&TrafficCalendar::SetHolidays, &TrafficCalendar::GetHolidays),
                MakeStringChecker());
    return tid;
}

TrafficCalendar::TrafficCalendar()
    : m_slotDuration(Minutes(5)),
      m_startWeekday(0)
{
    NS_LOG_FUNCTION(this);
}

TrafficCalendar::~TrafficCalendar()
{
    NS_LOG_FUNCTION(this);
}

void
TrafficCalendar::Validate() const
{
    NS_LOG_FUNCTION(this);
    const int64_t slot = m_slotDuration.GetMilliSeconds();
    if (slot <= 0)
    {
        throw InputError::ForAttribute("SlotDuration",
                                       "the slot duration must be positive, got " +
                                           std::to_string(m_slotDuration.GetSeconds()) + " s");
    }
    if (Hours(24).GetMilliSeconds() % slot != 0)
    {
        throw InputError::ForAttribute("SlotDuration",
                                       "a day must hold a whole number of slots, got " +
                                           std::to_string(m_slotDuration.GetSeconds()) + " s");
    }
}

Time
TrafficCalendar::GetSlotDuration() const
{
    return m_slotDuration;
}

void
TrafficCalendar::SetSlotDuration(Time duration)
{
    NS_LOG_FUNCTION(this << duration);
    m_slotDuration = duration;
    Validate();
}

uint32_t
TrafficCalendar::GetSlotsPerDay() const
{
    Validate();
    return static_cast<uint32_t>(Hours(24).GetMilliSeconds() / m_slotDuration.GetMilliSeconds());
}

uint64_t
TrafficCalendar::GetDayIndex(uint64_t slot) const
{
    return slot / GetSlotsPerDay();
}

uint32_t
TrafficCalendar::GetSlotOfDay(uint64_t slot) const
{
    return static_cast<uint32_t>(slot % GetSlotsPerDay());
}

double
TrafficCalendar::GetHourOfDay(uint64_t slot) const
{
    return 24.0 * GetSlotOfDay(slot) / GetSlotsPerDay();
}

uint32_t
TrafficCalendar::GetWeekday(uint64_t day) const
{
    return static_cast<uint32_t>((day + m_startWeekday) % 7);
}

DayType
TrafficCalendar::GetDayType(uint64_t day) const
{
    return (GetWeekday(day) >= 5 || IsListedHoliday(day)) ? DayType::HOLIDAY : DayType::WORKDAY;
}

bool
TrafficCalendar::IsListedHoliday(uint64_t day) const
{
    return m_holidays.count(day) > 0;
}

void
TrafficCalendar::SetHolidays(const std::string& list)
{
    NS_LOG_FUNCTION(this << list);
    std::set<uint64_t> days;
    std::stringstream ss(list);
    std::string item;
    while (std::getline(ss, item, ','))
    {
        if (item.find_first_not_of(" \t") == std::string::npos)
        {
            continue;
        }
        size_t used = 0;
        unsigned long long day = 0;
        try
        {
            day = std::stoull(item, &used);
        }
        catch (const std::exception&)
        {
            used = 0;
        }
        if (used == 0 || item.find_first_not_of(" \t", used) != std::string::npos ||
            item.find('-') != std::string::npos)
        {
            throw InputError::ForAttribute("Holidays",
                                           "expected comma-separated day indices, got '" + item +
                                               "'");
        }
        days.insert(day);
    }
    m_holidays = days;
}

std::string
TrafficCalendar::GetHolidays() const
{
    std::string out;
    for (auto day : m_holidays)
    {
        out += (out.empty() ? "" : ",") + std::to_string(day);
    }
    return out;
}

} // namespace ns3
