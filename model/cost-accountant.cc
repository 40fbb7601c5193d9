/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cost-accountant.h"

#include "atomic-file-writer.h"
#include "input-error.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"

#include <Eigen/Core>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CostAccountant");

NS_OBJECT_ENSURE_REGISTERED(CostAccountant);

namespace
{

/// Megabits per megabyte.
constexpr double MBIT_PER_MBYTE = 8.0;
/// Ranges at or below this (Mbps) make a series "constant" for NMAE.
constexpr double NMAE_MIN_RANGE = 1e-12;

/**
 * \param buffer where the text goes (at least 32 characters).
 * \param value the number.
 * \return one past the last character written.
 */
char*
WriteNumber(char* buffer, double value)
{
    if (std::isnan(value))
    {
        std::memcpy(buffer, "nan", 3);
        return buffer + 3;
    }
    if (value == 0.0)
    {
        value = 0.0; // no "-0"
    }
    auto result = std::to_chars(buffer, buffer + 32, value, std::chars_format::general, 10);
    return result.ptr;
}

/**
 * \param buffer where the text goes.
 * \param value an integer.
 * \return one past the last character written.
 */
char*
WriteInteger(char* buffer, uint64_t value)
{
    return std::to_chars(buffer, buffer + 24, value).ptr;
}

/**
 * \param value a number.
 * \return it, or null when it is not finite (JSON has no NaN).
 */
nlohmann::ordered_json
JsonNumber(double value)
{
    if (!std::isfinite(value))
    {
        return nullptr;
    }
    return value == 0.0 ? 0.0 : value;
}

/**
 * \param part a quantity.
 * \param whole the reference.
 * \return 100 * part / whole, NaN if whole is not positive.
 */
double
Percent(double part, double whole)
{
    return whole > 0.0 ? 100.0 * part / whole : NAN;
}

/**
 * \param c a level's costs.
 * \return the level's object of summary.json.
 */
nlohmann::ordered_json
LevelJson(const LevelCosts& c)
{
    nlohmann::ordered_json j;
    j["nodes"] = c.nodes;
    j["interval_min"] = JsonNumber(c.intervalMin);
    j["evaluated_intervals"] = c.evaluatedIntervals;
    j["true_demand_MBps"] = JsonNumber(c.trueDemandMBps);
    j["sla_violation_MBps"] = JsonNumber(c.slaViolationMBps);
    j["sla_violation_pct"] = JsonNumber(c.slaViolationPct);
    j["overprovisioning_MBps"] = JsonNumber(c.overprovisioningMBps);
    j["overprovisioning_pct"] = JsonNumber(c.overprovisioningPct);
    j["total_cost_MBps"] = JsonNumber(c.totalCostMBps);
    j["total_cost_pct"] = JsonNumber(c.totalCostPct);
    j["sla_violations"] = c.violations;
    j["mae_mbps"] = JsonNumber(c.maeMbps);
    j["nmae_pct"] = JsonNumber(c.nmaePct);
    j["nmae_skipped_series"] = c.nmaeSkippedSeries;
    j["repaired_estimates"] = c.repairedNodes;
    if (c.level == NetworkLevel::ANTENNA)
    {
        j["extra_throughput_mbps_per_antenna"] = JsonNumber(c.extraThroughputMbpsPerAntenna);
        j["extra_prbs_per_antenna"] = JsonNumber(c.extraPrbsPerAntenna);
        j["extra_subcarriers_per_antenna"] = JsonNumber(c.extraSubcarriersPerAntenna);
        j["spectrum_cost_mhz_per_antenna"] = JsonNumber(c.spectrumCostMhzPerAntenna);
        j["spectrum_cost_mhz_mean_per_interval"] = JsonNumber(c.spectrumCostMhzMeanPerInterval);
        j["cpu_time_overhead_pct"] = JsonNumber(c.cpuTimeOverheadPct);
    }
    else
    {
        j["vnf_cores_allocated"] = JsonNumber(c.vnfCoresAllocated);
        j["vnf_cores_needed"] = JsonNumber(c.vnfCoresNeeded);
        j["vnf_cores_overprovisioned"] = JsonNumber(c.vnfCoresOverprovisioned);
        j["vnf_cores_shortfall"] = JsonNumber(c.vnfCoresShortfall);
        j["vnf_cores_overhead_pct"] = JsonNumber(c.vnfCoresOverheadPct);
    }
    nlohmann::ordered_json services = nlohmann::ordered_json::object();
    for (const auto& s : c.services)
    {
        nlohmann::ordered_json o;
        o["true_demand_MBps"] = JsonNumber(s.trueDemandMBps);
        o["sla_violation_MBps"] = JsonNumber(s.slaViolationMBps);
        o["sla_violation_pct"] = JsonNumber(s.slaViolationPct);
        o["overprovisioning_MBps"] = JsonNumber(s.overprovisioningMBps);
        o["overprovisioning_pct"] = JsonNumber(s.overprovisioningPct);
        services[s.name] = o;
    }
    j["services"] = services;
    return j;
}

/**
 * What one accounted interval charges, for the log: the (service, node) pairs whose allocation
 * x is below (1 - tolerance) of the truth d (each costs an SLA fee, Alpha times the pair's
 * peak, known at Finalize()) and the overprovisioning (x - d)+.
 * \param d truth, Mbps. \param x allocation, Mbps. \param n entries. \param keep 1 - tolerance.
 * \return the summary.
 */
std::string
DescribeInterval(const double* d, const double* x, size_t n, double keep)
{
    uint64_t violations = 0;
    double shortMbps = 0;
    double overMbps = 0;
    double trueMbps = 0;
    for (size_t i = 0; i < n; ++i)
    {
        const double diff = x[i] - d[i];
        trueMbps += d[i];
        overMbps += std::max(diff, 0.0);
        if (!(diff > 0.0) && x[i] < d[i] * keep)
        {
            ++violations;
            shortMbps -= diff;
        }
    }
    std::ostringstream out;
    out << violations << " of " << n << " (service, node) pairs violate (allocation short by "
        << shortMbps / MBIT_PER_MBYTE << " MB/s), overprovisioning " << overMbps / MBIT_PER_MBYTE
        << " MB/s, true demand " << trueMbps / MBIT_PER_MBYTE << " MB/s";
    return out.str();
}

/**
 * The violating pairs of one interval, for the log (the first few).
 * \param d truth, Mbps. \param x allocation, Mbps. \param services service names.
 * \param nNodes nodes. \param keep 1 - tolerance.
 * \return "node n service s: x < d Mbps; ...".
 */
std::string
ListViolations(const double* d,
               const double* x,
               const std::vector<std::string>& services,
               uint32_t nNodes,
               double keep)
{
    constexpr uint32_t MAX_LISTED = 20;
    std::ostringstream out;
    uint32_t listed = 0;
    uint64_t more = 0;
    for (uint32_t s = 0; s < services.size(); ++s)
    {
        for (uint32_t node = 0; node < nNodes; ++node)
        {
            const size_t i = static_cast<size_t>(s) * nNodes + node;
            if (!(x[i] - d[i] > 0.0) && x[i] < d[i] * keep)
            {
                if (listed < MAX_LISTED)
                {
                    out << (listed > 0 ? "; " : "") << "node " << node << ' ' << services[s]
                        << ": allocation " << x[i] << " < truth " << d[i] << " Mbps";
                    ++listed;
                }
                else
                {
                    ++more;
                }
            }
        }
    }
    if (listed == 0)
    {
        return "none";
    }
    if (more > 0)
    {
        out << "; and " << more << " more";
    }
    return out.str();
}

/**
 * The costs charged at one level over the evaluated intervals, for the log.
 * \param c the level's costs.
 * \return the summary.
 */
std::string
DescribeLevel(const LevelCosts& c)
{
    std::ostringstream out;
    out << c.evaluatedIntervals << " intervals, " << c.violations
        << " violations charged Alpha x peak: SLA violation " << c.slaViolationMBps
        << " MB/s, overprovisioning " << c.overprovisioningMBps << " MB/s, of " << c.trueDemandMBps
        << " MB/s true demand";
    return out.str();
}

} // namespace

TypeId
CostAccountant::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::CostAccountant")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<CostAccountant>()
            .AddAttribute("Alpha",
                          "SLA violation fee factor: an interval in which a slice's allocation "
                          "falls below its true demand costs Alpha times the peak true demand "
                          "of that (node, service) over the evaluated intervals. Default 1, as "
                          "in the Microscope paper (Sec. 7.1).",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&CostAccountant::m_alpha),
                          MakeDoubleChecker<double>(0.0, 1e6))
            .AddAttribute("ViolationTolerance",
                          "Relative tolerance of the SLA test: a violation is an allocation "
                          "below truth * (1 - ViolationTolerance), so that rounding never makes "
                          "the oracle violate.",
                          DoubleValue(1e-12),
                          MakeDoubleAccessor(&CostAccountant::m_tolerance),
                          MakeDoubleChecker<double>(0.0, 1e-3));
    return tid;
}

CostAccountant::CostAccountant()
    : m_alpha(1.0),
      m_tolerance(1e-12),
      m_spectrum(CreateObject<SpectrumAllocator>()),
      m_vnf(CreateObject<VnfAllocator>()),
      m_slotDuration(Minutes(5)),
      m_parameters(std::make_unique<nlohmann::ordered_json>(nlohmann::ordered_json::object())),
      m_run(std::make_unique<nlohmann::ordered_json>(nlohmann::ordered_json::object())),
      m_rowBuffer(512),
      m_finalized(false)
{
    NS_LOG_FUNCTION(this);
}

CostAccountant::~CostAccountant()
{
    NS_LOG_FUNCTION(this);
}

void
CostAccountant::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_slotsStream.reset();
    m_spectrum = nullptr;
    m_vnf = nullptr;
    Object::DoDispose();
}

double
CostAccountant::GetAlpha() const
{
    return m_alpha;
}

double
CostAccountant::GetViolationTolerance() const
{
    return m_tolerance;
}

void
CostAccountant::SetServiceNames(const std::vector<std::string>& names)
{
    NS_LOG_FUNCTION(this << names.size());
    for (const auto& lane : m_accounts)
    {
        for (const auto& account : lane)
        {
            NS_ABORT_MSG_IF(account.active && names.size() != m_services.size(),
                            "the services cannot change once levels are declared");
        }
    }
    m_services = names;
}

const std::vector<std::string>&
CostAccountant::GetServiceNames() const
{
    return m_services;
}

void
CostAccountant::SetSpectrumAllocator(Ptr<SpectrumAllocator> allocator)
{
    NS_LOG_FUNCTION(this << allocator);
    NS_ABORT_MSG_IF(!allocator, "null spectrum allocator");
    m_spectrum = allocator;
}

void
CostAccountant::SetVnfAllocator(Ptr<VnfAllocator> allocator)
{
    NS_LOG_FUNCTION(this << allocator);
    NS_ABORT_MSG_IF(!allocator, "null VNF allocator");
    m_vnf = allocator;
}

void
CostAccountant::SetSlotDuration(Time slotDuration)
{
    NS_LOG_FUNCTION(this << slotDuration);
    m_slotDuration = slotDuration;
}

uint32_t
CostAccountant::AddLane(const std::string& name)
{
    NS_LOG_FUNCTION(this << name);
    if (name.empty())
    {
        throw InputError("a lane needs a name");
    }
    if (FindLane(name) >= 0)
    {
        throw InputError("lane '" + name + "' is defined twice");
    }
    m_lanes.push_back(name);
    m_accounts.emplace_back();
    return static_cast<uint32_t>(m_lanes.size() - 1);
}

const std::vector<std::string>&
CostAccountant::GetLaneNames() const
{
    return m_lanes;
}

int32_t
CostAccountant::FindLane(const std::string& name) const
{
    for (size_t i = 0; i < m_lanes.size(); ++i)
    {
        if (m_lanes[i] == name)
        {
            return static_cast<int32_t>(i);
        }
    }
    return -1;
}

void
CostAccountant::AddLevel(uint32_t lane, NetworkLevel level, uint32_t nNodes, Time interval)
{
    NS_LOG_FUNCTION(this << lane << level << nNodes << interval);
    NS_ABORT_MSG_IF(lane >= m_lanes.size(), "no lane " << lane);
    NS_ABORT_MSG_IF(m_services.empty(), "SetServiceNames() must come before AddLevel()");
    Account_& a = m_accounts[lane][NetworkLevelIndex(level)];
    const size_t n = m_services.size() * static_cast<size_t>(nNodes);
    a = Account_();
    a.active = true;
    a.nNodes = nNodes;
    a.interval = interval;
    a.sumTruth.assign(n, 0.0);
    a.sumOver.assign(n, 0.0);
    a.sumAbsErr.assign(n, 0.0);
    a.peak.assign(n, -std::numeric_limits<double>::infinity());
    a.minimum.assign(n, std::numeric_limits<double>::infinity());
    a.violated.assign(n, 0);
}

bool
CostAccountant::HasLevel(uint32_t lane, NetworkLevel level) const
{
    return lane < m_accounts.size() && m_accounts[lane][NetworkLevelIndex(level)].active;
}

const CostAccountant::Account_&
CostAccountant::Get(uint32_t lane, NetworkLevel level) const
{
    NS_ABORT_MSG_IF(!HasLevel(lane, level), "lane " << lane << " is not accounted at " << level);
    return m_accounts[lane][NetworkLevelIndex(level)];
}

CostAccountant::Account_&
CostAccountant::Get(uint32_t lane, NetworkLevel level)
{
    NS_ABORT_MSG_IF(!HasLevel(lane, level), "lane " << lane << " is not accounted at " << level);
    return m_accounts[lane][NetworkLevelIndex(level)];
}

void
CostAccountant::Account(uint32_t lane,
                        NetworkLevel level,
                        uint64_t firstSlot,
                        const DemandMatrix& truth,
                        const DemandMatrix& estimate,
                        const DemandMatrix& allocation)
{
    NS_ABORT_MSG_IF(m_finalized, "Account() after Finalize()");
    Account_& a = Get(lane, level);
    const uint32_t nServices = static_cast<uint32_t>(m_services.size());
    const uint32_t nNodes = a.nNodes;
    NS_ABORT_MSG_IF(truth.GetNServices() != nServices || truth.GetNNodes() != nNodes ||
                        estimate.GetNServices() != nServices || estimate.GetNNodes() != nNodes ||
                        allocation.GetNServices() != nServices || allocation.GetNNodes() != nNodes,
                    "matrices of the wrong shape at " << level);
    const size_t n = static_cast<size_t>(nServices) * nNodes;
    const double* d = truth.Data();
    const double* e = estimate.Data();
    const double* x = allocation.Data();
    const double keep = 1.0 - m_tolerance;
    double* sumTruth = a.sumTruth.data();
    double* sumOver = a.sumOver.data();
    double* sumAbsErr = a.sumAbsErr.data();
    double* peak = a.peak.data();
    double* minimum = a.minimum.data();
    uint64_t* violated = a.violated.data();
    // Element-wise, in Eigen's explicit SIMD (SSE2 at least): the same operations per element
    // as a scalar loop, so the sums are bit for bit those of one. An allocation above the truth
    // adds its excess; one below (1 - tolerance) of it counts a violation.
    using Arr = Eigen::Array<double, Eigen::Dynamic, 1>;
    const Eigen::Index len = static_cast<Eigen::Index>(n);
    const Eigen::Map<const Arr> td(d, len);
    const Eigen::Map<const Arr> te(e, len);
    const Eigen::Map<const Arr> tx(x, len);
    Eigen::Map<Arr>(sumTruth, len) += td;
    Eigen::Map<Arr>(sumOver, len) += (tx - td).max(0.0);
    Eigen::Map<Arr>(sumAbsErr, len) += (te - td).abs();
    Eigen::Map<Arr> peakArr(peak, len);
    peakArr = peakArr.max(td);
    Eigen::Map<Arr> minArr(minimum, len);
    minArr = minArr.min(td);
    for (size_t i = 0; i < n; ++i)
    {
        violated[i] += static_cast<uint64_t>(!(x[i] - d[i] > 0.0) & (x[i] < d[i] * keep));
    }
    ++a.intervals;
    NS_LOG_INFO("lane " << m_lanes[lane] << ' ' << level << " slot " << firstSlot << ": "
                        << DescribeInterval(d, x, n, keep));
    NS_LOG_LOGIC("lane " << m_lanes[lane] << ' ' << level << " slot " << firstSlot
                         << ", violations: " << ListViolations(d, x, m_services, nNodes, keep));

    if (level == NetworkLevel::ANTENNA)
    {
        // Each node's true and excess rate over its services, summed service by service (the
        // rows are services, so each pass runs along contiguous memory).
        m_nodeTrue.assign(nNodes, 0.0);
        m_nodeExtra.assign(nNodes, 0.0);
        const Eigen::Index nodes = static_cast<Eigen::Index>(nNodes);
        Eigen::Map<Arr> nodeTrue(m_nodeTrue.data(), nodes);
        Eigen::Map<Arr> nodeExtra(m_nodeExtra.data(), nodes);
        for (uint32_t s = 0; s < nServices; ++s)
        {
            const size_t row = static_cast<size_t>(s) * nNodes;
            const Eigen::Map<const Arr> dr(d + row, nodes);
            const Eigen::Map<const Arr> xr(x + row, nodes);
            nodeTrue += dr;
            nodeExtra += (xr - dr).max(0.0);
        }
        for (uint32_t node = 0; node < nNodes; ++node)
        {
            const SpectrumUsage u = m_spectrum->Assess(m_nodeTrue[node], m_nodeExtra[node]);
            a.sumExtraPrbs += u.extraPrbs;
            a.sumCpuTrue += u.cpuTrueUs;
            a.sumCpuExtra += u.cpuExtraUs;
            a.sumChannelMhz += SpectrumAllocator::ChannelBandwidthMhz(u.extraPrbs);
        }
    }
    else
    {
        // Every lane of a level is accounted against the same truth in an interval: its
        // cores are computed once (and recomputed whenever the truth differs from the last).
        if (m_neededFor.size() != n || !std::equal(d, d + n, m_neededFor.begin()) ||
            m_neededVnf != m_vnf || m_neededPerGbps != m_vnf->GetCoresPerGbps())
        {
            m_neededFor.assign(d, d + n);
            m_neededCores.resize(n);
            m_vnf->CoresFor(d, n, m_neededCores.data());
            m_neededVnf = m_vnf;
            m_neededPerGbps = m_vnf->GetCoresPerGbps();
        }
        m_allocatedCores.resize(n);
        m_vnf->CoresFor(x, n, m_allocatedCores.data());
        for (size_t i = 0; i < n; ++i)
        {
            const double allocated = m_allocatedCores[i];
            const double needed = m_neededCores[i];
            a.sumCoresAllocated += allocated;
            a.sumCoresNeeded += needed;
            a.sumCoresOver += std::max(allocated - needed, 0.0);
            a.sumCoresShort += std::max(needed - allocated, 0.0);
        }
    }

    if (lane == 0 && m_slotsStream)
    {
        // Internal row: slot,level,node,service,truth,estimate,allocation,violated(0/1),over.
        auto& out = m_slotsStream->Stream();
        char* buffer = m_rowBuffer.data();
        const uint32_t levelIndex = NetworkLevelIndex(level);
        for (uint32_t node = 0; node < nNodes; ++node)
        {
            for (uint32_t s = 0; s < nServices; ++s)
            {
                const size_t i = static_cast<size_t>(s) * nNodes + node;
                char* p = buffer;
                p = WriteInteger(p, firstSlot);
                *p++ = ',';
                p = WriteInteger(p, levelIndex);
                *p++ = ',';
                p = WriteInteger(p, node);
                *p++ = ',';
                p = WriteInteger(p, s);
                *p++ = ',';
                p = WriteNumber(p, d[i]);
                *p++ = ',';
                p = WriteNumber(p, e[i]);
                *p++ = ',';
                p = WriteNumber(p, x[i]);
                *p++ = ',';
                const double diff = x[i] - d[i];
                *p++ = (diff <= 0.0 && x[i] < d[i] * keep) ? '1' : '0';
                *p++ = ',';
                p = WriteNumber(p, std::max(diff, 0.0));
                *p++ = '\n';
                out.write(buffer, p - buffer);
            }
        }
    }
}

void
CostAccountant::RecordRepairs(uint32_t lane, NetworkLevel level, uint64_t nodes)
{
    Get(lane, level).repaired += nodes;
}

void
CostAccountant::EnablePerSlotOutput(const std::string& path)
{
    NS_LOG_FUNCTION(this << path);
    NS_ABORT_MSG_IF(m_finalized, "EnablePerSlotOutput() after Finalize()");
    m_slotsPath = path;
    m_slotsStream = std::make_unique<AtomicFileWriter>(path + ".stream");
}

void
CostAccountant::Finalize()
{
    NS_LOG_FUNCTION(this);
    if (m_finalized)
    {
        return;
    }
    m_finalized = true;
    for (uint32_t lane = 0; lane < m_accounts.size(); ++lane)
    {
        for (auto level : ALL_NETWORK_LEVELS)
        {
            if (HasLevel(lane, level))
            {
                NS_LOG_INFO("lane " << m_lanes[lane] << ' ' << level << ": "
                                    << DescribeLevel(GetLevelCosts(lane, level)));
            }
        }
    }
    if (m_slotsStream)
    {
        WritePerSlotFile();
    }
}

bool
CostAccountant::IsFinalized() const
{
    return m_finalized;
}

void
CostAccountant::Abandon()
{
    NS_LOG_FUNCTION(this);
    m_slotsStream.reset(); // removes the temporary file
}

void
CostAccountant::WritePerSlotFile()
{
    NS_LOG_FUNCTION(this);
    auto& stream = m_slotsStream->Stream();
    stream.flush();
    if (!stream.good())
    {
        throw InputError::InFile(m_slotsPath, "writing the per-slot rows failed (disk full?)");
    }
    std::ifstream in(m_slotsStream->GetTemporaryPath());
    if (!in.is_open())
    {
        throw InputError::InFile(m_slotsStream->GetTemporaryPath(), "cannot read back");
    }
    AtomicFileWriter writer(m_slotsPath);
    auto& out = writer.Stream();
    out << "slot,time_s,level,node,service,truth_mbps,estimate_mbps,allocation_mbps,"
           "sla_violation_mbps,overprovisioning_mbps\n";
    std::array<std::string, N_NETWORK_LEVELS> levelNames;
    for (auto level : ALL_NETWORK_LEVELS)
    {
        levelNames[NetworkLevelIndex(level)] = NetworkLevelName(level);
    }
    const double slotSeconds = m_slotDuration.GetSeconds();
    std::string line;
    char number[64];
    while (std::getline(in, line))
    {
        // slot,level,node,service,truth,estimate,allocation,violated,over
        size_t fields[9];
        size_t k = 0;
        fields[k++] = 0;
        for (size_t i = 0; i < line.size() && k < 9; ++i)
        {
            if (line[i] == ',')
            {
                fields[k++] = i + 1;
            }
        }
        NS_ABORT_MSG_IF(k != 9, "corrupt per-slot stream line: " << line);
        uint64_t slot = 0;
        uint32_t levelIndex = 0;
        uint32_t node = 0;
        uint32_t service = 0;
        std::from_chars(line.data() + fields[0], line.data() + fields[1] - 1, slot);
        std::from_chars(line.data() + fields[1], line.data() + fields[2] - 1, levelIndex);
        std::from_chars(line.data() + fields[2], line.data() + fields[3] - 1, node);
        std::from_chars(line.data() + fields[3], line.data() + fields[4] - 1, service);
        NS_ABORT_MSG_IF(levelIndex >= N_NETWORK_LEVELS || service >= m_services.size(),
                        "corrupt per-slot stream line: " << line);
        const bool violated = line[fields[7]] == '1';
        const Account_& a = m_accounts[0][levelIndex];
        out.write(line.data() + fields[0], fields[1] - fields[0]); // "slot,"
        out.write(number, WriteNumber(number, slot * slotSeconds) - number);
        out << ',' << levelNames[levelIndex] << ',';
        out.write(line.data() + fields[2], fields[3] - fields[2]); // "node,"
        out << m_services[service] << ',';
        out.write(line.data() + fields[4], fields[7] - fields[4]); // "truth,est,alloc,"
        const double fee =
            violated ? m_alpha * a.peak[static_cast<size_t>(service) * a.nNodes + node] : 0.0;
        out.write(number, WriteNumber(number, fee) - number);
        out << ',';
        out.write(line.data() + fields[8], line.size() - fields[8]);
        out << '\n';
    }
    in.close();
    m_slotsStream.reset(); // removes the temporary file
    writer.Commit();
}

LevelCosts
CostAccountant::GetLevelCosts(uint32_t lane, NetworkLevel level) const
{
    const Account_& a = Get(lane, level);
    const uint32_t nServices = static_cast<uint32_t>(m_services.size());
    const uint32_t nNodes = a.nNodes;
    const double intervals = static_cast<double>(a.intervals);
    LevelCosts c;
    c.level = level;
    c.nodes = nNodes;
    c.intervalMin = a.interval.GetMinutes();
    c.evaluatedIntervals = a.intervals;
    c.repairedNodes = a.repaired;
    c.services.resize(nServices);
    c.perNode.resize(nNodes);

    double trueSum = 0.0;
    double feeSum = 0.0;
    double overSum = 0.0;
    double absErrSum = 0.0;
    double nmaeSum = 0.0;
    uint32_t nmaeSeries = 0;
    for (uint32_t s = 0; s < nServices; ++s)
    {
        ServiceCosts& sc = c.services[s];
        sc.name = m_services[s];
        double sTrue = 0.0;
        double sFee = 0.0;
        double sOver = 0.0;
        for (uint32_t node = 0; node < nNodes; ++node)
        {
            const size_t i = static_cast<size_t>(s) * nNodes + node;
            const double fee =
                a.violated[i] > 0 ? static_cast<double>(a.violated[i]) * m_alpha * a.peak[i] : 0.0;
            sTrue += a.sumTruth[i];
            sFee += fee;
            sOver += a.sumOver[i];
            sc.violations += a.violated[i];
            c.perNode[node].trueDemandMBps += a.sumTruth[i];
            c.perNode[node].slaViolationMBps += fee;
            c.perNode[node].overprovisioningMBps += a.sumOver[i];
            absErrSum += a.sumAbsErr[i];
            if (a.intervals > 0)
            {
                const double range = a.peak[i] - a.minimum[i];
                if (range > NMAE_MIN_RANGE)
                {
                    nmaeSum += a.sumAbsErr[i] / intervals / range;
                    ++nmaeSeries;
                }
                else
                {
                    ++c.nmaeSkippedSeries;
                }
            }
        }
        trueSum += sTrue;
        feeSum += sFee;
        overSum += sOver;
        c.violations += sc.violations;
        const double scale = a.intervals > 0 ? 1.0 / (intervals * MBIT_PER_MBYTE) : NAN;
        sc.trueDemandMBps = sTrue * scale;
        sc.slaViolationMBps = sFee * scale;
        sc.overprovisioningMBps = sOver * scale;
        sc.slaViolationPct = Percent(sc.slaViolationMBps, sc.trueDemandMBps);
        sc.overprovisioningPct = Percent(sc.overprovisioningMBps, sc.trueDemandMBps);
    }
    const double scale = a.intervals > 0 ? 1.0 / (intervals * MBIT_PER_MBYTE) : NAN;
    for (auto& nc : c.perNode)
    {
        nc.trueDemandMBps *= scale;
        nc.slaViolationMBps *= scale;
        nc.overprovisioningMBps *= scale;
    }
    c.trueDemandMBps = trueSum * scale;
    c.slaViolationMBps = feeSum * scale;
    c.overprovisioningMBps = overSum * scale;
    c.slaViolationPct = Percent(c.slaViolationMBps, c.trueDemandMBps);
    c.overprovisioningPct = Percent(c.overprovisioningMBps, c.trueDemandMBps);
    c.totalCostMBps = c.slaViolationMBps + c.overprovisioningMBps;
    c.totalCostPct = Percent(c.totalCostMBps, c.trueDemandMBps);
    const double entries = intervals * nServices * nNodes;
    c.maeMbps = entries > 0 ? absErrSum / entries : NAN;
    c.nmaePct = nmaeSeries > 0 ? 100.0 * nmaeSum / nmaeSeries : NAN;

    const double nodeIntervals = intervals * nNodes;
    if (level == NetworkLevel::ANTENNA && nodeIntervals > 0)
    {
        c.extraThroughputMbpsPerAntenna = overSum / nodeIntervals;
        c.extraPrbsPerAntenna = a.sumExtraPrbs / nodeIntervals;
        c.extraSubcarriersPerAntenna =
            SpectrumAllocator::SUBCARRIERS_PER_PRB * c.extraPrbsPerAntenna;
        c.spectrumCostMhzPerAntenna = SpectrumAllocator::ChannelBandwidthMhz(c.extraPrbsPerAntenna);
        c.spectrumCostMhzMeanPerInterval = a.sumChannelMhz / nodeIntervals;
        c.cpuTimeOverheadPct = Percent(a.sumCpuExtra, a.sumCpuTrue);
    }
    else
    {
        c.extraThroughputMbpsPerAntenna = NAN;
        c.extraPrbsPerAntenna = NAN;
        c.extraSubcarriersPerAntenna = NAN;
        c.spectrumCostMhzPerAntenna = NAN;
        c.spectrumCostMhzMeanPerInterval = NAN;
        c.cpuTimeOverheadPct = NAN;
    }
    if (level != NetworkLevel::ANTENNA && a.intervals > 0)
    {
        c.vnfCoresAllocated = a.sumCoresAllocated / intervals;
        c.vnfCoresNeeded = a.sumCoresNeeded / intervals;
        c.vnfCoresOverprovisioned = a.sumCoresOver / intervals;
        c.vnfCoresShortfall = a.sumCoresShort / intervals;
        c.vnfCoresOverheadPct = Percent(a.sumCoresAllocated - a.sumCoresNeeded, a.sumCoresNeeded);
    }
    else
    {
        c.vnfCoresAllocated = NAN;
        c.vnfCoresNeeded = NAN;
        c.vnfCoresOverprovisioned = NAN;
        c.vnfCoresShortfall = NAN;
        c.vnfCoresOverheadPct = NAN;
    }
    return c;
}

void
CostAccountant::SetParameters(const nlohmann::ordered_json& parameters)
{
    NS_LOG_FUNCTION(this);
    *m_parameters = parameters;
}

void
CostAccountant::SetParameter(const std::string& key, const std::string& value)
{
    (*m_parameters)[key] = value;
}

void
CostAccountant::SetParameter(const std::string& key, double value)
{
    (*m_parameters)[key] = JsonNumber(value);
}

void
CostAccountant::SetParameter(const std::string& key, int64_t value)
{
    (*m_parameters)[key] = value;
}

void
CostAccountant::SetParameter(const std::string& key, bool value)
{
    (*m_parameters)[key] = value;
}

void
CostAccountant::SetRunInfo(const std::string& key, int64_t value)
{
    (*m_run)[key] = value;
}

void
CostAccountant::SetRunInfo(const std::string& key, double value)
{
    (*m_run)[key] = JsonNumber(value);
}

std::string
CostAccountant::GetSummaryJson() const
{
    NS_LOG_FUNCTION(this);
    nlohmann::ordered_json j;
    j["parameters"] = *m_parameters;
    j["decomposer"] = m_lanes.empty() ? "" : m_lanes[0];
    j["run"] = *m_run;
    j["run"]["alpha"] = JsonNumber(m_alpha);
    auto levelsOf = [this](uint32_t lane)
    {
        nlohmann::ordered_json levels = nlohmann::ordered_json::object();
        for (auto level : ALL_NETWORK_LEVELS)
        {
            if (HasLevel(lane, level))
            {
                levels[NetworkLevelName(level)] = LevelJson(GetLevelCosts(lane, level));
            }
        }
        return levels;
    };
    j["levels"] = m_lanes.empty() ? nlohmann::ordered_json::object() : levelsOf(0);
    nlohmann::ordered_json baselines = nlohmann::ordered_json::object();
    for (uint32_t lane = 1; lane < m_lanes.size(); ++lane)
    {
        baselines[m_lanes[lane]]["levels"] = levelsOf(lane);
    }
    j["baselines"] = baselines;
    return j.dump(2) + "\n";
}

void
CostAccountant::WriteSummaryJson(const std::string& path) const
{
    NS_LOG_FUNCTION(this << path);
    const std::string text = GetSummaryJson();
    AtomicFileWriter writer(path);
    writer.Stream() << text;
    writer.Commit();
}

void
CostAccountant::WriteNodeCostsCsv(const std::string& path) const
{
    NS_LOG_FUNCTION(this << path);
    AtomicFileWriter writer(path);
    auto& out = writer.Stream();
    out << "lane,level,node,true_demand_MBps,sla_violation_MBps,overprovisioning_MBps\n";
    for (uint32_t lane = 0; lane < m_lanes.size(); ++lane)
    {
        for (auto level : ALL_NETWORK_LEVELS)
        {
            if (!HasLevel(lane, level))
            {
                continue;
            }
            const LevelCosts c = GetLevelCosts(lane, level);
            for (uint32_t node = 0; node < c.nodes; ++node)
            {
                const NodeCosts& nc = c.perNode[node];
                out << m_lanes[lane] << ',' << NetworkLevelName(level) << ',' << node << ','
                    << FormatNumber(nc.trueDemandMBps) << ',' << FormatNumber(nc.slaViolationMBps)
                    << ',' << FormatNumber(nc.overprovisioningMBps) << '\n';
            }
        }
    }
    writer.Commit();
}

void
CostAccountant::WriteTable3Csv(const std::string& path) const
{
    NS_LOG_FUNCTION(this << path);
    AtomicFileWriter writer(path);
    auto& out = writer.Stream();
    out << "lane,level,interval_min,sla_violation_MBps,sla_violation_pct,overprovisioning_MBps,"
           "overprovisioning_pct,total_cost_MBps,total_cost_pct\n";
    for (auto level : ALL_NETWORK_LEVELS)
    {
        for (uint32_t lane = 0; lane < m_lanes.size(); ++lane)
        {
            if (!HasLevel(lane, level))
            {
                continue;
            }
            const LevelCosts c = GetLevelCosts(lane, level);
            out << m_lanes[lane] << ',' << NetworkLevelName(level) << ','
                << FormatNumber(c.intervalMin) << ',' << FormatNumber(c.slaViolationMBps) << ','
                << FormatNumber(c.slaViolationPct) << ',' << FormatNumber(c.overprovisioningMBps)
                << ',' << FormatNumber(c.overprovisioningPct) << ','
                << FormatNumber(c.totalCostMBps) << ',' << FormatNumber(c.totalCostPct) << '\n';
        }
    }
    writer.Commit();
}

std::string
CostAccountant::FormatNumber(double value)
{
    char buffer[64];
    return std::string(buffer, WriteNumber(buffer, value));
}

void
CostAccountant::PrintCostTables(std::ostream& os) const
{
    NS_LOG_FUNCTION(this);
    std::ios::fmtflags flags = os.flags();
    std::streamsize precision = os.precision();
    auto fixed = [](double v, int digits)
    {
        if (!std::isfinite(v))
        {
            return std::string("-");
        }
        std::ostringstream s;
        s << std::fixed << std::setprecision(digits) << v;
        std::string text = s.str();
        if (text.find_first_not_of("-0.") == std::string::npos && text[0] == '-')
        {
            text.erase(0, 1); // no "-0.00"
        }
        return text;
    };
    auto withPct = [&fixed](double mbps, double pct)
    { return fixed(mbps, 2) + " (" + fixed(pct, 2) + "%)"; };

    os << "Costs of the slice allocation over the evaluation period "
          "(MB/s, and % of the true demand)\n";
    size_t width = 10;
    for (const auto& lane : m_lanes)
    {
        width = std::max(width, lane.size());
    }
    const int w = static_cast<int>(width);
    // A management interval below a minute (the packet-level mode's 1 s slots) in seconds.
    auto interval = [&fixed](double minutes)
    {
        return minutes >= 1.0 - 1e-9 ? fixed(minutes, 0) + " min"
                                     : fixed(minutes * 60.0, minutes * 60.0 >= 1 ? 0 : 3) + " s";
    };
    os << std::left << std::setw(8) << "level" << std::right << std::setw(9) << "interval"
       << std::setw(11) << "true MB/s"
       << "  " << std::left << std::setw(w) << "decomposer" << std::right << std::setw(20)
       << "SLA viol." << std::setw(20) << "overprov." << std::setw(20) << "total cost"
       << std::setw(9) << "MAE" << std::setw(8) << "NMAE%"
       << "\n";
    for (auto level : ALL_NETWORK_LEVELS)
    {
        bool first = true;
        for (uint32_t lane = 0; lane < m_lanes.size(); ++lane)
        {
            if (!HasLevel(lane, level))
            {
                continue;
            }
            const LevelCosts c = GetLevelCosts(lane, level);
            if (first)
            {
                os << std::left << std::setw(8) << NetworkLevelName(level) << std::right
                   << std::setw(9) << interval(c.intervalMin) << std::setw(11)
                   << fixed(c.trueDemandMBps, 2);
                first = false;
            }
            else
            {
                os << std::setw(28) << "";
            }
            os << "  " << std::left << std::setw(w) << m_lanes[lane] << std::right << std::setw(20)
               << withPct(c.slaViolationMBps, c.slaViolationPct) << std::setw(20)
               << withPct(c.overprovisioningMBps, c.overprovisioningPct) << std::setw(20)
               << withPct(c.totalCostMBps, c.totalCostPct) << std::setw(9) << fixed(c.maeMbps, 3)
               << std::setw(8) << fixed(c.nmaePct, 2) << "\n";
        }
    }
    for (uint32_t lane = 0; lane < m_lanes.size(); ++lane)
    {
        if (HasLevel(lane, NetworkLevel::ANTENNA))
        {
            const LevelCosts c = GetLevelCosts(lane, NetworkLevel::ANTENNA);
            os << "antenna resources [" << m_lanes[lane] << "]: extra throughput "
               << fixed(c.extraThroughputMbpsPerAntenna, 3) << " Mbps/antenna, "
               << fixed(c.extraSubcarriersPerAntenna, 1) << " subcarriers, spectrum cost "
               << fixed(c.spectrumCostMhzPerAntenna, 1) << " MHz, CPU time +"
               << fixed(c.cpuTimeOverheadPct, 2) << "%\n";
        }
        for (auto level : {NetworkLevel::MEC, NetworkLevel::CRAN, NetworkLevel::CORE})
        {
            if (HasLevel(lane, level))
            {
                const LevelCosts c = GetLevelCosts(lane, level);
                os << NetworkLevelName(level) << " VNF cores [" << m_lanes[lane] << "]: allocated "
                   << fixed(c.vnfCoresAllocated, 1) << ", needed " << fixed(c.vnfCoresNeeded, 1)
                   << " (" << fixed(c.vnfCoresOverheadPct, 2) << "% overhead)\n";
            }
        }
    }
    os.flags(flags);
    os.precision(precision);
}

} // namespace ns3
