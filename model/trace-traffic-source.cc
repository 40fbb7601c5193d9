/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "trace-traffic-source.h"

#include "csv-table-reader.h"
#include "input-error.h"

#include "ns3/log.h"

#include <cmath>
#include <limits>
#include <unordered_map>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TraceTrafficSource");

NS_OBJECT_ENSURE_REGISTERED(TraceTrafficSource);

namespace
{

/// Largest number of stored values (4 bytes each): 16 GiB.
constexpr uint64_t MAX_VALUES = 1ULL << 32;

/// Largest number of slots: every slot up to the last costs a (possibly empty) block, so that
/// one row far in time would otherwise allocate gigabytes (found by fuzzing). 2^24 slots are 194
/// days of 1-second slots, 159 years of 5-minute ones.
constexpr uint64_t MAX_SLOTS = 1ULL << 24;

} // namespace

TypeId
TraceTrafficSource::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TraceTrafficSource")
                            .SetParent<TrafficSource>()
                            .SetGroupName("Microscope")
                            .AddConstructor<TraceTrafficSource>();
    return tid;
}

TraceTrafficSource::TraceTrafficSource()
    : m_idsGiven(false)
{
    NS_LOG_FUNCTION(this);
    m_catalog = ServiceCatalog::CreateDefault();
    m_calendar = CreateObject<TrafficCalendar>();
}

TraceTrafficSource::~TraceTrafficSource()
{
    NS_LOG_FUNCTION(this);
}

void
TraceTrafficSource::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_catalog = nullptr;
    m_calendar = nullptr;
    m_blocks.clear();
    TrafficSource::DoDispose();
}

void
TraceTrafficSource::SetServiceCatalog(Ptr<ServiceCatalog> catalog)
{
    NS_LOG_FUNCTION(this << catalog);
    NS_ASSERT_MSG(catalog && catalog->GetN() > 0, "an empty service catalog");
    m_catalog = catalog;
}

void
TraceTrafficSource::SetCalendar(Ptr<TrafficCalendar> calendar)
{
    NS_LOG_FUNCTION(this << calendar);
    NS_ASSERT_MSG(calendar, "a null calendar");
    m_calendar = calendar;
}

void
TraceTrafficSource::SetAntennaIds(const std::vector<std::string>& ids)
{
    NS_LOG_FUNCTION(this << ids.size());
    m_ids = ids;
    m_idsGiven = true;
}

const std::vector<std::string>&
TraceTrafficSource::GetAntennaIds() const
{
    return m_ids;
}

void
TraceTrafficSource::Load(const std::string& path)
{
    NS_LOG_FUNCTION(this << path);
    m_calendar->Validate();
    const double slotSeconds = m_calendar->GetSlotDuration().GetSeconds();
    const uint32_t nS = m_catalog->GetN();

    std::vector<std::string> ids = m_idsGiven ? m_ids : std::vector<std::string>();
    std::unordered_map<std::string, uint32_t> index;
    for (uint32_t a = 0; a < ids.size(); ++a)
    {
        if (!index.emplace(ids[a], a).second)
        {
            throw InputError::InFile(path,
                                     "the antenna ids set before loading list '" + ids[a] +
                                         "' twice");
        }
    }
    if (!m_idsGiven)
    {
        // First pass: the antennas in order of first appearance (rows are checked below).
        CsvTableReader scan(path);
        bool header = true;
        while (scan.Next())
        {
            if (!header && scan.Size() >= 2 && !scan.Field(1).empty() &&
                index.emplace(scan.Field(1), static_cast<uint32_t>(ids.size())).second)
            {
                ids.push_back(scan.Field(1));
            }
            header = false;
        }
    }
    const uint64_t nA = ids.size();
    std::unordered_map<std::string, uint32_t> serviceIndex;
    for (uint32_t s = 0; s < nS; ++s)
    {
        serviceIndex.emplace(m_catalog->Get(s).name, s);
    }

    CsvTableReader reader(path);
    if (!reader.Next())
    {
        throw InputError::InFile(path,
                                 "the file is empty: expected the header "
                                 "'time_s,antenna,service,mbps'");
    }
    {
        const auto& f = reader.Fields();
        if (f.size() != 4 || f[0] != "time_s" || f[1] != "antenna" || f[2] != "service" ||
            f[3] != "mbps")
        {
            throw reader.Error("missing or bad header: expected 'time_s,antenna,service,mbps'");
        }
    }

    const uint64_t width = nS * nA;
    std::vector<std::vector<float>> blocks;
    // Line of each (service, antenna) entry at the current time, to catch duplicates, and the
    // entries set at that time (to reset them when the time changes).
    std::vector<uint64_t> lineOf(width, 0);
    std::vector<uint64_t> touched;
    uint64_t lastSlot = 0;
    uint64_t rows = 0;
    while (reader.Next())
    {
        reader.ExpectFields(4);
        const double time = reader.GetDouble(0, "time_s");
        if (time < 0.0)
        {
            throw reader.Error("time_s " + reader.Field(0) + " is negative");
        }
        const double k = std::round(time / slotSeconds);
        if (std::abs(time - k * slotSeconds) > 1e-6 * slotSeconds)
        {
            throw reader.Error("time_s " + reader.Field(0) +
                               " is not a multiple of the slot duration (" +
                               std::to_string(slotSeconds) + " s)");
        }
        if (k >= static_cast<double>(MAX_SLOTS) ||
            (k + 1.0) * static_cast<double>(std::max<uint64_t>(width, 1)) >
                static_cast<double>(MAX_VALUES))
        {
            throw reader.Error("time_s " + reader.Field(0) + " is beyond the longest trace (" +
                               std::to_string(MAX_SLOTS) + " slots of " +
                               std::to_string(slotSeconds) + " s, and 2^32 values in all)");
        }
        const auto slot = static_cast<uint64_t>(k);
        if (rows > 0 && slot < lastSlot)
        {
            throw reader.Error("time_s " + reader.Field(0) +
                               " is earlier than on the line before: rows must be in time order");
        }
        if (slot != lastSlot)
        {
            for (uint64_t i : touched)
            {
                lineOf[i] = 0;
            }
            touched.clear();
        }
        lastSlot = slot;

        const std::string& id = reader.Field(1);
        if (id.empty())
        {
            throw reader.Error("empty antenna id");
        }
        auto it = index.find(id);
        if (it == index.end())
        {
            throw reader.Error("unknown antenna id '" + id + "'");
        }
        auto sit = serviceIndex.find(reader.Field(2));
        if (sit == serviceIndex.end())
        {
            throw reader.Error("unknown service '" + reader.Field(2) +
                               "' (not in the service catalog)");
        }
        const double mbps = reader.GetDouble(3, "mbps");
        if (mbps < 0.0)
        {
            throw reader.Error("negative demand " + reader.Field(3));
        }
        if (mbps > std::numeric_limits<float>::max())
        {
            // The trace is stored in single precision: it would become infinite (found by
            // fuzzing).
            throw reader.Error("demand " + reader.Field(3) +
                               " is beyond the largest value a trace holds (3.4e38 Mbps)");
        }
        const uint64_t entry = static_cast<uint64_t>(sit->second) * nA + it->second;
        if (lineOf[entry] != 0)
        {
            throw reader.Error("duplicate entry for time " + reader.Field(0) + ", antenna '" + id +
                               "', service '" + reader.Field(2) + "' (first on line " +
                               std::to_string(lineOf[entry]) + ")");
        }
        lineOf[entry] = reader.GetLine();
        touched.push_back(entry);
        if (slot >= blocks.size())
        {
            blocks.resize(slot + 1);
        }
        if (blocks[slot].empty())
        {
            blocks[slot].assign(width, 0.0f);
        }
        blocks[slot][entry] = static_cast<float>(mbps);
        ++rows;
    }
    if (rows == 0)
    {
        throw InputError::InFile(path, "no data rows after the header");
    }
    m_blocks = std::move(blocks);
    m_ids = ids;
    NS_LOG_INFO(path << ": " << rows << " entries, " << m_blocks.size() << " slots, " << nA
                     << " antennas");
}

void
TraceTrafficSource::SetDemand(std::vector<std::vector<float>> blocks)
{
    NS_LOG_FUNCTION(this << blocks.size());
    if (!m_idsGiven || m_ids.empty())
    {
        throw InputError("TraceTrafficSource::SetDemand: set the antenna ids first");
    }
    if (blocks.empty())
    {
        throw InputError("TraceTrafficSource::SetDemand: no slot");
    }
    const size_t width = static_cast<size_t>(m_catalog->GetN()) * m_ids.size();
    for (size_t t = 0; t < blocks.size(); ++t)
    {
        if (!blocks[t].empty() && blocks[t].size() != width)
        {
            throw InputError("TraceTrafficSource::SetDemand: slot " + std::to_string(t) +
                             " holds " + std::to_string(blocks[t].size()) +
                             " values, expected services x antennas = " + std::to_string(width));
        }
        for (float v : blocks[t])
        {
            if (!(v >= 0.0f) || !std::isfinite(v))
            {
                throw InputError("TraceTrafficSource::SetDemand: slot " + std::to_string(t) +
                                 " holds a negative or non-finite demand");
            }
        }
    }
    m_blocks = std::move(blocks);
}

Ptr<ServiceCatalog>
TraceTrafficSource::GetServiceCatalog() const
{
    return m_catalog;
}

Ptr<TrafficCalendar>
TraceTrafficSource::GetCalendar() const
{
    return m_calendar;
}

uint32_t
TraceTrafficSource::GetNAntennas() const
{
    return static_cast<uint32_t>(m_ids.size());
}

uint64_t
TraceTrafficSource::GetNSlots() const
{
    return m_blocks.size();
}

void
TraceTrafficSource::GetDemand(uint64_t slot, DemandMatrix& demand)
{
    NS_LOG_FUNCTION(this << slot);
    if (slot >= m_blocks.size())
    {
        throw InputError("TraceTrafficSource: slot " + std::to_string(slot) +
                         " is beyond the trace's " + std::to_string(m_blocks.size()) + " slots");
    }
    const uint32_t nS = m_catalog->GetN();
    const uint32_t nA = GetNAntennas();
    demand.Resize(nS, nA);
    const auto& block = m_blocks[slot];
    double* out = demand.Data();
    for (size_t i = 0; i < block.size(); ++i)
    {
        out[i] = block[i];
    }
}

} // namespace ns3
