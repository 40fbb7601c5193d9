/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// DatacenterDimensioning::ReadZoneStats ('zone,g_mb,f_mb,p', microscope-zone-dimensioning
// --zone-stats) and the dimensioning of every zone read.

#include "fuzz-common.h"

#include "ns3/datacenter-dimensioning.h"

#include <cmath>
#include <set>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static microscope_fuzz::Cleanup cleanup;
    static ns3::Ptr<ns3::DatacenterDimensioning> dimensioning =
        ns3::CreateObject<ns3::DatacenterDimensioning>();
    const std::string path = microscope_fuzz::WriteInput(data, size, ".csv");
    std::vector<ns3::ZoneStats> zones;
    try
    {
        zones = ns3::DatacenterDimensioning::ReadZoneStats(path);
    }
    catch (const ns3::InputError&)
    {
        return 0;
    }
    MICROSCOPE_FUZZ_CHECK(!zones.empty());
    std::set<uint32_t> seen;
    for (const auto& z : zones)
    {
        MICROSCOPE_FUZZ_CHECK(seen.insert(z.zone).second);
        ns3::DimensioningResult r;
        try
        {
            r = dimensioning->Dimension(z);
        }
        catch (const ns3::InputError&)
        {
            continue;
        }
        MICROSCOPE_FUZZ_CHECK(std::isfinite(r.volumeMb) && r.volumeMb >= 0);
        MICROSCOPE_FUZZ_CHECK(std::isfinite(r.coresExact) && r.coresExact >= 0);
        MICROSCOPE_FUZZ_CHECK(std::abs(static_cast<double>(r.cores) - r.coresExact) <= 0.5);
    }
    return 0;
}
