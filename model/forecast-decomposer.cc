/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "forecast-decomposer.h"

#include "input-error.h"
#include "nn/gru-forecaster.h"
#include "nn/lstm-forecaster.h"

#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ForecastDecomposer");

NS_OBJECT_ENSURE_REGISTERED(ForecastDecomposer);

/**
 * \ingroup microscope
 * \brief The LibTorch side of ForecastDecomposer.
 */
class ForecastDecomposerEngine
{
public:
    torch::nn::AnyModule network;              //!< LstmForecaster or GruForecaster
    std::shared_ptr<torch::nn::Module> module; //!< its parameters
    double loss{0};                            //!< final training loss
    torch::Tensor input;                       //!< [nodes, window, 1]
};

TypeId
ForecastDecomposer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ForecastDecomposer")
            .SetParent<Decomposer>()
            .SetGroupName("Microscope")
            .AddConstructor<ForecastDecomposer>()
            .AddAttribute("Model",
                          "average (mean aggregate of the node at that day type and time of "
                          "day), lstm or gru (2 x 50 units, shared by the level's nodes).",
                          StringValue("gru"),
                          MakeStringAccessor(&ForecastDecomposer::m_model),
                          MakeStringChecker())
            .AddAttribute("Activation",
                          "relu or tanh, of the recurrent candidate path.",
                          StringValue("relu"),
                          MakeStringAccessor(&ForecastDecomposer::m_activation),
                          MakeStringChecker())
            .AddAttribute("Window",
                          "Past snapshots the recurrent model reads (History must be at least "
                          "Window + 1: the newest is the interval being allocated).",
                          UintegerValue(5),
                          MakeUintegerAccessor(&ForecastDecomposer::m_window),
                          MakeUintegerChecker<uint32_t>(1, 10000))
            .AddAttribute("Epochs",
                          "Training epochs of the recurrent model.",
                          UintegerValue(10),
                          MakeUintegerAccessor(&ForecastDecomposer::m_epochs),
                          MakeUintegerChecker<uint32_t>(1, 100000))
            .AddAttribute("SamplesPerEpoch",
                          "Training windows drawn per epoch (0: all).",
                          UintegerValue(8192),
                          MakeUintegerAccessor(&ForecastDecomposer::m_samplesPerEpoch),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Threads",
                          "LibTorch threads.",
                          UintegerValue(2),
                          MakeUintegerAccessor(&ForecastDecomposer::m_threads),
                          MakeUintegerChecker<uint32_t>(1, 256));
    return tid;
}

ForecastDecomposer::ForecastDecomposer()
    : m_model("gru"),
      m_activation("relu"),
      m_window(5),
      m_epochs(10),
      m_samplesPerEpoch(8192),
      m_threads(2)
{
    NS_LOG_FUNCTION(this);
    m_seed = CreateObject<UniformRandomVariable>();
}

ForecastDecomposer::~ForecastDecomposer()
{
    NS_LOG_FUNCTION(this);
}

int64_t
ForecastDecomposer::AssignStreams(int64_t stream)
{
    m_seed->SetStream(stream);
    return 1;
}

void
ForecastDecomposer::Setup(const DecomposerSetup& setup)
{
    NS_LOG_FUNCTION(this << setup.level);
    Decomposer::Setup(setup);
    if (m_model != "average" && m_model != "lstm" && m_model != "gru")
    {
        throw InputError::ForAttribute("Model", "average, lstm or gru, not '" + m_model + "'");
    }
    if (m_activation != "relu" && m_activation != "tanh")
    {
        throw InputError::ForAttribute("Activation", "relu or tanh, not '" + m_activation + "'");
    }
    if (m_model != "average" && setup.historyLength < m_window + 1)
    {
        throw InputError::ForAttribute("Window",
                                       "the forecast reads " + std::to_string(m_window) +
                                           " snapshots before the allocated one: History must "
                                           "be at least " +
                                           std::to_string(m_window + 1));
    }
    m_shares = CreateObject<HistoricalDecomposer>();
    DecomposerSetup shares = setup;
    shares.historyLength = 1;
    m_shares->Setup(shares);
    m_series.assign(setup.nNodes, {});
    m_binSums.assign(2 * static_cast<size_t>(setup.intervalsPerDay) * setup.nNodes, 0.0);
    m_binCounts.assign(2 * static_cast<size_t>(setup.intervalsPerDay), 0);
    m_scratch.Reset(1, setup.nNodes);
}

void
ForecastDecomposer::Train(const DecompositionContext& context,
                          const AggregateHistory& history,
                          const DemandMatrix& truth)
{
    m_shares->Train(context, history, truth);
    const std::vector<double>& newest = history.Newest();
    const size_t bin =
        static_cast<size_t>(context.dayType) * GetSetup().intervalsPerDay + context.intervalOfDay;
    for (uint32_t n = 0; n < newest.size(); ++n)
    {
        m_series[n].push_back(newest[n]);
        m_binSums[bin * newest.size() + n] += newest[n];
    }
    ++m_binCounts[bin];
}

void
ForecastDecomposer::EndTraining()
{
    NS_LOG_FUNCTION(this);
    m_shares->EndTraining();
    const uint32_t nodes = GetSetup().nNodes;
    m_nodeMean.assign(nodes, 1.0);
    for (uint32_t n = 0; n < nodes; ++n)
    {
        double sum = 0.0;
        for (double v : m_series[n])
        {
            sum += v;
        }
        m_nodeMean[n] = m_series[n].empty() || !(sum > 0) ? 1.0 : sum / m_series[n].size();
    }
    if (m_model == "average")
    {
        return;
    }
    at::set_num_threads(static_cast<int>(m_threads));
    torch::manual_seed(static_cast<uint64_t>(m_seed->GetInteger(0, 0x7FFFFFFF)));
    m_engine = std::make_unique<ForecastDecomposerEngine>();
    const bool relu = m_activation == "relu";
    if (m_model == "lstm")
    {
        LstmForecaster net(1, 50, 2, relu);
        m_engine->module = net.ptr();
        m_engine->network = torch::nn::AnyModule(net);
    }
    else
    {
        GruForecaster net(1, 50, 2, relu);
        m_engine->module = net.ptr();
        m_engine->network = torch::nn::AnyModule(net);
    }
    // Windows of every node's normalised series.
    std::vector<std::pair<uint32_t, uint32_t>> windows;
    for (uint32_t n = 0; n < nodes; ++n)
    {
        for (uint32_t t = m_window; t < m_series[n].size(); ++t)
        {
            windows.emplace_back(n, t);
        }
    }
    if (windows.empty())
    {
        throw InputError("forecast decomposer: the training period is shorter than the window");
    }
    torch::optim::Adam adam(m_engine->module->parameters(), torch::optim::AdamOptions(1e-3));
    uint64_t state = static_cast<uint64_t>(m_seed->GetInteger(0, 0x7FFFFFFF));
    const uint32_t batch = 64;
    for (uint32_t epoch = 0; epoch < m_epochs; ++epoch)
    {
        for (size_t i = windows.size(); i > 1; --i)
        {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            std::swap(windows[i - 1], windows[(state >> 33) % i]);
        }
        const size_t count = m_samplesPerEpoch > 0
                                 ? std::min<size_t>(m_samplesPerEpoch, windows.size())
                                 : windows.size();
        double sum = 0.0;
        for (size_t b = 0; b < count; b += batch)
        {
            const int64_t size = static_cast<int64_t>(std::min<size_t>(batch, count - b));
            auto x = torch::empty({size, static_cast<int64_t>(m_window), 1});
            auto y = torch::empty({size, 1});
            auto xa = x.accessor<float, 3>();
            auto ya = y.accessor<float, 2>();
            for (int64_t i = 0; i < size; ++i)
            {
                const auto [n, t] = windows[b + i];
                for (uint32_t k = 0; k < m_window; ++k)
                {
                    xa[i][k][0] = static_cast<float>(m_series[n][t - m_window + k] / m_nodeMean[n]);
                }
                ya[i][0] = static_cast<float>(m_series[n][t] / m_nodeMean[n]);
            }
            adam.zero_grad();
            auto loss = torch::mse_loss(m_engine->network.forward(x), y);
            loss.backward();
            torch::nn::utils::clip_grad_norm_(m_engine->module->parameters(), 1.0);
            adam.step();
            sum += loss.item<double>() * size;
        }
        m_engine->loss = sum / count;
    }
    m_engine->module->eval();
    m_engine->input =
        torch::empty({static_cast<int64_t>(nodes), static_cast<int64_t>(m_window), 1});
    NS_LOG_INFO(NetworkLevelName(GetSetup().level)
                << ": " << m_model << " forecaster trained on " << windows.size()
                << " windows, final loss " << m_engine->loss);
}

std::vector<double>
ForecastDecomposer::ForecastAggregate(const DecompositionContext& context,
                                      const AggregateHistory& history)
{
    const uint32_t nodes = GetSetup().nNodes;
    std::vector<double> forecast(nodes, 0.0);
    if (m_model == "average")
    {
        const size_t bin = static_cast<size_t>(context.dayType) * GetSetup().intervalsPerDay +
                           context.intervalOfDay;
        for (uint32_t n = 0; n < nodes; ++n)
        {
            forecast[n] = m_binCounts[bin] > 0 ? m_binSums[bin * nodes + n] / m_binCounts[bin]
                                               : m_nodeMean[n];
        }
        return forecast;
    }
    NS_ABORT_MSG_IF(!m_engine, "ForecastAggregate() before EndTraining()");
    const uint32_t held = history.GetSize();
    if (held < m_window + 1)
    {
        // Not enough past snapshots yet: persistence of the latest one before the current.
        return held >= 2 ? history.Get(held - 2) : history.Newest();
    }
    torch::NoGradGuard noGrad;
    auto xa = m_engine->input.accessor<float, 3>();
    for (uint32_t k = 0; k < m_window; ++k)
    {
        const std::vector<double>& snapshot = history.Get(held - 1 - m_window + k);
        for (uint32_t n = 0; n < nodes; ++n)
        {
            xa[n][k][0] = static_cast<float>(snapshot[n] / m_nodeMean[n]);
        }
    }
    auto out = m_engine->network.forward(m_engine->input).contiguous();
    auto oa = out.accessor<float, 2>();
    for (uint32_t n = 0; n < nodes; ++n)
    {
        forecast[n] = std::max(0.0, static_cast<double>(oa[n][0]) * m_nodeMean[n]);
    }
    return forecast;
}

void
ForecastDecomposer::Decompose(const DecompositionContext& context,
                              const AggregateHistory& history,
                              DemandMatrix& estimate)
{
    m_scratch.Reset(1, GetSetup().nNodes);
    m_scratch.Push(ForecastAggregate(context, history));
    m_shares->Decompose(context, m_scratch, estimate);
}

std::string
ForecastDecomposer::GetName() const
{
    return "forecast";
}

bool
ForecastDecomposer::PreservesAggregate() const
{
    return false;
}

double
ForecastDecomposer::GetTrainingLoss() const
{
    return m_engine ? m_engine->loss : 0.0;
}

void
ForecastDecomposer::DoDispose()
{
    m_engine.reset();
    m_shares = nullptr;
    Decomposer::DoDispose();
}

} // namespace ns3
