/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// CsvTableReader itself, with ',' and '\t': every row's fields as numbers, as unsigned integers
// and as a list.

#include "fuzz-common.h"

#include "ns3/csv-table-reader.h"

#include <cmath>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static microscope_fuzz::Cleanup cleanup;
    const std::string path = microscope_fuzz::WriteInput(data, size, ".csv");
    for (char delimiter : {',', '\t'})
    {
        ns3::CsvTableReader reader(path, delimiter);
        uint64_t lastLine = 0;
        bool doubleRefused = false;
        bool unsignedRefused = false;
        while (reader.Next())
        {
            MICROSCOPE_FUZZ_CHECK(reader.GetLine() > lastLine && reader.Size() >= 1);
            lastLine = reader.GetLine();
            // Every field as a number and as an unsigned integer; the error path (an
            // InputError) once per file and kind, as exceptions are slow under ASan.
            for (size_t i = 0; i <= reader.Size(); ++i) // one past the end: an InputError
            {
                double parsed = 0;
                const bool isNumber =
                    i < reader.Size() && ns3::CsvTableReader::ParseDouble(reader.Field(i), parsed);
                const bool isUnsigned =
                    i < reader.Size() && !reader.Field(i).empty() &&
                    reader.Field(i).find_first_not_of("0123456789") == std::string::npos &&
                    reader.Field(i).size() < 20;
                if (isNumber || !doubleRefused)
                {
                    try
                    {
                        const double v = reader.GetDouble(i, "x");
                        MICROSCOPE_FUZZ_CHECK(isNumber && std::isfinite(v) && v == parsed);
                    }
                    catch (const ns3::InputError&)
                    {
                        MICROSCOPE_FUZZ_CHECK(!isNumber);
                        doubleRefused = true;
                    }
                }
                if (isUnsigned || !unsignedRefused)
                {
                    try
                    {
                        reader.GetUnsigned(i, "n");
                    }
                    catch (const ns3::InputError&)
                    {
                        MICROSCOPE_FUZZ_CHECK(!isUnsigned);
                        unsignedRefused = true;
                    }
                }
            }
            for (const auto& field : reader.Fields())
            {
                MICROSCOPE_FUZZ_CHECK(field.empty() ||
                                      (field.front() != ' ' && field.back() != ' '));
                for (const auto& item : ns3::CsvTableReader::SplitList(field))
                {
                    MICROSCOPE_FUZZ_CHECK(!item.empty());
                }
            }
        }
    }
    return 0;
}
