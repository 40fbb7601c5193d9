/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_SLICE_FF_MAC_SCHEDULER_H
#define MICROSCOPE_SLICE_FF_MAC_SCHEDULER_H

#include <ns3/ff-mac-csched-sap.h>
#include <ns3/ff-mac-sched-sap.h>
#include <ns3/ff-mac-scheduler.h>
#include <ns3/lte-amc.h>
#include <ns3/lte-ffr-sap.h>
#include <ns3/traced-callback.h>

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief A slice-aware LTE MAC scheduler (FF MAC API): every downlink TTI, each service slice
 * gets at most its quota of PRBs, optionally lending the PRBs it leaves idle to the others.
 *
 * Slices and logical channels. SetNSlices() fixes the number of slices and SetLcSlice() maps a
 * logical channel identity (LCID) to a slice; the map is the same for every UE of the cell (one
 * dedicated EPS bearer per service gives each service the same LCID in every UE). LCs that are
 * not in the map (SRBs 0-2, the default bearer, ...) are "unsliced".
 *
 * Quotas and RBGs. SetSliceQuotas() gives each slice a number of PRBs per TTI. The downlink is
 * allocated with type-0 bitmaps of resource block groups (RBGs) of GetRbgSize() PRBs (36.213
 * Table 7.1.6.1-1: 1, 2, 3 or 4 PRBs for up to 10, 26, 63, 110 PRBs). ns-3's PHY maps every
 * RBG of a bitmap to GetRbgSize() PRBs, so a partial last RBG (when the bandwidth is not a
 * multiple of the RBG size) cannot be used: like ns-3's own schedulers, this one allocates
 * floor(bandwidth / rbgSize) RBGs (24 of 25 PRBs at 5 MHz, 48 of 50 at 10 MHz, 100 of 100 at
 * 20 MHz). A slice may take an RBG only while the PRBs it holds in the TTI plus the RBG stay
 * within its quota, i.e. it gets at most floor(quota / rbgSize) RBGs: in STRICT mode a slice
 * never uses more PRBs than its quota in any TTI, and the remainder of a quota that is not a
 * multiple of the RBG size stays idle (it goes to unsliced LCs, or in LEND mode to the slices
 * that still have backlog). The quotas are checked against the cell's bandwidth in PRBs
 * (their sum may not exceed it).
 *
 * Downlink algorithm, per TTI:
 *  0. the SRBs (LCIDs 0-2: RRC signalling) are served first, whatever the sharing mode:
 *     otherwise saturated slices (LEND, or quotas covering the bandwidth) would starve the RRC
 *     procedures (a second bearer's setup never completes). They need a few RBGs in the rare
 *     TTIs that carry an RRC message; a slice may then get less than its quota in that TTI,
 *     never more;
 *  1. every slice serves its backlogged LCs (RLC transmission queue + retransmission queue +
 *     status PDU, plus an RLC header overhead) in round-robin order: each LC in turn takes
 *     free RBGs until the TB size at its UE's MCS (both TBs for a DRB in a two-layer
 *     transmission mode) carries its backlog, the slice stopping at its quota; the turn
 *     starts, every TTI, after the LC that was served first in the previous TTI (so saturated
 *     LCs of a slice share it TTI by TTI);
 *  2. LEND only: the RBGs nobody took are given, one at a time and round-robin over slices,
 *     to the slices whose LCs still have backlog (the slice after the first borrower of a TTI
 *     starts the round in the next TTI, so borrowers take turns); what a slice gets beyond
 *     its quota is "lent";
 *  3. the unsliced DRBs (e.g. the default bearer) get the RBGs still idle, in the same
 *     round-robin order as in step 1 (in both modes);
 *  4. one DCI per UE (format 1, type-0 bitmap) with the union of the RBGs of its LCs, the MCS
 *     of its wideband CQI (LteAmc), the TB size of all its PRBs, and one RLC PDU per LC with a
 *     share of the TB proportional to the PRBs that LC earned (an LC whose share would be
 *     below 4 bytes, too small for RLC, gives it to the others); the buffer status is decreased
 *     by what was granted (as ns-3's schedulers do) until the RLC reports again.
 *
 * Left out: HARQ retransmissions (every DCI carries new data: NDI 1, RV 0, HARQ process ids
 * cycled 0..7 per UE; ACK/NACK feedback is ignored, so lost TBs are recovered only by RLC AM),
 * rank adaptation (in two-layer transmission modes the DCI carries two TBs of the same MCS and
 * size, each LC getting the same PDU size on both, as ns-3's RR scheduler does; the slice
 * accounting counts PRBs, not layers), the FFR SAP (the RBGs an FFR algorithm forbids are not
 * excluded: use the default LteFrNoOpAlgorithm),
 * frequency-selective scheduling (subband CQIs are ignored), PDCCH (CCE) limits, paging
 * (SchedDlPagingBufferReq is ignored), DRX/SPS, and slicing of the uplink. The uplink is a
 * plain round-robin: the RACH Msg3 grants of the random-access responses first, then the UEs
 * with a buffer status report share the remaining PRBs in contiguous blocks, at an MCS from
 * their last UL CQI (SRS or PUSCH, as the UlCqiFilter attribute says), or UlDefaultMcs.
 *
 * Getting the scheduler of an eNB installed by LteHelper with
 * `lteHelper->SetSchedulerType("ns3::SliceFfMacScheduler")`:
 * \code
 *   Ptr<LteEnbNetDevice> enb = DynamicCast<LteEnbNetDevice>(enbDevs.Get(0));
 *   Ptr<ComponentCarrierEnb> cc = DynamicCast<ComponentCarrierEnb>(enb->GetCcMap().at(0));
 *   Ptr<SliceFfMacScheduler> sched = DynamicCast<SliceFfMacScheduler>(cc->GetFfMacScheduler());
 * \endcode
 * (one scheduler per component carrier; it is not aggregated to the device, so GetObject does not
 * find it). LteHelper configures the cell (CschedCellConfigReq) when it installs the eNB device,
 * so GetDlBandwidthPrbs() and GetRbgSize() are known right after InstallEnbDevice() and
 * SetSliceQuotas() checks the sum at once. Configure the slices after the devices are installed
 * and before Simulator::Run(): SetNSlices(), then SetLcSlice() and SetSliceQuotas().
 */
class SliceFfMacScheduler : public FfMacScheduler
{
public:
    /// How slices share the downlink PRBs.
    enum Sharing
    {
        STRICT, //!< a slice never gets more than its quota
        LEND    //!< PRBs a slice leaves idle go to the slices that have backlog
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SliceFfMacScheduler();
    ~SliceFfMacScheduler() override;

    // inherited from FfMacScheduler
    void SetFfMacCschedSapUser(FfMacCschedSapUser* s) override;
    void SetFfMacSchedSapUser(FfMacSchedSapUser* s) override;
    FfMacCschedSapProvider* GetFfMacCschedSapProvider() override;
    FfMacSchedSapProvider* GetFfMacSchedSapProvider() override;
    void SetLteFfrSapProvider(LteFfrSapProvider* s) override;
    LteFfrSapUser* GetLteFfrSapUser() override;

    /// allow MemberCschedSapProvider<SliceFfMacScheduler> class friend access
    friend class MemberCschedSapProvider<SliceFfMacScheduler>;
    /// allow MemberSchedSapProvider<SliceFfMacScheduler> class friend access
    friend class MemberSchedSapProvider<SliceFfMacScheduler>;

    /**
     * Set the number of slices; the quotas are reset to 0 PRBs each and the LC map is cleared.
     * \param n the number of slices, at least 1.
     * \throws InputError if n is 0.
     */
    void SetNSlices(uint16_t n);

    /// \return the number of slices (0 until SetNSlices()).
    uint16_t GetNSlices() const;

    /**
     * Map a logical channel identity to a slice, for every UE of the cell.
     * \param lcid the LCID (the dedicated bearer of a service).
     * \param slice the slice, below GetNSlices().
     * \throws InputError if slice >= GetNSlices().
     */
    void SetLcSlice(uint8_t lcid, uint16_t slice);

    /**
     * Set the PRBs per TTI of each slice.
     * \param prbs one quota per slice.
     * \throws InputError if prbs.size() != GetNSlices() or, once the cell is configured, if the
     *         sum exceeds GetDlBandwidthPrbs(); when called before the cell configuration, the
     *         sum is checked at CschedCellConfigReq (which then throws).
     */
    void SetSliceQuotas(const std::vector<uint32_t>& prbs);

    /// \return the quotas in PRBs per TTI, one per slice.
    std::vector<uint32_t> GetSliceQuotas() const;

    /// \return the cell's downlink bandwidth in PRBs, 0 before the cell configuration.
    uint32_t GetDlBandwidthPrbs() const;

    /// \return the RBG size in PRBs for the cell's downlink bandwidth, 0 before the cell
    ///         configuration.
    uint32_t GetRbgSize() const;

    /// \return the sharing mode (attribute "Sharing").
    Sharing GetSharing() const;

    /**
     * TracedCallback signature of "SliceTti": called every downlink TTI, once per slice.
     * \param frame the frame number.
     * \param subframe the subframe number (1..10, as the MAC numbers them).
     * \param slice the slice.
     * \param quotaPrb its quota in PRBs.
     * \param usedPrb PRBs of the RBGs given to its LCs in this TTI.
     * \param lentPrb the part of usedPrb beyond its quota (always 0 in STRICT mode).
     */
    typedef void (*SliceTtiTracedCallback)(uint16_t frame,
                                           uint16_t subframe,
                                           uint16_t slice,
                                           uint32_t quotaPrb,
                                           uint32_t usedPrb,
                                           uint32_t lentPrb);

protected:
    void DoDispose() override;

private:
    /// Buffer status of one downlink logical channel.
    struct LcBuffer
    {
        uint32_t txQueue{0};   //!< RLC transmission queue, bytes
        uint32_t retxQueue{0}; //!< RLC retransmission queue, bytes
        uint32_t statusPdu{0}; //!< RLC status PDU, bytes
    };

    /// Per-UE state.
    struct UeState
    {
        uint8_t txMode{0};            //!< transmission mode
        bool dlCqiValid{false};       //!< a wideband DL CQI was received and has not expired
        uint8_t dlCqi{0};             //!< last wideband DL CQI
        uint32_t dlCqiAge{0};         //!< TTIs since it was received
        std::vector<double> ulSinrDb; //!< last UL SINR per UL PRB (NaN: never reported)
        uint32_t ulCqiAge{0};         //!< TTIs since the last UL CQI
        uint32_t ulBuffer{0};         //!< bytes reported by the last BSRs (minus grants)
        uint8_t dlHarqProcess{0};     //!< next DL HARQ process id
    };

    /// (RNTI, LCID) of a downlink logical channel.
    typedef std::pair<uint16_t, uint8_t> LcKey;

    /// One downlink LC competing for RBGs in a TTI (defined in the .cc file).
    struct ActiveLc;

    /// The RBGs of one downlink TTI, handed out lowest index first (defined in the .cc file).
    class RbgPool;

    /// The backlogged LCs of a TTI by group: slices 0..n-1, then the unsliced DRBs (group n),
    /// then the SRBs (group n + 1).
    typedef std::vector<std::vector<ActiveLc>> LcGroups;

    // CSCHED primitives
    /// \param params the cell configuration
    void DoCschedCellConfigReq(const FfMacCschedSapProvider::CschedCellConfigReqParameters& params);
    /// \param params the UE configuration
    void DoCschedUeConfigReq(const FfMacCschedSapProvider::CschedUeConfigReqParameters& params);
    /// \param params the LC configuration
    void DoCschedLcConfigReq(const FfMacCschedSapProvider::CschedLcConfigReqParameters& params);
    /// \param params the LCs released
    void DoCschedLcReleaseReq(const FfMacCschedSapProvider::CschedLcReleaseReqParameters& params);
    /// \param params the UE released
    void DoCschedUeReleaseReq(const FfMacCschedSapProvider::CschedUeReleaseReqParameters& params);

    // SCHED primitives
    /// \param params an RLC buffer status report
    void DoSchedDlRlcBufferReq(const FfMacSchedSapProvider::SchedDlRlcBufferReqParameters& params);
    /// \param params paging (ignored)
    void DoSchedDlPagingBufferReq(
        const FfMacSchedSapProvider::SchedDlPagingBufferReqParameters& params);
    /// \param params MAC buffer (ignored)
    void DoSchedDlMacBufferReq(const FfMacSchedSapProvider::SchedDlMacBufferReqParameters& params);
    /// One DL TTI: BuildRarList(), CollectBackloggedLcs(), the SRBs (ServeWithoutQuota()),
    /// ServeSlicesWithinQuotas(), LendIdleRbgs() (LEND), the unsliced DRBs
    /// (ServeWithoutQuota()), BuildDlDcis(), then the SliceTti trace.
    /// \param params the DL TTI to schedule
    void DoSchedDlTriggerReq(const FfMacSchedSapProvider::SchedDlTriggerReqParameters& params);
    /// \param params random-access preambles received
    void DoSchedDlRachInfoReq(const FfMacSchedSapProvider::SchedDlRachInfoReqParameters& params);
    /// \param params DL CQI reports
    void DoSchedDlCqiInfoReq(const FfMacSchedSapProvider::SchedDlCqiInfoReqParameters& params);
    /// \param params the UL TTI to schedule
    void DoSchedUlTriggerReq(const FfMacSchedSapProvider::SchedUlTriggerReqParameters& params);
    /// \param params noise and interference (ignored)
    void DoSchedUlNoiseInterferenceReq(
        const FfMacSchedSapProvider::SchedUlNoiseInterferenceReqParameters& params);
    /// \param params scheduling requests
    void DoSchedUlSrInfoReq(const FfMacSchedSapProvider::SchedUlSrInfoReqParameters& params);
    /// \param params MAC control elements (BSR)
    void DoSchedUlMacCtrlInfoReq(
        const FfMacSchedSapProvider::SchedUlMacCtrlInfoReqParameters& params);
    /// \param params UL CQI (SRS or PUSCH SINR)
    void DoSchedUlCqiInfoReq(const FfMacSchedSapProvider::SchedUlCqiInfoReqParameters& params);

    /**
     * Check the quotas against the number of slices and (if known) the bandwidth.
     * \param prbs the quotas.
     * \throws InputError if they do not fit.
     */
    void CheckQuotas(const std::vector<uint32_t>& prbs) const;

    /// \param rnti a UE \return its DL MCS (from its CQI, or DefaultDlMcs)
    uint8_t GetDlMcs(uint16_t rnti) const;

    /// \param key an LC \return its backlog in bytes, RLC header overhead included (0 if none)
    uint32_t GetBacklog(const LcKey& key) const;

    /**
     * Decrease the buffer status of an LC by what was granted to it.
     * \param key the LC.
     * \param bytes the RLC PDU size granted.
     */
    void UpdateDlBuffer(const LcKey& key, uint32_t bytes);

    /// Age the CQIs by one TTI, dropping the expired ones.
    void AgeCqis();

    // The steps of one downlink TTI (DoSchedDlTriggerReq), in their order.

    /**
     * Random-access responses for the pending preambles, their Msg3 grants on the first PRBs
     * of the next UL TTI (held in m_rachAllocationMap); clears the pending list.
     * \param ret the DL configuration the RARs are added to.
     */
    void BuildRarList(FfMacSchedSapUser::SchedDlConfigIndParameters& ret);

    /**
     * The LCs with backlog (UEs with CQI 0 left out), each with its need in PRBs, by group, in
     * this TTI's round-robin order (each group starting after the LC that came first in the
     * previous TTI; m_rrLast is updated).
     * \return the groups (see LcGroups).
     */
    LcGroups CollectBackloggedLcs();

    /**
     * \param key an LC with backlog.
     * \param backlog its backlog in bytes.
     * \param usablePrb the PRBs of the full RBGs of the band.
     * \return the smallest multiple of the RBG size whose TB (both TBs for a DRB of a two-layer
     *         UE) at the UE's MCS carries the backlog, usablePrb if none does.
     */
    uint32_t GetNeedPrb(const LcKey& key, uint32_t backlog, uint32_t usablePrb) const;

    /**
     * Step 0 (SRBs) and step 3 (unsliced DRBs): each LC of the group in turn takes free RBGs
     * until its need is met, with no quota.
     * \param lcs the group.
     * \param pool the RBGs of the TTI.
     */
    void ServeWithoutQuota(std::vector<ActiveLc>& lcs, RbgPool& pool) const;

    /**
     * Step 1, quota accounting and RBG assignment: each slice's LCs in turn take free RBGs
     * until their need is met, a slice stopping when one more RBG would exceed its quota.
     * \param groups the LCs by group.
     * \param pool the RBGs of the TTI.
     * \return the PRBs each slice took.
     */
    std::vector<uint32_t> ServeSlicesWithinQuotas(LcGroups& groups, RbgPool& pool) const;

    /**
     * Step 2 (LEND only): the free RBGs, one at a time and round-robin over slices starting at
     * m_lendTurn, to the first LC of each slice whose need is not met; m_lendTurn moves to the
     * slice after this TTI's first borrower.
     * \param groups the LCs by group.
     * \param pool the RBGs of the TTI.
     * \param usedPrb the PRBs of each slice, increased by what it borrows.
     */
    void LendIdleRbgs(LcGroups& groups, RbgPool& pool, std::vector<uint32_t>& usedPrb);

    /**
     * Step 4: one DCI per UE with the union of its LCs' RBGs, the TB split over its LCs in
     * proportion to their PRBs; the buffer status is decreased by the grants.
     * \param groups the LCs by group, with their RBGs.
     * \param ret the DL configuration the DCIs are added to.
     */
    void BuildDlDcis(LcGroups& groups, FfMacSchedSapUser::SchedDlConfigIndParameters& ret);

    /**
     * \param rnti a UE.
     * \param rbStart the first UL PRB of its grant.
     * \param rbLen the number of PRBs.
     * \return the MCS of the worst reported SINR on those PRBs, UlDefaultMcs if none.
     */
    uint8_t GetUlMcs(uint16_t rnti, uint16_t rbStart, uint16_t rbLen) const;

    /// \param sinrDb an SINR in dB \return the MCS LteAmc gives it (via its CQI), -1 if none
    int UlMcsFromSinr(double sinrDb) const;

    // SAPs
    FfMacCschedSapUser* m_cschedSapUser{nullptr};         //!< CSCHED SAP user (the MAC)
    FfMacSchedSapUser* m_schedSapUser{nullptr};           //!< SCHED SAP user (the MAC)
    FfMacCschedSapProvider* m_cschedSapProvider{nullptr}; //!< CSCHED SAP provider (this)
    FfMacSchedSapProvider* m_schedSapProvider{nullptr};   //!< SCHED SAP provider (this)
    LteFfrSapUser* m_ffrSapUser{nullptr};                 //!< FFR SAP user (this, unused)
    LteFfrSapProvider* m_ffrSapProvider{nullptr};         //!< FFR SAP provider (unused)

    Ptr<LteAmc> m_amc; //!< MCS and TB sizes

    // configuration
    Sharing m_sharing{STRICT};             //!< attribute Sharing
    uint32_t m_cqiTimerThreshold{1000};    //!< attribute CqiTimerThreshold, TTIs
    uint8_t m_dlDefaultMcs{0};             //!< attribute DlDefaultMcs
    uint8_t m_ulDefaultMcs{0};             //!< attribute UlDefaultMcs
    uint16_t m_nSlices{0};                 //!< number of slices
    std::vector<uint32_t> m_quotas;        //!< PRBs per TTI per slice
    std::map<uint8_t, uint16_t> m_lcSlice; //!< LCID -> slice
    bool m_cellConfigured{false};          //!< CschedCellConfigReq received
    uint32_t m_dlBandwidth{0};             //!< DL PRBs
    uint32_t m_ulBandwidth{0};             //!< UL PRBs
    uint32_t m_rbgSize{0};                 //!< PRBs per RBG

    // state
    std::map<uint16_t, UeState> m_ues;     //!< RNTI -> state
    std::map<LcKey, LcBuffer> m_dlBuffers; //!< DL LCs and their buffer status
    std::vector<LcKey> m_rrLast; //!< per slice, unsliced DRBs, SRBs: LC served first last TTI
    uint16_t m_lendTurn{0};      //!< slice that borrows first in the next TTI
    std::vector<RachListElement_s> m_rachList; //!< preambles waiting for a RAR
    std::vector<uint16_t> m_rachAllocationMap; //!< UL PRBs of the next UL TTI held by Msg3
    std::map<uint16_t, std::vector<uint16_t>> m_ulAllocationMaps; //!< sfnSf -> RNTI per UL PRB
    uint16_t m_nextRntiUl{0}; //!< UE served first in the next UL TTI

    /// Trace source SliceTti.
    TracedCallback<uint16_t, uint16_t, uint16_t, uint32_t, uint32_t, uint32_t> m_sliceTtiTrace;
};

} // namespace ns3

#endif /* MICROSCOPE_SLICE_FF_MAC_SCHEDULER_H */
