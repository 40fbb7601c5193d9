/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_MILAN_FILE_WRITER_H
#define MICROSCOPE_MILAN_FILE_WRITER_H

#include "civil-date.h"
#include "milan-record-reader.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Writes synthetic files in the Telecom Italia Milan formats (either variant), for the
 * tests and the scale benchmark: the real data set is not redistributable with the module.
 *
 * A square's activity of kind k in a 10-minute interval, for country code line c, is
 * SyntheticActivity(): a daily cycle times a deterministic hash, rounded to a multiple of
 * 1/8 so that the text the file holds is exactly the double the test expects. Zero values
 * are written as empty fields, as in the real files.
 */
class MilanFileWriter
{
public:
    /**
     * The synthetic activity.
     * \param square the square id.
     * \param localMinutes the interval start, local minutes since 1970-01-01.
     * \param kind the kind (0 sms-in ... 4 internet).
     * \param country the line of the square and interval (0, 1, ...: one per country code).
     * \return a non-negative multiple of 1/8.
     */
    static double SyntheticActivity(uint32_t square,
                                    int64_t localMinutes,
                                    uint32_t kind,
                                    uint32_t country);

    /**
     * Write one day's file, `sms-call-internet-mi-YYYY-MM-DD.txt` or `.csv`, in time order
     * (then square order), with countries lines per square and interval.
     * \param dir the directory (it must exist).
     * \param variant the variant.
     * \param date the local day.
     * \param squares the square ids, in the order written.
     * \param countries lines per square and interval (country codes 39, 33, 49, ...).
     * \param utcOffsetMinutes minutes local time is ahead of UTC (the .txt's epoch times).
     * \return the file's path.
     * \throw InputError naming the file if it cannot be written.
     */
    static std::string WriteDay(const std::string& dir,
                                MilanRecordReader::Variant variant,
                                const CivilDate& date,
                                const std::vector<uint32_t>& squares,
                                uint32_t countries = 1,
                                int32_t utcOffsetMinutes = 60);
};

} // namespace ns3

#endif /* MICROSCOPE_MILAN_FILE_WRITER_H */
