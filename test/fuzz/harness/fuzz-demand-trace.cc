/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// TraceTrafficSource::Load: 'time_s,antenna,service,mbps' with the default catalog and a
// 5-minute calendar, then the demand of the first and last slots.

#include "fuzz-common.h"

#include "ns3/demand-matrix.h"
#include "ns3/trace-traffic-source.h"

#include <cmath>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static microscope_fuzz::Cleanup cleanup;
    const std::string path = microscope_fuzz::WriteInput(data, size, ".csv");
    ns3::Ptr<ns3::TraceTrafficSource> source = ns3::CreateObject<ns3::TraceTrafficSource>();
    try
    {
        source->Load(path);
    }
    catch (const ns3::InputError&)
    {
        MICROSCOPE_FUZZ_CHECK(source->GetNSlots() == 0); // nothing half-loaded
        source->Dispose();
        return 0;
    }
    const uint64_t nSlots = source->GetNSlots();
    MICROSCOPE_FUZZ_CHECK(nSlots > 0 && source->GetNAntennas() > 0);
    ns3::DemandMatrix demand;
    for (uint64_t slot : {uint64_t{0}, nSlots - 1})
    {
        source->GetDemand(slot, demand);
        MICROSCOPE_FUZZ_CHECK(demand.GetNNodes() == source->GetNAntennas());
        for (uint32_t s = 0; s < demand.GetNServices(); ++s)
        {
            for (uint32_t n = 0; n < demand.GetNNodes(); ++n)
            {
                MICROSCOPE_FUZZ_CHECK(std::isfinite(demand(s, n)) && demand(s, n) >= 0);
            }
        }
    }
    source->Dispose();
    return 0;
}
