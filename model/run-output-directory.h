/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_RUN_OUTPUT_DIRECTORY_H
#define MICROSCOPE_RUN_OUTPUT_DIRECTORY_H

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief A run's output directory, filled all at once: the run writes its files into a
 * temporary directory inside it, and Commit() moves them in together as its last step.
 *
 * A run that fails (an exception, so Commit() is never reached) or is killed leaves the
 * earlier result of the directory as it was: every file of the run is written under
 * `DIR/.microscope-run-<pid>.tmp/` (GetStagingPath()), and only Commit() touches `DIR`:
 *
 *  1. it writes the list of the staged files, `summary.json` last, to `.commit` in the
 *     temporary directory (under a temporary name, renamed: the commit point);
 *  2. it renames each staged file over its destination in `DIR`, `summary.json` last;
 *  3. it removes the temporary directory.
 *
 * A run killed before step 1 leaves only its temporary directory, which the next run in the
 * same directory removes (the constructor removes every `.microscope-run-<pid>.tmp` whose
 * process is gone). A run killed during step 2 (a few renames long) leaves the list: the next
 * run finishes the renames first, so the directory then holds the killed run's complete
 * result. One run at a time per output directory: two live runs in one directory each
 * commit, file by file.
 *
 * Test hooks, for the tests that kill or fail a run at a named point: with the environment
 * variable `MICROSCOPE_TEST_KILL_AT=<point>` the process sends itself SIGKILL at that point,
 * with `MICROSCOPE_TEST_FAIL_AT=<point>` it throws an InputError there. The points of this
 * class are `staged` (the temporary directory was created), `commit` (every file is staged,
 * before the list is written), `moving` (the list is written, no file moved yet) and
 * `moved-one` (the first file was moved); an example adds its own with TestPoint().
 */
class RunOutputDirectory
{
public:
    /**
     * Create the output directory if needed, clean up or finish what earlier runs left
     * behind (see the class description), and create this run's temporary directory.
     * \param dir the output directory.
     * \throw InputError naming the directory if it cannot be created or written.
     */
    explicit RunOutputDirectory(const std::string& dir);

    /// Removes the temporary directory unless Commit() succeeded.
    ~RunOutputDirectory();

    RunOutputDirectory(const RunOutputDirectory&) = delete;
    RunOutputDirectory& operator=(const RunOutputDirectory&) = delete;

    /// \return the output directory.
    const std::string& GetPath() const;

    /// \return the temporary directory to write this run's files into.
    const std::string& GetStagingPath() const;

    /**
     * \param name a file name relative to the output directory.
     * \return its path in the temporary directory.
     */
    std::string Stage(const std::string& name) const;

    /**
     * Move every file of the temporary directory (subdirectories included) into the output
     * directory, `summary.json` last, and remove the temporary directory.
     * \throw InputError naming the file if a file cannot be moved.
     */
    void Commit();

    /**
     * Clean up after earlier runs in a directory: finish the commit of a run killed while
     * moving its files, and remove the temporary directories of runs that are gone.
     * \param dir the output directory.
     * \return the number of temporary directories removed or finished.
     */
    static uint32_t Recover(const std::string& dir);

    /**
     * A named point of a run, for the test hooks: kill the process (SIGKILL) if
     * MICROSCOPE_TEST_KILL_AT names it, throw an InputError if MICROSCOPE_TEST_FAIL_AT does.
     * \param point the point's name.
     */
    static void TestPoint(const std::string& point);

    /// The prefix of the temporary directories' names.
    static const std::string STAGING_PREFIX;

private:
    /**
     * Move the files listed in a temporary directory's `.commit` into the output directory
     * (those not moved yet), then remove the temporary directory.
     * \param dir the output directory.
     * \param staging the temporary directory.
     * \param files the listed files, relative to both.
     */
    static void MoveFiles(const std::string& dir,
                          const std::string& staging,
                          const std::vector<std::string>& files);

    std::string m_path;    //!< output directory
    std::string m_staging; //!< this run's temporary directory
    bool m_committed;      //!< whether Commit() succeeded
};

} // namespace ns3

#endif /* MICROSCOPE_RUN_OUTPUT_DIRECTORY_H */
