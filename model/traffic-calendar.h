/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_TRAFFIC_CALENDAR_H
#define MICROSCOPE_TRAFFIC_CALENDAR_H

#include "ns3/nstime.h"
#include "ns3/object.h"

#include <cstdint>
#include <set>
#include <string>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Kind of day: mobile traffic follows different daily profiles on each.
 */
enum class DayType : uint8_t
{
    WORKDAY = 0, //!< Monday to Friday, unless listed as a holiday
    HOLIDAY = 1, //!< Saturday, Sunday or a listed public holiday (the second paper's "holiday")
};

/**
 * \param type a day type.
 * \return "workday" or "holiday".
 */
std::string DayTypeName(DayType type);

/**
 * \ingroup microscope
 * \brief Maps slot indices to days, weekdays, day types and times of day.
 *
 * Slot 0 starts at midnight of day 0. A day must hold a whole number of slots.
 */
class TrafficCalendar : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    TrafficCalendar();
    ~TrafficCalendar() override;

    /**
     * Check the attributes together.
     * \throw InputError naming the attribute when a day is not a whole number of slots.
     */
    void Validate() const;

    /// \return the slot duration.
    Time GetSlotDuration() const;

    /**
     * \param duration the slot duration.
     * \throw InputError (attribute SlotDuration) if not positive or not dividing a day.
     */
    void SetSlotDuration(Time duration);

    /// \return the number of slots in a day.
    uint32_t GetSlotsPerDay() const;

    /**
     * \param slot a slot index.
     * \return the index of the day it belongs to.
     */
    uint64_t GetDayIndex(uint64_t slot) const;

    /**
     * \param slot a slot index.
     * \return its index within its day, 0 at midnight.
     */
    uint32_t GetSlotOfDay(uint64_t slot) const;

    /**
     * \param slot a slot index.
     * \return the hour of the day at which the slot starts, in [0, 24).
     */
    double GetHourOfDay(uint64_t slot) const;

    /**
     * \param day a day index.
     * \return its weekday, 0 = Monday ... 6 = Sunday.
     */
    uint32_t GetWeekday(uint64_t day) const;

    /**
     * \param day a day index.
     * \return whether it is a workday or a holiday (weekend or listed holiday).
     */
    DayType GetDayType(uint64_t day) const;

    /**
     * \param day a day index.
     * \return true if the day is listed in the Holidays attribute.
     */
    bool IsListedHoliday(uint64_t day) const;

private:
    /**
     * \param list the Holidays attribute: comma-separated day indices.
     */
    void SetHolidays(const std::string& list);

    /// \return the Holidays attribute.
    std::string GetHolidays() const;

    Time m_slotDuration;           //!< slot duration
    uint32_t m_startWeekday;       //!< weekday of day 0 (0 = Monday)
    std::set<uint64_t> m_holidays; //!< listed holidays (day indices)
};

} // namespace ns3

#endif /* MICROSCOPE_TRAFFIC_CALENDAR_H */
