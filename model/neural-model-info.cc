/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "neural-model-info.h"

#include "input-error.h"

#include <array>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace ns3
{

namespace
{

/// Version of the model file format.
const std::string FORMAT = "microscope-model-1";

/**
 * \param j the shape record.
 * \param key a key.
 * \return its value, which must be present.
 */
const nlohmann::json&
At(const nlohmann::json& j, const std::string& key)
{
    auto it = j.find(key);
    if (it == j.end())
    {
        throw InputError("no '" + key + "' in the shape record");
    }
    return *it;
}

/**
 * \param j a value of the record.
 * \param key its key, for the message.
 * \return it as an integer in [0, 2^32).
 */
uint32_t
ToUint32(const nlohmann::json& j, const std::string& key)
{
    bool ok = j.is_number_integer();
    if (ok && j.is_number_unsigned())
    {
        ok = j.get<uint64_t>() <= std::numeric_limits<uint32_t>::max();
    }
    else if (ok)
    {
        ok = j.get<int64_t>() >= 0 && j.get<int64_t>() <= std::numeric_limits<uint32_t>::max();
    }
    if (!ok)
    {
        throw InputError("'" + key + "' must be an integer in [0, 2^32), found " + j.dump());
    }
    return static_cast<uint32_t>(j.get<uint64_t>());
}

/**
 * \param j a value of the record.
 * \param key its key, for the message.
 * \return it as a finite number.
 */
double
ToDouble(const nlohmann::json& j, const std::string& key)
{
    if (!j.is_number() || !std::isfinite(j.get<double>()))
    {
        throw InputError("'" + key + "' must be a finite number, found " + j.dump());
    }
    return j.get<double>();
}

/**
 * \param j a value of the record.
 * \param key its key, for the message.
 * \return it as a string.
 */
std::string
ToString(const nlohmann::json& j, const std::string& key)
{
    if (!j.is_string())
    {
        throw InputError("'" + key + "' must be a string");
    }
    return j.get<std::string>();
}

/**
 * \param j a value of the record.
 * \param key its key, for the message.
 * \return it as a boolean.
 */
bool
ToBool(const nlohmann::json& j, const std::string& key)
{
    if (!j.is_boolean())
    {
        throw InputError("'" + key + "' must be true or false");
    }
    return j.get<bool>();
}

/**
 * \param j a value of the record.
 * \param key its key, for the message.
 * \return it, which must be an array.
 */
const nlohmann::json&
Array(const nlohmann::json& j, const std::string& key)
{
    if (!j.is_array())
    {
        throw InputError("'" + key + "' must be an array");
    }
    return j;
}

} // namespace

std::string
NeuralModelInfo::WhyUnfit(const std::vector<Vector>& nodePositions,
                          double minutes,
                          uint32_t historyLength,
                          const std::vector<std::string>& serviceNames) const
{
    bool samePositions = positions.size() == nodePositions.size();
    for (size_t n = 0; samePositions && n < nodePositions.size(); ++n)
    {
        samePositions = std::abs(nodePositions[n].x - positions[n].x) <= 1.0 &&
                        std::abs(nodePositions[n].y - positions[n].y) <= 1.0;
    }
    if (!samePositions)
    {
        return "was trained on another layout (" + scenario + ")";
    }
    if (std::abs(intervalMin - minutes) > 1e-9 || history != historyLength)
    {
        return "was trained for another interval or history";
    }
    if (services != serviceNames)
    {
        return "was trained for other services";
    }
    return "";
}

std::string
NeuralModelInfo::ToJson() const
{
    nlohmann::ordered_json j;
    j["format"] = FORMAT;
    j["architecture"] = architecture;
    j["loss"] = loss;
    j["size"] = size;
    j["level"] = level;
    j["interval_min"] = intervalMin;
    j["history"] = history;
    j["intervals_per_day"] = intervalsPerDay;
    j["rows"] = rows;
    j["cols"] = cols;
    j["kappa"] = kappa;
    j["cells"] = cells;
    std::vector<std::array<double, 2>> xy;
    for (const auto& p : positions)
    {
        xy.push_back({p.x, p.y});
    }
    j["positions"] = xy;
    j["services"] = services;
    j["calendar_features"] = calendarFeatures;
    j["position_bias"] = positionBias;
    j["historical_prior"] = historicalPrior;
    if (levelDeviation)
    {
        j["level_deviation"] = true; // absent from the files of models without it
    }
    j["scale"] = scale;
    j["cost_alpha"] = costAlpha;
    j["cost_epsilon"] = costEpsilon;
    j["scenario"] = scenario;
    j["command"] = command;
    return j.dump();
}

NeuralModelInfo
NeuralModelInfo::FromJson(const std::string& text)
{
    nlohmann::json j;
    try
    {
        j = nlohmann::json::parse(text);
    }
    catch (const nlohmann::json::exception& e)
    {
        throw InputError(std::string("the shape record is not JSON: ") + e.what());
    }
    if (!j.is_object())
    {
        throw InputError("the shape record is not a JSON object");
    }
    const std::string format = ToString(At(j, "format"), "format");
    if (format != FORMAT)
    {
        throw InputError("unknown model format " + format);
    }
    NeuralModelInfo info;
    info.architecture = ToString(At(j, "architecture"), "architecture");
    info.loss = ToString(At(j, "loss"), "loss");
    info.size = ToString(At(j, "size"), "size");
    info.level = ToString(At(j, "level"), "level");
    info.intervalMin = ToDouble(At(j, "interval_min"), "interval_min");
    info.history = ToUint32(At(j, "history"), "history");
    info.intervalsPerDay = ToUint32(At(j, "intervals_per_day"), "intervals_per_day");
    info.rows = ToUint32(At(j, "rows"), "rows");
    info.cols = ToUint32(At(j, "cols"), "cols");
    info.kappa = ToDouble(At(j, "kappa"), "kappa");
    for (const auto& c : Array(At(j, "cells"), "cells"))
    {
        info.cells.push_back(ToUint32(c, "cells"));
    }
    for (const auto& p : Array(At(j, "positions"), "positions"))
    {
        if (!p.is_array() || p.size() != 2)
        {
            throw InputError("'positions' must hold [x, y] pairs");
        }
        info.positions.emplace_back(ToDouble(p[0], "positions"), ToDouble(p[1], "positions"), 0.0);
    }
    for (const auto& s : Array(At(j, "services"), "services"))
    {
        info.services.push_back(ToString(s, "services"));
    }
    info.calendarFeatures = ToBool(At(j, "calendar_features"), "calendar_features");
    info.positionBias = ToBool(At(j, "position_bias"), "position_bias");
    info.historicalPrior =
        j.contains("historical_prior") && ToBool(j["historical_prior"], "historical_prior");
    info.levelDeviation =
        j.contains("level_deviation") && ToBool(j["level_deviation"], "level_deviation");
    info.scale = ToDouble(At(j, "scale"), "scale");
    info.costAlpha = ToDouble(At(j, "cost_alpha"), "cost_alpha");
    info.costEpsilon = ToDouble(At(j, "cost_epsilon"), "cost_epsilon");
    info.scenario = ToString(At(j, "scenario"), "scenario");
    info.command = ToString(At(j, "command"), "command");
    return info;
}

void
NeuralModelInfo::CheckShape() const
{
    if (cells.size() != positions.size() || cells.empty())
    {
        throw InputError("model shape: one grid cell and one position per node are needed");
    }
    // The grid's mask is rows x cols floats: refuse grids no scenario could have (the paper's
    // antenna grid is 29 x 29) before anything is allocated.
    const uint64_t gridCells = static_cast<uint64_t>(rows) * cols;
    if (gridCells == 0 || gridCells > MAX_GRID_CELLS)
    {
        throw InputError("model shape: a grid of " + std::to_string(rows) + " x " +
                         std::to_string(cols) + " cells (at most " +
                         std::to_string(MAX_GRID_CELLS) + " cells)");
    }
    for (auto c : cells)
    {
        if (c >= gridCells)
        {
            throw InputError("model shape: a node's cell lies outside the grid");
        }
    }
    if (!(scale > 0) || !std::isfinite(scale))
    {
        throw InputError("model shape: the normalisation scale must be positive");
    }
}

} // namespace ns3
