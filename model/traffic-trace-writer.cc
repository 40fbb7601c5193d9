/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "traffic-trace-writer.h"

#include "atomic-file-writer.h"
#include "input-error.h"

#include "ns3/log.h"

#include <cstdio>
#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TrafficTraceWriter");

void
TrafficTraceWriter::Write(Ptr<TrafficSource> source,
                          const std::string& path,
                          uint64_t firstSlot,
                          uint64_t nSlots,
                          const std::vector<std::string>& antennaIds)
{
    NS_LOG_FUNCTION(source << path << firstSlot << nSlots);
    const uint32_t nA = source->GetNAntennas();
    if (antennaIds.size() != nA)
    {
        throw InputError::InFile(path,
                                 "cannot write the trace: " + std::to_string(antennaIds.size()) +
                                     " antenna ids for a source of " + std::to_string(nA) +
                                     " antennas");
    }
    std::set<std::string> seen;
    for (const auto& id : antennaIds)
    {
        if (id.empty() || id.find_first_of(",\n\r#") != std::string::npos ||
            id.find_first_of(" \t") == 0 || id.find_last_of(" \t") == id.size() - 1)
        {
            throw InputError::InFile(path,
                                     "cannot write the trace: antenna id '" + id +
                                         "' is empty or holds a comma, '#', a line break "
                                         "or surrounding blanks");
        }
        if (!seen.insert(id).second)
        {
            throw InputError::InFile(path,
                                     "cannot write the trace: antenna id '" + id +
                                         "' is listed twice");
        }
    }
    if (firstSlot + nSlots > source->GetNSlots() || firstSlot + nSlots < firstSlot)
    {
        throw InputError::InFile(path,
                                 "cannot write the trace: slots " + std::to_string(firstSlot) +
                                     " + " + std::to_string(nSlots) + " exceed the source's " +
                                     std::to_string(source->GetNSlots()));
    }
    const auto names = source->GetServiceCatalog()->GetNames();
    const double slotSeconds = source->GetCalendar()->GetSlotDuration().GetSeconds();

    AtomicFileWriter writer(path);
    auto& out = writer.Stream();
    out << "time_s,antenna,service,mbps\n";
    DemandMatrix d;
    char number[64];
    std::string line;
    for (uint64_t t = firstSlot; t < firstSlot + nSlots; ++t)
    {
        source->GetDemand(t, d);
        std::snprintf(number, sizeof(number), "%.17g", t * slotSeconds);
        const std::string time(number);
        for (uint32_t a = 0; a < nA; ++a)
        {
            for (uint32_t s = 0; s < names.size(); ++s)
            {
                const float v = static_cast<float>(d(s, a));
                std::snprintf(number, sizeof(number), "%.9g", static_cast<double>(v));
                line.clear();
                line.append(time).append(",").append(antennaIds[a]).append(",");
                line.append(names[s]).append(",").append(number).append("\n");
                out << line;
            }
        }
    }
    writer.Commit();
}

} // namespace ns3
