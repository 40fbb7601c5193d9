/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "delay-quantile-calculator.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DelayQuantileCalculator");

double
DelayQuantileCalculator::Quantile(std::vector<float>& values, double q)
{
    if (values.empty())
    {
        return std::numeric_limits<double>::quiet_NaN();
    }
    // Nearest rank: the smallest value with at least q of the samples at or below it.
    size_t rank = static_cast<size_t>(std::ceil(q * values.size()));
    rank = std::min(std::max<size_t>(rank, 1), values.size()) - 1;
    std::nth_element(values.begin(), values.begin() + rank, values.end());
    return values[rank];
}

double
DelayQuantileCalculator::Median(std::vector<float>& values)
{
    return Quantile(values, 0.5);
}

double
DelayQuantileCalculator::P95(std::vector<float>& values)
{
    return Quantile(values, 0.95);
}

} // namespace ns3
