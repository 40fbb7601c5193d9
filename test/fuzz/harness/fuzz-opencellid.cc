/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// OpenCellIdLoader::Load (OpenCelliD's cell_towers.csv, columns found by name) with the
// defaults (Mcc 222, Mnc 1) and a 100 m MergeDistance, then the station positions on the default
// Milan grid.

#include "fuzz-common.h"

#include "ns3/double.h"
#include "ns3/milan-grid.h"
#include "ns3/open-cell-id-loader.h"

#include <cmath>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static microscope_fuzz::Cleanup cleanup;
    static ns3::Ptr<ns3::MilanGrid> grid = ns3::CreateObject<ns3::MilanGrid>();
    const std::string path = microscope_fuzz::WriteInput(data, size, ".csv");
    ns3::Ptr<ns3::OpenCellIdLoader> loader = ns3::CreateObject<ns3::OpenCellIdLoader>();
    loader->SetAttribute("MergeDistance", ns3::DoubleValue(100.0));
    try
    {
        loader->Load(path);
    }
    catch (const ns3::InputError&)
    {
        return 0;
    }
    MICROSCOPE_FUZZ_CHECK(loader->GetNRows() > 0 &&
                          loader->GetTowers().size() <= loader->GetNRows());
    for (const auto& t : loader->GetTowers())
    {
        MICROSCOPE_FUZZ_CHECK(t.lon >= -180 && t.lon <= 180 && t.lat >= -90 && t.lat <= 90);
        MICROSCOPE_FUZZ_CHECK(t.mcc == 222 && t.mnc == 1);
    }
    const auto stations = loader->GetStationPositions(grid, 1000.0);
    MICROSCOPE_FUZZ_CHECK(stations.size() <= loader->GetTowers().size());
    for (const auto& p : stations)
    {
        MICROSCOPE_FUZZ_CHECK(std::isfinite(p.x) && std::isfinite(p.y));
    }
    return 0;
}
