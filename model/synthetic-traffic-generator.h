/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_SYNTHETIC_TRAFFIC_GENERATOR_H
#define MICROSCOPE_SYNTHETIC_TRAFFIC_GENERATOR_H

#include "traffic-source.h"

#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"
#include "ns3/vector.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief A local event (match, concert, fair) that lifts some services around a venue.
 */
struct TrafficEvent
{
    std::string type;         //!< "sports", "concert" or "fair"
    uint32_t antenna{0};      //!< the antenna nearest the event's centre (its venue)
    Vector centre;            //!< centre of the event, metres
    double radius{0};         //!< spatial scale R of the Gaussian footprint exp(-r^2/2R^2), m
    double start{0};          //!< start, seconds since slot 0
    double duration{0};       //!< duration including the ramps, seconds
    double ramp{0};           //!< duration of the linear ramp up and of the ramp down, seconds
    double intensity{0};      //!< intensity I: demand of service s is multiplied by 1 + I lift_s
    std::vector<double> lift; //!< lift per service (catalog order) at the centre, full intensity
};

/**
 * \ingroup microscope
 * \brief Synthetic spatio-temporal per-service mobile demand `d[s][a](t)` over an antenna
 * layout.
 *
 * The model (see doc/sections/traffic.rst for the equations and the provenance of every
 * part) is a product of
 * - the city-wide activity of the service, ServiceCatalog::GetActivity() (so every service
 *   keeps its own daily profiles), times HolidayLevel on holidays;
 * - its spatial distribution: each antenna has a base load (lognormal) and a mix of five
 *   area types (residential, business, nightlife, transport, campus) given by smooth spatial
 *   fields; each area type has its own activity profile over the day and the week and its own
 *   service-mix multipliers, so that service shares change with the time of day, the day type
 *   and across space;
 * - multiplicative fluctuations, all lognormal with mean 1: per-service AR(1) processes on a
 *   low-rank basis of Gaussian bumps (spatially correlated, service-specific volatility and
 *   correlation time), an AR(1) common to all services on the same basis, a day-to-day
 *   factor on the basis, and a small idiosyncratic AR(1) per antenna and service;
 * - local events at venues (1-3 h, a neighbourhood, a characteristic service mix).
 *
 * Each service is scaled so that, in expectation over the stochastic factors, its share of
 * the total volume over the Days-day horizon equals its catalog share and the mean aggregate
 * demand per antenna and slot equals MeanAntennaDemand.
 *
 * Randomness: the static part (base loads, area fields, basis, venues, day factors, events)
 * is drawn from ns-3 random variable streams when the model is built. The per-slot
 * innovations come from a fast counter-based generator (xoshiro256++ seeded with SplitMix64
 * from the slot index and a 64-bit key drawn from an ns-3 stream), so everything follows
 * AssignStreams() and --RngSeed/--RngRun, and any slot can be regenerated from a checkpoint.
 *
 * Attributes are read when the model is built: at the first GetDemand(), GetMeanDemand() or
 * inspection call, or by Build().
 */
class SyntheticTrafficGenerator : public TrafficSource
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SyntheticTrafficGenerator();
    ~SyntheticTrafficGenerator() override;

    /**
     * Set the antenna layout (required before the model is built).
     * \param positions antenna positions in metres.
     */
    void SetAntennaPositions(const std::vector<Vector>& positions);

    /**
     * \param catalog the services (default: ServiceCatalog::CreateDefault()).
     */
    void SetServiceCatalog(Ptr<ServiceCatalog> catalog);

    /**
     * \param calendar the calendar (default: a TrafficCalendar with default attributes).
     */
    void SetCalendar(Ptr<TrafficCalendar> calendar);

    /// \return the antenna positions set with SetAntennaPositions().
    const std::vector<Vector>& GetAntennaPositions() const;

    Ptr<ServiceCatalog> GetServiceCatalog() const override;
    Ptr<TrafficCalendar> GetCalendar() const override;
    uint32_t GetNAntennas() const override;
    uint64_t GetNSlots() const override;

    /**
     * \param slot a slot index below GetNSlots().
     * \param demand receives d[s][a] in Mbps, (services, antennas).
     * \throw InputError if slot is out of range or the layout is missing.
     *
     * Sequential slots cost one step each; an earlier slot (or a later one past a stored
     * checkpoint) is regenerated from the nearest checkpoint, with identical values.
     */
    void GetDemand(uint64_t slot, DemandMatrix& demand) override;

    int64_t AssignStreams(int64_t stream) override;

    /**
     * Build the static part of the model now, from the current attributes. Called
     * automatically by the first call that needs it; calling it again rebuilds the model
     * (drawing further from the random streams).
     * \throw InputError on an inconsistent configuration (no antennas, bad attributes).
     */
    void Build();

    /**
     * The expected demand: the deterministic part of the model, events included, without
     * the stochastic factors (which have mean 1).
     * \param slot a slot index below GetNSlots().
     * \param demand receives the expected d[s][a] in Mbps.
     */
    void GetMeanDemand(uint64_t slot, DemandMatrix& demand);

    /// \return the number of area types (5).
    static uint32_t GetNAreaTypes();

    /**
     * \param type an area type index.
     * \return its name: residential, business, nightlife, transport or campus.
     */
    static std::string GetAreaTypeName(uint32_t type);

    /**
     * \param antenna an antenna index.
     * \return its area-type affinities (GetNAreaTypes() values, non-negative, summing to 1).
     */
    std::vector<double> GetAreaMix(uint32_t antenna);

    /**
     * \param antenna an antenna index.
     * \return its base load factor B_a (lognormal, mean 1 over the draw).
     */
    double GetBaseLoad(uint32_t antenna);

    /**
     * \param type an area type index.
     * \param service a service index of the catalog.
     * \return the service-mix multiplier m[type][service].
     */
    double GetAreaServiceMultiplier(uint32_t type, uint32_t service);

    /**
     * \param type an area type index.
     * \param day a day index (for its day type and weekday).
     * \param hour the hour of the day in [0, 24).
     * \return the relative activity R of the area type.
     */
    double GetAreaActivity(uint32_t type, uint64_t day, double hour) const;

    /// \return the local events of the horizon, in order of start.
    const std::vector<TrafficEvent>& GetEvents();

    /// \return the number of functions of the local-scale spatial basis (which carries the
    /// common and day-to-day factors and the social services' fluctuations).
    uint32_t GetNBasisFunctions();

    /**
     * \param service a service index.
     * \return the number of functions of the spatial basis of the service's fluctuations
     *         (wide, local or fine scale, by category).
     */
    uint32_t GetServiceBasisFunctions(uint32_t service);

    /**
     * \param service a service index.
     * \return the log-volatility sigma_s of its basis fluctuations (VolatilityScale times
     *         the catalog volatility).
     */
    double GetServiceVolatility(uint32_t service);

    /**
     * \param service a service index.
     * \return the correlation time of its basis fluctuations.
     */
    Time GetServiceFluctuationTime(uint32_t service);

    /**
     * TracedCallback signature for generated demand.
     * \param slot the slot index.
     * \param demand the demand of the slot, d[s][a] in Mbps.
     */
    typedef void (*DemandTracedCallback)(uint64_t slot, const DemandMatrix& demand);

protected:
    void DoDispose() override;

private:
    /// Dynamic state: AR(1) processes after some slot.
    struct State
    {
        std::vector<double> basis;  //!< per-service basis coefficients, [offset_s + j]
        std::vector<double> common; //!< common coefficients on the local basis, [j]
        std::vector<double> idio;   //!< idiosyncratic terms, [a * S + s]
    };

    /// One spatial basis: Gaussian bumps with sparse, unit-norm rows.
    struct Basis
    {
        uint32_t size{0};               //!< number of bumps
        std::vector<Vector> centres;    //!< bump centres
        std::vector<uint32_t> rowStart; //!< CSR row starts, size A + 1
        std::vector<uint32_t> rowCol;   //!< CSR bump indices
        std::vector<double> rowVal;     //!< CSR weights
        std::vector<uint32_t> services; //!< services whose fluctuations use this basis
    };

    /// Build the model if it is not built.
    void EnsureBuilt();
    /// Area fields, base loads and the derived per-antenna constants.
    void BuildAreas();
    /// The spatial bases of the three scales and the services' assignment to them.
    void BuildBases();

    /**
     * Build one spatial basis (k-means centres, Gaussian bumps, sparse rows).
     * \param size the number of bumps.
     * \param basis receives the basis.
     */
    void BuildBasis(uint32_t size, Basis& basis);
    /// Venues and the event schedule.
    void BuildEvents();
    /// Per-service scale factors c_s (normalisation).
    void BuildNormalisation();

    /**
     * The per-slot table G'[k][s] = A_s level m_ks R_k / N_s (without c_s).
     * \param slot the slot.
     * \param table receives K * S values.
     */
    void SlotTable(uint64_t slot, std::vector<double>& table) const;

    /**
     * Multiply the demand of a slot by the events active in it.
     * \param slot the slot.
     * \param demand the demand, (services, antennas).
     */
    void ApplyEvents(uint64_t slot, DemandMatrix& demand) const;

    /**
     * \param event an event.
     * \param t0 start of the interval, s.
     * \param t1 end of the interval, s.
     * \return the mean of the event's trapezoidal time profile over [t0, t1].
     */
    static double EventShape(const TrafficEvent& event, double t0, double t1);

    /**
     * Advance the state by one slot and, if demand is not null, produce the slot's demand.
     * \param slot the slot (the state must be that after slot - 1).
     * \param demand receives the demand, or nullptr to only advance.
     */
    void Step(uint64_t slot, DemandMatrix* demand);

    /// Reset the dynamic state to its draw before slot 0.
    void ResetState();

    // Attributes
    uint32_t m_days;           //!< horizon in days
    double m_meanDemand;       //!< mean aggregate demand per antenna (Mbps)
    double m_baseLoadSigma;    //!< sigma of the lognormal base load
    double m_holidayLevel;     //!< relative city-wide level on holidays
    double m_fieldStrength;    //!< std of the random area fields (log-affinity)
    double m_fieldLength;      //!< length scale of the area fields (m)
    double m_anchorStrength;   //!< multiplier of the anchors' amplitudes
    double m_densityRadius;    //!< radius for local density (m)
    uint32_t m_nBusiness;      //!< business districts besides the centre
    uint32_t m_nNightlife;     //!< nightlife spots
    uint32_t m_nTransport;     //!< transport hubs (the first at the centre)
    uint32_t m_nCampus;        //!< campuses
    uint32_t m_nBasisAttr;     //!< NumBasisFunctions attribute (0 = automatic)
    double m_antennasPerBasis; //!< antennas per basis function when automatic
    double m_basisWidth;       //!< bump width relative to the nearest other centre
    double m_basisScaleRatio;  //!< antennas per bump, wide/local and local/fine
    double m_volatilityScale;  //!< multiplier of the catalog volatilities
    Time m_fluctuationTime;    //!< reference correlation time of service fluctuations
    double m_commonVolatility; //!< sigma of the common fluctuation
    Time m_commonTime;         //!< correlation time of the common fluctuation
    double m_idioSigma;        //!< sigma of the idiosyncratic noise
    Time m_idioTime;           //!< correlation time of the idiosyncratic noise
    double m_daySigma;         //!< sigma of the day-to-day factor
    double m_eventsPerDay;     //!< mean number of events per day
    uint32_t m_nVenues;        //!< number of venues
    double m_streetEventProb;  //!< probability that an event is away from the venues
    double m_eventIntensity;   //!< mean event intensity
    Time m_eventDurationMin;   //!< shortest event
    Time m_eventDurationMax;   //!< longest event
    Time m_eventRamp;          //!< ramp duration
    double m_eventRadiusMin;   //!< smallest event radius (m)
    double m_eventRadiusMax;   //!< largest event radius (m)
    uint32_t m_checkpointDays; //!< checkpoint interval in days (0 = none)

    // Inputs
    std::vector<Vector> m_positions; //!< antenna positions
    Ptr<ServiceCatalog> m_catalog;   //!< services
    Ptr<TrafficCalendar> m_calendar; //!< calendar

    // Static model
    bool m_built;                         //!< whether the model is built
    uint32_t m_nA;                        //!< antennas
    uint32_t m_nS;                        //!< services
    uint32_t m_nJ;                        //!< functions of the local basis
    uint32_t m_spd;                       //!< slots per day
    double m_slotSeconds;                 //!< slot duration, s
    std::vector<double> m_mix;            //!< area mix w[a * K + k]
    std::vector<double> m_base;           //!< base load B_a
    std::vector<double> m_h;              //!< B_a w[a][k], [a * K + k]
    std::vector<double> m_wbar;           //!< load-weighted mean mix per area type
    std::vector<double> m_mult;           //!< m[k * S + s]
    std::vector<double> m_scale;          //!< c_s
    std::vector<double> m_sigma;          //!< sigma_s
    std::vector<double> m_rho;            //!< AR coefficient per service
    std::vector<double> m_innov;          //!< sqrt(1 - rho^2) per service
    std::vector<double> m_logShift;       //!< -(sigma_s^2 + sigma_i^2) / 2 per service
    std::vector<Basis> m_bases;           //!< wide, local and fine bases
    std::vector<uint32_t> m_serviceScale; //!< basis of each service
    std::vector<uint32_t> m_basisOffset;  //!< offset of each service in State::basis
    std::vector<double> m_dayNoise;       //!< day-to-day normals [d * J + j] (local basis)
    std::vector<TrafficEvent> m_events;   //!< events by start
    std::vector<std::vector<uint32_t>> m_eventsByDay; //!< events overlapping each day
    std::vector<std::vector<std::pair<uint32_t, double>>> m_eventFootprint; //!< (a, weight)
    uint64_t m_key; //!< key of the per-slot generator

    // Dynamic state
    State m_state;                           //!< state after slot m_next - 1
    uint64_t m_next;                         //!< next slot that Step() would produce
    std::map<uint64_t, State> m_checkpoints; //!< state before the first slot of a day
    bool m_hasLast;                          //!< whether m_last holds a slot
    uint64_t m_lastSlot;                     //!< slot held by m_last
    DemandMatrix m_last;                     //!< last produced demand
    std::vector<double> m_table;             //!< scratch: slot table
    std::vector<double> m_scratch;           //!< scratch: per-antenna sums

    Ptr<UniformRandomVariable> m_uniform;      //!< static draws
    Ptr<NormalRandomVariable> m_normal;        //!< static normal draws
    Ptr<UniformRandomVariable> m_eventUniform; //!< event schedule
    Ptr<UniformRandomVariable> m_keyUniform;   //!< key of the per-slot generator

    TracedCallback<uint64_t, const DemandMatrix&> m_demandTrace; //!< fired per GetDemand()
};

} // namespace ns3

#endif /* MICROSCOPE_SYNTHETIC_TRAFFIC_GENERATOR_H */
