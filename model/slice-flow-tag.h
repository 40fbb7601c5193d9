/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_SLICE_FLOW_TAG_H
#define MICROSCOPE_SLICE_FLOW_TAG_H

#include "ns3/ipv4-address.h"
#include "ns3/tag.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Packet tag of a downlink service flow of the packet-level (LTE) slicing mode: which
 * eNB, service and slice the packet belongs to, and its final destination (the UE's address
 * and the service's port).
 *
 * ServiceTrafficApplication adds it to every packet it sends; VnfApplication reads it to pick
 * the slice queue and the next hop (the next datacenter on the eNB's path, or the UE), and
 * removes it (with every other packet tag) when it forwards the packet to the UE. It carries
 * no bytes on the links: it is simulation metadata, not a header.
 */
class SliceFlowTag : public Tag
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

    SliceFlowTag();

    /**
     * \param enb the eNB index.
     * \param service the service index (catalog order).
     * \param slice the slice index.
     * \param ue the UE's address.
     * \param port the UE's port of the service.
     */
    SliceFlowTag(uint16_t enb, uint16_t service, uint16_t slice, Ipv4Address ue, uint16_t port);

    /// \return the eNB index.
    uint16_t GetEnb() const;
    /// \return the service index.
    uint16_t GetService() const;
    /// \return the slice index.
    uint16_t GetSlice() const;
    /// \return the UE's address.
    Ipv4Address GetUeAddress() const;
    /// \return the UE's port.
    uint16_t GetPort() const;

private:
    uint16_t m_enb;     //!< eNB index
    uint16_t m_service; //!< service index
    uint16_t m_slice;   //!< slice index
    Ipv4Address m_ue;   //!< UE address
    uint16_t m_port;    //!< UE port
};

} // namespace ns3

#endif /* MICROSCOPE_SLICE_FLOW_TAG_H */
