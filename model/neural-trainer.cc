/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "neural-trainer.h"

#include "aggregate-history.h"
#include "decomposition-context.h"
#include "grid-mapper.h"
#include "historical-decomposer.h"
#include "input-error.h"
#include "linear-decomposer.h"
#include "nn/network-factory.h"
#include "nn/neural-model.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NeuralTrainer");

NS_OBJECT_ENSURE_REGISTERED(NeuralTrainer);

namespace
{

/**
 * SplitMix64: a tiny deterministic generator for the per-epoch shuffles, keyed by the seed
 * drawn from the ns-3 stream and the epoch, so that a resumed run shuffles like an
 * uninterrupted one.
 * \param state the state, advanced.
 * \return the next 64-bit value.
 */
uint64_t
SplitMix64(uint64_t& state)
{
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/**
 * Accumulates the MAE and NMAE metrics.
 */
class MetricAccumulator
{
public:
    /**
     * \param services services \param nodes nodes
     */
    MetricAccumulator(uint32_t services, uint32_t nodes)
        : m_services(services),
          m_nodes(nodes),
          m_abs(static_cast<size_t>(services) * nodes, 0.0),
          m_min(static_cast<size_t>(services) * nodes, std::numeric_limits<double>::infinity()),
          m_max(static_cast<size_t>(services) * nodes, -std::numeric_limits<double>::infinity()),
          m_count(0)
    {
    }

    /**
     * \param estimate services x nodes \param truth services x nodes
     */
    void Add(const double* estimate, const float* truth)
    {
        for (size_t i = 0; i < m_abs.size(); ++i)
        {
            const double d = truth[i];
            m_abs[i] += std::abs(estimate[i] - d);
            m_min[i] = std::min(m_min[i], d);
            m_max[i] = std::max(m_max[i], d);
        }
        ++m_count;
    }

    /// \return the metrics.
    NeuralEvaluation Result() const
    {
        NeuralEvaluation r;
        r.samples = m_count;
        r.serviceMae.assign(m_services, 0.0);
        r.serviceNmae.assign(m_services, 0.0);
        if (m_count == 0)
        {
            return r;
        }
        double nmaeSum = 0.0;
        uint64_t nmaeCount = 0;
        for (uint32_t s = 0; s < m_services; ++s)
        {
            double serviceNmae = 0.0;
            uint64_t serviceCount = 0;
            for (uint32_t n = 0; n < m_nodes; ++n)
            {
                const size_t i = static_cast<size_t>(s) * m_nodes + n;
                const double mae = m_abs[i] / m_count;
                r.serviceMae[s] += mae / m_nodes;
                r.maeMbps += mae / (static_cast<double>(m_services) * m_nodes);
                const double range = m_max[i] - m_min[i];
                if (range > 0)
                {
                    serviceNmae += mae / range;
                    ++serviceCount;
                }
                else
                {
                    ++r.skippedSeries;
                }
            }
            nmaeSum += serviceNmae;
            nmaeCount += serviceCount;
            r.serviceNmae[s] = serviceCount ? 100.0 * serviceNmae / serviceCount : 0.0;
        }
        r.nmaePct = nmaeCount ? 100.0 * nmaeSum / nmaeCount : 0.0;
        return r;
    }

private:
    uint32_t m_services;       //!< services
    uint32_t m_nodes;          //!< nodes
    std::vector<double> m_abs; //!< summed absolute errors
    std::vector<double> m_min; //!< minimum truth
    std::vector<double> m_max; //!< maximum truth
    uint64_t m_count;          //!< samples
};

} // namespace

/**
 * \ingroup microscope
 * \brief The LibTorch side of NeuralTrainer (pimpl: keeps torch out of the public header).
 */
class NeuralTrainerEngine
{
public:
    NeuralModel model;                                              //!< network and shape
    uint64_t seed{0};                                               //!< base seed
    double trainSeconds{0};                                         //!< time spent training
    uint32_t epochsRun{0};                                          //!< epochs done
    double bestValidation{std::numeric_limits<double>::infinity()}; //!< best validation loss
    double samplesPerSecond{0};                                     //!< training speed
    Ptr<HistoricalDecomposer> historical; //!< the prior of HistoricalPrior models
    std::vector<NeuralEpochRecord> curve; //!< the learning curve
    std::vector<uint64_t> validation;     //!< the validation samples used

    /**
     * Assemble a batch.
     * \param dataset the data.
     * \param samples target intervals.
     * \param x receives the inputs.
     * \param truth receives the normalised truth [B, S, H, W].
     * \param aggregate receives the normalised aggregate [B, H, W].
     */
    void Batch(const MtdDataset& dataset,
               const std::vector<uint64_t>& samples,
               torch::Tensor& x,
               torch::Tensor& truth,
               torch::Tensor& aggregate,
               torch::Tensor& prior) const
    {
        const NeuralModelInfo& info = model.GetInfo();
        const int64_t b = static_cast<int64_t>(samples.size());
        const int64_t c = info.GetChannels();
        const int64_t t = info.history;
        const int64_t h = info.rows;
        const int64_t w = info.cols;
        const int64_t s = static_cast<int64_t>(info.services.size());
        const size_t nodes = info.cells.size();
        x = torch::empty({b, c, t, h, w});
        truth = torch::empty({b, s, h, w});
        aggregate = torch::empty({b, h, w});
        prior = info.historicalPrior ? torch::empty({b, s, h, w}) : torch::Tensor();
        std::vector<float> window(t * nodes);
        for (int64_t i = 0; i < b; ++i)
        {
            const uint64_t target = samples[i];
            for (int64_t k = 0; k < t; ++k)
            {
                const float* a = dataset.Aggregate(target + 1 - t + k);
                std::copy(a, a + nodes, window.begin() + k * nodes);
            }
            model.FillInput(window.data(),
                            dataset.GetIntervalOfDay(target),
                            dataset.GetDayType(target),
                            x[i].data_ptr<float>());
            const float* d = dataset.Truth(target);
            for (int64_t k = 0; k < s; ++k)
            {
                model.FillGrid(d + k * nodes, truth[i][k].data_ptr<float>());
            }
            model.FillGrid(dataset.Aggregate(target), aggregate[i].data_ptr<float>());
            if (info.historicalPrior)
            {
                model.FillPrior(*historical,
                                dataset.GetIntervalOfDay(target),
                                dataset.GetDayType(target),
                                prior[i].data_ptr<float>());
            }
        }
    }

    /**
     * Mean loss over samples, without gradients.
     * \param dataset the data.
     * \param samples target intervals.
     * \param batch batch size.
     * \param metrics if not null, receives the estimates' errors (the same forward passes).
     * \return the mean loss.
     */
    double Loss(const MtdDataset& dataset,
                const std::vector<uint64_t>& samples,
                uint32_t batch,
                MetricAccumulator* metrics = nullptr)
    {
        const size_t perSample = static_cast<size_t>(dataset.GetNServices()) * dataset.GetNNodes();
        std::vector<double> estimates;
        int64_t repaired = 0;
        torch::NoGradGuard noGrad;
        auto net = model.GetNetwork();
        net->eval();
        double sum = 0.0;
        for (size_t start = 0; start < samples.size(); start += batch)
        {
            std::vector<uint64_t> part(samples.begin() + start,
                                       samples.begin() + std::min(samples.size(), start + batch));
            torch::Tensor x;
            torch::Tensor truth;
            torch::Tensor aggregate;
            torch::Tensor prior;
            Batch(dataset, part, x, truth, aggregate, prior);
            const torch::Tensor out = model.Forward(x, prior, aggregate);
            sum += model.GetLoss().Compute(out, truth, aggregate, model.GetMask()).item<double>() *
                   part.size();
            if (metrics)
            {
                model.Gather(out, aggregate, estimates, repaired);
                for (size_t i = 0; i < part.size(); ++i)
                {
                    metrics->Add(estimates.data() + i * perSample, dataset.Truth(part[i]));
                }
            }
        }
        return samples.empty() ? std::numeric_limits<double>::quiet_NaN() : sum / samples.size();
    }

    /**
     * \return copies of the network's parameters and buffers.
     */
    std::vector<torch::Tensor> State()
    {
        torch::NoGradGuard noGrad;
        std::vector<torch::Tensor> state;
        for (auto& p : model.GetNetwork()->parameters())
        {
            state.push_back(p.detach().clone());
        }
        for (auto& b : model.GetNetwork()->buffers())
        {
            state.push_back(b.detach().clone());
        }
        return state;
    }

    /**
     * \param state copies from State().
     */
    void Restore(const std::vector<torch::Tensor>& state)
    {
        torch::NoGradGuard noGrad;
        size_t i = 0;
        for (auto& p : model.GetNetwork()->parameters())
        {
            p.copy_(state.at(i++));
        }
        for (auto& b : model.GetNetwork()->buffers())
        {
            b.copy_(state.at(i++));
        }
    }
};

TypeId
NeuralTrainer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NeuralTrainer")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<NeuralTrainer>()
            .AddAttribute("Architecture",
                          "mlp, cnn, lstm, convlstm, zipnet, defcnn or 3d-defcnn.",
                          StringValue("3d-defcnn"),
                          MakeStringAccessor(&NeuralTrainer::m_architecture),
                          MakeStringChecker())
            .AddAttribute("Loss",
                          "regression, ratio-mse, ratio-ce (the paper's best) or cost "
                          "(DeepCog's cost-aware loss).",
                          StringValue("ratio-ce"),
                          MakeStringAccessor(&NeuralTrainer::m_loss),
                          MakeStringChecker())
            .AddAttribute("Size",
                          "small (trains on 2 cores in minutes) or paper (Table 1 sizes).",
                          StringValue("small"),
                          MakeStringAccessor(&NeuralTrainer::m_size),
                          MakeStringChecker())
            .AddAttribute("Epochs",
                          "Maximum number of epochs (early stopping may end sooner).",
                          UintegerValue(10),
                          MakeUintegerAccessor(&NeuralTrainer::m_epochs),
                          MakeUintegerChecker<uint32_t>(0, 100000))
            .AddAttribute("BatchSize",
                          "Samples per mini-batch.",
                          UintegerValue(32),
                          MakeUintegerAccessor(&NeuralTrainer::m_batchSize),
                          MakeUintegerChecker<uint32_t>(1, 4096))
            .AddAttribute("LearningRate",
                          "Adam's learning rate.",
                          DoubleValue(1e-3),
                          MakeDoubleAccessor(&NeuralTrainer::m_learningRate),
                          MakeDoubleChecker<double>(1e-7, 1.0))
            .AddAttribute("LearningRateSchedule",
                          "constant; plateau (the rate times LearningRateDecay after every epoch "
                          "that does not improve the validation loss); or cosine (from "
                          "LearningRate down to MinLearningRate over Epochs epochs).",
                          StringValue("constant"),
                          MakeStringAccessor(&NeuralTrainer::m_schedule),
                          MakeStringChecker())
            .AddAttribute("LearningRateDecay",
                          "Factor of the plateau schedule.",
                          DoubleValue(0.5),
                          MakeDoubleAccessor(&NeuralTrainer::m_learningRateDecay),
                          MakeDoubleChecker<double>(0.01, 1.0))
            .AddAttribute("MinLearningRate",
                          "Floor of the plateau and cosine schedules (at most LearningRate).",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&NeuralTrainer::m_minLearningRate),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("Patience",
                          "Epochs without a better validation loss before training stops.",
                          UintegerValue(3),
                          MakeUintegerAccessor(&NeuralTrainer::m_patience),
                          MakeUintegerChecker<uint32_t>(1, 1000))
            .AddAttribute("Threads",
                          "LibTorch intra-op threads (at::set_num_threads).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&NeuralTrainer::m_threads),
                          MakeUintegerChecker<uint32_t>(1, 256))
            .AddAttribute("SamplesPerEpoch",
                          "Training samples drawn (without replacement) per epoch; 0 uses "
                          "them all.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&NeuralTrainer::m_samplesPerEpoch),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("ValidationSamples",
                          "Validation samples used for early stopping (evenly spaced over the "
                          "validation days); 0 uses them all.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&NeuralTrainer::m_validationSamples),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("CalendarFeatures",
                          "Add three input channels: sin and cos of the time of day and a "
                          "holiday flag (the paper's networks see aggregates only; the "
                          "historical baseline knows the calendar).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&NeuralTrainer::m_calendarFeatures),
                          MakeBooleanChecker())
            .AddAttribute("PositionBias",
                          "Add a learned bias per service and grid point to the network's "
                          "output, so that convolutional networks can learn each node's usual "
                          "service mix (not in the paper).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&NeuralTrainer::m_positionBias),
                          MakeBooleanChecker())
            .AddAttribute("HistoricalPrior",
                          "Add the historical baseline's shares for the node, day type and "
                          "time of day to the network's output (log shares to the logits of "
                          "ratio losses, shares times the aggregate to the volumes of the "
                          "others), so that the network learns a correction of the baseline "
                          "from the aggregate history (not in the paper).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&NeuralTrainer::m_historicalPrior),
                          MakeBooleanChecker())
            .AddAttribute("LevelDeviation",
                          "Give the network each node's log aggregate minus its usual log "
                          "aggregate (mean over the training days of the same day type and "
                          "interval of the day), one more input channel.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&NeuralTrainer::m_levelDeviation),
                          MakeBooleanChecker())
            .AddAttribute("CostAlpha",
                          "alpha of the cost-aware loss (Loss=cost): the SLA fee of a violated "
                          "slice, in multiples of the slice's peak demand, as CostAccountant's "
                          "Alpha (the peak is taken over the training days). Must be > 0.",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&NeuralTrainer::m_costAlpha),
                          MakeDoubleChecker<double>(1e-9))
            .AddAttribute("CostEpsilon",
                          "epsilon of the cost-aware loss: the fee fades linearly over an "
                          "excess of alpha * epsilon times the slice's peak, and grows with "
                          "slope epsilon below the truth. Must be > 0.",
                          DoubleValue(0.01),
                          MakeDoubleAccessor(&NeuralTrainer::m_costEpsilon),
                          MakeDoubleChecker<double>(1e-9))
            .AddAttribute("Kappa",
                          "Grid scaling of the node mapping (<= 0: automatic).",
                          DoubleValue(-1.0),
                          MakeDoubleAccessor(&NeuralTrainer::m_kappa),
                          MakeDoubleChecker<double>(-1.0, 10.0))
            .AddAttribute("Progress",
                          "Print a progress line per epoch (epoch, losses, time, ETA).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&NeuralTrainer::m_progress),
                          MakeBooleanChecker())
            .AddTraceSource("Epoch",
                            "An epoch finished: its training and validation losses.",
                            MakeTraceSourceAccessor(&NeuralTrainer::m_epochTrace),
                            "ns3::NeuralTrainer::EpochTracedCallback");
    return tid;
}

NeuralTrainer::NeuralTrainer()
    : m_architecture("3d-defcnn"),
      m_loss("ratio-ce"),
      m_size("small"),
      m_epochs(10),
      m_batchSize(32),
      m_learningRate(1e-3),
      m_patience(3),
      m_schedule("constant"),
      m_learningRateDecay(0.5),
      m_minLearningRate(0.0),
      m_threads(2),
      m_samplesPerEpoch(0),
      m_validationSamples(0),
      m_calendarFeatures(true),
      m_positionBias(true),
      m_historicalPrior(true),
      m_levelDeviation(false),
      m_costAlpha(1.0),
      m_costEpsilon(0.01),
      m_kappa(-1.0),
      m_progress(false),
      m_dataset(nullptr)
{
    NS_LOG_FUNCTION(this);
    m_seed = CreateObject<UniformRandomVariable>();
}

NeuralTrainer::~NeuralTrainer()
{
    NS_LOG_FUNCTION(this);
}

int64_t
NeuralTrainer::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_seed->SetStream(stream);
    return 1;
}

void
NeuralTrainer::CheckArchitecture(const std::string& name)
{
    NetworkFactory::Parse(name);
}

void
NeuralTrainer::CheckLoss(const std::string& name)
{
    DecompositionLoss::Parse(name);
}

void
NeuralTrainer::CheckSchedule(const std::string& name)
{
    if (name != "constant" && name != "plateau" && name != "cosine")
    {
        throw InputError::ForAttribute("LearningRateSchedule",
                                       "constant, plateau or cosine, not '" + name + "'");
    }
}

double
NeuralTrainer::ScheduledLearningRate(const std::string& schedule,
                                     uint32_t epoch,
                                     uint32_t epochs,
                                     double initial,
                                     double minimum)
{
    if (schedule != "cosine" || epochs == 0)
    {
        return initial;
    }
    return minimum + 0.5 * (initial - minimum) * (1.0 + std::cos(M_PI * epoch / epochs));
}

void
NeuralTrainer::SetDataset(const MtdDataset& dataset)
{
    NS_LOG_FUNCTION(this);
    m_dataset = &dataset;
}

void
NeuralTrainer::Train(const std::string& checkpoint, bool resume)
{
    NS_LOG_FUNCTION(this << checkpoint << resume);
    if (!m_dataset)
    {
        throw InputError("NeuralTrainer: no dataset");
    }
    if (m_epochs == 0)
    {
        throw InputError::ForAttribute("Epochs", "at least one epoch is needed");
    }
    NetworkFactory::Parse(m_architecture); // unknown names fail before any work
    DecompositionLoss::Parse(m_loss);
    CheckSchedule(m_schedule);
    if (m_schedule != "constant" && m_minLearningRate > m_learningRate)
    {
        throw InputError::ForAttribute("MinLearningRate",
                                       "the floor (" + std::to_string(m_minLearningRate) +
                                           ") is above LearningRate (" +
                                           std::to_string(m_learningRate) + ")");
    }
    const MtdDataset& data = *m_dataset;
    at::set_num_threads(static_cast<int>(m_threads));

    // Grid mapping of the level's nodes.
    Ptr<GridMapper> mapper = CreateObject<GridMapper>();
    mapper->SetAttribute("Kappa", DoubleValue(m_kappa));
    mapper->Map(data.GetNodePositions());
    NeuralModelInfo info;
    info.architecture = m_architecture;
    info.loss = m_loss;
    info.size = m_size;
    info.level = NetworkLevelName(data.GetLevel());
    info.intervalMin = data.GetInterval().GetMinutes();
    info.history = data.GetHistory();
    info.intervalsPerDay = data.GetIntervalsPerDay();
    info.rows = mapper->GetRows();
    info.cols = mapper->GetCols();
    info.kappa = mapper->GetKappa();
    info.cells = mapper->GetCells();
    info.positions = data.GetNodePositions();
    info.services = data.GetServiceNames();
    info.calendarFeatures = m_calendarFeatures;
    info.positionBias = m_positionBias;
    info.historicalPrior = m_historicalPrior;
    info.levelDeviation = m_levelDeviation;
    info.scale = data.GetTrainingMeanAggregate();
    info.costAlpha = m_costAlpha;
    info.costEpsilon = m_costEpsilon;

    m_engine = std::make_unique<NeuralTrainerEngine>();
    NeuralTrainerEngine& e = *m_engine;
    e.seed = static_cast<uint64_t>(m_seed->GetInteger(0, 0xFFFFFFFFU)) << 20 ^
             static_cast<uint64_t>(m_seed->GetInteger(0, 0xFFFFFU));
    torch::manual_seed(e.seed);
    e.model.Create(info);
    if (e.model.GetLoss().IsCapacity())
    {
        // The cost-aware loss charges a violated slice alpha times its peak, as CostAccountant
        // does: the peak of each (service, node) over the training intervals.
        const uint32_t nServices = data.GetNServices();
        const size_t nodes = data.GetNNodes();
        std::vector<float> peak(static_cast<size_t>(nServices) * nodes, 0.0f);
        for (uint64_t i : data.GetTrain())
        {
            const float* d = data.Truth(i);
            for (size_t k = 0; k < peak.size(); ++k)
            {
                peak[k] = std::max(peak[k], d[k]);
            }
        }
        const size_t cells = static_cast<size_t>(info.rows) * info.cols;
        auto grid = torch::ones({static_cast<int64_t>(nServices),
                                 static_cast<int64_t>(info.rows),
                                 static_cast<int64_t>(info.cols)});
        for (uint32_t k = 0; k < nServices; ++k)
        {
            e.model.FillGrid(peak.data() + k * nodes, grid[k].data_ptr<float>());
        }
        // Slices that never carried traffic in training: a small positive peak keeps the
        // normalised error finite (their weight is then negligible).
        grid = grid.clamp_min(1e-6f);
        NS_ABORT_MSG_IF(static_cast<size_t>(grid[0].numel()) != cells, "peak grid shape");
        e.model.SetCostPeak(grid);
    }
    if (info.historicalPrior)
    {
        e.historical = TrainHistorical(data);
    }
    if (info.levelDeviation)
    {
        // The usual level from every interval of the training days, as the slot pipeline's
        // NeuralDecomposer learns it.
        e.model.ResetUsualLevel();
        std::vector<double> aggregate(data.GetNNodes());
        for (uint64_t i = 0; i < data.GetNIntervals() && data.GetDay(i) < data.GetTrainDays(); ++i)
        {
            const float* a = data.Aggregate(i);
            std::copy(a, a + aggregate.size(), aggregate.begin());
            e.model.AddUsualLevel(data.GetDayType(i), data.GetIntervalOfDay(i), aggregate.data());
        }
        e.model.FinishUsualLevel();
    }
    auto net = e.model.GetNetwork();
    torch::optim::Adam adam(net->parameters(), torch::optim::AdamOptions(m_learningRate));

    // Validation samples: all, or evenly spaced.
    std::vector<uint64_t> validation = data.GetValidation();
    if (m_validationSamples > 0 && validation.size() > m_validationSamples)
    {
        std::vector<uint64_t> spaced;
        for (uint32_t i = 0; i < m_validationSamples; ++i)
        {
            spaced.push_back(validation[i * validation.size() / m_validationSamples]);
        }
        validation = spaced;
    }
    e.validation = validation;
    // The plateau schedule's current rate (the others are functions of the epoch).
    double plateauRate = m_learningRate;

    uint32_t start = 0;
    uint32_t wait = 0;
    std::vector<torch::Tensor> best;
    const std::string infoText = info.architecture + "/" + info.loss + "/" + info.size + "/" +
                                 info.level + "/" + std::to_string(info.history) + "/" +
                                 std::to_string(info.rows) + "x" + std::to_string(info.cols) +
                                 (info.levelDeviation ? "/level-deviation" : "");
    if (resume && !checkpoint.empty() && std::ifstream(checkpoint).good())
    {
        try
        {
            torch::serialize::InputArchive archive;
            archive.load_from(checkpoint);
            c10::IValue v;
            archive.read("shape", v);
            if (v.toStringRef() != infoText)
            {
                throw InputError::InFile(checkpoint,
                                         "the checkpoint is of another model (" + v.toStringRef() +
                                             ", not " + infoText + ")");
            }
            torch::serialize::InputArchive netArchive;
            archive.read("model", netArchive);
            net->load(netArchive);
            torch::serialize::InputArchive optArchive;
            archive.read("optimizer", optArchive);
            adam.load(optArchive);
            archive.read("epoch", v);
            start = static_cast<uint32_t>(v.toInt());
            archive.read("wait", v);
            wait = static_cast<uint32_t>(v.toInt());
            archive.read("best_loss", v);
            e.bestValidation = v.toDouble();
            if (archive.try_read("learning_rate", v))
            {
                plateauRate = v.toDouble();
            }
            torch::Tensor curve;
            if (archive.try_read("curve", curve))
            {
                curve = curve.to(torch::kFloat64).contiguous();
                const double* c = curve.data_ptr<double>();
                for (int64_t r = 0; r < curve.size(0); ++r, c += 8)
                {
                    e.curve.push_back({static_cast<uint32_t>(c[0]),
                                       c[1],
                                       c[2],
                                       c[3],
                                       c[4],
                                       c[5],
                                       c[6],
                                       c[7] != 0.0});
                }
            }
            archive.read("seed", v);
            e.seed = static_cast<uint64_t>(v.toInt());
            torch::serialize::InputArchive bestArchive;
            archive.read("best", bestArchive);
            for (size_t i = 0;; ++i)
            {
                torch::Tensor t;
                if (!bestArchive.try_read(std::to_string(i), t))
                {
                    break;
                }
                best.push_back(t);
            }
            std::cout << "resuming from " << checkpoint << " after epoch " << start << std::endl;
        }
        catch (const c10::Error& err)
        {
            throw InputError::InFile(checkpoint,
                                     "cannot resume: " +
                                         std::string(err.what_without_backtrace()).substr(0, 200));
        }
    }

    const DecompositionLoss& loss = e.model.GetLoss();
    const auto t0 = std::chrono::steady_clock::now();
    uint64_t trained = 0;
    uint32_t epoch = start;
    for (; epoch < m_epochs && (wait < m_patience || best.empty()); ++epoch)
    {
        const auto epochStart = std::chrono::steady_clock::now();
        std::vector<uint64_t> order = data.GetTrain();
        uint64_t state = e.seed ^ (0xD1B54A32D192ED03ULL * (epoch + 1));
        for (size_t i = order.size(); i > 1; --i)
        {
            std::swap(order[i - 1], order[SplitMix64(state) % i]);
        }
        if (m_samplesPerEpoch > 0 && order.size() > m_samplesPerEpoch)
        {
            order.resize(m_samplesPerEpoch);
        }
        const double rate = m_schedule == "plateau" ? plateauRate
                                                    : ScheduledLearningRate(m_schedule,
                                                                            epoch,
                                                                            m_epochs,
                                                                            m_learningRate,
                                                                            m_minLearningRate);
        for (auto& group : adam.param_groups())
        {
            group.options().set_lr(rate);
        }
        net->train();
        double sum = 0.0;
        for (size_t b = 0; b < order.size(); b += m_batchSize)
        {
            std::vector<uint64_t> part(order.begin() + b,
                                       order.begin() + std::min(order.size(), b + m_batchSize));
            torch::Tensor x;
            torch::Tensor truth;
            torch::Tensor aggregate;
            torch::Tensor prior;
            e.Batch(data, part, x, truth, aggregate, prior);
            adam.zero_grad();
            auto l = loss.Compute(e.model.Forward(x, prior, aggregate),
                                  truth,
                                  aggregate,
                                  e.model.GetMask());
            if (!std::isfinite(l.item<double>()))
            {
                throw InputError("training diverged (non-finite loss at epoch " +
                                 std::to_string(epoch + 1) + "); lower LearningRate");
            }
            l.backward();
            adam.step();
            sum += l.item<double>() * part.size();
        }
        trained += order.size();
        const double trainLoss = sum / std::max<size_t>(1, order.size());
        MetricAccumulator metrics(data.GetNServices(), data.GetNNodes());
        const double validationLoss =
            validation.empty() ? trainLoss : e.Loss(data, validation, 4 * m_batchSize, &metrics);
        const NeuralEvaluation validationMetrics =
            validation.empty() ? NeuralEvaluation{} : metrics.Result();
        const bool improved = validationLoss < e.bestValidation;
        if (improved || best.empty())
        {
            e.bestValidation = std::min(e.bestValidation, validationLoss);
            best = e.State();
            wait = 0;
        }
        else
        {
            ++wait;
            plateauRate = std::max(m_minLearningRate, plateauRate * m_learningRateDecay);
        }
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - epochStart).count();
        e.trainSeconds += seconds;
        const double nan = std::numeric_limits<double>::quiet_NaN();
        e.curve.push_back({epoch + 1,
                           rate,
                           trainLoss,
                           validation.empty() ? nan : validationLoss,
                           validation.empty() ? nan : validationMetrics.maeMbps,
                           validation.empty() ? nan : validationMetrics.nmaePct,
                           seconds,
                           improved || e.curve.empty()});
        m_epochTrace(epoch + 1, trainLoss, validationLoss, seconds);
        if (m_progress)
        {
            const double eta = seconds * (m_epochs - epoch - 1);
            std::cout << "  epoch " << std::setw(3) << epoch + 1 << "/" << m_epochs
                      << "  train loss " << std::scientific << std::setprecision(4) << trainLoss
                      << "  validation loss " << validationLoss << (improved ? " *" : "  ")
                      << std::fixed << std::setprecision(4) << "  MAE " << validationMetrics.maeMbps
                      << std::scientific << "  lr " << std::setprecision(2) << rate << std::fixed
                      << std::setprecision(1) << "  " << seconds << " s"
                      << "  ETA <= " << eta / 60.0 << " min" << std::endl;
        }
        if (!checkpoint.empty())
        {
            torch::serialize::OutputArchive archive;
            torch::serialize::OutputArchive netArchive;
            net->save(netArchive);
            archive.write("model", netArchive);
            torch::serialize::OutputArchive optArchive;
            adam.save(optArchive);
            archive.write("optimizer", optArchive);
            archive.write("shape", c10::IValue(infoText));
            archive.write("epoch", c10::IValue(static_cast<int64_t>(epoch + 1)));
            archive.write("wait", c10::IValue(static_cast<int64_t>(wait)));
            archive.write("best_loss", c10::IValue(e.bestValidation));
            archive.write("learning_rate", c10::IValue(plateauRate));
            auto curve = torch::empty({static_cast<int64_t>(e.curve.size()), 8}, torch::kFloat64);
            double* c = curve.data_ptr<double>();
            for (const auto& r : e.curve)
            {
                const double row[8] = {static_cast<double>(r.epoch),
                                       r.learningRate,
                                       r.trainLoss,
                                       r.validationLoss,
                                       r.validationMaeMbps,
                                       r.validationNmaePct,
                                       r.seconds,
                                       r.best ? 1.0 : 0.0};
                std::copy(row, row + 8, c);
                c += 8;
            }
            archive.write("curve", curve);
            archive.write("seed", c10::IValue(static_cast<int64_t>(e.seed)));
            torch::serialize::OutputArchive bestArchive;
            for (size_t i = 0; i < best.size(); ++i)
            {
                bestArchive.write(std::to_string(i), best[i]);
            }
            archive.write("best", bestArchive);
            archive.save_to(checkpoint + ".partial");
            std::rename((checkpoint + ".partial").c_str(), checkpoint.c_str());
        }
    }
    e.epochsRun = epoch;
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    e.samplesPerSecond = wall > 0 ? trained / wall : 0;
    if (!best.empty())
    {
        e.Restore(best);
    }
    net->eval();
}

NeuralEvaluation
NeuralTrainer::Evaluate(const std::vector<uint64_t>& samples) const
{
    NS_LOG_FUNCTION(this << samples.size());
    NS_ABORT_MSG_IF(!m_engine || !m_dataset, "Evaluate() before Train()");
    torch::NoGradGuard noGrad;
    const MtdDataset& data = *m_dataset;
    NeuralTrainerEngine& e = *m_engine;
    auto net = e.model.GetNetwork();
    net->eval();
    MetricAccumulator metrics(data.GetNServices(), data.GetNNodes());
    const size_t perSample = static_cast<size_t>(data.GetNServices()) * data.GetNNodes();
    int64_t repaired = 0;
    std::vector<double> estimates;
    const uint32_t batch = std::max<uint32_t>(m_batchSize, 64);
    for (size_t start = 0; start < samples.size(); start += batch)
    {
        std::vector<uint64_t> part(samples.begin() + start,
                                   samples.begin() + std::min(samples.size(), start + batch));
        torch::Tensor x;
        torch::Tensor truth;
        torch::Tensor aggregate;
        torch::Tensor prior;
        e.Batch(data, part, x, truth, aggregate, prior);
        e.model.Gather(e.model.Forward(x, prior, aggregate), aggregate, estimates, repaired);
        for (size_t i = 0; i < part.size(); ++i)
        {
            metrics.Add(estimates.data() + i * perSample, data.Truth(part[i]));
        }
    }
    NeuralEvaluation r = metrics.Result();
    r.repaired = repaired;
    return r;
}

namespace
{

/**
 * \param data the data.
 * \param i an interval.
 * \return its decomposition context.
 */
DecompositionContext
ContextOf(const MtdDataset& data, uint64_t i)
{
    DecompositionContext ctx;
    ctx.level = data.GetLevel();
    ctx.interval = i;
    ctx.day = data.GetDay(i);
    ctx.intervalOfDay = data.GetIntervalOfDay(i);
    ctx.dayType = data.GetDayType(i);
    return ctx;
}

/**
 * \param data the data.
 * \return the setup of a baseline decomposer of the dataset's level (history length 1).
 */
DecomposerSetup
SetupOf(const MtdDataset& data)
{
    DecomposerSetup setup;
    setup.level = data.GetLevel();
    setup.nNodes = data.GetNNodes();
    setup.nServices = data.GetNServices();
    setup.historyLength = 1;
    setup.interval = data.GetInterval();
    setup.intervalsPerDay = data.GetIntervalsPerDay();
    setup.nodePositions = data.GetNodePositions();
    setup.catalog = data.GetServiceCatalog();
    return setup;
}

} // namespace

Ptr<HistoricalDecomposer>
NeuralTrainer::TrainHistorical(const MtdDataset& data)
{
    Ptr<HistoricalDecomposer> historical = CreateObject<HistoricalDecomposer>();
    historical->Setup(SetupOf(data));
    const uint32_t nodes = data.GetNNodes();
    const uint32_t services = data.GetNServices();
    AggregateHistory history;
    history.Reset(1, nodes);
    DemandMatrix truth(services, nodes);
    // Every interval of the training days, as the slot pipeline does.
    for (uint64_t i = 0; i < data.GetNIntervals() && data.GetDay(i) < data.GetTrainDays(); ++i)
    {
        const float* d = data.Truth(i);
        std::copy(d, d + static_cast<size_t>(services) * nodes, truth.Data());
        const float* a = data.Aggregate(i);
        history.Push(std::vector<double>(a, a + nodes));
        historical->Train(ContextOf(data, i), history, truth);
    }
    historical->EndTraining();
    return historical;
}

NeuralEvaluation
NeuralTrainer::EvaluateHistorical(const MtdDataset& data, const std::vector<uint64_t>& samples)
{
    Ptr<HistoricalDecomposer> historical = TrainHistorical(data);
    const uint32_t nodes = data.GetNNodes();
    AggregateHistory history;
    history.Reset(1, nodes);
    MetricAccumulator metrics(data.GetNServices(), nodes);
    DemandMatrix estimate;
    for (uint64_t i : samples)
    {
        const float* a = data.Aggregate(i);
        history.Push(std::vector<double>(a, a + nodes));
        historical->Decompose(ContextOf(data, i), history, estimate);
        metrics.Add(estimate.Data(), data.Truth(i));
    }
    return metrics.Result();
}

NeuralEvaluation
NeuralTrainer::EvaluateLinear(const MtdDataset& data, const std::vector<uint64_t>& samples)
{
    Ptr<LinearDecomposer> linear = CreateObject<LinearDecomposer>();
    DecomposerSetup setup = SetupOf(data);
    uint64_t trainEnd = 0;
    while (trainEnd < data.GetNIntervals() && data.GetDay(trainEnd) < data.GetTrainDays())
    {
        ++trainEnd;
    }
    setup.trainingIntervals = trainEnd;
    linear->Setup(setup);
    const uint32_t nodes = data.GetNNodes();
    const uint32_t services = data.GetNServices();
    AggregateHistory history;
    history.Reset(1, nodes);
    DemandMatrix truth(services, nodes);
    // Fitted on every interval of the training days, as the slot pipeline fits it.
    for (uint64_t i = 0; i < trainEnd; ++i)
    {
        const float* d = data.Truth(i);
        std::copy(d, d + static_cast<size_t>(services) * nodes, truth.Data());
        const float* a = data.Aggregate(i);
        history.Push(std::vector<double>(a, a + nodes));
        linear->Train(ContextOf(data, i), history, truth);
    }
    linear->EndTraining();
    MetricAccumulator metrics(services, nodes);
    if (samples.empty())
    {
        return metrics.Result();
    }
    std::vector<bool> wanted(data.GetNIntervals(), false);
    uint64_t last = 0;
    for (uint64_t i : samples)
    {
        NS_ABORT_MSG_IF(i < trainEnd || i >= data.GetNIntervals(),
                        "EvaluateLinear: sample " << i << " is not after the training days");
        wanted[i] = true;
        last = std::max(last, i);
    }
    DemandMatrix estimate;
    for (uint64_t i = trainEnd; i <= last; ++i)
    {
        const float* a = data.Aggregate(i);
        history.Push(std::vector<double>(a, a + nodes));
        linear->Decompose(ContextOf(data, i), history, estimate);
        if (wanted[i])
        {
            metrics.Add(estimate.Data(), data.Truth(i));
        }
    }
    return metrics.Result();
}

NeuralEvaluation
NeuralTrainer::EvaluateOracle(const MtdDataset& data, const std::vector<uint64_t>& samples)
{
    MetricAccumulator metrics(data.GetNServices(), data.GetNNodes());
    std::vector<double> estimate(static_cast<size_t>(data.GetNServices()) * data.GetNNodes());
    for (uint64_t i : samples)
    {
        const float* d = data.Truth(i);
        std::copy(d, d + estimate.size(), estimate.begin());
        metrics.Add(estimate.data(), d);
    }
    return metrics.Result();
}

void
NeuralTrainer::SaveModel(const std::string& path,
                         const std::string& scenario,
                         const std::string& command) const
{
    NS_LOG_FUNCTION(this << path);
    NS_ABORT_MSG_IF(!m_engine, "SaveModel() before Train()");
    NeuralModelInfo info = m_engine->model.GetInfo();
    info.scenario = scenario;
    info.command = command;
    // Same network object, new shape record: rebuild the record only.
    NeuralModel out;
    out.Create(info);
    {
        torch::NoGradGuard noGrad;
        auto src = m_engine->model.GetNetwork();
        auto dst = out.GetNetwork();
        auto sp = src->parameters();
        auto dp = dst->parameters();
        for (size_t i = 0; i < sp.size(); ++i)
        {
            dp[i].copy_(sp[i]);
        }
        auto sb = src->buffers();
        auto db = dst->buffers();
        for (size_t i = 0; i < sb.size(); ++i)
        {
            db[i].copy_(sb[i]);
        }
    }
    out.Save(path);
}

NeuralModelInfo
NeuralTrainer::GetInfo() const
{
    NS_ABORT_MSG_IF(!m_engine, "GetInfo() before Train()");
    return m_engine->model.GetInfo();
}

double
NeuralTrainer::GetFlops() const
{
    NS_ABORT_MSG_IF(!m_engine, "GetFlops() before Train()");
    return m_engine->model.GetNetwork()->Flops();
}

uint64_t
NeuralTrainer::GetParameterCount() const
{
    NS_ABORT_MSG_IF(!m_engine, "GetParameterCount() before Train()");
    uint64_t n = 0;
    for (const auto& p : m_engine->model.GetNetwork()->parameters())
    {
        n += p.numel();
    }
    return n;
}

double
NeuralTrainer::GetTrainSeconds() const
{
    return m_engine ? m_engine->trainSeconds : 0.0;
}

const std::vector<NeuralEpochRecord>&
NeuralTrainer::GetLearningCurve() const
{
    static const std::vector<NeuralEpochRecord> none;
    return m_engine ? m_engine->curve : none;
}

std::vector<uint64_t>
NeuralTrainer::GetValidationSamples() const
{
    return m_engine ? m_engine->validation : std::vector<uint64_t>{};
}

uint32_t
NeuralTrainer::GetEpochsRun() const
{
    return m_engine ? m_engine->epochsRun : 0;
}

double
NeuralTrainer::GetBestValidationLoss() const
{
    return m_engine ? m_engine->bestValidation : std::numeric_limits<double>::quiet_NaN();
}

double
NeuralTrainer::GetSamplesPerSecond() const
{
    return m_engine ? m_engine->samplesPerSecond : 0.0;
}

} // namespace ns3
