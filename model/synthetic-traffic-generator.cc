/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "synthetic-traffic-generator.h"

#include "input-error.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SyntheticTrafficGenerator");

NS_OBJECT_ENSURE_REGISTERED(SyntheticTrafficGenerator);

namespace
{

/// Number of area types.
constexpr uint32_t K = 5;

/// Area type names, in index order.
const std::array<const char*, K> AREA_NAMES = {"residential",
                                               "business",
                                               "nightlife",
                                               "transport",
                                               "campus"};

// Relative activity of each area type over the day, hourly at hour centres, on workdays and on
// holidays. Only ratios between area types matter: the model divides by their load-weighted
// mean, so the city-wide profile of every service stays the catalog's. The shapes follow the
// qualitative findings of Xu et al. (IMC 2015) on tower clusters: residential areas peak in
// the evening and at weekends, office areas in working hours of workdays, transport areas at
// the commuting peaks, entertainment areas in the evening and at weekend nights; the campus
// (an assumption) follows lecture hours with a weak weekend.
// clang-format off
const double AREA_PROFILE[K][2][24] = {
    // residential
    {{0.9, 0.8, 0.75, 0.75, 0.75, 0.8, 0.9, 0.9, 0.7, 0.6, 0.6, 0.6,
      0.65, 0.65, 0.65, 0.7, 0.8, 0.95, 1.15, 1.3, 1.4, 1.4, 1.3, 1.1},
     {1.0, 0.9, 0.8, 0.8, 0.8, 0.8, 0.85, 0.9, 0.95, 1.0, 1.0, 1.0,
      1.0, 1.0, 1.0, 1.0, 1.0, 1.05, 1.1, 1.2, 1.25, 1.25, 1.2, 1.1}},
    // business
    {{0.3, 0.25, 0.25, 0.25, 0.25, 0.3, 0.5, 0.9, 1.5, 1.9, 2.0, 1.95,
      1.7, 1.8, 1.95, 1.9, 1.7, 1.3, 0.8, 0.55, 0.45, 0.4, 0.35, 0.3},
     {0.4, 0.35, 0.35, 0.35, 0.35, 0.35, 0.4, 0.5, 0.6, 0.75, 0.85, 0.9,
      0.9, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.55, 0.5, 0.45, 0.45, 0.4}},
    // nightlife
    {{1.3, 1.0, 0.6, 0.4, 0.3, 0.3, 0.35, 0.45, 0.55, 0.65, 0.75, 0.9,
      1.1, 1.0, 0.9, 0.9, 1.0, 1.2, 1.5, 1.8, 2.0, 2.0, 1.9, 1.6},
     {1.9, 1.6, 1.2, 0.8, 0.5, 0.35, 0.3, 0.35, 0.45, 0.6, 0.8, 1.0,
      1.2, 1.2, 1.2, 1.2, 1.3, 1.5, 1.8, 2.1, 2.3, 2.3, 2.2, 2.1}},
    // transport
    {{0.4, 0.3, 0.25, 0.25, 0.3, 0.6, 1.2, 2.0, 2.0, 1.3, 0.9, 0.9,
      1.0, 1.0, 0.9, 1.0, 1.3, 1.9, 2.0, 1.4, 0.9, 0.7, 0.6, 0.5},
     {0.5, 0.4, 0.3, 0.3, 0.3, 0.35, 0.45, 0.6, 0.8, 1.0, 1.15, 1.2,
      1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.15, 1.0, 0.9, 0.8, 0.7, 0.6}},
    // campus
    {{0.5, 0.35, 0.3, 0.3, 0.3, 0.35, 0.5, 0.9, 1.5, 1.9, 2.0, 1.9,
      1.7, 1.8, 1.9, 1.8, 1.5, 1.1, 0.8, 0.7, 0.7, 0.7, 0.65, 0.6},
     {0.6, 0.45, 0.35, 0.3, 0.3, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6,
      0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6}},
};

// Weekday factor of each area type, Monday .. Sunday (nightlife busier on Friday and Saturday).
const double AREA_WEEKDAY[K][7] = {
    {1.0, 1.0, 1.0, 1.0, 1.0, 1.05, 1.05},
    {1.0, 1.0, 1.0, 1.0, 0.95, 1.0, 1.0},
    {0.85, 0.85, 0.9, 1.0, 1.25, 1.35, 0.9},
    {1.0, 1.0, 1.0, 1.0, 1.05, 1.0, 1.0},
    {1.0, 1.0, 1.0, 1.0, 0.9, 1.0, 1.0},
};

/// Services with their own rows in the tables below; others use their category's row.
const std::array<const char*, 9> KNOWN_SERVICES = {"YouTube", "Spotify", "Facebook",
                                                   "Instagram", "Google", "Snapchat",
                                                   "WhatsApp", "Twitter", "Supercell"};

// Service-mix multiplier of each area type (columns in KNOWN_SERVICES order). Assumptions in
// the spirit of Marquez et al. (CoNEXT 2017), who found service usage to vary strongly and
// service-specifically across urban areas: productivity/web in offices, music streaming on
// transport, photo/ephemeral messaging at nightlife, video and gaming at home, students' apps
// on the campus.
const double AREA_MULTIPLIER[K][9] = {
    //  YT    Spot  FB    Insta Goog  Snap  WA    Twit  Super
    {1.25, 0.8, 1.1, 1.0, 0.8, 1.0, 1.0, 0.9, 1.3},   // residential
    {0.6, 0.9, 0.9, 0.8, 2.0, 0.7, 1.3, 1.1, 0.5},    // business
    {0.9, 0.8, 1.1, 1.6, 0.6, 1.8, 1.1, 1.3, 0.8},    // nightlife
    {0.8, 2.2, 1.1, 1.2, 0.9, 1.2, 1.2, 1.4, 1.2},    // transport
    {1.0, 1.3, 0.8, 1.4, 1.4, 1.6, 1.0, 1.0, 1.6},    // campus
};

/// Event types.
constexpr uint32_t N_EVENT_TYPES = 3;
/// Event type names.
const std::array<const char*, N_EVENT_TYPES> EVENT_NAMES = {"sports", "concert", "fair"};
/// Earliest and latest start hour of each event type.
const double EVENT_START[N_EVENT_TYPES][2] = {{14.0, 21.0}, {19.0, 22.0}, {10.0, 16.0}};
// Lift of each service at an event (columns in KNOWN_SERVICES order): sharing and messaging
// surge at crowded events, streaming does not.
const double EVENT_LIFT[N_EVENT_TYPES][9] = {
    //  YT    Spot  FB    Insta Goog  Snap  WA    Twit  Super
    {0.2, 0.0, 1.5, 1.5, 0.3, 2.0, 1.5, 3.0, 0.3},    // sports
    {0.6, 0.3, 1.0, 3.0, 0.2, 3.0, 1.0, 1.2, 0.1},    // concert
    {0.3, 0.1, 1.0, 1.5, 1.5, 1.0, 1.5, 0.8, 0.2},    // fair
};

// clang-format on

/**
 * \param name a service name.
 * \param category its category.
 * \return its column in the tables, or -1 if neither the name nor the category is known.
 */
int32_t
ServiceColumn(const std::string& name, const std::string& category)
{
    for (size_t i = 0; i < KNOWN_SERVICES.size(); ++i)
    {
        if (name == KNOWN_SERVICES[i])
        {
            return static_cast<int32_t>(i);
        }
    }
    static const std::unordered_map<std::string, int32_t> byCategory = {{"streaming", 0},
                                                                        {"social", 2},
                                                                        {"web", 4},
                                                                        {"messaging", 6},
                                                                        {"gaming", 8}};
    auto it = byCategory.find(category);
    return it == byCategory.end() ? -1 : it->second;
}

/**
 * \param category a service category.
 * \return the multiplier of the reference fluctuation time for that category.
 */
double
TimescaleMultiplier(const std::string& category)
{
    static const std::unordered_map<std::string, double> table = {{"streaming", 1.5},
                                                                  {"social", 1.0},
                                                                  {"web", 1.0},
                                                                  {"messaging", 0.75},
                                                                  {"gaming", 0.5}};
    auto it = table.find(category);
    return it == table.end() ? 1.0 : it->second;
}

/// Spatial scales of the fluctuation bases.
enum Scale : uint32_t
{
    WIDE = 0,
    LOCAL = 1,
    FINE = 2,
};

/**
 * \param category a service category.
 * \return the spatial scale of the category's fluctuations: streaming and web demand follow
 * wide-area drivers, social media the neighbourhood, messaging and gaming the street block
 * (an assumption that gives each service a spatial signature).
 */
uint32_t
ScaleOfCategory(const std::string& category)
{
    if (category == "streaming" || category == "web")
    {
        return WIDE;
    }
    if (category == "messaging" || category == "gaming")
    {
        return FINE;
    }
    return LOCAL;
}

/**
 * \param table 24 hourly values at hour centres.
 * \param hour hour of the day in [0, 24).
 * \return the value interpolated linearly, wrapping at midnight.
 */
double
Interpolate(const double* table, double hour)
{
    double x = std::fmod(hour - 0.5 + 24.0, 24.0);
    auto lo = static_cast<uint32_t>(std::floor(x));
    double frac = x - lo;
    return (1.0 - frac) * table[lo % 24] + frac * table[(lo + 1) % 24];
}

/**
 * SplitMix64 step.
 * \param x the state, advanced.
 * \return the next output.
 */
inline uint64_t
SplitMix64(uint64_t& x)
{
    uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/**
 * Counter-based per-slot generator: xoshiro256++ seeded by SplitMix64 from a key (drawn from an
 * ns-3 stream) and a counter (the slot index), so that the innovations of any slot can be
 * regenerated without replaying the ones before it.
 */
class SlotRng
{
public:
    /**
     * \param key the key.
     * \param counter the counter.
     */
    SlotRng(uint64_t key, uint64_t counter)
    {
        uint64_t x = key ^ (counter * 0xD1B54A32D192ED03ULL + 0x2545F4914F6CDD1DULL);
        for (auto& w : m_s)
        {
            w = SplitMix64(x);
        }
    }

    /// \return 64 random bits.
    inline uint64_t Next()
    {
        const uint64_t result = Rotl(m_s[0] + m_s[3], 23) + m_s[0];
        const uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = Rotl(m_s[3], 45);
        return result;
    }

    /// \return a uniform value in [0, 1).
    inline double Uniform()
    {
        return static_cast<double>(Next() >> 11) * 0x1.0p-53;
    }

    /// \return an exact standard normal value (Box-Muller).
    double Normal()
    {
        if (m_hasSpare)
        {
            m_hasSpare = false;
            return m_spare;
        }
        const double u1 = 1.0 - Uniform(); // (0, 1]
        const double u2 = Uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        m_spare = r * std::sin(2.0 * M_PI * u2);
        m_hasSpare = true;
        return r * std::cos(2.0 * M_PI * u2);
    }

    /**
     * \return an approximately normal value with mean 0 and variance 1: the Irwin-Hall sum of
     * four 16-bit uniforms from one 64-bit draw (support +-3.46, excess kurtosis -0.3), for
     * the innovations of the idiosyncratic AR(1), where exact normality does not matter.
     */
    inline double FastNormal()
    {
        const uint64_t r = Next();
        const double sum = static_cast<double>((r & 0xFFFF) + ((r >> 16) & 0xFFFF) +
                                               ((r >> 32) & 0xFFFF) + (r >> 48)) +
                           2.0; // + 4 * 0.5: centres of the 16-bit bins
        return (sum * (1.0 / 65536.0) - 2.0) * 1.7320508075688772;
    }

private:
    /**
     * \param x a word.
     * \param k a shift.
     * \return x rotated left by k.
     */
    static inline uint64_t Rotl(uint64_t x, int k)
    {
        return (x << k) | (x >> (64 - k));
    }

    uint64_t m_s[4];        //!< xoshiro256++ state
    bool m_hasSpare{false}; //!< whether m_spare holds a normal
    double m_spare{0.0};    //!< second Box-Muller output
};

/// Counter of the draw of the initial state (no slot has this index).
constexpr uint64_t INITIAL_STATE_COUNTER = std::numeric_limits<uint64_t>::max();

/**
 * \param a a point.
 * \param b a point.
 * \return the squared planar distance.
 */
inline double
Dist2(const Vector& a, const Vector& b)
{
    const double dx = a.x - b.x;
    const double dy = a.y - b.y;
    return dx * dx + dy * dy;
}

} // namespace

TypeId
SyntheticTrafficGenerator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SyntheticTrafficGenerator")
            .SetParent<TrafficSource>()
            .SetGroupName("Microscope")
            .AddConstructor<SyntheticTrafficGenerator>()
            .AddAttribute("Days",
                          "Horizon in days; GetNSlots() is Days times the calendar's slots per "
                          "day. The Microscope paper's data set spans 85 days.",
                          UintegerValue(85),
                          MakeUintegerAccessor(&SyntheticTrafficGenerator::m_days),
                          MakeUintegerChecker<uint32_t>(1, 100000))
            .AddAttribute("MeanAntennaDemand",
                          "Mean over antennas and slots of the aggregate (all-service) demand, "
                          "Mbps. Default from the paper's Table 3: 247.95 MB/s of MEC SLA cost "
                          "are 136.31 % of the true demand, i.e. 181.9 MB/s = 1455 Mbps over 792 "
                          "antennas, 1.84 Mbps each.",
                          DoubleValue(1.84),
                          MakeDoubleAccessor(&SyntheticTrafficGenerator::m_meanDemand),
                          MakeDoubleChecker<double>(1e-9, 1e9))
            .AddAttribute("BaseLoadSigma",
                          "Log-standard deviation of the per-antenna base load "
                          "B_a = exp(sigma xi - sigma^2/2), xi ~ N(0, 1).",
                          DoubleValue(0.7),
                          MakeDoubleAccessor(&SyntheticTrafficGenerator::m_baseLoadSigma),
                          MakeDoubleChecker<double>(0.0, 3.0))
            .AddAttribute("HolidayLevel",
                          "City-wide demand on holidays (weekends, listed holidays) relative "
                          "to workdays.",
                          DoubleValue(0.9),
                          MakeDoubleAccessor(&SyntheticTrafficGenerator::m_holidayLevel),
                          MakeDoubleChecker<double>(0.01, 100.0))
            .AddAttribute("AreaFieldStrength",
                          "Standard deviation of the smooth random field added to the "
                          "log-affinity of each area type (spatial heterogeneity of the mixes).",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&SyntheticTrafficGenerator::m_fieldStrength),
                          MakeDoubleChecker<double>(0.0, 10.0))
            .AddAttribute("AreaFieldLength",
                          "Correlation length (m) of the random area fields (squared-exponential "
                          "covariance, random Fourier features).",
                          DoubleValue(2000.0),
                          MakeDoubleAccessor(&SyntheticTrafficGenerator::m_fieldLength),
                          MakeDoubleChecker<double>(1.0, 1e7))
            .AddAttribute("AnchorStrength",
                          "Multiplier of the amplitudes of the area anchors (business "
                          "districts, nightlife spots, transport hubs, campuses).",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&SyntheticTrafficGenerator::m_anchorStrength),
                          MakeDoubleChecker<double>(0.0, 10.0))
            .AddAttribute("DensityRadius",
                          "Radius (m) within which antennas are counted for the local density "
                          "that locates the centre and the dense anchors.",
                          DoubleValue(1000.0),
                          MakeDoubleAccessor(&SyntheticTrafficGenerator::m_densityRadius),
                          MakeDoubleChecker<double>(1.0, 1e6))
            .AddAttribute("NumBusinessDistricts",
                          "Business districts besides the one at the densest point.",
                          UintegerValue(2),
                          MakeUintegerAccessor(&SyntheticTrafficGenerator::m_nBusiness),
                          MakeUintegerChecker<uint32_t>(0, 1000))
            .AddAttribute("NumNightlifeSpots",
                          "Nightlife/entertainment spots (drawn with probability proportional "
                          "to the squared local density).",
                          UintegerValue(3),
                          MakeUintegerAccessor(&SyntheticTrafficGenerator::m_nNightlife),
                          MakeUintegerChecker<uint32_t>(0, 1000))
            .AddAttribute("NumTransportHubs",
                          "Transport hubs; the first is the central station at the densest "
                          "point, the others are anywhere.",
                          UintegerValue(4),
                          MakeUintegerAccessor(&SyntheticTrafficGenerator::m_nTransport),
                          MakeUintegerChecker<uint32_t>(0, 1000))
            .AddAttribute("NumCampuses",
                          "University campuses, at 20-80 % of the largest distance from the "
                          "centre.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&SyntheticTrafficGenerator::m_nCampus),
                          MakeUintegerChecker<uint32_t>(0, 1000))
            .AddAttribute("NumBasisFunctions",
                          "Gaussian bumps of the local-scale spatial basis of the fluctuations; "
                          "0 = round(antennas / AntennasPerBasis). The wide and fine bases have "
                          "BasisScaleRatio times fewer and more bumps.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&SyntheticTrafficGenerator::m_nBasisAttr),
                          MakeUintegerChecker<uint32_t>(0, 100000))
            .AddAttribute("AntennasPerBasis",
                          "Antennas per function of the local basis when NumBasisFunctions is 0.",
                          DoubleValue(25.0),
                          MakeDoubleAccessor(&SyntheticTrafficGenerator::m_antennasPerBasis),
                          MakeDoubleChecker<double>(1.0, 1e6))
            .AddAttribute("BasisWidthFactor",
                          "Width of each bump relative to the distance from its centre to the "
                          "nearest other centre.",
                          DoubleValue(0.8),
                          MakeDoubleAccessor(&SyntheticTrafficGenerator::m_basisWidth),
                          MakeDoubleChecker<double>(0.01, 100.0))
            .AddAttribute("BasisScaleRatio",
                          "Ratio of antennas per bump between the wide and the local basis and "
                          "between the local and the fine basis. Streaming and web services "
                          "fluctuate on the wide basis, social media on the local one, "
                          "messaging and gaming on the fine one.",
                          DoubleValue(3.0),
                          MakeDoubleAccessor(&SyntheticTrafficGenerator::m_basisScaleRatio),
                          MakeDoubleChecker<double>(1.0, 1e3))
            .AddAttribute("VolatilityScale",
                          "Multiplier of the catalog volatilities: sigma_s = VolatilityScale x "
                          "volatility_s is the log-standard deviation of service s's basis "
                          "fluctuations.",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&SyntheticTrafficGenerator::m_volatilityScale),
                          MakeDoubleChecker<double>(0.0, 10.0))
            .AddAttribute("FluctuationTime",
                          "Reference correlation time of the per-service AR(1) fluctuations; "
                          "multiplied by 1.5 (streaming), 1 (social, web), 0.75 (messaging), "
                          "0.5 (gaming).",
                          TimeValue(Hours(1)),
                          MakeTimeAccessor(&SyntheticTrafficGenerator::m_fluctuationTime),
                          MakeTimeChecker(Seconds(1), Days(1000)))
            .AddAttribute("CommonVolatility",
                          "Log-standard deviation of the fluctuation common to all services "
                          "(crowd size), on the same spatial basis.",
                          DoubleValue(0.05),
                          MakeDoubleAccessor(&SyntheticTrafficGenerator::m_commonVolatility),
                          MakeDoubleChecker<double>(0.0, 10.0))
            .AddAttribute("CommonFluctuationTime",
                          "Correlation time of the common fluctuation.",
                          TimeValue(Hours(2)),
                          MakeTimeAccessor(&SyntheticTrafficGenerator::m_commonTime),
                          MakeTimeChecker(Seconds(1), Days(1000)))
            .AddAttribute("IdiosyncraticNoise",
                          "Log-standard deviation of the AR(1) noise of each antenna and "
                          "service, independent across antennas and services.",
                          DoubleValue(0.08),
                          MakeDoubleAccessor(&SyntheticTrafficGenerator::m_idioSigma),
                          MakeDoubleChecker<double>(0.0, 10.0))
            .AddAttribute("IdiosyncraticTime",
                          "Correlation time of the idiosyncratic noise.",
                          TimeValue(Minutes(15)),
                          MakeTimeAccessor(&SyntheticTrafficGenerator::m_idioTime),
                          MakeTimeChecker(Seconds(1), Days(1000)))
            .AddAttribute("DayToDayVolatility",
                          "Log-standard deviation of the day-to-day factor (one draw per day "
                          "and basis function, common to all services).",
                          DoubleValue(0.05),
                          MakeDoubleAccessor(&SyntheticTrafficGenerator::m_daySigma),
                          MakeDoubleChecker<double>(0.0, 10.0))
            .AddAttribute("EventsPerDay",
                          "Mean number of local events per day (Poisson).",
                          DoubleValue(0.4),
                          MakeDoubleAccessor(&SyntheticTrafficGenerator::m_eventsPerDay),
                          MakeDoubleChecker<double>(0.0, 100.0))
            .AddAttribute("NumVenues",
                          "Venues (stadium, concert hall, fair ground, in turn) that host "
                          "recurring events.",
                          UintegerValue(4),
                          MakeUintegerAccessor(&SyntheticTrafficGenerator::m_nVenues),
                          MakeUintegerChecker<uint32_t>(0, 1000))
            .AddAttribute("StreetEventProbability",
                          "Probability that an event takes place at a random antenna rather "
                          "than at a venue.",
                          DoubleValue(0.25),
                          MakeDoubleAccessor(&SyntheticTrafficGenerator::m_streetEventProb),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("EventIntensity",
                          "Mean event intensity I (each event draws I uniformly in [0.5, 1.5] "
                          "times this); demand of service s at the centre is multiplied by "
                          "1 + I lift_s at full strength.",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&SyntheticTrafficGenerator::m_eventIntensity),
                          MakeDoubleChecker<double>(0.0, 100.0))
            .AddAttribute("EventDurationMin",
                          "Shortest event, ramps included.",
                          TimeValue(Hours(1)),
                          MakeTimeAccessor(&SyntheticTrafficGenerator::m_eventDurationMin),
                          MakeTimeChecker(Minutes(1), Hours(24)))
            .AddAttribute("EventDurationMax",
                          "Longest event, ramps included.",
                          TimeValue(Hours(3)),
                          MakeTimeAccessor(&SyntheticTrafficGenerator::m_eventDurationMax),
                          MakeTimeChecker(Minutes(1), Hours(24)))
            .AddAttribute("EventRamp",
                          "Duration of the linear ramp up at the start and down at the end of "
                          "an event (at most half its duration).",
                          TimeValue(Minutes(15)),
                          MakeTimeAccessor(&SyntheticTrafficGenerator::m_eventRamp),
                          MakeTimeChecker(Seconds(0), Hours(12)))
            .AddAttribute("EventRadiusMin",
                          "Smallest spatial scale R (m) of an event footprint exp(-r^2/2R^2), "
                          "cut at 3R.",
                          DoubleValue(300.0),
                          MakeDoubleAccessor(&SyntheticTrafficGenerator::m_eventRadiusMin),
                          MakeDoubleChecker<double>(1.0, 1e6))
            .AddAttribute("EventRadiusMax",
                          "Largest spatial scale R (m) of an event footprint.",
                          DoubleValue(1000.0),
                          MakeDoubleAccessor(&SyntheticTrafficGenerator::m_eventRadiusMax),
                          MakeDoubleChecker<double>(1.0, 1e6))
            .AddAttribute("CheckpointInterval",
                          "Days between stored checkpoints of the dynamic state (used to serve "
                          "an earlier slot without regenerating from slot 0); 0 = none. A "
                          "checkpoint holds (antennas + basis functions) x services doubles.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&SyntheticTrafficGenerator::m_checkpointDays),
                          MakeUintegerChecker<uint32_t>(0, 100000))
            .AddTraceSource("Demand",
                            "The demand of a slot, each time GetDemand() produces one.",
                            MakeTraceSourceAccessor(&SyntheticTrafficGenerator::m_demandTrace),
                            "ns3::SyntheticTrafficGenerator::DemandTracedCallback");
    return tid;
}

SyntheticTrafficGenerator::SyntheticTrafficGenerator()
    : m_days(85),
      m_meanDemand(1.84),
      m_baseLoadSigma(0.7),
      m_holidayLevel(0.9),
      m_fieldStrength(1.0),
      m_fieldLength(2000.0),
      m_anchorStrength(1.0),
      m_densityRadius(1000.0),
      m_nBusiness(2),
      m_nNightlife(3),
      m_nTransport(4),
      m_nCampus(1),
      m_nBasisAttr(0),
      m_antennasPerBasis(25.0),
      m_basisWidth(0.8),
      m_basisScaleRatio(3.0),
      m_volatilityScale(1.0),
      m_fluctuationTime(Hours(1)),
      m_commonVolatility(0.05),
      m_commonTime(Hours(2)),
      m_idioSigma(0.08),
      m_idioTime(Minutes(15)),
      m_daySigma(0.05),
      m_eventsPerDay(0.4),
      m_nVenues(4),
      m_streetEventProb(0.25),
      m_eventIntensity(1.0),
      m_eventDurationMin(Hours(1)),
      m_eventDurationMax(Hours(3)),
      m_eventRamp(Minutes(15)),
      m_eventRadiusMin(300.0),
      m_eventRadiusMax(1000.0),
      m_checkpointDays(1),
      m_built(false),
      m_nA(0),
      m_nS(0),
      m_nJ(0),
      m_spd(0),
      m_slotSeconds(0),
      m_key(0),
      m_next(0),
      m_hasLast(false),
      m_lastSlot(0)
{
    NS_LOG_FUNCTION(this);
    m_catalog = ServiceCatalog::CreateDefault();
    m_calendar = CreateObject<TrafficCalendar>();
    m_uniform = CreateObject<UniformRandomVariable>();
    m_normal = CreateObject<NormalRandomVariable>();
    m_normal->SetAttribute("Mean", DoubleValue(0.0));
    m_normal->SetAttribute("Variance", DoubleValue(1.0));
    m_eventUniform = CreateObject<UniformRandomVariable>();
    m_keyUniform = CreateObject<UniformRandomVariable>();
}

SyntheticTrafficGenerator::~SyntheticTrafficGenerator()
{
    NS_LOG_FUNCTION(this);
}

void
SyntheticTrafficGenerator::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_catalog = nullptr;
    m_calendar = nullptr;
    m_uniform = nullptr;
    m_normal = nullptr;
    m_eventUniform = nullptr;
    m_keyUniform = nullptr;
    m_checkpoints.clear();
    TrafficSource::DoDispose();
}

int64_t
SyntheticTrafficGenerator::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_uniform->SetStream(stream);
    m_normal->SetStream(stream + 1);
    m_eventUniform->SetStream(stream + 2);
    m_keyUniform->SetStream(stream + 3);
    return 4;
}

void
SyntheticTrafficGenerator::SetAntennaPositions(const std::vector<Vector>& positions)
{
    NS_LOG_FUNCTION(this << positions.size());
    m_positions = positions;
    m_built = false;
}

void
SyntheticTrafficGenerator::SetServiceCatalog(Ptr<ServiceCatalog> catalog)
{
    NS_LOG_FUNCTION(this << catalog);
    NS_ASSERT_MSG(catalog && catalog->GetN() > 0, "an empty service catalog");
    m_catalog = catalog;
    m_built = false;
}

void
SyntheticTrafficGenerator::SetCalendar(Ptr<TrafficCalendar> calendar)
{
    NS_LOG_FUNCTION(this << calendar);
    NS_ASSERT_MSG(calendar, "a null calendar");
    m_calendar = calendar;
    m_built = false;
}

const std::vector<Vector>&
SyntheticTrafficGenerator::GetAntennaPositions() const
{
    return m_positions;
}

Ptr<ServiceCatalog>
SyntheticTrafficGenerator::GetServiceCatalog() const
{
    return m_catalog;
}

Ptr<TrafficCalendar>
SyntheticTrafficGenerator::GetCalendar() const
{
    return m_calendar;
}

uint32_t
SyntheticTrafficGenerator::GetNAntennas() const
{
    return static_cast<uint32_t>(m_positions.size());
}

uint64_t
SyntheticTrafficGenerator::GetNSlots() const
{
    return static_cast<uint64_t>(m_days) * m_calendar->GetSlotsPerDay();
}

uint32_t
SyntheticTrafficGenerator::GetNAreaTypes()
{
    return K;
}

std::string
SyntheticTrafficGenerator::GetAreaTypeName(uint32_t type)
{
    NS_ASSERT_MSG(type < K, "area type " << type << " out of range");
    return AREA_NAMES[type];
}

std::vector<double>
SyntheticTrafficGenerator::GetAreaMix(uint32_t antenna)
{
    EnsureBuilt();
    NS_ASSERT_MSG(antenna < m_nA, "antenna " << antenna << " out of range");
    return std::vector<double>(m_mix.begin() + antenna * K, m_mix.begin() + (antenna + 1) * K);
}

double
SyntheticTrafficGenerator::GetBaseLoad(uint32_t antenna)
{
    EnsureBuilt();
    NS_ASSERT_MSG(antenna < m_nA, "antenna " << antenna << " out of range");
    return m_base[antenna];
}

double
SyntheticTrafficGenerator::GetAreaServiceMultiplier(uint32_t type, uint32_t service)
{
    EnsureBuilt();
    NS_ASSERT_MSG(type < K && service < m_nS, "index out of range");
    return m_mult[type * m_nS + service];
}

double
SyntheticTrafficGenerator::GetAreaActivity(uint32_t type, uint64_t day, double hour) const
{
    NS_ASSERT_MSG(type < K, "area type " << type << " out of range");
    const DayType dt = m_calendar->GetDayType(day);
    const uint32_t wd = m_calendar->GetWeekday(day);
    return Interpolate(AREA_PROFILE[type][dt == DayType::WORKDAY ? 0 : 1], hour) *
           AREA_WEEKDAY[type][wd];
}

const std::vector<TrafficEvent>&
SyntheticTrafficGenerator::GetEvents()
{
    EnsureBuilt();
    return m_events;
}

uint32_t
SyntheticTrafficGenerator::GetNBasisFunctions()
{
    EnsureBuilt();
    return m_nJ;
}

uint32_t
SyntheticTrafficGenerator::GetServiceBasisFunctions(uint32_t service)
{
    EnsureBuilt();
    NS_ASSERT_MSG(service < m_nS, "service " << service << " out of range");
    return m_bases[m_serviceScale[service]].size;
}

double
SyntheticTrafficGenerator::GetServiceVolatility(uint32_t service)
{
    EnsureBuilt();
    NS_ASSERT_MSG(service < m_nS, "service " << service << " out of range");
    return m_sigma[service];
}

Time
SyntheticTrafficGenerator::GetServiceFluctuationTime(uint32_t service)
{
    EnsureBuilt();
    NS_ASSERT_MSG(service < m_nS, "service " << service << " out of range");
    return Seconds(m_fluctuationTime.GetSeconds() *
                   TimescaleMultiplier(m_catalog->Get(service).category));
}

void
SyntheticTrafficGenerator::EnsureBuilt()
{
    if (!m_built)
    {
        Build();
    }
}

void
SyntheticTrafficGenerator::Build()
{
    NS_LOG_FUNCTION(this);
    if (m_positions.empty())
    {
        throw InputError("SyntheticTrafficGenerator: no antenna positions; call "
                         "SetAntennaPositions() first");
    }
    if (m_eventDurationMin > m_eventDurationMax)
    {
        throw InputError::ForAttribute("EventDurationMin", "must not exceed EventDurationMax");
    }
    if (m_eventRadiusMin > m_eventRadiusMax)
    {
        throw InputError::ForAttribute("EventRadiusMin", "must not exceed EventRadiusMax");
    }
    m_calendar->Validate();
    m_nA = static_cast<uint32_t>(m_positions.size());
    m_nS = m_catalog->GetN();
    m_spd = m_calendar->GetSlotsPerDay();
    m_slotSeconds = m_calendar->GetSlotDuration().GetSeconds();

    // Service-mix multipliers from the tables: by name, else by category, else neutral.
    m_mult.assign(K * m_nS, 1.0);
    for (uint32_t s = 0; s < m_nS; ++s)
    {
        const auto& d = m_catalog->Get(s);
        const int32_t col = ServiceColumn(d.name, d.category);
        for (uint32_t k = 0; k < K && col >= 0; ++k)
        {
            m_mult[k * m_nS + s] = AREA_MULTIPLIER[k][col];
        }
    }

    BuildAreas();
    BuildBases();

    // Day-to-day factor: one normal per day and basis function.
    m_dayNoise.resize(static_cast<size_t>(m_days) * m_nJ);
    for (auto& v : m_dayNoise)
    {
        v = m_normal->GetValue();
    }

    BuildEvents();

    // Fluctuation parameters per service.
    const double dt = m_slotSeconds;
    // The idiosyncratic AR(1) e = sum_k rho^k sqrt(1 - rho^2) x_k has Irwin-Hall innovations
    // x = sqrt(3) (U1 + U2 + U3 + U4 - 2), whose moment generating function is
    // (sinh(a u) / (a u))^4 with a = sqrt(3) / 2: log E[exp(sigma_i e)] is the sum below
    // (sigma_i^2 / 2 for normal innovations), so exp(sigma_i e - that) has mean 1 exactly.
    double idioLogMean = 0.0;
    {
        const double rhoI = std::exp(-dt / m_idioTime.GetSeconds());
        double u = m_idioSigma * std::sqrt(1.0 - rhoI * rhoI) * std::sqrt(3.0) / 2.0;
        for (uint32_t k = 0; k < 100000 && u > 1e-9; ++k, u *= rhoI)
        {
            idioLogMean += 4.0 * (u < 1e-4 ? u * u / 6.0 : std::log(std::sinh(u) / u));
        }
    }
    m_sigma.resize(m_nS);
    m_rho.resize(m_nS);
    m_innov.resize(m_nS);
    m_logShift.resize(m_nS);
    for (uint32_t s = 0; s < m_nS; ++s)
    {
        const auto& d = m_catalog->Get(s);
        m_sigma[s] = m_volatilityScale * d.volatility;
        const double tau = m_fluctuationTime.GetSeconds() * TimescaleMultiplier(d.category);
        m_rho[s] = std::exp(-dt / tau);
        m_innov[s] = std::sqrt(1.0 - m_rho[s] * m_rho[s]);
        m_logShift[s] = -0.5 * (m_sigma[s] * m_sigma[s] + m_commonVolatility * m_commonVolatility +
                                m_daySigma * m_daySigma) -
                        idioLogMean;
    }

    const uint64_t hi = m_keyUniform->GetInteger(0, 0xFFFFFFFFU);
    const uint64_t lo = m_keyUniform->GetInteger(0, 0xFFFFFFFFU);
    m_key = (hi << 32) | lo;

    BuildNormalisation();

    m_built = true;
    m_checkpoints.clear();
    m_hasLast = false;
    ResetState();
    NS_LOG_INFO("built: " << m_nA << " antennas, " << m_nS << " services, " << m_nJ
                          << " basis functions, " << m_events.size() << " events over " << m_days
                          << " days");
}

void
SyntheticTrafficGenerator::BuildAreas()
{
    NS_LOG_FUNCTION(this);
    const uint32_t A = m_nA;

    // Base loads.
    m_base.resize(A);
    for (uint32_t a = 0; a < A; ++a)
    {
        m_base[a] = std::exp(m_baseLoadSigma * m_normal->GetValue() -
                             0.5 * m_baseLoadSigma * m_baseLoadSigma);
    }

    // Local density: antennas within DensityRadius (spatial hash with cells of that size).
    const double r = m_densityRadius;
    std::unordered_map<uint64_t, std::vector<uint32_t>> grid;
    auto cell = [r](double v) { return static_cast<int64_t>(std::floor(v / r)); };
    auto key = [](int64_t cx, int64_t cy)
    {
        return (static_cast<uint64_t>(cx + (1LL << 31)) << 32) ^
               static_cast<uint64_t>(cy + (1LL << 31));
    };
    for (uint32_t a = 0; a < A; ++a)
    {
        grid[key(cell(m_positions[a].x), cell(m_positions[a].y))].push_back(a);
    }
    std::vector<double> density(A, 0.0);
    for (uint32_t a = 0; a < A; ++a)
    {
        const int64_t cx = cell(m_positions[a].x);
        const int64_t cy = cell(m_positions[a].y);
        uint32_t count = 0;
        for (int64_t dx = -1; dx <= 1; ++dx)
        {
            for (int64_t dy = -1; dy <= 1; ++dy)
            {
                auto it = grid.find(key(cx + dx, cy + dy));
                if (it == grid.end())
                {
                    continue;
                }
                for (uint32_t b : it->second)
                {
                    count += Dist2(m_positions[a], m_positions[b]) <= r * r ? 1 : 0;
                }
            }
        }
        density[a] = count;
    }
    const uint32_t centreAntenna =
        static_cast<uint32_t>(std::max_element(density.begin(), density.end()) - density.begin());
    const Vector centre = m_positions[centreAntenna];
    double rmax = 0.0;
    for (const auto& p : m_positions)
    {
        rmax = std::max(rmax, std::sqrt(Dist2(p, centre)));
    }

    // Choose an antenna with probability proportional to weights (uniform if all are zero).
    auto choose = [this](const std::vector<double>& w) -> uint32_t
    {
        const double total = std::accumulate(w.begin(), w.end(), 0.0);
        if (!(total > 0.0))
        {
            return static_cast<uint32_t>(m_uniform->GetInteger(0, w.size() - 1));
        }
        double u = m_uniform->GetValue(0.0, total);
        for (uint32_t i = 0; i < w.size(); ++i)
        {
            u -= w[i];
            if (u < 0.0)
            {
                return i;
            }
        }
        return static_cast<uint32_t>(w.size() - 1);
    };

    // Anchors: (area type, centre, radius, amplitude).
    struct Anchor
    {
        uint32_t type;
        Vector at;
        double radius;
        double amplitude;
    };

    std::vector<Anchor> anchors;
    anchors.push_back({1, centre, 1200.0, 2.5});
    {
        std::vector<double> w(A);
        for (uint32_t a = 0; a < A; ++a)
        {
            w[a] = Dist2(m_positions[a], centre) > 2500.0 * 2500.0 ? density[a] : 0.0;
        }
        for (uint32_t i = 0; i < m_nBusiness; ++i)
        {
            anchors.push_back({1, m_positions[choose(w)], 600.0, 2.0});
        }
    }
    {
        std::vector<double> w(A);
        for (uint32_t a = 0; a < A; ++a)
        {
            w[a] = density[a] * density[a];
        }
        for (uint32_t i = 0; i < m_nNightlife; ++i)
        {
            anchors.push_back({2, m_positions[choose(w)], 500.0, 2.5});
        }
    }
    for (uint32_t i = 0; i < m_nTransport; ++i)
    {
        const Vector at = i == 0 ? centre : m_positions[choose(std::vector<double>(A, 1.0))];
        anchors.push_back({3, at, 400.0, 2.5});
    }
    {
        std::vector<double> w(A);
        for (uint32_t a = 0; a < A; ++a)
        {
            const double d = std::sqrt(Dist2(m_positions[a], centre));
            w[a] = (d >= 0.2 * rmax && d <= 0.8 * rmax) ? 1.0 : 0.0;
        }
        for (uint32_t i = 0; i < m_nCampus; ++i)
        {
            anchors.push_back({4, m_positions[choose(w)], 600.0, 4.5});
        }
    }
    // Biases of the log-affinities: residential is the reference; the others need an anchor
    // to dominate.
    const double bias[K] = {0.0, -1.0, -2.0, -2.0, -4.5};

    // Smooth random fields: random Fourier features of a squared-exponential covariance.
    constexpr uint32_t Q = 32;
    std::vector<double> omega(K * Q * 2);
    std::vector<double> phase(K * Q);
    for (uint32_t i = 0; i < K * Q; ++i)
    {
        omega[2 * i] = m_normal->GetValue() / m_fieldLength;
        omega[2 * i + 1] = m_normal->GetValue() / m_fieldLength;
        phase[i] = m_uniform->GetValue(0.0, 2.0 * M_PI);
    }

    m_mix.assign(A * K, 0.0);
    m_h.assign(A * K, 0.0);
    for (uint32_t a = 0; a < A; ++a)
    {
        const Vector& p = m_positions[a];
        double z[K];
        for (uint32_t k = 0; k < K; ++k)
        {
            double f = 0.0;
            for (uint32_t q = 0; q < Q; ++q)
            {
                const uint32_t i = k * Q + q;
                f += std::cos(omega[2 * i] * p.x + omega[2 * i + 1] * p.y + phase[i]);
            }
            z[k] = bias[k] + m_fieldStrength * std::sqrt(2.0 / Q) * f;
        }
        const double d2c = Dist2(p, centre);
        z[0] += m_anchorStrength * (1.0 - std::exp(-d2c / (2.0 * 3000.0 * 3000.0)));
        for (const auto& an : anchors)
        {
            z[an.type] += m_anchorStrength * an.amplitude *
                          std::exp(-Dist2(p, an.at) / (2.0 * an.radius * an.radius));
        }
        const double zmax = *std::max_element(z, z + K);
        double sum = 0.0;
        for (uint32_t k = 0; k < K; ++k)
        {
            z[k] = std::exp(z[k] - zmax);
            sum += z[k];
        }
        for (uint32_t k = 0; k < K; ++k)
        {
            m_mix[a * K + k] = z[k] / sum;
            m_h[a * K + k] = m_base[a] * z[k] / sum;
        }
    }
    m_wbar.assign(K, 0.0);
    const double btotal = std::accumulate(m_base.begin(), m_base.end(), 0.0);
    for (uint32_t a = 0; a < A; ++a)
    {
        for (uint32_t k = 0; k < K; ++k)
        {
            m_wbar[k] += m_h[a * K + k] / btotal;
        }
    }
}

void
SyntheticTrafficGenerator::BuildBases()
{
    NS_LOG_FUNCTION(this);
    const uint32_t A = m_nA;
    double local = m_nBasisAttr;
    if (m_nBasisAttr == 0)
    {
        local = std::max(1.0, std::round(A / m_antennasPerBasis));
    }
    const double sizes[3] = {local / m_basisScaleRatio, local, local * m_basisScaleRatio};
    m_bases.assign(3, Basis());
    for (uint32_t c = 0; c < 3; ++c)
    {
        const auto size = static_cast<uint32_t>(std::max(1.0, std::round(sizes[c])));
        BuildBasis(std::min(size, A), m_bases[c]);
    }
    m_nJ = m_bases[LOCAL].size;
    m_serviceScale.resize(m_nS);
    m_basisOffset.resize(m_nS);
    uint32_t offset = 0;
    for (uint32_t s = 0; s < m_nS; ++s)
    {
        m_serviceScale[s] = ScaleOfCategory(m_catalog->Get(s).category);
        m_bases[m_serviceScale[s]].services.push_back(s);
        m_basisOffset[s] = offset;
        offset += m_bases[m_serviceScale[s]].size;
    }
}

void
SyntheticTrafficGenerator::BuildBasis(uint32_t J, Basis& basis)
{
    NS_LOG_FUNCTION(this << J);
    const uint32_t A = m_nA;
    basis.size = J;

    // k-means++ seeding on the antenna positions, then Lloyd iterations: centres follow the
    // antenna density, so dense areas get more (and narrower) bumps.
    std::vector<Vector> c;
    c.reserve(J);
    c.push_back(m_positions[m_uniform->GetInteger(0, A - 1)]);
    std::vector<double> d2(A, std::numeric_limits<double>::infinity());
    while (c.size() < J)
    {
        double total = 0.0;
        for (uint32_t a = 0; a < A; ++a)
        {
            d2[a] = std::min(d2[a], Dist2(m_positions[a], c.back()));
            total += d2[a];
        }
        uint32_t pick = A - 1;
        if (total > 0.0)
        {
            double u = m_uniform->GetValue(0.0, total);
            for (uint32_t a = 0; a < A; ++a)
            {
                u -= d2[a];
                if (u < 0.0)
                {
                    pick = a;
                    break;
                }
            }
        }
        else
        {
            pick = m_uniform->GetInteger(0, A - 1);
        }
        c.push_back(m_positions[pick]);
    }
    const double work = static_cast<double>(A) * J;
    const uint32_t iterations = static_cast<uint32_t>(std::max(1.0, std::min(20.0, 4e8 / work)));
    std::vector<uint32_t> assign(A, 0);
    for (uint32_t it = 0; it < iterations; ++it)
    {
        for (uint32_t a = 0; a < A; ++a)
        {
            double best = std::numeric_limits<double>::infinity();
            for (uint32_t j = 0; j < J; ++j)
            {
                const double v = Dist2(m_positions[a], c[j]);
                if (v < best)
                {
                    best = v;
                    assign[a] = j;
                }
            }
        }
        std::vector<double> sx(J, 0.0);
        std::vector<double> sy(J, 0.0);
        std::vector<uint32_t> n(J, 0);
        for (uint32_t a = 0; a < A; ++a)
        {
            sx[assign[a]] += m_positions[a].x;
            sy[assign[a]] += m_positions[a].y;
            ++n[assign[a]];
        }
        for (uint32_t j = 0; j < J; ++j)
        {
            if (n[j] > 0)
            {
                c[j] = Vector(sx[j] / n[j], sy[j] / n[j], 0.0);
            }
        }
    }
    basis.centres = c;

    // Widths: a fraction of the distance to the nearest other centre (one centre: the RMS
    // distance of the antennas to it).
    std::vector<double> width(J);
    for (uint32_t j = 0; j < J; ++j)
    {
        double best = std::numeric_limits<double>::infinity();
        for (uint32_t i = 0; i < J; ++i)
        {
            if (i != j)
            {
                best = std::min(best, Dist2(c[i], c[j]));
            }
        }
        if (J == 1)
        {
            double s = 0.0;
            for (const auto& p : m_positions)
            {
                s += Dist2(p, c[0]);
            }
            best = s / A;
        }
        width[j] = std::max(1.0, m_basisWidth * std::sqrt(best));
    }

    // Sparse rows: bumps within a factor 1e-2 of the antenna's largest one, rows of unit
    // Euclidean norm (so each antenna's fluctuation has unit variance before scaling).
    auto& rowStart = basis.rowStart;
    auto& rowCol = basis.rowCol;
    auto& rowVal = basis.rowVal;
    rowStart.assign(1, 0);
    rowCol.clear();
    rowVal.clear();
    std::vector<double> logv(J);
    const double cut = std::log(1e-2);
    for (uint32_t a = 0; a < A; ++a)
    {
        double best = -std::numeric_limits<double>::infinity();
        for (uint32_t j = 0; j < J; ++j)
        {
            logv[j] = -Dist2(m_positions[a], c[j]) / (2.0 * width[j] * width[j]);
            best = std::max(best, logv[j]);
        }
        const size_t first = rowVal.size();
        double norm = 0.0;
        for (uint32_t j = 0; j < J; ++j)
        {
            if (logv[j] >= best + cut)
            {
                const double v = std::exp(logv[j] - best);
                rowCol.push_back(j);
                rowVal.push_back(v);
                norm += v * v;
            }
        }
        norm = std::sqrt(norm);
        for (size_t i = first; i < rowVal.size(); ++i)
        {
            rowVal[i] /= norm;
        }
        rowStart.push_back(static_cast<uint32_t>(rowVal.size()));
    }
    NS_LOG_INFO(J << " basis functions, " << static_cast<double>(rowVal.size()) / A
                  << " per antenna on average");
}

void
SyntheticTrafficGenerator::BuildEvents()
{
    NS_LOG_FUNCTION(this);
    const uint32_t A = m_nA;
    m_events.clear();
    m_eventFootprint.clear();
    m_eventsByDay.assign(m_days, {});

    Vector centroid(0, 0, 0);
    for (const auto& p : m_positions)
    {
        centroid.x += p.x / A;
        centroid.y += p.y / A;
    }
    // Venues: stadiums away from the centre, concert halls anywhere (density-weighted by the
    // layout itself), fair grounds anywhere.
    std::vector<uint32_t> venue(m_nVenues);
    std::vector<uint32_t> venueType(m_nVenues);
    std::vector<uint32_t> away;
    for (uint32_t a = 0; a < A; ++a)
    {
        if (Dist2(m_positions[a], centroid) > 1500.0 * 1500.0)
        {
            away.push_back(a);
        }
    }
    for (uint32_t v = 0; v < m_nVenues; ++v)
    {
        venueType[v] = v % N_EVENT_TYPES;
        if (venueType[v] == 0 && !away.empty())
        {
            venue[v] = away[m_eventUniform->GetInteger(0, away.size() - 1)];
        }
        else
        {
            venue[v] = m_eventUniform->GetInteger(0, A - 1);
        }
    }

    std::vector<std::array<double, 9>> lifts(N_EVENT_TYPES);
    for (uint32_t d = 0; d < m_days; ++d)
    {
        // Poisson number of events by inversion.
        uint32_t n = 0;
        if (m_eventsPerDay > 0.0)
        {
            const double u = m_eventUniform->GetValue();
            double p = std::exp(-m_eventsPerDay);
            double cdf = p;
            while (u > cdf && n < 1000)
            {
                ++n;
                p *= m_eventsPerDay / n;
                cdf += p;
            }
        }
        for (uint32_t i = 0; i < n; ++i)
        {
            TrafficEvent e;
            uint32_t type = 0;
            if (m_nVenues == 0 || m_eventUniform->GetValue() < m_streetEventProb)
            {
                e.antenna = m_eventUniform->GetInteger(0, A - 1);
                type = m_eventUniform->GetInteger(0, N_EVENT_TYPES - 1);
            }
            else
            {
                const uint32_t v = m_eventUniform->GetInteger(0, m_nVenues - 1);
                e.antenna = venue[v];
                type = venueType[v];
            }
            e.type = EVENT_NAMES[type];
            e.centre = m_positions[e.antenna];
            const double hour =
                m_eventUniform->GetValue(EVENT_START[type][0], EVENT_START[type][1]);
            e.start = d * 86400.0 + hour * 3600.0;
            e.duration = m_eventUniform->GetValue(m_eventDurationMin.GetSeconds(),
                                                  m_eventDurationMax.GetSeconds());
            e.ramp = std::min(m_eventRamp.GetSeconds(), 0.5 * e.duration);
            e.radius = m_eventUniform->GetValue(m_eventRadiusMin, m_eventRadiusMax);
            e.intensity = m_eventIntensity * m_eventUniform->GetValue(0.5, 1.5);
            e.lift.assign(m_nS, 0.5);
            for (uint32_t s = 0; s < m_nS; ++s)
            {
                const auto& sd = m_catalog->Get(s);
                const int32_t col = ServiceColumn(sd.name, sd.category);
                if (col >= 0)
                {
                    e.lift[s] = EVENT_LIFT[type][col];
                }
            }
            m_events.push_back(e);
        }
    }
    std::stable_sort(m_events.begin(),
                     m_events.end(),
                     [](const auto& x, const auto& y) { return x.start < y.start; });
    for (uint32_t i = 0; i < m_events.size(); ++i)
    {
        const auto& e = m_events[i];
        std::vector<std::pair<uint32_t, double>> fp;
        for (uint32_t a = 0; a < A; ++a)
        {
            const double r2 = Dist2(m_positions[a], e.centre);
            if (r2 <= 9.0 * e.radius * e.radius)
            {
                fp.emplace_back(a, std::exp(-r2 / (2.0 * e.radius * e.radius)));
            }
        }
        m_eventFootprint.push_back(fp);
        const auto d0 = static_cast<uint64_t>(std::floor(e.start / 86400.0));
        const auto d1 = static_cast<uint64_t>(std::floor((e.start + e.duration) / 86400.0));
        for (uint64_t d = d0; d <= d1 && d < m_days; ++d)
        {
            m_eventsByDay[d].push_back(i);
        }
    }
}

double
SyntheticTrafficGenerator::EventShape(const TrafficEvent& e, double t0, double t1)
{
    // Integral of the trapezoid (ramp r, total duration D) from its start to start + u.
    const double r = e.ramp;
    const double dur = e.duration;
    auto integral = [r, dur](double u)
    {
        if (u <= 0.0)
        {
            return 0.0;
        }
        if (u >= dur)
        {
            return dur - r;
        }
        if (r <= 0.0)
        {
            return u;
        }
        if (u <= r)
        {
            return u * u / (2.0 * r);
        }
        if (u <= dur - r)
        {
            return 0.5 * r + (u - r);
        }
        const double left = dur - u;
        return dur - r - left * left / (2.0 * r);
    };
    return (integral(t1 - e.start) - integral(t0 - e.start)) / (t1 - t0);
}

void
SyntheticTrafficGenerator::SlotTable(uint64_t slot, std::vector<double>& table) const
{
    const uint64_t day = slot / m_spd;
    const uint32_t sod = static_cast<uint32_t>(slot % m_spd);
    const double hour = 24.0 * (sod + 0.5) / m_spd; // the slot's middle
    const DayType dt = m_calendar->GetDayType(day);
    const uint32_t wd = m_calendar->GetWeekday(day);
    const uint32_t di = dt == DayType::WORKDAY ? 0 : 1;
    const double level = dt == DayType::WORKDAY ? 1.0 : m_holidayLevel;
    double rk[K];
    for (uint32_t k = 0; k < K; ++k)
    {
        rk[k] = Interpolate(AREA_PROFILE[k][di], hour) * AREA_WEEKDAY[k][wd];
    }
    table.resize(K * m_nS);
    for (uint32_t s = 0; s < m_nS; ++s)
    {
        const double act = m_catalog->GetActivity(s, dt, hour) * level;
        double norm = 0.0;
        for (uint32_t k = 0; k < K; ++k)
        {
            norm += m_wbar[k] * m_mult[k * m_nS + s] * rk[k];
        }
        for (uint32_t k = 0; k < K; ++k)
        {
            table[k * m_nS + s] = norm > 0.0 ? act * m_mult[k * m_nS + s] * rk[k] / norm : 0.0;
        }
    }
}

void
SyntheticTrafficGenerator::ApplyEvents(uint64_t slot, DemandMatrix& demand) const
{
    const uint64_t day = slot / m_spd;
    if (day >= m_eventsByDay.size() || m_eventsByDay[day].empty())
    {
        return;
    }
    const double t0 = slot * m_slotSeconds;
    const double t1 = t0 + m_slotSeconds;
    double* out = demand.Data();
    for (uint32_t i : m_eventsByDay[day])
    {
        const auto& e = m_events[i];
        if (e.start >= t1 || e.start + e.duration <= t0)
        {
            continue;
        }
        const double shape = EventShape(e, t0, t1) * e.intensity;
        for (const auto& [a, w] : m_eventFootprint[i])
        {
            for (uint32_t s = 0; s < m_nS; ++s)
            {
                out[static_cast<size_t>(s) * m_nA + a] *= 1.0 + shape * w * e.lift[s];
            }
        }
    }
}

void
SyntheticTrafficGenerator::BuildNormalisation()
{
    NS_LOG_FUNCTION(this);
    const uint64_t nSlots = static_cast<uint64_t>(m_days) * m_spd;
    const double btotal = std::accumulate(m_base.begin(), m_base.end(), 0.0);
    std::vector<double> volume(m_nS, 0.0);
    std::vector<double> table;
    m_scale.assign(m_nS, 1.0);
    // Without events the service's city-wide demand in a slot is its activity times the total
    // base load (the area terms only redistribute it in space).
    for (uint64_t t = 0; t < nSlots; ++t)
    {
        const uint64_t day = t / m_spd;
        const double hour = 24.0 * ((t % m_spd) + 0.5) / m_spd;
        const DayType dt = m_calendar->GetDayType(day);
        const double level = dt == DayType::WORKDAY ? 1.0 : m_holidayLevel;
        for (uint32_t s = 0; s < m_nS; ++s)
        {
            volume[s] += m_catalog->GetActivity(s, dt, hour) * level * btotal;
        }
    }
    // Events add volume: computed exactly on the realised schedule, with unit scales.
    DemandMatrix mean;
    DemandMatrix lifted;
    for (uint64_t t = 0; t < nSlots && !m_events.empty(); ++t)
    {
        const uint64_t day = t / m_spd;
        if (m_eventsByDay[day].empty())
        {
            continue;
        }
        bool active = false;
        const double t0 = t * m_slotSeconds;
        for (uint32_t i : m_eventsByDay[day])
        {
            active = active || (m_events[i].start < t0 + m_slotSeconds &&
                                m_events[i].start + m_events[i].duration > t0);
        }
        if (!active)
        {
            continue;
        }
        SlotTable(t, table);
        mean.Resize(m_nS, m_nA);
        for (uint32_t a = 0; a < m_nA; ++a)
        {
            for (uint32_t s = 0; s < m_nS; ++s)
            {
                double mu = 0.0;
                for (uint32_t k = 0; k < K; ++k)
                {
                    mu += m_h[a * K + k] * table[k * m_nS + s];
                }
                mean(s, a) = mu;
            }
        }
        lifted = mean;
        ApplyEvents(t, lifted);
        for (uint32_t s = 0; s < m_nS; ++s)
        {
            volume[s] += lifted.ServiceTotal(s) - mean.ServiceTotal(s);
        }
    }
    const double total = m_meanDemand * m_nA * static_cast<double>(nSlots);
    for (uint32_t s = 0; s < m_nS; ++s)
    {
        m_scale[s] = volume[s] > 0.0 ? m_catalog->Get(s).share * total / volume[s] : 0.0;
    }
}

void
SyntheticTrafficGenerator::ResetState()
{
    SlotRng rng(m_key, INITIAL_STATE_COUNTER);
    m_state.basis.resize(m_basisOffset.back() + m_bases[m_serviceScale.back()].size);
    m_state.common.resize(m_nJ);
    m_state.idio.resize(static_cast<size_t>(m_nA) * m_nS);
    for (auto& v : m_state.basis)
    {
        v = rng.Normal();
    }
    for (auto& v : m_state.common)
    {
        v = rng.Normal();
    }
    for (auto& v : m_state.idio)
    {
        v = rng.Normal();
    }
    m_next = 0;
}

void
SyntheticTrafficGenerator::Step(uint64_t slot, DemandMatrix* demand)
{
    const uint32_t S = m_nS;
    const uint32_t A = m_nA;
    const uint32_t J = m_nJ;
    SlotRng rng(m_key, slot);

    // Basis AR(1) processes: per service, then common.
    double* zb = m_state.basis.data();
    for (uint32_t s = 0; s < S; ++s)
    {
        double* z = zb + m_basisOffset[s];
        const uint32_t size = m_bases[m_serviceScale[s]].size;
        for (uint32_t j = 0; j < size; ++j)
        {
            z[j] = m_rho[s] * z[j] + m_innov[s] * rng.Normal();
        }
    }
    const double dt = m_slotSeconds;
    const double rhoC = std::exp(-dt / m_commonTime.GetSeconds());
    const double innC = std::sqrt(1.0 - rhoC * rhoC);
    for (uint32_t j = 0; j < J; ++j)
    {
        m_state.common[j] = rhoC * m_state.common[j] + innC * rng.Normal();
    }
    const double rhoI = std::exp(-dt / m_idioTime.GetSeconds());
    const double innI = std::sqrt(1.0 - rhoI * rhoI);
    double* ei = m_state.idio.data();

    if (!demand)
    {
        // Only advance: the same draws in the same order.
        const size_t n = static_cast<size_t>(A) * S;
        for (size_t i = 0; i < n; ++i)
        {
            ei[i] = rhoI * ei[i] + innI * rng.FastNormal();
        }
        m_next = slot + 1;
        return;
    }

    SlotTable(slot, m_table);
    for (uint32_t k = 0; k < K; ++k)
    {
        for (uint32_t s = 0; s < S; ++s)
        {
            m_table[k * S + s] *= m_scale[s];
        }
    }
    const uint64_t day = slot / m_spd;
    const double* xi = m_dayNoise.data() + day * J;
    demand->Resize(S, A);
    double* out = demand->Data();
    m_scratch.resize(S);
    double* gs = m_scratch.data();
    const double sc = m_commonVolatility;
    const double sd = m_daySigma;
    const double si = m_idioSigma;
    for (uint32_t a = 0; a < A; ++a)
    {
        double gc = 0.0;
        double gd = 0.0;
        for (uint32_t c = 0; c < 3; ++c)
        {
            const Basis& b = m_bases[c];
            const uint32_t i0 = b.rowStart[a];
            const uint32_t i1 = b.rowStart[a + 1];
            const uint32_t* col = b.rowCol.data();
            const double* val = b.rowVal.data();
            for (uint32_t s : b.services)
            {
                const double* z = zb + m_basisOffset[s];
                double acc = 0.0;
                for (uint32_t i = i0; i < i1; ++i)
                {
                    acc += val[i] * z[col[i]];
                }
                gs[s] = acc;
            }
            if (c == LOCAL)
            {
                for (uint32_t i = i0; i < i1; ++i)
                {
                    gc += val[i] * m_state.common[col[i]];
                    gd += val[i] * xi[col[i]];
                }
            }
        }
        const double shared = sc * gc + sd * gd;
        const double* h = m_h.data() + a * K;
        double* e = ei + static_cast<size_t>(a) * S;
        for (uint32_t s = 0; s < S; ++s)
        {
            e[s] = rhoI * e[s] + innI * rng.FastNormal();
            double mu = 0.0;
            for (uint32_t k = 0; k < K; ++k)
            {
                mu += h[k] * m_table[k * S + s];
            }
            out[static_cast<size_t>(s) * A + a] =
                mu * std::exp(m_sigma[s] * gs[s] + si * e[s] + shared + m_logShift[s]);
        }
    }
    ApplyEvents(slot, *demand);
    m_next = slot + 1;
}

void
SyntheticTrafficGenerator::GetMeanDemand(uint64_t slot, DemandMatrix& demand)
{
    NS_LOG_FUNCTION(this << slot);
    EnsureBuilt();
    if (slot >= GetNSlots())
    {
        throw InputError("SyntheticTrafficGenerator: slot " + std::to_string(slot) +
                         " is beyond the horizon of " + std::to_string(GetNSlots()) +
                         " slots (attribute Days)");
    }
    std::vector<double> table;
    SlotTable(slot, table);
    demand.Resize(m_nS, m_nA);
    for (uint32_t a = 0; a < m_nA; ++a)
    {
        for (uint32_t s = 0; s < m_nS; ++s)
        {
            double mu = 0.0;
            for (uint32_t k = 0; k < K; ++k)
            {
                mu += m_h[a * K + k] * table[k * m_nS + s];
            }
            demand(s, a) = mu * m_scale[s];
        }
    }
    ApplyEvents(slot, demand);
}

void
SyntheticTrafficGenerator::GetDemand(uint64_t slot, DemandMatrix& demand)
{
    NS_LOG_FUNCTION(this << slot);
    EnsureBuilt();
    if (slot >= GetNSlots())
    {
        throw InputError("SyntheticTrafficGenerator: slot " + std::to_string(slot) +
                         " is beyond the horizon of " + std::to_string(GetNSlots()) +
                         " slots (attribute Days)");
    }
    if (m_hasLast && slot == m_lastSlot)
    {
        demand = m_last;
        m_demandTrace(slot, demand);
        return;
    }
    const uint64_t interval = static_cast<uint64_t>(m_checkpointDays) * m_spd;
    // Jump to the nearest checkpoint at or before the slot if that is needed (going back) or
    // saves work (going forward past a checkpoint stored on an earlier pass).
    if (slot < m_next || interval > 0)
    {
        uint64_t target = 0;
        bool found = false;
        if (interval > 0)
        {
            auto it = m_checkpoints.upper_bound(slot);
            if (it != m_checkpoints.begin())
            {
                --it;
                target = it->first;
                found = true;
            }
        }
        if (slot < m_next || (found && target > m_next))
        {
            if (found)
            {
                m_state = m_checkpoints[target];
                m_next = target;
            }
            else
            {
                ResetState();
            }
        }
    }
    while (m_next < slot)
    {
        if (interval > 0 && m_next % interval == 0 && m_checkpoints.count(m_next) == 0)
        {
            m_checkpoints[m_next] = m_state;
        }
        Step(m_next, nullptr);
    }
    if (interval > 0 && slot % interval == 0 && m_checkpoints.count(slot) == 0)
    {
        m_checkpoints[slot] = m_state;
    }
    Step(slot, &demand);
    m_last = demand;
    m_lastSlot = slot;
    m_hasLast = true;
    m_demandTrace(slot, demand);
}

} // namespace ns3
