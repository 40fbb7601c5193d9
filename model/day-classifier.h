/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_DAY_CLASSIFIER_H
#define MICROSCOPE_DAY_CLASSIFIER_H

#include "civil-date.h"
#include "traffic-calendar.h"

#include "ns3/object.h"

#include <set>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Tells holidays from workdays by date: weekends plus a list of public holidays.
 *
 * The second paper keeps the 22 holidays of the Milan period (2013-11-01 to 2014-01-01)
 * apart from its 40 workdays. The default list holds the Italian public holidays of that
 * period that fall on weekdays or Sundays: 2013-11-01 (All Saints), 2013-12-08 (Immaculate
 * Conception, a Sunday), 2013-12-25 (Christmas), 2013-12-26 (St Stephen) and 2014-01-01 (New
 * Year). Milan's patron-saint day, 2013-12-07 (Sant'Ambrogio), fell on a Saturday and so needs
 * no entry. With weekends this gives 22 holidays and 40 workdays, the paper's counts.
 */
class DayClassifier : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    DayClassifier();
    ~DayClassifier() override;

    /// \return the default Holidays attribute: the Italian holidays of the Milan period.
    static std::string GetMilanHolidays();

    /**
     * \param date a date.
     * \return HOLIDAY on weekends (if WeekendsAreHolidays) and listed dates, else WORKDAY.
     */
    DayType Classify(const CivilDate& date) const;

    /**
     * \param dates the public holidays, replacing the list.
     */
    void SetHolidayDates(const std::vector<CivilDate>& dates);

    /// \return the listed public holidays, in date order.
    std::vector<CivilDate> GetHolidayDates() const;

private:
    /**
     * \param list comma-separated YYYY-MM-DD dates.
     * \throw InputError naming the Holidays attribute on a bad date.
     */
    void SetHolidays(const std::string& list);

    /// \return the Holidays attribute.
    std::string GetHolidays() const;

    std::set<int64_t> m_holidays; //!< listed holidays, as day numbers
    bool m_weekends;              //!< whether Saturday and Sunday are holidays
};

} // namespace ns3

#endif /* MICROSCOPE_DAY_CLASSIFIER_H */
