/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_DECOMPOSITION_CONTEXT_H
#define MICROSCOPE_DECOMPOSITION_CONTEXT_H

#include "demand-matrix.h"
#include "network-level.h"
#include "service-catalog.h"
#include "shared-training-state.h"
#include "traffic-calendar.h"

#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/vector.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief What a decomposer is told once, before the first management interval.
 */
struct DecomposerSetup
{
    NetworkLevel level{NetworkLevel::ANTENNA}; //!< network level it works at
    uint32_t nNodes{0};                        //!< antennas or datacenters of the level
    uint32_t nServices{0};                     //!< services in the catalog
    uint32_t historyLength{1};                 //!< T, snapshots in each history window
    Time interval;                             //!< management interval of the level
    uint32_t intervalsPerDay{0};               //!< management intervals in a day
    /// Training intervals the decomposer will be given (0: not known), to size its stores.
    uint64_t trainingIntervals{0};
    std::vector<Vector> nodePositions; //!< node positions in metres (grid mapping)
    Ptr<ServiceCatalog> catalog;       //!< the services
    /**
     * SLA fee factor of the run's CostAccountant: a violated (node, service) interval costs
     * costAlpha times the slice's peak demand. The cost-aware lanes tune or train on it.
     */
    double costAlpha{1.0};
    /// The CostAccountant's ViolationTolerance: shortfalls below it are not violations.
    double violationTolerance{0.0};
    /**
     * What the run's decomposers learn in common (the SlotOrchestrator's, with ShareTraining),
     * or null: each decomposer then learns alone. A decomposer that builds another one (a
     * neural lane's historical prior) passes it on.
     */
    Ptr<SharedTrainingState> sharedState;
};

/**
 * \ingroup microscope
 * \brief Where and when one decomposition happens: one management interval at one level.
 */
struct DecompositionContext
{
    NetworkLevel level{NetworkLevel::ANTENNA}; //!< network level
    uint64_t interval{0};                      //!< interval index since the start
    uint64_t firstSlot{0};                     //!< index of the interval's first traffic slot
    uint64_t day{0};                           //!< day index
    uint32_t intervalOfDay{0};                 //!< interval index within the day
    DayType dayType{DayType::WORKDAY};         //!< workday or holiday
    /**
     * The true per-service demand of the interval. It is set so that the oracle can return
     * it; no other decomposer reads it in Decompose().
     */
    const DemandMatrix* truth{nullptr};
};

} // namespace ns3

#endif /* MICROSCOPE_DECOMPOSITION_CONTEXT_H */
