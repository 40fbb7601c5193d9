/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_DATACENTER_TIER_HELPER_H
#define MICROSCOPE_DATACENTER_TIER_HELPER_H

#include "ns3/datacenter-tier-builder.h"
#include "ns3/network-topology.h"
#include "ns3/object-factory.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Installs the MEC, C-RAN and core datacenter levels on a NetworkTopology with a
 * DatacenterTierBuilder created from an ObjectFactory.
 *
 * \code
 *   DatacenterTierHelper tiers;
 *   tiers.SetBuilderAttribute("MecNodes", UintegerValue(50));
 *   tiers.AssignStreams(20);
 *   Ptr<DatacenterTierBuilder> builder = tiers.Install(topology, antennaLoad);
 * \endcode
 */
class DatacenterTierHelper
{
public:
    DatacenterTierHelper();

    /**
     * \param name a DatacenterTierBuilder attribute.
     * \param value its value.
     */
    void SetBuilderAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Build the datacenter levels.
     * \param topology the topology with its antennas set.
     * \param antennaLoad each antenna's mean traffic (Mbps).
     * \return the builder (statistics, graph).
     */
    Ptr<DatacenterTierBuilder> Install(Ptr<NetworkTopology> topology,
                                       const std::vector<double>& antennaLoad);

    /**
     * Assign fixed random variable streams to the builder created by the next Install().
     * \param stream first stream index to use
     * \return the number of stream indices assigned
     */
    int64_t AssignStreams(int64_t stream);

private:
    ObjectFactory m_factory; //!< DatacenterTierBuilder factory
    int64_t m_stream;        //!< stream for the next Install(), or -1
};

} // namespace ns3

#endif /* MICROSCOPE_DATACENTER_TIER_HELPER_H */
