/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_DATACENTER_DIMENSIONING_H
#define MICROSCOPE_DATACENTER_DIMENSIONING_H

#include "traffic-calendar.h"
#include "zone-profile.h"

#include "ns3/object.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief What dimensioning needs from a zone's profile: the mean g, standard deviation f and
 * probability P of the hour with the largest mean + 1 std.
 */
struct ZoneStats
{
    uint32_t zone{0};               //!< zone index
    double g{0};                    //!< mean volume of the peak hour (MB)
    double f{0};                    //!< standard deviation of the peak hour (MB)
    double p{1};                    //!< P_h of the peak hour
    DayType type{DayType::WORKDAY}; //!< day type of the peak hour (if from a profile)
    int32_t hour{-1};               //!< peak hour of the day, -1 if given directly
};

/**
 * \ingroup microscope
 * \brief A zone datacenter's design capacity.
 */
struct DimensioningResult
{
    uint32_t zone{0};     //!< zone index
    double g{0};          //!< mean of the peak hour (MB)
    double f{0};          //!< standard deviation of the peak hour (MB)
    double p{1};          //!< P of the peak hour
    double multiplier{1}; //!< D_z
    double volumeMb{0};   //!< V_z = D_z (g + f), MB per hour
    double gbPerHour{0};  //!< V_z * 8 / MegabitsPerGigabit
    double gbps{0};       //!< gbPerHour / 3600
    double coresExact{0}; //!< gbps * (data-plane + SDN cores per Gbps)
    uint32_t cores{0};    //!< coresExact rounded to the nearest integer
};

/**
 * \ingroup microscope
 * \brief Sizes each zone's datacenter from its traffic profile (second paper, Sec. IV-B).
 *
 * With g, f and P of the hour with the largest mean + 1 std:
 * D_z = 1 + alpha (P - 1) / (1 - P_s) (alpha = -0.6, P_s = 0.6 give D = 1.6 at P = 0.6 and
 * D = 1 at P = 1), V_z = D_z (g + f) MB per hour, and
 * cores = round(V_z * 8 / 1024 [Gb/h] / 3600 [s] * (20 + 6) [cores per Gbps]), 20 for the
 * data-plane VNFs and 6 for the SDN controller (Basta et al., 2014). The volume is assumed
 * spread evenly over the hour.
 */
class DatacenterDimensioning : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    DatacenterDimensioning();
    ~DatacenterDimensioning() override;

    /**
     * \param p the probability P of the peak hour, in [0, 1].
     * \return D_z = 1 + alpha (P - 1) / (1 - P_s).
     */
    double GetMultiplier(double p) const;

    /**
     * \param stats the zone's peak-hour statistics.
     * \return the datacenter's capacity.
     * \throw InputError if g or f is negative or not finite, or P is outside [0, 1].
     */
    DimensioningResult Dimension(const ZoneStats& stats) const;

    /**
     * Pick the hour, over both day types and all 24 hours, with the largest mean + 1 std
     * (the first one on ties, workdays before holidays, hours in order).
     * \param profile a zone's profile.
     * \return its g, f and P.
     * \throw InputError if the profile has no day at all.
     */
    static ZoneStats SelectPeakHour(const ZoneProfile& profile);

    /**
     * Read a CSV `zone,g_mb,f_mb,p` (header required; zones unique).
     * \param path the file.
     * \return one entry per row.
     * \throw InputError naming the file and line on bad input, or if there is no row.
     */
    static std::vector<ZoneStats> ReadZoneStats(const std::string& path);

    /**
     * Write `zone,g_mb,f_mb,p,d,v_mb,gb_per_hour,cores`.
     * \param out the stream.
     * \param results the results.
     */
    static void WriteCsv(std::ostream& out, const std::vector<DimensioningResult>& results);

    /**
     * Write `zone,g_mb,f_mb,p,d,v_mb,gb_per_hour,cores` (atomically).
     * \param path the file.
     * \param results the results.
     */
    static void WriteCsv(const std::string& path, const std::vector<DimensioningResult>& results);

private:
    double m_alpha;          //!< capacity design constant alpha
    double m_ps;             //!< capacity design constant P_s
    double m_dataPlaneCores; //!< data-plane VNF cores per Gbps
    double m_sdnCores;       //!< SDN controller cores per Gbps
    double m_mbPerGb;        //!< megabits per gigabit
};

} // namespace ns3

#endif /* MICROSCOPE_DATACENTER_DIMENSIONING_H */
