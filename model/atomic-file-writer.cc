/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "atomic-file-writer.h"

#include "input-error.h"

#include <cstdio>

namespace ns3
{

AtomicFileWriter::AtomicFileWriter(const std::string& path, bool binary)
    : m_path(path),
      m_temporary(path + ".partial"),
      m_committed(false)
{
    m_out.open(m_temporary, binary ? (std::ios::out | std::ios::binary) : std::ios::out);
    if (!m_out.is_open())
    {
        throw InputError::InFile(path, "cannot create the file (is its directory writable?)");
    }
}

AtomicFileWriter::~AtomicFileWriter()
{
    if (!m_committed)
    {
        m_out.close();
        std::remove(m_temporary.c_str());
    }
}

std::ofstream&
AtomicFileWriter::Stream()
{
    return m_out;
}

const std::string&
AtomicFileWriter::GetTemporaryPath() const
{
    return m_temporary;
}

void
AtomicFileWriter::Commit()
{
    m_out.flush();
    bool good = m_out.good();
    m_out.close();
    if (!good)
    {
        throw InputError::InFile(m_path, "writing failed (disk full?)");
    }
    if (std::rename(m_temporary.c_str(), m_path.c_str()) != 0)
    {
        throw InputError::InFile(m_path, "cannot move the finished file into place");
    }
    m_committed = true;
}

} // namespace ns3
