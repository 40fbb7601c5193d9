/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Benchmark of the zone pipeline at the Milan scale: 2,554 base stations x 62 days of hourly
 * traffic (generated here), K-means with its elbow curve, weighted Weiszfeld placement,
 * hourly profiles and dimensioning, then LSTM and GRU training per zone. It measures and
 * prints; it asserts nothing.
 *
 *   ./microscope bench microscope-bench-zones [--stations=2554 --days=62 --forecastZones=20]
 */

#include "ns3/core-module.h"
#include "ns3/day-classifier.h"
#include "ns3/forecast-metrics.h"
#include "ns3/hourly-volume.h"
#include "ns3/input-error.h"
#include "ns3/k-means-zoning.h"
#include "ns3/scenario-flags.h"
#include "ns3/weiszfeld-placement.h"
#include "ns3/zone-forecaster.h"
#include "ns3/zone-planner.h"
#include "ns3/zone-profiler.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

using namespace ns3;

namespace
{

double
Since(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/**
 * Milan-like stations and traffic: stations dense in a centre and sparse around it; each
 * station's hourly volume is its base load times a day-type profile, a persistent (AR(1))
 * day level per station group and 8 % hourly noise.
 */
HourlyVolume
GenerateTraffic(uint32_t nStations, uint32_t nDays)
{
    auto uniform = CreateObject<UniformRandomVariable>();
    auto normal = CreateObject<NormalRandomVariable>();
    uniform->SetStream(1000);
    normal->SetStream(1001);
    const double side = 23500.0;
    std::vector<Vector> positions;
    for (uint32_t s = 0; s < nStations; ++s)
    {
        if (uniform->GetValue() < 0.6)
        {
            double x = 0;
            double y = 0;
            do
            {
                x = side / 2 + 3000 * normal->GetValue();
                y = side / 2 + 3000 * normal->GetValue();
            } while (x < 0 || x > side || y < 0 || y > side);
            positions.emplace_back(x, y, 0);
        }
        else
        {
            positions.emplace_back(uniform->GetValue(0, side), uniform->GetValue(0, side), 0);
        }
    }
    std::vector<CivilDate> days;
    for (uint32_t d = 0; d < nDays; ++d)
    {
        days.push_back(CivilDate(2013, 11, 1).AddDays(d));
    }
    HourlyVolume v(nStations, days);
    v.SetPositions(positions);
    v.Classify(CreateObject<DayClassifier>());
    // Day-type profiles (relative load per hour), the tidal shape of the paper's Fig. 7.
    const double workday[24] = {0.35, 0.25, 0.18, 0.14, 0.12, 0.14, 0.25, 0.50,
                                0.80, 0.95, 1.00, 1.00, 0.98, 0.97, 0.96, 0.95,
                                0.97, 1.00, 1.00, 0.95, 0.85, 0.72, 0.60, 0.47};
    const double holiday[24] = {0.45, 0.35, 0.26, 0.19, 0.15, 0.14, 0.17, 0.25,
                                0.40, 0.58, 0.72, 0.82, 0.88, 0.86, 0.82, 0.80,
                                0.82, 0.85, 0.86, 0.84, 0.78, 0.70, 0.62, 0.52};
    // Persistent day level per 8 regions (AR(1) across days) and a slow trend.
    const uint32_t regions = 8;
    std::vector<std::vector<double>> level(regions, std::vector<double>(nDays));
    for (uint32_t r = 0; r < regions; ++r)
    {
        double e = 0;
        for (uint32_t d = 0; d < nDays; ++d)
        {
            e = 0.8 * e + 0.06 * normal->GetValue();
            level[r][d] = std::exp(e) * (1.0 + 0.004 * d);
        }
    }
    for (uint32_t s = 0; s < nStations; ++s)
    {
        const double dx = positions[s].x - side / 2;
        const double dy = positions[s].y - side / 2;
        const double base = 400.0 * std::exp(-std::hypot(dx, dy) / 6000.0) *
                            std::exp(0.5 * normal->GetValue()); // MB per hour at the peak
        const uint32_t region =
            static_cast<uint32_t>((std::atan2(dy, dx) + M_PI) / (2 * M_PI) * regions) % regions;
        for (uint32_t d = 0; d < nDays; ++d)
        {
            const double* profile = v.GetDayType(d) == DayType::HOLIDAY ? holiday : workday;
            for (uint32_t h = 0; h < 24; ++h)
            {
                const double noise = std::max(0.0, 1.0 + 0.08 * normal->GetValue());
                v(s, d * 24 + h) = base * profile[h] * level[region][d] * noise;
            }
        }
    }
    return v;
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t nStations = 2554;
    uint32_t nDays = 62;
    uint32_t zones = 20;
    uint32_t forecastZones = 20;
    uint32_t epochs = 60;
    uint32_t threads = 1;
    std::string horizon = "hour";
    std::string activation = "relu";
    CommandLine cmd(__FILE__);
    cmd.AddValue("stations", "Number of base stations", nStations);
    cmd.AddValue("days", "Number of days (from 2013-11-01)", nDays);
    cmd.AddValue("zones", "Number of zones for placement, profiles and forecasting", zones);
    cmd.AddValue("forecastZones", "Zones to train LSTM and GRU on (0 = none)", forecastZones);
    cmd.AddValue("epochs", "Training epochs", epochs);
    cmd.AddValue("threads", "LibTorch threads", threads);
    cmd.AddValue("horizon", "Forecast horizon: hour or day", horizon);
    cmd.AddValue("activation", "Recurrent activation: relu or tanh", activation);
    ScenarioFlags::AddLoggingFlag(cmd); // --logging: the module's log messages
    cmd.Parse(argc, argv);
    try
    {
        auto t0 = std::chrono::steady_clock::now();
        HourlyVolume stations = GenerateTraffic(nStations, nDays);
        std::printf("data: %u stations x %u days (%u hours), generated in %.2f s\n",
                    nStations,
                    nDays,
                    stations.GetNHours(),
                    Since(t0));

        auto kmeans = CreateObject<KMeansZoning>();
        kmeans->AssignStreams(1);
        t0 = std::chrono::steady_clock::now();
        auto curve = kmeans->ComputeElbowCurve(stations.GetPositions());
        const double tElbow = Since(t0);
        DoubleValue threshold;
        kmeans->GetAttribute("ElbowThreshold", threshold);
        std::printf("k-means elbow curve k=1..%u (5 restarts each): %.2f s, elbow rule k = %u\n",
                    curve.back().k,
                    tElbow,
                    KMeansZoning::ChooseElbow(curve, threshold.Get()));
        t0 = std::chrono::steady_clock::now();
        KMeansResult km = kmeans->Cluster(stations.GetPositions(), zones);
        std::printf("k-means k=%u: %.3f s, %u Lloyd iterations, O = %.0f m, d = %.0f m\n",
                    zones,
                    Since(t0),
                    km.iterations,
                    km.sumDistance,
                    km.distortion);

        auto placement = CreateObject<WeiszfeldPlacement>();
        const auto totals = stations.GetNodeTotals();
        t0 = std::chrono::steady_clock::now();
        uint32_t iterations = 0;
        for (uint32_t z = 0; z < zones; ++z)
        {
            std::vector<Vector> pts;
            std::vector<double> vol;
            for (uint32_t s = 0; s < nStations; ++s)
            {
                if (km.assignment[s] == z)
                {
                    pts.push_back(stations.GetPositions()[s]);
                    vol.push_back(totals[s]);
                }
            }
            iterations += placement->Place(pts, WeiszfeldPlacement::VolumeWeights(vol)).iterations;
        }
        std::printf("weiszfeld, %u zones: %.4f s, %u iterations in all\n",
                    zones,
                    Since(t0),
                    iterations);

        t0 = std::chrono::steady_clock::now();
        HourlyVolume zoneVolume = stations.Aggregate(km.assignment, zones);
        auto profiler = CreateObject<ZoneProfiler>();
        auto profiles = profiler->Compute(zoneVolume);
        auto dimensioning = CreateObject<DatacenterDimensioning>();
        uint32_t cores = 0;
        for (const auto& p : profiles)
        {
            cores += dimensioning->Dimension(DatacenterDimensioning::SelectPeakHour(p)).cores;
        }
        std::printf("aggregation + profiles + dimensioning: %.4f s (%u cores in all)\n",
                    Since(t0),
                    cores);

        if (forecastZones > 0)
        {
            std::printf("\nforecasting (horizon %s, %s, 2 x 50 units, window 24 h, %u epochs, "
                        "%u thread(s))\n",
                        horizon.c_str(),
                        activation.c_str(),
                        epochs,
                        threads);
            std::printf("%-4s %-8s %-9s %9s %9s %8s %8s\n",
                        "zone",
                        "type",
                        "model",
                        "rmse_mb",
                        "smape_%",
                        "train_s",
                        "pred_s");
            double trainTotal[2] = {0, 0};
            uint32_t wins = 0;
            uint32_t cases = 0;
            uint32_t n = std::min(forecastZones, zones);
            for (uint32_t z = 0; z < n; ++z)
            {
                for (DayType type : {DayType::WORKDAY, DayType::HOLIDAY})
                {
                    const auto series = zoneVolume.GetSeries(z, type);
                    auto f = CreateObject<ZoneForecaster>();
                    f->SetAttribute("Epochs", UintegerValue(epochs));
                    f->SetAttribute("Threads", UintegerValue(threads));
                    f->SetAttribute("Horizon", StringValue(horizon));
                    f->SetAttribute("Activation", StringValue(activation));
                    f->AssignStreams(100 + z);
                    const auto base = f->EvaluateBaseline(series);
                    std::printf("%-4u %-8s %-9s %9.1f %9.2f %8s %8s\n",
                                z,
                                DayTypeName(type).c_str(),
                                "baseline",
                                base.rmse,
                                base.smape,
                                "-",
                                "-");
                    double bestRnn = 1e300;
                    for (auto model : {ZoneForecaster::LSTM, ZoneForecaster::GRU})
                    {
                        f->SetAttribute("Model", EnumValue(model));
                        const auto r = f->Evaluate(series);
                        trainTotal[model == ZoneForecaster::LSTM ? 0 : 1] += r.trainSeconds;
                        bestRnn = std::min(bestRnn, r.rmse);
                        std::printf("%-4u %-8s %-9s %9.1f %9.2f %8.2f %8.4f\n",
                                    z,
                                    DayTypeName(type).c_str(),
                                    (r.model + "/" + r.activation).c_str(),
                                    r.rmse,
                                    r.smape,
                                    r.trainSeconds,
                                    r.predictSeconds);
                    }
                    ++cases;
                    wins += bestRnn < base.rmse ? 1 : 0;
                }
            }
            std::printf("training time per zone (both day types): LSTM %.2f s, GRU %.2f s\n",
                        trainTotal[0] / n,
                        trainTotal[1] / n);
            std::printf("best recurrent model beats the baseline on RMSE in %u of %u cases\n",
                        wins,
                        cases);
        }
    }
    catch (const InputError& e)
    {
        std::cerr << "error: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
