/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_MTD_DATASET_H
#define MICROSCOPE_MTD_DATASET_H

#include "network-level.h"
#include "network-topology.h"
#include "traffic-calendar.h"
#include "traffic-source.h"

#include "ns3/nstime.h"
#include "ns3/vector.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The decomposition data of one network level at one management interval: for every
 * interval, each node's aggregate demand and per-service demand (Mbps, the mean of the
 * interval's slots), built from a TrafficSource and a NetworkTopology, with the time-ordered
 * 60/20/20 split of the days into training, validation and test.
 *
 * A sample is a target interval i with its window of T aggregate snapshots i-T+1 .. i; only
 * intervals with a full window are samples. A sample belongs to the split of its target
 * interval's day (its window may reach back into the previous split, as in the slot
 * pipeline, whose decomposers see the same windows).
 */
class MtdDataset
{
public:
    MtdDataset();

    /**
     * Aggregate a source into a level's management intervals.
     * \param source the per-antenna demand.
     * \param topology the antennas and datacenter levels.
     * \param level the level.
     * \param interval the management interval (a multiple of the slot dividing a day).
     * \param history T, snapshots per sample.
     * \param trainFraction share of the days for training (rounded, as in SlotOrchestrator).
     * \param validationFraction share of the days for validation.
     * \throw InputError on an interval the calendar cannot hold or an empty split.
     */
    void Build(Ptr<TrafficSource> source,
               Ptr<NetworkTopology> topology,
               NetworkLevel level,
               Time interval,
               uint32_t history,
               double trainFraction = 0.6,
               double validationFraction = 0.2);

    /// \return the level.
    NetworkLevel GetLevel() const;
    /// \return the management interval.
    Time GetInterval() const;
    /// \return T.
    uint32_t GetHistory() const;
    /// \return the number of nodes.
    uint32_t GetNNodes() const;
    /// \return the number of services.
    uint32_t GetNServices() const;
    /// \return the service names.
    const std::vector<std::string>& GetServiceNames() const;
    /// \return the service catalog of the source.
    Ptr<ServiceCatalog> GetServiceCatalog() const;
    /// \return the number of intervals.
    uint64_t GetNIntervals() const;
    /// \return intervals per day.
    uint32_t GetIntervalsPerDay() const;
    /// \return the nodes' positions (metres).
    const std::vector<Vector>& GetNodePositions() const;
    /// \return days in the training, validation and test periods.
    uint32_t GetTrainDays() const;
    /// \copydoc GetTrainDays
    uint32_t GetValidationDays() const;
    /// \copydoc GetTrainDays
    uint32_t GetTestDays() const;

    /**
     * \param interval an interval index.
     * \return its aggregate snapshot, one value per node.
     */
    const float* Aggregate(uint64_t interval) const;

    /**
     * \param interval an interval index.
     * \return its per-service demand, service-major (services x nodes).
     */
    const float* Truth(uint64_t interval) const;

    /**
     * \param interval an interval index.
     * \return its day type.
     */
    DayType GetDayType(uint64_t interval) const;

    /**
     * \param interval an interval index.
     * \return its index within the day.
     */
    uint32_t GetIntervalOfDay(uint64_t interval) const;

    /**
     * \param interval an interval index.
     * \return its day.
     */
    uint64_t GetDay(uint64_t interval) const;

    /// \return the sample (target interval) indices of the training split.
    const std::vector<uint64_t>& GetTrain() const;
    /// \return the sample indices of the validation split.
    const std::vector<uint64_t>& GetValidation() const;
    /// \return the sample indices of the test split.
    const std::vector<uint64_t>& GetTest() const;

    /// \return the mean node aggregate over the training intervals (Mbps), the normalisation.
    double GetTrainingMeanAggregate() const;

private:
    NetworkLevel m_level;               //!< level
    Time m_interval;                    //!< management interval
    uint32_t m_history;                 //!< T
    uint32_t m_nNodes;                  //!< nodes
    uint32_t m_nServices;               //!< services
    std::vector<std::string> m_names;   //!< service names
    Ptr<ServiceCatalog> m_catalog;      //!< services
    uint32_t m_intervalsPerDay;         //!< intervals per day
    std::vector<Vector> m_positions;    //!< node positions
    std::vector<float> m_aggregate;     //!< intervals x nodes
    std::vector<float> m_truth;         //!< intervals x services x nodes
    std::vector<DayType> m_dayTypes;    //!< per interval
    std::vector<uint64_t> m_train;      //!< training samples
    std::vector<uint64_t> m_validation; //!< validation samples
    std::vector<uint64_t> m_test;       //!< test samples
    uint32_t m_trainDays;               //!< training days
    uint32_t m_validationDays;          //!< validation days
    uint32_t m_testDays;                //!< test days
    double m_meanAggregate;             //!< training mean node aggregate
};

} // namespace ns3

#endif /* MICROSCOPE_MTD_DATASET_H */
