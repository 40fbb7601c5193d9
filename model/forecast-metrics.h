/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_FORECAST_METRICS_H
#define MICROSCOPE_FORECAST_METRICS_H

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Error measures and the average-hourly-traffic baseline of the zone forecasts.
 */
class ForecastMetrics
{
public:
    /**
     * \param actual the observed values.
     * \param predicted the forecasts, same length.
     * \return sqrt(mean((predicted - actual)^2)).
     * \throw InputError if the lengths differ or are zero.
     */
    static double Rmse(const std::vector<double>& actual, const std::vector<double>& predicted);

    /**
     * Symmetric mean absolute percentage error, in percent (0..200):
     * 100/n sum |F - A| / ((|A| + |F|) / 2), a term with A = F = 0 counting 0.
     * \param actual the observed values.
     * \param predicted the forecasts, same length.
     * \return the SMAPE in percent.
     * \throw InputError if the lengths differ or are zero.
     */
    static double Smape(const std::vector<double>& actual, const std::vector<double>& predicted);

    /**
     * The baseline's profile: for each hour of the day, the mean over the training days.
     * \param series hourly values, whole days (24 per day) in time order.
     * \param trainDays the number of leading days to average.
     * \return 24 values.
     * \throw InputError if the series is not whole days or is shorter than trainDays.
     */
    static std::vector<double> HourlyMean(const std::vector<double>& series, uint32_t trainDays);

    /**
     * The baseline's forecast of the days after the training days: each test hour gets the
     * training mean of its hour of the day.
     * \param series hourly values, whole days.
     * \param trainDays the number of training days.
     * \return one forecast per hour after the training days.
     */
    static std::vector<double> BaselineForecast(const std::vector<double>& series,
                                                uint32_t trainDays);
};

} // namespace ns3

#endif /* MICROSCOPE_FORECAST_METRICS_H */
