/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "run-output-directory.h"

#include "input-error.h"

#include "ns3/log.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/types.h>
#include <unistd.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RunOutputDirectory");

const std::string RunOutputDirectory::STAGING_PREFIX = ".microscope-run-";

namespace
{

const char* const COMMIT_LIST = ".commit";    //!< the list of files to move
const char* const LAST_FILE = "summary.json"; //!< moved last: its presence marks a result

/**
 * \param name a directory entry's name.
 * \param pid set to the process id in a temporary directory's name.
 * \return whether the name is that of a temporary directory.
 */
bool
ParseStagingName(const std::string& name, pid_t& pid)
{
    const std::string& prefix = RunOutputDirectory::STAGING_PREFIX;
    const std::string suffix = ".tmp";
    if (name.size() <= prefix.size() + suffix.size() || name.compare(0, prefix.size(), prefix) ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix))
    {
        return false;
    }
    const std::string digits =
        name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9)
    {
        return false;
    }
    pid = static_cast<pid_t>(std::stol(digits));
    return true;
}

/**
 * \param pid a process id.
 * \return whether that process exists (and is not this one).
 */
bool
IsOtherLiveProcess(pid_t pid)
{
    if (pid <= 0 || pid == getpid())
    {
        return false;
    }
    return kill(pid, 0) == 0 || errno == EPERM;
}

/**
 * \param staging a temporary directory.
 * \return its regular files relative to it (the list itself excluded), sorted, summary.json
 *         last.
 */
std::vector<std::string>
ListStagedFiles(const std::filesystem::path& staging)
{
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(staging))
    {
        if (!entry.is_regular_file())
        {
            continue;
        }
        const std::string rel = entry.path().lexically_relative(staging).generic_string();
        if (rel == COMMIT_LIST || rel == std::string(COMMIT_LIST) + ".partial")
        {
            continue;
        }
        files.push_back(rel);
    }
    std::sort(files.begin(),
              files.end(),
              [](const std::string& a, const std::string& b)
              {
                  const bool aLast = a == LAST_FILE;
                  const bool bLast = b == LAST_FILE;
                  return aLast != bLast ? bLast : a < b;
              });
    return files;
}

} // namespace

RunOutputDirectory::RunOutputDirectory(const std::string& dir)
    : m_path(dir.empty() ? "." : dir),
      m_committed(false)
{
    NS_LOG_FUNCTION(this << dir);
    std::error_code ec;
    std::filesystem::create_directories(m_path, ec);
    if (!std::filesystem::is_directory(m_path))
    {
        throw InputError::InFile(m_path, "cannot create the output directory");
    }
    Recover(m_path);
    m_staging = (std::filesystem::path(m_path) /
                 (STAGING_PREFIX + std::to_string(static_cast<long>(getpid())) + ".tmp"))
                    .string();
    std::filesystem::remove_all(m_staging, ec);
    if (!std::filesystem::create_directory(m_staging, ec) || ec)
    {
        throw InputError::InFile(m_path,
                                 "cannot create the temporary directory " + m_staging +
                                     " (is the output directory writable?)");
    }
    try
    {
        TestPoint("staged");
    }
    catch (...)
    {
        std::filesystem::remove_all(m_staging, ec); // the destructor does not run
        throw;
    }
}

RunOutputDirectory::~RunOutputDirectory()
{
    if (!m_committed && !m_staging.empty())
    {
        std::error_code ec;
        std::filesystem::remove_all(m_staging, ec);
    }
}

const std::string&
RunOutputDirectory::GetPath() const
{
    return m_path;
}

const std::string&
RunOutputDirectory::GetStagingPath() const
{
    return m_staging;
}

std::string
RunOutputDirectory::Stage(const std::string& name) const
{
    return (std::filesystem::path(m_staging) / name).string();
}

void
RunOutputDirectory::Commit()
{
    NS_LOG_FUNCTION(this);
    TestPoint("commit");
    const std::vector<std::string> files = ListStagedFiles(m_staging);
    // The commit point: the list, complete, under its own name.
    const std::string list = Stage(COMMIT_LIST);
    {
        std::ofstream out(list + ".partial");
        for (const auto& f : files)
        {
            out << f << '\n';
        }
        out.flush();
        if (!out.good())
        {
            throw InputError::InFile(m_path, "cannot write the list of the run's files");
        }
    }
    if (std::rename((list + ".partial").c_str(), list.c_str()) != 0)
    {
        throw InputError::InFile(m_path, "cannot write the list of the run's files");
    }
    TestPoint("moving");
    MoveFiles(m_path, m_staging, files);
    m_committed = true;
    NS_LOG_INFO("moved " << files.size() << " files into " << m_path);
}

void
RunOutputDirectory::MoveFiles(const std::string& dir,
                              const std::string& staging,
                              const std::vector<std::string>& files)
{
    bool first = true;
    for (const auto& f : files)
    {
        const std::filesystem::path from = std::filesystem::path(staging) / f;
        const std::filesystem::path to = std::filesystem::path(dir) / f;
        if (!std::filesystem::exists(from))
        {
            continue; // moved before the earlier run was killed
        }
        std::error_code ec;
        if (to.has_parent_path())
        {
            std::filesystem::create_directories(to.parent_path(), ec);
        }
        if (std::rename(from.c_str(), to.c_str()) != 0)
        {
            throw InputError::InFile(to.string(), "cannot move the finished file into place");
        }
        if (first)
        {
            first = false;
            TestPoint("moved-one");
        }
    }
    std::error_code ec;
    std::filesystem::remove_all(staging, ec);
}

uint32_t
RunOutputDirectory::Recover(const std::string& dir)
{
    NS_LOG_FUNCTION(dir);
    uint32_t n = 0;
    std::error_code ec;
    std::vector<std::filesystem::path> stale;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    {
        pid_t pid = 0;
        if (entry.is_directory() && ParseStagingName(entry.path().filename().string(), pid) &&
            !IsOtherLiveProcess(pid))
        {
            stale.push_back(entry.path());
        }
    }
    std::sort(stale.begin(), stale.end());
    for (const auto& staging : stale)
    {
        const std::filesystem::path list = staging / COMMIT_LIST;
        if (std::filesystem::exists(list))
        {
            // Killed while moving its files: finish.
            std::vector<std::string> files;
            std::ifstream in(list);
            std::string line;
            while (std::getline(in, line))
            {
                if (!line.empty())
                {
                    files.push_back(line);
                }
            }
            NS_LOG_INFO("finishing the commit of " << staging);
            MoveFiles(dir, staging.string(), files);
        }
        else
        {
            NS_LOG_INFO("removing the unfinished run " << staging);
            std::filesystem::remove_all(staging, ec);
        }
        ++n;
    }
    return n;
}

void
RunOutputDirectory::TestPoint(const std::string& point)
{
    const char* killAt = std::getenv("MICROSCOPE_TEST_KILL_AT");
    if (killAt && point == killAt)
    {
        std::fflush(nullptr);
        std::raise(SIGKILL);
    }
    const char* failAt = std::getenv("MICROSCOPE_TEST_FAIL_AT");
    if (failAt && point == failAt)
    {
        throw InputError("test hook MICROSCOPE_TEST_FAIL_AT: failing at '" + point + "'");
    }
}

} // namespace ns3
