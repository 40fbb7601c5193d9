/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// fuzz-write-seeds DIR: the seeds of the service-catalog harness that come from the module
// itself (test/fuzz/make-seeds.py calls it): the built-in catalog as WriteCsv writes it, and a
// copy with one service.

#include "ns3/service-catalog.h"

#include <iostream>

int
main(int argc, char** argv)
{
    if (argc != 2)
    {
        std::cerr << "usage: fuzz-write-seeds DIR\n";
        return 2;
    }
    const std::string dir = argv[1];
    auto catalog = ns3::ServiceCatalog::CreateDefault();
    catalog->WriteCsv(dir + "/seed-built-in");
    auto one = ns3::CreateObject<ns3::ServiceCatalog>();
    one->SetServices({catalog->Get(1)});
    one->WriteCsv(dir + "/seed-one-service");
    return 0;
}
