/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_HOURLY_VOLUME_H
#define MICROSCOPE_HOURLY_VOLUME_H

#include "civil-date.h"
#include "traffic-calendar.h"

#include "ns3/ptr.h"
#include "ns3/vector.h"

#include <cstdint>
#include <vector>

namespace ns3
{

class DayClassifier;

/**
 * \ingroup microscope
 * \brief Traffic volume per node and hour, in MB per hour, over whole consecutive days: the
 * neutral input of the zone pipeline.
 *
 * Rows are nodes (base stations, Milan squares, or zones), columns are hours: hour h belongs
 * to day h / 24 and starts at (h mod 24):00 local time. Every day carries its date and its day
 * type (workday or holiday), and every node a position in metres (x east, y north). The
 * Milan loader, the TrafficSource adapter and later the slot pipeline all produce this.
 */
class HourlyVolume
{
public:
    /// Hours in a day.
    static constexpr uint32_t HOURS_PER_DAY = 24;

    /// An empty volume (no nodes, no days).
    HourlyVolume();

    /**
     * Zero volume for nNodes nodes over the given days; positions at the origin, every day a
     * workday until SetDayTypes() or Classify().
     * \param nNodes number of nodes.
     * \param days the consecutive days, in order.
     * \throw InputError if the days are not consecutive.
     */
    HourlyVolume(uint32_t nNodes, const std::vector<CivilDate>& days);

    /**
     * \param nNodes number of nodes.
     * \param days the consecutive days, in order.
     * \throw InputError if the days are not consecutive.
     */
    void Reset(uint32_t nNodes, const std::vector<CivilDate>& days);

    /// \return the number of nodes (rows).
    uint32_t GetNNodes() const;

    /// \return the number of days.
    uint32_t GetNDays() const;

    /// \return the number of hours, 24 per day.
    uint32_t GetNHours() const;

    /**
     * \param node a node index.
     * \param hour an hour index.
     * \return the volume in MB of that node in that hour.
     */
    double& operator()(uint32_t node, uint32_t hour);

    /**
     * \param node a node index.
     * \param hour an hour index.
     * \return the volume in MB of that node in that hour.
     */
    double operator()(uint32_t node, uint32_t hour) const;

    /**
     * \param node a node index.
     * \return the node's GetNHours() hourly volumes, contiguous.
     */
    const double* Row(uint32_t node) const;

    /**
     * \param positions one position per node, in metres.
     * \throw InputError if the count differs from GetNNodes().
     */
    void SetPositions(const std::vector<Vector>& positions);

    /// \return the nodes' positions in metres.
    const std::vector<Vector>& GetPositions() const;

    /**
     * \param day a day index.
     * \return its date.
     */
    const CivilDate& GetDate(uint32_t day) const;

    /// \return the dates of all days.
    const std::vector<CivilDate>& GetDates() const;

    /**
     * \param day a day index.
     * \return its day type.
     */
    DayType GetDayType(uint32_t day) const;

    /// \return the day types of all days.
    const std::vector<DayType>& GetDayTypes() const;

    /**
     * \param types one type per day.
     * \throw InputError if the count differs from GetNDays().
     */
    void SetDayTypes(const std::vector<DayType>& types);

    /**
     * Set the day types from the dates.
     * \param classifier weekends and public holidays.
     */
    void Classify(Ptr<const DayClassifier> classifier);

    /**
     * \param type a day type.
     * \return the indices of the days of that type, in time order.
     */
    std::vector<uint32_t> GetDaysOfType(DayType type) const;

    /// \return each node's volume summed over all hours, in MB.
    std::vector<double> GetNodeTotals() const;

    /**
     * Sum the nodes into groups (e.g. stations into zones).
     * \param groupOf for each node, its group, below nGroups.
     * \param nGroups the number of groups.
     * \return a volume with one row per group, the same days and day types, and each group
     *         at the plain centroid of its nodes (the origin if it has none).
     */
    HourlyVolume Aggregate(const std::vector<uint32_t>& groupOf, uint32_t nGroups) const;

    /**
     * \param node a node index.
     * \param type a day type.
     * \return the node's hourly volumes on the days of that type, concatenated in time order.
     */
    std::vector<double> GetSeries(uint32_t node, DayType type) const;

    /**
     * Check that every entry is finite and non-negative.
     * \param what a name for the message (a file, or the producer).
     * \throw InputError naming what, the node and the hour otherwise.
     */
    void Validate(const std::string& what) const;

private:
    uint32_t m_nNodes;               //!< number of nodes
    std::vector<CivilDate> m_days;   //!< date of each day
    std::vector<DayType> m_types;    //!< type of each day
    std::vector<Vector> m_positions; //!< node positions in metres
    std::vector<double> m_volume;    //!< node-major volumes in MB
};

} // namespace ns3

#endif /* MICROSCOPE_HOURLY_VOLUME_H */
