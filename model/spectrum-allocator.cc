/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "spectrum-allocator.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SpectrumAllocator");

NS_OBJECT_ENSURE_REGISTERED(SpectrumAllocator);

namespace
{
/// LTE channel bandwidths (MHz) and their PRBs (3GPP TS 36.101, Table 5.6-1).
constexpr double CHANNEL_MHZ[] = {1.4, 3.0, 5.0, 10.0, 15.0, 20.0};
/// PRBs of the channels in CHANNEL_MHZ.
constexpr uint32_t CHANNEL_PRBS[] = {6, 15, 25, 50, 75, 100};
/// Tolerance when comparing a fractional PRB count with a channel's PRBs.
constexpr double PRB_EPSILON = 1e-9;
} // namespace

TypeId
SpectrumAllocator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SpectrumAllocator")
            .SetParent<SliceAllocator>()
            .SetGroupName("Microscope")
            .AddConstructor<SpectrumAllocator>()
            .AddAttribute(
                "SpectralEfficiency",
                "Spectral efficiency in bit/s/Hz that turns allocated Mbps into PRBs of 180 kHz. "
                "The default 3.705 is derived from the Microscope paper's Table 4 (6.114 Mbps "
                "<-> 110 subcarriers = 9.17 PRBs, so 0.667 Mbps per PRB).",
                DoubleValue(3.705),
                MakeDoubleAccessor(&SpectrumAllocator::m_spectralEfficiency),
                MakeDoubleChecker<double>(0.01, 30.0))
            .AddAttribute("Mcs",
                          "MCS index assumed in the baseband processing-time model.",
                          UintegerValue(16),
                          MakeUintegerAccessor(&SpectrumAllocator::m_mcs),
                          MakeUintegerChecker<uint32_t>(0, 28))
            .AddAttribute("CpuBaseUs",
                          "c0 of the linear processing-time model t = c0 + cPrb*PRB + cMcs*MCS "
                          "+ cPrbMcs*PRB*MCS (us per subframe), the form of Nikaein (ACM MCS "
                          "2015) and Khedher et al. (IEEE ICC 2019). Illustrative default of the "
                          "right magnitude, not fitted to their data.",
                          DoubleValue(400.0),
                          MakeDoubleAccessor(&SpectrumAllocator::m_c0),
                          MakeDoubleChecker<double>(0.0, 1e6))
            .AddAttribute("CpuPerPrbUs",
                          "cPrb of the linear processing-time model (us per PRB and subframe). "
                          "Illustrative default, not fitted.",
                          DoubleValue(2.0),
                          MakeDoubleAccessor(&SpectrumAllocator::m_cPrb),
                          MakeDoubleChecker<double>(0.0, 1e6))
            .AddAttribute("CpuPerMcsUs",
                          "cMcs of the linear processing-time model (us per MCS step and "
                          "subframe). Illustrative default, not fitted.",
                          DoubleValue(8.0),
                          MakeDoubleAccessor(&SpectrumAllocator::m_cMcs),
                          MakeDoubleChecker<double>(0.0, 1e6))
            .AddAttribute("CpuPerPrbMcsUs",
                          "cPrbMcs of the linear processing-time model (us per PRB, per MCS "
                          "step and subframe). Illustrative default, not fitted.",
                          DoubleValue(0.3),
                          MakeDoubleAccessor(&SpectrumAllocator::m_cPrbMcs),
                          MakeDoubleChecker<double>(0.0, 1e6));
    return tid;
}

SpectrumAllocator::SpectrumAllocator()
    : m_spectralEfficiency(3.705),
      m_mcs(16),
      m_c0(400.0),
      m_cPrb(2.0),
      m_cMcs(8.0),
      m_cPrbMcs(0.3)
{
    NS_LOG_FUNCTION(this);
}

SpectrumAllocator::~SpectrumAllocator()
{
    NS_LOG_FUNCTION(this);
}

double
SpectrumAllocator::GetPrbRateMbps() const
{
    return m_spectralEfficiency * PRB_BANDWIDTH_MHZ;
}

double
SpectrumAllocator::RateToPrbs(double mbps) const
{
    return mbps > 0.0 ? mbps / GetPrbRateMbps() : 0.0;
}

double
SpectrumAllocator::CpuTimeUs(double prbs) const
{
    const double mcs = m_mcs;
    return m_c0 + m_cPrb * prbs + m_cMcs * mcs + m_cPrbMcs * prbs * mcs;
}

SpectrumUsage
SpectrumAllocator::Assess(double trueMbps, double extraMbps) const
{
    SpectrumUsage u;
    u.extraMbps = std::max(extraMbps, 0.0);
    u.extraPrbs = RateToPrbs(u.extraMbps);
    u.extraSubcarriers = SUBCARRIERS_PER_PRB * u.extraPrbs;
    u.truePrbs = RateToPrbs(trueMbps);
    u.cpuTrueUs = CpuTimeUs(u.truePrbs);
    u.cpuExtraUs = CpuTimeUs(u.truePrbs + u.extraPrbs) - u.cpuTrueUs;
    return u;
}

uint32_t
SpectrumAllocator::ChannelPrbs(double prbs)
{
    if (!(prbs > PRB_EPSILON))
    {
        return 0;
    }
    for (uint32_t c : CHANNEL_PRBS)
    {
        if (prbs <= c + PRB_EPSILON)
        {
            return c;
        }
    }
    return 100 * static_cast<uint32_t>(std::ceil(prbs / 100.0 - PRB_EPSILON));
}

double
SpectrumAllocator::ChannelBandwidthMhz(double prbs)
{
    const uint32_t c = ChannelPrbs(prbs);
    if (c == 0)
    {
        return 0.0;
    }
    for (size_t i = 0; i < sizeof(CHANNEL_PRBS) / sizeof(CHANNEL_PRBS[0]); ++i)
    {
        if (c == CHANNEL_PRBS[i])
        {
            return CHANNEL_MHZ[i];
        }
    }
    return 20.0 * (c / 100);
}

} // namespace ns3
