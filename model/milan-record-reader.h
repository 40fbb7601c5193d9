/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_MILAN_RECORD_READER_H
#define MICROSCOPE_MILAN_RECORD_READER_H

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ns3
{

class CsvTableReader;

/**
 * \ingroup microscope
 * \brief Reads the lines of the Telecom Italia Big Data Challenge "Telecommunications - SMS,
 * Call, Internet - MI" files, in either variant, one record at a time (nothing is kept).
 *
 * The two variants, told apart by the first line:
 * - the original `sms-call-internet-mi-YYYY-MM-DD.txt` (Harvard Dataverse): no header,
 *   tab-separated, 8 fields: square id, interval start in epoch milliseconds (10-minute
 *   intervals), country code, SMS-in, SMS-out, call-in, call-out, internet. The interval start
 *   is shifted by the UTC offset (Milan in November-January is UTC+1) to local time;
 * - the CSV re-export `sms-call-internet-mi-YYYY-MM-DD.csv` (Kaggle) with the header
 *   `datetime,CellID,countrycode,smsin,smsout,callin,callout,internet` and the datetime as
 *   local-time text `YYYY-MM-DD HH:MM[:SS]` (or an integer in epoch milliseconds, shifted like
 *   the original).
 *
 * Empty activity fields mean no activity. Every line is checked: field count, numbers,
 * non-negative activities, square ids in 1..NumSquares, interval starts on 10-minute
 * boundaries, and per square the interval starts of a file must not go back in time. Every
 * problem is an InputError naming the file and line. MilanTrafficLoader (hourly internet
 * volumes) and MilanDataset (per-kind demand for decomposition) both read through this class.
 */
class MilanRecordReader
{
public:
    /// The five activity columns, in file order.
    static constexpr uint32_t N_KINDS = 5;

    /// The file variants.
    enum class Variant : uint8_t
    {
        TXT = 0, //!< the original tab-separated file
        CSV = 1, //!< the CSV re-export with a header
    };

    /// One line of a file.
    struct Record
    {
        uint32_t square{0};                     //!< square id, 1..NumSquares
        int64_t localMinutes{0};                //!< interval start, local minutes since 1970
        std::array<double, N_KINDS> activity{}; //!< SMS-in, SMS-out, call-in, call-out, internet
        Variant variant{Variant::TXT};          //!< variant of the file
    };

    /// Called for each record; the reader is on the record's line (for messages).
    using Visitor = std::function<void(const CsvTableReader& reader, const Record& record)>;

    /**
     * \return the names of the five activity kinds, in file order: sms-in, sms-out, call-in,
     *         call-out, internet.
     */
    static const std::array<std::string, N_KINDS>& GetKindNames();

    /**
     * Read one file (either variant), calling the visitor for each record.
     * \param path the file.
     * \param nSquares the number of squares of the grid.
     * \param utcOffsetMinutes minutes local time is ahead of UTC (for epoch milliseconds).
     * \param visitor called for each record.
     * \return the variant of the file.
     * \throw InputError naming the file and line on bad input, or the file if it has no
     *        records.
     */
    static Variant ReadFile(const std::string& path,
                            uint32_t nSquares,
                            int32_t utcOffsetMinutes,
                            const Visitor& visitor);

    /**
     * List the `sms-call-internet-mi-*.txt` and `*.csv` files of a directory, in name order.
     * \param dir the directory.
     * \return the files' paths.
     * \throw InputError naming the directory if it is not one, holds none, or a day comes as
     *        both .txt and .csv.
     */
    static std::vector<std::string> ListDirectory(const std::string& dir);
};

} // namespace ns3

#endif /* MICROSCOPE_MILAN_RECORD_READER_H */
