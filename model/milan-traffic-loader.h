/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_MILAN_TRAFFIC_LOADER_H
#define MICROSCOPE_MILAN_TRAFFIC_LOADER_H

#include "hourly-volume.h"

#include "ns3/object.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Loads the Telecom Italia Big Data Challenge "Telecommunications - SMS, Call,
 * Internet - MI" files and turns their internet activity into hourly volumes per square.
 *
 * Two formats, told apart by the first line:
 * - the original `sms-call-internet-mi-YYYY-MM-DD.txt`: no header, tab-separated, 8 fields:
 *   square id, interval start in epoch milliseconds (10-minute intervals), country code,
 *   SMS-in, SMS-out, call-in, call-out, internet. The interval start is shifted by UtcOffset
 *   (Milan in November-January is UTC+1) to local time;
 * - the CSV re-export `sms-call-internet-mi-YYYY-MM-DD.csv` with the header
 *   `datetime,CellID,countrycode,smsin,smsout,callin,callout,internet` and the datetime as
 *   local-time text `YYYY-MM-DD HH:MM[:SS]` (or an integer in epoch milliseconds, shifted like
 *   the original).
 *
 * Empty activity fields mean no activity. The lines of a square and interval (one per
 * country code) are summed, and so are the intervals of an hour. An hour's volume is
 * `internet * NewConnectionShare * MbPerRecord` MB: the second paper's assumption that half of
 * the records open a new connection of 5 MB. Every line is checked: field count, numbers,
 * square ids in 1..NumSquares, interval starts on 10-minute boundaries, and per square the
 * interval starts of a file must not go back in time. Every problem is an InputError naming
 * the file and line. The lines are read by MilanRecordReader.
 */
class MilanTrafficLoader : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    MilanTrafficLoader();
    ~MilanTrafficLoader() override;

    /**
     * Add one file's records (either format).
     * \param path the file.
     * \throw InputError naming the file and line on bad input, or the file if it has no
     *        records.
     */
    void LoadFile(const std::string& path);

    /**
     * Add every `sms-call-internet-mi-*.txt` and `*.csv` file of a directory, in name order.
     * \param dir the directory.
     * \return the number of files read.
     * \throw InputError if there are none, a day comes in both formats, or a file is bad.
     */
    uint32_t LoadDirectory(const std::string& dir);

    /// Forget every record read so far.
    void Clear();

    /// \return the number of record lines read.
    uint64_t GetNRecords() const;

    /**
     * \return the internet volume in MB per square (row = square id - 1) and local hour, from
     *         the first to the last day seen; positions at the origin and every day a workday
     *         (set them with the grid and a DayClassifier).
     * \throw InputError if nothing was read or a day inside the range has no record.
     */
    HourlyVolume GetVolume() const;

private:
    /**
     * Add a checked record.
     * \param localMinutes the interval start in local minutes since 1970-01-01.
     * \param square the square id, 1..NumSquares.
     * \param internet the internet activity.
     */
    void AddRecord(int64_t localMinutes, uint32_t square, double internet);

    uint32_t m_nSquares;                           //!< number of squares
    double m_mbPerRecord;                          //!< MB per new-connection record
    double m_newShare;                             //!< share of records that are new connections
    int32_t m_utcOffset;                           //!< minutes of local time ahead of UTC
    std::map<int64_t, std::vector<double>> m_days; //!< day number -> square-major activity
    uint64_t m_records;                            //!< lines read
};

} // namespace ns3

#endif /* MICROSCOPE_MILAN_TRAFFIC_LOADER_H */
