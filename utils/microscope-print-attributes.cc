/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup microscope
 * microscope-print-attributes: the attribute and trace-source tables of the module's
 * documentation (doc/sections/attributes.rst), generated from the registered TypeIds so that
 * they cannot drift from the code.
 *
 * It walks ns-3's TypeId registry, keeps the types whose group name is "Microscope" (the
 * SetGroupName of every GetTypeId of the module) and prints one reStructuredText section with
 * a table of attributes (name, description, default, accepted values) and a table of trace
 * sources (name, description, callback signature) per type, sorted by name. Regenerate with
 * `./microscope docs --update-attributes`; the ctest test microscope-attributes-doc fails when
 * the committed file differs from this program's output.
 *
 * Not an example (it is built in build/utils, outside the examples users see), in the spirit
 * of ns-3's utils/print-introspected-doxygen.
 */

#include "ns3/attribute.h"
#include "ns3/command-line.h"
#include "ns3/slot-orchestrator.h"
#include "ns3/type-id.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// The group name that the module's GetTypeId calls set.
const std::string GROUP = "Microscope";

/**
 * Escape plain text for a reStructuredText paragraph (a table cell): inline markup characters
 * are backslash-escaped, and a leading character that would start a list or a comment too.
 * \param text the text
 * \return the escaped text
 */
std::string
EscapeRst(const std::string& text)
{
    std::string out;
    for (char c : text)
    {
        if (c == '\\' || c == '*' || c == '`' || c == '|' || c == '_')
        {
            out += '\\';
        }
        out += c;
    }
    // Markers of bullet and enumerated lists, and of comments, at the start of the cell.
    const bool listStart =
        (out.size() >= 2 && (out[0] == '-' || out[0] == '+' || out[0] == '#') && out[1] == ' ') ||
        out.rfind("..", 0) == 0 || out.rfind("#.", 0) == 0;
    bool enumStart = false;
    size_t digits = 0;
    while (digits < out.size() && std::isdigit(static_cast<unsigned char>(out[digits])))
    {
        ++digits;
    }
    if (digits > 0 && digits + 1 < out.size() && (out[digits] == '.' || out[digits] == ')') &&
        out[digits + 1] == ' ')
    {
        enumStart = true;
    }
    if (listStart || enumStart)
    {
        out.insert(0, "\\");
    }
    return out;
}

/**
 * A value as inline literal text, or as escaped text where a literal cannot hold it.
 * \param value the value
 * \return reStructuredText
 */
std::string
Literal(const std::string& value)
{
    if (value.empty())
    {
        return "(empty)";
    }
    if (value.find("``") != std::string::npos ||
        std::isspace(static_cast<unsigned char>(value[0])) ||
        std::isspace(static_cast<unsigned char>(value.back())))
    {
        return "\"" + EscapeRst(value) + "\"";
    }
    return "``" + value + "``";
}

/**
 * Whether a bound printed by a numeric checker is the extreme of its type (no bound).
 * \param type the checker's type name (double, uint32_t, ...)
 * \param bound the printed bound
 * \param lower true for the minimum, false for the maximum
 * \return true when the bound is the type's own limit
 */
bool
IsTypeLimit(const std::string& type, const std::string& bound, bool lower)
{
    std::istringstream in(bound);
    long double v = 0;
    if (!(in >> v))
    {
        return false;
    }
    auto near = [&v](long double limit)
    { return std::fabs(v - limit) <= 1e-5L * std::max<long double>(1.0L, std::fabs(limit)); };
    if (type == "double" || type == "float")
    {
        const long double m = type == "double" ? std::numeric_limits<double>::max()
                                               : std::numeric_limits<float>::max();
        return near(lower ? -m : m);
    }
    static const std::map<std::string, std::pair<long double, long double>> limits = {
        {"int8_t", {INT8_MIN, INT8_MAX}},
        {"int16_t", {INT16_MIN, INT16_MAX}},
        {"int32_t", {INT32_MIN, INT32_MAX}},
        {"int64_t", {static_cast<long double>(INT64_MIN), static_cast<long double>(INT64_MAX)}},
        {"uint8_t", {0, UINT8_MAX}},
        {"uint16_t", {0, UINT16_MAX}},
        {"uint32_t", {0, UINT32_MAX}},
        {"uint64_t", {0, static_cast<long double>(UINT64_MAX)}},
    };
    auto it = limits.find(type);
    if (it == limits.end())
    {
        return false;
    }
    return near(lower ? it->second.first : it->second.second);
}

/**
 * A Time as ns-3 serializes it ("+3.6e+12ns") in the largest unit that holds it exactly
 * ("1h"), in the syntax that TimeValue parses back.
 * \param value the serialized Time
 * \param unbounded set to true for Time's own extremes (no bound)
 * \return the readable form, or the value unchanged when it is not in nanoseconds
 */
std::string
FormatTime(const std::string& value, bool* unbounded = nullptr)
{
    if (unbounded)
    {
        *unbounded = false;
    }
    if (value.size() < 3 || value.compare(value.size() - 2, 2, "ns") != 0)
    {
        return value;
    }
    std::istringstream in(value.substr(0, value.size() - 2));
    long double ns = 0;
    if (!(in >> ns))
    {
        return value;
    }
    if (std::fabs(ns) >= 9.2e18L)
    {
        if (unbounded)
        {
            *unbounded = true;
        }
        return value;
    }
    if (ns == 0)
    {
        return "0s";
    }
    static const std::vector<std::pair<const char*, long double>> units = {
        {"d", 86400e9L},
        {"h", 3600e9L},
        {"min", 60e9L},
        {"s", 1e9L},
        {"ms", 1e6L},
        {"us", 1e3L},
    };
    std::ostringstream os;
    for (const auto& unit : units)
    {
        const long double n = ns / unit.second;
        if (std::fabs(n) >= 1 && std::fabs(n - std::round(n)) < 1e-9L)
        {
            os << static_cast<long long>(std::llround(n)) << unit.first;
            return os.str();
        }
    }
    os << static_cast<long long>(std::llround(ns)) << "ns";
    return os.str();
}

/**
 * The values an attribute accepts, from its checker: the value type, and the range or the
 * choices where the checker knows them.
 * \param checker the attribute's checker
 * \return reStructuredText
 */
std::string
AcceptedValues(Ptr<const AttributeChecker> checker)
{
    const std::string valueType = checker->GetValueTypeName();
    std::string type = valueType;
    const std::string prefix = "ns3::";
    if (type.rfind(prefix, 0) == 0)
    {
        type = type.substr(prefix.size());
    }
    if (!checker->HasUnderlyingTypeInformation())
    {
        return EscapeRst(type);
    }
    const std::string info = checker->GetUnderlyingTypeInformation();
    // Enums: "A|B|C".
    if (type == "EnumValue")
    {
        std::ostringstream os;
        os << "one of";
        std::istringstream in(info);
        std::string choice;
        bool first = true;
        while (std::getline(in, choice, '|'))
        {
            os << (first ? " " : ", ") << Literal(choice);
            first = false;
        }
        return os.str();
    }
    // Numbers and times: "<type> <min>:<max>".
    static const std::set<std::string> ranged = {"double",
                                                 "float",
                                                 "int8_t",
                                                 "int16_t",
                                                 "int32_t",
                                                 "int64_t",
                                                 "uint8_t",
                                                 "uint16_t",
                                                 "uint32_t",
                                                 "uint64_t",
                                                 "Time"};
    const size_t space = info.find(' ');
    const size_t colon = info.rfind(':');
    if (space != std::string::npos && colon != std::string::npos && colon > space &&
        ranged.count(info.substr(0, space)) > 0)
    {
        const std::string under = info.substr(0, space);
        std::string lo = info.substr(space + 1, colon - space - 1);
        std::string hi = info.substr(colon + 1);
        bool noLo = false;
        bool noHi = false;
        if (under == "Time")
        {
            lo = FormatTime(lo, &noLo);
            hi = FormatTime(hi, &noHi);
        }
        else
        {
            noLo = IsTypeLimit(under, lo, true);
            noHi = IsTypeLimit(under, hi, false);
        }
        std::ostringstream os;
        os << EscapeRst(under);
        if (!noLo && !noHi)
        {
            os << ", " << Literal(lo) << " to " << Literal(hi);
        }
        else if (!noLo)
        {
            os << ", at least " << Literal(lo);
        }
        else if (!noHi)
        {
            os << ", at most " << Literal(hi);
        }
        return os.str();
    }
    return EscapeRst(info.empty() ? type : info);
}

/**
 * What an attribute's flags allow, when it is not the usual get, set and construct.
 * \param flags TypeId::AttributeFlag bits
 * \return a note, or empty
 */
std::string
FlagsNote(uint32_t flags)
{
    if ((flags & TypeId::ATTR_SGC) == TypeId::ATTR_SGC)
    {
        return "";
    }
    std::vector<std::string> can;
    if (flags & TypeId::ATTR_GET)
    {
        can.emplace_back("read");
    }
    if (flags & TypeId::ATTR_SET)
    {
        can.emplace_back("set");
    }
    if (flags & TypeId::ATTR_CONSTRUCT)
    {
        can.emplace_back("set at construction");
    }
    std::string note = " (can only be ";
    for (size_t i = 0; i < can.size(); ++i)
    {
        note += (i == 0 ? "" : i + 1 == can.size() ? " and " : ", ") + can[i];
    }
    return note + ")";
}

/**
 * A note on a deprecated or obsolete attribute or trace source.
 * \param level its support level
 * \param message its support message
 * \return the note, or empty
 */
std::string
SupportNote(TypeId::SupportLevel level, const std::string& message)
{
    switch (level)
    {
    case TypeId::DEPRECATED:
        return " **Deprecated**" + (message.empty() ? "" : ": " + EscapeRst(message));
    case TypeId::OBSOLETE:
        return " **Obsolete**" + (message.empty() ? "" : ": " + EscapeRst(message));
    default:
        return "";
    }
}

/**
 * Replace every occurrence of a prefix (an absolute path of the build machine) in a default.
 * \param value the serialized default
 * \param from the path
 * \param to its replacement
 * \return the value
 */
std::string
ReplaceAll(std::string value, const std::string& from, const std::string& to)
{
    if (from.empty())
    {
        return value;
    }
    size_t at = 0;
    while ((at = value.find(from, at)) != std::string::npos)
    {
        value.replace(at, from.size(), to);
        at += to.size();
    }
    return value;
}

/// The title underline (or overline) of a heading.
std::string
Underline(const std::string& title, char c)
{
    return std::string(title.size(), c);
}

/**
 * Print the head of a list-table: its caption, widths and header row.
 * \param os where to
 * \param caption the table's caption
 * \param columns each column's title and relative width
 */
void
TableHeader(std::ostream& os,
            const std::string& caption,
            const std::vector<std::pair<std::string, int>>& columns)
{
    os << ".. list-table:: " << caption << "\n   :header-rows: 1\n   :widths:";
    for (const auto& column : columns)
    {
        os << " " << column.second;
    }
    os << "\n\n";
    for (size_t i = 0; i < columns.size(); ++i)
    {
        os << (i == 0 ? "   * - " : "     - ") << columns[i].first << "\n";
    }
}

/**
 * Print one type's section.
 * \param os where to
 * \param tid the type
 * \param sourceDir the module's source folder, replaced in defaults by a placeholder
 */
void
PrintType(std::ostream& os, TypeId tid, const std::string& sourceDir)
{
    const std::string title = "``" + tid.GetName() + "``";
    os << title << "\n" << Underline(title, '+') << "\n\n";
    const TypeId parent = tid.GetParent();
    os << "Parent: ``" << parent.GetName() << "``";
    if (parent.GetGroupName() == GROUP)
    {
        os << " (its attributes apply too)";
    }
    os << ". ";
    os << (tid.HasConstructor() ? "Created through ``ObjectFactory`` or ``CreateObject``."
                                : "Not created by name (no registered constructor).");
    // The attributes it inherits from ns-3's own classes (those of the module's parents are in
    // their own sections).
    for (TypeId p = parent; p.GetGroupName() != GROUP; p = p.GetParent())
    {
        if (p.GetAttributeN() > 0)
        {
            os << " Inherited from ``" << p.GetName() << "`` (ns-3):";
            for (uint32_t i = 0; i < p.GetAttributeN(); ++i)
            {
                os << (i == 0 ? " " : ", ") << "``" << p.GetAttribute(i).name << "``";
            }
            os << ".";
        }
        if (p == p.GetParent())
        {
            break;
        }
    }
    os << "\n\n";

    if (tid.GetAttributeN() == 0)
    {
        os << "No attributes of its own.\n\n";
    }
    else
    {
        TableHeader(os,
                    "Attributes of ``" + tid.GetName() + "``",
                    {{"Attribute", 18}, {"Description", 52}, {"Default", 15}, {"Values", 15}});
        for (uint32_t i = 0; i < tid.GetAttributeN(); ++i)
        {
            const TypeId::AttributeInformation info = tid.GetAttribute(i);
            std::string value = info.originalInitialValue->SerializeToString(info.checker);
            value = ReplaceAll(value, sourceDir, "<module>");
            const std::string valueType = info.checker->GetValueTypeName();
            if (valueType == "ns3::TimeValue")
            {
                value = FormatTime(value);
            }
            else if (valueType == "ns3::PointerValue" && value == "0")
            {
                value = "null";
            }
            os << "   * - ``" << info.name << "``\n"
               << "     - " << EscapeRst(info.help) << FlagsNote(info.flags)
               << SupportNote(info.supportLevel, info.supportMsg) << "\n"
               << "     - " << Literal(value) << "\n"
               << "     - " << AcceptedValues(info.checker) << "\n";
        }
        os << "\n";
    }

    if (tid.GetTraceSourceN() > 0)
    {
        TableHeader(os,
                    "Trace sources of ``" + tid.GetName() + "``",
                    {{"Trace source", 18}, {"Description", 52}, {"Callback signature", 30}});
        for (uint32_t i = 0; i < tid.GetTraceSourceN(); ++i)
        {
            const TypeId::TraceSourceInformation info = tid.GetTraceSource(i);
            os << "   * - ``" << info.name << "``\n"
               << "     - " << EscapeRst(info.help)
               << SupportNote(info.supportLevel, info.supportMsg) << "\n"
               << "     - " << Literal(info.callback) << "\n";
        }
        os << "\n";
    }
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string output;
#ifdef MICROSCOPE_SOURCE_DIR
    std::string sourceDir = MICROSCOPE_SOURCE_DIR;
#else
    std::string sourceDir;
#endif
    CommandLine cmd(__FILE__);
    cmd.Usage("Print the attribute and trace-source tables of the microscope module's types "
              "(reStructuredText, doc/sections/attributes.rst).");
    cmd.AddValue("output", "write to this file instead of the standard output", output);
    cmd.AddValue("source-dir",
                 "the module's source folder, replaced by <module> in the defaults (file paths)",
                 sourceDir);
    cmd.Parse(argc, argv);

    // Makes sure the module's library is linked (and so its TypeIds registered).
    SlotOrchestrator::GetTypeId();

    std::vector<TypeId> types;
    for (uint16_t i = 0; i < TypeId::GetRegisteredN(); ++i)
    {
        const TypeId tid = TypeId::GetRegistered(i);
        if (tid.GetGroupName() == GROUP && !tid.MustHideFromDocumentation())
        {
            types.push_back(tid);
        }
    }
    if (types.empty())
    {
        std::cerr << "microscope-print-attributes: no registered type has the group name '" << GROUP
                  << "'" << std::endl;
        return 1;
    }
    auto byName = [](TypeId a, TypeId b) { return a.GetName() < b.GetName(); };
    std::sort(types.begin(), types.end(), byName);

    // Each type under its topmost ancestor of the module: a base with subclasses of the
    // module heads a group of its own, the other types are one group.
    auto root = [](TypeId tid)
    {
        TypeId r = tid;
        for (TypeId p = tid.GetParent(); p != tid && p.GetGroupName() == GROUP; p = p.GetParent())
        {
            r = p;
            if (p == p.GetParent())
            {
                break;
            }
        }
        return r;
    };
    std::map<std::string, std::vector<TypeId>> families;
    for (TypeId tid : types)
    {
        families[root(tid).GetName()].push_back(tid);
    }
    std::vector<std::pair<std::string, std::vector<TypeId>>> groups;
    std::vector<TypeId> others;
    for (auto& family : families)
    {
        if (family.second.size() > 1)
        {
            groups.emplace_back("``" + family.first + "`` and its subclasses", family.second);
        }
        else
        {
            others.push_back(family.second.front());
        }
    }
    std::sort(others.begin(), others.end(), byName);
    groups.emplace_back("Other types", others);

    std::ofstream file;
    if (!output.empty())
    {
        file.open(output);
        if (!file)
        {
            std::cerr << "microscope-print-attributes: --output: cannot write '" << output << "'"
                      << std::endl;
            return 1;
        }
    }
    std::ostream& os = output.empty() ? std::cout : file;

    size_t nAttributes = 0;
    size_t nTraces = 0;
    for (TypeId tid : types)
    {
        nAttributes += tid.GetAttributeN();
        nTraces += tid.GetTraceSourceN();
    }
    const std::string title = "Attributes and trace sources";
    os << ".. SPDX-License-Identifier: GPL-2.0-only\n\n"
       << ".. Generated by microscope-print-attributes (utils/microscope-print-attributes.cc)\n"
       << "   from the registered TypeIds; do not edit. Regenerate with\n"
       << "   ./microscope docs --update-attributes\n\n"
       << title << "\n"
       << Underline(title, '=') << "\n\n"
       << "The tables below are generated from the ``TypeId`` s that the module registers, every\n"
       << "type whose group name is ``" << GROUP << "``.\n"
       << types.size() << " types, " << nAttributes << " attributes and " << nTraces
       << " trace sources. Each attribute\n"
       << "is listed with its help text, its default value and the values its checker accepts\n"
       << "(bounds included); a parent's attributes apply to its subclasses as well. The ctest\n"
       << "test ``microscope-attributes-doc`` fails when this file and the code disagree;\n"
       << "``./microscope docs --update-attributes`` regenerates it. Attributes are set as in\n"
       << "any ns-3 program: ``Config::SetDefault(\"ns3::SlotOrchestrator::History\",\n"
       << "UintegerValue(12))``, ``--ns3::SlotOrchestrator::History=12`` on the command line,\n"
       << "or a helper's ``Set...Attribute`` method. A default shown as ``<module>/...`` is a\n"
       << "path inside the module's source folder.\n\n";
    for (const auto& group : groups)
    {
        if (group.second.empty())
        {
            continue;
        }
        os << group.first << "\n" << Underline(group.first, '#') << "\n\n";
        for (TypeId tid : group.second)
        {
            PrintType(os, tid, sourceDir);
        }
    }
    os.flush();
    if (!os)
    {
        std::cerr << "microscope-print-attributes: writing the tables failed" << std::endl;
        return 1;
    }
    return 0;
}
