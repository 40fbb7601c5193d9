/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_TRAFFIC_TRACE_WRITER_H
#define MICROSCOPE_TRAFFIC_TRACE_WRITER_H

#include "traffic-source.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Writes the demand of a TrafficSource as a long-format CSV trace that
 * TraceTrafficSource reads back.
 *
 * Format: a header line `time_s,antenna,service,mbps`, then one line per slot, antenna and
 * service (slots in increasing order, antennas in source order, services in catalog order):
 * `time_s` is the slot's start in seconds since slot 0, `antenna` the antenna's identifier,
 * `service` the catalog name and `mbps` the demand averaged over the slot. Demands are rounded
 * to single precision and printed with 9 significant digits (%.9g), which reproduces the
 * float exactly when read back.
 */
class TrafficTraceWriter
{
public:
    /**
     * Write a range of slots. The file appears only when complete (AtomicFileWriter).
     * \param source the demand.
     * \param path the CSV file.
     * \param firstSlot the first slot written.
     * \param nSlots the number of slots written.
     * \param antennaIds one identifier per antenna of the source, in order; identifiers must
     *        be unique, non-empty and free of commas.
     * \throw InputError if the identifiers do not match the source, the slots are out of
     *        range, or the file cannot be written.
     */
    static void Write(Ptr<TrafficSource> source,
                      const std::string& path,
                      uint64_t firstSlot,
                      uint64_t nSlots,
                      const std::vector<std::string>& antennaIds);
};

} // namespace ns3

#endif /* MICROSCOPE_TRAFFIC_TRACE_WRITER_H */
