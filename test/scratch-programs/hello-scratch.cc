/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A one-file scratch program of the scratch checks (test/scratch-check.cmake): it takes a flag
 * and uses the module's built-in service catalog and its shipped models' folder.
 */

#include "ns3/command-line.h"
#include "ns3/service-catalog.h"

#include <fstream>
#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string name = "nobody";
    CommandLine cmd(__FILE__);
    cmd.AddValue("name", "Who is greeted", name);
    cmd.Parse(argc, argv);
    const bool model = std::ifstream(std::string(MICROSCOPE_MODELS_DIR) + "/antenna.pt").good();
    std::cout << "hello-scratch: " << name << ", " << ServiceCatalog::CreateDefault()->GetN()
              << " services, shipped antenna model " << (model ? "found" : "missing") << "\n";
    return 0;
}
