/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// AntennaPositionLoader::Load: 'id,x_m,y_m' (metres) and 'id,lat,lon' (WGS84, projected).

#include "fuzz-common.h"

#include "ns3/antenna-position-loader.h"

#include <cmath>
#include <set>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static microscope_fuzz::Cleanup cleanup;
    const std::string path = microscope_fuzz::WriteInput(data, size, ".csv");
    std::vector<ns3::Vector> positions;
    std::vector<std::string> ids;
    try
    {
        ns3::AntennaPositionLoader::Load(path, positions, ids);
    }
    catch (const ns3::InputError&)
    {
        MICROSCOPE_FUZZ_CHECK(positions.empty() && ids.empty()); // nothing half-loaded
        return 0;
    }
    MICROSCOPE_FUZZ_CHECK(!ids.empty() && ids.size() == positions.size());
    MICROSCOPE_FUZZ_CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
    for (const auto& p : positions)
    {
        MICROSCOPE_FUZZ_CHECK(std::isfinite(p.x) && std::isfinite(p.y) && p.z == 0.0);
    }
    return 0;
}
