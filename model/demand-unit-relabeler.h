/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_DEMAND_UNIT_RELABELER_H
#define MICROSCOPE_DEMAND_UNIT_RELABELER_H

#include <string>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Puts the demand's own unit in the labels of the outputs when the demand is not in
 * Mbps (the Milan data set's "activity").
 *
 * The cost accountant and the orchestrator compute in whatever unit the traffic source gives
 * and label their outputs Mbps (MB/s for volumes over the evaluation). For another unit, this
 * replaces those labels: `Mbps` and `MB/s` in printed tables, `_mbps` and `_MBps` in the CSV
 * headers (node_costs.csv, table3.csv, slots.csv) and in the keys of summary.json. Numbers are
 * untouched. With the unit "Mbps" nothing changes.
 */
class DemandUnitRelabeler
{
public:
    /**
     * Relabel printed text (tables, messages).
     * \param text the text.
     * \param unit the demand's unit.
     * \return the text with `MB/s`, `Mbps`, `_MBps` and `_mbps` replaced by the unit.
     */
    static std::string RelabelText(const std::string& text, const std::string& unit);

    /**
     * Relabel the keys of a JSON text.
     * \param json the text.
     * \param unit the demand's unit.
     * \return the text with `_mbps` and `_MBps` in keys replaced by `_` and the unit.
     */
    static std::string RelabelJsonKeys(const std::string& json, const std::string& unit);

    /**
     * Relabel the headers of node_costs.csv, table3.csv and slots.csv, and the keys of
     * summary.json, of a results directory (each file that exists, rewritten atomically).
     * \param dir the directory.
     * \param unit the demand's unit.
     * \throw InputError naming a file that cannot be read or written.
     */
    static void RelabelOutputs(const std::string& dir, const std::string& unit);
};

} // namespace ns3

#endif /* MICROSCOPE_DEMAND_UNIT_RELABELER_H */
