/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_SLICE_SLA_JUDGE_H
#define MICROSCOPE_SLICE_SLA_JUDGE_H

#include <cstdint>
#include <limits>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The measured SLA judgement of the packet-level mode: a (node, slice, slot) with
 * offered traffic violates its slice's SLA when the share of its bytes delivered is below
 * the slice's sla_delivered, or when the 95th percentile of its delays is above the slice's
 * sla_delay_ms, or undefined (nothing delivered). A (node, slice, slot) without offered
 * traffic is not judged.
 */
class SliceSlaJudge
{
public:
    /**
     * The judgement of one (node, slice, slot).
     */
    struct Verdict
    {
        bool judged{false};      //!< traffic was offered
        bool shareMissed{false}; //!< delivered share below sla_delivered
        bool delayMissed{false}; //!< delay p95 above sla_delay_ms, or NaN
        bool violated{false};    //!< shareMissed or delayMissed
        /// delivered / offered (NaN if not judged)
        double share{std::numeric_limits<double>::quiet_NaN()};
    };

    SliceSlaJudge();

    /**
     * \param slaDelivered per slice, the least delivered share in [0, 1].
     * \param slaDelayMs per slice, the largest delay p95 in ms.
     */
    SliceSlaJudge(std::vector<double> slaDelivered, std::vector<double> slaDelayMs);

    /// \return the number of slices judged.
    uint32_t GetNSlices() const;

    /**
     * \param slice a slice.
     * \param offered bytes offered.
     * \param delivered of those, bytes delivered.
     * \param delayP95Ms the 95th percentile of their delays, ms (NaN: nothing delivered).
     * \return the verdict.
     */
    Verdict Judge(uint32_t slice, uint64_t offered, uint64_t delivered, double delayP95Ms) const;

private:
    std::vector<double> m_slaDelivered; //!< per slice
    std::vector<double> m_slaDelayMs;   //!< per slice
};

} // namespace ns3

#endif /* MICROSCOPE_SLICE_SLA_JUDGE_H */
