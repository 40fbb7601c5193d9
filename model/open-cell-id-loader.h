/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_OPEN_CELL_ID_LOADER_H
#define MICROSCOPE_OPEN_CELL_ID_LOADER_H

#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/vector.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

class MilanGrid;

/**
 * \ingroup microscope
 * \brief One row of OpenCelliD's cell_towers.csv that passed the filters.
 */
struct CellTower
{
    std::string radio; //!< radio type (GSM, UMTS, LTE, NR, CDMA), empty if no such column
    int32_t mcc{-1};   //!< mobile country code, -1 if no such column
    int32_t mnc{-1};   //!< mobile network code (column 'net'), -1 if no such column
    double lon{0};     //!< longitude in degrees
    double lat{0};     //!< latitude in degrees
    uint64_t line{0};  //!< line of the file, for messages
};

/**
 * \ingroup microscope
 * \brief Reads base-station positions from OpenCelliD's `cell_towers.csv`.
 *
 * The file has a header; the columns are found by name (`lon`, `lat`, and `radio`, `mcc`,
 * `net` when filtering on them), so extra or reordered columns do not matter. Rows are kept
 * when they match Mcc, Mnc (column `net`) and Radio. Every row is checked, kept or not: a
 * wrong field count, a non-numeric field or a longitude/latitude out of range is an
 * InputError naming the file and line.
 *
 * OpenCelliD lists cells, not sites; with MergeDistance > 0, a kept cell within that distance
 * of an earlier station (in file order) joins it instead of making a new station.
 */
class OpenCellIdLoader : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    OpenCellIdLoader();
    ~OpenCellIdLoader() override;

    /**
     * Read the file, replacing earlier towers.
     * \param path the CSV file.
     * \throw InputError naming the file and line on bad input, or if it has no data rows.
     */
    void Load(const std::string& path);

    /// \return the towers that passed the filters, in file order.
    const std::vector<CellTower>& GetTowers() const;

    /// \return the number of data rows read (kept or not).
    uint64_t GetNRows() const;

    /**
     * Project the kept towers into the grid's frame, keep those inside its bounding box grown
     * by margin, and merge those closer than MergeDistance.
     * \param grid the grid (its projection and extent).
     * \param margin metres around the grid's bounding box.
     * \return the station positions in metres.
     */
    std::vector<Vector> GetStationPositions(Ptr<const MilanGrid> grid, double margin = 0) const;

private:
    /// \return true if the radio passes the Radio filter.
    bool RadioMatches(const std::string& radio) const;

    int32_t m_mcc;                   //!< MCC filter (-1 = any)
    int32_t m_mnc;                   //!< MNC filter (-1 = any)
    std::string m_radio;             //!< Radio filter (comma list, empty = any)
    double m_mergeDistance;          //!< merge radius in metres (0 = none)
    std::vector<CellTower> m_towers; //!< kept rows
    uint64_t m_rows;                 //!< data rows read
};

} // namespace ns3

#endif /* MICROSCOPE_OPEN_CELL_ID_LOADER_H */
