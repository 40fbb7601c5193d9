/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_SPECTRUM_ALLOCATOR_H
#define MICROSCOPE_SPECTRUM_ALLOCATOR_H

#include "slice-allocator.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief What the overprovisioning of one antenna over one management interval costs in radio
 * and baseband resources (Microscope paper, Sec. 7.2 and Table 4).
 */
struct SpectrumUsage
{
    double extraMbps{0};        //!< sum over slices of (allocation - truth)+, Mbps
    double extraPrbs{0};        //!< PRBs that carry extraMbps (fractional)
    double extraSubcarriers{0}; //!< 12 subcarriers per PRB
    double truePrbs{0};         //!< PRBs that carry the true demand (fractional)
    double cpuTrueUs{0};        //!< baseband time per subframe for the true demand, us
    double cpuExtraUs{0};       //!< additional time per subframe for the extra PRBs, us
};

/**
 * \ingroup microscope
 * \brief Antenna-level slice allocator: turns the capacity allocated to each service slice of
 * an antenna into LTE physical resource blocks (PRBs), subcarriers, spectrum and baseband CPU
 * time.
 *
 * A PRB is 12 subcarriers of 15 kHz, i.e. 180 kHz, carrying `SpectralEfficiency * 0.18` Mbps.
 * The default spectral efficiency, 3.705 bit/s/Hz, is read off the Microscope paper's Table 4:
 * 6.114 Mbps of extra throughput correspond to 110 subcarriers, i.e. 110 / 12 = 9.17 PRBs, so
 * one PRB carries 6.114 / 9.17 = 0.667 Mbps and 0.667 Mbps / 0.18 MHz = 3.705 bit/s/Hz.
 *
 * The baseband processing time per 1 ms subframe follows the linear form of the open-LTE-stack
 * processing models (N. Nikaein, "Processing radio access network functions in the cloud:
 * critical issues and modeling", ACM MCS 2015; H. Khedher et al., "Processing time evaluation
 * and prediction in Cloud-RAN", IEEE ICC 2019):
 * `t = c0 + cPrb * PRB + cMcs * MCS + cPrbMcs * PRB * MCS` microseconds. The default
 * coefficients are illustrative values of the right magnitude (about 1.7 ms for a full 20 MHz
 * carrier at the highest MCS); they are not fitted to those papers' measurements.
 */
class SpectrumAllocator : public SliceAllocator
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SpectrumAllocator();
    ~SpectrumAllocator() override;

    /// Subcarriers in a PRB.
    static constexpr uint32_t SUBCARRIERS_PER_PRB = 12;
    /// Bandwidth of a PRB in MHz (12 x 15 kHz).
    static constexpr double PRB_BANDWIDTH_MHZ = 0.18;

    /// \return the throughput one PRB carries, SpectralEfficiency * 0.18 MHz, in Mbps.
    double GetPrbRateMbps() const;

    /**
     * \param mbps a rate in Mbps.
     * \return the (fractional) number of PRBs that carry it, at least 0.
     */
    double RateToPrbs(double mbps) const;

    /**
     * The linear processing-time model.
     * \param prbs PRBs processed per subframe (fractional).
     * \return `c0 + cPrb * prbs + cMcs * MCS + cPrbMcs * prbs * MCS` in microseconds.
     */
    double CpuTimeUs(double prbs) const;

    /**
     * Resources of one antenna over one interval.
     * \param trueMbps the antenna's true aggregate demand.
     * \param extraMbps the overprovisioned capacity, sum over slices of (allocation - truth)+.
     * \return PRBs, subcarriers and processing times.
     */
    SpectrumUsage Assess(double trueMbps, double extraMbps) const;

    /**
     * \param prbs a number of PRBs (fractional).
     * \return the PRBs of the smallest LTE channel that holds them (6, 15, 25, 50, 75 or 100;
     *         beyond 100, whole 20 MHz carriers of 100 PRBs), 0 for 0 PRBs.
     */
    static uint32_t ChannelPrbs(double prbs);

    /**
     * \param prbs a number of PRBs (fractional).
     * \return the bandwidth in MHz of the smallest LTE channel that holds them (1.4, 3, 5, 10,
     *         15 or 20; beyond 100 PRBs, 20 MHz per whole carrier), 0 for 0 PRBs.
     */
    static double ChannelBandwidthMhz(double prbs);

private:
    double m_spectralEfficiency; //!< bit/s/Hz
    uint32_t m_mcs;              //!< MCS index used in the CPU model
    double m_c0;                 //!< us per subframe
    double m_cPrb;               //!< us per PRB
    double m_cMcs;               //!< us per MCS step
    double m_cPrbMcs;            //!< us per PRB and MCS step
};

} // namespace ns3

#endif /* MICROSCOPE_SPECTRUM_ALLOCATOR_H */
