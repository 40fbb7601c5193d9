/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "service-catalog.h"

#include "atomic-file-writer.h"
#include "csv-table-reader.h"
#include "input-error.h"

#include "ns3/log.h"

#include <charconv>
#include <cmath>
#include <iomanip>
#include <limits>
#include <numeric>
#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ServiceCatalog");

NS_OBJECT_ENSURE_REGISTERED(ServiceCatalog);

namespace
{

/// Columns before the 48 hourly profile values.
const std::vector<std::string> CATALOG_COLUMNS =
    {"name", "category", "share", "slice", "qci", "sla_delivered", "sla_delay_ms", "volatility"};

/// QCIs of 3GPP TS 23.203 that ns-3's EpsBearer knows.
const std::set<uint32_t> KNOWN_QCIS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 65, 66, 67, 69, 70, 75, 79, 80};

/**
 * One default service.
 * \param name name
 * \param category category
 * \param rank popularity rank, 1-based: the share is proportional to 1/rank (Zipf, exponent 1)
 * \param slice slice class
 * \param qci QCI
 * \param delayMs SLA delay bound (the QCI's packet delay budget)
 * \param volatility relative fluctuation size
 * \param workday hourly workday profile
 * \param holiday hourly holiday profile
 * \return the descriptor (share not yet normalised)
 */
ServiceDescriptor
MakeService(const std::string& name,
            const std::string& category,
            uint32_t rank,
            const std::string& slice,
            uint32_t qci,
            double delayMs,
            double volatility,
            const std::array<double, 24>& workday,
            const std::array<double, 24>& holiday)
{
    ServiceDescriptor d;
    d.name = name;
    d.category = category;
    d.share = 1.0 / rank;
    d.slice = slice;
    d.qci = qci;
    d.slaDelivered = 0.99;
    d.slaDelayMs = delayMs;
    d.volatility = volatility;
    d.workdayProfile = workday;
    d.holidayProfile = holiday;
    return d;
}

/**
 * Normalise a profile to mean 1.
 * \param profile the profile.
 * \param what description for errors.
 */
void
NormaliseProfile(std::array<double, 24>& profile, const std::string& what)
{
    double sum = std::accumulate(profile.begin(), profile.end(), 0.0);
    for (double v : profile)
    {
        if (!(v >= 0.0) || !std::isfinite(v))
        {
            throw InputError(what + ": profile values must be finite and non-negative");
        }
    }
    if (!(sum > 0.0))
    {
        throw InputError(what + ": profile is zero at every hour");
    }
    for (auto& v : profile)
    {
        v *= 24.0 / sum;
    }
}

} // namespace

TypeId
ServiceCatalog::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ServiceCatalog")
                            .SetParent<Object>()
                            .SetGroupName("Microscope")
                            .AddConstructor<ServiceCatalog>();
    return tid;
}

ServiceCatalog::ServiceCatalog()
{
    NS_LOG_FUNCTION(this);
}

ServiceCatalog::~ServiceCatalog()
{
    NS_LOG_FUNCTION(this);
}

Ptr<ServiceCatalog>
ServiceCatalog::CreateDefault()
{
    NS_LOG_FUNCTION_NOARGS();
    // Hourly profiles, hour 0 (00:00-01:00) to hour 23. Their shapes follow the qualitative
    // findings of measurement studies of per-service mobile demand (Marquez et al., CoNEXT
    // 2017; Shafiq et al., SIGMETRICS 2011): streaming and gaming peak late in the evening,
    // music streaming and news at commuting hours, productivity (Google) in working hours,
    // messaging stays broad over the day, and holidays rise later in the morning.
    std::vector<ServiceDescriptor> s;
    // clang-format off
    s.push_back(MakeService(
        "YouTube", "streaming", 1, "embb-video", 6, 300, 0.30,
        {0.9, 0.6, 0.4, 0.3, 0.25, 0.25, 0.35, 0.5, 0.6, 0.65, 0.7, 0.8,
         0.95, 1.0, 0.95, 1.0, 1.1, 1.2, 1.35, 1.5, 1.7, 1.9, 1.8, 1.4},
        {1.2, 0.9, 0.6, 0.4, 0.3, 0.25, 0.25, 0.3, 0.45, 0.65, 0.85, 1.0,
         1.1, 1.15, 1.15, 1.15, 1.2, 1.25, 1.3, 1.4, 1.55, 1.75, 1.7, 1.45}));
    s.push_back(MakeService(
        "Spotify", "streaming", 2, "embb-audio", 8, 300, 0.25,
        {0.4, 0.25, 0.15, 0.1, 0.1, 0.2, 0.6, 1.4, 1.8, 1.3, 1.1, 1.1,
         1.2, 1.2, 1.1, 1.2, 1.4, 1.8, 1.9, 1.4, 1.1, 1.0, 0.8, 0.6},
        {0.7, 0.5, 0.35, 0.2, 0.15, 0.15, 0.2, 0.35, 0.6, 0.9, 1.2, 1.4,
         1.5, 1.5, 1.45, 1.45, 1.45, 1.5, 1.45, 1.3, 1.15, 1.05, 0.95, 0.85}));
    s.push_back(MakeService(
        "Facebook", "social", 3, "social", 9, 300, 0.15,
        {0.6, 0.4, 0.25, 0.2, 0.2, 0.3, 0.6, 1.0, 1.2, 1.1, 1.05, 1.1,
         1.3, 1.35, 1.1, 1.05, 1.1, 1.2, 1.3, 1.35, 1.4, 1.5, 1.3, 0.9},
        {0.85, 0.6, 0.4, 0.3, 0.2, 0.2, 0.3, 0.5, 0.75, 1.0, 1.15, 1.25,
         1.35, 1.35, 1.25, 1.2, 1.2, 1.25, 1.3, 1.35, 1.4, 1.45, 1.3, 1.05}));
    s.push_back(MakeService(
        "Instagram", "social", 4, "social", 9, 300, 0.20,
        {0.9, 0.6, 0.35, 0.2, 0.15, 0.2, 0.45, 0.8, 0.9, 0.85, 0.85, 0.95,
         1.15, 1.2, 1.0, 1.05, 1.15, 1.25, 1.35, 1.45, 1.6, 1.75, 1.7, 1.3},
        {1.2, 0.9, 0.6, 0.4, 0.25, 0.2, 0.25, 0.4, 0.6, 0.85, 1.05, 1.2,
         1.3, 1.3, 1.25, 1.25, 1.3, 1.35, 1.4, 1.45, 1.55, 1.65, 1.6, 1.4}));
    s.push_back(MakeService(
        "Google", "web", 5, "web", 8, 300, 0.12,
        {0.35, 0.2, 0.15, 0.1, 0.1, 0.2, 0.5, 0.9, 1.4, 1.7, 1.8, 1.75,
         1.5, 1.5, 1.7, 1.75, 1.7, 1.5, 1.2, 1.0, 0.9, 0.8, 0.6, 0.45},
        {0.55, 0.4, 0.3, 0.2, 0.15, 0.15, 0.25, 0.45, 0.75, 1.05, 1.3, 1.45,
         1.5, 1.45, 1.4, 1.4, 1.4, 1.35, 1.3, 1.25, 1.15, 1.05, 0.9, 0.7}));
    s.push_back(MakeService(
        "Snapchat", "messaging", 6, "messaging", 7, 100, 0.25,
        {0.8, 0.5, 0.3, 0.2, 0.15, 0.2, 0.5, 0.9, 0.9, 0.7, 0.75, 0.85,
         1.1, 1.1, 1.0, 1.2, 1.5, 1.6, 1.5, 1.45, 1.45, 1.5, 1.4, 1.1},
        {1.3, 1.0, 0.7, 0.45, 0.3, 0.2, 0.2, 0.3, 0.5, 0.75, 0.95, 1.1,
         1.2, 1.25, 1.25, 1.3, 1.35, 1.4, 1.4, 1.4, 1.45, 1.5, 1.5, 1.45}));
    s.push_back(MakeService(
        "WhatsApp", "messaging", 7, "messaging", 7, 100, 0.10,
        {0.45, 0.3, 0.2, 0.15, 0.15, 0.25, 0.6, 1.0, 1.25, 1.3, 1.3, 1.3,
         1.35, 1.3, 1.25, 1.25, 1.3, 1.35, 1.35, 1.3, 1.25, 1.2, 1.0, 0.7},
        {0.7, 0.5, 0.35, 0.25, 0.2, 0.2, 0.3, 0.5, 0.8, 1.1, 1.3, 1.4,
         1.45, 1.4, 1.35, 1.3, 1.3, 1.3, 1.35, 1.35, 1.3, 1.25, 1.1, 0.9}));
    s.push_back(MakeService(
        "Twitter", "social", 8, "social", 9, 300, 0.35,
        {0.7, 0.45, 0.3, 0.2, 0.2, 0.35, 0.8, 1.4, 1.5, 1.2, 1.0, 1.0,
         1.15, 1.1, 0.95, 0.95, 1.0, 1.1, 1.2, 1.25, 1.4, 1.6, 1.45, 1.0},
        {0.9, 0.65, 0.45, 0.3, 0.2, 0.2, 0.3, 0.55, 0.85, 1.1, 1.2, 1.2,
         1.2, 1.15, 1.1, 1.1, 1.15, 1.25, 1.35, 1.45, 1.55, 1.6, 1.45, 1.2}));
    s.push_back(MakeService(
        "Supercell", "gaming", 9, "gaming", 3, 50, 0.30,
        {1.0, 0.6, 0.35, 0.2, 0.15, 0.15, 0.3, 0.6, 0.7, 0.6, 0.6, 0.7,
         1.1, 1.1, 0.8, 0.85, 1.1, 1.3, 1.45, 1.6, 1.75, 1.85, 1.75, 1.4},
        {1.35, 1.0, 0.7, 0.45, 0.3, 0.2, 0.2, 0.3, 0.5, 0.8, 1.05, 1.2,
         1.25, 1.25, 1.3, 1.35, 1.4, 1.45, 1.5, 1.55, 1.6, 1.6, 1.55, 1.5}));
    // clang-format on
    Ptr<ServiceCatalog> catalog = CreateObject<ServiceCatalog>();
    catalog->SetServices(s);
    return catalog;
}

void
ServiceCatalog::SetServices(const std::vector<ServiceDescriptor>& services)
{
    NS_LOG_FUNCTION(this << services.size());
    if (services.empty())
    {
        throw InputError("a service catalog needs at least one service");
    }
    std::vector<ServiceDescriptor> out = services;
    std::set<std::string> names;
    double total = 0.0;
    for (auto& d : out)
    {
        const std::string what = "service '" + d.name + "'";
        if (d.name.empty())
        {
            throw InputError("a service has an empty name");
        }
        if (d.slice.empty())
        {
            throw InputError(what + ": the slice is empty");
        }
        if (!names.insert(d.name).second)
        {
            throw InputError(what + " is listed twice");
        }
        if (!(d.share > 0.0) || !std::isfinite(d.share))
        {
            throw InputError(what + ": share must be positive and finite");
        }
        if (KNOWN_QCIS.count(d.qci) == 0)
        {
            throw InputError(what + ": unknown QCI " + std::to_string(d.qci));
        }
        if (!(d.slaDelivered > 0.0 && d.slaDelivered <= 1.0))
        {
            throw InputError(what + ": sla_delivered must be in (0, 1]");
        }
        if (!(d.slaDelayMs > 0.0) || !std::isfinite(d.slaDelayMs))
        {
            throw InputError(what + ": sla_delay_ms must be positive");
        }
        if (!(d.volatility >= 0.0 && d.volatility < 5.0))
        {
            throw InputError(what + ": volatility must be in [0, 5)");
        }
        NormaliseProfile(d.workdayProfile, what + " workday");
        NormaliseProfile(d.holidayProfile, what + " holiday");
        total += d.share;
    }
    for (auto& d : out)
    {
        d.share /= total;
    }
    m_services = out;
}

void
ServiceCatalog::Load(const std::string& path)
{
    NS_LOG_FUNCTION(this << path);
    CsvTableReader reader(path);
    const size_t nColumns = CATALOG_COLUMNS.size() + 48;
    if (!reader.Next())
    {
        throw InputError::InFile(path, "the catalog is empty (no header line)");
    }
    reader.ExpectFields(nColumns);
    for (size_t i = 0; i < nColumns; ++i)
    {
        // The 48 profile columns wd00..wd23, ho00..ho23: a swapped or misspelt one would
        // otherwise be read silently as another hour.
        std::string expected;
        if (i < CATALOG_COLUMNS.size())
        {
            expected = CATALOG_COLUMNS[i];
        }
        else
        {
            const size_t h = i - CATALOG_COLUMNS.size();
            expected = (h < 24 ? "wd" : "ho") + std::string(h % 24 < 10 ? "0" : "") +
                       std::to_string(h % 24);
        }
        if (reader.Field(i) != expected)
        {
            throw reader.Error("header column " + std::to_string(i + 1) + " must be '" + expected +
                               "', found '" + reader.Field(i) + "'");
        }
    }
    std::vector<ServiceDescriptor> services;
    while (reader.Next())
    {
        reader.ExpectFields(nColumns);
        ServiceDescriptor d;
        d.name = reader.Field(0);
        d.category = reader.Field(1);
        d.share = reader.GetDouble(2, "share");
        d.slice = reader.Field(3);
        const uint64_t qci = reader.GetUnsigned(4, "qci");
        if (qci > std::numeric_limits<uint32_t>::max())
        {
            throw reader.Error("column 'qci': '" + reader.Field(4) + "' is out of range");
        }
        d.qci = static_cast<uint32_t>(qci);
        d.slaDelivered = reader.GetDouble(5, "sla_delivered");
        d.slaDelayMs = reader.GetDouble(6, "sla_delay_ms");
        d.volatility = reader.GetDouble(7, "volatility");
        for (size_t h = 0; h < 24; ++h)
        {
            d.workdayProfile[h] = reader.GetDouble(8 + h, "workday profile");
            d.holidayProfile[h] = reader.GetDouble(32 + h, "holiday profile");
        }
        try
        {
            // Validate this row alone, so that the error names its line.
            ServiceCatalog probe;
            probe.SetServices({d});
        }
        catch (const InputError& e)
        {
            throw reader.Error(e.what());
        }
        for (const auto& other : services)
        {
            if (other.name == d.name)
            {
                throw reader.Error("service '" + d.name + "' is listed twice");
            }
        }
        services.push_back(d);
    }
    if (services.empty())
    {
        throw InputError::InFile(path, "the catalog lists no service");
    }
    SetServices(services);
}

/**
 * \param v a number.
 * \return the shortest text that reads back as exactly v: with a fixed precision (10 digits
 *         before), a volatility of 4.99999999999 was written as 5, which Load() refuses (found
 *         by fuzzing).
 */
static std::string
ExactText(double v)
{
    char text[64];
    const auto result = std::to_chars(text, text + sizeof(text), v);
    return std::string(text, result.ptr);
}

void
ServiceCatalog::WriteCsv(const std::string& path) const
{
    NS_LOG_FUNCTION(this << path);
    AtomicFileWriter writer(path);
    auto& out = writer.Stream();
    for (size_t i = 0; i < CATALOG_COLUMNS.size(); ++i)
    {
        out << (i ? "," : "") << CATALOG_COLUMNS[i];
    }
    for (int h = 0; h < 24; ++h)
    {
        out << ",wd" << std::setw(2) << std::setfill('0') << h;
    }
    for (int h = 0; h < 24; ++h)
    {
        out << ",ho" << std::setw(2) << std::setfill('0') << h;
    }
    out << "\n";
    for (const auto& d : m_services)
    {
        out << d.name << "," << d.category << "," << ExactText(d.share) << "," << d.slice << ","
            << d.qci << "," << ExactText(d.slaDelivered) << "," << ExactText(d.slaDelayMs) << ","
            << ExactText(d.volatility);
        for (double v : d.workdayProfile)
        {
            out << "," << ExactText(v);
        }
        for (double v : d.holidayProfile)
        {
            out << "," << ExactText(v);
        }
        out << "\n";
    }
    writer.Commit();
}

uint32_t
ServiceCatalog::GetN() const
{
    return static_cast<uint32_t>(m_services.size());
}

const ServiceDescriptor&
ServiceCatalog::Get(uint32_t index) const
{
    NS_ASSERT_MSG(index < m_services.size(), "service index " << index << " out of range");
    return m_services[index];
}

std::vector<std::string>
ServiceCatalog::GetNames() const
{
    std::vector<std::string> names;
    for (const auto& d : m_services)
    {
        names.push_back(d.name);
    }
    return names;
}

int32_t
ServiceCatalog::Find(const std::string& name) const
{
    for (size_t i = 0; i < m_services.size(); ++i)
    {
        if (m_services[i].name == name)
        {
            return static_cast<int32_t>(i);
        }
    }
    return -1;
}

double
ServiceCatalog::GetActivity(uint32_t index, DayType type, double hour) const
{
    const auto& profile =
        type == DayType::WORKDAY ? Get(index).workdayProfile : Get(index).holidayProfile;
    // Hourly values sit at hour centres; interpolate between neighbours, wrapping at midnight.
    double x = std::fmod(hour - 0.5 + 24.0, 24.0);
    auto lo = static_cast<uint32_t>(std::floor(x));
    double frac = x - lo;
    uint32_t hi = (lo + 1) % 24;
    return (1.0 - frac) * profile[lo % 24] + frac * profile[hi];
}

} // namespace ns3
