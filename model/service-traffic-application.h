/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_SERVICE_TRAFFIC_APPLICATION_H
#define MICROSCOPE_SERVICE_TRAFFIC_APPLICATION_H

#include "slice-flow-tag.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The downlink traffic of one service to one UE, sent over UDP from the server, with a
 * mean rate set every slot (SetRate()) and a service-like packet pattern chosen by Category:
 *
 * - `streaming`: constant bit rate, PacketSize (default 1400 bytes) packets, random phase;
 * - `gaming`: small packets (GamingPacketSize, default 120 bytes) with exponential gaps;
 * - `messaging`: bursts of exponentially distributed size (mean BurstBytes) sent at once,
 *   Poisson burst arrivals;
 * - `social`, `web`: on-off, exponential ON (OnMean) and OFF (OffMean) periods, constant bit
 *   rate `rate * (OnMean + OffMean) / OnMean` while ON.
 *
 * In every pattern the long-run mean is the rate set by SetRate() (bytes of UDP payload).
 * Each packet's payload starts with a SeqTsHeader (sequence number and send time, for the
 * delay at the receiver) and carries a SliceFlowTag (SetFlowTag()). The packets go to Remote:
 * the first datacenter VNF of the flow's path, or the UE itself.
 */
class ServiceTrafficApplication : public Application
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    ServiceTrafficApplication();
    ~ServiceTrafficApplication() override;

    /// Traffic pattern.
    enum Pattern
    {
        CBR,   //!< streaming
        SMALL, //!< gaming
        BURST, //!< messaging
        ON_OFF //!< social and web
    };

    /**
     * \param category a catalog category (streaming, gaming, messaging, social, web).
     * \return its pattern.
     * \throw InputError for an unknown category.
     */
    static Pattern PatternOf(const std::string& category);

    /**
     * TracedCallback signature of a sent packet.
     * \param packet the packet (SeqTsHeader included).
     * \param tag its flow tag.
     */
    typedef void (*TxTracedCallback)(Ptr<const Packet> packet, const SliceFlowTag& tag);

    /// \param tag the flow tag every packet carries.
    void SetFlowTag(const SliceFlowTag& tag);
    /// \return the flow tag.
    const SliceFlowTag& GetFlowTag() const;

    /**
     * Change the mean rate; takes effect immediately.
     * \param mbps mean rate of UDP payload in Mbps (0: silent).
     * \throw InputError if the rate is negative or not finite.
     */
    void SetRate(double mbps);
    /// \return the mean rate in Mbps.
    double GetRate() const;

    /// \return the bytes of UDP payload sent so far.
    uint64_t GetTxBytes() const;

    /**
     * Assign fixed random variable streams.
     * \param stream first stream index to use
     * \return the number of stream indices assigned (2)
     */
    int64_t AssignStreams(int64_t stream);

protected:
    void DoDispose() override;

private:
    void StartApplication() override;
    void StopApplication() override;

    /// Schedule the next emission from now at the current rate.
    void ScheduleNext();
    /// Emit the packet(s) that are due and schedule the next emission.
    void Emit();
    /**
     * Send one packet.
     * \param size UDP payload bytes (at least the SeqTsHeader).
     */
    void SendPacket(uint32_t size);
    /// \return the packet size of the pattern.
    uint32_t GetPatternPacketSize() const;

    std::string m_category;                       //!< Category attribute
    Pattern m_pattern;                            //!< pattern of m_category
    Address m_remote;                             //!< Remote attribute
    uint32_t m_packetSize;                        //!< PacketSize attribute
    uint32_t m_gamingSize;                        //!< GamingPacketSize attribute
    uint32_t m_burstBytes;                        //!< BurstBytes attribute
    Time m_onMean;                                //!< OnMean attribute
    Time m_offMean;                               //!< OffMean attribute
    double m_rateMbps;                            //!< current mean rate
    SliceFlowTag m_tag;                           //!< flow tag
    Ptr<Socket> m_socket;                         //!< UDP socket
    EventId m_event;                              //!< next emission
    bool m_running;                               //!< between Start and Stop
    bool m_on;                                    //!< ON_OFF: in an ON period
    Time m_periodEnd;                             //!< ON_OFF: end of the current ON or OFF period
    uint32_t m_seq;                               //!< next sequence number
    uint64_t m_txBytes;                           //!< payload bytes sent
    Ptr<UniformRandomVariable> m_uniform;         //!< phases
    Ptr<ExponentialRandomVariable> m_exponential; //!< gaps, bursts, periods (mean 1)
    TracedCallback<Ptr<const Packet>, const SliceFlowTag&> m_txTrace; //!< Tx
};

} // namespace ns3

#endif /* MICROSCOPE_SERVICE_TRAFFIC_APPLICATION_H */
