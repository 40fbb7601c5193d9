/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_AGGREGATE_HISTORY_H
#define MICROSCOPE_AGGREGATE_HISTORY_H

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The last T aggregate snapshots `D(t-T+1) .. D(t)` of one network level: what a
 * decomposer sees (Microscope paper, Sec. 2.1). Each snapshot holds one aggregate demand (Mbps)
 * per node.
 */
class AggregateHistory
{
public:
    AggregateHistory();

    /**
     * Empty the history and set its shape.
     * \param length T, the number of snapshots kept.
     * \param nNodes the number of nodes per snapshot.
     */
    void Reset(uint32_t length, uint32_t nNodes);

    /**
     * Append the newest snapshot, dropping the oldest when T are held.
     * \param snapshot one value per node.
     */
    void Push(const std::vector<double>& snapshot);

    /// \return T, the number of snapshots the history keeps.
    uint32_t GetLength() const;

    /// \return the number of snapshots held so far (at most T).
    uint32_t GetSize() const;

    /// \return the number of nodes per snapshot.
    uint32_t GetNNodes() const;

    /// \return true once T snapshots are held.
    bool IsFull() const;

    /**
     * \param k 0 for the oldest snapshot held, GetSize()-1 for the newest.
     * \return the snapshot.
     */
    const std::vector<double>& Get(uint32_t k) const;

    /// \return the newest snapshot, `D(t)`.
    const std::vector<double>& Newest() const;

    /**
     * Copy the window, oldest first, as T x nodes values. While fewer than T snapshots are
     * held, the oldest one is repeated at the start.
     * \param out T * nodes values.
     */
    void CopyTo(float* out) const;

private:
    uint32_t m_length;                       //!< T
    uint32_t m_nNodes;                       //!< nodes per snapshot
    uint32_t m_start;                        //!< ring index of the oldest snapshot
    uint32_t m_size;                         //!< snapshots held
    std::vector<std::vector<double>> m_ring; //!< ring buffer
};

} // namespace ns3

#endif /* MICROSCOPE_AGGREGATE_HISTORY_H */
