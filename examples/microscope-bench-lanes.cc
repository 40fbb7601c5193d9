/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * microscope-bench-lanes: what the decomposition lanes cost in a whole run. It runs the
 * microscope-slicing program (next to this one) as child processes, once per lane set and
 * repetition, alternating the sets (A B C A B C ...) so that a busy machine slows them alike,
 * and prints each set's median wall-clock and CPU time (user + system, from the child's
 * rusage) and their ratios to the first set. A benchmark: it measures and prints, asserts
 * nothing.
 *
 * The default sets answer the batched-inference target: the default run (neural lanes at the
 * four levels, and every baseline) within 2x the time of the same scenario with only the
 * historical and oracle lanes. --attribution adds one set per lane (historical and oracle plus
 * that lane), to show where the default run's extra time goes; its neural and cost-aware sets
 * need the shipped models, so the scenario must be the default one.
 */

#include "ns3/core-module.h"
#include "ns3/scenario-flags.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("MicroscopeBenchLanes");

namespace
{

/// One lane set: a label and the microscope-slicing flags that choose its lanes.
struct LaneSet
{
    std::string label;              //!< printed name
    std::vector<std::string> flags; //!< lane flags
};

/// Times of one child run.
struct Timing
{
    double wall{0.0}; //!< wall-clock seconds
    double cpu{0.0};  //!< user + system seconds
};

/// \return the directory of this program, from argv[0] or /proc/self/exe.
std::string
ProgramDirectory(const char* argv0)
{
    char buffer[4096];
    const ssize_t n = readlink("/proc/self/exe", buffer, sizeof(buffer) - 1);
    std::string path = n > 0 ? std::string(buffer, static_cast<size_t>(n)) : std::string(argv0);
    const size_t slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

/**
 * Run a program to completion, its standard output discarded.
 * \param argv the program and its arguments.
 * \param errorLog the file that receives its standard error (printed if it fails).
 * \return its times; exits with status 1 if it cannot start or fails.
 */
Timing
RunChild(const std::vector<std::string>& argv, const std::string& errorLog)
{
    std::vector<char*> args;
    for (const auto& a : argv)
    {
        args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    const auto t0 = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    NS_ABORT_MSG_IF(pid < 0, "fork failed: " << std::strerror(errno));
    if (pid == 0)
    {
        const int null = open("/dev/null", O_WRONLY);
        const int err = open(errorLog.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (null >= 0 && err >= 0)
        {
            dup2(null, STDOUT_FILENO);
            dup2(err, STDERR_FILENO);
        }
        execv(args[0], args.data());
        _exit(127);
    }
    int status = 0;

    struct rusage usage
    {
    };

    NS_ABORT_MSG_IF(wait4(pid, &status, 0, &usage) != pid, "wait4 failed");
    const auto t1 = std::chrono::steady_clock::now();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    {
        std::string command;
        for (const auto& a : argv)
        {
            command += (command.empty() ? "" : " ") + a;
        }
        std::cerr << "microscope-bench-lanes: this run failed (exit status "
                  << (WIFEXITED(status) ? WEXITSTATUS(status) : -1) << "):\n  " << command
                  << "\nits standard error:\n";
        std::ifstream in(errorLog);
        std::cerr << in.rdbuf() << std::endl;
        std::exit(1);
    }
    Timing t;
    t.wall = std::chrono::duration<double>(t1 - t0).count();
    t.cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec * 1e-6 + usage.ru_stime.tv_sec +
            usage.ru_stime.tv_usec * 1e-6;
    return t;
}

/// \return the median of the values.
double
Median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/// \return the words of a space-separated string.
std::vector<std::string>
Words(const std::string& s)
{
    std::vector<std::string> out;
    std::istringstream in(s);
    std::string w;
    while (in >> w)
    {
        out.push_back(w);
    }
    return out;
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t repeats = 3;
    bool attribution = false;
    uint32_t antennas = 0;
    uint32_t days = 0;
    std::string scenario;
    std::string outputDir = "/tmp";
    CommandLine cmd(__FILE__);
    cmd.AddValue("repeats", "Runs of each lane set (the median is printed)", repeats);
    cmd.AddValue("attribution",
                 "Also time historical and oracle plus each one of the default run's other lanes "
                 "(the neural and cost-aware lanes need the default scenario)",
                 attribution);
    cmd.AddValue("antennas", "Antennas of every run (0: microscope-slicing's default)", antennas);
    cmd.AddValue("days", "Days of every run (0: microscope-slicing's default)", days);
    cmd.AddValue("scenario",
                 "Extra microscope-slicing flags for every run, space-separated (e.g. "
                 "\"--antennas=200 --days=30\"); empty: its defaults, as ./microscope run",
                 scenario);
    cmd.AddValue("output",
                 "Directory under which each run writes (a subdirectory per set)",
                 outputDir);
    ScenarioFlags::AddLoggingFlag(cmd); // --logging: the module's log messages
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(repeats == 0, "--repeats must be at least 1");

    const std::string program = ProgramDirectory(argv[0]) + "/microscope-slicing";
    NS_ABORT_MSG_IF(access(program.c_str(), X_OK) != 0,
                    program << " is not there: build the examples first (./microscope build)");

    std::vector<LaneSet> sets{
        {"historical + oracle", {"--decomposer=historical", "--baselines=oracle"}},
        {"default lanes (./microscope run)", {}},
    };
    if (antennas == 0 && days == 0 && scenario.empty())
    {
        // The neural lanes alone on top of the same two: what batching was asked to make cheap
        // (the default run's other baselines have costs of their own, see --attribution).
        sets.push_back({"neural + historical + oracle",
                        {"--decomposer=neural", "--baselines=historical,oracle"}});
    }
    if (attribution)
    {
        for (const char* lane : {"linear", "historical-tuned", "cost-aware"})
        {
            sets.push_back(
                {std::string("historical + oracle + ") + lane,
                 {"--decomposer=historical", std::string("--baselines=oracle,") + lane}});
        }
        sets.push_back(
            {"neural + oracle (no historical)", {"--decomposer=neural", "--baselines=oracle"}});
    }

    std::vector<std::string> extra = Words(scenario);
    if (antennas > 0)
    {
        extra.push_back("--antennas=" + std::to_string(antennas));
    }
    if (days > 0)
    {
        extra.push_back("--days=" + std::to_string(days));
    }
    std::vector<std::vector<Timing>> timings(sets.size());
    for (uint32_t r = 0; r < repeats; ++r)
    {
        for (size_t i = 0; i < sets.size(); ++i)
        {
            std::vector<std::string> argvChild{program};
            argvChild.insert(argvChild.end(), extra.begin(), extra.end());
            argvChild.insert(argvChild.end(), sets[i].flags.begin(), sets[i].flags.end());
            const std::string dir = outputDir + "/microscope-bench-lanes-" +
                                    std::to_string(getpid()) + "-" + std::to_string(i);
            argvChild.push_back("--output=" + dir);
            NS_ABORT_MSG_IF(system(("mkdir -p '" + dir + "'").c_str()) != 0,
                            "cannot create " << dir);
            timings[i].push_back(RunChild(argvChild, dir + "/stderr.txt"));
            std::cerr << "  run " << r + 1 << "/" << repeats << ": " << sets[i].label << ": "
                      << std::fixed << std::setprecision(2) << timings[i].back().wall
                      << " s wall\n";
            NS_ABORT_MSG_IF(system(("rm -rf '" + dir + "'").c_str()) != 0, "cannot remove " << dir);
        }
    }

    std::vector<double> wall(sets.size());
    std::vector<double> cpu(sets.size());
    for (size_t i = 0; i < sets.size(); ++i)
    {
        std::vector<double> w;
        std::vector<double> c;
        for (const auto& t : timings[i])
        {
            w.push_back(t.wall);
            c.push_back(t.cpu);
        }
        wall[i] = Median(w);
        cpu[i] = Median(c);
    }
    std::cout << "lane set                                   wall (s)   CPU (s)   wall ratio  "
                 "CPU ratio   (medians of "
              << repeats << ", alternated)\n";
    for (size_t i = 0; i < sets.size(); ++i)
    {
        std::cout << std::left << std::setw(42) << sets[i].label << std::right << std::fixed
                  << std::setprecision(2) << std::setw(9) << wall[i] << std::setw(10) << cpu[i]
                  << std::setw(12) << wall[i] / wall[0] << std::setw(11) << cpu[i] / cpu[0] << "\n";
    }
    std::cout << "target: the default run within 2x of historical + oracle (wall ratio "
              << std::setprecision(2) << wall[1] / wall[0] << ", CPU ratio " << cpu[1] / cpu[0]
              << ")\n";
    return 0;
}
