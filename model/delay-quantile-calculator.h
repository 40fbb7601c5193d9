/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_DELAY_QUANTILE_CALCULATOR_H
#define MICROSCOPE_DELAY_QUANTILE_CALCULATOR_H

#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The delay quantiles of the packet-level mode's records (delay_p50_ms, delay_p95_ms):
 * nearest rank, without interpolation, so that a quantile is always a delay some packet had.
 */
class DelayQuantileCalculator
{
public:
    /**
     * The nearest-rank quantile: the smallest sample with at least a share q of the samples
     * at or below it, i.e. the sample of rank max(1, ceil(q n)) in ascending order.
     * \param values samples (reordered, not sorted).
     * \param q the quantile in [0, 1].
     * \return the quantile, NaN if there are no samples.
     */
    static double Quantile(std::vector<float>& values, double q);

    /**
     * \param values samples (reordered).
     * \return their median (nearest rank), NaN if there are none.
     */
    static double Median(std::vector<float>& values);

    /**
     * \param values samples (reordered).
     * \return their 95th percentile (nearest rank), NaN if there are none.
     */
    static double P95(std::vector<float>& values);
};

} // namespace ns3

#endif /* MICROSCOPE_DELAY_QUANTILE_CALCULATOR_H */
