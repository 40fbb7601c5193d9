/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Small deterministic building blocks shared by the orchestrator, oracle, historical and cost
 * test suites: a traffic source driven by a function, a hand-made topology and decomposers
 * that record or misbehave.
 */

#ifndef MICROSCOPE_ORCHESTRATOR_TEST_UTILS_H
#define MICROSCOPE_ORCHESTRATOR_TEST_UTILS_H

#include "microscope-test-files.h"

#include "ns3/callback.h"
#include "ns3/decomposer.h"
#include "ns3/demand-matrix.h"
#include "ns3/input-error.h"
#include "ns3/network-topology.h"
#include "ns3/service-catalog.h"
#include "ns3/traffic-calendar.h"
#include "ns3/traffic-source.h"

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace ns3
{
namespace microscope_test
{

/// A sink of SlotOrchestrator's Estimate trace (lane, level, interval, truth, estimate).
using EstimateSink = Callback<void,
                              const std::string&,
                              NetworkLevel,
                              uint64_t,
                              const DemandMatrix&,
                              const DemandMatrix&>;

/**
 * \param x any integer.
 * \return a deterministic pseudo-random number in [0, 1) (SplitMix64 finaliser).
 */
inline double
Hash01(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    x = x ^ (x >> 31);
    return static_cast<double>(x >> 11) / static_cast<double>(1ULL << 53);
}

/**
 * \param nServices number of services.
 * \return a catalog of services "s0", "s1", ... with shares proportional to 1, 2, 3, ...
 */
inline Ptr<ServiceCatalog>
MakeCatalog(uint32_t nServices)
{
    std::vector<ServiceDescriptor> services;
    for (uint32_t s = 0; s < nServices; ++s)
    {
        ServiceDescriptor d;
        d.name = "s" + std::to_string(s);
        d.category = "web";
        d.share = s + 1.0;
        d.slice = "embb";
        d.qci = 9;
        d.workdayProfile.fill(1.0);
        d.holidayProfile.fill(1.0);
        services.push_back(d);
    }
    auto catalog = CreateObject<ServiceCatalog>();
    catalog->SetServices(services);
    return catalog;
}

/**
 * \ingroup microscope-tests
 * A traffic source whose demand is a function of (slot, service, antenna); it can be told to
 * throw at one slot, to test runs that fail part-way.
 */
class FunctionTrafficSource : public TrafficSource
{
public:
    /// Demand in Mbps of (slot, service, antenna).
    using DemandFunction = std::function<double(uint64_t, uint32_t, uint32_t)>;

    /**
     * \param nServices services.
     * \param nAntennas antennas.
     * \param nSlots slots.
     * \param slot slot duration.
     * \param demand the demand function.
     */
    FunctionTrafficSource(uint32_t nServices,
                          uint32_t nAntennas,
                          uint64_t nSlots,
                          Time slot,
                          DemandFunction demand)
        : m_catalog(MakeCatalog(nServices)),
          m_calendar(CreateObject<TrafficCalendar>()),
          m_nAntennas(nAntennas),
          m_nSlots(nSlots),
          m_demand(demand),
          m_throwAt(std::numeric_limits<uint64_t>::max())
    {
        m_calendar->SetSlotDuration(slot);
    }

    Ptr<ServiceCatalog> GetServiceCatalog() const override
    {
        return m_catalog;
    }

    Ptr<TrafficCalendar> GetCalendar() const override
    {
        return m_calendar;
    }

    uint32_t GetNAntennas() const override
    {
        return m_nAntennas;
    }

    uint64_t GetNSlots() const override
    {
        return m_nSlots;
    }

    void GetDemand(uint64_t slot, DemandMatrix& demand) override
    {
        if (slot == m_throwAt)
        {
            throw InputError("test source: failing at slot " + std::to_string(slot));
        }
        const uint32_t nServices = m_catalog->GetN();
        if (demand.GetNServices() != nServices || demand.GetNNodes() != m_nAntennas)
        {
            demand.Resize(nServices, m_nAntennas);
        }
        for (uint32_t s = 0; s < nServices; ++s)
        {
            for (uint32_t a = 0; a < m_nAntennas; ++a)
            {
                demand(s, a) = m_demand(slot, s, a);
            }
        }
    }

    /// \param slot the slot at which GetDemand() throws an InputError.
    void ThrowAt(uint64_t slot)
    {
        m_throwAt = slot;
    }

private:
    Ptr<ServiceCatalog> m_catalog;   //!< services
    Ptr<TrafficCalendar> m_calendar; //!< calendar
    uint32_t m_nAntennas;            //!< antennas
    uint64_t m_nSlots;               //!< slots
    DemandFunction m_demand;         //!< demand function
    uint64_t m_throwAt;              //!< failing slot
};

/**
 * A topology of antennas on a line, with datacenter levels given by their assignments.
 * \param nAntennas antennas.
 * \param mec MEC assignment (empty: no MEC level).
 * \param cran C-RAN assignment (empty: none).
 * \param core core assignment (empty: none).
 * \return the topology.
 */
inline Ptr<NetworkTopology>
MakeTopology(uint32_t nAntennas,
             const std::vector<uint32_t>& mec,
             const std::vector<uint32_t>& cran,
             const std::vector<uint32_t>& core)
{
    auto topology = CreateObject<NetworkTopology>();
    std::vector<Vector> positions;
    for (uint32_t a = 0; a < nAntennas; ++a)
    {
        positions.emplace_back(100.0 * a, 50.0 * (a % 3), 0.0);
    }
    topology->SetAntennas(positions, {}, NodeContainer());
    const std::vector<std::pair<NetworkLevel, const std::vector<uint32_t>*>> levels = {
        {NetworkLevel::MEC, &mec},
        {NetworkLevel::CRAN, &cran},
        {NetworkLevel::CORE, &core}};
    for (const auto& [level, assignment] : levels)
    {
        if (assignment->empty())
        {
            continue;
        }
        uint32_t nNodes = 0;
        for (auto n : *assignment)
        {
            nNodes = std::max(nNodes, n + 1);
        }
        std::vector<Vector> nodes;
        for (uint32_t n = 0; n < nNodes; ++n)
        {
            nodes.emplace_back(1000.0 * n, 0.0, 0.0);
        }
        topology->SetLevel(level, *assignment, nodes, NodeContainer());
    }
    return topology;
}

/**
 * \ingroup microscope-tests
 * Records every call and its context; decomposes with equal shares, or misbehaves on demand.
 */
class RecordingDecomposer : public Decomposer
{
public:
    /// What Decompose() returns.
    enum class Mode
    {
        EQUAL,      //!< equal shares of the aggregate (feasible)
        UNBALANCED, //!< equal shares times 1.5, with one negative entry (needs repair)
        NOT_FINITE, //!< a NaN entry
    };

    /// One call.
    struct Call
    {
        bool train;                         //!< Train() (else Decompose())
        DecompositionContext context;       //!< its context (truth pointer not kept)
        std::vector<double> newest;         //!< history.Newest()
        uint32_t historySize;               //!< history.GetSize()
        std::vector<double> oldest;         //!< history.Get(0)
        std::vector<double> truthAggregate; //!< per-node sum of the truth, if given
    };

    /// \param mode what Decompose() returns.
    explicit RecordingDecomposer(Mode mode = Mode::EQUAL)
        : m_mode(mode),
          m_endTrainingCalls(0),
          m_endTrainingAfter(0)
    {
    }

    void Train(const DecompositionContext& context,
               const AggregateHistory& history,
               const DemandMatrix& truth) override
    {
        Record(true, context, history, &truth);
    }

    void EndTraining() override
    {
        ++m_endTrainingCalls;
        m_endTrainingAfter = m_calls.size();
    }

    void Decompose(const DecompositionContext& context,
                   const AggregateHistory& history,
                   DemandMatrix& estimate) override
    {
        Record(false, context, history, context.truth);
        const auto& setup = GetSetup();
        estimate.Resize(setup.nServices, setup.nNodes);
        const auto& agg = history.Newest();
        for (uint32_t s = 0; s < setup.nServices; ++s)
        {
            for (uint32_t n = 0; n < setup.nNodes; ++n)
            {
                estimate(s, n) = agg[n] / setup.nServices;
            }
        }
        if (m_mode == Mode::UNBALANCED)
        {
            estimate *= 1.5;
            estimate(0, 0) = -1.0;
        }
        else if (m_mode == Mode::NOT_FINITE)
        {
            estimate(0, 0) = std::nan("");
        }
    }

    std::string GetName() const override
    {
        return "recording";
    }

    /// \return the calls so far.
    const std::vector<Call>& GetCalls() const
    {
        return m_calls;
    }

    /// \return how often EndTraining() was called.
    uint32_t GetEndTrainingCalls() const
    {
        return m_endTrainingCalls;
    }

    /// \return the number of calls recorded before EndTraining().
    size_t GetEndTrainingAfter() const
    {
        return m_endTrainingAfter;
    }

private:
    /**
     * \param train Train() or Decompose().
     * \param context the context.
     * \param history the history.
     * \param truth the truth, or null.
     */
    void Record(bool train,
                const DecompositionContext& context,
                const AggregateHistory& history,
                const DemandMatrix* truth)
    {
        Call c;
        c.train = train;
        c.context = context;
        c.context.truth = nullptr;
        c.newest = history.Newest();
        c.historySize = history.GetSize();
        c.oldest = history.Get(0);
        if (truth)
        {
            c.truthAggregate = truth->Aggregate();
        }
        m_calls.push_back(c);
    }

    Mode m_mode;                 //!< behaviour
    std::vector<Call> m_calls;   //!< calls
    uint32_t m_endTrainingCalls; //!< EndTraining() calls
    size_t m_endTrainingAfter;   //!< calls before EndTraining()
};

} // namespace microscope_test
} // namespace ns3

#endif /* MICROSCOPE_ORCHESTRATOR_TEST_UTILS_H */
