/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_ATOMIC_FILE_WRITER_H
#define MICROSCOPE_ATOMIC_FILE_WRITER_H

#include <fstream>
#include <string>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Writes a file under a temporary name and renames it into place on Commit().
 *
 * Until Commit() the destination is untouched: a run that fails half-way leaves neither a
 * partial file that looks complete nor a damaged earlier result. Destroying the writer
 * without committing removes the temporary file.
 */
class AtomicFileWriter
{
public:
    /**
     * Open "<path>.partial" for writing.
     * \param path the destination.
     * \param binary true to open in binary mode.
     * \throw InputError if the temporary file cannot be created.
     */
    explicit AtomicFileWriter(const std::string& path, bool binary = false);

    /// Removes the temporary file unless Commit() was called.
    ~AtomicFileWriter();

    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    /// \return the stream to write to.
    std::ofstream& Stream();

    /// \return the temporary file's path.
    const std::string& GetTemporaryPath() const;

    /**
     * Flush, close and rename the temporary file to the destination.
     * \throw InputError if writing or renaming failed.
     */
    void Commit();

private:
    std::string m_path;      //!< destination
    std::string m_temporary; //!< temporary file
    std::ofstream m_out;     //!< stream on the temporary file
    bool m_committed;        //!< whether Commit() succeeded
};

} // namespace ns3

#endif /* MICROSCOPE_ATOMIC_FILE_WRITER_H */
