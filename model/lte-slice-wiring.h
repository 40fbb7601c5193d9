/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_LTE_SLICE_WIRING_H
#define MICROSCOPE_LTE_SLICE_WIRING_H

#include "cost-accountant.h"
#include "decomposer.h"
#include "network-level.h"
#include "network-topology.h"
#include "service-catalog.h"
#include "service-traffic-application.h"
#include "slice-ff-mac-scheduler.h"
#include "spectrum-allocator.h"
#include "traffic-source.h"
#include "vnf-allocator.h"
#include "vnf-application.h"

#include "ns3/net-device-container.h"
#include "ns3/packet-sink.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/// Datacenter levels of the packet-level mode, in path order from the server.
constexpr std::array<NetworkLevel, 3> LTE_SLICE_DC_LEVELS = {NetworkLevel::CORE,
                                                             NetworkLevel::CRAN,
                                                             NetworkLevel::MEC};

/**
 * \ingroup microscope
 * \brief What LteSlicingHelper built for the packet-level slicing loop, handed to
 * LteSliceController::SetWiring() before Start() (also spelled LteSliceController::Wiring).
 * The controller passes the parts each of its pieces needs: the trace sources to the
 * LteSliceTraceConnector, the decomposers, allocators, schedulers and VNFs to the
 * LteSliceAllocationStep, the slices' SLA thresholds to the SliceSlaJudge.
 */
struct LteSliceWiring
{
    Ptr<ServiceCatalog> catalog;                      //!< services
    Ptr<TrafficSource> source;                        //!< demand model (5-minute slots)
    Ptr<NetworkTopology> topology;                    //!< eNBs (antenna level) and datacenters
    std::vector<double> demandScale;                  //!< per eNB: model Mbps -> offered Mbps
    uint32_t uesPerEnb{1};                            //!< UEs per eNB
    std::vector<uint16_t> serviceSlice;               //!< slice of each service
    std::vector<std::string> sliceNames;              //!< slice names
    std::vector<double> sliceSlaDelivered;            //!< per slice
    std::vector<double> sliceSlaDelayMs;              //!< per slice
    std::vector<uint16_t> serviceBearer;              //!< dedicated bearer of each service
    std::vector<uint8_t> bearerLcid;                  //!< expected LCID of each bearer
    std::vector<uint16_t> bearerSlice;                //!< slice of each bearer
    uint16_t basePort{20000};                         //!< UE port of service s: basePort + s
    uint32_t rlcBufferBytes{0};                       //!< eNB RLC UM MaxTxBufferSize (0: leave it)
    NetDeviceContainer enbDevices;                    //!< one per eNB
    std::vector<Ptr<SliceFfMacScheduler>> schedulers; //!< per eNB (null: not sliced)
    uint32_t bandwidthPrbs{0};                        //!< DL PRBs of a cell
    uint32_t rbgSize{1};                              //!< PRBs per RBG
    std::vector<uint32_t> fixedQuotas;                //!< PRBs per slice; empty: decomposer
    /// [eNB][ue * services + service] the server's flows
    std::vector<std::vector<Ptr<ServiceTrafficApplication>>> flows;
    /// [eNB][ue * services + service] the UEs' sinks
    std::vector<std::vector<Ptr<PacketSink>>> sinks;
    /// per level index (NetworkLevel): the datacenters' VNFs (empty for the antennas)
    std::array<std::vector<Ptr<VnfApplication>>, N_NETWORK_LEVELS> vnfs;
    /// per level: its decomposer (null: level not decomposed)
    std::array<Ptr<Decomposer>, N_NETWORK_LEVELS> decomposers;
    std::string decomposerName;      //!< lane name
    Ptr<SpectrumAllocator> spectrum; //!< antenna allocator
    Ptr<VnfAllocator> vnf;           //!< datacenter allocator
    Ptr<CostAccountant> accountant;  //!< fluid-mode costs
};

} // namespace ns3

#endif /* MICROSCOPE_LTE_SLICE_WIRING_H */
