/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "deepcog-decomposer.h"

#include "input-error.h"
#include "nn/deepcog-forecaster.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DeepCogDecomposer");

NS_OBJECT_ENSURE_REGISTERED(DeepCogDecomposer);

namespace
{
/// Peak used for a series without training traffic, Mbps: its capacity stays negligible.
constexpr double SILENT_PEAK = 1e-6;
} // namespace

TypeId
DeepCogDecomposer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DeepCogDecomposer")
            .SetParent<Decomposer>()
            .SetGroupName("Microscope")
            .AddConstructor<DeepCogDecomposer>()
            .AddAttribute("Window",
                          "T, the past true values of a (node, service) that its forecast "
                          "reads; 0 (the default) uses the orchestrator's History.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&DeepCogDecomposer::m_windowAttr),
                          MakeUintegerChecker<uint32_t>(0, 4096))
            .AddAttribute("Hidden",
                          "Units of each of the MLP's two hidden layers (64: a small network, "
                          "illustrative, not fitted).",
                          UintegerValue(64),
                          MakeUintegerAccessor(&DeepCogDecomposer::m_hidden),
                          MakeUintegerChecker<uint32_t>(1, 4096))
            .AddAttribute("Epochs",
                          "Maximum training epochs; early stopping usually ends sooner (35-50 "
                          "epochs at the default scenario's datacenter levels).",
                          UintegerValue(60),
                          MakeUintegerAccessor(&DeepCogDecomposer::m_epochs),
                          MakeUintegerChecker<uint32_t>(1, 100000))
            .AddAttribute("BatchSize",
                          "Samples ((target interval, node, service) triples) per minibatch.",
                          UintegerValue(256),
                          MakeUintegerAccessor(&DeepCogDecomposer::m_batchSize),
                          MakeUintegerChecker<uint32_t>(1, 1 << 20))
            .AddAttribute("SamplesPerEpoch",
                          "Training samples per epoch, drawn uniformly with replacement; 0, or "
                          "at least the number of samples, for every sample once in a shuffled "
                          "order. Caps the training time at levels with many nodes.",
                          UintegerValue(65536),
                          MakeUintegerAccessor(&DeepCogDecomposer::m_samplesPerEpoch),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("EarlyStoppingSamples",
                          "Held-out samples, evenly spaced, whose cost decides early stopping; "
                          "0 for all.",
                          UintegerValue(65536),
                          MakeUintegerAccessor(&DeepCogDecomposer::m_validationSamples),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Patience",
                          "Epochs without a lower held-out cost before training stops.",
                          UintegerValue(8),
                          MakeUintegerAccessor(&DeepCogDecomposer::m_patience),
                          MakeUintegerChecker<uint32_t>(1, 100000))
            .AddAttribute("EarlyStoppingFraction",
                          "Share of the training days, at their end, held out for early "
                          "stopping (at least one day when > 0; 0 trains on all of them "
                          "for Epochs epochs). Never the validation or test days.",
                          DoubleValue(0.2),
                          MakeDoubleAccessor(&DeepCogDecomposer::m_earlyStoppingFraction),
                          MakeDoubleChecker<double>(0.0, 0.9))
            .AddAttribute("LearningRate",
                          "Adam's learning rate; must be > 0.",
                          DoubleValue(1e-3),
                          MakeDoubleAccessor(&DeepCogDecomposer::m_learningRate),
                          MakeDoubleChecker<double>())
            .AddAttribute("Epsilon",
                          "Slope parameter eps of the cost-aware loss (DeepCog Eq. 15-16), "
                          "relative to the (node, service) training peak: the loss is least "
                          "for a capacity alpha * eps * peak above the demand. Must be > 0. "
                          "0.01 as in the neural trainer's cost loss.",
                          DoubleValue(0.01),
                          MakeDoubleAccessor(&DeepCogDecomposer::m_epsilon),
                          MakeDoubleChecker<double>())
            .AddAttribute("Threads",
                          "LibTorch intra-op threads while training and forecasting "
                          "(at::set_num_threads; the previous count is restored afterwards). "
                          "1 by default: the network is small, and more threads only add "
                          "synchronisation (2 threads trained 12x slower than 1 on a loaded "
                          "2-core machine).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&DeepCogDecomposer::m_threads),
                          MakeUintegerChecker<uint32_t>(1, 256));
    return tid;
}

DeepCogDecomposer::DeepCogDecomposer()
    : m_windowAttr(0),
      m_hidden(64),
      m_epochs(60),
      m_batchSize(256),
      m_samplesPerEpoch(65536),
      m_validationSamples(65536),
      m_patience(8),
      m_learningRate(1e-3),
      m_epsilon(0.01),
      m_earlyStoppingFraction(0.2),
      m_threads(1),
      m_window(0),
      m_nSeries(0),
      m_ringStart(0),
      m_seen(0),
      m_epochsRun(0),
      m_bestEpoch(0),
      m_trainingLoss(0),
      m_earlyStoppingCost(0),
      m_trainingSeconds(0),
      m_trained(false),
      m_warnedGap(false)
{
    NS_LOG_FUNCTION(this);
    m_seed = CreateObject<UniformRandomVariable>();
}

DeepCogDecomposer::~DeepCogDecomposer()
{
    NS_LOG_FUNCTION(this);
}

void
DeepCogDecomposer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_engine.reset();
    m_train.clear();
    m_calendar.clear();
    m_recent.clear();
    Decomposer::DoDispose();
}

int64_t
DeepCogDecomposer::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_seed->SetStream(stream);
    return 1;
}

void
DeepCogDecomposer::Setup(const DecomposerSetup& setup)
{
    NS_LOG_FUNCTION(this << setup.level << setup.nNodes << setup.nServices);
    if (!(m_epsilon > 0) || !std::isfinite(m_epsilon))
    {
        std::ostringstream v;
        v << m_epsilon;
        throw InputError::ForAttribute("Epsilon",
                                       "the cost-aware loss needs eps > 0, got " + v.str());
    }
    if (!(m_learningRate > 0) || !std::isfinite(m_learningRate))
    {
        std::ostringstream v;
        v << m_learningRate;
        throw InputError::ForAttribute("LearningRate", "must be > 0, got " + v.str());
    }
    Decomposer::Setup(setup);
    if (setup.nNodes == 0 || setup.nServices == 0 || setup.intervalsPerDay == 0)
    {
        throw InputError("deepcog decomposer: empty level (nodes, services or intervals)");
    }
    m_window = m_windowAttr > 0 ? m_windowAttr : std::max<uint32_t>(setup.historyLength, 1);
    m_nSeries = static_cast<size_t>(setup.nServices) * setup.nNodes;
    m_train.clear();
    m_calendar.clear();
    m_days.clear();
    m_peak.clear();
    m_recent.clear();
    m_ringStart = 0;
    m_seen = 0;
    m_engine.reset();
    m_trained = false;
    m_warnedGap = false;
}

void
DeepCogDecomposer::Train(const DecompositionContext& context,
                         const AggregateHistory& history,
                         const DemandMatrix& truth)
{
    NS_ABORT_MSG_IF(m_nSeries == 0, "Setup() must come before Train()");
    NS_ABORT_MSG_IF(m_trained, "Train() after EndTraining()");
    NS_ABORT_MSG_IF(truth.GetNServices() * static_cast<size_t>(truth.GetNNodes()) != m_nSeries,
                    "training matrix of the wrong shape");
    NS_ABORT_MSG_IF(!m_days.empty() && context.interval != m_seen,
                    "deepcog: training interval " << context.interval << " after " << m_seen - 1
                                                  << ": the intervals must come in order");
    const double* d = truth.Data();
    for (size_t i = 0; i < m_nSeries; ++i)
    {
        m_train.push_back(static_cast<float>(std::max(d[i], 0.0)));
    }
    float cal[3];
    DeepCogForecaster::CalendarFeatures(context.intervalOfDay,
                                        GetSetup().intervalsPerDay,
                                        context.dayType == DayType::HOLIDAY,
                                        cal);
    m_calendar.insert(m_calendar.end(), cal, cal + 3);
    m_days.push_back(context.day);
    m_seen = context.interval + 1;
}

void
DeepCogDecomposer::EndTraining()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_nSeries == 0, "Setup() must come before EndTraining()");
    if (m_trained)
    {
        return;
    }
    const uint64_t intervals = m_days.size();
    if (intervals <= m_window)
    {
        throw InputError::ForAttribute(
            "Window",
            "deepcog at " + NetworkLevelName(GetSetup().level) + ": " + std::to_string(intervals) +
                " training intervals, not more than the window of " + std::to_string(m_window));
    }
    const auto start = std::chrono::steady_clock::now();
    // Peaks.
    m_peak.assign(m_nSeries, 0.0);
    for (uint64_t t = 0; t < intervals; ++t)
    {
        const float* row = m_train.data() + t * m_nSeries;
        for (size_t i = 0; i < m_nSeries; ++i)
        {
            m_peak[i] = std::max<double>(m_peak[i], row[i]);
        }
    }
    for (auto& p : m_peak)
    {
        p = p > 0 ? p : SILENT_PEAK;
    }
    // Held-out days: the last EarlyStoppingFraction of the training days.
    const uint64_t firstDay = m_days.front();
    const uint64_t nDays = m_days.back() - firstDay + 1;
    uint64_t heldDays = 0;
    if (m_earlyStoppingFraction > 0 && nDays >= 2)
    {
        heldDays =
            std::clamp<uint64_t>(std::llround(m_earlyStoppingFraction * nDays), 1, nDays - 1);
    }
    const uint64_t cutDay = firstDay + nDays - heldDays;
    uint64_t split = intervals;
    if (heldDays > 0)
    {
        split = std::lower_bound(m_days.begin(), m_days.end(), cutDay) - m_days.begin();
    }

    DeepCogOptions options;
    options.window = m_window;
    options.hidden = m_hidden;
    options.epochs = m_epochs;
    options.batchSize = m_batchSize;
    options.samplesPerEpoch = m_samplesPerEpoch;
    options.validationSamples = m_validationSamples;
    options.patience = m_patience;
    options.learningRate = m_learningRate;
    options.alpha = GetSetup().costAlpha;
    options.epsilon = m_epsilon;
    options.keep = 1.0 - GetSetup().violationTolerance;
    options.seed = m_seed->GetInteger(1, 2147483646);
    if (split <= m_window)
    {
        throw InputError::ForAttribute(
            "EarlyStoppingFraction",
            "deepcog at " + NetworkLevelName(GetSetup().level) + ": after holding out " +
                std::to_string(heldDays) + " of " + std::to_string(nDays) +
                " training days, no interval is left to train on (window " +
                std::to_string(m_window) + ")");
    }
    // The thread count is process-wide: restore it for the other lanes after training.
    const int threadsBefore = at::get_num_threads();
    at::set_num_threads(static_cast<int>(m_threads));
    m_engine =
        std::make_unique<DeepCogForecaster>(options, GetSetup().nServices, GetSetup().nNodes);
    DeepCogData data;
    data.values = m_train.data();
    data.intervals = intervals;
    data.services = GetSetup().nServices;
    data.nodes = GetSetup().nNodes;
    data.peak = m_peak.data();
    data.calendar = m_calendar.data();
    data.firstEarlyStoppingTarget = split;
    const DeepCogFitReport report = m_engine->Fit(data);
    at::set_num_threads(threadsBefore);
    m_epochsRun = report.epochs;
    m_bestEpoch = report.bestEpoch;
    m_trainingLoss = report.trainingLoss;
    m_earlyStoppingCost = report.earlyStoppingCost;

    // Keep the last T truths only.
    m_recent.assign(m_train.end() - static_cast<std::ptrdiff_t>(m_window * m_nSeries),
                    m_train.end());
    m_ringStart = 0;
    m_train.clear();
    m_train.shrink_to_fit();
    m_calendar.clear();
    m_calendar.shrink_to_fit();
    m_windows.assign(m_nSeries * m_window, 0.0F);
    m_trained = true;
    m_trainingSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    NS_LOG_INFO("deepcog at " << GetSetup().level << ": " << intervals << " training intervals ("
                              << nDays << " days, the last " << heldDays << " held out), window "
                              << m_window << ", seed " << options.seed << ": " << report.epochs
                              << " epochs, kept epoch " << report.bestEpoch
                              << ", last training loss " << report.trainingLoss
                              << " Mbps, held-out cost " << report.earlyStoppingCost
                              << " Mbps per sample over " << report.earlyStoppingSamples
                              << " samples, " << m_trainingSeconds << " s");
}

void
DeepCogDecomposer::Observe(const DecompositionContext& context, const DemandMatrix& truth)
{
    if (!m_trained)
    {
        EndTraining();
    }
    if (context.interval < m_seen)
    {
        return; // already seen
    }
    NS_ABORT_MSG_IF(truth.GetNServices() * static_cast<size_t>(truth.GetNNodes()) != m_nSeries,
                    "observed matrix of the wrong shape");
    float* row = m_recent.data() + static_cast<size_t>(m_ringStart) * m_nSeries;
    const double* d = truth.Data();
    for (size_t i = 0; i < m_nSeries; ++i)
    {
        row[i] = static_cast<float>(std::max(d[i], 0.0));
    }
    m_ringStart = (m_ringStart + 1) % m_window;
    m_seen = context.interval + 1;
}

void
DeepCogDecomposer::Decompose(const DecompositionContext& context,
                             const AggregateHistory& history,
                             DemandMatrix& estimate)
{
    if (!m_trained)
    {
        EndTraining();
    }
    if (context.interval != m_seen && !m_warnedGap)
    {
        m_warnedGap = true;
        NS_LOG_WARN("deepcog at " << GetSetup().level << ": forecasting interval "
                                  << context.interval << " from the truths up to " << m_seen - 1
                                  << " (Observe() was not called for every interval)");
    }
    // [series][T], oldest first.
    for (uint32_t j = 0; j < m_window; ++j)
    {
        const float* row =
            m_recent.data() + static_cast<size_t>((m_ringStart + j) % m_window) * m_nSeries;
        for (size_t i = 0; i < m_nSeries; ++i)
        {
            m_windows[i * m_window + j] = row[i];
        }
    }
    float cal[3];
    DeepCogForecaster::CalendarFeatures(context.intervalOfDay,
                                        GetSetup().intervalsPerDay,
                                        context.dayType == DayType::HOLIDAY,
                                        cal);
    const int threadsBefore = at::get_num_threads();
    if (threadsBefore != static_cast<int>(m_threads))
    {
        at::set_num_threads(static_cast<int>(m_threads));
    }
    m_engine->Predict(m_windows, m_peak, cal, m_forecast);
    if (threadsBefore != static_cast<int>(m_threads))
    {
        at::set_num_threads(threadsBefore);
    }
    const uint32_t S = GetSetup().nServices;
    const uint32_t N = GetSetup().nNodes;
    if (estimate.GetNServices() != S || estimate.GetNNodes() != N)
    {
        estimate.Resize(S, N);
    }
    std::copy(m_forecast.begin(), m_forecast.end(), estimate.Data());
}

bool
DeepCogDecomposer::PreservesAggregate() const
{
    return false;
}

std::string
DeepCogDecomposer::GetName() const
{
    return "deepcog";
}

uint32_t
DeepCogDecomposer::GetWindow() const
{
    return m_window;
}

uint32_t
DeepCogDecomposer::GetEpochsRun() const
{
    return m_epochsRun;
}

uint32_t
DeepCogDecomposer::GetBestEpoch() const
{
    return m_bestEpoch;
}

double
DeepCogDecomposer::GetTrainingLoss() const
{
    return m_trainingLoss;
}

double
DeepCogDecomposer::GetEarlyStoppingCost() const
{
    return m_earlyStoppingCost;
}

double
DeepCogDecomposer::GetTrainingSeconds() const
{
    return m_trainingSeconds;
}

} // namespace ns3
