/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "hourly-volume.h"

#include "day-classifier.h"
#include "input-error.h"

#include "ns3/assert.h"

#include <cmath>

namespace ns3
{

HourlyVolume::HourlyVolume()
    : m_nNodes(0)
{
}

HourlyVolume::HourlyVolume(uint32_t nNodes, const std::vector<CivilDate>& days)
    : m_nNodes(0)
{
    Reset(nNodes, days);
}

void
HourlyVolume::Reset(uint32_t nNodes, const std::vector<CivilDate>& days)
{
    for (size_t i = 1; i < days.size(); ++i)
    {
        if (days[i].GetDayNumber() != days[i - 1].GetDayNumber() + 1)
        {
            throw InputError("hourly volume: days must be consecutive, " + days[i - 1].ToString() +
                             " is followed by " + days[i].ToString());
        }
    }
    m_nNodes = nNodes;
    m_days = days;
    m_types.assign(days.size(), DayType::WORKDAY);
    m_positions.assign(nNodes, Vector(0, 0, 0));
    m_volume.assign(static_cast<size_t>(nNodes) * days.size() * HOURS_PER_DAY, 0.0);
}

uint32_t
HourlyVolume::GetNNodes() const
{
    return m_nNodes;
}

uint32_t
HourlyVolume::GetNDays() const
{
    return static_cast<uint32_t>(m_days.size());
}

uint32_t
HourlyVolume::GetNHours() const
{
    return GetNDays() * HOURS_PER_DAY;
}

double&
HourlyVolume::operator()(uint32_t node, uint32_t hour)
{
    NS_ASSERT(node < m_nNodes && hour < GetNHours());
    return m_volume[static_cast<size_t>(node) * GetNHours() + hour];
}

double
HourlyVolume::operator()(uint32_t node, uint32_t hour) const
{
    NS_ASSERT(node < m_nNodes && hour < GetNHours());
    return m_volume[static_cast<size_t>(node) * GetNHours() + hour];
}

const double*
HourlyVolume::Row(uint32_t node) const
{
    NS_ASSERT(node < m_nNodes);
    return m_volume.data() + static_cast<size_t>(node) * GetNHours();
}

void
HourlyVolume::SetPositions(const std::vector<Vector>& positions)
{
    if (positions.size() != m_nNodes)
    {
        throw InputError("hourly volume: " + std::to_string(positions.size()) + " positions for " +
                         std::to_string(m_nNodes) + " nodes");
    }
    m_positions = positions;
}

const std::vector<Vector>&
HourlyVolume::GetPositions() const
{
    return m_positions;
}

const CivilDate&
HourlyVolume::GetDate(uint32_t day) const
{
    return m_days.at(day);
}

const std::vector<CivilDate>&
HourlyVolume::GetDates() const
{
    return m_days;
}

DayType
HourlyVolume::GetDayType(uint32_t day) const
{
    return m_types.at(day);
}

const std::vector<DayType>&
HourlyVolume::GetDayTypes() const
{
    return m_types;
}

void
HourlyVolume::SetDayTypes(const std::vector<DayType>& types)
{
    if (types.size() != m_days.size())
    {
        throw InputError("hourly volume: " + std::to_string(types.size()) + " day types for " +
                         std::to_string(m_days.size()) + " days");
    }
    m_types = types;
}

void
HourlyVolume::Classify(Ptr<const DayClassifier> classifier)
{
    for (size_t d = 0; d < m_days.size(); ++d)
    {
        m_types[d] = classifier->Classify(m_days[d]);
    }
}

std::vector<uint32_t>
HourlyVolume::GetDaysOfType(DayType type) const
{
    std::vector<uint32_t> out;
    for (uint32_t d = 0; d < GetNDays(); ++d)
    {
        if (m_types[d] == type)
        {
            out.push_back(d);
        }
    }
    return out;
}

std::vector<double>
HourlyVolume::GetNodeTotals() const
{
    std::vector<double> totals(m_nNodes, 0.0);
    const uint32_t nHours = GetNHours();
    for (uint32_t n = 0; n < m_nNodes; ++n)
    {
        const double* row = Row(n);
        double sum = 0;
        for (uint32_t h = 0; h < nHours; ++h)
        {
            sum += row[h];
        }
        totals[n] = sum;
    }
    return totals;
}

HourlyVolume
HourlyVolume::Aggregate(const std::vector<uint32_t>& groupOf, uint32_t nGroups) const
{
    if (groupOf.size() != m_nNodes)
    {
        throw InputError("hourly volume: " + std::to_string(groupOf.size()) + " group labels for " +
                         std::to_string(m_nNodes) + " nodes");
    }
    HourlyVolume out(nGroups, m_days);
    out.m_types = m_types;
    std::vector<Vector> centre(nGroups, Vector(0, 0, 0));
    std::vector<uint32_t> count(nGroups, 0);
    const uint32_t nHours = GetNHours();
    for (uint32_t n = 0; n < m_nNodes; ++n)
    {
        const uint32_t g = groupOf[n];
        if (g >= nGroups)
        {
            throw InputError("hourly volume: group " + std::to_string(g) + " of node " +
                             std::to_string(n) + " is not below " + std::to_string(nGroups));
        }
        const double* row = Row(n);
        double* dst = out.m_volume.data() + static_cast<size_t>(g) * nHours;
        for (uint32_t h = 0; h < nHours; ++h)
        {
            dst[h] += row[h];
        }
        centre[g].x += m_positions[n].x;
        centre[g].y += m_positions[n].y;
        centre[g].z += m_positions[n].z;
        ++count[g];
    }
    for (uint32_t g = 0; g < nGroups; ++g)
    {
        if (count[g] > 0)
        {
            centre[g] =
                Vector(centre[g].x / count[g], centre[g].y / count[g], centre[g].z / count[g]);
        }
    }
    out.m_positions = centre;
    return out;
}

std::vector<double>
HourlyVolume::GetSeries(uint32_t node, DayType type) const
{
    std::vector<double> out;
    const double* row = Row(node);
    for (uint32_t d : GetDaysOfType(type))
    {
        out.insert(out.end(), row + d * HOURS_PER_DAY, row + (d + 1) * HOURS_PER_DAY);
    }
    return out;
}

void
HourlyVolume::Validate(const std::string& what) const
{
    const uint32_t nHours = GetNHours();
    for (uint32_t n = 0; n < m_nNodes; ++n)
    {
        const double* row = Row(n);
        for (uint32_t h = 0; h < nHours; ++h)
        {
            if (!std::isfinite(row[h]) || row[h] < 0)
            {
                throw InputError(what + ": node " + std::to_string(n) + ", hour " +
                                 std::to_string(h) + ": volume " + std::to_string(row[h]) +
                                 " is not a finite non-negative number");
            }
        }
    }
}

} // namespace ns3
