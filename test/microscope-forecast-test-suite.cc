/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of the zone traffic forecasting (ZoneForecaster): network sizes, the average-hourly
 * baseline, RMSE and SMAPE on hand values, the 70:30 split, a tiny overfit and determinism.
 */

#include "ns3/callback.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/forecast-metrics.h"
#include "ns3/input-error.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"
#include "ns3/zone-forecaster.h"

#include <cmath>

using namespace ns3;

namespace
{
/// A noiseless daily pattern over nDays days.
std::vector<double>
Daily(uint32_t nDays)
{
    std::vector<double> s;
    for (uint32_t d = 0; d < nDays; ++d)
    {
        for (uint32_t h = 0; h < 24; ++h)
        {
            s.push_back(100 + 60 * std::sin(2 * M_PI * h / 24.0) +
                        20 * std::cos(4 * M_PI * h / 24.0));
        }
    }
    return s;
}

Ptr<ZoneForecaster>
Small(ZoneForecaster::Model model, uint32_t epochs)
{
    auto f = CreateObject<ZoneForecaster>();
    f->SetAttribute("Model", EnumValue(model));
    f->SetAttribute("HiddenUnits", UintegerValue(16));
    f->SetAttribute("Window", UintegerValue(12));
    f->SetAttribute("Epochs", UintegerValue(epochs));
    f->SetAttribute("BatchSize", UintegerValue(256));
    f->SetAttribute("LearningRate", DoubleValue(0.01));
    f->AssignStreams(7);
    return f;
}
} // namespace

/**
 * \ingroup microscope-tests
 * Parameter counts and forecast lengths.
 */
class ForecastShapesTestCase : public TestCase
{
public:
    ForecastShapesTestCase()
        : TestCase("LSTM and GRU parameter counts, forecast lengths")
    {
    }

private:
    void DoRun() override
    {
        // The networks' own output shapes are GoogleTest cases (test/gtest/nn-forecasters-test.cc).
        // The paper's 2 x 50 networks. Per layer, LSTM: 4H (in + 1) + 4H H; GRU: 3H (in + 1) +
        // 3H (H + 1); plus the H + 1 of the output layer.
        const std::vector<double> series = Daily(4);
        auto f = CreateObject<ZoneForecaster>();
        f->SetAttribute("Epochs", UintegerValue(1));
        f->Fit(series, 3);
        const uint64_t lstmParams = (200 * 2 + 200 * 50) + (200 * 51 + 200 * 50) + 51;
        NS_TEST_ASSERT_MSG_EQ(f->GetParameterCount(), lstmParams, "2 x 50 LSTM size");
        f->SetAttribute("Model", EnumValue(ZoneForecaster::GRU));
        f->Fit(series, 3);
        const uint64_t gruParams = (150 * 2 + 150 * 51) + (150 * 51 + 150 * 51) + 51;
        NS_TEST_ASSERT_MSG_EQ(f->GetParameterCount(), gruParams, "2 x 50 GRU size");

        auto g = Small(ZoneForecaster::LSTM, 2);
        const auto s10 = Daily(10);
        g->Fit(s10, 7);
        std::vector<std::vector<double>> windows(7, std::vector<double>(12, 100.0));
        NS_TEST_ASSERT_MSG_EQ(g->PredictNext(windows).size(), 7u, "one forecast per window");
        const auto hourAhead = g->Forecast(s10, 7);
        NS_TEST_ASSERT_MSG_EQ(hourAhead.size(), 72u, "3 test days x 24 hours");
        g->SetAttribute("Horizon", EnumValue(ZoneForecaster::DAY_AHEAD));
        const auto dayAhead = g->Forecast(s10, 7);
        NS_TEST_ASSERT_MSG_EQ(dayAhead.size(), 72u, "day ahead: same length");
        // Midnight of each test day sees the same (actual) history in both modes.
        for (uint32_t d = 0; d < 3; ++d)
        {
            NS_TEST_ASSERT_MSG_EQ_TOL(dayAhead[d * 24],
                                      hourAhead[d * 24],
                                      1e-6,
                                      "midnight forecast of test day " << d);
        }
        bool threw = false;
        try
        {
            g->Forecast(s10, 0);
        }
        catch (const InputError&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "no history before day 0");
    }
};

/**
 * \ingroup microscope-tests
 * Metrics, baseline and split on hand values.
 */
class ForecastMetricsTestCase : public TestCase
{
public:
    ForecastMetricsTestCase()
        : TestCase("RMSE, SMAPE, average-hourly baseline and 70:30 split on hand values")
    {
    }

private:
    void DoRun() override
    {
        const std::vector<double> a = {1, 2, 3, 4};
        const std::vector<double> p = {2, 2, 2, 6};
        NS_TEST_ASSERT_MSG_EQ_TOL(ForecastMetrics::Rmse(a, p), std::sqrt(1.5), 1e-12, "RMSE");
        // 100/4 (1/1.5 + 0 + 1/2.5 + 2/5)
        NS_TEST_ASSERT_MSG_EQ_TOL(ForecastMetrics::Smape(a, p),
                                  25 * (1 / 1.5 + 0.4 + 0.4),
                                  1e-9,
                                  "SMAPE");
        NS_TEST_ASSERT_MSG_EQ_TOL(ForecastMetrics::Smape({0, 0}, {0, 1}),
                                  100.0,
                                  1e-12,
                                  "0/0 counts 0, 0 vs 1 counts 200");

        // Day 0: h, day 1: h + 2, day 2: 100. Two training days: baseline h + 1.
        std::vector<double> s;
        for (double base : {0.0, 2.0})
        {
            for (int h = 0; h < 24; ++h)
            {
                s.push_back(base + h);
            }
        }
        s.insert(s.end(), 24, 100.0);
        const auto mean = ForecastMetrics::HourlyMean(s, 2);
        NS_TEST_ASSERT_MSG_EQ_TOL(mean[7], 8.0, 1e-12, "hour 7: (7 + 9) / 2");
        auto f = CreateObject<ZoneForecaster>();
        NS_TEST_ASSERT_MSG_EQ(f->GetTrainDays(3), 2u, "70 % of 3 days");
        const ForecastResult b = f->EvaluateBaseline(s);
        NS_TEST_ASSERT_MSG_EQ(b.trainDays, 2u, "train days");
        NS_TEST_ASSERT_MSG_EQ(b.predicted.size(), 24u, "one test day");
        NS_TEST_ASSERT_MSG_EQ_TOL(b.predicted[23], 24.0, 1e-12, "hour 23: 23 + 1");
        // RMSE of h + 1 against 100: sqrt(sum_{k=76}^{99} k^2 / 24) = sqrt(184900 / 24).
        NS_TEST_ASSERT_MSG_EQ_TOL(b.rmse, std::sqrt(184900.0 / 24), 1e-9, "baseline RMSE");
        // The paper's day counts: 22 holidays -> 15 + 7, 40 workdays -> 28 + 12.
        NS_TEST_ASSERT_MSG_EQ(f->GetTrainDays(22), 15u, "holidays");
        NS_TEST_ASSERT_MSG_EQ(f->GetTrainDays(40), 28u, "workdays");
        NS_TEST_ASSERT_MSG_EQ(f->GetTrainDays(2), 1u, "at least one test day");
        bool threw = false;
        try
        {
            f->GetTrainDays(1);
        }
        catch (const InputError&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "one day cannot be split");
        threw = false;
        try
        {
            f->Evaluate(std::vector<double>(30, 1.0));
        }
        catch (const InputError&)
        {
            threw = true;
        }
        NS_TEST_ASSERT_MSG_EQ(threw, true, "not whole days");
    }
};

/**
 * \ingroup microscope-tests
 * A tiny network learns a noiseless daily pattern; runs are reproducible.
 */
class ForecastOverfitTestCase : public TestCase
{
public:
    ForecastOverfitTestCase()
        : TestCase("Tiny LSTM and GRU overfit a daily pattern; same stream, same forecasts")
    {
    }

private:
    void DoRun() override
    {
        const auto series = Daily(8);
        for (auto model : {ZoneForecaster::LSTM, ZoneForecaster::GRU})
        {
            auto f = Small(model, 300);
            const ForecastResult r = f->Evaluate(series);
            NS_TEST_ASSERT_MSG_EQ(r.trainDays, 6u, "70 % of 8 days, rounded");
            NS_TEST_ASSERT_MSG_LT(r.finalLoss, 2e-3, r.model << ": training loss");
            // The hourly pattern spans 122.4 MB (from -80 at 18:00 to +42.4 at 03:00 around
            // its mean of 100); 3 MB is 2.5 % of that.
            NS_TEST_ASSERT_MSG_LT(r.rmse, 3.0, r.model << ": test RMSE of the learnt pattern");
            NS_TEST_ASSERT_MSG_GT(r.trainSeconds, 0.0, "timed");
        }
        // Determinism: the same stream gives the same forecasts, another stream others.
        auto a = Small(ZoneForecaster::GRU, 5);
        auto b = Small(ZoneForecaster::GRU, 5);
        auto c = Small(ZoneForecaster::GRU, 5);
        c->AssignStreams(8);
        uint32_t epochs = 0;
        double lastLoss = -1;
        a->TraceConnectWithoutContext(
            "Epoch",
            MakeCallback(+[](uint32_t* n, double* last, uint32_t, double l)
                         {
                             ++*n;
                             *last = l;
                         })
                .Bind(&epochs, &lastLoss));
        const auto ra = a->Evaluate(series);
        NS_TEST_ASSERT_MSG_EQ(epochs, 5u, "one Epoch trace per epoch");
        NS_TEST_ASSERT_MSG_EQ_TOL(lastLoss, ra.finalLoss, 1e-15, "the last traced loss");
        const auto rb = b->Evaluate(series);
        const auto rc = c->Evaluate(series);
        NS_TEST_ASSERT_MSG_EQ((ra.predicted == rb.predicted), true, "reproducible");
        NS_TEST_ASSERT_MSG_EQ((ra.predicted != rc.predicted), true, "seeded by the stream");
    }
};

/**
 * \ingroup microscope-tests
 * The forecasting suite.
 */
class ForecastTestSuite : public TestSuite
{
public:
    ForecastTestSuite()
        : TestSuite("microscope-forecast", UNIT)
    {
        AddTestCase(new ForecastShapesTestCase, TestCase::QUICK);
        AddTestCase(new ForecastMetricsTestCase, TestCase::QUICK);
        AddTestCase(new ForecastOverfitTestCase, TestCase::QUICK);
    }
};

static ForecastTestSuite g_forecastTestSuite; //!< the suite
