/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_LTE_SLICE_LEVEL_TOTALS_H
#define MICROSCOPE_LTE_SLICE_LEVEL_TOTALS_H

#include "lte-slice-stats-calculator.h"

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The measured figures of one level of the packet-level mode over the evaluated slots
 * (the "measured" object of each level in summary.json): the (node, slice, slot) rows are
 * added one by one with their SLA verdicts, and the level's and each slice's bytes, delivered
 * share, violations, SLA fees and pooled delay quantiles follow.
 *
 * The SLA fee of a violated row is the peak true demand of its (node, slice) over the
 * evaluated slots (MB/s); the level's fee per slot is Alpha times their sum over the evaluated
 * slots (the fluid mode's formula at slice granularity).
 */
class LteSliceLevelTotals
{
public:
    /// \param nSlices the slices
    explicit LteSliceLevelTotals(uint32_t nSlices);

    /**
     * Add one row; its delays are moved into the pooled samples (the counter's are freed).
     * \param c the row's counter.
     * \param slice its slice.
     * \param violated its SLA verdict.
     * \param peakMBps its (node, slice) peak true demand, MB/s: the fee if violated.
     */
    void Add(LteSliceStatsCalculator::Counter& c, uint32_t slice, bool violated, double peakMBps);

    /// \return bytes offered
    uint64_t GetOffered() const;
    /// \return bytes delivered
    uint64_t GetDelivered() const;
    /// \return bytes dropped
    uint64_t GetDropped() const;
    /// \return rows with offered traffic (the rows judged)
    uint64_t GetRows() const;
    /// \return violated rows
    uint64_t GetViolations() const;
    /// \return delivered / offered, NaN if nothing was offered
    double GetDeliveredShare() const;
    /// \return violated rows in % of the rows judged, NaN if none was
    double GetViolationSharePct() const;
    /**
     * \param alpha the SLA fee factor.
     * \param nSlots the evaluated slots.
     * \return the SLA violation fees per slot, MB/s: alpha times the violated rows' peaks,
     *         over nSlots.
     */
    double GetSlaViolationMBps(double alpha, double nSlots) const;
    /**
     * \param q a quantile.
     * \return the nearest-rank quantile of every delay added (ms), NaN if none.
     */
    double GetDelayQuantile(double q);
    /**
     * \param slice a slice.
     * \param q a quantile.
     * \return the nearest-rank quantile of the slice's delays (ms), NaN if none.
     */
    double GetSliceDelayQuantile(uint32_t slice, double q);
    /// \param slice a slice \return its violated rows
    uint64_t GetSliceViolations(uint32_t slice) const;

    /**
     * The level's "measured" object of summary.json.
     * \param alpha the SLA fee factor.
     * \param nSlots the evaluated slots.
     * \param trueDemandMBps the level's mean true demand, MB/s (for sla_violation_pct).
     * \param sliceNames per slice.
     * \param slaDelivered per slice.
     * \param slaDelayMs per slice.
     * \return the object.
     */
    nlohmann::ordered_json ToJson(double alpha,
                                  double nSlots,
                                  double trueDemandMBps,
                                  const std::vector<std::string>& sliceNames,
                                  const std::vector<double>& slaDelivered,
                                  const std::vector<double>& slaDelayMs);

    /**
     * \param value a number.
     * \return the JSON value of summary.json: null for NaN or infinity, 0 for -0.
     */
    static nlohmann::ordered_json JsonNumber(double value);

private:
    uint64_t m_offered{0};                         //!< bytes offered
    uint64_t m_delivered{0};                       //!< bytes delivered
    uint64_t m_dropped{0};                         //!< bytes dropped
    uint64_t m_rows{0};                            //!< rows judged
    uint64_t m_violations{0};                      //!< violated rows
    double m_fee{0};                               //!< sum of the violated rows' peaks
    std::vector<float> m_delays;                   //!< every delay, ms
    std::vector<uint64_t> m_sliceOffered;          //!< per slice
    std::vector<uint64_t> m_sliceDelivered;        //!< per slice
    std::vector<uint64_t> m_sliceDropped;          //!< per slice
    std::vector<uint64_t> m_sliceViolations;       //!< per slice
    std::vector<std::vector<float>> m_sliceDelays; //!< per slice
};

} // namespace ns3

#endif /* MICROSCOPE_LTE_SLICE_LEVEL_TOTALS_H */
