/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Test runner of the standalone build: the module's TestSuites are linked into this program,
 * which ns-3's TestRunner drives (`--suite=microscope-<feature>`, `--list`). ctest runs one
 * suite per test. In an ns-3 source tree, ns-3's own test-runner and test.py take its place.
 */

#include "ns3/test.h"

int
main(int argc, char** argv)
{
    return ns3::TestRunner::Run(argc, argv);
}
