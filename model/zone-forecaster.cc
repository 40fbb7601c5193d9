/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "zone-forecaster.h"

#include "forecast-metrics.h"
#include "input-error.h"
#include "nn/gru-forecaster.h"
#include "nn/lstm-forecaster.h"

#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <dlfcn.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ZoneForecaster");

NS_OBJECT_ENSURE_REGISTERED(ZoneForecaster);

/// LibTorch state of a ZoneForecaster.
struct ZoneForecaster::Impl
{
    LstmForecaster lstm{nullptr}; //!< the LSTM, if that is the model
    GruForecaster gru{nullptr};   //!< the GRU, if that is the model
    double lo{0};                 //!< training minimum (scaling)
    double scale{1};              //!< training range (scaling)

    /// \return the network's parameters.
    std::vector<torch::Tensor> Parameters() const
    {
        return lstm ? lstm->parameters() : gru->parameters();
    }

    /**
     * \param x [batch, time, 1] scaled input.
     * \return [batch, 1] scaled prediction.
     */
    torch::Tensor Forward(const torch::Tensor& x)
    {
        return lstm ? lstm->forward(x) : gru->forward(x);
    }

    /// Switch to training or evaluation mode.
    /// \param on true for training.
    void Train(bool on)
    {
        if (lstm)
        {
            lstm->train(on);
        }
        else
        {
            gru->train(on);
        }
    }

    /// \return true once a network exists.
    bool Ready() const
    {
        return lstm || gru;
    }
};

TypeId
ZoneForecaster::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ZoneForecaster")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<ZoneForecaster>()
            .AddAttribute("Model",
                          "Recurrent network: lstm or gru.",
                          EnumValue(LSTM),
                          MakeEnumAccessor(&ZoneForecaster::m_model),
                          MakeEnumChecker(LSTM, "lstm", GRU, "gru"))
            .AddAttribute("Activation",
                          "Activation of the candidate path (and of the LSTM's output of the "
                          "cell state): relu or tanh. Gates stay sigmoid.",
                          EnumValue(RELU),
                          MakeEnumAccessor(&ZoneForecaster::m_activation),
                          MakeEnumChecker(RELU, "relu", TANH, "tanh"))
            .AddAttribute("Horizon",
                          "hour: forecast each test hour from the actual previous hours; day: "
                          "forecast each test day from its midnight, feeding forecasts back.",
                          EnumValue(HOUR_AHEAD),
                          MakeEnumAccessor(&ZoneForecaster::m_horizon),
                          MakeEnumChecker(HOUR_AHEAD, "hour", DAY_AHEAD, "day"))
            .AddAttribute("HiddenUnits",
                          "Units per recurrent layer (the paper: 50).",
                          UintegerValue(50),
                          MakeUintegerAccessor(&ZoneForecaster::m_hidden),
                          MakeUintegerChecker<uint32_t>(1, 4096))
            .AddAttribute("Layers",
                          "Recurrent layers (the paper: 2).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&ZoneForecaster::m_layers),
                          MakeUintegerChecker<uint32_t>(1, 16))
            .AddAttribute("Window",
                          "Past hours the network reads for each forecast.",
                          UintegerValue(24),
                          MakeUintegerAccessor(&ZoneForecaster::m_window),
                          MakeUintegerChecker<uint32_t>(1, 24 * 28))
            .AddAttribute("Epochs",
                          "Training epochs.",
                          UintegerValue(60),
                          MakeUintegerAccessor(&ZoneForecaster::m_epochs),
                          MakeUintegerChecker<uint32_t>(1, 100000))
            .AddAttribute("BatchSize",
                          "Mini-batch size.",
                          UintegerValue(64),
                          MakeUintegerAccessor(&ZoneForecaster::m_batchSize),
                          MakeUintegerChecker<uint32_t>(1, 1000000))
            .AddAttribute("LearningRate",
                          "Adam learning rate.",
                          DoubleValue(0.005),
                          MakeDoubleAccessor(&ZoneForecaster::m_learningRate),
                          MakeDoubleChecker<double>(1e-8, 1.0))
            .AddAttribute("TrainFraction",
                          "Share of the days (the first ones) that train; the rest test.",
                          DoubleValue(0.7),
                          MakeDoubleAccessor(&ZoneForecaster::m_trainFraction),
                          MakeDoubleChecker<double>(0.01, 0.99))
            .AddAttribute("Threads",
                          "LibTorch intra-op threads.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&ZoneForecaster::m_threads),
                          MakeUintegerChecker<uint32_t>(1, 256))
            .AddTraceSource("Epoch",
                            "A training epoch finished: its index and mean training loss.",
                            MakeTraceSourceAccessor(&ZoneForecaster::m_epochTrace),
                            "ns3::ZoneForecaster::EpochTracedCallback");
    return tid;
}

ZoneForecaster::ZoneForecaster()
    : m_model(LSTM),
      m_activation(RELU),
      m_horizon(HOUR_AHEAD),
      m_hidden(50),
      m_layers(2),
      m_window(24),
      m_epochs(60),
      m_batchSize(64),
      m_learningRate(0.005),
      m_trainFraction(0.7),
      m_threads(1),
      m_impl(std::make_unique<Impl>())
{
    NS_LOG_FUNCTION(this);
    m_seedRng = CreateObject<UniformRandomVariable>();
}

ZoneForecaster::~ZoneForecaster()
{
    NS_LOG_FUNCTION(this);
}

int64_t
ZoneForecaster::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_seedRng->SetStream(stream);
    return 1;
}

std::string
ZoneForecaster::ModelName(Model model)
{
    return model == LSTM ? "lstm" : "gru";
}

std::string
ZoneForecaster::ActivationName(Activation activation)
{
    return activation == RELU ? "relu" : "tanh";
}

void
ZoneForecaster::SeedTorch()
{
    // Once per process: training allocates and frees the same MB-sized activation buffers
    // thousands of times; glibc's default thresholds hand them back to the kernel every time
    // (half a million page faults and about 3x the training time on the benchmark). Keep them
    // in the heap instead.
    static const bool tuned = []
    {
#ifdef __GLIBC__
        mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
        mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
#endif
        return true;
    }();
    (void)tuned;
    const uint32_t seed = m_seedRng->GetInteger(1, 2147483646);
    torch::manual_seed(seed);
    torch::set_num_threads(static_cast<int>(m_threads));
    // LibTorch's CPU BLAS on Debian is OpenBLAS, whose own thread pool ignores
    // set_num_threads; set it too when the library is there.
    using SetThreads = void (*)(int);
    if (auto f = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
    {
        f(static_cast<int>(m_threads));
    }
    NS_LOG_LOGIC("torch seed " << seed);
}

uint32_t
ZoneForecaster::GetTrainDays(uint32_t nDays) const
{
    if (nDays < 2)
    {
        throw InputError("forecast: " + std::to_string(nDays) +
                         " day(s) of this type, at least 2 are needed to train and test");
    }
    const auto rounded = static_cast<int64_t>(std::llround(m_trainFraction * nDays));
    return static_cast<uint32_t>(std::clamp<int64_t>(rounded, 1, nDays - 1));
}

namespace
{
void
CheckWholeDays(const std::vector<double>& series)
{
    if (series.empty() || series.size() % 24 != 0)
    {
        throw InputError("forecast: the series has " + std::to_string(series.size()) +
                         " hourly values, not a positive number of whole days");
    }
}

double
Seconds(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}
} // namespace

double
ZoneForecaster::Fit(const std::vector<double>& series, uint32_t trainDays)
{
    NS_LOG_FUNCTION(this << series.size() << trainDays);
    CheckWholeDays(series);
    const size_t trainHours = static_cast<size_t>(trainDays) * 24;
    if (trainHours > series.size())
    {
        throw InputError("forecast: " + std::to_string(trainDays) +
                         " training days but the "
                         "series has " +
                         std::to_string(series.size() / 24));
    }
    if (trainHours <= m_window)
    {
        throw InputError::ForAttribute("Window",
                                       "the training part (" + std::to_string(trainHours) +
                                           " hours) must be longer than the window (" +
                                           std::to_string(m_window) + " hours)");
    }
    SeedTorch();
    const bool relu = m_activation == RELU;
    m_impl = std::make_unique<Impl>();
    if (m_model == LSTM)
    {
        m_impl->lstm = LstmForecaster(1, m_hidden, m_layers, relu);
    }
    else
    {
        m_impl->gru = GruForecaster(1, m_hidden, m_layers, relu);
    }
    const auto [lo, hi] = std::minmax_element(series.begin(), series.begin() + trainHours);
    m_impl->lo = *lo;
    m_impl->scale = (*hi - *lo) > 0 ? (*hi - *lo) : 1.0;

    const int64_t n = static_cast<int64_t>(trainHours - m_window);
    const int64_t w = m_window;
    std::vector<float> xs(static_cast<size_t>(n * w));
    std::vector<float> ys(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i)
    {
        for (int64_t j = 0; j < w; ++j)
        {
            xs[i * w + j] = static_cast<float>((series[i + j] - m_impl->lo) / m_impl->scale);
        }
        ys[i] = static_cast<float>((series[i + w] - m_impl->lo) / m_impl->scale);
    }
    torch::Tensor x = torch::from_blob(xs.data(), {n, w, 1}, torch::kFloat32).clone();
    torch::Tensor y = torch::from_blob(ys.data(), {n, 1}, torch::kFloat32).clone();

    torch::optim::Adam optimizer(m_impl->Parameters(), torch::optim::AdamOptions(m_learningRate));
    m_impl->Train(true);
    double epochLoss = 0;
    for (uint32_t epoch = 0; epoch < m_epochs; ++epoch)
    {
        torch::Tensor perm = torch::randperm(n, torch::kLong);
        epochLoss = 0;
        for (int64_t b = 0; b < n; b += m_batchSize)
        {
            torch::Tensor idx = perm.slice(0, b, std::min<int64_t>(n, b + m_batchSize));
            torch::Tensor xb = x.index_select(0, idx);
            torch::Tensor yb = y.index_select(0, idx);
            optimizer.zero_grad();
            torch::Tensor loss = torch::mse_loss(m_impl->Forward(xb), yb);
            loss.backward();
            torch::nn::utils::clip_grad_norm_(m_impl->Parameters(), 1.0);
            optimizer.step();
            epochLoss += loss.item<double>() * idx.size(0);
        }
        epochLoss /= n;
        NS_LOG_LOGIC("epoch " << epoch << " loss " << epochLoss);
        m_epochTrace(epoch, epochLoss);
    }
    m_impl->Train(false);
    return epochLoss;
}

std::vector<double>
ZoneForecaster::PredictNext(const std::vector<std::vector<double>>& windows)
{
    NS_LOG_FUNCTION(this << windows.size());
    if (!m_impl->Ready())
    {
        throw InputError("forecast: PredictNext() before Fit()");
    }
    if (windows.empty())
    {
        return {};
    }
    const int64_t w = static_cast<int64_t>(windows[0].size());
    std::vector<float> xs;
    xs.reserve(windows.size() * w);
    for (const auto& win : windows)
    {
        if (static_cast<int64_t>(win.size()) != w || w == 0)
        {
            throw InputError("forecast: the windows must share one positive length");
        }
        for (double v : win)
        {
            xs.push_back(static_cast<float>((v - m_impl->lo) / m_impl->scale));
        }
    }
    torch::NoGradGuard noGrad;
    torch::Tensor x =
        torch::from_blob(xs.data(), {static_cast<int64_t>(windows.size()), w, 1}, torch::kFloat32);
    torch::Tensor out = m_impl->Forward(x).to(torch::kFloat64).contiguous();
    std::vector<double> predictions(out.data_ptr<double>(), out.data_ptr<double>() + out.numel());
    for (auto& p : predictions)
    {
        p = m_impl->lo + p * m_impl->scale;
    }
    return predictions;
}

std::vector<double>
ZoneForecaster::Forecast(const std::vector<double>& series, uint32_t fromDay)
{
    NS_LOG_FUNCTION(this << series.size() << fromDay);
    CheckWholeDays(series);
    const size_t from = static_cast<size_t>(fromDay) * 24;
    if (from < m_window || from > series.size())
    {
        throw InputError("forecast: day " + std::to_string(fromDay) +
                         " leaves no full window of history or is past the series");
    }
    if (m_horizon == HOUR_AHEAD)
    {
        std::vector<std::vector<double>> windows;
        for (size_t t = from; t < series.size(); ++t)
        {
            windows.emplace_back(series.begin() + (t - m_window), series.begin() + t);
        }
        return PredictNext(windows);
    }
    // Day ahead: all test days at once, 24 recursive steps.
    const size_t days = (series.size() - from) / 24;
    std::vector<std::vector<double>> windows(days);
    for (size_t d = 0; d < days; ++d)
    {
        const size_t start = from + d * 24;
        windows[d].assign(series.begin() + (start - m_window), series.begin() + start);
    }
    std::vector<double> out(days * 24);
    for (uint32_t h = 0; h < 24; ++h)
    {
        const auto next = PredictNext(windows);
        for (size_t d = 0; d < days; ++d)
        {
            out[d * 24 + h] = next[d];
            windows[d].erase(windows[d].begin());
            windows[d].push_back(next[d]);
        }
    }
    return out;
}

ForecastResult
ZoneForecaster::Evaluate(const std::vector<double>& series)
{
    NS_LOG_FUNCTION(this << series.size());
    CheckWholeDays(series);
    const uint32_t nDays = static_cast<uint32_t>(series.size() / 24);
    ForecastResult r;
    r.model = ModelName(m_model);
    r.activation = ActivationName(m_activation);
    r.horizon = m_horizon == HOUR_AHEAD ? "hour" : "day";
    r.trainDays = GetTrainDays(nDays);
    r.testDays = nDays - r.trainDays;
    auto t0 = std::chrono::steady_clock::now();
    r.finalLoss = Fit(series, r.trainDays);
    auto t1 = std::chrono::steady_clock::now();
    r.predicted = Forecast(series, r.trainDays);
    auto t2 = std::chrono::steady_clock::now();
    r.trainSeconds = Seconds(t0, t1);
    r.predictSeconds = Seconds(t1, t2);
    r.actual.assign(series.begin() + r.trainDays * 24, series.end());
    r.rmse = ForecastMetrics::Rmse(r.actual, r.predicted);
    r.smape = ForecastMetrics::Smape(r.actual, r.predicted);
    return r;
}

ForecastResult
ZoneForecaster::EvaluateBaseline(const std::vector<double>& series) const
{
    NS_LOG_FUNCTION(this << series.size());
    CheckWholeDays(series);
    const uint32_t nDays = static_cast<uint32_t>(series.size() / 24);
    ForecastResult r;
    r.model = "baseline";
    r.horizon = "day";
    r.trainDays = GetTrainDays(nDays);
    r.testDays = nDays - r.trainDays;
    auto t0 = std::chrono::steady_clock::now();
    const auto mean = ForecastMetrics::HourlyMean(series, r.trainDays);
    auto t1 = std::chrono::steady_clock::now();
    r.predicted = ForecastMetrics::BaselineForecast(series, r.trainDays);
    auto t2 = std::chrono::steady_clock::now();
    r.trainSeconds = Seconds(t0, t1);
    r.predictSeconds = Seconds(t1, t2);
    r.actual.assign(series.begin() + r.trainDays * 24, series.end());
    r.rmse = ForecastMetrics::Rmse(r.actual, r.predicted);
    r.smape = ForecastMetrics::Smape(r.actual, r.predicted);
    return r;
}

uint64_t
ZoneForecaster::GetParameterCount() const
{
    if (!m_impl->Ready())
    {
        return 0;
    }
    uint64_t n = 0;
    for (const auto& p : m_impl->Parameters())
    {
        n += static_cast<uint64_t>(p.numel());
    }
    return n;
}

void
ZoneForecaster::WriteJson(std::ostream& out, const std::vector<ForecastResult>& results) const
{
    nlohmann::ordered_json doc;
    doc["settings"] = {{"horizon", m_horizon == HOUR_AHEAD ? "hour" : "day"},
                       {"window_hours", m_window},
                       {"hidden_units", m_hidden},
                       {"layers", m_layers},
                       {"epochs", m_epochs},
                       {"batch_size", m_batchSize},
                       {"learning_rate", m_learningRate},
                       {"train_fraction", m_trainFraction},
                       {"threads", m_threads},
                       {"note",
                        "train_s and predict_s are wall-clock times and differ between "
                        "runs; every other field follows --seed/--run"}};
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& r : results)
    {
        nlohmann::ordered_json e;
        e["zone"] = r.zone;
        e["day_type"] = DayTypeName(r.type);
        e["model"] = r.model;
        e["activation"] = r.activation;
        e["horizon"] = r.horizon;
        e["train_days"] = r.trainDays;
        e["test_days"] = r.testDays;
        e["rmse_mb"] = r.rmse;
        e["smape_pct"] = r.smape;
        e["train_s"] = r.trainSeconds;
        e["predict_s"] = r.predictSeconds;
        e["final_loss"] = r.finalLoss;
        e["actual_mb"] = r.actual;
        e["predicted_mb"] = r.predicted;
        list.push_back(e);
    }
    doc["results"] = list;
    out << doc.dump(1) << '\n';
}

} // namespace ns3
