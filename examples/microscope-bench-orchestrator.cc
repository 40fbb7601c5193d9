/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Benchmark of the slot orchestrator: the paper-sized run (792 antennas, 9 services, 85 days
 * of 5-minute slots = 24,480 slots) with the historical decomposer at all four levels, on a
 * cheap built-in traffic source, so that the pipeline's own cost per slot can be read off.
 * The source alone is timed first and subtracted.
 *
 *   ./microscope bench microscope-bench-orchestrator
 *   build/examples/microscope-bench-orchestrator --days=10 --oracle=true
 */

#include "ns3/command-line.h"
#include "ns3/core-module.h"
#include "ns3/cost-accountant.h"
#include "ns3/historical-decomposer.h"
#include "ns3/input-error.h"
#include "ns3/network-topology.h"
#include "ns3/oracle-decomposer.h"
#include "ns3/scenario-flags.h"
#include "ns3/service-catalog.h"
#include "ns3/slot-orchestrator.h"
#include "ns3/traffic-calendar.h"
#include "ns3/traffic-source.h"

#include <chrono>
#include <cmath>
#include <iostream>

using namespace ns3;

namespace
{

/**
 * A cheap synthetic source for the benchmark: per-antenna level times the catalog's share and
 * hourly profile of each service, times i.i.d. noise from a counter-based hash.
 */
class BenchTrafficSource : public TrafficSource
{
public:
    /**
     * \param nAntennas antennas.
     * \param nDays days of 5-minute slots.
     */
    BenchTrafficSource(uint32_t nAntennas, uint32_t nDays)
        : m_catalog(ServiceCatalog::CreateDefault()),
          m_calendar(CreateObject<TrafficCalendar>()),
          m_nAntennas(nAntennas),
          m_nSlots(static_cast<uint64_t>(nDays) * 288)
    {
        for (uint32_t a = 0; a < nAntennas; ++a)
        {
            m_level.push_back(0.5 + 3.0 * Hash(a) / static_cast<double>(UINT64_MAX));
        }
        const uint32_t nServices = m_catalog->GetN();
        m_profile.resize(2 * 288 * nServices);
        for (uint32_t t = 0; t < 2; ++t)
        {
            for (uint32_t k = 0; k < 288; ++k)
            {
                for (uint32_t s = 0; s < nServices; ++s)
                {
                    m_profile[(t * 288 + k) * nServices + s] =
                        m_catalog->Get(s).share *
                        m_catalog->GetActivity(s,
                                               t ? DayType::HOLIDAY : DayType::WORKDAY,
                                               k / 12.0);
                }
            }
        }
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
        const uint32_t nServices = m_catalog->GetN();
        if (demand.GetNServices() != nServices || demand.GetNNodes() != m_nAntennas)
        {
            demand.Resize(nServices, m_nAntennas);
        }
        const uint32_t type = m_calendar->GetDayType(slot / 288) == DayType::HOLIDAY ? 1 : 0;
        const double* profile = m_profile.data() + (type * 288 + slot % 288) * nServices;
        double* out = demand.Data();
        for (uint32_t s = 0; s < nServices; ++s)
        {
            const double p = profile[s];
            for (uint32_t a = 0; a < m_nAntennas; ++a)
            {
                const uint64_t h = Hash((slot * 16 + s) * 4096 + a);
                const double noise = 0.7 + 0.6 * static_cast<double>(h >> 11) * 0x1.0p-53;
                out[static_cast<size_t>(s) * m_nAntennas + a] = 2.0 * m_level[a] * p * noise;
            }
        }
    }

private:
    /**
     * \param x a counter.
     * \return SplitMix64 of it.
     */
    static uint64_t Hash(uint64_t x)
    {
        x += 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    }

    Ptr<ServiceCatalog> m_catalog;   //!< services
    Ptr<TrafficCalendar> m_calendar; //!< calendar
    uint32_t m_nAntennas;            //!< antennas
    uint64_t m_nSlots;               //!< slots
    std::vector<double> m_level;     //!< per-antenna level
    std::vector<double> m_profile;   //!< [day type][slot of day][service]
};

/**
 * \param nAntennas antennas on a grid.
 * \return a topology with block partitions of 50 MEC, 30 C-RAN and 10 core nodes.
 */
Ptr<NetworkTopology>
MakeBenchTopology(uint32_t nAntennas)
{
    auto topology = CreateObject<NetworkTopology>();
    std::vector<Vector> positions;
    const uint32_t cols = static_cast<uint32_t>(std::ceil(std::sqrt(nAntennas)));
    for (uint32_t a = 0; a < nAntennas; ++a)
    {
        positions.emplace_back(300.0 * (a % cols), 300.0 * (a / cols), 0.0);
    }
    topology->SetAntennas(positions, {}, NodeContainer());
    const std::pair<NetworkLevel, uint32_t> levels[] = {{NetworkLevel::MEC, 50},
                                                        {NetworkLevel::CRAN, 30},
                                                        {NetworkLevel::CORE, 10}};
    for (const auto& [level, k] : levels)
    {
        const uint32_t nodes = std::min(k, nAntennas);
        std::vector<uint32_t> assignment(nAntennas);
        std::vector<Vector> centres(nodes, Vector(0, 0, 0));
        std::vector<uint32_t> counts(nodes, 0);
        for (uint32_t a = 0; a < nAntennas; ++a)
        {
            assignment[a] = static_cast<uint32_t>(static_cast<uint64_t>(a) * nodes / nAntennas);
            centres[assignment[a]].x += positions[a].x;
            centres[assignment[a]].y += positions[a].y;
            ++counts[assignment[a]];
        }
        for (uint32_t n = 0; n < nodes; ++n)
        {
            centres[n].x /= counts[n];
            centres[n].y /= counts[n];
        }
        topology->SetLevel(level, assignment, centres, NodeContainer());
    }
    return topology;
}

} // namespace

int
main(int argc, char** argv)
{
    uint32_t antennas = 792;
    uint32_t days = 85;
    bool oracle = false;
    uint32_t antennaMin = 5;
    uint32_t mecMin = 5;
    uint32_t cranMin = 5;
    uint32_t coreMin = 5;
    std::string outputDir;
    bool slotsCsv = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("antennas", "Number of antennas", antennas);
    cmd.AddValue("days", "Days of 5-minute slots", days);
    cmd.AddValue("oracle", "Add an oracle lane", oracle);
    cmd.AddValue("antennaMin", "Antenna management interval (min)", antennaMin);
    cmd.AddValue("mecMin", "MEC management interval (min)", mecMin);
    cmd.AddValue("cranMin", "C-RAN management interval (min)", cranMin);
    cmd.AddValue("coreMin", "Core management interval (min)", coreMin);
    cmd.AddValue("outputDir", "Write summary.json and node_costs.csv there", outputDir);
    cmd.AddValue("slotsCsv", "Also write slots.csv into outputDir", slotsCsv);
    ScenarioFlags::AddLoggingFlag(cmd); // --logging: the module's log messages
    cmd.Parse(argc, argv);

    try
    {
        using Clock = std::chrono::steady_clock;
        // 1. The source alone.
        auto probe = CreateObject<BenchTrafficSource>(antennas, days);
        DemandMatrix demand;
        const auto t0 = Clock::now();
        for (uint64_t slot = 0; slot < probe->GetNSlots(); ++slot)
        {
            probe->GetDemand(slot, demand);
        }
        const double sourceSeconds = std::chrono::duration<double>(Clock::now() - t0).count();

        // 2. The whole pipeline.
        const auto t1 = Clock::now();
        auto source = CreateObject<BenchTrafficSource>(antennas, days);
        auto orchestrator = CreateObject<SlotOrchestrator>();
        orchestrator->SetTrafficSource(source);
        orchestrator->SetTopology(MakeBenchTopology(antennas));
        orchestrator->SetAttribute("AntennaInterval", TimeValue(Minutes(antennaMin)));
        orchestrator->SetAttribute("MecInterval", TimeValue(Minutes(mecMin)));
        orchestrator->SetAttribute("CranInterval", TimeValue(Minutes(cranMin)));
        orchestrator->SetAttribute("CoreInterval", TimeValue(Minutes(coreMin)));
        for (auto level : ALL_NETWORK_LEVELS)
        {
            orchestrator->AddLane("historical", level, CreateObject<HistoricalDecomposer>());
            if (oracle)
            {
                orchestrator->AddLane("oracle", level, CreateObject<OracleDecomposer>());
            }
        }
        if (!outputDir.empty() && slotsCsv)
        {
            orchestrator->EnablePerSlotOutput(outputDir + "/slots.csv");
        }
        orchestrator->Start();
        Simulator::Run();
        Simulator::Destroy();
        const double totalSeconds = std::chrono::duration<double>(Clock::now() - t1).count();
        if (!outputDir.empty())
        {
            orchestrator->GetCostAccountant()->SetParameter("antennas", int64_t(antennas));
            orchestrator->GetCostAccountant()->SetParameter("days", int64_t(days));
            orchestrator->WriteResults(outputDir);
        }

        const double slots = static_cast<double>(source->GetNSlots());
        std::cout << "microscope-bench-orchestrator: " << antennas << " antennas x "
                  << source->GetServiceCatalog()->GetN() << " services x " << slots
                  << " slots, historical" << (oracle ? " + oracle" : "")
                  << " lanes at 4 levels (intervals " << antennaMin << "/" << mecMin << "/"
                  << cranMin << "/" << coreMin << " min)\n"
                  << "  traffic source alone : " << sourceSeconds << " s ("
                  << 1e3 * sourceSeconds / slots << " ms/slot)\n"
                  << "  whole run            : " << totalSeconds << " s ("
                  << 1e3 * totalSeconds / slots << " ms/slot)\n"
                  << "  pipeline (difference): " << totalSeconds - sourceSeconds << " s ("
                  << 1e3 * (totalSeconds - sourceSeconds) / slots << " ms/slot)\n";
        orchestrator->GetCostAccountant()->PrintCostTables(std::cout);
        orchestrator->Dispose();
    }
    catch (const InputError& e)
    {
        std::cerr << "error: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
