/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Zones, datacenter placement, dimensioning and forecasting (the second paper) on synthetic,
 * real or given data:
 *
 *   # Default: a generated layout of 2554 base stations and 62 days of synthetic demand over
 *   # the Milan calendar (2013-11-01 to 2014-01-01, Italian holidays)
 *   microscope-zone-dimensioning [--stations=2554 --days=62] [--zones=auto|K] ...
 *
 *   # Milan: Telecom Italia daily files + OpenCelliD base stations (+ optional grid GeoJSON)
 *   microscope-zone-dimensioning --milan-dir=DIR --opencellid=cell_towers.csv
 *       [--grid=milano-grid.geojson] [--zones=auto|K] [--forecast=both|lstm|gru|none]
 *       [--activation=relu|tanh|both] [--output=DIR] [--seed=1 --run=1]
 *
 *   # Dimension zones directly from their peak-hour statistics (CSV zone,g_mb,f_mb,p)
 *   microscope-zone-dimensioning --zone-stats=FILE [--output=DIR]
 *
 * Outputs in --output: zones.csv, datacenters.csv, profiles.csv, dimensioning.csv,
 * elbow.csv, forecast.json (only dimensioning.csv with --zone-stats). All are written into a
 * temporary directory inside --output and moved in together at the end (RunOutputDirectory),
 * so a run that fails or is killed leaves the directory as it was. Bad input, and a flag that
 * has no effect in the chosen mode: a message naming the flag or file on stderr, exit status 1.
 *
 * The synthetic input is MetroLayoutGenerator positions with SyntheticTrafficGenerator demand,
 * summed over services into MB per station and hour (HourlyVolumeFromTrafficSource).
 */

#include "ns3/core-module.h"
#include "ns3/datacenter-dimensioning.h"
#include "ns3/day-classifier.h"
#include "ns3/given-flags.h"
#include "ns3/hourly-volume-from-traffic-source.h"
#include "ns3/hourly-volume.h"
#include "ns3/input-error.h"
#include "ns3/metro-layout-generator.h"
#include "ns3/milan-grid.h"
#include "ns3/milan-traffic-loader.h"
#include "ns3/open-cell-id-loader.h"
#include "ns3/run-output-directory.h"
#include "ns3/scenario-flags.h"
#include "ns3/service-catalog.h"
#include "ns3/station-traffic-mapper.h"
#include "ns3/synthetic-traffic-generator.h"
#include "ns3/traffic-calendar.h"
#include "ns3/zone-forecaster.h"
#include "ns3/zone-planner.h"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("MicroscopeZoneDimensioning");

namespace
{

void
PrintDimensioning(const std::vector<DimensioningResult>& results)
{
    std::printf("%-5s %14s %14s %6s %7s %14s %11s %6s\n",
                "zone",
                "g (MB)",
                "f (MB)",
                "P",
                "D",
                "V (MB)",
                "Gb/h",
                "cores");
    for (const auto& r : results)
    {
        std::printf("%-5u %14.2f %14.2f %6.3f %7.4f %14.2f %11.2f %6u\n",
                    r.zone,
                    r.g,
                    r.f,
                    r.p,
                    r.multiplier,
                    r.volumeMb,
                    r.gbPerHour,
                    r.cores);
    }
}

int
Run(int argc, char* argv[])
{
    std::string milanDir;
    std::string openCellId;
    std::string grid;
    std::string zoneStats;
    std::string zones = "auto";
    std::string forecast = "both";
    std::string activation = "relu";
    std::string horizon = "hour";
    std::string holidays = DayClassifier::GetMilanHolidays();
    std::string radio;
    int32_t mcc = 222;
    int32_t mnc = 1;
    int32_t utcOffset = 60;
    double mergeDistance = 0;
    uint32_t epochs = 60;
    uint32_t threads = 1;
    ScenarioFlags flags; // --seed, --run and --output, shared with the other examples
    // The second paper's synthetic scenario: its sizes are this example's defaults of the
    // attributes that --stations and --days stand for, so that a --ns3:: path (parsed later)
    // changes them too; the flags, given, win.
    uint32_t stations = 2554;
    uint32_t days = 62;
    Config::SetDefault("ns3::MetroLayoutGenerator::NumAntennas", UintegerValue(stations));
    Config::SetDefault("ns3::SyntheticTrafficGenerator::Days", UintegerValue(days));

    CommandLine cmd(__FILE__);
    cmd.AddValue("milan-dir", "Directory of sms-call-internet-mi-*.txt or *.csv files", milanDir);
    cmd.AddValue("opencellid", "OpenCelliD cell_towers.csv (base station positions)", openCellId);
    cmd.AddValue("grid",
                 "Milan input: grid GeoJSON (default: regular 100x100 grid of 235 m)",
                 grid);
    cmd.AddValue("zone-stats",
                 "CSV zone,g_mb,f_mb,p: dimension these zones directly and stop",
                 zoneStats);
    cmd.AddValue("zones", "Number of zones, or 'auto' for the elbow rule", zones);
    cmd.AddValue("forecast", "Forecasting models: lstm, gru, both or none", forecast);
    cmd.AddValue("activation", "Recurrent activation: relu, tanh or both", activation);
    cmd.AddValue("horizon", "Forecast horizon: hour (one step ahead) or day", horizon);
    cmd.AddValue("epochs", "Training epochs of the recurrent models", epochs);
    cmd.AddValue("threads", "LibTorch threads", threads);
    cmd.AddValue("holidays", "Milan input: comma-separated public holidays (YYYY-MM-DD)", holidays);
    cmd.AddValue("mcc", "Milan input: OpenCelliD mobile country code to keep (-1 = any)", mcc);
    cmd.AddValue("mnc", "Milan input: OpenCelliD network code to keep (-1 = any)", mnc);
    cmd.AddValue("radio",
                 "Milan input: OpenCelliD radio types to keep, e.g. GSM,UMTS,LTE (empty = all)",
                 radio);
    cmd.AddValue("merge-distance",
                 "Milan input: merge OpenCelliD cells closer than this (m) into one station",
                 mergeDistance);
    cmd.AddValue("utc-offset",
                 "Milan input: minutes local time is ahead of UTC (Milan in winter: 60)",
                 utcOffset);
    cmd.AddValue("stations",
                 "Synthetic scenario: base stations of the generated layout (the paper: 2554; "
                 "ns3::MetroLayoutGenerator::NumAntennas; the flag wins over it)",
                 stations);
    cmd.AddValue("days",
                 "Synthetic scenario: days of demand from 2013-11-01, the Milan calendar "
                 "(the paper: 62; ns3::SyntheticTrafficGenerator::Days; the flag wins over it)",
                 days);
    flags.AddTo(cmd, ScenarioFlags::RUN);
    cmd.Parse(argc, argv);
    flags.ApplySeeds();
    const std::string& output = flags.output;
    // A flag with no effect in the chosen mode is an error naming it, not silently ignored.
    const GivenFlags given(argc, argv);

    // Dimensioning straight from given statistics.
    if (!zoneStats.empty())
    {
        if (!milanDir.empty() || !openCellId.empty())
        {
            throw InputError::ForAttribute("--zone-stats",
                                           "give either --zone-stats or --milan-dir/--opencellid");
        }
        // --seed and --run are passed routinely (sweeps, SEM): a warning.
        given.Warn("microscope-zone-dimensioning",
                   {"seed", "run"},
                   "with --zone-stats (the dimensioning is deterministic)");
        given.RejectAllExcept({"zone-stats", "output", "seed", "run"},
                              "with --zone-stats (only --output applies)");
        auto dimensioning = CreateObject<DatacenterDimensioning>();
        std::vector<DimensioningResult> results;
        for (const auto& s : DatacenterDimensioning::ReadZoneStats(zoneStats))
        {
            results.push_back(dimensioning->Dimension(s));
        }
        RunOutputDirectory out(output);
        DatacenterDimensioning::WriteCsv(out.Stage("dimensioning.csv"), results);
        out.Commit();
        PrintDimensioning(results);
        std::printf("wrote %s/dimensioning.csv\n", output.c_str());
        return 0;
    }

    if (milanDir.empty() != openCellId.empty())
    {
        throw InputError::ForAttribute("--milan-dir",
                                       "the Milan input needs both --milan-dir "
                                       "and --opencellid");
    }
    const bool synthetic = milanDir.empty();
    if (synthetic)
    {
        given.Reject({"grid", "holidays", "mcc", "mnc", "radio", "merge-distance", "utc-offset"},
                     "in the synthetic scenario (it applies to --milan-dir/--opencellid; the "
                     "synthetic calendar's holidays are the Italian ones of 2013-11-01 to "
                     "2014-01-01)");
    }
    else
    {
        given.Reject({"stations", "days"}, "with --milan-dir (the synthetic scenario's flag)");
    }
    if (forecast == "none")
    {
        given.Reject({"activation", "horizon", "epochs", "threads"},
                     "with --forecast=none (no recurrent model is trained)");
    }
    if (synthetic && (stations == 0 || days == 0))
    {
        throw InputError::ForAttribute(stations == 0 ? "--stations" : "--days", "must be positive");
    }
    uint32_t forcedK = 0;
    if (zones != "auto")
    {
        std::istringstream in(zones);
        if (!(in >> forcedK) || !in.eof() || forcedK == 0 ||
            zones.find_first_not_of("0123456789") != std::string::npos)
        {
            throw InputError::ForAttribute("--zones",
                                           "expected 'auto' or a positive integer, "
                                           "got '" +
                                               zones + "'");
        }
    }
    std::vector<ZoneForecaster::Model> models;
    if (forecast == "lstm" || forecast == "both")
    {
        models.push_back(ZoneForecaster::LSTM);
    }
    if (forecast == "gru" || forecast == "both")
    {
        models.push_back(ZoneForecaster::GRU);
    }
    if (models.empty() && forecast != "none")
    {
        throw InputError::ForAttribute("--forecast",
                                       "expected lstm, gru, both or none, got '" + forecast + "'");
    }
    std::vector<ZoneForecaster::Activation> activations;
    if (activation == "relu" || activation == "both")
    {
        activations.push_back(ZoneForecaster::RELU);
    }
    if (activation == "tanh" || activation == "both")
    {
        activations.push_back(ZoneForecaster::TANH);
    }
    if (activations.empty())
    {
        throw InputError::ForAttribute("--activation",
                                       "expected relu, tanh or both, got '" + activation + "'");
    }
    if (horizon != "hour" && horizon != "day")
    {
        throw InputError::ForAttribute("--horizon", "expected hour or day, got '" + horizon + "'");
    }

    // Hourly traffic per base station: synthetic (default) or Milan + OpenCelliD.
    HourlyVolume stationVolume;
    if (synthetic)
    {
        // A generated metropolitan layout and the synthetic per-service demand over the
        // Milan calendar: day 0 is Friday 2013-11-01; All Saints (day 0), the Immaculate
        // Conception (37), Christmas (54), St Stephen (55) and New Year (61) are holidays.
        auto layout = CreateObject<MetroLayoutGenerator>();
        if (given.Has("stations"))
        {
            layout->SetAttribute("NumAntennas", UintegerValue(stations));
        }
        layout->AssignStreams(1);
        const std::vector<Vector> positions = layout->Generate();
        auto calendar = CreateObject<TrafficCalendar>();
        calendar->SetAttribute("StartWeekday", UintegerValue(4));
        calendar->SetAttribute("Holidays", StringValue("0,37,54,55,61"));
        auto generator = CreateObject<SyntheticTrafficGenerator>();
        if (given.Has("days"))
        {
            generator->SetAttribute("Days", UintegerValue(days));
        }
        generator->SetAntennaPositions(positions);
        generator->SetServiceCatalog(ServiceCatalog::CreateDefault());
        generator->SetCalendar(calendar);
        generator->AssignStreams(11);
        auto converter = CreateObject<HourlyVolumeFromTrafficSource>();
        converter->SetAttribute("StartDate", StringValue("2013-11-01"));
        stationVolume = converter->Convert(generator, positions);
        std::printf("synthetic: %zu stations, %u days (%s to %s), %zu holidays\n",
                    positions.size(),
                    stationVolume.GetNDays(),
                    stationVolume.GetDate(0).ToString().c_str(),
                    stationVolume.GetDate(stationVolume.GetNDays() - 1).ToString().c_str(),
                    stationVolume.GetDaysOfType(DayType::HOLIDAY).size());
    }
    else
    {
        auto milanGrid = CreateObject<MilanGrid>();
        if (!grid.empty())
        {
            milanGrid->LoadGeoJson(grid);
        }
        auto loader = CreateObject<MilanTrafficLoader>();
        loader->SetAttribute("NumSquares", UintegerValue(milanGrid->GetNSquares()));
        loader->SetAttribute("UtcOffset", IntegerValue(utcOffset));
        const uint32_t nFiles = loader->LoadDirectory(milanDir);
        HourlyVolume squares = loader->GetVolume();
        squares.SetPositions(milanGrid->GetCentres());
        auto classifier = CreateObject<DayClassifier>();
        classifier->SetAttribute("Holidays", StringValue(holidays));
        squares.Classify(classifier);
        std::printf("Milan: %u files, %lu records, %u days (%s to %s), %zu holidays\n",
                    nFiles,
                    static_cast<unsigned long>(loader->GetNRecords()),
                    squares.GetNDays(),
                    squares.GetDate(0).ToString().c_str(),
                    squares.GetDate(squares.GetNDays() - 1).ToString().c_str(),
                    squares.GetDaysOfType(DayType::HOLIDAY).size());

        auto cells = CreateObject<OpenCellIdLoader>();
        cells->SetAttribute("Mcc", IntegerValue(mcc));
        cells->SetAttribute("Mnc", IntegerValue(mnc));
        cells->SetAttribute("Radio", StringValue(radio));
        cells->SetAttribute("MergeDistance", DoubleValue(mergeDistance));
        cells->Load(openCellId);
        const auto positions = cells->GetStationPositions(milanGrid);
        if (positions.empty())
        {
            throw InputError::InFile(openCellId,
                                     "no cell passes the MCC/MNC/radio filters inside "
                                     "the grid");
        }
        auto mapper = CreateObject<StationTrafficMapper>();
        HourlyVolume stationsVolume = mapper->Map(squares, positions);
        std::printf("OpenCelliD: %lu rows, %zu kept, %zu stations in the grid\n",
                    static_cast<unsigned long>(cells->GetNRows()),
                    cells->GetTowers().size(),
                    positions.size());
        stationVolume = stationsVolume;
    }

    // Zones, placement, profiles, dimensioning.
    auto planner = CreateObject<ZonePlanner>();
    planner->SetAttribute("Zones", UintegerValue(forcedK));
    planner->AssignStreams(1);
    ZonePlan plan = planner->Plan(stationVolume);
    std::printf("%u zones (%s)\n", plan.zones.k, plan.autoK ? "elbow rule" : "forced");
    PrintDimensioning(plan.dimensioning);

    // Forecasting.
    std::string forecastJson;
    {
        std::vector<ForecastResult> results;
        auto reporter = CreateObject<ZoneForecaster>();
        reporter->SetAttribute("Epochs", UintegerValue(epochs));
        reporter->SetAttribute("Threads", UintegerValue(threads));
        reporter->SetAttribute("Horizon", StringValue(horizon));
        int64_t stream = 100;
        for (uint32_t z = 0; z < plan.zones.k && !models.empty(); ++z)
        {
            for (DayType type : {DayType::WORKDAY, DayType::HOLIDAY})
            {
                const auto series = plan.zoneVolume.GetSeries(z, type);
                const uint32_t nDays = static_cast<uint32_t>(series.size() / 24);
                UintegerValue window;
                reporter->GetAttribute("Window", window);
                if (nDays < 2 || reporter->GetTrainDays(nDays) * 24 <= window.Get())
                {
                    std::fprintf(stderr,
                                 "zone %u %s: %u days, too few to forecast (skipped)\n",
                                 z,
                                 DayTypeName(type).c_str(),
                                 nDays);
                    continue;
                }
                ForecastResult base = reporter->EvaluateBaseline(series);
                base.zone = z;
                base.type = type;
                results.push_back(base);
                for (auto model : models)
                {
                    for (auto act : activations)
                    {
                        auto f = CreateObject<ZoneForecaster>();
                        f->SetAttribute("Model", EnumValue(model));
                        f->SetAttribute("Activation", EnumValue(act));
                        f->SetAttribute("Epochs", UintegerValue(epochs));
                        f->SetAttribute("Threads", UintegerValue(threads));
                        f->SetAttribute("Horizon", StringValue(horizon));
                        f->AssignStreams(stream++);
                        ForecastResult r = f->Evaluate(series);
                        r.zone = z;
                        r.type = type;
                        std::printf("zone %u %s %s/%s: RMSE %.1f MB (baseline %.1f), SMAPE %.2f %% "
                                    "(baseline %.2f), train %.2f s, predict %.4f s\n",
                                    z,
                                    DayTypeName(type).c_str(),
                                    r.model.c_str(),
                                    r.activation.c_str(),
                                    r.rmse,
                                    base.rmse,
                                    r.smape,
                                    base.smape,
                                    r.trainSeconds,
                                    r.predictSeconds);
                        results.push_back(r);
                    }
                }
            }
        }
        std::ostringstream json;
        reporter->WriteJson(json, results);
        forecastJson = json.str();
    }
    RunOutputDirectory out(output);
    ZonePlanner::WriteOutputs(out.GetStagingPath(), stationVolume, plan, forecastJson);
    out.Commit();
    std::printf("wrote zones.csv, datacenters.csv, profiles.csv, dimensioning.csv, elbow.csv, "
                "forecast.json in %s\n",
                output.c_str());
    return 0;
}

} // namespace

int
main(int argc, char* argv[])
{
    try
    {
        return Run(argc, argv);
    }
    catch (const InputError& e)
    {
        std::cerr << "microscope-zone-dimensioning: error: " << e.what() << std::endl;
        return 1;
    }
    catch (const std::exception& e)
    {
        std::cerr << "microscope-zone-dimensioning: unexpected error: " << e.what() << std::endl;
        return 2;
    }
}
