/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_TRAFFIC_SOURCE_H
#define MICROSCOPE_TRAFFIC_SOURCE_H

#include "demand-matrix.h"
#include "service-catalog.h"
#include "traffic-calendar.h"

#include "ns3/object.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Where per-antenna, per-service demand `d[s][a](t)` comes from: the synthetic
 * generator, or a trace of measured (or earlier generated) demand.
 *
 * Slots are normally requested in increasing order; a source that generates sequentially may
 * regenerate from the start to serve an earlier slot, so random access is correct but can be
 * slow.
 */
class TrafficSource : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    ~TrafficSource() override;

    /// \return the services whose demand the source gives, in matrix row order.
    virtual Ptr<ServiceCatalog> GetServiceCatalog() const = 0;

    /// \return the calendar: slot duration, weekdays and holidays.
    virtual Ptr<TrafficCalendar> GetCalendar() const = 0;

    /// \return the number of antennas, the matrix columns.
    virtual uint32_t GetNAntennas() const = 0;

    /// \return the number of slots the source can give.
    virtual uint64_t GetNSlots() const = 0;

    /**
     * \param slot a slot index, below GetNSlots().
     * \param demand receives the demand in Mbps averaged over the slot, resized to
     *        (services, antennas).
     */
    virtual void GetDemand(uint64_t slot, DemandMatrix& demand) = 0;

    /**
     * Assign fixed random variable stream numbers to the random variables used by this
     * source. Return the number of streams (possibly zero) that have been assigned.
     * \param stream first stream index to use
     * \return the number of stream indices assigned by this source
     */
    virtual int64_t AssignStreams(int64_t stream);
};

} // namespace ns3

#endif /* MICROSCOPE_TRAFFIC_SOURCE_H */
