/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the service catalog file (ServiceCatalog::Load and WriteCsv): the round trip of the
 * built-in catalog and of one with a non-default value in every column, and every malformed
 * column, header and row shape refused with the file, the line and what is wrong.
 */

#include "ns3/input-error.h"
#include "ns3/service-catalog.h"
#include "ns3/test.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <iomanip>
#include <sstream>

using namespace ns3;

namespace
{

/// The catalog file's header.
std::string
Header()
{
    std::ostringstream h;
    h << "name,category,share,slice,qci,sla_delivered,sla_delay_ms,volatility";
    for (const char* p : {"wd", "ho"})
    {
        for (int i = 0; i < 24; ++i)
        {
            h << "," << p << std::setw(2) << std::setfill('0') << i;
        }
    }
    return h.str();
}

/**
 * A valid row, with one field replaced.
 * \param name the service name.
 * \param column the field to replace (-1: none).
 * \param value its text.
 * \return the row.
 */
std::string
Row(const std::string& name, int column = -1, const std::string& value = "")
{
    std::vector<std::string> f = {name, "web", "2", "web", "8", "0.95", "150", "0.25"};
    for (int i = 0; i < 48; ++i)
    {
        f.push_back(std::to_string(1 + i % 5));
    }
    if (column >= 0)
    {
        f.at(column) = value;
    }
    std::string row;
    for (size_t i = 0; i < f.size(); ++i)
    {
        row += (i ? "," : "") + f[i];
    }
    return row;
}

/**
 * Write a file and load it.
 * \param path the file.
 * \param text its contents.
 * \return the error message, "" if it loaded.
 */
std::string
LoadError(const std::string& path, const std::string& text)
{
    std::ofstream(path) << text;
    try
    {
        CreateObject<ServiceCatalog>()->Load(path);
    }
    catch (const InputError& e)
    {
        return e.what();
    }
    return "";
}

/**
 * \param a a descriptor.
 * \param b another.
 * \return the first field that differs (relative 1e-9 for numbers), "" if none.
 */
std::string
FirstDifference(const ServiceDescriptor& a, const ServiceDescriptor& b)
{
    auto near = [](double x, double y) { return std::abs(x - y) <= 1e-9 * std::abs(x); };
    if (a.name != b.name)
    {
        return "name";
    }
    if (a.category != b.category)
    {
        return "category";
    }
    if (!near(a.share, b.share))
    {
        return "share";
    }
    if (a.slice != b.slice)
    {
        return "slice";
    }
    if (a.qci != b.qci)
    {
        return "qci";
    }
    if (!near(a.slaDelivered, b.slaDelivered))
    {
        return "sla_delivered";
    }
    if (!near(a.slaDelayMs, b.slaDelayMs))
    {
        return "sla_delay_ms";
    }
    if (!near(a.volatility, b.volatility))
    {
        return "volatility";
    }
    for (int h = 0; h < 24; ++h)
    {
        if (!near(a.workdayProfile[h], b.workdayProfile[h]))
        {
            return "workday hour " + std::to_string(h);
        }
        if (!near(a.holidayProfile[h], b.holidayProfile[h]))
        {
            return "holiday hour " + std::to_string(h);
        }
    }
    return "";
}

} // namespace

/**
 * \ingroup microscope-tests
 * WriteCsv() then Load() gives the same catalog: the built-in one, and one with a
 * non-default value in every column.
 */
class CatalogRoundTripTestCase : public TestCase
{
public:
    CatalogRoundTripTestCase()
        : TestCase(
              "Service catalog: WriteCsv then Load round trip (built-in, every column changed)")
    {
    }

private:
    void DoRun() override
    {
        Ptr<ServiceCatalog> builtIn = ServiceCatalog::CreateDefault();
        std::vector<ServiceDescriptor> custom;
        for (uint32_t s = 0; s < 3; ++s)
        {
            ServiceDescriptor d;
            d.name = "svc" + std::to_string(s);
            d.category = s == 0 ? "gaming" : "social";
            d.share = 1.0 + 3.0 * s; // 1, 4, 7: shares 1/12, 4/12, 7/12
            d.slice = "slice-" + std::to_string(s % 2);
            d.qci = s == 0 ? 3 : 7;
            d.slaDelivered = 0.9 + 0.01 * s;
            d.slaDelayMs = 40.0 + 7.5 * s;
            d.volatility = 0.05 + 0.1 * s;
            for (int h = 0; h < 24; ++h)
            {
                d.workdayProfile[h] = 0.1 + (h + s) % 7;
                d.holidayProfile[h] = h == 5 ? 0.0 : 1.0 + 0.3 * ((h * (s + 2)) % 5);
            }
            custom.push_back(d);
        }
        Ptr<ServiceCatalog> changed = CreateObject<ServiceCatalog>();
        changed->SetServices(custom);
        NS_TEST_ASSERT_MSG_EQ_TOL(changed->Get(1).share, 4.0 / 12.0, 1e-12, "shares normalised");

        for (const auto& catalog : {builtIn, changed})
        {
            const std::string path = CreateTempDirFilename("catalog.csv");
            catalog->WriteCsv(path);
            std::ifstream in(path);
            std::string header;
            std::getline(in, header);
            NS_TEST_ASSERT_MSG_EQ(header, Header(), "the header Load() expects");
            Ptr<ServiceCatalog> back = CreateObject<ServiceCatalog>();
            back->Load(path);
            NS_TEST_ASSERT_MSG_EQ(back->GetN(), catalog->GetN(), "same number of services");
            for (uint32_t s = 0; s < std::min(back->GetN(), catalog->GetN()); ++s)
            {
                NS_TEST_ASSERT_MSG_EQ(FirstDifference(catalog->Get(s), back->Get(s)),
                                      "",
                                      "service " << s << " survives the round trip");
            }
        }
        // A comment line is skipped (the line numbers of errors still count it).
        const std::string path = CreateTempDirFilename("commented.csv");
        NS_TEST_ASSERT_MSG_EQ(LoadError(path, Header() + "\n# a comment\n" + Row("A") + "\n"),
                              "",
                              "comments are allowed");
        const std::string msg =
            LoadError(path, Header() + "\n# a comment\n" + Row("A", 2, "x") + "\n");
        NS_TEST_ASSERT_MSG_NE(msg.find(path + ":3:"), std::string::npos, "line counted: " << msg);
    }
};

/**
 * \ingroup microscope-tests
 * Every malformed column, header and row shape of a catalog file is refused with the file, the
 * line and the reason.
 */
class CatalogBadInputTestCase : public TestCase
{
public:
    CatalogBadInputTestCase()
        : TestCase("Service catalog: every malformed column refused with file, line and reason")
    {
    }

private:
    void DoRun() override
    {
        const std::string path = CreateTempDirFilename("bad-catalog.csv");
        NS_TEST_ASSERT_MSG_EQ(LoadError(path, Header() + "\n" + Row("A") + "\n" + Row("B") + "\n"),
                              "",
                              "the valid base file loads");

        struct Case
        {
            int column;         //!< field of the second data row (line 3) to replace
            std::string value;  //!< its text
            std::string expect; //!< part of the message
        };

        const std::vector<Case> cases = {
            {0, "", "empty name"},
            {0, "A", "listed twice"},
            {2, "abc", "share"},
            {2, "0", "share must be positive"},
            {2, "-1", "share must be positive"},
            {2, "nan", "share"},
            {2, "inf", "share"},
            {3, "", "slice"},
            {4, "abc", "qci"},
            {4, "-3", "qci"},
            {4, "9.5", "qci"},
            {4, "42", "unknown QCI 42"},
            {4, "99999999999999999999999", "qci"},
            {4, "4294967297", "qci"}, // 2^32 + 1: not QCI 1 after a narrowing cast
            {5, "0", "sla_delivered"},
            {5, "1.5", "sla_delivered"},
            {5, "x", "sla_delivered"},
            {6, "0", "sla_delay_ms"},
            {6, "-10", "sla_delay_ms"},
            {6, "", "sla_delay_ms"},
            {7, "-0.1", "volatility"},
            {7, "5", "volatility"},
            {8, "-1", "workday"},
            {8 + 23, "nan", "workday"},
            {8 + 24, "-2", "holiday"},
            {8 + 47, "x", "holiday"},
        };
        for (const auto& c : cases)
        {
            const std::string msg =
                LoadError(path,
                          Header() + "\n" + Row("A") + "\n" + Row("B", c.column, c.value) + "\n");
            NS_TEST_ASSERT_MSG_NE(msg.find(path + ":3:"),
                                  std::string::npos,
                                  "column " << c.column << " = '" << c.value
                                            << "': file and line named: " << msg);
            NS_TEST_ASSERT_MSG_NE(msg.find(c.expect),
                                  std::string::npos,
                                  "column " << c.column << " = '" << c.value << "': '" << c.expect
                                            << "' in: " << msg);
        }
        // A profile that is zero at every hour.
        {
            std::string row = Row("B");
            std::vector<std::string> f;
            std::stringstream in(row);
            std::string field;
            while (std::getline(in, field, ','))
            {
                f.push_back(field);
            }
            for (const int first : {8, 32})
            {
                std::vector<std::string> g = f;
                for (int h = 0; h < 24; ++h)
                {
                    g[first + h] = "0";
                }
                std::string text;
                for (size_t i = 0; i < g.size(); ++i)
                {
                    text += (i ? "," : "") + g[i];
                }
                const std::string msg =
                    LoadError(path, Header() + "\n" + Row("A") + "\n" + text + "\n");
                NS_TEST_ASSERT_MSG_NE(msg.find(path + ":3:"), std::string::npos, msg);
                NS_TEST_ASSERT_MSG_NE(msg.find("zero at every hour"), std::string::npos, msg);
            }
        }
        // Row shapes.
        std::string msg = LoadError(path, Header() + "\n" + Row("A") + ",1\n");
        NS_TEST_ASSERT_MSG_NE(msg.find(path + ":2:"), std::string::npos, "extra field: " << msg);
        msg = LoadError(path, Header() + "\n" + Row("A").substr(0, Row("A").rfind(',')) + "\n");
        NS_TEST_ASSERT_MSG_NE(msg.find(path + ":2:"), std::string::npos, "short row: " << msg);
        // Headers: every one of the 56 column names is checked (a swapped or misspelt column
        // would otherwise be read as another).
        const std::string header = Header();
        for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
                 {"name", "service"},
                 {"sla_delay_ms", "sla_delay_s"},
                 {"volatility", "volatile"},
                 {"wd07", "wd7"},
                 {"ho23", "wd23"},
             })
        {
            std::string bad = header;
            bad.replace(bad.find(from), from.size(), to);
            msg = LoadError(path, bad + "\n" + Row("A") + "\n");
            NS_TEST_ASSERT_MSG_NE(msg.find(path + ":1:"),
                                  std::string::npos,
                                  "header with " << to << ": " << msg);
            NS_TEST_ASSERT_MSG_NE(msg.find(to),
                                  std::string::npos,
                                  "the wrong column named: " << msg);
        }
        msg = LoadError(path, "name,category,share\n");
        NS_TEST_ASSERT_MSG_NE(msg.find(path + ":1:"), std::string::npos, "short header: " << msg);
        msg = LoadError(path, "");
        NS_TEST_ASSERT_MSG_NE(msg.find("empty"), std::string::npos, "empty file: " << msg);
        msg = LoadError(path, Header() + "\n");
        NS_TEST_ASSERT_MSG_NE(msg.find("no service"), std::string::npos, "no row: " << msg);
        Ptr<ServiceCatalog> c = CreateObject<ServiceCatalog>();
        msg = "";
        try
        {
            c->Load(path + ".missing");
        }
        catch (const InputError& e)
        {
            msg = e.what();
        }
        NS_TEST_ASSERT_MSG_NE(msg.find(path + ".missing"), std::string::npos, "missing file");
    }
};

/**
 * \ingroup microscope-tests
 * The service catalog suite.
 */
class MicroscopeCatalogTestSuite : public TestSuite
{
public:
    MicroscopeCatalogTestSuite()
        : TestSuite("microscope-catalog", UNIT)
    {
        AddTestCase(new CatalogRoundTripTestCase, TestCase::QUICK);
        AddTestCase(new CatalogBadInputTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static MicroscopeCatalogTestSuite g_microscopeCatalogTestSuite;
