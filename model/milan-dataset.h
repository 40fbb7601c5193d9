/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_MILAN_DATASET_H
#define MICROSCOPE_MILAN_DATASET_H

#include "civil-date.h"
#include "milan-record-reader.h"

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/vector.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

class CsvTableReader;
class MilanGrid;
class ServiceCatalog;
class TraceTrafficSource;
class TrafficCalendar;

/**
 * \ingroup microscope
 * \brief The Telecom Italia Milan data set as a decomposition scenario: antennas, per-kind
 * demand, calendar and service catalog, built in memory as the objects that the
 * `--antennas-file --trace-file --catalog` path builds from files.
 *
 * - **Demand.** The files of LoadDirectory() (either variant, MilanRecordReader) give five
 *   activity kinds per square and 10-minute interval: sms-in, sms-out, call-in, call-out and
 *   internet. The Services attribute picks the services, each a kind or a merge of kinds
 *   (`sms` = sms-in + sms-out, `calls` = call-in + call-out). A service's demand in a slot is
 *   its kinds' activity summed over the slot's 10-minute intervals, the lines of a square and
 *   interval (one per country code), and the squares of the antenna. The unit is the data
 *   set's own "activity" (a count derived from the call detail records, scaled by the
 *   operator), not Mbps: GetUnit() names it.
 * - **Antennas.** By default one per square that has records, at the square's centre
 *   (MilanGrid); with UseStations() (or LoadOpenCellId()) the base stations instead, each with
 *   the squares that StationTrafficMapper gives it (stations with no square are left out).
 * - **Calendar.** The days from the first to the last present in the files (none may be
 *   missing in between), slots of SlotDuration (10 minutes or a multiple dividing a day),
 *   weekdays from the dates and the DayClassifier's holidays (by default Milan's).
 * - **Catalog.** A built-in slice class and SLA per kind (CreateCatalog()): assumptions of
 *   this module, not part of the data set.
 *
 * Memory: one float per 10-minute interval, service and grid square while loading (1.8 GB for
 * 10,000 squares, 62 days and 5 services), then one float per slot, service and antenna in
 * the TraceTrafficSource; the days are converted and freed one at a time.
 */
class MilanDataset : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    MilanDataset();
    ~MilanDataset() override;

    /// \return the demand's unit, "activity".
    static std::string GetUnit();

    /// \return a sentence describing the unit, for outputs.
    static std::string GetUnitDescription();

    /**
     * Parse a Services list.
     * \param text comma-separated services: sms-in, sms-out, call-in, call-out, internet, sms,
     *        calls.
     * \return for each service, its name and the kinds (column indices) it sums.
     * \throw InputError (attribute Services) on an unknown or empty name, or a kind used twice.
     */
    static std::vector<std::pair<std::string, std::vector<uint32_t>>> ParseServices(
        const std::string& text);

    /**
     * The built-in catalog: for each service its slice class and SLA (assumptions, see the
     * module documentation), flat daily profiles and a share used only as the decomposers'
     * fallback.
     * \param services the service names (as ParseServices() gives them).
     * \return the catalog.
     */
    static Ptr<ServiceCatalog> CreateCatalog(const std::vector<std::string>& services);

    /**
     * \param grid the grid (default: MilanGrid's regular 100 x 100 grid). Set it before
     *        LoadDirectory().
     */
    void SetGrid(Ptr<MilanGrid> grid);

    /// \return the grid.
    Ptr<MilanGrid> GetGrid() const;

    /**
     * Read every `sms-call-internet-mi-*` file of a directory, in name order.
     * \param dir the directory.
     * \return the number of files read.
     * \throw InputError naming the directory (no files, a day as both .txt and .csv), or the
     *        file and line (a bad line, a square outside the grid, a day that files of both
     *        variants hold).
     */
    uint32_t LoadDirectory(const std::string& dir);

    /**
     * Use base stations as the antennas.
     * \param stations their positions in the grid's frame (metres).
     * \param source where they come from, for messages.
     * \throw InputError naming source if there is none.
     */
    void UseStations(const std::vector<Vector>& stations, const std::string& source);

    /**
     * Use the stations of an OpenCelliD cell_towers.csv as the antennas: an OpenCellIdLoader
     * (its attributes: Mcc 222, Mnc 1, ...) keeps the rows that pass its filters inside the
     * grid's area.
     * \param path the file.
     * \throw InputError naming the file and line on bad rows, or the file if no station lies
     *        in the grid's area.
     */
    void LoadOpenCellId(const std::string& path);

    /**
     * Build the antennas, the calendar, the catalog and the demand from what was loaded; the
     * loaded records are freed day by day.
     * \throw InputError if nothing was loaded, a day is missing, no station covers a square
     *        with records, or the slot is not a multiple of 10 minutes dividing a day
     *        (attribute SlotDuration).
     */
    void Build();

    /// \return the antenna positions (metres, the grid's frame).
    const std::vector<Vector>& GetPositions() const;

    /// \return the antenna identifiers: square ids, or `bs<k>` for OpenCelliD station k.
    const std::vector<std::string>& GetIds() const;

    /// \return the demand.
    Ptr<TraceTrafficSource> GetSource() const;

    /// \return the catalog.
    Ptr<ServiceCatalog> GetCatalog() const;

    /// \return the calendar.
    Ptr<TrafficCalendar> GetCalendar() const;

    /// \return the dates of the days, in order.
    const std::vector<CivilDate>& GetDates() const;

    /**
     * \return the ns-3 attribute flags that give a TrafficCalendar this calendar's weekday of
     *         day 0 and holidays (for replaying the files of WriteReplayFiles()).
     */
    std::string GetCalendarFlags() const;

    /// \return the number of files read.
    uint32_t GetNFiles() const;

    /// \return the number of records (lines) read.
    uint64_t GetNRecords() const;

    /// \return the number of squares that have records.
    uint32_t GetNSquaresWithData() const;

    /// \return squares with records that no station covers (StationTrafficMapper's MaxDistance).
    uint32_t GetNDroppedSquares() const;

    /// \return stations left out because they cover no square with records.
    uint32_t GetNIdleStations() const;

    /**
     * Write the scenario as the files that `--antennas-file --trace-file --catalog` read.
     * \param antennasPath CSV `id,x_m,y_m`.
     * \param tracePath CSV `time_s,antenna,service,mbps` (the values are activity, whatever
     *        the column's name).
     * \param catalogPath CSV catalog.
     */
    void WriteReplayFiles(const std::string& antennasPath,
                          const std::string& tracePath,
                          const std::string& catalogPath) const;

private:
    /// One day of records.
    struct Day
    {
        std::vector<float> values;          //!< [interval][service][square]
        MilanRecordReader::Variant variant; //!< variant of the files that hold it
        std::string file;                   //!< first file that holds it
    };

    /**
     * Add a record.
     * \param reader the reader on the line.
     * \param record the record.
     */
    void Add(const CsvTableReader& reader, const MilanRecordReader::Record& record);

    Time m_slot;            //!< slot duration
    std::string m_services; //!< Services attribute
    int32_t m_utcOffset;    //!< minutes local time is ahead of UTC
    Ptr<MilanGrid> m_grid;  //!< grid
    std::vector<std::pair<std::string, std::vector<uint32_t>>> m_groups; //!< services
    std::vector<int32_t> m_groupOfKind; //!< kind -> service, -1 if unused
    std::map<int64_t, Day> m_days;      //!< day number -> records
    std::vector<bool> m_seen;           //!< per square: has records
    std::string m_dir;                  //!< directory read
    uint32_t m_nFiles;                  //!< files read
    uint64_t m_records;                 //!< records read
    std::vector<Vector> m_stations;     //!< stations, if any
    std::string m_stationSource;        //!< where they come from

    std::vector<Vector> m_positions;      //!< antennas
    std::vector<std::string> m_ids;       //!< antenna ids
    Ptr<TraceTrafficSource> m_source;     //!< demand
    Ptr<ServiceCatalog> m_catalog;        //!< catalog
    Ptr<TrafficCalendar> m_calendar;      //!< calendar
    std::vector<CivilDate> m_dates;       //!< days
    std::vector<uint64_t> m_holidayIndex; //!< listed holidays, day indices
    uint32_t m_nSquaresWithData;          //!< squares with records
    uint32_t m_dropped;                   //!< squares no station covers
    uint32_t m_idle;                      //!< stations with no square
};

} // namespace ns3

#endif /* MICROSCOPE_MILAN_DATASET_H */
