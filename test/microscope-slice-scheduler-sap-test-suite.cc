/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Unit tests of SliceFfMacScheduler without the PHY: the scheduler is driven through its
 * CSCHED and SCHED SAP providers the way LteEnbMac drives it (cell, UE and LC configuration,
 * RLC buffer status, wideband CQI, DL triggers), and stub SAP users record what it answers.
 * Every case checks the type-0 allocation bitmap of every DCI exactly, TTI by TTI, and the PRBs
 * the SliceTti trace reports per slice, against values derived by hand from the scheduler's
 * documented rules (doc/sections/lte-scheduler.rst), for 6, 15, 25, 50 and 100 PRBs (RBG sizes
 * 1, 2, 2, 3, 4: 6, 7, 12, 16 and 25 full RBGs), in STRICT and LEND modes.
 *
 * Conventions of the cases: LCID 4 + s is mapped to slice s; LCID 3 is an unsliced DRB and
 * LCID 1 an SRB. Every UE reports wideband CQI 15, which LteAmc maps to MCS 28 (TBS index 26 of
 * 36.213 Table 7.1.7.2.1-1: 712 bits for 1 PRB, 1480 for 2, 2984 for 4, 5992 for 8, 11832 for
 * 16). A "saturated" LC reports 1,000,000 bytes, more than any TB of a few TTIs carries, so it
 * takes every RBG it is allowed to. Bit r of a bitmap is RBG r; RBGs are handed out lowest index
 * first: first to the SRBs, then slice by slice (0, 1, ...) within the quotas (floor(quota /
 * RBG size) RBGs at most), then (LEND only) one at a time round-robin over the slices with
 * backlog, starting with the slice after the previous TTI's first borrower, then to the unsliced
 * DRBs.
 */

#include "ns3/enum.h"
#include "ns3/ff-mac-csched-sap.h"
#include "ns3/ff-mac-sched-sap.h"
#include "ns3/slice-ff-mac-scheduler.h"
#include "ns3/test.h"

#include <cstdint>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace ns3;

namespace
{

/// Bytes an LC reports to be saturated.
const uint32_t SATURATED = 1000000;

/**
 * \param first the first RBG.
 * \param count the number of consecutive RBGs.
 * \return the type-0 bitmap of RBGs first .. first + count - 1.
 */
uint32_t
Rbgs(uint32_t first, uint32_t count)
{
    return static_cast<uint32_t>(((uint64_t{1} << count) - 1) << first);
}

/// \param r an RBG \return its bit in a type-0 bitmap
uint32_t
Rbg(uint32_t r)
{
    return 1U << r;
}

/// One downlink logical channel of a case, with the RLC buffer status it reports once.
struct LcSpec
{
    uint16_t rnti;    //!< its UE
    uint8_t lcid;     //!< its LCID
    uint32_t txQueue; //!< RLC transmission queue, bytes
};

/// What one DL TTI must give.
struct TtiExpectation
{
    std::map<uint16_t, uint32_t> bitmaps; //!< RNTI -> rbBitmap of its DCI; no other DCI
    std::vector<uint32_t> usedPrb;        //!< per slice, the SliceTti trace's usedPrb
    std::map<uint16_t, uint16_t> tbBytes; //!< optional: RNTI -> TB size of its DCI, bytes
    /// optional: RNTI -> its RLC PDUs (LCID, bytes), in the DCI's order
    std::map<uint16_t, std::vector<std::pair<uint8_t, uint16_t>>> pdus;
};

/// A case: a cell, slices, LCs, and the TTIs to check.
struct SchedulerCase
{
    std::string name;                     //!< what is checked
    uint8_t bandwidth;                    //!< DL (and UL) PRBs
    uint32_t rbgSize;                     //!< the RBG size 36.213 gives that bandwidth
    SliceFfMacScheduler::Sharing sharing; //!< STRICT or LEND
    std::vector<uint32_t> quotas;         //!< PRBs per slice (one slice per quota)
    std::vector<LcSpec> lcs;              //!< the LCs
    std::vector<TtiExpectation> ttis;     //!< consecutive TTIs from the first
};

/// CSCHED SAP user of the tests: counts the confirmations.
class StubCschedSapUser : public FfMacCschedSapUser
{
public:
    uint32_t m_cellConfigCnf{0}; //!< successful CschedCellConfigCnf calls
    uint32_t m_otherCalls{0};    //!< calls of the other primitives

    void CschedCellConfigCnf(const CschedCellConfigCnfParameters& params) override
    {
        if (params.m_result == SUCCESS)
        {
            ++m_cellConfigCnf;
        }
    }

    void CschedUeConfigCnf(const CschedUeConfigCnfParameters& params) override
    {
        ++m_otherCalls;
    }

    void CschedLcConfigCnf(const CschedLcConfigCnfParameters& params) override
    {
        ++m_otherCalls;
    }

    void CschedLcReleaseCnf(const CschedLcReleaseCnfParameters& params) override
    {
        ++m_otherCalls;
    }

    void CschedUeReleaseCnf(const CschedUeReleaseCnfParameters& params) override
    {
        ++m_otherCalls;
    }

    void CschedUeConfigUpdateInd(const CschedUeConfigUpdateIndParameters& params) override
    {
        ++m_otherCalls;
    }

    void CschedCellConfigUpdateInd(const CschedCellConfigUpdateIndParameters& params) override
    {
        ++m_otherCalls;
    }
};

/// SCHED SAP user of the tests: records the DL and UL configurations.
class StubSchedSapUser : public FfMacSchedSapUser
{
public:
    std::vector<SchedDlConfigIndParameters> m_dl; //!< every SchedDlConfigInd
    std::vector<SchedUlConfigIndParameters> m_ul; //!< every SchedUlConfigInd

    void SchedDlConfigInd(const SchedDlConfigIndParameters& params) override
    {
        m_dl.push_back(params);
    }

    void SchedUlConfigInd(const SchedUlConfigIndParameters& params) override
    {
        m_ul.push_back(params);
    }
};

/// One SliceTti call.
struct SliceTti
{
    uint16_t slice; //!< slice
    uint32_t quota; //!< quota, PRBs
    uint32_t used;  //!< PRBs used
    uint32_t lent;  //!< PRBs beyond the quota
};

/**
 * \ingroup microscope-tests
 * One case of the suite: configure a scheduler through its SAPs, trigger the TTIs and compare
 * every DCI's bitmap, the trace and the optional TB and PDU sizes with the expectations.
 */
class SliceSchedulerSapTestCase : public TestCase
{
public:
    /// \param c the case
    explicit SliceSchedulerSapTestCase(const SchedulerCase& c)
        : TestCase(c.name),
          m_case(c)
    {
    }

private:
    /// Record a SliceTti call. \param frame frame \param subframe subframe \param slice slice
    /// \param quota quota \param used used PRBs \param lent lent PRBs
    void RecordTti(uint16_t frame,
                   uint16_t subframe,
                   uint16_t slice,
                   uint32_t quota,
                   uint32_t used,
                   uint32_t lent)
    {
        m_trace.push_back({slice, quota, used, lent});
    }

    void DoRun() override
    {
        const SchedulerCase& c = m_case;
        Ptr<SliceFfMacScheduler> sched = CreateObject<SliceFfMacScheduler>();
        sched->SetAttribute("Sharing", EnumValue(c.sharing));
        StubCschedSapUser cschedUser;
        StubSchedSapUser schedUser;
        sched->SetFfMacCschedSapUser(&cschedUser);
        sched->SetFfMacSchedSapUser(&schedUser);
        FfMacCschedSapProvider* csched = sched->GetFfMacCschedSapProvider();
        FfMacSchedSapProvider* schedSap = sched->GetFfMacSchedSapProvider();

        // the cell, as LteEnbMac configures it
        FfMacCschedSapProvider::CschedCellConfigReqParameters cell;
        cell.m_dlBandwidth = c.bandwidth;
        cell.m_ulBandwidth = c.bandwidth;
        csched->CschedCellConfigReq(cell);
        NS_TEST_ASSERT_MSG_EQ(cschedUser.m_cellConfigCnf, 1, "the cell configuration confirmed");
        NS_TEST_ASSERT_MSG_EQ(sched->GetDlBandwidthPrbs(), c.bandwidth, "bandwidth");
        NS_TEST_ASSERT_MSG_EQ(sched->GetRbgSize(), c.rbgSize, "RBG size (36.213 7.1.6.1-1)");

        // the slices: LCID 4 + s -> slice s
        const uint16_t nSlices = static_cast<uint16_t>(c.quotas.size());
        sched->SetNSlices(nSlices);
        for (uint16_t s = 0; s < nSlices; ++s)
        {
            sched->SetLcSlice(static_cast<uint8_t>(4 + s), s);
        }
        sched->SetSliceQuotas(c.quotas);
        sched->TraceConnectWithoutContext(
            "SliceTti",
            MakeCallback(&SliceSchedulerSapTestCase::RecordTti, this));

        // the UEs (SISO) and their LCs
        std::set<uint16_t> rntis;
        for (const auto& lc : c.lcs)
        {
            rntis.insert(lc.rnti);
        }
        for (uint16_t rnti : rntis)
        {
            FfMacCschedSapProvider::CschedUeConfigReqParameters ue;
            ue.m_rnti = rnti;
            ue.m_transmissionMode = 0;
            csched->CschedUeConfigReq(ue);
        }
        for (const auto& lc : c.lcs)
        {
            FfMacCschedSapProvider::CschedLcConfigReqParameters lcConfig;
            lcConfig.m_rnti = lc.rnti;
            lcConfig.m_reconfigureFlag = false;
            LogicalChannelConfigListElement_s element;
            element.m_logicalChannelIdentity = lc.lcid;
            element.m_logicalChannelGroup = lc.lcid <= 2 ? 0 : 1;
            element.m_direction = LogicalChannelConfigListElement_s::DIR_BOTH;
            element.m_qosBearerType = LogicalChannelConfigListElement_s::QBT_NON_GBR;
            element.m_qci = 9;
            lcConfig.m_logicalChannelConfigList.push_back(element);
            csched->CschedLcConfigReq(lcConfig);
        }

        // wideband CQI 15 (MCS 28) for every UE, then the RLC buffer reports
        FfMacSchedSapProvider::SchedDlCqiInfoReqParameters cqi;
        cqi.m_sfnSf = (1 << 4) | 1;
        for (uint16_t rnti : rntis)
        {
            CqiListElement_s element;
            element.m_rnti = rnti;
            element.m_ri = 1;
            element.m_cqiType = CqiListElement_s::P10;
            element.m_wbCqi.push_back(15);
            cqi.m_cqiList.push_back(element);
        }
        schedSap->SchedDlCqiInfoReq(cqi);
        for (const auto& lc : c.lcs)
        {
            FfMacSchedSapProvider::SchedDlRlcBufferReqParameters buffer;
            buffer.m_rnti = lc.rnti;
            buffer.m_logicalChannelIdentity = lc.lcid;
            buffer.m_rlcTransmissionQueueSize = lc.txQueue;
            buffer.m_rlcTransmissionQueueHolDelay = 0;
            buffer.m_rlcRetransmissionQueueSize = 0;
            buffer.m_rlcRetransmissionHolDelay = 0;
            buffer.m_rlcStatusPduSize = 0;
            schedSap->SchedDlRlcBufferReq(buffer);
        }

        for (std::size_t t = 0; t < c.ttis.size(); ++t)
        {
            const TtiExpectation& expected = c.ttis[t];
            std::ostringstream where;
            where << "TTI " << t + 1;
            schedUser.m_dl.clear();
            m_trace.clear();
            FfMacSchedSapProvider::SchedDlTriggerReqParameters trigger;
            trigger.m_sfnSf = static_cast<uint16_t>((2 << 4) | (t + 1));
            schedSap->SchedDlTriggerReq(trigger);

            // the DCIs: exactly the expected UEs, each with the expected bitmap
            if (expected.bitmaps.empty())
            {
                NS_TEST_ASSERT_MSG_EQ(schedUser.m_dl.size(), 0, where.str() << ": no DL config");
            }
            else
            {
                NS_TEST_ASSERT_MSG_EQ(schedUser.m_dl.size(), 1, where.str() << ": one DL config");
                const auto& dataList = schedUser.m_dl[0].m_buildDataList;
                NS_TEST_ASSERT_MSG_EQ(dataList.size(),
                                      expected.bitmaps.size(),
                                      where.str() << ": one DCI per expected UE");
                for (const auto& data : dataList)
                {
                    const DlDciListElement_s& dci = data.m_dci;
                    auto bitmap = expected.bitmaps.find(dci.m_rnti);
                    NS_TEST_ASSERT_MSG_EQ((bitmap != expected.bitmaps.end()),
                                          true,
                                          where.str()
                                              << ": DCI for unexpected RNTI " << dci.m_rnti);
                    NS_TEST_ASSERT_MSG_EQ(dci.m_rbBitmap,
                                          bitmap->second,
                                          where.str() << ": RBG bitmap of RNTI " << dci.m_rnti);
                    NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(dci.m_resAlloc),
                                          0,
                                          "type-0 allocation");
                    NS_TEST_ASSERT_MSG_EQ(dci.m_mcs.size(), 1, "one TB (SISO)");
                    NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(dci.m_mcs[0]), 28, "CQI 15");
                    auto tb = expected.tbBytes.find(dci.m_rnti);
                    if (tb != expected.tbBytes.end())
                    {
                        NS_TEST_ASSERT_MSG_EQ(dci.m_tbsSize[0],
                                              tb->second,
                                              where.str() << ": TB of RNTI " << dci.m_rnti);
                    }
                    auto pdus = expected.pdus.find(dci.m_rnti);
                    if (pdus != expected.pdus.end())
                    {
                        NS_TEST_ASSERT_MSG_EQ(data.m_rlcPduList.size(),
                                              pdus->second.size(),
                                              where.str() << ": PDUs of RNTI " << dci.m_rnti);
                        for (std::size_t i = 0; i < pdus->second.size(); ++i)
                        {
                            const RlcPduListElement_s& pdu = data.m_rlcPduList[i].at(0);
                            NS_TEST_ASSERT_MSG_EQ(
                                static_cast<uint32_t>(pdu.m_logicalChannelIdentity),
                                static_cast<uint32_t>(pdus->second[i].first),
                                where.str() << ": PDU " << i << " LCID");
                            NS_TEST_ASSERT_MSG_EQ(pdu.m_size,
                                                  pdus->second[i].second,
                                                  where.str() << ": PDU " << i << " bytes");
                        }
                    }
                }
            }

            // the trace: once per slice, in slice order, lent = (used - quota)+
            NS_TEST_ASSERT_MSG_EQ(m_trace.size(), nSlices, where.str() << ": one call per slice");
            for (uint16_t s = 0; s < nSlices; ++s)
            {
                const SliceTti& rec = m_trace[s];
                NS_TEST_ASSERT_MSG_EQ(rec.slice, s, "slice order");
                NS_TEST_ASSERT_MSG_EQ(rec.quota, c.quotas[s], "quota");
                NS_TEST_ASSERT_MSG_EQ(rec.used,
                                      expected.usedPrb.at(s),
                                      where.str() << ": PRBs used by slice " << s);
                uint32_t lent = rec.used > rec.quota ? rec.used - rec.quota : 0;
                NS_TEST_ASSERT_MSG_EQ(rec.lent, lent, where.str() << ": PRBs lent to slice " << s);
                if (c.sharing == SliceFfMacScheduler::STRICT)
                {
                    NS_TEST_ASSERT_MSG_EQ(rec.lent, 0, "nothing lent in STRICT mode");
                }
            }
        }
        NS_TEST_ASSERT_MSG_EQ(cschedUser.m_otherCalls, 0, "no other CSCHED indication");
        sched->Dispose();
    }

    SchedulerCase m_case;          //!< the case
    std::vector<SliceTti> m_trace; //!< SliceTti calls of the current TTI
};

/// A bandwidth of the suite and what 36.213 Table 7.1.6.1-1 and ns-3's PHY make of it.
struct Band
{
    uint8_t prbs;     //!< DL bandwidth, PRBs
    uint32_t rbgSize; //!< RBG size, PRBs
    uint32_t nRbg;    //!< full RBGs: floor(prbs / rbgSize)
};

/// The bandwidths of the suite.
const Band BANDS[] = {{6, 1, 6}, {15, 2, 7}, {25, 2, 12}, {50, 3, 16}, {100, 4, 25}};

/// \param b a bandwidth \param sharing the mode \param what the slice mix
/// \return the case's name
std::string
CaseName(const Band& b, SliceFfMacScheduler::Sharing sharing, const std::string& what)
{
    std::ostringstream os;
    os << (sharing == SliceFfMacScheduler::STRICT ? "strict" : "lend") << ", "
       << static_cast<uint32_t>(b.prbs) << " PRBs: " << what;
    return os.str();
}

/**
 * Three slices, only slice 0 has a (saturated) LC: in STRICT mode it gets floor(q0 / g) RBGs,
 * 0 up; in LEND mode the whole band. The STRICT cases fail if lending leaks into STRICT mode.
 * \param b the bandwidth.
 * \param sharing the mode.
 * \param quotas the three quotas.
 * \return the case (two TTIs, the same allocation in both).
 */
SchedulerCase
OneSaturatedSlice(const Band& b,
                  SliceFfMacScheduler::Sharing sharing,
                  const std::vector<uint32_t>& quotas)
{
    SchedulerCase c{CaseName(b, sharing, "slice 0 saturated, slices 1 and 2 idle"),
                    b.prbs,
                    b.rbgSize,
                    sharing,
                    quotas,
                    {{1, 4, SATURATED}},
                    {}};
    const uint32_t own = quotas[0] / b.rbgSize;
    TtiExpectation tti;
    if (sharing == SliceFfMacScheduler::STRICT)
    {
        tti.bitmaps = {{1, Rbgs(0, own)}};
        tti.usedPrb = {own * b.rbgSize, 0, 0};
    }
    else
    {
        tti.bitmaps = {{1, Rbgs(0, b.nRbg)}};
        tti.usedPrb = {b.nRbg * b.rbgSize, 0, 0};
    }
    c.ttis = {tti, tti};
    return c;
}

/**
 * Three saturated slices (RNTIs 1, 2, 3 on slices 0, 1, 2) with unequal quotas summing to less
 * than the band, and a saturated unsliced DRB (RNTI 4, LCID 3).
 * \param b the bandwidth.
 * \param sharing the mode.
 * \param quotas the three quotas.
 * \param ttis the expected TTIs.
 * \return the case.
 */
SchedulerCase
ThreeSlicesAndUnsliced(const Band& b,
                       SliceFfMacScheduler::Sharing sharing,
                       const std::vector<uint32_t>& quotas,
                       const std::vector<TtiExpectation>& ttis)
{
    std::ostringstream what;
    what << "slices {" << quotas[0] << ", " << quotas[1] << ", " << quotas[2]
         << "} and an unsliced DRB, all saturated";
    return SchedulerCase{
        CaseName(b, sharing, what.str()),
        b.prbs,
        b.rbgSize,
        sharing,
        quotas,
        {{1, 4, SATURATED}, {2, 5, SATURATED}, {3, 6, SATURATED}, {4, 3, SATURATED}},
        ttis};
}

/**
 * Two saturated slices (RNTI 1 on slice 0, RNTI 2 on slice 1), one with quota 0.
 * \param b the bandwidth.
 * \param sharing the mode.
 * \param quotas the two quotas.
 * \param tti the expected TTI.
 * \return the case.
 */
SchedulerCase
ZeroQuota(const Band& b,
          SliceFfMacScheduler::Sharing sharing,
          const std::vector<uint32_t>& quotas,
          const TtiExpectation& tti)
{
    std::ostringstream what;
    what << "slices {" << quotas[0] << ", " << quotas[1] << "}, both saturated";
    return SchedulerCase{CaseName(b, sharing, what.str()),
                         b.prbs,
                         b.rbgSize,
                         sharing,
                         quotas,
                         {{1, 4, SATURATED}, {2, 5, SATURATED}},
                         {tti}};
}

} // namespace

/**
 * \ingroup microscope-tests
 * SliceFfMacScheduler driven through its SAPs, with exact allocation bitmaps.
 */
class MicroscopeSliceSchedulerSapTestSuite : public TestSuite
{
public:
    MicroscopeSliceSchedulerSapTestSuite()
        : TestSuite("microscope-slice-scheduler-sap", UNIT)
    {
        const auto strictMode = SliceFfMacScheduler::STRICT;
        const auto lendMode = SliceFfMacScheduler::LEND;
        const Band& b6 = BANDS[0];
        const Band& b15 = BANDS[1];
        const Band& b25 = BANDS[2];
        const Band& b50 = BANDS[3];
        const Band& b100 = BANDS[4];

        // One saturated slice, two idle: quotas sum to less than the band. 6 PRBs: 3 RBGs of
        // 1; 15: 6 / 2 = 3 RBGs; 25: 10 / 2 = 5; 50: floor(20 / 3) = 6; 100: 40 / 4 = 10.
        const std::vector<std::pair<Band, std::vector<uint32_t>>> oneSaturated = {
            {b6, {3, 2, 1}},
            {b15, {6, 5, 4}},
            {b25, {10, 8, 6}},
            {b50, {20, 20, 10}},
            {b100, {40, 30, 30}}};
        for (const auto& entry : oneSaturated)
        {
            for (auto sharing : {strictMode, lendMode})
            {
                AddTestCase(new SliceSchedulerSapTestCase(
                                OneSaturatedSlice(entry.first, sharing, entry.second)),
                            TestCase::QUICK);
            }
        }

        // Three saturated slices with unequal quotas and a saturated unsliced DRB. STRICT:
        // slice 0 takes the first floor(q0 / g) RBGs, slice 1 the next floor(q1 / g), slice 2
        // the next floor(q2 / g), the unsliced DRB the rest, the same in every TTI. LEND: the
        // RBGs after the slices' own are lent one at a time, round-robin, starting with slice
        // 0 in the first TTI and with slice 1 (the one after the first TTI's first borrower)
        // in the second; the unsliced DRB gets nothing.
        {
            // 6 PRBs, {2, 1, 1}: own RBGs 0-1 | 2 | 3; idle 4, 5
            TtiExpectation strict{{{1, Rbgs(0, 2)}, {2, Rbg(2)}, {3, Rbg(3)}, {4, Rbgs(4, 2)}},
                                  {2, 1, 1}};
            AddTestCase(new SliceSchedulerSapTestCase(
                            ThreeSlicesAndUnsliced(b6, strictMode, {2, 1, 1}, {strict, strict})),
                        TestCase::QUICK);
            TtiExpectation lend1{{{1, Rbgs(0, 2) | Rbg(4)}, {2, Rbg(2) | Rbg(5)}, {3, Rbg(3)}},
                                 {3, 2, 1}};
            TtiExpectation lend2{{{1, Rbgs(0, 2)}, {2, Rbg(2) | Rbg(4)}, {3, Rbg(3) | Rbg(5)}},
                                 {2, 2, 2}};
            AddTestCase(new SliceSchedulerSapTestCase(
                            ThreeSlicesAndUnsliced(b6, lendMode, {2, 1, 1}, {lend1, lend2})),
                        TestCase::QUICK);
        }
        {
            // 15 PRBs, {5, 4, 2}: 2 | 2 | 1 RBGs (5 is not a multiple of 2: 4 PRBs used);
            // own RBGs 0-1 | 2-3 | 4; idle 5, 6
            TtiExpectation strict{{{1, Rbgs(0, 2)}, {2, Rbgs(2, 2)}, {3, Rbg(4)}, {4, Rbgs(5, 2)}},
                                  {4, 4, 2}};
            AddTestCase(new SliceSchedulerSapTestCase(
                            ThreeSlicesAndUnsliced(b15, strictMode, {5, 4, 2}, {strict, strict})),
                        TestCase::QUICK);
            TtiExpectation lend1{{{1, Rbgs(0, 2) | Rbg(5)}, {2, Rbgs(2, 2) | Rbg(6)}, {3, Rbg(4)}},
                                 {6, 6, 2}};
            TtiExpectation lend2{{{1, Rbgs(0, 2)}, {2, Rbgs(2, 2) | Rbg(5)}, {3, Rbg(4) | Rbg(6)}},
                                 {4, 6, 4}};
            AddTestCase(new SliceSchedulerSapTestCase(
                            ThreeSlicesAndUnsliced(b15, lendMode, {5, 4, 2}, {lend1, lend2})),
                        TestCase::QUICK);
        }
        {
            // 25 PRBs, {10, 6, 4}: 5 | 3 | 2 RBGs: 0-4 | 5-7 | 8-9; idle 10, 11
            TtiExpectation strict{
                {{1, Rbgs(0, 5)}, {2, Rbgs(5, 3)}, {3, Rbgs(8, 2)}, {4, Rbgs(10, 2)}},
                {10, 6, 4}};
            AddTestCase(new SliceSchedulerSapTestCase(
                            ThreeSlicesAndUnsliced(b25, strictMode, {10, 6, 4}, {strict, strict})),
                        TestCase::QUICK);
            TtiExpectation lend1{
                {{1, Rbgs(0, 5) | Rbg(10)}, {2, Rbgs(5, 3) | Rbg(11)}, {3, Rbgs(8, 2)}},
                {12, 8, 4}};
            TtiExpectation lend2{
                {{1, Rbgs(0, 5)}, {2, Rbgs(5, 3) | Rbg(10)}, {3, Rbgs(8, 2) | Rbg(11)}},
                {10, 8, 6}};
            AddTestCase(new SliceSchedulerSapTestCase(
                            ThreeSlicesAndUnsliced(b25, lendMode, {10, 6, 4}, {lend1, lend2})),
                        TestCase::QUICK);
        }
        {
            // 50 PRBs, {21, 12, 7}: 7 | 4 | 2 RBGs of 3 (7 PRBs: 6 used): 0-6 | 7-10 | 11-12;
            // idle 13, 14, 15
            TtiExpectation strict{
                {{1, Rbgs(0, 7)}, {2, Rbgs(7, 4)}, {3, Rbgs(11, 2)}, {4, Rbgs(13, 3)}},
                {21, 12, 6}};
            AddTestCase(new SliceSchedulerSapTestCase(
                            ThreeSlicesAndUnsliced(b50, strictMode, {21, 12, 7}, {strict, strict})),
                        TestCase::QUICK);
            TtiExpectation lend1{
                {{1, Rbgs(0, 7) | Rbg(13)}, {2, Rbgs(7, 4) | Rbg(14)}, {3, Rbgs(11, 2) | Rbg(15)}},
                {24, 15, 9}};
            TtiExpectation lend2{
                {{1, Rbgs(0, 7) | Rbg(15)}, {2, Rbgs(7, 4) | Rbg(13)}, {3, Rbgs(11, 2) | Rbg(14)}},
                {24, 15, 9}};
            AddTestCase(new SliceSchedulerSapTestCase(
                            ThreeSlicesAndUnsliced(b50, lendMode, {21, 12, 7}, {lend1, lend2})),
                        TestCase::QUICK);
        }
        {
            // 100 PRBs, {40, 30, 10}: 10 | 7 | 2 RBGs of 4 (30 PRBs: 28 used): 0-9 | 10-16 |
            // 17-18; idle 19-24
            TtiExpectation strict{
                {{1, Rbgs(0, 10)}, {2, Rbgs(10, 7)}, {3, Rbgs(17, 2)}, {4, Rbgs(19, 6)}},
                {40, 28, 8}};
            AddTestCase(
                new SliceSchedulerSapTestCase(
                    ThreeSlicesAndUnsliced(b100, strictMode, {40, 30, 10}, {strict, strict})),
                TestCase::QUICK);
            TtiExpectation lend1{{{1, Rbgs(0, 10) | Rbg(19) | Rbg(22)},
                                  {2, Rbgs(10, 7) | Rbg(20) | Rbg(23)},
                                  {3, Rbgs(17, 2) | Rbg(21) | Rbg(24)}},
                                 {48, 36, 16}};
            TtiExpectation lend2{{{1, Rbgs(0, 10) | Rbg(21) | Rbg(24)},
                                  {2, Rbgs(10, 7) | Rbg(19) | Rbg(22)},
                                  {3, Rbgs(17, 2) | Rbg(20) | Rbg(23)}},
                                 {48, 36, 16}};
            AddTestCase(new SliceSchedulerSapTestCase(
                            ThreeSlicesAndUnsliced(b100, lendMode, {40, 30, 10}, {lend1, lend2})),
                        TestCase::QUICK);
        }

        // A slice with quota 0: no RBG in STRICT mode (no DCI for its UE); in LEND mode it
        // borrows in turn with the other slice, slice 0 first.
        AddTestCase(new SliceSchedulerSapTestCase(
                        ZeroQuota(b25, strictMode, {10, 0}, {{{1, Rbgs(0, 5)}}, {10, 0}})),
                    TestCase::QUICK);
        AddTestCase(
            new SliceSchedulerSapTestCase(ZeroQuota(
                b25,
                lendMode,
                {10, 0},
                {{{1, Rbgs(0, 6) | Rbg(7) | Rbg(9) | Rbg(11)}, {2, Rbg(6) | Rbg(8) | Rbg(10)}},
                 {18, 6}})),
            TestCase::QUICK);
        AddTestCase(new SliceSchedulerSapTestCase(
                        ZeroQuota(b6, strictMode, {0, 4}, {{{2, Rbgs(0, 4)}}, {0, 4}})),
                    TestCase::QUICK);
        AddTestCase(
            new SliceSchedulerSapTestCase(
                ZeroQuota(b6, lendMode, {0, 4}, {{{1, Rbg(4)}, {2, Rbgs(0, 4) | Rbg(5)}}, {1, 5}})),
            TestCase::QUICK);
        AddTestCase(
            new SliceSchedulerSapTestCase(ZeroQuota(b100, strictMode, {0, 0}, {{}, {0, 0}})),
            TestCase::QUICK);

        // Round-robin inside a slice: two saturated LCs (RNTIs 1 and 2) of slice 0, quota 6 at
        // 15 PRBs (3 RBGs): the whole quota goes to RNTI 1, then 2, then 1 again.
        AddTestCase(
            new SliceSchedulerSapTestCase(SchedulerCase{
                "strict, 15 PRBs: two saturated LCs take turns in a slice",
                15,
                2,
                strictMode,
                {6},
                {{1, 4, SATURATED}, {2, 4, SATURATED}},
                {{{{1, Rbgs(0, 3)}}, {6}}, {{{2, Rbgs(0, 3)}}, {6}}, {{{1, Rbgs(0, 3)}}, {6}}}}),
            TestCase::QUICK);

        // One UE in two slices ({4, 4} of 25 PRBs: RBGs 0-1 and 2-3), a saturated unsliced DRB
        // on RNTI 2 taking RBGs 4-11: RNTI 1 gets one DCI with both slices' RBGs, a TB of
        // 8 PRBs (5992 bits = 749 bytes) split 4 : 4 (374, and 375 with the remainder); RNTI 2
        // a TB of 16 PRBs (11832 bits = 1479 bytes).
        AddTestCase(new SliceSchedulerSapTestCase(
                        SchedulerCase{"strict, 25 PRBs: one UE in two slices, one DCI",
                                      25,
                                      2,
                                      strictMode,
                                      {4, 4},
                                      {{1, 4, SATURATED}, {1, 5, SATURATED}, {2, 3, SATURATED}},
                                      {{{{1, Rbgs(0, 4)}, {2, Rbgs(4, 8)}},
                                        {4, 4},
                                        {{1, 749}, {2, 1479}},
                                        {{1, {{4, 374}, {5, 375}}}, {2, {{3, 1479}}}}}}}),
                    TestCase::QUICK);

        // The SRBs first: at 6 PRBs with one slice owning the whole band, a 20-byte RRC
        // message on SRB1 of RNTI 2 (24 bytes with the RLC header estimate: 1 PRB, 89 bytes
        // at MCS 28) takes RBG 0 and the slice gets 5 RBGs, less than its quota; the message
        // sent, the slice gets all 6 in the next TTI.
        AddTestCase(new SliceSchedulerSapTestCase(SchedulerCase{
                        "strict, 6 PRBs: an SRB message before a saturated slice",
                        6,
                        1,
                        strictMode,
                        {6},
                        {{1, 4, SATURATED}, {2, 1, 20}},
                        {{{{1, Rbgs(1, 5)}, {2, Rbg(0)}}, {5}, {{2, 89}}, {{2, {{1, 89}}}}},
                         {{{1, Rbgs(0, 6)}}, {6}}}}),
                    TestCase::QUICK);

        // A slice whose LC needs less than its quota: 300 bytes (302 with the header) need
        // 4 PRBs at MCS 28 (2 PRBs carry 185 bytes, 4 carry 373), so RNTI 1 takes RBGs 0-1 of
        // its 5 and is served by the TB; slice 1 (saturated, RNTI 2) gets its own 5 RBGs in
        // STRICT mode, and in LEND mode the 5 RBGs slice 0 left idle too; in the second TTI
        // slice 0 has no backlog left.
        AddTestCase(new SliceSchedulerSapTestCase(
                        SchedulerCase{"strict, 25 PRBs: a slice below its quota leaves RBGs idle",
                                      25,
                                      2,
                                      strictMode,
                                      {10, 10},
                                      {{1, 4, 300}, {2, 5, SATURATED}},
                                      {{{{1, Rbgs(0, 2)}, {2, Rbgs(2, 5)}}, {4, 10}, {{1, 373}}},
                                       {{{2, Rbgs(0, 5)}}, {0, 10}}}}),
                    TestCase::QUICK);
        AddTestCase(new SliceSchedulerSapTestCase(
                        SchedulerCase{"lend, 25 PRBs: a slice below its quota lends its idle RBGs",
                                      25,
                                      2,
                                      lendMode,
                                      {10, 10},
                                      {{1, 4, 300}, {2, 5, SATURATED}},
                                      {{{{1, Rbgs(0, 2)}, {2, Rbgs(2, 10)}}, {4, 20}, {{1, 373}}},
                                       {{{2, Rbgs(0, 12)}}, {0, 24}}}}),
                    TestCase::QUICK);
    }
};

/// The suite's instance.
static MicroscopeSliceSchedulerSapTestSuite g_microscopeSliceSchedulerSapTestSuite;
