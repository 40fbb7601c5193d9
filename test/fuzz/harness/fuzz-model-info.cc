/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// NeuralModelInfo::FromJson and CheckShape: the shape record of a model file, read and checked
// before LibTorch reads any tensor (NeuralModel::Load). A record that passes must survive the
// round trip through ToJson.

#include "fuzz-common.h"

#include "ns3/neural-model-info.h"

#include <cmath>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    ns3::NeuralModelInfo info;
    try
    {
        info = ns3::NeuralModelInfo::FromJson(text);
        info.CheckShape();
    }
    catch (const ns3::InputError&)
    {
        return 0;
    }
    const uint64_t gridCells = static_cast<uint64_t>(info.rows) * info.cols;
    MICROSCOPE_FUZZ_CHECK(gridCells > 0 && gridCells <= ns3::NeuralModelInfo::MAX_GRID_CELLS);
    MICROSCOPE_FUZZ_CHECK(!info.cells.empty() && info.cells.size() == info.positions.size());
    for (auto c : info.cells)
    {
        MICROSCOPE_FUZZ_CHECK(c < gridCells);
    }
    MICROSCOPE_FUZZ_CHECK(std::isfinite(info.scale) && info.scale > 0);
    const ns3::NeuralModelInfo again = ns3::NeuralModelInfo::FromJson(info.ToJson());
    MICROSCOPE_FUZZ_CHECK(again.ToJson() == info.ToJson());
    return 0;
}
