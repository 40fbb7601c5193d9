/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "zone-planner.h"

#include "atomic-file-writer.h"
#include "input-error.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/uinteger.h"

#include <filesystem>
#include <iomanip>
#include <memory>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ZonePlanner");

NS_OBJECT_ENSURE_REGISTERED(ZonePlanner);

TypeId
ZonePlanner::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ZonePlanner")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<ZonePlanner>()
            .AddAttribute("Zones",
                          "Number of zones k; 0 chooses k by the elbow rule of KMeansZoning.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&ZonePlanner::m_zones),
                          MakeUintegerChecker<uint32_t>(0, 100000))
            .AddAttribute("KMeans",
                          "The K-means zoning object.",
                          PointerValue(),
                          MakePointerAccessor(&ZonePlanner::m_kmeans),
                          MakePointerChecker<KMeansZoning>())
            .AddAttribute("Placement",
                          "The Weiszfeld placement object.",
                          PointerValue(),
                          MakePointerAccessor(&ZonePlanner::m_placement),
                          MakePointerChecker<WeiszfeldPlacement>())
            .AddAttribute("Profiler",
                          "The hourly profile builder.",
                          PointerValue(),
                          MakePointerAccessor(&ZonePlanner::m_profiler),
                          MakePointerChecker<ZoneProfiler>())
            .AddAttribute("Dimensioning",
                          "The datacenter dimensioning object.",
                          PointerValue(),
                          MakePointerAccessor(&ZonePlanner::m_dimensioning),
                          MakePointerChecker<DatacenterDimensioning>());
    return tid;
}

ZonePlanner::ZonePlanner()
    : m_zones(0)
{
    NS_LOG_FUNCTION(this);
    m_kmeans = CreateObject<KMeansZoning>();
    m_placement = CreateObject<WeiszfeldPlacement>();
    m_profiler = CreateObject<ZoneProfiler>();
    m_dimensioning = CreateObject<DatacenterDimensioning>();
}

ZonePlanner::~ZonePlanner()
{
    NS_LOG_FUNCTION(this);
}

Ptr<KMeansZoning>
ZonePlanner::GetKMeans() const
{
    return m_kmeans;
}

Ptr<WeiszfeldPlacement>
ZonePlanner::GetPlacement() const
{
    return m_placement;
}

Ptr<ZoneProfiler>
ZonePlanner::GetProfiler() const
{
    return m_profiler;
}

Ptr<DatacenterDimensioning>
ZonePlanner::GetDimensioning() const
{
    return m_dimensioning;
}

int64_t
ZonePlanner::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    return m_kmeans->AssignStreams(stream);
}

ZonePlan
ZonePlanner::Plan(const HourlyVolume& stations)
{
    NS_LOG_FUNCTION(this << stations.GetNNodes());
    if (stations.GetNNodes() == 0)
    {
        throw InputError("ZonePlanner: no station");
    }
    if (stations.GetNDays() == 0)
    {
        throw InputError("ZonePlanner: no day of traffic");
    }
    stations.Validate("station volumes");
    const auto& positions = stations.GetPositions();
    ZonePlan plan;
    plan.elbow = m_kmeans->ComputeElbowCurve(positions);
    if (m_zones == 0)
    {
        plan.autoK = true;
        DoubleValue threshold;
        m_kmeans->GetAttribute("ElbowThreshold", threshold);
        plan.zones =
            m_kmeans->Cluster(positions, KMeansZoning::ChooseElbow(plan.elbow, threshold.Get()));
    }
    else
    {
        plan.zones = m_kmeans->Cluster(positions, m_zones);
    }
    const uint32_t k = plan.zones.k;
    NS_LOG_INFO(k << " zones for " << stations.GetNNodes() << " stations");

    const std::vector<double> totals = stations.GetNodeTotals();
    plan.zoneVolume = stations.Aggregate(plan.zones.assignment, k);
    for (uint32_t z = 0; z < k; ++z)
    {
        std::vector<Vector> members;
        std::vector<double> volumes;
        Datacenter dc;
        dc.zone = z;
        for (uint32_t s = 0; s < stations.GetNNodes(); ++s)
        {
            if (plan.zones.assignment[s] == z)
            {
                members.push_back(positions[s]);
                volumes.push_back(totals[s]);
                dc.totalMb += totals[s];
            }
        }
        dc.stations = static_cast<uint32_t>(members.size());
        if (!members.empty())
        {
            dc.placement = m_placement->Place(members, WeiszfeldPlacement::VolumeWeights(volumes));
            dc.position = dc.placement.position;
        }
        plan.datacenters.push_back(dc);
    }
    std::vector<Vector> dcPositions;
    for (const auto& dc : plan.datacenters)
    {
        dcPositions.push_back(dc.position);
    }
    plan.zoneVolume.SetPositions(dcPositions);
    plan.profiles = m_profiler->Compute(plan.zoneVolume);
    for (const auto& profile : plan.profiles)
    {
        plan.peaks.push_back(DatacenterDimensioning::SelectPeakHour(profile));
        plan.dimensioning.push_back(m_dimensioning->Dimension(plan.peaks.back()));
    }
    return plan;
}

void
ZonePlanner::WriteOutputs(const std::string& dir,
                          const HourlyVolume& stations,
                          const ZonePlan& plan,
                          const std::string& forecastJson)
{
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir))
    {
        throw InputError::InFile(dir, "cannot create the output directory");
    }
    auto path = [&dir](const std::string& name) { return dir + "/" + name; };
    std::vector<std::unique_ptr<AtomicFileWriter>> writers;
    auto open = [&](const std::string& name) -> std::ofstream&
    {
        writers.push_back(std::make_unique<AtomicFileWriter>(path(name)));
        return writers.back()->Stream();
    };

    auto& zones = open("zones.csv");
    zones << "station,x_m,y_m,zone\n" << std::fixed << std::setprecision(2);
    for (uint32_t s = 0; s < stations.GetNNodes(); ++s)
    {
        const auto& p = stations.GetPositions()[s];
        zones << s << ',' << p.x << ',' << p.y << ',' << plan.zones.assignment.at(s) << '\n';
    }

    auto& dcs = open("datacenters.csv");
    dcs << "zone,x_m,y_m,stations,total_mb\n" << std::fixed << std::setprecision(2);
    for (const auto& dc : plan.datacenters)
    {
        dcs << dc.zone << ',' << dc.position.x << ',' << dc.position.y << ',' << dc.stations << ','
            << dc.totalMb << '\n';
    }

    ZoneProfiler::WriteCsv(open("profiles.csv"), plan.profiles);
    DatacenterDimensioning::WriteCsv(open("dimensioning.csv"), plan.dimensioning);
    KMeansZoning::WriteElbowCsv(open("elbow.csv"), plan.elbow);
    if (!forecastJson.empty())
    {
        open("forecast.json") << forecastJson;
    }
    for (auto& w : writers)
    {
        w->Commit();
    }
}

} // namespace ns3
