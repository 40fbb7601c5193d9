/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_CSV_TABLE_READER_H
#define MICROSCOPE_CSV_TABLE_READER_H

#include "input-error.h"

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Reads a delimited text file row by row and turns every problem into an InputError
 * that names the file, the line and, where there is one, the column.
 *
 * Blank lines and lines whose first non-blank character is '#' are skipped. Fields are split
 * on the delimiter and trimmed of surrounding blanks and '\r'; quoting is not supported (none
 * of the module's formats needs it).
 */
class CsvTableReader
{
public:
    /**
     * Open a file.
     * \param path the file.
     * \param delimiter the field delimiter.
     * \throw InputError if the file cannot be opened.
     */
    explicit CsvTableReader(const std::string& path, char delimiter = ',');

    /**
     * Read the next data row.
     * \return false at the end of the file.
     */
    bool Next();

    /// \return the fields of the current row.
    const std::vector<std::string>& Fields() const;

    /// \return the number of fields of the current row.
    size_t Size() const;

    /**
     * \param index a field index.
     * \return the field.
     * \throw InputError if the row is too short.
     */
    const std::string& Field(size_t index) const;

    /// \return the 1-based number of the current line.
    uint64_t GetLine() const;

    /// \return the file's path.
    const std::string& GetPath() const;

    /**
     * Require the current row to have exactly n fields.
     * \param n the expected number of fields.
     * \throw InputError naming the line otherwise.
     */
    void ExpectFields(size_t n) const;

    /**
     * \param index a field index.
     * \param column the column's name, for the message.
     * \return the field as a finite number.
     * \throw InputError naming the line and column if it is not one.
     */
    double GetDouble(size_t index, const std::string& column) const;

    /**
     * \param index a field index.
     * \param column the column's name, for the message.
     * \return the field as a non-negative integer.
     * \throw InputError naming the line and column if it is not one.
     */
    uint64_t GetUnsigned(size_t index, const std::string& column) const;

    /**
     * \param message what is wrong.
     * \return an InputError at the current line.
     */
    InputError Error(const std::string& message) const;

    /**
     * Split a line on a delimiter, trimming the fields.
     * \param line the line.
     * \param delimiter the delimiter.
     * \return the fields.
     */
    static std::vector<std::string> Split(const std::string& line, char delimiter);

    /**
     * Split a comma-separated list, such as a command-line value ("a,b, c"), trimming the
     * items and dropping the empty ones.
     * \param text the list.
     * \return its non-empty items.
     */
    static std::vector<std::string> SplitList(const std::string& text);

    /**
     * \param text a field.
     * \param value where the number goes.
     * \return true if the whole text is a finite number.
     */
    static bool ParseDouble(const std::string& text, double& value);

private:
    std::string m_path;                //!< the file's path
    char m_delimiter;                  //!< field delimiter
    std::ifstream m_in;                //!< the file
    uint64_t m_line;                   //!< current line number
    std::vector<std::string> m_fields; //!< fields of the current row
};

} // namespace ns3

#endif /* MICROSCOPE_CSV_TABLE_READER_H */
