/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "forecast-metrics.h"

#include "input-error.h"

#include <cmath>

namespace ns3
{

namespace
{
void
CheckLengths(const std::vector<double>& a, const std::vector<double>& p)
{
    if (a.empty() || a.size() != p.size())
    {
        throw InputError("forecast metrics: " + std::to_string(a.size()) + " actual and " +
                         std::to_string(p.size()) + " predicted values");
    }
}
} // namespace

double
ForecastMetrics::Rmse(const std::vector<double>& actual, const std::vector<double>& predicted)
{
    CheckLengths(actual, predicted);
    double s = 0;
    for (size_t i = 0; i < actual.size(); ++i)
    {
        s += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
    }
    return std::sqrt(s / actual.size());
}

double
ForecastMetrics::Smape(const std::vector<double>& actual, const std::vector<double>& predicted)
{
    CheckLengths(actual, predicted);
    double s = 0;
    for (size_t i = 0; i < actual.size(); ++i)
    {
        const double denominator = (std::abs(actual[i]) + std::abs(predicted[i])) / 2;
        if (denominator > 0)
        {
            s += std::abs(predicted[i] - actual[i]) / denominator;
        }
    }
    return 100.0 * s / actual.size();
}

std::vector<double>
ForecastMetrics::HourlyMean(const std::vector<double>& series, uint32_t trainDays)
{
    if (series.size() % 24 != 0 || trainDays == 0 || trainDays * 24 > series.size())
    {
        throw InputError("baseline: " + std::to_string(series.size()) +
                         " hourly values are not whole days covering " + std::to_string(trainDays) +
                         " training days");
    }
    std::vector<double> mean(24, 0.0);
    for (uint32_t d = 0; d < trainDays; ++d)
    {
        for (uint32_t h = 0; h < 24; ++h)
        {
            mean[h] += series[d * 24 + h];
        }
    }
    for (auto& m : mean)
    {
        m /= trainDays;
    }
    return mean;
}

std::vector<double>
ForecastMetrics::BaselineForecast(const std::vector<double>& series, uint32_t trainDays)
{
    const auto mean = HourlyMean(series, trainDays);
    std::vector<double> out;
    for (size_t t = trainDays * 24; t < series.size(); ++t)
    {
        out.push_back(mean[t % 24]);
    }
    return out;
}

} // namespace ns3
