/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_CACHED_LOSS_SPECTRUM_CHANNEL_H
#define MICROSCOPE_CACHED_LOSS_SPECTRUM_CHANNEL_H

#include "ns3/mobility-model.h"
#include "ns3/spectrum-channel.h"
#include "ns3/spectrum-converter.h"
#include "ns3/vector.h"

#include <cstdint>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief A SpectrumChannel that computes the loss of a (transmitter, receiver) link once and
 * skips the links beyond MaxLossDb before it copies the signal.
 *
 * It delivers what ns-3's MultiModelSpectrumChannel delivers, to the same receivers in the same
 * order and with the same power spectral densities: a signal reaches every registered receiver
 * but its transmitter (and the transmitter's other PHYs on the same node), attenuated by the
 * transmit and receive antenna gains and the PropagationLossModel, unless that loss exceeds
 * MaxLossDb; the PropagationDelayModel delays it and the SpectrumPropagationLossModel, if any,
 * shapes it when it arrives. It differs in cost only:
 *
 * - the loss of a link is computed on its first signal and reused as long as neither end has
 *   moved (both positions are compared at every signal), so the propagation and antenna models
 *   must be deterministic for fixed positions (Friis, LogDistance, Cost231, OkumuraHata, the
 *   antenna models; not a model that draws a random variable per call, such as
 *   RandomPropagationLossModel or a fading PropagationLossModel);
 * - a link beyond MaxLossDb costs nothing: MultiModelSpectrumChannel copies the signal (with
 *   its packet burst) for every receiver before it compares the loss with MaxLossDb. Each
 *   transmitter keeps the list of the receivers within MaxLossDb, with their gains; it is
 *   rebuilt when a receiver registers or leaves, or when a mobility model of the channel
 *   reports a course change. Links with an end whose mobility model is not a
 *   ConstantPositionMobilityModel (which can move without reporting it) are checked at
 *   every signal. When the PathLoss or Gain trace is connected, every link is visited at
 *   every signal, so that the traces fire as MultiModelSpectrumChannel fires them;
 * - the copy of the signal given to the TxSigParams trace is only made when something is
 *   connected to it.
 *
 * The PathLoss and Gain traces fire for every link and signal, with the cached values, as
 * MultiModelSpectrumChannel fires them. A receiver whose spectrum model differs from the
 * signal's gets the signal converted (SpectrumConverter), or nothing if the two models do not
 * overlap. PhasedArraySpectrumPropagationLossModel is not supported (NS_FATAL_ERROR).
 */
class CachedLossSpectrumChannel : public SpectrumChannel
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    CachedLossSpectrumChannel();
    ~CachedLossSpectrumChannel() override;

    // SpectrumChannel
    void AddRx(Ptr<SpectrumPhy> phy) override;
    void RemoveRx(Ptr<SpectrumPhy> phy) override;
    void StartTx(Ptr<SpectrumSignalParameters> params) override;

    // Channel
    std::size_t GetNDevices() const override;
    Ptr<NetDevice> GetDevice(std::size_t i) const override;

    /**
     * \return the link losses computed so far (a link is computed on its first signal and again
     * when one of its ends has moved).
     */
    uint64_t GetLossComputations() const;
    /**
     * \return the links (transmitter, receiver) the channel has computed, and of those the
     * ones within MaxLossDb: what a signal costs with and without the threshold.
     */
    std::pair<uint64_t, uint64_t> GetLinkCounts() const;

protected:
    void DoDispose() override;

private:
    /// The cached loss of one (transmitter, receiver) link.
    struct Link
    {
        Vector txPosition;       //!< the transmitter's position when computed
        Vector rxPosition;       //!< the receiver's position when computed
        double txGainDb{0};      //!< transmit antenna gain
        double rxGainDb{0};      //!< receive antenna gain
        double propagationDb{0}; //!< PropagationLossModel gain (CalcRxPower(0, ...))
        double lossDb{0};        //!< total loss: -(txGainDb + rxGainDb + propagationDb)
        double gainLinear{1};    //!< 10^(-lossDb / 10)
        Time delay;              //!< propagation delay
    };

    /// A registered receiver.
    struct Receiver
    {
        Ptr<SpectrumPhy> phy;  //!< the PHY
        uint32_t node{0};      //!< its node's id (the event context), if it has a device
        bool hasDevice{false}; //!< whether it has a NetDevice (and so a node)
        /// Cached links from each transmitting PHY.
        std::unordered_map<const SpectrumPhy*, Link> links;
    };

    /**
     * Deliver a signal to a receiver when it arrives.
     * \param params the receiver's copy of the signal
     * \param receiver the receiving PHY
     */
    void StartRx(Ptr<SpectrumSignalParameters> params, Ptr<SpectrumPhy> receiver);
    /**
     * Copy a signal for a receiver, attenuate it and schedule its arrival.
     * \param txParams the signal
     * \param psd its power spectral density in the receiver's spectrum model
     * \param gainLinear the link's gain
     * \param delay the link's delay
     * \param rx the receiver
     */
    void Deliver(const Ptr<SpectrumSignalParameters>& txParams,
                 const Ptr<SpectrumValue>& psd,
                 double gainLinear,
                 Time delay,
                 const Receiver& rx);

    /**
     * \param txParams the signal
     * \param txMobility its transmitter's mobility
     * \param rx the receiver
     * \param rxMobility its mobility
     * \return the link, computed now or earlier
     */
    const Link& GetLink(const Ptr<SpectrumSignalParameters>& txParams,
                        const Ptr<MobilityModel>& txMobility,
                        Receiver& rx,
                        const Ptr<MobilityModel>& rxMobility);

    /// Receivers by receive spectrum model (in uid order, as MultiModelSpectrumChannel
    /// visits them), each group in registration order.
    std::map<SpectrumModelUid_t, std::vector<Receiver>> m_groups;

    /// A receiver within MaxLossDb of a transmitter.
    struct Neighbour
    {
        Receiver* rx{nullptr};     //!< the receiver
        SpectrumModelUid_t uid{0}; //!< its group's spectrum model
        double gainLinear{1};      //!< the link's gain (1: no mobility, no loss applied)
        Time delay;                //!< the link's delay
        bool dynamic{false};       //!< an end may move silently: check at every signal
    };

    /// The receivers within MaxLossDb of a transmitter, as of an epoch.
    struct Neighbourhood
    {
        /// The transmitter, kept alive so that its address, the key of the cached links and
        /// of this neighbourhood, is not reused by another PHY.
        Ptr<const SpectrumPhy> tx;
        uint64_t epoch{UINT64_MAX};        //!< m_epoch when built
        std::vector<Neighbour> neighbours; //!< in the order signals are delivered
    };

    /**
     * Send a signal along the links of the transmitter's neighbourhood (no trace connected).
     * \param txParams the signal
     * \param txMobility its transmitter's mobility
     * \param hood the transmitter's neighbourhood
     */
    void StartTxNeighbours(Ptr<SpectrumSignalParameters> txParams,
                           const Ptr<MobilityModel>& txMobility,
                           Neighbourhood& hood);
    /**
     * Follow a mobility model's course changes (once per model).
     * \param mobility the model
     * \return whether it cannot move without reporting it (a ConstantPositionMobilityModel)
     */
    bool Watch(const Ptr<MobilityModel>& mobility);
    /// A watched mobility model moved: every neighbourhood is rebuilt.
    /// \param mobility the model
    void CourseChanged(Ptr<const MobilityModel> mobility);
    /**
     * \param txModel the signal's spectrum model
     * \param rxUid a group's spectrum model
     * \param member a receiver of the group
     * \return the converter (null: the same model) and whether the group hears the signal
     */
    std::pair<Ptr<SpectrumConverter>, bool> ConverterTo(Ptr<const SpectrumModel> txModel,
                                                        SpectrumModelUid_t rxUid,
                                                        const Receiver& member);

    /// Neighbourhoods by transmitter.
    std::unordered_map<const SpectrumPhy*, Neighbourhood> m_neighbourhoods;
    uint64_t m_epoch; //!< incremented when a receiver registers or leaves, or an end moves
    /// Mobility models followed, and whether each is a ConstantPositionMobilityModel.
    std::map<Ptr<MobilityModel>, bool> m_watched;
    /// Converters between spectrum models (from, to); an orthogonal pair maps to nullptr.
    std::map<std::pair<SpectrumModelUid_t, SpectrumModelUid_t>, Ptr<SpectrumConverter>>
        m_converters;
    std::size_t m_nReceivers;    //!< receivers in all groups
    uint64_t m_lossComputations; //!< links computed
};

} // namespace ns3

#endif /* MICROSCOPE_CACHED_LOSS_SPECTRUM_CHANNEL_H */
