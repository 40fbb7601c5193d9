/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_LTE_SLICE_STATS_CALCULATOR_H
#define MICROSCOPE_LTE_SLICE_STATS_CALCULATOR_H

#include "demand-matrix.h"
#include "network-level.h"

#include "ns3/nstime.h"

#include <array>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The measurements of the packet-level slicing loop, slot by slot: what the
 * LteSliceTraceConnector reports from the trace sources, kept per (slot, node, slice) and per
 * (slot, node, service), and what follows from it: each level's measured per-service demand
 * (the truth the decomposers are judged against) and each counter's delivered share.
 *
 * Slot j (j = 0..Slots) covers [StartTime + j SlotDuration, StartTime + (j+1) SlotDuration);
 * slot 0 is the warm-up slot. The counters:
 * - per level, (services, nodes) bytes that arrived in the slot: at the antenna level the bytes
 *   out of the eNB's S1-U tunnel (by service), at a datacenter level the bytes arriving at its
 *   VNF (queued or dropped);
 * - per (slot, eNB, bearer): PDCP PDU bytes that the eNB passed to RLC;
 * - end to end, per (slot, eNB, slice): bytes offered by the server, delivered to the UEs
 *   (by the slot they were sent in) with their delays, and dropped (VNF queues, eNB RLC);
 * - per (slot, datacenter, slice) at each datacenter level: arrivals, served bytes (by
 *   arrival slot) with their sojourns, drops;
 * - per (slot, eNB, slice): PRBs used, summed over the TTIs traced.
 *
 * It needs no simulator: a test feeds it counts and reads the results.
 */
class LteSliceStatsCalculator
{
public:
    /**
     * Traffic of one (slot, node, slice).
     */
    struct Counter
    {
        uint64_t offered{0};      //!< bytes offered
        uint64_t delivered{0};    //!< bytes delivered
        uint64_t dropped{0};      //!< bytes dropped
        std::vector<float> delay; //!< delays, ms

        /// \return delivered / offered, NaN if nothing was offered.
        double DeliveredShare() const;
    };

    /**
     * The shape of the measurement.
     */
    struct Layout
    {
        Time start;                                     //!< start of slot 0
        Time slot;                                      //!< slot duration (positive)
        uint32_t nSlots{0};                             //!< evaluated slots (slots 0..nSlots kept)
        uint32_t nServices{0};                          //!< services
        uint32_t nSlices{0};                            //!< slices
        std::vector<uint16_t> serviceBearer;            //!< dedicated bearer of each service
        uint32_t nBearers{0};                           //!< dedicated bearers per UE
        std::array<uint32_t, N_NETWORK_LEVELS> nodes{}; //!< nodes per level (eNBs first)
    };

    LteSliceStatsCalculator();

    /**
     * Set the shape and zero every counter.
     * \param layout the shape.
     */
    void Setup(const Layout& layout);

    /**
     * \param t a time.
     * \return its slot j, or -1 outside [start, end of the last slot).
     */
    int64_t SlotOf(Time t) const;

    /**
     * \param slot j \param enb eNB \param bearer dedicated bearer \param bytes PDCP PDU bytes
     */
    void AddPdcpBytes(uint32_t slot, uint32_t enb, uint32_t bearer, uint32_t bytes);
    /**
     * \param slot j \param enb eNB \param service service \param bytes out of the S1-U tunnel
     */
    void AddS1uBytes(uint32_t slot, uint32_t enb, uint32_t service, uint32_t bytes);
    /**
     * \param slot j \param enb eNB \param slice slice \param bytes sent by the server
     */
    void AddOffered(uint32_t slot, uint32_t enb, uint32_t slice, uint32_t bytes);
    /**
     * \param slot j the packet was sent in \param enb eNB \param slice slice
     * \param bytes received by a UE \param delay its end-to-end delay
     */
    void AddDelivered(uint32_t slot, uint32_t enb, uint32_t slice, uint32_t bytes, Time delay);
    /**
     * \param slot j \param enb eNB \param slice slice \param bytes dropped at the eNB's RLC
     */
    void AddRlcDrop(uint32_t slot, uint32_t enb, uint32_t slice, uint32_t bytes);
    /**
     * An arrival queued at a VNF.
     * \param level a datacenter level's index \param slot j \param node datacenter
     * \param service service \param slice slice \param bytes bytes
     */
    void AddVnfArrival(uint32_t level,
                       uint32_t slot,
                       uint32_t node,
                       uint32_t service,
                       uint32_t slice,
                       uint32_t bytes);
    /**
     * An arrival dropped at a VNF: counted as an arrival there, and as dropped end to end.
     * \param level a datacenter level's index \param slot j \param node datacenter
     * \param service service \param enb the flow's eNB \param slice slice \param bytes bytes
     */
    void AddVnfDrop(uint32_t level,
                    uint32_t slot,
                    uint32_t node,
                    uint32_t service,
                    uint32_t enb,
                    uint32_t slice,
                    uint32_t bytes);
    /**
     * \param level a datacenter level's index \param slot j of the arrival \param node datacenter
     * \param slice slice \param bytes served \param sojourn time in the VNF
     */
    void AddVnfServed(uint32_t level,
                      uint32_t slot,
                      uint32_t node,
                      uint32_t slice,
                      uint32_t bytes,
                      Time sojourn);
    /**
     * One slice's PRBs in one TTI (the TTI is counted with slice 0; slices beyond the layout's
     * are ignored).
     * \param slot j \param enb eNB \param slice slice \param used PRBs used
     */
    void AddPrbUse(uint32_t slot, uint32_t enb, uint16_t slice, uint32_t used);

    /**
     * The measured per-service demand of a slot at a level, Mbps. At a datacenter level: the
     * arrived bytes. At the antenna level: each bearer's PDCP bytes, split over the services
     * it carries in proportion to their S1-U bytes (equally when none arrived).
     * \param slot j.
     * \param level a level.
     * \param truth receives (services, nodes).
     */
    void ComputeTruth(uint32_t slot, NetworkLevel level, DemandMatrix& truth) const;

    /// \param slot j \param level level \return the (services, nodes) bytes arrived
    const DemandMatrix& GetArrivedBytes(uint32_t slot, NetworkLevel level) const;
    /// \param slot j \param enb eNB \param bearer bearer \return the PDCP PDU bytes
    uint64_t GetPdcpBytes(uint32_t slot, uint32_t enb, uint32_t bearer) const;
    /// \param slot j \param enb eNB \param slice slice \return the end-to-end counter
    Counter& GetEndToEnd(uint32_t slot, uint32_t enb, uint32_t slice);
    /**
     * \param level a datacenter level \param slot j \param node datacenter \param slice slice
     * \return the VNF's counter
     */
    Counter& GetVnf(NetworkLevel level, uint32_t slot, uint32_t node, uint32_t slice);
    /// \param slot j \param enb eNB \return the TTIs traced
    uint32_t GetTtis(uint32_t slot, uint32_t enb) const;
    /// \param slot j \param enb eNB \param slice slice \return mean PRBs per TTI, NaN if none
    double GetMeanUsedPrbs(uint32_t slot, uint32_t enb, uint32_t slice) const;

private:
    /// \param slot j \param node node \param slice slice \param nNodes nodes \return index
    size_t Index(uint32_t slot, uint32_t node, uint32_t slice, uint32_t nNodes) const;

    Layout m_layout;                                                  //!< shape
    std::array<std::vector<DemandMatrix>, N_NETWORK_LEVELS> m_bytes;  //!< [level][slot]
    std::vector<uint64_t> m_pdcpBytes;                                //!< (slot, enb, bearer)
    std::vector<Counter> m_e2e;                                       //!< (slot, enb, slice)
    std::array<std::vector<Counter>, N_NETWORK_LEVELS> m_vnfCounters; //!< (slot, dc, slice)
    std::vector<double> m_usedPrbSum; //!< (slot, enb, slice): PRBs summed over TTIs
    std::vector<uint32_t> m_ttis;     //!< (slot, enb): TTIs traced
};

} // namespace ns3

#endif /* MICROSCOPE_LTE_SLICE_STATS_CALCULATOR_H */
