/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cached-loss-spectrum-channel.h"

#include "ns3/angles.h"
#include "ns3/antenna-model.h"
#include "ns3/constant-position-mobility-model.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/phased-array-spectrum-propagation-loss-model.h"
#include "ns3/propagation-delay-model.h"
#include "ns3/propagation-loss-model.h"
#include "ns3/simulator.h"
#include "ns3/spectrum-phy.h"
#include "ns3/spectrum-propagation-loss-model.h"
#include "ns3/spectrum-signal-parameters.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CachedLossSpectrumChannel");

NS_OBJECT_ENSURE_REGISTERED(CachedLossSpectrumChannel);

TypeId
CachedLossSpectrumChannel::GetTypeId()
{
    static TypeId tid = TypeId("ns3::CachedLossSpectrumChannel")
                            .SetParent<SpectrumChannel>()
                            .SetGroupName("Microscope")
                            .AddConstructor<CachedLossSpectrumChannel>();
    return tid;
}

CachedLossSpectrumChannel::CachedLossSpectrumChannel()
    : m_nReceivers(0),
      m_lossComputations(0),
      m_epoch(0)
{
    NS_LOG_FUNCTION(this);
}

CachedLossSpectrumChannel::~CachedLossSpectrumChannel()
{
    NS_LOG_FUNCTION(this);
}

void
CachedLossSpectrumChannel::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (const auto& [mobility, constant] : m_watched)
    {
        mobility->TraceDisconnectWithoutContext(
            "CourseChange",
            MakeCallback(&CachedLossSpectrumChannel::CourseChanged, this));
    }
    m_watched.clear();
    m_neighbourhoods.clear();
    m_groups.clear();
    m_converters.clear();
    m_nReceivers = 0;
    SpectrumChannel::DoDispose();
}

void
CachedLossSpectrumChannel::AddRx(Ptr<SpectrumPhy> phy)
{
    NS_LOG_FUNCTION(this << phy);
    Ptr<const SpectrumModel> model = phy->GetRxSpectrumModel();
    NS_ASSERT_MSG(model, "the PHY has no receive spectrum model yet");
    RemoveRx(phy); // a PHY whose model changed registers again, at the end of its new group
    Receiver rx;
    rx.phy = phy;
    Ptr<NetDevice> device = phy->GetDevice();
    if (device)
    {
        rx.hasDevice = true;
        rx.node = device->GetNode()->GetId();
    }
    m_groups[model->GetUid()].push_back(std::move(rx));
    ++m_nReceivers;
    ++m_epoch;
}

void
CachedLossSpectrumChannel::RemoveRx(Ptr<SpectrumPhy> phy)
{
    NS_LOG_FUNCTION(this << phy);
    for (auto& [uid, receivers] : m_groups)
    {
        auto it = std::find_if(receivers.begin(),
                               receivers.end(),
                               [&phy](const Receiver& r) { return r.phy == phy; });
        if (it != receivers.end())
        {
            receivers.erase(it);
            --m_nReceivers;
            ++m_epoch;
            return;
        }
    }
}

std::size_t
CachedLossSpectrumChannel::GetNDevices() const
{
    return m_nReceivers;
}

Ptr<NetDevice>
CachedLossSpectrumChannel::GetDevice(std::size_t i) const
{
    for (const auto& [uid, receivers] : m_groups)
    {
        if (i < receivers.size())
        {
            return receivers[i].phy->GetDevice()->GetObject<NetDevice>();
        }
        i -= receivers.size();
    }
    NS_FATAL_ERROR("CachedLossSpectrumChannel::GetDevice: no device " << i);
    return nullptr;
}

uint64_t
CachedLossSpectrumChannel::GetLossComputations() const
{
    return m_lossComputations;
}

std::pair<uint64_t, uint64_t>
CachedLossSpectrumChannel::GetLinkCounts() const
{
    uint64_t all = 0;
    uint64_t within = 0;
    for (const auto& [uid, receivers] : m_groups)
    {
        for (const auto& rx : receivers)
        {
            for (const auto& [tx, link] : rx.links)
            {
                ++all;
                within += link.lossDb <= m_maxLossDb ? 1 : 0;
            }
        }
    }
    return {all, within};
}

bool
CachedLossSpectrumChannel::Watch(const Ptr<MobilityModel>& mobility)
{
    auto it = m_watched.find(mobility);
    if (it == m_watched.end())
    {
        const bool constant = DynamicCast<ConstantPositionMobilityModel>(mobility) != nullptr;
        mobility->TraceConnectWithoutContext(
            "CourseChange",
            MakeCallback(&CachedLossSpectrumChannel::CourseChanged, this));
        it = m_watched.emplace(mobility, constant).first;
    }
    return it->second;
}

void
CachedLossSpectrumChannel::CourseChanged(Ptr<const MobilityModel> mobility)
{
    NS_LOG_FUNCTION(this << mobility);
    ++m_epoch;
}

std::pair<Ptr<SpectrumConverter>, bool>
CachedLossSpectrumChannel::ConverterTo(Ptr<const SpectrumModel> txModel,
                                       SpectrumModelUid_t rxUid,
                                       const Receiver& member)
{
    const SpectrumModelUid_t txUid = txModel->GetUid();
    if (rxUid == txUid)
    {
        return {nullptr, true};
    }
    auto key = std::make_pair(txUid, rxUid);
    auto it = m_converters.find(key);
    if (it == m_converters.end())
    {
        Ptr<const SpectrumModel> rxModel = member.phy->GetRxSpectrumModel();
        Ptr<SpectrumConverter> converter =
            txModel->IsOrthogonal(*rxModel) ? nullptr : Create<SpectrumConverter>(txModel, rxModel);
        it = m_converters.emplace(key, converter).first;
    }
    return {it->second, it->second != nullptr};
}

void
CachedLossSpectrumChannel::StartTxNeighbours(Ptr<SpectrumSignalParameters> txParams,
                                             const Ptr<MobilityModel>& txMobility,
                                             Neighbourhood& hood)
{
    Ptr<const SpectrumModel> txModel = txParams->psd->GetSpectrumModel();
    const bool txConstant = Watch(txMobility);
    if (hood.epoch != m_epoch)
    {
        // Rebuild: the receivers in delivery order, those within MaxLossDb kept.
        hood.neighbours.clear();
        Ptr<NetDevice> txDevice = txParams->txPhy->GetDevice();
        const uint32_t txNode = txDevice ? txDevice->GetNode()->GetId() : 0;
        for (auto& [rxUid, receivers] : m_groups)
        {
            if (receivers.empty() || !ConverterTo(txModel, rxUid, receivers.front()).second)
            {
                continue;
            }
            for (Receiver& rx : receivers)
            {
                if (rx.phy == txParams->txPhy || (txDevice && rx.hasDevice && rx.node == txNode))
                {
                    continue;
                }
                Neighbour n;
                n.rx = &rx;
                n.uid = rxUid;
                Ptr<MobilityModel> rxMobility = rx.phy->GetMobility();
                if (rxMobility)
                {
                    n.dynamic = !txConstant || !Watch(rxMobility);
                    const Link& link = GetLink(txParams, txMobility, rx, rxMobility);
                    if (!n.dynamic && link.lossDb > m_maxLossDb)
                    {
                        continue;
                    }
                    n.gainLinear = link.gainLinear;
                    n.delay = link.delay;
                }
                hood.neighbours.push_back(n);
            }
        }
        hood.epoch = m_epoch;
    }
    SpectrumModelUid_t uid = 0;
    Ptr<SpectrumValue> psd;
    bool first = true;
    for (const Neighbour& n : hood.neighbours)
    {
        if (first || n.uid != uid)
        {
            uid = n.uid;
            first = false;
            Ptr<SpectrumConverter> converter = ConverterTo(txModel, uid, *n.rx).first;
            psd = converter ? converter->Convert(txParams->psd) : txParams->psd;
        }
        double gain = n.gainLinear;
        Time delay = n.delay;
        if (n.dynamic)
        {
            const Link& link = GetLink(txParams, txMobility, *n.rx, n.rx->phy->GetMobility());
            if (link.lossDb > m_maxLossDb)
            {
                continue;
            }
            gain = link.gainLinear;
            delay = link.delay;
        }
        Deliver(txParams, psd, gain, delay, *n.rx);
    }
}

const CachedLossSpectrumChannel::Link&
CachedLossSpectrumChannel::GetLink(const Ptr<SpectrumSignalParameters>& txParams,
                                   const Ptr<MobilityModel>& txMobility,
                                   Receiver& rx,
                                   const Ptr<MobilityModel>& rxMobility)
{
    const Vector txPosition = txMobility->GetPosition();
    const Vector rxPosition = rxMobility->GetPosition();
    auto [it, inserted] = rx.links.try_emplace(PeekPointer(txParams->txPhy));
    Link& link = it->second;
    if (!inserted && link.txPosition == txPosition && link.rxPosition == rxPosition)
    {
        return link;
    }
    // The terms and their order are MultiModelSpectrumChannel's, so that the loss is the same
    // double.
    ++m_lossComputations;
    link = Link();
    link.txPosition = txPosition;
    link.rxPosition = rxPosition;
    double pathLossDb = 0;
    if (txParams->txAntenna)
    {
        Angles txAngles(rxPosition, txPosition);
        link.txGainDb = txParams->txAntenna->GetGainDb(txAngles);
        pathLossDb -= link.txGainDb;
    }
    Ptr<AntennaModel> rxAntenna = DynamicCast<AntennaModel>(rx.phy->GetAntenna());
    if (rxAntenna)
    {
        Angles rxAngles(txPosition, rxPosition);
        link.rxGainDb = rxAntenna->GetGainDb(rxAngles);
        pathLossDb -= link.rxGainDb;
    }
    if (m_propagationLoss)
    {
        link.propagationDb = m_propagationLoss->CalcRxPower(0, txMobility, rxMobility);
        pathLossDb -= link.propagationDb;
    }
    link.lossDb = pathLossDb;
    link.gainLinear = std::pow(10.0, (-pathLossDb) / 10.0);
    link.delay =
        m_propagationDelay ? m_propagationDelay->GetDelay(txMobility, rxMobility) : MicroSeconds(0);
    NS_LOG_LOGIC("link " << txParams->txPhy << " -> " << rx.phy << ": " << pathLossDb << " dB");
    return link;
}

void
CachedLossSpectrumChannel::StartTx(Ptr<SpectrumSignalParameters> txParams)
{
    NS_LOG_FUNCTION(this << txParams);
    NS_ASSERT(txParams->txPhy);
    NS_ASSERT(txParams->psd);
    if (m_phasedArraySpectrumPropagationLoss)
    {
        NS_FATAL_ERROR("CachedLossSpectrumChannel does not support a "
                       "PhasedArraySpectrumPropagationLossModel");
    }
    if (!m_txSigParamsTrace.IsEmpty())
    {
        m_txSigParamsTrace(txParams->Copy());
    }
    Neighbourhood& hood = m_neighbourhoods[PeekPointer(txParams->txPhy)];
    if (!hood.tx)
    {
        hood.tx = txParams->txPhy;
    }
    Ptr<MobilityModel> txMobility = txParams->txPhy->GetMobility();
    if (txMobility && m_pathLossTrace.IsEmpty() && m_gainTrace.IsEmpty())
    {
        StartTxNeighbours(txParams, txMobility, hood);
        return;
    }
    Ptr<NetDevice> txDevice = txParams->txPhy->GetDevice();
    const uint32_t txNode = txDevice ? txDevice->GetNode()->GetId() : 0;
    Ptr<const SpectrumModel> txModel = txParams->psd->GetSpectrumModel();

    for (auto& [rxUid, receivers] : m_groups)
    {
        if (receivers.empty())
        {
            continue;
        }
        const auto [converter, hears] = ConverterTo(txModel, rxUid, receivers.front());
        if (!hears)
        {
            continue; // orthogonal models: the receivers cannot hear this signal
        }
        Ptr<SpectrumValue> psd = converter ? converter->Convert(txParams->psd) : txParams->psd;
        for (Receiver& rx : receivers)
        {
            if (rx.phy == txParams->txPhy)
            {
                continue;
            }
            if (txDevice && rx.hasDevice && rx.node == txNode)
            {
                continue; // antennas of the same node: no pathloss model supports them
            }
            Ptr<MobilityModel> rxMobility = rx.phy->GetMobility();
            const Link* link = nullptr;
            if (txMobility && rxMobility)
            {
                link = &GetLink(txParams, txMobility, rx, rxMobility);
                m_gainTrace(txMobility,
                            rxMobility,
                            link->txGainDb,
                            link->rxGainDb,
                            link->propagationDb,
                            link->lossDb);
                m_pathLossTrace(txParams->txPhy, rx.phy, link->lossDb);
                if (link->lossDb > m_maxLossDb)
                {
                    continue; // beyond range: not copied, not scheduled
                }
            }
            // Without mobility no loss applies: a gain of 1 leaves the PSD's doubles as they are.
            Deliver(txParams,
                    psd,
                    link ? link->gainLinear : 1.0,
                    link ? link->delay : MicroSeconds(0),
                    rx);
        }
    }
}

void
CachedLossSpectrumChannel::Deliver(const Ptr<SpectrumSignalParameters>& txParams,
                                   const Ptr<SpectrumValue>& psd,
                                   double gainLinear,
                                   Time delay,
                                   const Receiver& rx)
{
    Ptr<SpectrumSignalParameters> rxParams = txParams->Copy();
    rxParams->psd = Copy<SpectrumValue>(psd);
    *(rxParams->psd) *= gainLinear;
    if (rx.hasDevice)
    {
        Simulator::ScheduleWithContext(rx.node,
                                       delay,
                                       &CachedLossSpectrumChannel::StartRx,
                                       this,
                                       rxParams,
                                       rx.phy);
    }
    else
    {
        Simulator::Schedule(delay, &CachedLossSpectrumChannel::StartRx, this, rxParams, rx.phy);
    }
}

void
CachedLossSpectrumChannel::StartRx(Ptr<SpectrumSignalParameters> params, Ptr<SpectrumPhy> receiver)
{
    NS_LOG_FUNCTION(this << params << receiver);
    if (m_spectrumPropagationLoss)
    {
        params->psd =
            m_spectrumPropagationLoss->CalcRxPowerSpectralDensity(params,
                                                                  params->txPhy->GetMobility(),
                                                                  receiver->GetMobility());
    }
    receiver->StartRx(params);
}

} // namespace ns3
