/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "demand-unit-relabeler.h"

#include "atomic-file-writer.h"
#include "input-error.h"

#include "ns3/log.h"

#include <fstream>
#include <regex>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DemandUnitRelabeler");

namespace
{
/**
 * \param text a text.
 * \param from what to replace.
 * \param to the replacement.
 * \return the text with every from replaced.
 */
std::string
ReplaceAll(std::string text, const std::string& from, const std::string& to)
{
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    {
        text.replace(at, from.size(), to);
    }
    return text;
}

/**
 * \param path a file.
 * \param content receives its content.
 * \return false if it does not exist.
 */
bool
ReadAll(const std::string& path, std::string& content)
{
    std::ifstream in(path, std::ios::binary);
    if (!in.is_open())
    {
        return false;
    }
    std::ostringstream s;
    s << in.rdbuf();
    if (in.bad())
    {
        throw InputError::InFile(path, "cannot read the file");
    }
    content = s.str();
    return true;
}
} // namespace

std::string
DemandUnitRelabeler::RelabelText(const std::string& text, const std::string& unit)
{
    if (unit == "Mbps")
    {
        return text;
    }
    std::string out = ReplaceAll(text, "_MBps", "_" + unit);
    out = ReplaceAll(out, "_mbps", "_" + unit);
    out = ReplaceAll(out, "MB/s", unit);
    return ReplaceAll(out, "Mbps", unit);
}

std::string
DemandUnitRelabeler::RelabelJsonKeys(const std::string& json, const std::string& unit)
{
    if (unit == "Mbps")
    {
        return json;
    }
    // Only the keys: "..._MBps..." or "..._mbps..." followed by a colon.
    static const std::regex key("\"([A-Za-z0-9_]*)_(MBps|mbps)([A-Za-z0-9_]*)\"(\\s*:)");
    return std::regex_replace(json, key, "\"$1_" + unit + "$3\"$4");
}

void
DemandUnitRelabeler::RelabelOutputs(const std::string& dir, const std::string& unit)
{
    NS_LOG_FUNCTION(dir << unit);
    if (unit == "Mbps")
    {
        return;
    }
    for (const char* name : {"node_costs.csv", "table3.csv", "slots.csv"})
    {
        const std::string path = dir + "/" + name;
        std::string content;
        if (!ReadAll(path, content))
        {
            continue;
        }
        const size_t eol = content.find('\n');
        const std::string header = content.substr(0, eol);
        AtomicFileWriter writer(path);
        writer.Stream() << RelabelText(header, unit)
                        << (eol == std::string::npos ? "" : content.substr(eol));
        writer.Commit();
    }
    const std::string path = dir + "/summary.json";
    std::string content;
    if (ReadAll(path, content))
    {
        AtomicFileWriter writer(path);
        writer.Stream() << RelabelJsonKeys(content, unit);
        writer.Commit();
    }
}

} // namespace ns3
