/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "hourly-volume-from-traffic-source.h"

#include "input-error.h"

#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HourlyVolumeFromTrafficSource");

NS_OBJECT_ENSURE_REGISTERED(HourlyVolumeFromTrafficSource);

TypeId
HourlyVolumeFromTrafficSource::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::HourlyVolumeFromTrafficSource")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<HourlyVolumeFromTrafficSource>()
            .AddAttribute("StartDate",
                          "Date (YYYY-MM-DD) that labels the source's day 0. It only names the "
                          "days; day types come from the source's calendar.",
                          StringValue("2013-11-01"),
                          MakeStringAccessor(&HourlyVolumeFromTrafficSource::m_startDate),
                          MakeStringChecker())
            .AddAttribute("Days",
                          "Number of whole days to convert; 0 converts every whole day the "
                          "source gives.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&HourlyVolumeFromTrafficSource::m_days),
                          MakeUintegerChecker<uint32_t>(0, 100000));
    return tid;
}

HourlyVolumeFromTrafficSource::HourlyVolumeFromTrafficSource()
    : m_startDate("2013-11-01"),
      m_days(0)
{
    NS_LOG_FUNCTION(this);
}

HourlyVolumeFromTrafficSource::~HourlyVolumeFromTrafficSource()
{
    NS_LOG_FUNCTION(this);
}

HourlyVolume
HourlyVolumeFromTrafficSource::Convert(Ptr<TrafficSource> source,
                                       const std::vector<Vector>& positions) const
{
    NS_LOG_FUNCTION(this << source << positions.size());
    const CivilDate start = CivilDate::Parse(m_startDate, "StartDate");
    Ptr<TrafficCalendar> calendar = source->GetCalendar();
    calendar->Validate();
    const uint32_t nAntennas = source->GetNAntennas();
    if (positions.size() != nAntennas)
    {
        throw InputError::ForAttribute("positions",
                                       std::to_string(positions.size()) + " positions for " +
                                           std::to_string(nAntennas) + " antennas");
    }
    const int64_t slotMs = calendar->GetSlotDuration().GetMilliSeconds();
    if (slotMs <= 0 || 3600000 % slotMs != 0)
    {
        throw InputError::ForAttribute("SlotDuration",
                                       "the slot duration must divide an hour to build hourly "
                                       "volumes, got " +
                                           std::to_string(slotMs / 1000.0) + " s");
    }
    const uint32_t slotsPerHour = static_cast<uint32_t>(3600000 / slotMs);
    const uint32_t slotsPerDay = calendar->GetSlotsPerDay();
    const uint64_t available = source->GetNSlots() / slotsPerDay;
    if (available == 0)
    {
        throw InputError("traffic source: it gives " + std::to_string(source->GetNSlots()) +
                         " slots, less than one day of " + std::to_string(slotsPerDay));
    }
    uint64_t nDays = available;
    if (m_days > 0)
    {
        if (m_days > available)
        {
            throw InputError::ForAttribute("Days",
                                           std::to_string(m_days) +
                                               " days requested, the source "
                                               "gives " +
                                               std::to_string(available));
        }
        nDays = m_days;
    }
    if (start.GetWeekday() != calendar->GetWeekday(0))
    {
        NS_LOG_WARN("StartDate " << start.ToString() << " has weekday " << start.GetWeekday()
                                 << " but the calendar's day 0 has weekday "
                                 << calendar->GetWeekday(0));
    }
    std::vector<CivilDate> days;
    std::vector<DayType> types;
    for (uint64_t d = 0; d < nDays; ++d)
    {
        days.push_back(start.AddDays(static_cast<int64_t>(d)));
        types.push_back(calendar->GetDayType(d));
    }
    HourlyVolume volume(nAntennas, days);
    volume.SetDayTypes(types);
    volume.SetPositions(positions);
    const double mbPerMbpsSlot = (slotMs / 1000.0) / 8.0;
    DemandMatrix demand;
    const uint64_t nSlots = nDays * slotsPerDay;
    for (uint64_t slot = 0; slot < nSlots; ++slot)
    {
        source->GetDemand(slot, demand);
        if (demand.GetNNodes() != nAntennas)
        {
            throw InputError("traffic source: slot " + std::to_string(slot) + " has " +
                             std::to_string(demand.GetNNodes()) + " antennas, expected " +
                             std::to_string(nAntennas));
        }
        const uint32_t hour = static_cast<uint32_t>(slot / slotsPerHour);
        for (uint32_t a = 0; a < nAntennas; ++a)
        {
            volume(a, hour) += demand.NodeTotal(a) * mbPerMbpsSlot;
        }
    }
    volume.Validate("traffic source");
    return volume;
}

} // namespace ns3
