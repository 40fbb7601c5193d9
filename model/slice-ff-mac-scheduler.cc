/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "slice-ff-mac-scheduler.h"

#include "input-error.h"

#include <ns3/enum.h>
#include <ns3/log.h>
#include <ns3/lte-common.h>
#include <ns3/lte-vendor-specific-parameters.h>
#include <ns3/uinteger.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SliceFfMacScheduler");

NS_OBJECT_ENSURE_REGISTERED(SliceFfMacScheduler);

namespace
{

/// Largest bandwidth (PRBs, exclusive) of each RBG size 1..4 (36.213 Table 7.1.6.1-1).
const uint32_t TYPE0_RBG_LIMITS[4] = {10, 26, 63, 110};

/// Number of DL HARQ processes cycled through (FDD).
const uint8_t HARQ_PROCESSES = 8;

/// Smallest RLC PDU handed to an LC: below that, RLC AM/UM cannot send anything.
const uint32_t MIN_RLC_PDU_BYTES = 4;

/// Smallest UL grant, in PRBs (keeps TxOpportunity >= 7 bytes at MCS 0, as ns-3's schedulers).
const uint16_t MIN_UL_PRBS = 3;

/**
 * \param bandwidth a DL bandwidth in PRBs.
 * \return its RBG size in PRBs.
 */
uint32_t
RbgSizeFor(uint32_t bandwidth)
{
    for (uint32_t i = 0; i < 4; ++i)
    {
        if (bandwidth < TYPE0_RBG_LIMITS[i])
        {
            return i + 1;
        }
    }
    return 4;
}

} // namespace

/// One downlink LC competing for RBGs in a TTI.
struct SliceFfMacScheduler::ActiveLc
{
    uint16_t rnti{0};           //!< its UE
    uint8_t lcid{0};            //!< its LCID
    uint32_t needPrb{0};        //!< PRBs whose TB (at the UE's MCS) carry its backlog
    uint32_t grantPrb{0};       //!< PRBs granted so far in the TTI
    std::vector<uint32_t> rbgs; //!< RBGs granted so far
};

/// The RBGs of one downlink TTI, handed out lowest index first.
class SliceFfMacScheduler::RbgPool
{
public:
    /**
     * \param nRbg the number of (full) RBGs of the band.
     * \param rbgSize PRBs per RBG.
     */
    RbgPool(uint32_t nRbg, uint32_t rbgSize)
        : m_free(nRbg, true),
          m_rbgSize(rbgSize)
    {
    }

    /**
     * Give the lowest free RBG to an LC.
     * \param lc the LC: the RBG is added to its RBGs and its granted PRBs.
     * \return false if no RBG is free (lc unchanged).
     */
    bool Take(ActiveLc& lc)
    {
        while (m_next < m_free.size() && !m_free[m_next])
        {
            ++m_next;
        }
        if (m_next >= m_free.size())
        {
            return false;
        }
        m_free[m_next] = false;
        lc.rbgs.push_back(m_next);
        lc.grantPrb += m_rbgSize;
        return true;
    }

    /// \return true if an RBG may still be free (false once Take() has found none).
    bool MayHaveFree() const
    {
        return m_next < m_free.size();
    }

    /// \return PRBs per RBG
    uint32_t GetRbgSize() const
    {
        return m_rbgSize;
    }

private:
    std::vector<bool> m_free; //!< per RBG: not yet given in this TTI
    uint32_t m_next{0};       //!< no RBG below this one is free
    uint32_t m_rbgSize;       //!< PRBs per RBG
};

TypeId
SliceFfMacScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SliceFfMacScheduler")
            .SetParent<FfMacScheduler>()
            .SetGroupName("Microscope")
            .AddConstructor<SliceFfMacScheduler>()
            .AddAttribute("Sharing",
                          "How slices share the DL PRBs: Strict (a slice never gets more than "
                          "its quota in a TTI) or Lend (the RBGs the slices leave idle go to the "
                          "slices that still have backlog).",
                          EnumValue(SliceFfMacScheduler::STRICT),
                          MakeEnumAccessor(&SliceFfMacScheduler::m_sharing),
                          MakeEnumChecker(SliceFfMacScheduler::STRICT,
                                          "Strict",
                                          SliceFfMacScheduler::LEND,
                                          "Lend"))
            .AddAttribute("CqiTimerThreshold",
                          "The number of TTIs a DL or UL CQI stays valid (at least 1).",
                          UintegerValue(1000),
                          MakeUintegerAccessor(&SliceFfMacScheduler::m_cqiTimerThreshold),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("DlDefaultMcs",
                          "The DL MCS of a UE without a valid wideband CQI, 0..28.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&SliceFfMacScheduler::m_dlDefaultMcs),
                          MakeUintegerChecker<uint8_t>(0, 28))
            .AddAttribute("UlDefaultMcs",
                          "The UL MCS of the random-access (Msg3) grants and of the UEs without "
                          "a valid UL CQI, 0..15.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&SliceFfMacScheduler::m_ulDefaultMcs),
                          MakeUintegerChecker<uint8_t>(0, 15))
            .AddTraceSource("SliceTti",
                            "Every DL TTI, once per slice: frame, subframe, slice, its quota in "
                            "PRBs, the PRBs given to its LCs and the part of them beyond the "
                            "quota (lent by the other slices; 0 in Strict mode).",
                            MakeTraceSourceAccessor(&SliceFfMacScheduler::m_sliceTtiTrace),
                            "ns3::SliceFfMacScheduler::SliceTtiTracedCallback");
    return tid;
}

SliceFfMacScheduler::SliceFfMacScheduler()
{
    NS_LOG_FUNCTION(this);
    m_amc = CreateObject<LteAmc>();
    m_cschedSapProvider = new MemberCschedSapProvider<SliceFfMacScheduler>(this);
    m_schedSapProvider = new MemberSchedSapProvider<SliceFfMacScheduler>(this);
    m_ffrSapUser = new MemberLteFfrSapUser<SliceFfMacScheduler>(this);
    m_rrLast.assign(2, LcKey(0, 0));
}

SliceFfMacScheduler::~SliceFfMacScheduler()
{
    NS_LOG_FUNCTION(this);
}

void
SliceFfMacScheduler::DoDispose()
{
    NS_LOG_FUNCTION(this);
    delete m_cschedSapProvider;
    m_cschedSapProvider = nullptr;
    delete m_schedSapProvider;
    m_schedSapProvider = nullptr;
    delete m_ffrSapUser;
    m_ffrSapUser = nullptr;
    m_ues.clear();
    m_dlBuffers.clear();
    m_ulAllocationMaps.clear();
    m_amc = nullptr;
    FfMacScheduler::DoDispose();
}

void
SliceFfMacScheduler::SetFfMacCschedSapUser(FfMacCschedSapUser* s)
{
    NS_LOG_FUNCTION(this << s);
    m_cschedSapUser = s;
}

void
SliceFfMacScheduler::SetFfMacSchedSapUser(FfMacSchedSapUser* s)
{
    NS_LOG_FUNCTION(this << s);
    m_schedSapUser = s;
}

FfMacCschedSapProvider*
SliceFfMacScheduler::GetFfMacCschedSapProvider()
{
    NS_LOG_FUNCTION(this);
    return m_cschedSapProvider;
}

FfMacSchedSapProvider*
SliceFfMacScheduler::GetFfMacSchedSapProvider()
{
    NS_LOG_FUNCTION(this);
    return m_schedSapProvider;
}

void
SliceFfMacScheduler::SetLteFfrSapProvider(LteFfrSapProvider* s)
{
    NS_LOG_FUNCTION(this << s);
    m_ffrSapProvider = s;
}

LteFfrSapUser*
SliceFfMacScheduler::GetLteFfrSapUser()
{
    NS_LOG_FUNCTION(this);
    return m_ffrSapUser;
}

// ---------------------------------------------------------------------------------------------
// Slice configuration

void
SliceFfMacScheduler::SetNSlices(uint16_t n)
{
    NS_LOG_FUNCTION(this << n);
    if (n == 0)
    {
        throw InputError("SliceFfMacScheduler: the number of slices must be at least 1");
    }
    m_nSlices = n;
    m_quotas.assign(n, 0);
    m_lcSlice.clear();
    m_rrLast.assign(n + 2, LcKey(0, 0));
    m_lendTurn = 0;
}

uint16_t
SliceFfMacScheduler::GetNSlices() const
{
    return m_nSlices;
}

void
SliceFfMacScheduler::SetLcSlice(uint8_t lcid, uint16_t slice)
{
    NS_LOG_FUNCTION(this << static_cast<uint32_t>(lcid) << slice);
    if (slice >= m_nSlices)
    {
        std::ostringstream os;
        os << "SliceFfMacScheduler: LCID " << static_cast<uint32_t>(lcid) << " mapped to slice "
           << slice << ", but there are " << m_nSlices << " slices (call SetNSlices first)";
        throw InputError(os.str());
    }
    if (lcid < 3 || lcid > 10)
    {
        std::ostringstream os;
        os << "SliceFfMacScheduler: LCID " << static_cast<uint32_t>(lcid)
           << " cannot be sliced (data radio bearers use LCIDs 3..10; 0..2 are SRBs)";
        throw InputError(os.str());
    }
    m_lcSlice[lcid] = slice;
}

void
SliceFfMacScheduler::CheckQuotas(const std::vector<uint32_t>& prbs) const
{
    NS_LOG_FUNCTION(this);
    if (m_nSlices == 0)
    {
        throw InputError("SliceFfMacScheduler: slice quotas set before SetNSlices");
    }
    if (prbs.size() != m_nSlices)
    {
        std::ostringstream os;
        os << "SliceFfMacScheduler: " << prbs.size() << " slice quotas given for " << m_nSlices
           << " slices";
        throw InputError(os.str());
    }
    if (m_cellConfigured)
    {
        uint64_t sum = std::accumulate(prbs.begin(), prbs.end(), uint64_t{0});
        if (sum > m_dlBandwidth)
        {
            std::ostringstream os;
            os << "SliceFfMacScheduler: the slice quotas sum to " << sum
               << " PRBs, more than the cell's DL bandwidth of " << m_dlBandwidth << " PRBs";
            throw InputError(os.str());
        }
    }
}

void
SliceFfMacScheduler::SetSliceQuotas(const std::vector<uint32_t>& prbs)
{
    NS_LOG_FUNCTION(this << prbs.size());
    CheckQuotas(prbs);
    m_quotas = prbs;
}

std::vector<uint32_t>
SliceFfMacScheduler::GetSliceQuotas() const
{
    return m_quotas;
}

uint32_t
SliceFfMacScheduler::GetDlBandwidthPrbs() const
{
    return m_cellConfigured ? m_dlBandwidth : 0;
}

uint32_t
SliceFfMacScheduler::GetRbgSize() const
{
    return m_cellConfigured ? m_rbgSize : 0;
}

SliceFfMacScheduler::Sharing
SliceFfMacScheduler::GetSharing() const
{
    return m_sharing;
}

// ---------------------------------------------------------------------------------------------
// CSCHED

void
SliceFfMacScheduler::DoCschedCellConfigReq(
    const FfMacCschedSapProvider::CschedCellConfigReqParameters& params)
{
    NS_LOG_FUNCTION(this << params.m_dlBandwidth << params.m_ulBandwidth);
    m_dlBandwidth = params.m_dlBandwidth;
    m_ulBandwidth = params.m_ulBandwidth;
    m_rbgSize = RbgSizeFor(m_dlBandwidth);
    m_rachAllocationMap.assign(m_ulBandwidth, 0);
    m_cellConfigured = true;
    NS_LOG_INFO("cell: DL " << m_dlBandwidth << " PRBs, RBG size " << m_rbgSize << ", "
                            << m_dlBandwidth / m_rbgSize << " RBGs; UL " << m_ulBandwidth
                            << " PRBs");
    if (m_nSlices > 0)
    {
        CheckQuotas(m_quotas);
    }
    if (m_cschedSapUser != nullptr)
    {
        FfMacCschedSapUser::CschedCellConfigCnfParameters cnf;
        cnf.m_result = SUCCESS;
        m_cschedSapUser->CschedCellConfigCnf(cnf);
    }
}

void
SliceFfMacScheduler::DoCschedUeConfigReq(
    const FfMacCschedSapProvider::CschedUeConfigReqParameters& params)
{
    NS_LOG_FUNCTION(this << params.m_rnti << static_cast<uint32_t>(params.m_transmissionMode));
    m_ues[params.m_rnti].txMode = params.m_transmissionMode;
}

void
SliceFfMacScheduler::DoCschedLcConfigReq(
    const FfMacCschedSapProvider::CschedLcConfigReqParameters& params)
{
    NS_LOG_FUNCTION(this << params.m_rnti);
    // The LCs enter the scheduling with their first RLC buffer status report.
    for (const auto& lc : params.m_logicalChannelConfigList)
    {
        NS_LOG_INFO("RNTI " << params.m_rnti << " LC "
                            << static_cast<uint32_t>(lc.m_logicalChannelIdentity) << " QCI "
                            << static_cast<uint32_t>(lc.m_qci));
    }
}

void
SliceFfMacScheduler::DoCschedLcReleaseReq(
    const FfMacCschedSapProvider::CschedLcReleaseReqParameters& params)
{
    NS_LOG_FUNCTION(this << params.m_rnti);
    for (uint8_t lcid : params.m_logicalChannelIdentity)
    {
        m_dlBuffers.erase(LcKey(params.m_rnti, lcid));
    }
}

void
SliceFfMacScheduler::DoCschedUeReleaseReq(
    const FfMacCschedSapProvider::CschedUeReleaseReqParameters& params)
{
    NS_LOG_FUNCTION(this << params.m_rnti);
    m_ues.erase(params.m_rnti);
    auto it = m_dlBuffers.lower_bound(LcKey(params.m_rnti, 0));
    while (it != m_dlBuffers.end() && it->first.first == params.m_rnti)
    {
        it = m_dlBuffers.erase(it);
    }
    for (auto& map : m_ulAllocationMaps)
    {
        std::replace(map.second.begin(), map.second.end(), params.m_rnti, uint16_t{0});
    }
    std::replace(m_rachAllocationMap.begin(),
                 m_rachAllocationMap.end(),
                 params.m_rnti,
                 uint16_t{0});
}

// ---------------------------------------------------------------------------------------------
// SCHED, downlink

void
SliceFfMacScheduler::DoSchedDlRlcBufferReq(
    const FfMacSchedSapProvider::SchedDlRlcBufferReqParameters& params)
{
    NS_LOG_FUNCTION(this << params.m_rnti << static_cast<uint32_t>(params.m_logicalChannelIdentity)
                         << params.m_rlcTransmissionQueueSize << params.m_rlcRetransmissionQueueSize
                         << params.m_rlcStatusPduSize);
    LcBuffer& b = m_dlBuffers[LcKey(params.m_rnti, params.m_logicalChannelIdentity)];
    b.txQueue = params.m_rlcTransmissionQueueSize;
    b.retxQueue = params.m_rlcRetransmissionQueueSize;
    b.statusPdu = params.m_rlcStatusPduSize;
    m_ues.emplace(params.m_rnti, UeState());
}

void
SliceFfMacScheduler::DoSchedDlPagingBufferReq(
    const FfMacSchedSapProvider::SchedDlPagingBufferReqParameters& params)
{
    NS_LOG_FUNCTION(this << params.m_rnti);
    NS_LOG_WARN("paging is not supported by SliceFfMacScheduler: request ignored");
}

void
SliceFfMacScheduler::DoSchedDlMacBufferReq(
    const FfMacSchedSapProvider::SchedDlMacBufferReqParameters& params)
{
    NS_LOG_FUNCTION(this << params.m_rnti);
    NS_LOG_WARN("MAC control elements in the DL are not supported: request ignored");
}

void
SliceFfMacScheduler::DoSchedDlRachInfoReq(
    const FfMacSchedSapProvider::SchedDlRachInfoReqParameters& params)
{
    NS_LOG_FUNCTION(this << params.m_rachList.size());
    m_rachList.insert(m_rachList.end(), params.m_rachList.begin(), params.m_rachList.end());
}

void
SliceFfMacScheduler::DoSchedDlCqiInfoReq(
    const FfMacSchedSapProvider::SchedDlCqiInfoReqParameters& params)
{
    NS_LOG_FUNCTION(this << params.m_cqiList.size());
    for (const auto& cqi : params.m_cqiList)
    {
        if (cqi.m_cqiType == CqiListElement_s::P10 && !cqi.m_wbCqi.empty())
        {
            UeState& ue = m_ues[cqi.m_rnti];
            ue.dlCqi = cqi.m_wbCqi.at(0);
            ue.dlCqiValid = true;
            ue.dlCqiAge = 0;
            NS_LOG_LOGIC("RNTI " << cqi.m_rnti << " wideband CQI "
                                 << static_cast<uint32_t>(ue.dlCqi));
        }
        // A30 (subband) reports are not used: the scheduler is not frequency selective.
    }
}

uint8_t
SliceFfMacScheduler::GetDlMcs(uint16_t rnti) const
{
    auto it = m_ues.find(rnti);
    if (it == m_ues.end() || !it->second.dlCqiValid)
    {
        return m_dlDefaultMcs;
    }
    return static_cast<uint8_t>(m_amc->GetMcsFromCqi(it->second.dlCqi));
}

uint32_t
SliceFfMacScheduler::GetBacklog(const LcKey& key) const
{
    auto it = m_dlBuffers.find(key);
    if (it == m_dlBuffers.end())
    {
        return 0;
    }
    const LcBuffer& b = it->second;
    // RLC header overhead as ns-3's schedulers estimate it: generous for SRB1 (RLC AM) to avoid
    // segmenting RRC messages, the minimum header otherwise.
    uint32_t overhead = b.txQueue > 0 ? (key.second == 1 ? 4 : 2) : 0;
    return b.txQueue + overhead + b.retxQueue + b.statusPdu;
}

void
SliceFfMacScheduler::UpdateDlBuffer(const LcKey& key, uint32_t bytes)
{
    NS_LOG_FUNCTION(this << key.first << static_cast<uint32_t>(key.second) << bytes);
    auto it = m_dlBuffers.find(key);
    if (it == m_dlBuffers.end())
    {
        return;
    }
    LcBuffer& b = it->second;
    // RLC serves the status PDU first, then retransmissions, then new data.
    if (b.statusPdu > 0 && bytes >= b.statusPdu)
    {
        bytes -= b.statusPdu;
        b.statusPdu = 0;
    }
    if (b.retxQueue > 0)
    {
        uint32_t served = std::min(bytes, b.retxQueue);
        b.retxQueue -= served;
        bytes -= served;
    }
    if (b.txQueue > 0)
    {
        uint32_t overhead = key.second == 1 ? 4 : 2;
        uint32_t payload = bytes > overhead ? bytes - overhead : 0;
        b.txQueue -= std::min(payload, b.txQueue);
    }
}

void
SliceFfMacScheduler::AgeCqis()
{
    for (auto& entry : m_ues)
    {
        UeState& ue = entry.second;
        if (ue.dlCqiValid && ++ue.dlCqiAge >= m_cqiTimerThreshold)
        {
            NS_LOG_INFO("DL CQI of RNTI " << entry.first << " expired");
            ue.dlCqiValid = false;
        }
        if (!ue.ulSinrDb.empty() && ++ue.ulCqiAge >= m_cqiTimerThreshold)
        {
            NS_LOG_INFO("UL CQI of RNTI " << entry.first << " expired");
            ue.ulSinrDb.clear();
        }
    }
}

void
SliceFfMacScheduler::BuildRarList(FfMacSchedSapUser::SchedDlConfigIndParameters& ret)
{
    NS_LOG_FUNCTION(this << m_rachList.size());
    // Random-access responses with their Msg3 UL grants, on the next UL TTI's first PRBs.
    m_rachAllocationMap.assign(m_ulBandwidth, 0);
    uint16_t rbStart = 0;
    for (const auto& rach : m_rachList)
    {
        uint16_t rbLen = 1;
        int tbBits = m_amc->GetUlTbSizeFromMcs(m_ulDefaultMcs, rbLen);
        while (tbBits < rach.m_estimatedSize && rbStart + rbLen < m_ulBandwidth)
        {
            ++rbLen;
            tbBits = m_amc->GetUlTbSizeFromMcs(m_ulDefaultMcs, rbLen);
        }
        if (tbBits < rach.m_estimatedSize || rbStart + rbLen > m_ulBandwidth)
        {
            NS_LOG_INFO("no UL room left for the Msg3 of RNTI " << rach.m_rnti);
            break;
        }
        BuildRarListElement_s rar;
        rar.m_rnti = rach.m_rnti;
        rar.m_grant.m_rnti = rach.m_rnti;
        rar.m_grant.m_mcs = m_ulDefaultMcs;
        rar.m_grant.m_rbStart = static_cast<uint8_t>(rbStart);
        rar.m_grant.m_rbLen = static_cast<uint8_t>(rbLen);
        rar.m_grant.m_tbSize = static_cast<uint16_t>(tbBits / 8);
        rar.m_grant.m_hopping = false;
        rar.m_grant.m_tpc = 0;
        rar.m_grant.m_cqiRequest = false;
        rar.m_grant.m_ulDelay = false;
        for (uint16_t i = rbStart; i < rbStart + rbLen; ++i)
        {
            m_rachAllocationMap.at(i) = rach.m_rnti;
        }
        NS_LOG_INFO("RAR for RNTI " << rach.m_rnti << ": UL PRBs " << rbStart << "+" << rbLen
                                    << ", " << rar.m_grant.m_tbSize << " bytes");
        rbStart += rbLen;
        ret.m_buildRarList.push_back(rar);
    }
    m_rachList.clear();
}

uint32_t
SliceFfMacScheduler::GetNeedPrb(const LcKey& key, uint32_t backlog, uint32_t usablePrb) const
{
    auto ue = m_ues.find(key.first);
    uint8_t mcs = GetDlMcs(key.first);
    // two-layer transmission modes carry one TB, so one RLC PDU of the LC, per layer; not
    // counted for the SRBs, whose messages (RLC TM for SRB0) must fit in one PDU
    uint32_t layers = 1;
    if (ue != m_ues.end() && key.second >= 3)
    {
        layers = std::max<uint32_t>(1, TransmissionModesLayers::TxMode2LayerNum(ue->second.txMode));
    }
    uint32_t needBytes = std::max(backlog, MIN_RLC_PDU_BYTES);
    for (uint32_t n = m_rbgSize; n <= usablePrb; n += m_rbgSize)
    {
        if (layers * static_cast<uint32_t>(m_amc->GetDlTbSizeFromMcs(mcs, n) / 8) >= needBytes)
        {
            return n;
        }
    }
    return usablePrb;
}

SliceFfMacScheduler::LcGroups
SliceFfMacScheduler::CollectBackloggedLcs()
{
    NS_LOG_FUNCTION(this);
    const uint32_t usablePrb = (m_dlBandwidth / m_rbgSize) * m_rbgSize;
    const uint16_t unslicedGroup = m_nSlices;
    const uint16_t srbGroup = m_nSlices + 1;
    const uint16_t nGroups = m_nSlices + 2;
    if (m_rrLast.size() != nGroups)
    {
        m_rrLast.assign(nGroups, LcKey(0, 0));
    }
    LcGroups groups(nGroups);
    for (const auto& entry : m_dlBuffers)
    {
        const LcKey& key = entry.first;
        uint32_t backlog = GetBacklog(key);
        if (backlog == 0)
        {
            continue;
        }
        auto ue = m_ues.find(key.first);
        if (ue != m_ues.end() && ue->second.dlCqiValid && ue->second.dlCqi == 0)
        {
            NS_LOG_LOGIC("RNTI " << key.first << " LC " << static_cast<uint32_t>(key.second)
                                 << ": CQI 0, not scheduled");
            continue; // CQI 0: out of range (36.213 Table 7.2.3-1)
        }
        ActiveLc lc;
        lc.rnti = key.first;
        lc.lcid = key.second;
        lc.needPrb = GetNeedPrb(key, backlog, usablePrb);
        auto slice = m_lcSlice.find(key.second);
        uint16_t g = slice != m_lcSlice.end() ? slice->second
                     : key.second <= 2        ? srbGroup
                                              : unslicedGroup;
        NS_LOG_LOGIC("RNTI " << lc.rnti << " LC " << static_cast<uint32_t>(lc.lcid) << " group "
                             << g << ": backlog " << backlog << " bytes, needs " << lc.needPrb
                             << " PRBs");
        groups[g].push_back(lc);
    }
    // Round-robin order: start after the LC served first in the previous TTI.
    for (uint16_t g = 0; g < nGroups; ++g)
    {
        auto& lcs = groups[g];
        if (lcs.empty())
        {
            continue;
        }
        const LcKey last = m_rrLast[g];
        auto first =
            std::find_if(lcs.begin(),
                         lcs.end(),
                         [&last](const ActiveLc& lc) { return LcKey(lc.rnti, lc.lcid) > last; });
        std::rotate(lcs.begin(), first, lcs.end());
        m_rrLast[g] = LcKey(lcs.front().rnti, lcs.front().lcid);
    }
    return groups;
}

void
SliceFfMacScheduler::ServeWithoutQuota(std::vector<ActiveLc>& lcs, RbgPool& pool) const
{
    for (auto& lc : lcs)
    {
        while (lc.grantPrb < lc.needPrb && pool.Take(lc))
        {
        }
        if (lc.grantPrb > 0)
        {
            NS_LOG_LOGIC("RNTI " << lc.rnti << " LC " << static_cast<uint32_t>(lc.lcid)
                                 << " (no quota): " << lc.grantPrb << " of " << lc.needPrb
                                 << " PRBs");
        }
    }
}

std::vector<uint32_t>
SliceFfMacScheduler::ServeSlicesWithinQuotas(LcGroups& groups, RbgPool& pool) const
{
    const uint32_t rbgSize = pool.GetRbgSize();
    std::vector<uint32_t> usedPrb(m_nSlices, 0);
    for (uint16_t s = 0; s < m_nSlices; ++s)
    {
        // the slice may hold at most floor(quota / rbgSize) RBGs
        NS_LOG_LOGIC("slice " << s << ": quota " << m_quotas[s]
                              << " PRBs = " << m_quotas[s] / rbgSize << " RBGs of " << rbgSize
                              << ", " << groups[s].size() << " LCs with backlog");
        for (auto& lc : groups[s])
        {
            while (lc.grantPrb < lc.needPrb && usedPrb[s] + rbgSize <= m_quotas[s])
            {
                if (!pool.Take(lc))
                {
                    break;
                }
                usedPrb[s] += rbgSize;
            }
            if (lc.grantPrb > 0)
            {
                NS_LOG_LOGIC("slice " << s << ": RNTI " << lc.rnti << " LC "
                                      << static_cast<uint32_t>(lc.lcid) << " gets " << lc.grantPrb
                                      << " of " << lc.needPrb << " PRBs");
            }
        }
    }
    return usedPrb;
}

void
SliceFfMacScheduler::LendIdleRbgs(LcGroups& groups, RbgPool& pool, std::vector<uint32_t>& usedPrb)
{
    bool progress = true;
    bool firstBorrower = true;
    const uint16_t start = m_lendTurn % m_nSlices;
    while (progress && pool.MayHaveFree())
    {
        progress = false;
        for (uint16_t k = 0; k < m_nSlices; ++k)
        {
            uint16_t s = (start + k) % m_nSlices;
            auto lc = std::find_if(groups[s].begin(),
                                   groups[s].end(),
                                   [](const ActiveLc& l) { return l.grantPrb < l.needPrb; });
            if (lc != groups[s].end() && pool.Take(*lc))
            {
                usedPrb[s] += pool.GetRbgSize();
                progress = true;
                NS_LOG_LOGIC("RBG " << lc->rbgs.back() << " lent to slice " << s << " (RNTI "
                                    << lc->rnti << " LC " << static_cast<uint32_t>(lc->lcid)
                                    << ")");
                if (firstBorrower)
                {
                    m_lendTurn = (s + 1) % m_nSlices;
                    firstBorrower = false;
                }
            }
        }
    }
}

void
SliceFfMacScheduler::BuildDlDcis(LcGroups& groups,
                                 FfMacSchedSapUser::SchedDlConfigIndParameters& ret)
{
    std::map<uint16_t, std::vector<ActiveLc*>> perUe;
    for (auto& group : groups)
    {
        for (auto& lc : group)
        {
            if (lc.grantPrb > 0)
            {
                perUe[lc.rnti].push_back(&lc);
            }
        }
    }
    for (auto& entry : perUe)
    {
        const uint16_t rnti = entry.first;
        auto& lcs = entry.second;
        std::sort(lcs.begin(),
                  lcs.end(),
                  [](const ActiveLc* a, const ActiveLc* b) { return a->lcid < b->lcid; });
        uint32_t uePrb = 0;
        uint32_t bitmap = 0;
        for (const ActiveLc* lc : lcs)
        {
            uePrb += lc->grantPrb;
            for (uint32_t r : lc->rbgs)
            {
                bitmap |= (1U << r);
            }
        }
        UeState& ue = m_ues[rnti];
        const uint8_t mcs = GetDlMcs(rnti);
        const uint32_t tbBytes = static_cast<uint32_t>(m_amc->GetDlTbSizeFromMcs(mcs, uePrb) / 8);
        const uint8_t nLayers =
            std::max<uint8_t>(1, TransmissionModesLayers::TxMode2LayerNum(ue.txMode));

        // Split the TB in proportion to the PRBs each LC earned; LCs whose share would be too
        // small for RLC to send anything give it to the others.
        std::vector<const ActiveLc*> served(lcs.begin(), lcs.end());
        std::vector<uint32_t> share;
        while (true)
        {
            uint32_t prbSum = 0;
            for (const ActiveLc* lc : served)
            {
                prbSum += lc->grantPrb;
            }
            share.assign(served.size(), 0);
            uint32_t given = 0;
            for (std::size_t i = 0; i < served.size(); ++i)
            {
                share[i] = static_cast<uint32_t>(uint64_t{tbBytes} * served[i]->grantPrb / prbSum);
                given += share[i];
            }
            share.back() += tbBytes - given;
            auto smallest = std::min_element(share.begin(), share.end());
            if (served.size() == 1 || *smallest >= MIN_RLC_PDU_BYTES)
            {
                break;
            }
            NS_LOG_LOGIC("RNTI " << rnti << " LC "
                                 << static_cast<uint32_t>(served[smallest - share.begin()]->lcid)
                                 << ": share of " << *smallest
                                 << " bytes too small, given to its other LCs");
            served.erase(served.begin() + (smallest - share.begin()));
        }
        if (share.size() == 1 && share[0] < MIN_RLC_PDU_BYTES)
        {
            NS_LOG_INFO("RNTI " << rnti << ": TB of " << tbBytes << " bytes too small, skipped");
            continue;
        }

        BuildDataListElement_s data;
        data.m_rnti = rnti;
        DlDciListElement_s& dci = data.m_dci;
        dci.m_rnti = rnti;
        dci.m_resAlloc = 0;
        dci.m_rbBitmap = bitmap;
        dci.m_format = DlDciListElement_s::ONE;
        dci.m_harqProcess = ue.dlHarqProcess;
        ue.dlHarqProcess = (ue.dlHarqProcess + 1) % HARQ_PROCESSES;
        dci.m_tpc = 1; // 0 dB in accumulated mode
        for (uint8_t l = 0; l < nLayers; ++l)
        {
            dci.m_mcs.push_back(mcs);
            dci.m_tbsSize.push_back(static_cast<uint16_t>(tbBytes));
            dci.m_ndi.push_back(1);
            dci.m_rv.push_back(0);
        }
        for (std::size_t i = 0; i < served.size(); ++i)
        {
            std::vector<RlcPduListElement_s> perLayer;
            for (uint8_t l = 0; l < nLayers; ++l)
            {
                RlcPduListElement_s pdu;
                pdu.m_logicalChannelIdentity = served[i]->lcid;
                pdu.m_size = static_cast<uint16_t>(share[i]);
                perLayer.push_back(pdu);
                UpdateDlBuffer(LcKey(rnti, served[i]->lcid), share[i]);
            }
            data.m_rlcPduList.push_back(perLayer);
        }
        NS_LOG_INFO("DL RNTI " << rnti << " PRBs " << uePrb << " bitmap " << bitmap << " MCS "
                               << static_cast<uint32_t>(mcs) << " TB " << tbBytes << " bytes, "
                               << served.size() << " LCs, HARQ "
                               << static_cast<uint32_t>(dci.m_harqProcess));
        ret.m_buildDataList.push_back(data);
    }
}

void
SliceFfMacScheduler::DoSchedDlTriggerReq(
    const FfMacSchedSapProvider::SchedDlTriggerReqParameters& params)
{
    const uint16_t frame = params.m_sfnSf >> 4;
    const uint16_t subframe = params.m_sfnSf & 0xF;
    NS_LOG_FUNCTION(this << frame << subframe);
    if (!m_cellConfigured || m_schedSapUser == nullptr)
    {
        return;
    }
    AgeCqis();
    // HARQ feedback (params.m_dlInfoList) is ignored: no HARQ retransmissions.

    FfMacSchedSapUser::SchedDlConfigIndParameters ret;
    ret.m_nrOfPdcchOfdmSymbols = 1;
    BuildRarList(ret);

    LcGroups groups = CollectBackloggedLcs();
    const uint16_t unslicedGroup = m_nSlices;
    const uint16_t srbGroup = m_nSlices + 1;
    RbgPool pool(m_dlBandwidth / m_rbgSize, m_rbgSize);
    // 0. the SRBs (RRC signalling) first: starving them would stall the RRC procedures (bearer
    // setup, reconfiguration) whenever the slices are saturated
    ServeWithoutQuota(groups[srbGroup], pool);
    // 1. each slice within its quota
    std::vector<uint32_t> usedPrb = ServeSlicesWithinQuotas(groups, pool);
    // 2. LEND: the idle RBGs, one at a time, to the slices that still have backlog
    if (m_sharing == LEND && m_nSlices > 0)
    {
        LendIdleRbgs(groups, pool, usedPrb);
    }
    // 3. the unsliced DRBs with what is left
    ServeWithoutQuota(groups[unslicedGroup], pool);
    // 4. one DCI per UE
    BuildDlDcis(groups, ret);

    for (uint16_t s = 0; s < m_nSlices; ++s)
    {
        uint32_t lent = usedPrb[s] > m_quotas[s] ? usedPrb[s] - m_quotas[s] : 0;
        NS_LOG_INFO("TTI " << frame << "." << subframe << " slice " << s << ": quota "
                           << m_quotas[s] << " PRBs, used " << usedPrb[s] << ", lent " << lent);
        m_sliceTtiTrace(frame, subframe, s, m_quotas[s], usedPrb[s], lent);
    }
    if (!ret.m_buildDataList.empty() || !ret.m_buildRarList.empty())
    {
        m_schedSapUser->SchedDlConfigInd(ret);
    }
}

// ---------------------------------------------------------------------------------------------
// SCHED, uplink

int
SliceFfMacScheduler::UlMcsFromSinr(double sinrDb) const
{
    // SINR -> spectral efficiency with the BER target of ns-3's schedulers (0.00005), then the
    // DL CQI table of LteAmc.
    double s = std::log2(1 + std::pow(10, sinrDb / 10) / ((-std::log(5.0 * 0.00005)) / 1.5));
    int cqi = m_amc->GetCqiFromSpectralEfficiency(s);
    if (cqi == 0)
    {
        return -1;
    }
    return m_amc->GetMcsFromCqi(cqi);
}

uint8_t
SliceFfMacScheduler::GetUlMcs(uint16_t rnti, uint16_t rbStart, uint16_t rbLen) const
{
    auto it = m_ues.find(rnti);
    if (it == m_ues.end() || it->second.ulSinrDb.empty())
    {
        return m_ulDefaultMcs;
    }
    const auto& sinr = it->second.ulSinrDb;
    double minSinr = std::numeric_limits<double>::infinity();
    for (uint32_t i = rbStart; i < static_cast<uint32_t>(rbStart + rbLen) && i < sinr.size(); ++i)
    {
        if (!std::isnan(sinr[i]))
        {
            minSinr = std::min(minSinr, sinr[i]);
        }
    }
    if (std::isinf(minSinr))
    {
        return m_ulDefaultMcs;
    }
    int mcs = UlMcsFromSinr(minSinr);
    return mcs < 0 ? 0 : static_cast<uint8_t>(mcs);
}

void
SliceFfMacScheduler::DoSchedUlTriggerReq(
    const FfMacSchedSapProvider::SchedUlTriggerReqParameters& params)
{
    NS_LOG_FUNCTION(this << (params.m_sfnSf >> 4) << (params.m_sfnSf & 0xF));
    if (!m_cellConfigured || m_schedSapUser == nullptr)
    {
        return;
    }
    // UL HARQ feedback (params.m_ulInfoList) is ignored: no HARQ retransmissions.
    std::vector<uint16_t> allocation = m_rachAllocationMap;
    allocation.resize(m_ulBandwidth, 0);
    m_rachAllocationMap.assign(m_ulBandwidth, 0);

    std::vector<uint16_t> active;
    for (const auto& entry : m_ues)
    {
        if (entry.second.ulBuffer > 0)
        {
            active.push_back(entry.first);
        }
    }
    FfMacSchedSapUser::SchedUlConfigIndParameters ret;
    if (!active.empty())
    {
        // round-robin: start with the first UE at or after m_nextRntiUl
        auto first = std::lower_bound(active.begin(), active.end(), m_nextRntiUl);
        std::rotate(active.begin(), first, active.end());
        uint32_t freePrb = std::count(allocation.begin(), allocation.end(), uint16_t{0});
        uint16_t perUe = static_cast<uint16_t>(
            std::max<uint32_t>(MIN_UL_PRBS, freePrb / static_cast<uint32_t>(active.size())));
        uint16_t rb = 0;
        std::size_t served = 0;
        for (uint16_t rnti : active)
        {
            while (rb < m_ulBandwidth && allocation[rb] != 0)
            {
                ++rb;
            }
            uint16_t len = 0;
            while (len < perUe && rb + len < m_ulBandwidth && allocation[rb + len] == 0)
            {
                ++len;
            }
            if (len < MIN_UL_PRBS)
            {
                break;
            }
            UeState& ue = m_ues[rnti];
            UlDciListElement_s dci;
            dci.m_rnti = rnti;
            dci.m_rbStart = static_cast<uint8_t>(rb);
            dci.m_rbLen = static_cast<uint8_t>(len);
            dci.m_mcs = GetUlMcs(rnti, rb, len);
            dci.m_tbSize = static_cast<uint16_t>(m_amc->GetUlTbSizeFromMcs(dci.m_mcs, len) / 8);
            dci.m_ndi = 1;
            dci.m_cceIndex = 0;
            dci.m_aggrLevel = 1;
            dci.m_ueTxAntennaSelection = 3; // antenna selection off
            dci.m_hopping = false;
            dci.m_n2Dmrs = 0;
            dci.m_tpc = 0; // no power control
            dci.m_cqiRequest = false;
            dci.m_ulIndex = 0; // TDD only
            dci.m_dai = 1;     // TDD only
            dci.m_freqHopping = 0;
            dci.m_pdcchPowerOffset = 0;
            ret.m_dciList.push_back(dci);
            for (uint16_t i = rb; i < rb + len; ++i)
            {
                allocation[i] = rnti;
            }
            uint32_t payload = dci.m_tbSize > 2 ? dci.m_tbSize - 2 : 0; // minimum RLC header
            ue.ulBuffer -= std::min(payload, ue.ulBuffer);
            NS_LOG_INFO("UL RNTI " << rnti << " PRBs " << rb << "+" << len << " MCS "
                                   << static_cast<uint32_t>(dci.m_mcs) << " TB " << dci.m_tbSize
                                   << " bytes");
            rb += len;
            ++served;
        }
        // the next TTI starts with the first UE not served in this one, or with the second
        // one of this TTI when all were served
        m_nextRntiUl = served < active.size() ? active[served] : active[1 % active.size()];
    }
    if (std::any_of(allocation.begin(), allocation.end(), [](uint16_t r) { return r != 0; }))
    {
        m_ulAllocationMaps[params.m_sfnSf] = allocation;
    }
    else
    {
        m_ulAllocationMaps.erase(params.m_sfnSf);
    }
    if (!ret.m_dciList.empty())
    {
        m_schedSapUser->SchedUlConfigInd(ret);
    }
}

void
SliceFfMacScheduler::DoSchedUlNoiseInterferenceReq(
    const FfMacSchedSapProvider::SchedUlNoiseInterferenceReqParameters& params)
{
    NS_LOG_FUNCTION(this << params.m_sfnSf);
}

void
SliceFfMacScheduler::DoSchedUlSrInfoReq(
    const FfMacSchedSapProvider::SchedUlSrInfoReqParameters& params)
{
    NS_LOG_FUNCTION(this << params.m_srList.size());
    // The UEs report their buffers with BSRs (SchedUlMacCtrlInfoReq); SRs carry no size.
}

void
SliceFfMacScheduler::DoSchedUlMacCtrlInfoReq(
    const FfMacSchedSapProvider::SchedUlMacCtrlInfoReqParameters& params)
{
    NS_LOG_FUNCTION(this << params.m_macCeList.size());
    for (const auto& ce : params.m_macCeList)
    {
        if (ce.m_macCeType != MacCeListElement_s::BSR)
        {
            continue;
        }
        // the LCGs are summed: the UL is not sliced
        uint32_t bytes = 0;
        for (uint8_t id : ce.m_macCeValue.m_bufferStatus)
        {
            bytes += BufferSizeLevelBsr::BsrId2BufferSize(id);
        }
        m_ues[ce.m_rnti].ulBuffer = bytes;
        NS_LOG_LOGIC("BSR RNTI " << ce.m_rnti << " " << bytes << " bytes");
    }
}

void
SliceFfMacScheduler::DoSchedUlCqiInfoReq(
    const FfMacSchedSapProvider::SchedUlCqiInfoReqParameters& params)
{
    NS_LOG_FUNCTION(this << params.m_sfnSf);
    const UlCqi_s::Type_e type = params.m_ulCqi.m_type;
    if ((m_ulCqiFilter == FfMacScheduler::SRS_UL_CQI && type != UlCqi_s::SRS) ||
        (m_ulCqiFilter == FfMacScheduler::PUSCH_UL_CQI && type != UlCqi_s::PUSCH))
    {
        if (type == UlCqi_s::PUSCH)
        {
            m_ulAllocationMaps.erase(params.m_sfnSf);
        }
        return;
    }
    const auto& sinr = params.m_ulCqi.m_sinr;
    if (type == UlCqi_s::PUSCH)
    {
        auto map = m_ulAllocationMaps.find(params.m_sfnSf);
        if (map == m_ulAllocationMaps.end())
        {
            return;
        }
        for (std::size_t i = 0; i < map->second.size() && i < sinr.size(); ++i)
        {
            uint16_t rnti = map->second[i];
            auto ue = m_ues.find(rnti);
            if (rnti == 0 || ue == m_ues.end())
            {
                continue;
            }
            if (ue->second.ulSinrDb.size() != m_ulBandwidth)
            {
                ue->second.ulSinrDb.assign(m_ulBandwidth, std::nan(""));
            }
            ue->second.ulSinrDb[i] = LteFfConverter::fpS11dot3toDouble(sinr[i]);
            ue->second.ulCqiAge = 0;
        }
        m_ulAllocationMaps.erase(map);
    }
    else if (type == UlCqi_s::SRS)
    {
        uint16_t rnti = 0;
        for (const auto& vsp : params.m_vendorSpecificList)
        {
            if (vsp.m_type == SRS_CQI_RNTI_VSP)
            {
                rnti = DynamicCast<SrsCqiRntiVsp>(vsp.m_value)->GetRnti();
            }
        }
        auto ue = m_ues.find(rnti);
        if (ue == m_ues.end())
        {
            return;
        }
        ue->second.ulSinrDb.assign(m_ulBandwidth, std::nan(""));
        for (std::size_t i = 0; i < m_ulBandwidth && i < sinr.size(); ++i)
        {
            ue->second.ulSinrDb[i] = LteFfConverter::fpS11dot3toDouble(sinr[i]);
        }
        ue->second.ulCqiAge = 0;
    }
}

} // namespace ns3
