/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "milan-dataset.h"

#include "atomic-file-writer.h"
#include "csv-table-reader.h"
#include "day-classifier.h"
#include "hourly-volume.h"
#include "input-error.h"
#include "milan-grid.h"
#include "open-cell-id-loader.h"
#include "service-catalog.h"
#include "station-traffic-mapper.h"
#include "trace-traffic-source.h"
#include "traffic-calendar.h"
#include "traffic-trace-writer.h"

#include "ns3/integer.h"
#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MilanDataset");

NS_OBJECT_ENSURE_REGISTERED(MilanDataset);

namespace
{
constexpr uint32_t INTERVALS_PER_DAY = 144; // 10-minute intervals

/// Floor division for possibly negative numerators.
int64_t
FloorDiv(int64_t a, int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

std::string
VariantName(MilanRecordReader::Variant v)
{
    return v == MilanRecordReader::Variant::TXT ? ".txt (tab-separated)" : ".csv (Kaggle)";
}
} // namespace

TypeId
MilanDataset::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::MilanDataset")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<MilanDataset>()
            .AddAttribute("SlotDuration",
                          "Slot of the demand: the data's 10 minutes or a multiple dividing a "
                          "day; a slot's demand is the activity summed over its intervals.",
                          TimeValue(Minutes(10)),
                          MakeTimeAccessor(&MilanDataset::m_slot),
                          MakeTimeChecker(Minutes(10), Hours(24)))
            .AddAttribute("Services",
                          "Comma-separated services: the kinds sms-in, sms-out, call-in, "
                          "call-out, internet, or the merges sms (sms-in + sms-out) and calls "
                          "(call-in + call-out).",
                          StringValue("sms-in,sms-out,call-in,call-out,internet"),
                          MakeStringAccessor(&MilanDataset::m_services),
                          MakeStringChecker())
            .AddAttribute("UtcOffset",
                          "Minutes local time is ahead of UTC, applied to epoch-millisecond "
                          "interval starts (Milan from November to March: 60).",
                          IntegerValue(60),
                          MakeIntegerAccessor(&MilanDataset::m_utcOffset),
                          MakeIntegerChecker<int32_t>(-720, 840));
    return tid;
}

MilanDataset::MilanDataset()
    : m_slot(Minutes(10)),
      m_services("sms-in,sms-out,call-in,call-out,internet"),
      m_utcOffset(60),
      m_nFiles(0),
      m_records(0),
      m_nSquaresWithData(0),
      m_dropped(0),
      m_idle(0)
{
    NS_LOG_FUNCTION(this);
}

MilanDataset::~MilanDataset()
{
    NS_LOG_FUNCTION(this);
}

std::string
MilanDataset::GetUnit()
{
    return "activity";
}

std::string
MilanDataset::GetUnitDescription()
{
    return "Telecom Italia Milan activity (CDR-derived counts scaled by the operator), summed "
           "over the slot; not Mbps";
}

std::vector<std::pair<std::string, std::vector<uint32_t>>>
MilanDataset::ParseServices(const std::string& text)
{
    const auto& kinds = MilanRecordReader::GetKindNames();
    std::vector<std::pair<std::string, std::vector<uint32_t>>> out;
    std::vector<std::string> usedBy(MilanRecordReader::N_KINDS);
    for (const auto& name : CsvTableReader::SplitList(text))
    {
        std::vector<uint32_t> columns;
        if (name == "sms")
        {
            columns = {0, 1};
        }
        else if (name == "calls")
        {
            columns = {2, 3};
        }
        else
        {
            for (uint32_t k = 0; k < kinds.size(); ++k)
            {
                if (kinds[k] == name)
                {
                    columns = {k};
                }
            }
        }
        if (columns.empty())
        {
            throw InputError::ForAttribute("Services",
                                           "unknown service '" + name +
                                               "' (sms-in, sms-out, call-in, call-out, internet, "
                                               "sms, calls)");
        }
        for (uint32_t k : columns)
        {
            if (!usedBy[k].empty())
            {
                throw InputError::ForAttribute("Services",
                                               "the kind " + kinds[k] + " is in both '" +
                                                   usedBy[k] + "' and '" + name + "'");
            }
            usedBy[k] = name;
        }
        out.emplace_back(name, columns);
    }
    if (out.empty())
    {
        throw InputError::ForAttribute("Services", "needs at least one service");
    }
    return out;
}

Ptr<ServiceCatalog>
MilanDataset::CreateCatalog(const std::vector<std::string>& services)
{
    // Slice class and SLA per kind: assumptions of this module (see the documentation).
    // Shares (powers of two, exact in binary and in text) serve only as the decomposers'
    // fallback for a node without training traffic.
    std::vector<ServiceDescriptor> out;
    for (const auto& name : services)
    {
        ServiceDescriptor d;
        d.name = name;
        d.volatility = 0.2;
        d.workdayProfile.fill(1.0);
        d.holidayProfile.fill(1.0);
        if (name == "internet")
        {
            d.category = "web";
            d.share = 0.75;
            d.slice = "embb-data";
            d.qci = 9;
            d.slaDelivered = 0.99;
            d.slaDelayMs = 300;
        }
        else if (name.rfind("call", 0) == 0)
        {
            d.category = "voice";
            d.share = name == "calls" ? 0.125 : 0.0625;
            d.slice = "voice";
            d.qci = 1;
            d.slaDelivered = 0.999;
            d.slaDelayMs = 100;
        }
        else
        {
            d.category = "messaging";
            d.share = name == "sms" ? 0.125 : 0.0625;
            d.slice = "messaging";
            d.qci = 5;
            d.slaDelivered = 0.999;
            d.slaDelayMs = 100;
        }
        out.push_back(d);
    }
    Ptr<ServiceCatalog> catalog = CreateObject<ServiceCatalog>();
    catalog->SetServices(out);
    return catalog;
}

void
MilanDataset::SetGrid(Ptr<MilanGrid> grid)
{
    NS_LOG_FUNCTION(this << grid);
    m_grid = grid;
}

Ptr<MilanGrid>
MilanDataset::GetGrid() const
{
    return m_grid;
}

void
MilanDataset::Add(const CsvTableReader& reader, const MilanRecordReader::Record& record)
{
    const MilanRecordReader::Variant variant = record.variant;
    const int64_t day = FloorDiv(record.localMinutes, 24 * 60);
    const uint32_t interval =
        static_cast<uint32_t>((record.localMinutes - day * 24 * 60) / 10); // on a boundary
    auto it = m_days.find(day);
    const size_t nSq = m_seen.size();
    const size_t nG = m_groups.size();
    if (it == m_days.end())
    {
        Day d;
        d.values.assign(INTERVALS_PER_DAY * nG * nSq, 0.0f);
        d.variant = variant;
        d.file = reader.GetPath();
        it = m_days.emplace(day, std::move(d)).first;
    }
    else if (it->second.variant != variant)
    {
        throw reader.Error("the day " + CivilDate::FromDayNumber(day).ToString() + " is also in " +
                           it->second.file + ", a file of the other variant (" +
                           VariantName(it->second.variant) +
                           "): mixed variants overlap; keep one variant per day");
    }
    for (uint32_t k = 0; k < MilanRecordReader::N_KINDS; ++k)
    {
        // Stored in single precision, and summed over lines, squares and intervals.
        if (record.activity[k] > 1e30)
        {
            throw reader.Error("activity " + std::to_string(record.activity[k]) + " of " +
                               MilanRecordReader::GetKindNames()[k] +
                               " is beyond the range the demand holds (1e30)");
        }
    }
    float* row = it->second.values.data() + static_cast<size_t>(interval) * nG * nSq;
    for (uint32_t k = 0; k < MilanRecordReader::N_KINDS; ++k)
    {
        const int32_t g = m_groupOfKind[k];
        if (g >= 0)
        {
            row[static_cast<size_t>(g) * nSq + record.square - 1] +=
                static_cast<float>(record.activity[k]);
        }
    }
    m_seen[record.square - 1] = true;
    ++m_records;
}

uint32_t
MilanDataset::LoadDirectory(const std::string& dir)
{
    NS_LOG_FUNCTION(this << dir);
    if (!m_grid)
    {
        m_grid = CreateObject<MilanGrid>();
    }
    m_groups = ParseServices(m_services);
    m_groupOfKind.assign(MilanRecordReader::N_KINDS, -1);
    for (size_t g = 0; g < m_groups.size(); ++g)
    {
        for (uint32_t k : m_groups[g].second)
        {
            m_groupOfKind[k] = static_cast<int32_t>(g);
        }
    }
    m_days.clear();
    m_seen.assign(m_grid->GetNSquares(), false);
    m_records = 0;
    m_dir = dir;
    const std::vector<std::string> files = MilanRecordReader::ListDirectory(dir);
    for (const auto& file : files)
    {
        const auto variant = MilanRecordReader::ReadFile(
            file,
            m_grid->GetNSquares(),
            m_utcOffset,
            [this](const CsvTableReader& reader, const MilanRecordReader::Record& r)
            { Add(reader, r); });
        NS_LOG_INFO(file << ": " << VariantName(variant));
    }
    m_nFiles = static_cast<uint32_t>(files.size());
    return m_nFiles;
}

void
MilanDataset::UseStations(const std::vector<Vector>& stations, const std::string& source)
{
    NS_LOG_FUNCTION(this << stations.size() << source);
    if (stations.empty())
    {
        throw InputError::InFile(source, "no base station in the grid's area");
    }
    m_stations = stations;
    m_stationSource = source;
}

void
MilanDataset::LoadOpenCellId(const std::string& path)
{
    NS_LOG_FUNCTION(this << path);
    if (!m_grid)
    {
        m_grid = CreateObject<MilanGrid>();
    }
    Ptr<OpenCellIdLoader> cells = CreateObject<OpenCellIdLoader>();
    cells->Load(path);
    const std::vector<Vector> positions = cells->GetStationPositions(m_grid);
    if (positions.empty())
    {
        IntegerValue mcc;
        IntegerValue mnc;
        cells->GetAttribute("Mcc", mcc);
        cells->GetAttribute("Mnc", mnc);
        throw InputError::InFile(path,
                                 "no station in the Milan grid's area passes the filters (" +
                                     std::to_string(cells->GetNRows()) + " rows, " +
                                     std::to_string(cells->GetTowers().size()) + " with MCC " +
                                     std::to_string(mcc.Get()) + ", MNC " +
                                     std::to_string(mnc.Get()) +
                                     "; see ns3::OpenCellIdLoader's attributes)");
    }
    UseStations(positions, path);
}

void
MilanDataset::Build()
{
    NS_LOG_FUNCTION(this);
    if (m_days.empty())
    {
        throw InputError("MilanDataset: no records were read (call LoadDirectory() first)");
    }
    const double slotMin = m_slot.GetSeconds() / 60.0;
    const double factorD = slotMin / 10.0;
    if (std::abs(factorD - std::round(factorD)) > 1e-9 || std::round(factorD) < 1 ||
        INTERVALS_PER_DAY % static_cast<uint32_t>(std::round(factorD)) != 0)
    {
        throw InputError::ForAttribute("SlotDuration",
                                       "the Milan data come in 10-minute intervals: the slot "
                                       "must be 10 minutes or a multiple dividing a day (10, "
                                       "20, 30, 40, 60, 80, 90, 120, ... min), not " +
                                           std::to_string(slotMin) + " min");
    }
    const uint32_t factor = static_cast<uint32_t>(std::round(factorD));
    const uint32_t slotsPerDay = INTERVALS_PER_DAY / factor;

    // Days: every one from the first to the last.
    const int64_t first = m_days.begin()->first;
    const int64_t last = m_days.rbegin()->first;
    m_dates.clear();
    for (int64_t d = first; d <= last; ++d)
    {
        if (m_days.count(d) == 0)
        {
            throw InputError::InFile(m_dir,
                                     "no records for " + CivilDate::FromDayNumber(d).ToString() +
                                         ", between " + CivilDate::FromDayNumber(first).ToString() +
                                         " and " + CivilDate::FromDayNumber(last).ToString() +
                                         ": the days must follow each other");
        }
        m_dates.push_back(CivilDate::FromDayNumber(d));
    }

    // Squares with records, and the antenna of each.
    const uint32_t nSq = static_cast<uint32_t>(m_seen.size());
    std::vector<uint32_t> squares; // 0-based square indices with records
    for (uint32_t s = 0; s < nSq; ++s)
    {
        if (m_seen[s])
        {
            squares.push_back(s);
        }
    }
    m_nSquaresWithData = static_cast<uint32_t>(squares.size());
    std::vector<int64_t> antennaOf(nSq, -1);
    m_positions.clear();
    m_ids.clear();
    m_dropped = 0;
    m_idle = 0;
    if (m_stations.empty())
    {
        for (uint32_t s : squares)
        {
            antennaOf[s] = static_cast<int64_t>(m_positions.size());
            m_positions.push_back(m_grid->GetCentre(s + 1));
            m_ids.push_back(std::to_string(s + 1));
        }
    }
    else
    {
        // The station mapper's Voronoi assignment of the squares' centres.
        HourlyVolume centres(static_cast<uint32_t>(squares.size()), {m_dates.front()});
        std::vector<Vector> positions;
        for (uint32_t s : squares)
        {
            positions.push_back(m_grid->GetCentre(s + 1));
        }
        centres.SetPositions(positions);
        Ptr<StationTrafficMapper> mapper = CreateObject<StationTrafficMapper>();
        mapper->Map(centres, m_stations);
        const auto& assignment = mapper->GetAssignment();
        m_dropped = mapper->GetNDropped();
        std::vector<int64_t> antennaOfStation(m_stations.size(), -1);
        std::vector<bool> used(m_stations.size(), false);
        for (int64_t st : assignment)
        {
            if (st >= 0)
            {
                used[st] = true;
            }
        }
        for (size_t st = 0; st < m_stations.size(); ++st)
        {
            if (used[st])
            {
                antennaOfStation[st] = static_cast<int64_t>(m_positions.size());
                m_positions.push_back(m_stations[st]);
                m_ids.push_back("bs" + std::to_string(st + 1));
            }
            else
            {
                ++m_idle;
            }
        }
        for (size_t i = 0; i < squares.size(); ++i)
        {
            if (assignment[i] >= 0)
            {
                antennaOf[squares[i]] = antennaOfStation[assignment[i]];
            }
        }
        if (m_positions.empty())
        {
            throw InputError::InFile(m_stationSource, "no station covers a square with records");
        }
    }
    const uint32_t nA = static_cast<uint32_t>(m_positions.size());
    const uint32_t nG = static_cast<uint32_t>(m_groups.size());

    // Calendar: weekdays from the dates, the classifier's listed holidays.
    m_calendar = CreateObject<TrafficCalendar>();
    m_calendar->SetSlotDuration(m_slot);
    m_calendar->SetAttribute("StartWeekday", UintegerValue(m_dates.front().GetWeekday()));
    Ptr<DayClassifier> classifier = CreateObject<DayClassifier>();
    m_holidayIndex.clear();
    for (const auto& h : classifier->GetHolidayDates())
    {
        if (h.GetDayNumber() >= first && h.GetDayNumber() <= last)
        {
            m_holidayIndex.push_back(static_cast<uint64_t>(h.GetDayNumber() - first));
        }
    }
    std::string holidays;
    for (uint64_t h : m_holidayIndex)
    {
        holidays += (holidays.empty() ? "" : ",") + std::to_string(h);
    }
    m_calendar->SetAttribute("Holidays", StringValue(holidays));
    m_calendar->Validate();

    std::vector<std::string> names;
    for (const auto& g : m_groups)
    {
        names.push_back(g.first);
    }
    m_catalog = CreateCatalog(names);

    // Demand: per slot, the activity of the slot's intervals, summed per antenna; each day is
    // freed once converted.
    std::vector<std::vector<float>> blocks;
    blocks.reserve(m_dates.size() * slotsPerDay);
    std::vector<double> sum(static_cast<size_t>(nG) * nA);
    for (auto it = m_days.begin(); it != m_days.end(); it = m_days.erase(it))
    {
        const std::vector<float>& values = it->second.values;
        for (uint32_t t = 0; t < slotsPerDay; ++t)
        {
            std::fill(sum.begin(), sum.end(), 0.0);
            for (uint32_t i = t * factor; i < (t + 1) * factor; ++i)
            {
                for (uint32_t g = 0; g < nG; ++g)
                {
                    const float* row = values.data() + (static_cast<size_t>(i) * nG + g) * nSq;
                    double* out = sum.data() + static_cast<size_t>(g) * nA;
                    for (uint32_t s : squares)
                    {
                        const int64_t a = antennaOf[s];
                        if (a >= 0)
                        {
                            out[a] += row[s];
                        }
                    }
                }
            }
            blocks.emplace_back(sum.begin(), sum.end());
        }
    }
    m_seen.clear();

    m_source = CreateObject<TraceTrafficSource>();
    m_source->SetServiceCatalog(m_catalog);
    m_source->SetCalendar(m_calendar);
    m_source->SetAntennaIds(m_ids);
    m_source->SetDemand(std::move(blocks));
    NS_LOG_INFO("Milan: " << m_nFiles << " files, " << m_records << " records, " << m_dates.size()
                          << " days, " << m_nSquaresWithData << " squares with records, " << nA
                          << " antennas, " << nG << " services, " << m_dropped
                          << " squares dropped, " << m_idle << " idle stations");
}

const std::vector<Vector>&
MilanDataset::GetPositions() const
{
    return m_positions;
}

const std::vector<std::string>&
MilanDataset::GetIds() const
{
    return m_ids;
}

Ptr<TraceTrafficSource>
MilanDataset::GetSource() const
{
    return m_source;
}

Ptr<ServiceCatalog>
MilanDataset::GetCatalog() const
{
    return m_catalog;
}

Ptr<TrafficCalendar>
MilanDataset::GetCalendar() const
{
    return m_calendar;
}

const std::vector<CivilDate>&
MilanDataset::GetDates() const
{
    return m_dates;
}

std::string
MilanDataset::GetCalendarFlags() const
{
    NS_ABORT_MSG_IF(!m_calendar, "GetCalendarFlags() before Build()");
    std::ostringstream s;
    s << "--ns3::TrafficCalendar::StartWeekday=" << m_dates.front().GetWeekday();
    std::string holidays;
    for (uint64_t h : m_holidayIndex)
    {
        holidays += (holidays.empty() ? "" : ",") + std::to_string(h);
    }
    if (!holidays.empty())
    {
        s << " --ns3::TrafficCalendar::Holidays=" << holidays;
    }
    return s.str();
}

uint32_t
MilanDataset::GetNFiles() const
{
    return m_nFiles;
}

uint64_t
MilanDataset::GetNRecords() const
{
    return m_records;
}

uint32_t
MilanDataset::GetNSquaresWithData() const
{
    return m_nSquaresWithData;
}

uint32_t
MilanDataset::GetNDroppedSquares() const
{
    return m_dropped;
}

uint32_t
MilanDataset::GetNIdleStations() const
{
    return m_idle;
}

void
MilanDataset::WriteReplayFiles(const std::string& antennasPath,
                               const std::string& tracePath,
                               const std::string& catalogPath) const
{
    NS_LOG_FUNCTION(this << antennasPath << tracePath << catalogPath);
    NS_ABORT_MSG_IF(!m_source, "WriteReplayFiles() before Build()");
    {
        AtomicFileWriter writer(antennasPath);
        auto& out = writer.Stream();
        out << "id,x_m,y_m\n";
        char number[64];
        for (size_t a = 0; a < m_positions.size(); ++a)
        {
            out << m_ids[a];
            std::snprintf(number, sizeof(number), ",%.17g", m_positions[a].x);
            out << number;
            std::snprintf(number, sizeof(number), ",%.17g\n", m_positions[a].y);
            out << number;
        }
        writer.Commit();
    }
    m_catalog->WriteCsv(catalogPath);
    TrafficTraceWriter::Write(m_source, tracePath, 0, m_source->GetNSlots(), m_ids);
}

} // namespace ns3
