/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_CIVIL_DATE_H
#define MICROSCOPE_CIVIL_DATE_H

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief A day of the proleptic Gregorian calendar (year, month, day), without time zone.
 *
 * Used to label the days of hourly traffic series (the Milan data runs from 2013-11-01 to
 * 2014-01-01) and to list public holidays. Conversions use the day number, the count of days
 * since 1970-01-01 (negative before).
 */
class CivilDate
{
public:
    /// 1970-01-01.
    CivilDate();

    /**
     * \param year the year, e.g. 2013.
     * \param month 1..12.
     * \param day 1..days in the month.
     * \throw InputError if the date does not exist.
     */
    CivilDate(int32_t year, uint32_t month, uint32_t day);

    /**
     * \param dayNumber days since 1970-01-01.
     * \return the date.
     */
    static CivilDate FromDayNumber(int64_t dayNumber);

    /**
     * Parse "YYYY-MM-DD".
     * \param text the text.
     * \param date receives the date on success.
     * \return true if the text is exactly a valid date.
     */
    static bool TryParse(const std::string& text, CivilDate& date);

    /**
     * Parse "YYYY-MM-DD".
     * \param text the text.
     * \param what the attribute, flag or file position for the message.
     * \return the date.
     * \throw InputError naming what if the text is not a valid date.
     */
    static CivilDate Parse(const std::string& text, const std::string& what);

    /**
     * \param year a year.
     * \param month 1..12.
     * \return the number of days of the month (0 if month is out of range).
     */
    static uint32_t DaysInMonth(int32_t year, uint32_t month);

    /// \return days since 1970-01-01.
    int64_t GetDayNumber() const;

    /// \return the year.
    int32_t GetYear() const;

    /// \return the month, 1..12.
    uint32_t GetMonth() const;

    /// \return the day of the month, 1..31.
    uint32_t GetDay() const;

    /// \return the weekday, 0 = Monday ... 6 = Sunday.
    uint32_t GetWeekday() const;

    /// \return true on Saturday and Sunday.
    bool IsWeekend() const;

    /// \return "YYYY-MM-DD".
    std::string ToString() const;

    /**
     * \param days a number of days, possibly negative.
     * \return the date that many days later.
     */
    CivilDate AddDays(int64_t days) const;

    /**
     * \param other another date.
     * \return true if both are the same day.
     */
    bool operator==(const CivilDate& other) const;

    /**
     * \param other another date.
     * \return true if they differ.
     */
    bool operator!=(const CivilDate& other) const;

    /**
     * \param other another date.
     * \return true if this date is earlier.
     */
    bool operator<(const CivilDate& other) const;

private:
    int32_t m_year;   //!< year
    uint32_t m_month; //!< 1..12
    uint32_t m_day;   //!< 1..31
};

} // namespace ns3

#endif /* MICROSCOPE_CIVIL_DATE_H */
