/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/*
 * The radio of the packet-level mode: CachedLossSpectrumChannel against ns-3's
 * MultiModelSpectrumChannel (MaxLossDb drops exactly the links beyond it, the same receivers
 * get the same power spectral densities, a link's loss is computed once), and the fast radio
 * configuration against the full one on a small scenario.
 */

#include "ns3/boolean.h"
#include "ns3/cached-loss-spectrum-channel.h"
#include "ns3/constant-position-mobility-model.h"
#include "ns3/double.h"
#include "ns3/input-error.h"
#include "ns3/lte-slice-controller.h"
#include "ns3/lte-slicing-helper.h"
#include "ns3/multi-model-spectrum-channel.h"
#include "ns3/propagation-loss-model.h"
#include "ns3/simulator.h"
#include "ns3/spectrum-model.h"
#include "ns3/spectrum-phy.h"
#include "ns3/spectrum-signal-parameters.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <vector>

using namespace ns3;

namespace
{

/// A receiver that records the signals it is given.
class RadioTestPhy : public SpectrumPhy
{
public:
    /// \param model the receive spectrum model \param position where it stands
    RadioTestPhy(Ptr<const SpectrumModel> model, Vector position)
        : m_model(model),
          m_mobility(CreateObject<ConstantPositionMobilityModel>())
    {
        m_mobility->SetPosition(position);
    }

    void SetDevice(Ptr<NetDevice>) override {}

    Ptr<NetDevice> GetDevice() const override
    {
        return nullptr;
    }

    void SetMobility(Ptr<MobilityModel> m) override
    {
        m_mobility = m;
    }

    Ptr<MobilityModel> GetMobility() const override
    {
        return m_mobility;
    }

    void SetChannel(Ptr<SpectrumChannel>) override {}

    Ptr<const SpectrumModel> GetRxSpectrumModel() const override
    {
        return m_model;
    }

    Ptr<Object> GetAntenna() const override
    {
        return nullptr;
    }

    void StartRx(Ptr<SpectrumSignalParameters> params) override
    {
        received.push_back(*params->psd);
    }

    std::vector<SpectrumValue> received; //!< the PSDs received

private:
    Ptr<const SpectrumModel> m_model; //!< receive model
    Ptr<MobilityModel> m_mobility;    //!< position
};

/// A transmitter, receivers at given distances and a channel.
struct RadioTestBench
{
    Ptr<SpectrumChannel> channel;              //!< the channel
    Ptr<RadioTestPhy> tx;                      //!< the transmitter
    std::vector<Ptr<RadioTestPhy>> rx;         //!< the receivers
    Ptr<LogDistancePropagationLossModel> loss; //!< its loss model
    std::vector<double> pathLoss;              //!< PathLoss trace values
};

/**
 * \param bench the bench, whose PathLoss trace this records
 * \param tx the transmitter \param rx a receiver \param lossDb the loss
 */
void
RadioTestRecordLoss(RadioTestBench* bench,
                    Ptr<const SpectrumPhy>,
                    Ptr<const SpectrumPhy>,
                    double lossDb)
{
    bench->pathLoss.push_back(lossDb);
}

/**
 * \param channel the channel to test
 * \param distances receivers' distances from the transmitter, m
 * \param maxLossDb the channel's MaxLossDb (< 0: not set)
 * \return the bench, set up
 */
RadioTestBench
MakeRadioTestBench(Ptr<SpectrumChannel> channel,
                   const std::vector<double>& distances,
                   double maxLossDb)
{
    static Ptr<const SpectrumModel> model =
        Create<SpectrumModel>(std::vector<double>{2.11e9, 2.12e9, 2.13e9, 2.14e9});
    RadioTestBench b;
    b.channel = channel;
    b.loss = CreateObject<LogDistancePropagationLossModel>();
    b.loss->SetPathLossExponent(3.76);
    b.loss->SetReference(1.0, 128.1 - 3 * 37.6);
    channel->AddPropagationLossModel(b.loss);
    if (maxLossDb >= 0)
    {
        channel->SetAttribute("MaxLossDb", DoubleValue(maxLossDb));
    }
    b.tx = CreateObject<RadioTestPhy>(model, Vector(0, 0, 0));
    channel->AddRx(b.tx);
    for (double d : distances)
    {
        b.rx.push_back(CreateObject<RadioTestPhy>(model, Vector(d, 0, 0)));
        channel->AddRx(b.rx.back());
    }
    return b;
}

/**
 * \param b a bench
 * \param n signals to send, one every millisecond
 */
void
RadioTestSend(RadioTestBench& b, uint32_t n)
{
    for (uint32_t k = 0; k < n; ++k)
    {
        Simulator::Schedule(MilliSeconds(k),
                            [&b]()
                            {
                                Ptr<SpectrumSignalParameters> p =
                                    Create<SpectrumSignalParameters>();
                                p->txPhy = b.tx;
                                p->duration = MicroSeconds(100);
                                p->psd = Create<SpectrumValue>(b.tx->GetRxSpectrumModel());
                                *p->psd = 1e-9;
                                b.channel->StartTx(p);
                            });
    }
    Simulator::Run();
}

/// The loss at d metres of the benches' model, dB.
double
RadioTestLossDb(double d)
{
    return 128.1 - 3 * 37.6 + 37.6 * std::log10(d);
}

} // namespace

/**
 * \ingroup microscope-tests
 * MaxLossDb drops exactly the links whose loss exceeds it, for CachedLossSpectrumChannel as for
 * MultiModelSpectrumChannel; the receivers within it get the same PSDs from both, and both
 * fire the PathLoss trace for every link; CachedLossSpectrumChannel computes a link's loss once
 * and again only when an end moves.
 */
class CachedLossChannelTestCase : public TestCase
{
public:
    CachedLossChannelTestCase()
        : TestCase("MaxLossDb drops exactly the links beyond it; same deliveries as ns-3's "
                   "MultiModelSpectrumChannel")
    {
    }

private:
    void DoRun() override
    {
        // 138 dB is 1833.6 m away: receivers on both sides of it, each 1 mm from it.
        const double threshold = 138.0;
        const double edge = std::pow(10.0, (threshold - (128.1 - 3 * 37.6)) / 37.6);
        const std::vector<double> distances =
            {50, 400, 1500, edge - 0.001, edge + 0.001, 2500, 9000};
        RadioTestBench cached =
            MakeRadioTestBench(CreateObject<CachedLossSpectrumChannel>(), distances, threshold);
        cached.channel->TraceConnectWithoutContext(
            "PathLoss",
            MakeBoundCallback(&RadioTestRecordLoss, &cached));
        RadioTestSend(cached, 3);
        Simulator::Destroy();
        // Without a trace connected, the channel sends along its neighbour lists: the same
        // receivers; a receiver that moves gets its link recomputed and is delivered to or not
        // anew (the channel lives until Simulator::Destroy disposes it).
        RadioTestBench untraced =
            MakeRadioTestBench(CreateObject<CachedLossSpectrumChannel>(), distances, threshold);
        Ptr<CachedLossSpectrumChannel> channel =
            DynamicCast<CachedLossSpectrumChannel>(untraced.channel);
        RadioTestSend(untraced, 3);
        const uint64_t computedFirst = channel->GetLossComputations();
        const auto [links, within] = channel->GetLinkCounts();
        const size_t receivedFirst = untraced.rx[5]->received.size();
        untraced.rx[5]->GetMobility()->SetPosition(Vector(1000, 0, 0));
        RadioTestSend(untraced, 2);
        const uint64_t computedSecond = channel->GetLossComputations();
        Simulator::Destroy();
        RadioTestBench multi =
            MakeRadioTestBench(CreateObject<MultiModelSpectrumChannel>(), distances, threshold);
        multi.channel->TraceConnectWithoutContext("PathLoss",
                                                  MakeBoundCallback(&RadioTestRecordLoss, &multi));
        RadioTestSend(multi, 3);
        Simulator::Destroy();

        for (size_t i = 0; i < distances.size(); ++i)
        {
            const bool inRange = RadioTestLossDb(distances[i]) <= threshold;
            NS_TEST_ASSERT_MSG_EQ(cached.rx[i]->received.size(),
                                  inRange ? 3U : 0U,
                                  "receiver at " << distances[i] << " m ("
                                                 << RadioTestLossDb(distances[i]) << " dB)");
            NS_TEST_ASSERT_MSG_EQ(multi.rx[i]->received.size(),
                                  inRange ? 3U : 0U,
                                  "MultiModelSpectrumChannel, receiver at " << distances[i]
                                                                            << " m");
            for (size_t k = 0; k < multi.rx[i]->received.size(); ++k)
            {
                const SpectrumValue& a = cached.rx[i]->received[k];
                const SpectrumValue& b = multi.rx[i]->received[k];
                for (size_t f = 0; f < a.GetValuesN(); ++f)
                {
                    // The same double: the same terms in the same order.
                    NS_TEST_ASSERT_MSG_EQ(a.ValuesAt(f), b.ValuesAt(f), "the same PSD");
                }
                NS_TEST_ASSERT_MSG_EQ_TOL(a.ValuesAt(0),
                                          1e-9 *
                                              std::pow(10.0, -RadioTestLossDb(distances[i]) / 10),
                                          1e-9 * 1e-12,
                                          "attenuated by the loss model");
            }
        }
        NS_TEST_ASSERT_MSG_EQ(cached.rx[3]->received.size(), 3U, "1 mm inside: delivered");
        NS_TEST_ASSERT_MSG_EQ(cached.rx[4]->received.size(), 0U, "1 mm outside: dropped");
        NS_TEST_ASSERT_MSG_EQ(cached.tx->received.size(), 0U, "no signal to its transmitter");
        NS_TEST_ASSERT_MSG_EQ(cached.pathLoss.size(), 3 * distances.size(), "a trace per link");
        NS_TEST_ASSERT_MSG_EQ(multi.pathLoss.size(), 3 * distances.size(), "as ns-3's");
        for (size_t k = 0; k < multi.pathLoss.size(); ++k)
        {
            NS_TEST_ASSERT_MSG_EQ(cached.pathLoss[k], multi.pathLoss[k], "same trace values");
        }
        NS_TEST_ASSERT_MSG_EQ(computedFirst,
                              distances.size(),
                              "one loss computation per link for 3 signals");
        NS_TEST_ASSERT_MSG_EQ(computedSecond,
                              distances.size() + 1,
                              "only the moved receiver's link is recomputed");
        NS_TEST_ASSERT_MSG_EQ(links, distances.size(), "one link per receiver");
        NS_TEST_ASSERT_MSG_EQ(within, 4U, "four within 138 dB");
        for (size_t i = 0; i < distances.size(); ++i)
        {
            if (i != 5)
            {
                NS_TEST_ASSERT_MSG_EQ(untraced.rx[i]->received.size(),
                                      cached.rx[i]->received.size() / 3 * 5,
                                      "neighbour lists: the same receivers, receiver " << i);
            }
        }
        NS_TEST_ASSERT_MSG_EQ(receivedFirst, 0U, "at 2500 m: dropped");
        NS_TEST_ASSERT_MSG_EQ(untraced.rx[5]->received.size(), 2U, "moved within range");

        // No MaxLossDb: every link is delivered.
        RadioTestBench all =
            MakeRadioTestBench(CreateObject<CachedLossSpectrumChannel>(), distances, -1);
        RadioTestSend(all, 1);
        Simulator::Destroy();
        for (size_t i = 0; i < distances.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(all.rx[i]->received.size(), 1U, "no threshold: delivered");
        }
    }
};

namespace
{

/// What a small LTE run measures.
struct RadioTestOutcome
{
    std::string slicesCsv;  //!< slices.csv
    std::string vnfCsv;     //!< vnf.csv
    uint64_t rows{0};       //!< (eNB, slice, slot) rows with traffic
    uint64_t violations{0}; //!< measured violations at the eNBs
    double offered{0};      //!< offered bytes
    double delivered{0};    //!< delivered bytes
    double feeBytes{0};     //!< measured SLA fee: violated rows' offered bytes
    uint64_t losses{0};     //!< link losses the channels computed
};

/**
 * \param radio fast or full
 * \param tweak changes to the helper after SetRadio
 * \return the run's measurement
 */
RadioTestOutcome
RunRadioScenario(const std::string& radio,
                 const std::function<void(LteSlicingHelper&)>& tweak = nullptr)
{
    const uint32_t seed = RngSeedManager::GetSeed();
    const uint64_t run = RngSeedManager::GetRun();
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    Ptr<LteSlicingHelper> lte = CreateObject<LteSlicingHelper>();
    lte->SetRadio(radio);
    lte->SetPathLoss("urban-macro");
    lte->SetNEnbs(4);
    lte->SetUesPerEnb(2);
    lte->SetLoad(0.4);
    // A dense city: 4 eNBs in 3 x 3 km, so that the cells interfere.
    lte->SetLayoutGeneratorAttribute("RegionWidth", DoubleValue(3000));
    lte->SetLayoutGeneratorAttribute("RegionHeight", DoubleValue(3000));
    lte->SetLayoutGeneratorAttribute("CentreRadius", DoubleValue(700));
    lte->SetLayoutGeneratorAttribute("SubCentreRadius", DoubleValue(300));
    lte->SetLayoutGeneratorAttribute("SubCentreDistanceMin", DoubleValue(600));
    lte->SetLayoutGeneratorAttribute("SubCentreDistanceMax", DoubleValue(1200));
    lte->SetControllerAttribute("SlotDuration", TimeValue(MilliSeconds(250)));
    lte->SetControllerAttribute("Slots", UintegerValue(4));
    if (tweak)
    {
        tweak(*lte);
    }
    lte->AssignStreams(1);
    Ptr<LteSliceController> controller = lte->Install();
    controller->Start();
    Simulator::Stop(controller->GetStopTime() + Seconds(1));
    Simulator::Run();
    RadioTestOutcome o;
    o.slicesCsv = controller->GetSlicesCsv();
    o.vnfCsv = controller->GetVnfCsv();
    for (const auto& r : controller->GetSliceRecords())
    {
        o.rows += r.offeredBytes > 0 ? 1 : 0;
        o.violations += r.violated ? 1 : 0;
        o.offered += r.offeredBytes;
        o.delivered += r.deliveredBytes;
        o.feeBytes += r.violated ? r.offeredBytes : 0;
    }
    for (auto channel : {lte->GetLteHelper()->GetDownlinkSpectrumChannel(),
                         lte->GetLteHelper()->GetUplinkSpectrumChannel()})
    {
        if (Ptr<CachedLossSpectrumChannel> c = DynamicCast<CachedLossSpectrumChannel>(channel))
        {
            o.losses += c->GetLossComputations();
        }
    }
    Simulator::Destroy();
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);
    return o;
}

} // namespace

/**
 * \ingroup microscope-tests
 * A whole LTE run on CachedLossSpectrumChannel (the helper's default) gives the same
 * slices.csv and vnf.csv as on ns-3's MultiModelSpectrumChannel, with and without a MaxLossDb;
 * the cache computes each link once.
 */
class CachedLossRunTestCase : public TestCase
{
public:
    CachedLossRunTestCase()
        : TestCase("LTE run: CachedLossSpectrumChannel gives MultiModelSpectrumChannel's "
                   "slices.csv")
    {
    }

private:
    void DoRun() override
    {
        auto multi = [](LteSlicingHelper& h)
        { h.SetAttribute("SpectrumChannelType", StringValue("ns3::MultiModelSpectrumChannel")); };
        const RadioTestOutcome cached = RunRadioScenario("full");
        const RadioTestOutcome reference = RunRadioScenario("full", multi);
        NS_TEST_ASSERT_MSG_GT(cached.rows, 20, "traffic in the run");
        NS_TEST_ASSERT_MSG_EQ(cached.slicesCsv, reference.slicesCsv, "same slices.csv (full)");
        NS_TEST_ASSERT_MSG_EQ(cached.vnfCsv, reference.vnfCsv, "same vnf.csv (full)");
        // 4 eNBs and 8 UEs: every link of the downlink (4 x 8) and uplink (8 x 4) channels, a
        // few more for the UEs' downlink PHYs registering again when they learn the bandwidth.
        NS_TEST_ASSERT_MSG_GT_OR_EQ(cached.losses, 64U, "every link computed");
        NS_TEST_ASSERT_MSG_LT(cached.losses, 200U, "each link computed once, not per signal");
        NS_TEST_ASSERT_MSG_EQ(reference.losses, 0U, "no cache on ns-3's channel");

        const RadioTestOutcome fastCached = RunRadioScenario("fast");
        const RadioTestOutcome fastReference = RunRadioScenario("fast", multi);
        NS_TEST_ASSERT_MSG_EQ(fastCached.slicesCsv,
                              fastReference.slicesCsv,
                              "same slices.csv (fast: urban macro cell, MaxLossDb 138 dB)");
    }
};

/**
 * \ingroup microscope-tests
 * The fast radio configuration measures, on a small scenario, what the full one measures within
 * the tolerance doc/sections/lte.rst states: the delivered share within 1 point, the measured
 * SLA fee (offered bytes of the violating rows) within 5 points of the offered bytes.
 */
class FastRadioTestCase : public TestCase
{
public:
    FastRadioTestCase()
        : TestCase("fast radio: measured costs within tolerance of the full radio's")
    {
    }

private:
    void DoRun() override
    {
        const RadioTestOutcome full = RunRadioScenario("full");
        const RadioTestOutcome fast = RunRadioScenario("fast");
        NS_TEST_ASSERT_MSG_GT(full.offered, 1e5, "traffic offered");
        NS_TEST_ASSERT_MSG_EQ(fast.rows, full.rows, "the same rows carry traffic");
        NS_TEST_ASSERT_MSG_NE(fast.slicesCsv, full.slicesCsv, "the configurations differ");
        const double fullShare = full.delivered / full.offered;
        const double fastShare = fast.delivered / fast.offered;
        NS_TEST_ASSERT_MSG_EQ_TOL(fastShare, fullShare, 0.01, "delivered share");
        NS_TEST_ASSERT_MSG_EQ_TOL(fast.feeBytes / fast.offered,
                                  full.feeBytes / full.offered,
                                  0.05,
                                  "measured SLA fee, share of the offered bytes");
    }
};

/**
 * \ingroup microscope-tests
 * The radio attributes: SetRadio sets its three and leaves the path loss alone, and refuses
 * another configuration (the bad values of the other radio attributes are
 * microscope-lte-slicing's bad-input case).
 */
class RadioAttributesTestCase : public TestCase
{
public:
    RadioAttributesTestCase()
        : TestCase("radio attributes: SetRadio")
    {
    }

private:
    void DoRun() override
    {
        Ptr<LteSlicingHelper> lte = CreateObject<LteSlicingHelper>();
        lte->SetRadio("fast");
        StringValue pathLoss;
        DoubleValue maxLoss;
        TimeValue cqi;
        UintegerValue sample;
        lte->GetAttribute("PathLoss", pathLoss);
        lte->GetAttribute("MaxLossDb", maxLoss);
        lte->GetAttribute("CqiPeriodicity", cqi);
        lte->GetAttribute("PhyTraceSamplePeriod", sample);
        NS_TEST_ASSERT_MSG_EQ(pathLoss.Get(), "friis", "the path loss is not the radio's");
        NS_TEST_ASSERT_MSG_EQ(maxLoss.Get(), 138.0, "fast: 138 dB");
        NS_TEST_ASSERT_MSG_EQ(cqi.Get(), MilliSeconds(10), "fast: a CQI every 10 ms");
        NS_TEST_ASSERT_MSG_EQ(sample.Get(), 1000U, "fast: traces every 1000 TTIs");
        lte->SetRadio("full");
        lte->GetAttribute("MaxLossDb", maxLoss);
        lte->GetAttribute("CqiPeriodicity", cqi);
        NS_TEST_ASSERT_MSG_EQ(maxLoss.Get(), 0.0, "full: every signal");
        NS_TEST_ASSERT_MSG_EQ(cqi.Get(), MilliSeconds(1), "full: a CQI every TTI");
        bool refused = false;
        try
        {
            lte->SetRadio("medium");
        }
        catch (const InputError& e)
        {
            refused = std::string(e.what()).find("radio") != std::string::npos;
        }
        NS_TEST_ASSERT_MSG_EQ(refused, true, "an unknown configuration names radio");
    }
};

/**
 * \ingroup microscope-tests
 * The packet-level radio.
 */
class MicroscopeLteRadioTestSuite : public TestSuite
{
public:
    MicroscopeLteRadioTestSuite()
        : TestSuite("microscope-lte-radio", SYSTEM)
    {
        AddTestCase(new CachedLossChannelTestCase, TestCase::QUICK);
        AddTestCase(new RadioAttributesTestCase, TestCase::QUICK);
        AddTestCase(new CachedLossRunTestCase, TestCase::QUICK);
        AddTestCase(new FastRadioTestCase, TestCase::QUICK);
    }
};

/// The suite's instance.
static MicroscopeLteRadioTestSuite g_microscopeLteRadioTestSuite;
