/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the examples' run hygiene: RunOutputDirectory (outputs staged and moved in together,
 * summary.json last, stale temporaries removed, an interrupted commit finished) and GivenFlags
 * (which flags the user gave, read as ns-3's CommandLine reads them; flags with no effect
 * refused naming the flag, warnings once). The command-level check microscope-output-atomic
 * kills the examples themselves.
 */

#include "ns3/given-flags.h"
#include "ns3/input-error.h"
#include "ns3/microscope-helper.h"
#include "ns3/run-output-directory.h"
#include "ns3/service-traffic-application.h"
#include "ns3/test.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace ns3;

namespace
{

/**
 * \param path a file.
 * \return its contents ("" if missing).
 */
std::string
Slurp(const std::filesystem::path& path)
{
    std::ifstream in(path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/**
 * \param path a file to create.
 * \param text its contents.
 */
void
Write(const std::filesystem::path& path, const std::string& text)
{
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
}

/// \return the id of a process that has exited (a reaped child).
pid_t
DeadPid()
{
    const pid_t child = fork();
    if (child == 0)
    {
        _exit(0);
    }
    waitpid(child, nullptr, 0);
    return child;
}

/**
 * \param dir a directory.
 * \return the names of its entries, sorted, joined by spaces.
 */
std::string
Entries(const std::filesystem::path& dir)
{
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir))
    {
        names.push_back(e.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    std::string s;
    for (const auto& n : names)
    {
        s += (s.empty() ? "" : " ") + n;
    }
    return s;
}

} // namespace

/**
 * \ingroup microscope-tests
 * RunOutputDirectory: staging, commit, failure, recovery.
 */
class RunOutputDirectoryTestCase : public TestCase
{
public:
    RunOutputDirectoryTestCase()
        : TestCase("RunOutputDirectory stages, commits together, cleans up and recovers")
    {
    }

private:
    void DoRun() override
    {
        namespace fs = std::filesystem;
        const fs::path dir =
            fs::temp_directory_path() / ("microscope-output-test-" + std::to_string(getpid()));
        fs::remove_all(dir);
        Write(dir / "summary.json", "old summary");
        Write(dir / "topology.csv", "old topology");
        Write(dir / "user-notes.txt", "not the run's");

        // A run that fails: nothing of it reaches the directory, its temporary goes.
        {
            RunOutputDirectory out(dir.string());
            NS_TEST_ASSERT_MSG_EQ(fs::is_directory(out.GetStagingPath()), true, "staged");
            NS_TEST_ASSERT_MSG_EQ(fs::path(out.GetStagingPath()).parent_path(), dir, "inside");
            Write(out.Stage("topology.csv"), "new topology");
        }
        NS_TEST_ASSERT_MSG_EQ(Entries(dir),
                              "summary.json topology.csv user-notes.txt",
                              "as it was");
        NS_TEST_ASSERT_MSG_EQ(Slurp(dir / "topology.csv"), "old topology", "old file kept");

        // A run that commits: every file moved in (subfolders too), others left alone.
        {
            RunOutputDirectory out(dir.string());
            Write(out.Stage("topology.csv"), "new topology");
            Write(out.Stage("summary.json"), "new summary");
            Write(out.Stage("plots/a.csv"), "a plot");
            // Before the commit the directory is untouched.
            NS_TEST_ASSERT_MSG_EQ(Slurp(dir / "summary.json"), "old summary", "not yet");
            out.Commit();
            NS_TEST_ASSERT_MSG_EQ(fs::exists(out.GetStagingPath()), false, "temporary removed");
        }
        NS_TEST_ASSERT_MSG_EQ(Entries(dir),
                              "plots summary.json topology.csv user-notes.txt",
                              "the new files and the user's");
        NS_TEST_ASSERT_MSG_EQ(Slurp(dir / "summary.json"), "new summary", "summary moved");
        NS_TEST_ASSERT_MSG_EQ(Slurp(dir / "plots/a.csv"), "a plot", "subfolder moved");
        NS_TEST_ASSERT_MSG_EQ(Slurp(dir / "user-notes.txt"), "not the run's", "left alone");

        // Stale temporaries: a dead run's unfinished one is removed; a dead run's committed
        // one (its list written, killed while moving) is finished, summary.json included;
        // a live process's one and a look-alike name are left alone.
        const pid_t dead1 = DeadPid();
        const pid_t dead2 = DeadPid();
        const std::string prefix = RunOutputDirectory::STAGING_PREFIX;
        const fs::path unfinished = dir / (prefix + std::to_string(dead1) + ".tmp");
        const fs::path committed = dir / (prefix + std::to_string(dead2) + ".tmp");
        const fs::path live = dir / (prefix + std::to_string(getppid()) + ".tmp");
        const fs::path other = dir / (prefix + "x.tmp");
        Write(unfinished / "slots.csv.stream.partial", "half a stream");
        Write(committed / "summary.json", "killed run's summary");
        Write(committed / ".commit", "topology.csv\nsummary.json\n");
        Write(dir / "topology.csv", "killed run's topology"); // moved before the kill
        Write(live / "summary.json", "a live run's");
        Write(other / "keep", "");
        NS_TEST_ASSERT_MSG_EQ(RunOutputDirectory::Recover(dir.string()), 2u, "two stale");
        NS_TEST_ASSERT_MSG_EQ(fs::exists(unfinished), false, "unfinished removed");
        NS_TEST_ASSERT_MSG_EQ(fs::exists(committed), false, "committed finished");
        NS_TEST_ASSERT_MSG_EQ(Slurp(dir / "summary.json"), "killed run's summary", "rolled on");
        NS_TEST_ASSERT_MSG_EQ(Slurp(dir / "topology.csv"), "killed run's topology", "kept");
        NS_TEST_ASSERT_MSG_EQ(fs::exists(live / "summary.json"), true, "a live run untouched");
        NS_TEST_ASSERT_MSG_EQ(fs::exists(other / "keep"), true, "not a temporary's name");
        NS_TEST_ASSERT_MSG_EQ(fs::exists(dir / "slots.csv.stream.partial"), false, "no stream");

        // The commit list orders summary.json last.
        {
            RunOutputDirectory out(dir.string());
            Write(out.Stage("summary.json"), "s");
            Write(out.Stage("zzz.csv"), "z");
            Write(out.Stage("aaa.csv"), "a");
            setenv("MICROSCOPE_TEST_FAIL_AT", "moving", 1);
            bool threw = false;
            try
            {
                out.Commit();
            }
            catch (const InputError&)
            {
                threw = true;
            }
            unsetenv("MICROSCOPE_TEST_FAIL_AT");
            NS_TEST_ASSERT_MSG_EQ(threw, true, "the test hook throws at 'moving'");
            NS_TEST_ASSERT_MSG_EQ(Slurp(fs::path(out.GetStagingPath()) / ".commit"),
                                  "aaa.csv\nzzz.csv\nsummary.json\n",
                                  "summary.json last");
        }
        // A directory that cannot be created is an InputError naming it.
        bool threw = false;
        try
        {
            RunOutputDirectory bad((dir / "user-notes.txt" / "sub").string());
        }
        catch (const InputError& e)
        {
            threw = std::string(e.what()).find("user-notes.txt") != std::string::npos;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "an impossible directory is refused by name");
        fs::remove_all(live);
        fs::remove_all(dir);
    }
};

/**
 * \ingroup microscope-tests
 * GivenFlags reads the arguments as ns-3's CommandLine does and refuses by name.
 */
class GivenFlagsTestCase : public TestCase
{
public:
    GivenFlagsTestCase()
        : TestCase("GivenFlags: which flags were given; Reject, RejectAllExcept, Warn once")
    {
    }

private:
    void DoRun() override
    {
        const GivenFlags given({"--zone-stats=a.csv",
                                "-holidays=2013-12-25",
                                "--verbose",
                                "positional",
                                "--ns3::DatacenterDimensioning::Alpha=-0.5",
                                "--RngRun=3",
                                "--run=2",
                                "--run=4",
                                "--",
                                "--after=1"});
        NS_TEST_ASSERT_MSG_EQ(given.Has("zone-stats"), true, "--name=value");
        NS_TEST_ASSERT_MSG_EQ(given.Has("holidays"), true, "-name=value");
        NS_TEST_ASSERT_MSG_EQ(given.Has("verbose"), true, "--name");
        NS_TEST_ASSERT_MSG_EQ(given.Has("positional"), false, "not a flag");
        NS_TEST_ASSERT_MSG_EQ(given.Has("after"), false, "after --");
        NS_TEST_ASSERT_MSG_EQ(given.Has("output"), false, "not given");
        NS_TEST_ASSERT_MSG_EQ(given.GetNames().size(), 7u, "seven flags, repeats included");
        NS_TEST_ASSERT_MSG_EQ(GivenFlags::IsNs3Flag("RngRun"), true, "a global value");
        NS_TEST_ASSERT_MSG_EQ(GivenFlags::IsNs3Flag("ns3::X::Y"), true, "an attribute path");
        NS_TEST_ASSERT_MSG_EQ(GivenFlags::IsNs3Flag("PrintHelp"), true, "a Print request");
        NS_TEST_ASSERT_MSG_EQ(GivenFlags::IsNs3Flag("holidays"), false, "the example's");

        auto message = [&given](auto call)
        {
            try
            {
                call();
            }
            catch (const InputError& e)
            {
                return std::string(e.what());
            }
            return std::string("no error");
        };
        const std::string r1 = message(
            [&] {
                given.Reject({"grid", "holidays"}, "in the synthetic scenario");
            });
        NS_TEST_ASSERT_MSG_NE(r1.find("--holidays"), std::string::npos, r1);
        NS_TEST_ASSERT_MSG_NE(r1.find("has no effect in the synthetic scenario"),
                              std::string::npos,
                              r1);
        NS_TEST_ASSERT_MSG_EQ(message(
                                  [&] {
                                      given.Reject({"grid", "mcc"}, "x");
                                  }),
                              "no error",
                              "flags not given pass");
        const std::string r2 = message(
            [&] {
                given.RejectAllExcept({"zone-stats", "holidays", "run"}, "with --zone-stats");
            });
        NS_TEST_ASSERT_MSG_NE(r2.find("--verbose"), std::string::npos, r2);
        NS_TEST_ASSERT_MSG_EQ(
            message(
                [&] {
                    given.RejectAllExcept({"zone-stats", "holidays", "run", "verbose"}, "x");
                }),
            "no error",
            "ns-3's own flags (attribute path, RngRun) pass");
        std::ostringstream os;
        NS_TEST_ASSERT_MSG_EQ(given.Warn("prog", {"run", "seed"}, "here", os), 1u, "one warning");
        NS_TEST_ASSERT_MSG_EQ(given.Warn("prog", {"run"}, "here", os), 0u, "once per flag");
        NS_TEST_ASSERT_MSG_EQ(os.str(), "prog: warning: --run has no effect here\n", os.str());
    }
};

/**
 * \ingroup microscope-tests
 * Values that used to be clamped silently are refused.
 */
class NoSilentClampTestCase : public TestCase
{
public:
    NoSilentClampTestCase()
        : TestCase("SetLoadEstimationDays(0) and negative or non-finite rates are refused")
    {
    }

private:
    void DoRun() override
    {
        auto refused = [](auto call, const std::string& name)
        {
            try
            {
                call();
            }
            catch (const InputError& e)
            {
                return name.empty() || std::string(e.what()).find(name) != std::string::npos;
            }
            return false;
        };
        MicroscopeHelper helper;
        NS_TEST_ASSERT_MSG_EQ(
            refused([&] { helper.SetLoadEstimationDays(0); }, "LoadEstimationDays"),
            true,
            "0 days refused by name (it was clamped to 1)");
        NS_TEST_ASSERT_MSG_EQ(refused([&] { helper.SetLoadEstimationDays(3); }, ""),
                              false,
                              "3 days accepted");
        auto app = CreateObject<ServiceTrafficApplication>();
        NS_TEST_ASSERT_MSG_EQ(refused([&] { app->SetRate(-0.5); }, "rate"),
                              true,
                              "a negative rate refused (it was clamped to 0)");
        NS_TEST_ASSERT_MSG_EQ(refused([&] { app->SetRate(std::nan("")); }, "rate"),
                              true,
                              "NaN refused (it became 0)");
        NS_TEST_ASSERT_MSG_EQ(refused([&] { app->SetRate(INFINITY); }, "rate"),
                              true,
                              "infinity refused");
        NS_TEST_ASSERT_MSG_EQ(refused([&] { app->SetRate(0.0); }, ""), false, "0 accepted");
        NS_TEST_ASSERT_MSG_EQ(refused([&] { app->SetRate(2.5); }, ""), false, "2.5 accepted");
    }
};

/**
 * \ingroup microscope-tests
 * The run-hygiene suite.
 */
class MicroscopeOutputTestSuite : public TestSuite
{
public:
    MicroscopeOutputTestSuite()
        : TestSuite("microscope-output", UNIT)
    {
        AddTestCase(new RunOutputDirectoryTestCase, TestCase::QUICK);
        AddTestCase(new GivenFlagsTestCase, TestCase::QUICK);
        AddTestCase(new NoSilentClampTestCase, TestCase::QUICK);
    }
};

static MicroscopeOutputTestSuite g_microscopeOutputTestSuite; //!< the suite's instance
