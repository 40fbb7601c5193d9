/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_VNF_APPLICATION_H
#define MICROSCOPE_VNF_APPLICATION_H

#include "slice-flow-tag.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <deque>
#include <map>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The virtual network functions of one datacenter (MEC, C-RAN or core) in the
 * packet-level slicing mode: one FIFO queue per slice, each served by the slice's own cores.
 *
 * Packets arrive over UDP on Port and carry a SliceFlowTag. Slice k's queue is served at
 * `cores(k) * CoreThroughput` Mbps (SetSliceCores()): a packet of b bytes occupies the slice's
 * server for `8 b / rate`; slices never share cores (as in VnfAllocator). A queue holds at
 * most QueueLimitBytes; an arrival that does not fit is dropped. A slice with 0 cores holds
 * its packets until it gets cores (or drops arrivals once full). When the rate changes, the
 * packet in service finishes at the old rate.
 *
 * A served packet is sent on, with its payload untouched, to the next VNF on the path of the
 * packet's eNB (AddRoute()), or, for an eNB without a route (this is the last datacenter of
 * its path), to the UE (the tag's address and port) through the PGW; the packet tags are
 * removed then.
 *
 * The default CoreThroughput, 1000 / 26 = 38.46 Mbps, is the inverse of VnfAllocator's 26
 * cores per Gbps (20 data-plane + 6 SDN). LteSlicingHelper sets the VnfAllocator's own
 * CoreThroughput attribute to this one, so that the allocator's cores per Gbps follow it.
 */
class VnfApplication : public Application
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    VnfApplication();
    ~VnfApplication() override;

    /**
     * TracedCallback signature of a packet that entered, or was dropped at, a slice queue.
     * \param tag the packet's flow tag (slice, service, eNB).
     * \param bytes the UDP payload bytes.
     */
    typedef void (*PacketTracedCallback)(const SliceFlowTag& tag, uint32_t bytes);

    /**
     * TracedCallback signature of a served packet.
     * \param tag the packet's flow tag.
     * \param bytes the UDP payload bytes.
     * \param sojourn time from arrival to the end of its service.
     */
    typedef void (*ServedTracedCallback)(const SliceFlowTag& tag, uint32_t bytes, Time sojourn);

    /**
     * Set the number of slices (their cores are 0 until SetSliceCores()).
     * \param n the number of slices.
     */
    void SetNSlices(uint16_t n);
    /// \return the number of slices.
    uint16_t GetNSlices() const;

    /**
     * \param slice a slice.
     * \param cores the cores serving its queue from now on.
     */
    void SetSliceCores(uint16_t slice, uint32_t cores);
    /// \param slice a slice \return its cores
    uint32_t GetSliceCores(uint16_t slice) const;
    /// \param slice a slice \return its service rate, Mbps
    double GetSliceRateMbps(uint16_t slice) const;
    /// \param slice a slice \return the bytes in its queue (the packet in service included)
    uint32_t GetQueueBytes(uint16_t slice) const;

    /**
     * Send the packets of an eNB to the next VNF.
     * \param enb the eNB index.
     * \param next the next VNF's address (it listens on the same Port).
     */
    void AddRoute(uint16_t enb, Ipv4Address next);

protected:
    void DoDispose() override;

private:
    void StartApplication() override;
    void StopApplication() override;

    /**
     * Receive packets.
     * \param socket the socket.
     */
    void HandleRead(Ptr<Socket> socket);
    /**
     * Start serving the head of a slice's queue, if the slice is idle and has cores.
     * \param slice the slice.
     */
    void TryServe(uint16_t slice);
    /**
     * The head of a slice's queue is served: send it on.
     * \param slice the slice.
     */
    void EndService(uint16_t slice);

    /// A queued packet.
    struct Item
    {
        Ptr<Packet> packet; //!< the packet (tags included)
        SliceFlowTag tag;   //!< its tag
        Time arrival;       //!< arrival time
    };

    /// One slice's queue and server.
    struct Slice
    {
        std::deque<Item> queue; //!< FIFO, head in service when busy
        uint32_t bytes{0};      //!< bytes queued
        uint32_t cores{0};      //!< cores
        bool busy{false};       //!< head in service
        EventId event;          //!< end of the head's service
    };

    uint16_t m_port;                                              //!< Port attribute
    double m_coreMbps;                                            //!< CoreThroughput attribute
    uint32_t m_limit;                                             //!< QueueLimitBytes attribute
    std::vector<Slice> m_slices;                                  //!< per slice
    std::map<uint16_t, Ipv4Address> m_routes;                     //!< eNB -> next VNF
    Ptr<Socket> m_socket;                                         //!< receiving and sending socket
    TracedCallback<const SliceFlowTag&, uint32_t> m_enqueueTrace; //!< Enqueue
    TracedCallback<const SliceFlowTag&, uint32_t> m_dropTrace;    //!< Drop
    TracedCallback<const SliceFlowTag&, uint32_t, Time> m_servedTrace; //!< Served
};

} // namespace ns3

#endif /* MICROSCOPE_VNF_APPLICATION_H */
