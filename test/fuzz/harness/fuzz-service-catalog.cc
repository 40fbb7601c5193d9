/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// ServiceCatalog::Load, then the round trip through WriteCsv: a catalog that loads must write a
// file that loads again, with the same services.

#include "fuzz-common.h"

#include "ns3/service-catalog.h"

#include <cmath>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static microscope_fuzz::Cleanup cleanup;
    const std::string path = microscope_fuzz::WriteInput(data, size, ".csv");
    ns3::Ptr<ns3::ServiceCatalog> catalog = ns3::CreateObject<ns3::ServiceCatalog>();
    try
    {
        catalog->Load(path);
    }
    catch (const ns3::InputError&)
    {
        MICROSCOPE_FUZZ_CHECK(catalog->GetN() == 0); // nothing half-loaded
        return 0;
    }
    MICROSCOPE_FUZZ_CHECK(catalog->GetN() > 0);
    double total = 0;
    for (uint32_t s = 0; s < catalog->GetN(); ++s)
    {
        const auto& d = catalog->Get(s);
        MICROSCOPE_FUZZ_CHECK(std::isfinite(d.share) && d.share > 0);
        total += d.share;
        for (double hour : {0.0, 7.25, 23.9})
        {
            for (auto type : {ns3::DayType::WORKDAY, ns3::DayType::HOLIDAY})
            {
                const double a = catalog->GetActivity(s, type, hour);
                MICROSCOPE_FUZZ_CHECK(std::isfinite(a) && a >= 0);
            }
        }
    }
    MICROSCOPE_FUZZ_CHECK(std::abs(total - 1.0) < 1e-9);

    const std::string copy = microscope_fuzz::InputPath(".out.csv");
    catalog->WriteCsv(copy);
    ns3::Ptr<ns3::ServiceCatalog> again = ns3::CreateObject<ns3::ServiceCatalog>();
    again->Load(copy); // an InputError here escapes: the written catalog must load
    MICROSCOPE_FUZZ_CHECK(again->GetNames() == catalog->GetNames());
    return 0;
}
