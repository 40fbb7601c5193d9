/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_HISTORICAL_SHARE_TABLE_H
#define MICROSCOPE_HISTORICAL_SHARE_TABLE_H

#include "demand-matrix.h"
#include "traffic-calendar.h"

#include "ns3/object.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The training volumes and the learnt shares of the "historical" decomposer, for one
 * network level: the table that HistoricalDecomposer (and every decomposer built on it: the
 * historical-tuned lane, the historical prior of a neural or cost-aware lane, the forecast
 * lane's shares) fills during training and reads afterwards.
 *
 * For every (day type, interval of the day) bin, service s and node n, training adds the true
 * demand `max(d_s,n, 0)` to the bin's volume and to the node's volume over all its training
 * intervals. Finish() turns the volumes into shares: `r(s) = V_s / sum_s' V_s'`, pooling the
 * w bins before and after (circularly, same day type) with SmoothingWindow w, and falling back
 * to the node's overall shares for a bin without training traffic, and to the catalog's for a
 * node without any.
 *
 * Several decomposers of one run and level see the same training intervals with the same
 * true demand, in the same order: the orchestrator gives every lane of a level the same
 * interval. They can therefore share one table (see DecomposerSetup::sharedState): each
 * sharer counts its own training intervals, and the table adds an interval only the first
 * time one of them brings it (its k-th interval when the table holds k - 1), so the volumes
 * are those of one decomposer, added in the same order, and the shares bit-identical to an
 * unshared table's. A sharer whose k-th interval is not the table's k-th is a programming
 * error and aborts.
 */
class HistoricalShareTable : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    HistoricalShareTable();
    ~HistoricalShareTable() override;

    /**
     * Size the table and clear it.
     * \param nServices services.
     * \param nNodes nodes of the level.
     * \param intervalsPerDay bins per day type.
     * \param smoothing the pooling window w, already capped.
     */
    void Allocate(uint32_t nServices,
                  uint32_t nNodes,
                  uint32_t intervalsPerDay,
                  uint32_t smoothing);

    /**
     * The key under which decomposers of a run share a table of this shape.
     * \param level the level's name.
     * \param nServices services.
     * \param nNodes nodes.
     * \param intervalsPerDay bins per day type.
     * \param smoothing the capped pooling window.
     * \return the key.
     */
    static std::string Key(const std::string& level,
                           uint32_t nServices,
                           uint32_t nNodes,
                           uint32_t intervalsPerDay,
                           uint32_t smoothing);

    /**
     * Add a training interval, unless a sharer already added it.
     * \param ordinal the caller's count of training intervals, this one included (1 for its
     *        first).
     * \param interval the interval's index since the start.
     * \param dayType its day type.
     * \param intervalOfDay its interval of the day.
     * \param truth the true per-service demand.
     */
    void Add(uint64_t ordinal,
             uint64_t interval,
             DayType dayType,
             uint32_t intervalOfDay,
             const DemandMatrix& truth);

    /**
     * Turn the volumes into shares (once: later calls return at once) and release the volumes.
     * \param catalogShares the catalog's shares, normalised, one per service.
     */
    void Finish(const std::vector<double>& catalogShares);

    /// \return whether Finish() ran.
    bool IsFinished() const;

    /// \return the training intervals added.
    uint64_t GetNIntervals() const;

    /// \return the (node, bin) pairs on the node's overall shares (after Finish()).
    uint64_t GetNNodeFallbacks() const;

    /// \return the (node, bin) pairs on the catalog's shares (after Finish()).
    uint64_t GetNCatalogFallbacks() const;

    /**
     * \param dayType a day type.
     * \param intervalOfDay an interval of the day.
     * \return the bin's shares, [service][node] (after Finish()).
     */
    const double* GetShares(DayType dayType, uint32_t intervalOfDay) const;

protected:
    void DoDispose() override;

private:
    /**
     * \param dayType a day type.
     * \param intervalOfDay an interval of the day.
     * \return the bin's offset in m_sums / m_shares.
     */
    size_t BinOffset(DayType dayType, uint32_t intervalOfDay) const;

    uint32_t m_nServices{0};        //!< services
    uint32_t m_nNodes{0};           //!< nodes
    uint32_t m_intervalsPerDay{0};  //!< bins per day type
    uint32_t m_smoothing{0};        //!< capped pooling window
    std::vector<double> m_sums;     //!< [dayType][interval][service][node] training volumes
    std::vector<double> m_shares;   //!< same layout, shares after Finish()
    std::vector<double> m_nodeSums; //!< [service][node] volumes over all training intervals
    std::vector<uint64_t> m_added;  //!< index of each interval added, in order
    uint64_t m_nodeFallbacks{0};    //!< (node, bin) pairs on the node's overall shares
    uint64_t m_catalogFallbacks{0}; //!< (node, bin) pairs on the catalog shares
    bool m_finished{false};         //!< Finish() ran
};

} // namespace ns3

#endif /* MICROSCOPE_HISTORICAL_SHARE_TABLE_H */
