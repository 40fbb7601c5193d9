/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_TRACE_TRAFFIC_SOURCE_H
#define MICROSCOPE_TRACE_TRAFFIC_SOURCE_H

#include "traffic-source.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Per-antenna, per-service demand read from a long-format CSV trace (the format that
 * TrafficTraceWriter writes).
 *
 * The file has the header `time_s,antenna,service,mbps` and one line per (slot, antenna,
 * service): `time_s` is the slot start in seconds since slot 0 (a non-negative multiple of
 * the calendar's slot duration, non-decreasing down the file), `antenna` an antenna
 * identifier, `service` a service name of the catalog, `mbps` a finite non-negative demand.
 * Entries that the file does not list are 0. The source has one slot per slot duration up to
 * the last time in the file. Values are stored as float (4 bytes per slot, antenna and
 * service; slots without any row take no space).
 *
 * Set the catalog, the calendar and (optionally) the antenna identifiers before Load(). With
 * identifiers, the matrix columns follow their order and an unknown identifier is an error;
 * without, the antennas are those of the file in order of first appearance (found by a first
 * pass over the file).
 */
class TraceTrafficSource : public TrafficSource
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    TraceTrafficSource();
    ~TraceTrafficSource() override;

    /**
     * \param catalog the services (default: ServiceCatalog::CreateDefault()).
     */
    void SetServiceCatalog(Ptr<ServiceCatalog> catalog);

    /**
     * \param calendar the calendar (default: a TrafficCalendar with default attributes).
     */
    void SetCalendar(Ptr<TrafficCalendar> calendar);

    /**
     * \param ids the antenna identifiers, in matrix column order.
     */
    void SetAntennaIds(const std::vector<std::string>& ids);

    /// \return the antenna identifiers (those set, or those found by Load()).
    const std::vector<std::string>& GetAntennaIds() const;

    /**
     * Load a trace, replacing any loaded before.
     * \param path the CSV file.
     * \throw InputError naming the file and line on a missing or bad header, rows with the
     *        wrong number of fields, an unknown service or antenna, a non-numeric, negative,
     *        NaN or infinite demand, a time that is not a non-negative multiple of the slot
     *        duration, a decreasing time, a duplicate (time, antenna, service) (naming both
     *        lines), or a file without data rows.
     */
    void Load(const std::string& path);

    /**
     * Set the demand directly, replacing any loaded before: what Load() builds from a file, for
     * data read by other means (MilanDataset). Set the catalog, the calendar and the antenna
     * identifiers first.
     * \param blocks per slot, the demand in catalog order of services and identifier order of
     *        antennas (service-major: [service * antennas + antenna]); an empty block is a slot
     *        of zeros.
     * \throw InputError if no identifiers were set, there is no slot, or a block has another
     *        size or a negative or non-finite value.
     */
    void SetDemand(std::vector<std::vector<float>> blocks);

    Ptr<ServiceCatalog> GetServiceCatalog() const override;
    Ptr<TrafficCalendar> GetCalendar() const override;
    uint32_t GetNAntennas() const override;
    uint64_t GetNSlots() const override;

    /**
     * \param slot a slot index below GetNSlots().
     * \param demand receives the demand of the slot.
     * \throw InputError if the slot is out of range.
     */
    void GetDemand(uint64_t slot, DemandMatrix& demand) override;

protected:
    void DoDispose() override;

private:
    Ptr<ServiceCatalog> m_catalog;            //!< services
    Ptr<TrafficCalendar> m_calendar;          //!< calendar
    std::vector<std::string> m_ids;           //!< antenna identifiers
    bool m_idsGiven;                          //!< whether the identifiers were set
    std::vector<std::vector<float>> m_blocks; //!< per slot: [service][antenna], empty if all 0
};

} // namespace ns3

#endif /* MICROSCOPE_TRACE_TRAFFIC_SOURCE_H */
