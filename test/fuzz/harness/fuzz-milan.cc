/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// MilanTrafficLoader::LoadFile and GetVolume: the Telecom Italia .txt (tab-separated, epoch
// milliseconds) when built with MICROSCOPE_FUZZ_SUFFIX=".txt", the Kaggle CSV
// ('datetime,CellID,...') with ".csv". NumSquares is 100 rather than the 10,000 of the real grid:
// the loader allocates NumSquares x 24 values per day, and the larger grid made the harness
// several times slower with no path of the loader left out (ids beyond it are refused the same).

#include "fuzz-common.h"

#include "ns3/hourly-volume.h"
#include "ns3/milan-traffic-loader.h"
#include "ns3/uinteger.h"

#include <cmath>

#ifndef MICROSCOPE_FUZZ_SUFFIX
#error "MICROSCOPE_FUZZ_SUFFIX must be \".txt\" or \".csv\""
#endif

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static microscope_fuzz::Cleanup cleanup;
    const std::string path = microscope_fuzz::WriteInput(data, size, MICROSCOPE_FUZZ_SUFFIX);
    ns3::Ptr<ns3::MilanTrafficLoader> loader = ns3::CreateObject<ns3::MilanTrafficLoader>();
    loader->SetAttribute("NumSquares", ns3::UintegerValue(100));
    try
    {
        loader->LoadFile(path);
    }
    catch (const ns3::InputError&)
    {
        return 0;
    }
    MICROSCOPE_FUZZ_CHECK(loader->GetNRecords() > 0);
    try
    {
        const ns3::HourlyVolume volume = loader->GetVolume();
        MICROSCOPE_FUZZ_CHECK(volume.GetNNodes() == 100 && volume.GetNHours() > 0);
        for (uint32_t s = 0; s < volume.GetNNodes(); ++s)
        {
            for (uint32_t h = 0; h < volume.GetNHours(); ++h)
            {
                MICROSCOPE_FUZZ_CHECK(std::isfinite(volume(s, h)) && volume(s, h) >= 0);
            }
        }
    }
    catch (const ns3::InputError&)
    {
        // Days missing between the first and the last: refused by GetVolume, by name.
    }
    return 0;
}
