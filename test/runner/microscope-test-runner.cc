/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Test runner of the standalone build: the module's TestSuites are linked into this program,
 * which ns-3's TestRunner drives (`--suite=microscope-<feature>`, `--list`). ctest runs one
 * suite per test. In an ns-3 source tree, ns-3's own test-runner and test.py take its place.
 *
 * Fullness. Each TestCase is graded QUICK, EXTENSIVE or TAKES_FOREVER (AddTestCase's second
 * argument), and ns-3's runner only runs the cases up to `--fullness=` (QUICK when not given,
 * as test.py's `-f`). ctest cannot pass that flag per run, so without `--fullness` the level
 * comes from the environment variable MICROSCOPE_TEST_FULLNESS, which `./microscope test
 * --fullness=LEVEL` sets. Both accept quick, extensive and takes-forever in any case, with '-'
 * or '_'. A bad level, or an option ns-3's runner does not know (it would print its help and
 * exit 0, a silent pass under ctest), is an error naming it, with exit code 2.
 */

#include "ns3/test.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace
{

/// The environment variable that sets the fullness when `--fullness` is not given.
const char* const FULLNESS_VARIABLE = "MICROSCOPE_TEST_FULLNESS";

/**
 * ns-3's name of a fullness level.
 * \param value quick, extensive or takes-forever, in any case, '-' or '_'
 * \return QUICK, EXTENSIVE or TAKES_FOREVER; empty if value is none of them
 */
std::string
CanonicalFullness(std::string value)
{
    std::transform(value.begin(),
                   value.end(),
                   value.begin(),
                   [](unsigned char c)
                   { return c == '-' ? '_' : static_cast<char>(std::toupper(c)); });
    if (value == "QUICK" || value == "EXTENSIVE" || value == "TAKES_FOREVER")
    {
        return value;
    }
    return "";
}

/**
 * Whether ns-3's TestRunner knows an option (ns-3 3.37 to 3.4x).
 * \param arg the option, with its value
 * \return true if the runner handles it
 */
bool
IsRunnerOption(const std::string& arg)
{
    static const std::vector<std::string> flags = {"--assert-on-failure",
                                                   "--stop-on-failure",
                                                   "--verbose",
                                                   "--print-temp-dir",
                                                   "--update-data",
                                                   "--help",
                                                   "--print-test-name-list",
                                                   "--list",
                                                   "--print-test-types",
                                                   "--print-test-type-list",
                                                   "--append",
                                                   "--xml"};
    static const std::vector<std::string> valued =
        {"--test-type=", "--test-name=", "--suite=", "--tempdir=", "--out=", "--fullness="};
    if (std::find(flags.begin(), flags.end(), arg) != flags.end())
    {
        return true;
    }
    return std::any_of(valued.begin(),
                       valued.end(),
                       [&arg](const std::string& prefix)
                       { return arg.compare(0, prefix.size(), prefix) == 0; });
}

} // namespace

int
main(int argc, char** argv)
{
    const std::string program = argc > 0 ? argv[0] : "microscope-test-runner";
    std::vector<std::string> args;
    std::string fullness; // the level given by --fullness, then the one the runner gets
    bool verbose = false;
    for (int i = 1; i < argc; ++i)
    {
        std::string arg = argv[i];
        if (!IsRunnerOption(arg))
        {
            std::cerr << program << ": unknown option '" << arg << "' (--help lists them)"
                      << std::endl;
            return 2;
        }
        if (arg.compare(0, 11, "--fullness=") == 0)
        {
            const std::string level = CanonicalFullness(arg.substr(11));
            if (level.empty())
            {
                std::cerr << program << ": --fullness='" << arg.substr(11)
                          << "' is not a level (QUICK, EXTENSIVE or TAKES_FOREVER)" << std::endl;
                return 2;
            }
            arg = "--fullness=" + level;
            fullness = level;
        }
        verbose = verbose || arg == "--verbose";
        args.push_back(arg);
    }
    std::string source = "--fullness";
    if (fullness.empty())
    {
        const char* env = std::getenv(FULLNESS_VARIABLE);
        fullness = "QUICK";
        source = "default";
        if (env != nullptr && *env != '\0')
        {
            fullness = CanonicalFullness(env);
            if (fullness.empty())
            {
                std::cerr << program << ": " << FULLNESS_VARIABLE << "='" << env
                          << "' is not a level (quick, extensive or takes-forever)" << std::endl;
                return 2;
            }
            source = FULLNESS_VARIABLE;
        }
        args.push_back("--fullness=" + fullness);
    }
    if (verbose)
    {
        // stderr: --list and the report on stdout stay as ns-3 prints them.
        std::cerr << program << ": fullness " << fullness << " (" << source
                  << "); cases graded above it are not run" << std::endl;
    }

    std::vector<char*> argvOut;
    argvOut.push_back(argv[0]);
    for (auto& arg : args)
    {
        argvOut.push_back(arg.data());
    }
    argvOut.push_back(nullptr);
    return ns3::TestRunner::Run(static_cast<int>(argvOut.size() - 1), argvOut.data());
}
