/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_ZONE_PLANNER_H
#define MICROSCOPE_ZONE_PLANNER_H

#include "datacenter-dimensioning.h"
#include "hourly-volume.h"
#include "k-means-zoning.h"
#include "weiszfeld-placement.h"
#include "zone-profile.h"
#include "zone-profiler.h"

#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/vector.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief A zone's datacenter: where it goes and what it serves.
 */
struct Datacenter
{
    uint32_t zone{0};          //!< zone index
    Vector position;           //!< weighted Weber point of the zone's stations (metres)
    uint32_t stations{0};      //!< stations in the zone
    double totalMb{0};         //!< the zone's volume over the whole period (MB)
    WeiszfeldResult placement; //!< details of the placement
};

/**
 * \ingroup microscope
 * \brief Everything the zone pipeline computes.
 */
struct ZonePlan
{
    KMeansResult zones;                           //!< the zones (k, assignment, centroids)
    std::vector<ElbowPoint> elbow;                //!< the distortion curve
    bool autoK{false};                            //!< whether k came from the elbow rule
    std::vector<Datacenter> datacenters;          //!< one per zone
    HourlyVolume zoneVolume;                      //!< hourly volume per zone
    std::vector<ZoneProfile> profiles;            //!< hourly profiles per zone
    std::vector<ZoneStats> peaks;                 //!< peak-hour g, f, P per zone
    std::vector<DimensioningResult> dimensioning; //!< capacity per zone
};

/**
 * \ingroup microscope
 * \brief The zone pipeline of the second paper on a neutral input: hourly volume per station
 * (MB per hour, with station positions, dates and day types) -> K-means zones (k forced or by
 * the elbow rule) -> a datacenter per zone at the weighted Weiszfeld point -> hourly profiles
 * per zone -> dimensioning. Forecasting runs separately on GetZoneVolume() with
 * ZoneForecaster.
 *
 * The stations' weights for the placement are VolumeWeights() of their total volumes over
 * the period, normalised within each zone.
 */
class ZonePlanner : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    ZonePlanner();
    ~ZonePlanner() override;

    /**
     * Run the pipeline.
     * \param stations hourly volume per station, with positions and day types.
     * \return the plan.
     * \throw InputError on bad input (no station, k out of range, bad volumes).
     */
    ZonePlan Plan(const HourlyVolume& stations);

    /**
     * Write zones.csv, datacenters.csv, profiles.csv, dimensioning.csv, elbow.csv and, if
     * forecastJson is not empty, forecast.json into dir (created if needed). Every file is
     * written under a temporary name first and all are renamed into place only when all were
     * written.
     * \param dir the output directory.
     * \param stations the planner's input.
     * \param plan the plan.
     * \param forecastJson the forecast report (ZoneForecaster::WriteJson), or empty.
     * \throw InputError if the directory or a file cannot be written.
     */
    static void WriteOutputs(const std::string& dir,
                             const HourlyVolume& stations,
                             const ZonePlan& plan,
                             const std::string& forecastJson);

    /// \return the K-means zoning object.
    Ptr<KMeansZoning> GetKMeans() const;

    /// \return the placement object.
    Ptr<WeiszfeldPlacement> GetPlacement() const;

    /// \return the profiler.
    Ptr<ZoneProfiler> GetProfiler() const;

    /// \return the dimensioning object.
    Ptr<DatacenterDimensioning> GetDimensioning() const;

    /**
     * Assign fixed random streams (K-means seeding).
     * \param stream first stream index.
     * \return the number of streams used.
     */
    int64_t AssignStreams(int64_t stream);

private:
    uint32_t m_zones;                           //!< forced k (0 = elbow rule)
    Ptr<KMeansZoning> m_kmeans;                 //!< zoning
    Ptr<WeiszfeldPlacement> m_placement;        //!< placement
    Ptr<ZoneProfiler> m_profiler;               //!< profiles
    Ptr<DatacenterDimensioning> m_dimensioning; //!< dimensioning
};

} // namespace ns3

#endif /* MICROSCOPE_ZONE_PLANNER_H */
