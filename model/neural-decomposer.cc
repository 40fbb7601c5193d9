/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "neural-decomposer.h"

#include "input-error.h"
#include "nn/neural-model.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NeuralDecomposer");

NS_OBJECT_ENSURE_REGISTERED(NeuralDecomposer);

/**
 * \ingroup microscope
 * \brief The LibTorch side of NeuralDecomposer.
 */
class NeuralDecomposerEngine
{
public:
    NeuralModel model;                //!< network and shape
    int64_t repaired{0};              //!< repaired node estimates
    std::vector<float> window;        //!< T x nodes aggregates
    std::vector<double> levelScratch; //!< one interval's aggregates, rounded to float
    torch::Tensor input;              //!< [1, C, T, H, W]
    torch::Tensor aggregate;          //!< [1, H, W]
    torch::Tensor prior;              //!< [1, S, H, W] (HistoricalPrior models)
    std::vector<double> estimates;    //!< S x nodes

    // The batch told ahead (Prefetch()).
    uint64_t batchFirst{0};             //!< interval of its first sample
    uint32_t batchCount{0};             //!< its samples
    std::vector<float> batchWindows;    //!< count x T x nodes aggregates
    std::vector<uint32_t> batchOfDay;   //!< each sample's interval of the day
    std::vector<DayType> batchDayType;  //!< each sample's day type
    std::vector<double> batchEstimates; //!< count x S x nodes
    uint64_t batches{0};                //!< batched forward passes run
    uint64_t batchedHits{0};            //!< Decompose() calls served from a batch
};

TypeId
NeuralDecomposer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NeuralDecomposer")
            .SetParent<Decomposer>()
            .SetGroupName("Microscope")
            .AddConstructor<NeuralDecomposer>()
            .AddAttribute("ModelFile",
                          "Model file written by microscope-train for this level and interval.",
                          StringValue(""),
                          MakeStringAccessor(&NeuralDecomposer::m_modelFile),
                          MakeStringChecker())
            .AddAttribute("Threads",
                          "LibTorch intra-op threads for inference (at::set_num_threads). 1 by "
                          "default: with batched inference one thread does the work, and a "
                          "second one mostly spins in OpenMP (the default run used 4 times the "
                          "CPU time with 2 on a shared 2-core machine; doc/sections/neural.rst); "
                          "sweeps run one process per core.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&NeuralDecomposer::m_threads),
                          MakeUintegerChecker<uint32_t>(1, 256))
            .AddAttribute("BatchSize",
                          "Intervals whose forward passes run as one batch, ahead of their "
                          "slots, when the fluid SlotOrchestrator tells the decomposer the "
                          "upcoming aggregates (Decomposer::Prefetch()); the estimates equal "
                          "those of one pass per interval within float noise (1e-5 relative "
                          "is checked). 1 runs one batch-one pass per interval, as the "
                          "packet-level LteSliceController always does. Default: 2 hours of "
                          "5-minute intervals, measured fastest on 2 cores "
                          "(doc/sections/neural.rst).",
                          UintegerValue(24),
                          MakeUintegerAccessor(&NeuralDecomposer::m_batchSize),
                          MakeUintegerChecker<uint32_t>(1, 100000))
            .AddAttribute("CostAware",
                          "Expect a cost-aware model (trained with the cost loss): its "
                          "estimates are per-slice capacities that need not sum to the "
                          "aggregate, and the lane is named cost-aware. A model of the other "
                          "kind is an InputError naming the file.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&NeuralDecomposer::m_costAware),
                          MakeBooleanChecker());
    return tid;
}

NeuralDecomposer::NeuralDecomposer()
    : m_threads(1),
      m_batchSize(24)
{
    NS_LOG_FUNCTION(this);
}

NeuralDecomposer::~NeuralDecomposer()
{
    NS_LOG_FUNCTION(this);
}

void
NeuralDecomposer::Setup(const DecomposerSetup& setup)
{
    NS_LOG_FUNCTION(this << setup.level);
    Decomposer::Setup(setup);
    if (m_modelFile.empty())
    {
        throw InputError::ForAttribute("ModelFile",
                                       "the neural decomposer at the " +
                                           NetworkLevelName(setup.level) +
                                           " level needs a model file");
    }
    at::set_num_threads(static_cast<int>(m_threads));
    m_engine = std::make_unique<NeuralDecomposerEngine>();
    m_engine->model.Load(m_modelFile);
    const NeuralModelInfo& info = m_engine->model.GetInfo();
    auto mismatch =
        [this](const std::string& what, const std::string& model, const std::string& here)
    {
        throw InputError::InFile(m_modelFile,
                                 "the model was trained for " + what + " " + model +
                                     ", but this scenario has " + here);
    };
    const bool capacity = m_engine->model.GetLoss().IsCapacity();
    if (capacity != m_costAware)
    {
        throw InputError::InFile(
            m_modelFile,
            capacity ? "is a cost-aware model (loss 'cost': capacities, not a split of the "
                       "aggregate); use it in the cost-aware lane (--decomposer=cost-aware)"
                     : "is a conserving model (loss '" + info.loss +
                           "': a split of the aggregate); the cost-aware lane needs one trained "
                           "with --loss=cost");
    }
    if (info.level != NetworkLevelName(setup.level))
    {
        mismatch("the level", info.level, NetworkLevelName(setup.level));
    }
    const double minutes = setup.interval.GetMinutes();
    if (std::abs(info.intervalMin - minutes) > 1e-9)
    {
        std::ostringstream a;
        std::ostringstream b;
        a << info.intervalMin << " min";
        b << minutes << " min";
        mismatch("a management interval of", a.str(), b.str());
    }
    if (info.history != setup.historyLength)
    {
        mismatch("a history of T =",
                 std::to_string(info.history),
                 "T = " + std::to_string(setup.historyLength));
    }
    const auto names = setup.catalog->GetNames();
    if (info.services != names)
    {
        std::string a;
        std::string b;
        for (const auto& s : info.services)
        {
            a += (a.empty() ? "" : ",") + s;
        }
        for (const auto& s : names)
        {
            b += (b.empty() ? "" : ",") + s;
        }
        mismatch("the services", a, b);
    }
    if (info.positions.size() != setup.nNodes)
    {
        mismatch(std::to_string(info.positions.size()),
                 "nodes",
                 std::to_string(setup.nNodes) + " nodes");
    }
    for (uint32_t n = 0; n < setup.nNodes; ++n)
    {
        const Vector& p = setup.nodePositions.at(n);
        if (std::abs(p.x - info.positions[n].x) > 1.0 || std::abs(p.y - info.positions[n].y) > 1.0)
        {
            std::ostringstream here;
            here << "node " << n << " at (" << p.x << ", " << p.y << ") instead of ("
                 << info.positions[n].x << ", " << info.positions[n].y
                 << "): another layout, seed or partition";
            mismatch("its own node layout;", "", here.str());
        }
    }
    const int64_t channels = info.GetChannels();
    m_engine->window.assign(static_cast<size_t>(info.history) * setup.nNodes, 0.0f);
    m_engine->input = torch::zeros({1, channels, info.history, info.rows, info.cols});
    m_engine->aggregate = torch::zeros({1, info.rows, info.cols});
    m_prior = nullptr;
    m_priorTrained = false;
    if (info.levelDeviation)
    {
        m_engine->model.ResetUsualLevel();
    }
    if (info.historicalPrior)
    {
        m_engine->prior =
            torch::zeros({1, static_cast<int64_t>(info.services.size()), info.rows, info.cols});
        m_prior = CreateObject<HistoricalDecomposer>();
        m_prior->Setup(setup);
    }
    NS_LOG_INFO("loaded " << info.architecture << "/" << info.loss << " model for the "
                          << info.level << " level from " << m_modelFile);
}

void
NeuralDecomposer::Decompose(const DecompositionContext& context,
                            const AggregateHistory& history,
                            DemandMatrix& estimate)
{
    NS_ABORT_MSG_IF(!m_engine, "Decompose() before Setup()");
    NeuralDecomposerEngine& e = *m_engine;
    const NeuralModelInfo& info = e.model.GetInfo();
    const uint32_t nodes = GetSetup().nNodes;
    const uint32_t services = GetSetup().nServices;
    history.CopyTo(e.window.data());
    for (float v : e.window)
    {
        if (!std::isfinite(v))
        {
            throw InputError("neural decomposer (" + info.level + ", interval " +
                             std::to_string(context.interval) +
                             "): the history window holds a NaN or infinite aggregate");
        }
    }
    const double* computed = nullptr;
    if (context.interval >= e.batchFirst && context.interval - e.batchFirst < e.batchCount)
    {
        // Told ahead: use the batch's result if it was computed from this very window.
        const size_t k = context.interval - e.batchFirst;
        const size_t size = e.window.size();
        if (std::equal(e.window.begin(),
                       e.window.end(),
                       e.batchWindows.begin() + static_cast<std::ptrdiff_t>(k * size)) &&
            e.batchOfDay[k] == context.intervalOfDay && e.batchDayType[k] == context.dayType)
        {
            computed = e.batchEstimates.data() + k * static_cast<size_t>(services) * nodes;
            ++e.batchedHits;
        }
        else
        {
            NS_LOG_WARN(info.level << " interval " << context.interval
                                   << ": the history differs from the one told ahead; "
                                      "computed afresh");
        }
    }
    if (!computed)
    {
        Infer(context);
        computed = e.estimates.data();
    }
    if (estimate.GetNServices() != services || estimate.GetNNodes() != nodes)
    {
        estimate.Resize(services, nodes);
    }
    std::copy(computed, computed + static_cast<size_t>(services) * nodes, estimate.Data());
    if (m_costAware)
    {
        return; // capacities: not a split of the aggregate
    }
    // The grid round trip is in float: bring each node's sum back to its exact aggregate.
    const std::vector<double>& aggregate = history.Newest();
    double* out = estimate.Data(); // [service][node]
    for (uint32_t n = 0; n < nodes; ++n)
    {
        double sum = 0.0;
        for (uint32_t s = 0; s < services; ++s)
        {
            sum += out[static_cast<size_t>(s) * nodes + n];
        }
        const double factor = sum > 0 ? aggregate[n] / sum : 0.0;
        for (uint32_t s = 0; s < services; ++s)
        {
            double& v = out[static_cast<size_t>(s) * nodes + n];
            v = sum > 0 ? v * factor : aggregate[n] / services;
        }
    }
}

void
NeuralDecomposer::Infer(const DecompositionContext& context)
{
    NeuralDecomposerEngine& e = *m_engine;
    const NeuralModelInfo& info = e.model.GetInfo();
    const uint32_t nodes = GetSetup().nNodes;
    CheckPriorTrained();
    c10::InferenceMode inference;
    e.model.FillInput(e.window.data(),
                      context.intervalOfDay,
                      context.dayType,
                      e.input.data_ptr<float>());
    const float* newest = e.window.data() + static_cast<size_t>(info.history - 1) * nodes;
    e.model.FillGrid(newest, e.aggregate.data_ptr<float>());
    if (info.historicalPrior)
    {
        e.model.FillPrior(*m_prior,
                          context.intervalOfDay,
                          context.dayType,
                          e.prior.data_ptr<float>());
    }
    auto output = e.model.Forward(e.input, e.prior, e.aggregate);
    e.model.Gather(output, e.aggregate, e.estimates, e.repaired);
}

void
NeuralDecomposer::CheckPriorTrained() const
{
    if (m_engine->model.GetInfo().levelDeviation && !m_engine->model.HasUsualLevel())
    {
        throw InputError::ForAttribute(
            "ModelFile",
            m_modelFile + " compares the aggregates with their usual level, which needs the "
                          "training period: no interval was trained before the first "
                          "decomposition");
    }
    if (m_engine->model.GetInfo().historicalPrior && !m_priorTrained)
    {
        throw InputError::ForAttribute(
            "ModelFile",
            m_modelFile + " corrects the historical shares, which need the training period: no "
                          "interval was trained before the first decomposition");
    }
}

uint32_t
NeuralDecomposer::GetBatchSize() const
{
    return m_batchSize;
}

void
NeuralDecomposer::Prefetch(const std::vector<DecompositionContext>& contexts,
                           const AggregateHistory& history,
                           const std::vector<std::vector<double>>& upcoming)
{
    NS_LOG_FUNCTION(this << contexts.size());
    NS_ABORT_MSG_IF(!m_engine, "Prefetch() before Setup()");
    NS_ABORT_MSG_IF(upcoming.size() + 1 < contexts.size(), "Prefetch(): too few snapshots");
    NeuralDecomposerEngine& e = *m_engine;
    const NeuralModelInfo& info = e.model.GetInfo();
    e.batchCount = 0;
    if (contexts.empty() || (info.historicalPrior && !m_priorTrained) ||
        (info.levelDeviation && !e.model.HasUsualLevel()))
    {
        return; // Decompose() reports the untrained prior
    }
    const uint32_t nodes = GetSetup().nNodes;
    const size_t size = e.window.size();
    const size_t count = std::min<size_t>(contexts.size(), m_batchSize);
    e.batchWindows.resize(count * size);
    e.batchOfDay.clear();
    e.batchDayType.clear();
    // Each sample's window: the history with the upcoming snapshots before it pushed on top.
    AggregateHistory window = history;
    size_t samples = 0;
    for (; samples < count; ++samples)
    {
        if (samples > 0)
        {
            window.Push(upcoming[samples - 1]);
        }
        float* out = e.batchWindows.data() + samples * size;
        window.CopyTo(out);
        if (!std::all_of(out, out + size, [](float v) { return std::isfinite(v); }))
        {
            break; // Decompose() reports it, at its interval
        }
        e.batchOfDay.push_back(contexts[samples].intervalOfDay);
        e.batchDayType.push_back(contexts[samples].dayType);
    }
    if (samples == 0)
    {
        return;
    }
    const int64_t b = static_cast<int64_t>(samples);
    const int64_t rows = info.rows;
    const int64_t cols = info.cols;
    const int64_t cells = rows * cols;
    c10::InferenceMode inference;
    auto input = torch::zeros({b, info.GetChannels(), info.history, rows, cols});
    auto aggregate = torch::empty({b, rows, cols});
    torch::Tensor prior;
    if (info.historicalPrior)
    {
        prior = torch::empty({b, static_cast<int64_t>(info.services.size()), rows, cols});
    }
    const int64_t sample = input[0].numel();
    for (int64_t k = 0; k < b; ++k)
    {
        const float* w = e.batchWindows.data() + k * size;
        e.model.FillInput(w,
                          e.batchOfDay[k],
                          e.batchDayType[k],
                          input.data_ptr<float>() + k * sample);
        e.model.FillGrid(w + static_cast<size_t>(info.history - 1) * nodes,
                         aggregate.data_ptr<float>() + k * cells);
        if (prior.defined())
        {
            e.model.FillPrior(*m_prior,
                              e.batchOfDay[k],
                              e.batchDayType[k],
                              prior.data_ptr<float>() + k * prior[0].numel());
        }
    }
    auto output = e.model.Forward(input, prior, aggregate);
    e.model.Gather(output, aggregate, e.batchEstimates, e.repaired);
    e.batchFirst = contexts.front().interval;
    e.batchCount = static_cast<uint32_t>(samples);
    ++e.batches;
    NS_LOG_LOGIC(info.level << ": intervals " << e.batchFirst << "-" << e.batchFirst + samples - 1
                            << " in one forward pass");
}

uint64_t
NeuralDecomposer::GetNBatches() const
{
    return m_engine ? m_engine->batches : 0;
}

uint64_t
NeuralDecomposer::GetNBatchedDecompositions() const
{
    return m_engine ? m_engine->batchedHits : 0;
}

std::string
NeuralDecomposer::GetName() const
{
    return m_costAware ? "cost-aware" : "neural";
}

bool
NeuralDecomposer::PreservesAggregate() const
{
    return !m_costAware;
}

void
NeuralDecomposer::Train(const DecompositionContext& context,
                        const AggregateHistory& history,
                        const DemandMatrix& truth)
{
    NS_LOG_FUNCTION(this << context.interval);
    if (m_prior)
    {
        m_prior->Train(context, history, truth);
    }
    NS_ABORT_MSG_IF(!m_engine, "Train() before Setup()");
    NeuralModel& model = m_engine->model;
    if (model.GetInfo().levelDeviation)
    {
        // In float, as the trainer's data set holds the aggregates.
        const std::vector<double>& newest = history.Newest();
        m_engine->levelScratch.resize(newest.size());
        for (size_t n = 0; n < newest.size(); ++n)
        {
            m_engine->levelScratch[n] = static_cast<double>(static_cast<float>(newest[n]));
        }
        model.AddUsualLevel(context.dayType, context.intervalOfDay, m_engine->levelScratch.data());
    }
}

void
NeuralDecomposer::EndTraining()
{
    NS_LOG_FUNCTION(this);
    if (m_prior)
    {
        m_prior->EndTraining();
        m_priorTrained = m_prior->GetNTrainingIntervals() > 0;
    }
    if (m_engine && m_engine->model.GetInfo().levelDeviation)
    {
        m_engine->model.FinishUsualLevel();
    }
}

NeuralModelInfo
NeuralDecomposer::ReadInfo(const std::string& path)
{
    NeuralModel model;
    model.Load(path);
    return model.GetInfo();
}

std::string
NeuralDecomposer::WhyUnfit(const std::string& file,
                           const std::vector<Vector>& nodePositions,
                           Time interval,
                           uint32_t history,
                           const std::vector<std::string>& services)
{
    NS_LOG_FUNCTION(file << interval << history);
    if (!std::ifstream(file).good())
    {
        return "no model file " + file;
    }
    const std::string why =
        ReadInfo(file).WhyUnfit(nodePositions, interval.GetMinutes(), history, services);
    return why.empty() ? why : file + " " + why;
}

const NeuralModelInfo&
NeuralDecomposer::GetInfo() const
{
    NS_ABORT_MSG_IF(!m_engine, "GetInfo() before Setup()");
    return m_engine->model.GetInfo();
}

int64_t
NeuralDecomposer::GetNRepaired() const
{
    return m_engine ? m_engine->repaired : 0;
}

double
NeuralDecomposer::GetFlops() const
{
    NS_ABORT_MSG_IF(!m_engine, "GetFlops() before Setup()");
    return m_engine->model.GetNetwork()->Flops();
}

void
NeuralDecomposer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_engine.reset();
    m_prior = nullptr;
    Decomposer::DoDispose();
}

} // namespace ns3
