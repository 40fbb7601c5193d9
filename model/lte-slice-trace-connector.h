/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_LTE_SLICE_TRACE_CONNECTOR_H
#define MICROSCOPE_LTE_SLICE_TRACE_CONNECTOR_H

#include "lte-slice-stats-calculator.h"
#include "lte-slice-wiring.h"
#include "slice-flow-tag.h"

#include "ns3/address.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Connects the trace sources of the packet-level slicing loop to its
 * LteSliceStatsCalculator, as ns-3's RadioBearerStatsConnector does for the LTE statistics:
 * each trace sink finds the slot of the event (the time the packet was sent or arrived at the
 * node), reads what it needs from the packet, and hands the count to the calculator.
 *
 * - ConnectApplications() (at Start): the server's flows ("Tx": offered), the UEs' sinks
 *   ("Rx": delivered and the delay, from the packet's SeqTsHeader), the eNBs'
 *   EpcEnbApplication ("RxFromS1u": bytes per service, by UDP port), the
 *   SliceFfMacSchedulers ("SliceTti": PRBs used) and the VNFs ("Enqueue", "Drop", "Served").
 * - ConnectBearers() (at the start of the warm-up slot, once the bearers exist): the eNB's
 *   PDCP ("TxPDU": bytes per bearer) and RLC ("TxDrop": dropped, less the PDCP, IP and UDP
 *   headers) of every dedicated bearer, found in the eNBs' RRC; it checks that every bearer
 *   is there and rides the LCID the schedulers were told.
 *
 * The sinks are bound to this object: it must not move once connected (it cannot be copied).
 */
class LteSliceTraceConnector
{
public:
    /// PDCP (2), IPv4 (20) and UDP (8) header bytes of an RLC SDU of the services' bearers.
    static constexpr uint32_t SDU_HEADER_BYTES = 30;

    LteSliceTraceConnector();
    LteSliceTraceConnector(const LteSliceTraceConnector&) = delete;
    LteSliceTraceConnector& operator=(const LteSliceTraceConnector&) = delete;

    /// \param stats the calculator the traces feed (not owned; must outlive the simulation)
    void SetCalculator(LteSliceStatsCalculator* stats);

    /**
     * Connect the applications' and schedulers' traces.
     * \param wiring what the helper built.
     */
    void ConnectApplications(const LteSliceWiring& wiring);

    /**
     * Find the services' dedicated bearers in the eNBs' RRC, connect their PDCP and RLC
     * traces (and set the RLC UM buffer if the wiring asks for one).
     * \param wiring what the helper built.
     * \throw std::runtime_error if a bearer is missing or rides an unexpected LCID.
     */
    void ConnectBearers(const LteSliceWiring& wiring);

    /// \return the LCID of each dedicated bearer, as found in the eNBs' RRC.
    const std::vector<uint8_t>& GetObservedLcids() const;
    /// \return the dedicated bearers whose PDCP was connected.
    uint32_t GetNConnectedBearers() const;

private:
    /**
     * \param enb eNB \param bearer bearer \param rnti UE \param lcid LC \param size bytes
     */
    void PdcpTx(uint32_t enb, uint32_t bearer, uint16_t rnti, uint8_t lcid, uint32_t size);
    /**
     * \param enb eNB \param bearer bearer \param packet the dropped RLC SDU
     */
    void RlcDrop(uint32_t enb, uint32_t bearer, Ptr<const Packet> packet);
    /**
     * \param enb eNB \param packet a packet from the S1-U tunnel (IP header first)
     */
    void S1uRx(uint32_t enb, Ptr<Packet> packet);
    /**
     * \param packet the packet \param tag its flow
     */
    void FlowTx(Ptr<const Packet> packet, const SliceFlowTag& tag);
    /**
     * \param enb eNB \param slice slice \param packet packet \param from sender
     */
    void SinkRx(uint32_t enb, uint32_t slice, Ptr<const Packet> packet, const Address& from);
    /**
     * \param level level \param node datacenter \param tag flow \param bytes bytes
     */
    void VnfEnqueue(uint32_t level, uint32_t node, const SliceFlowTag& tag, uint32_t bytes);
    /**
     * \param level level \param node datacenter \param tag flow \param bytes bytes
     */
    void VnfDrop(uint32_t level, uint32_t node, const SliceFlowTag& tag, uint32_t bytes);
    /**
     * \param level level \param node node \param tag flow \param bytes bytes \param sojourn time
     */
    void VnfServed(uint32_t level,
                   uint32_t node,
                   const SliceFlowTag& tag,
                   uint32_t bytes,
                   Time sojourn);
    /**
     * \param enb eNB \param frame frame \param subframe subframe \param slice slice
     * \param quota quota \param used used \param lent lent
     */
    void SliceTti(uint32_t enb,
                  uint16_t frame,
                  uint16_t subframe,
                  uint16_t slice,
                  uint32_t quota,
                  uint32_t used,
                  uint32_t lent);

    LteSliceStatsCalculator* m_stats{nullptr}; //!< where the counts go
    std::vector<uint16_t> m_bearerSlice;       //!< slice of each bearer
    uint16_t m_basePort{0};                    //!< UE port of service 0
    uint32_t m_nServices{0};                   //!< services
    std::vector<uint8_t> m_observedLcids;      //!< per bearer
    uint32_t m_connectedBearers{0};            //!< bearers connected
};

} // namespace ns3

#endif /* MICROSCOPE_LTE_SLICE_TRACE_CONNECTOR_H */
