/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "metro-layout-generator.h"

#include "input-error.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MetroLayoutGenerator");

NS_OBJECT_ENSURE_REGISTERED(MetroLayoutGenerator);

TypeId
MetroLayoutGenerator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::MetroLayoutGenerator")
            .SetParent<Object>()
            .SetGroupName("Microscope")
            .AddConstructor<MetroLayoutGenerator>()
            .AddAttribute("NumAntennas",
                          "Number of antennas (radio front-ends) to place. The Microscope "
                          "paper's metropolitan deployment has 792.",
                          UintegerValue(792),
                          MakeUintegerAccessor(&MetroLayoutGenerator::m_nAntennas),
                          MakeUintegerChecker<uint32_t>(1, 100000))
            .AddAttribute("RegionWidth",
                          "Extent of the rectangular region along x, in metres; the region is "
                          "centred on the origin, the city centre.",
                          DoubleValue(16000.0),
                          MakeDoubleAccessor(&MetroLayoutGenerator::m_width),
                          MakeDoubleChecker<double>(10.0, 1e6))
            .AddAttribute("RegionHeight",
                          "Extent of the rectangular region along y, in metres. The default "
                          "width/height ratio 0.727 gives the paper's 33 x 24 grid.",
                          DoubleValue(22000.0),
                          MakeDoubleAccessor(&MetroLayoutGenerator::m_height),
                          MakeDoubleChecker<double>(10.0, 1e6))
            .AddAttribute("CentreFraction",
                          "Share of the antennas drawn from the dense city centre.",
                          DoubleValue(0.45),
                          MakeDoubleAccessor(&MetroLayoutGenerator::m_centreFraction),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("CentreRadius",
                          "Standard deviation (m) of the isotropic Gaussian from which centre "
                          "antennas are drawn.",
                          DoubleValue(1500.0),
                          MakeDoubleAccessor(&MetroLayoutGenerator::m_centreRadius),
                          MakeDoubleChecker<double>(1.0, 1e6))
            .AddAttribute("NumSubCentres",
                          "Number of secondary centres (suburban towns, business districts).",
                          UintegerValue(4),
                          MakeUintegerAccessor(&MetroLayoutGenerator::m_nSubCentres),
                          MakeUintegerChecker<uint32_t>(0, 100))
            .AddAttribute("SubCentreFraction",
                          "Share of the antennas drawn from the sub-centres, split equally "
                          "among them. The outskirts get 1 - CentreFraction - "
                          "SubCentreFraction, uniform over the region.",
                          DoubleValue(0.25),
                          MakeDoubleAccessor(&MetroLayoutGenerator::m_subCentreFraction),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("SubCentreRadius",
                          "Standard deviation (m) of the Gaussian of each sub-centre.",
                          DoubleValue(700.0),
                          MakeDoubleAccessor(&MetroLayoutGenerator::m_subCentreRadius),
                          MakeDoubleChecker<double>(1.0, 1e6))
            .AddAttribute("SubCentreDistanceMin",
                          "Least distance (m) of a sub-centre from the city centre.",
                          DoubleValue(3500.0),
                          MakeDoubleAccessor(&MetroLayoutGenerator::m_subCentreDistMin),
                          MakeDoubleChecker<double>(0.0, 1e6))
            .AddAttribute("SubCentreDistanceMax",
                          "Largest distance (m) of a sub-centre from the city centre; "
                          "sub-centres are also kept one SubCentreRadius inside the region.",
                          DoubleValue(7000.0),
                          MakeDoubleAccessor(&MetroLayoutGenerator::m_subCentreDistMax),
                          MakeDoubleChecker<double>(0.0, 1e6))
            .AddAttribute("MinSpacing",
                          "Least distance (m) between two antennas: a draw closer than this "
                          "to an antenna already placed is redrawn, so no two coincide.",
                          DoubleValue(50.0),
                          MakeDoubleAccessor(&MetroLayoutGenerator::m_minSpacing),
                          MakeDoubleChecker<double>(0.1, 1e5))
            .AddAttribute("MaxTries",
                          "Draws per antenna before Generate() gives up with an InputError "
                          "(the region is too crowded for MinSpacing).",
                          UintegerValue(10000),
                          MakeUintegerAccessor(&MetroLayoutGenerator::m_maxTries),
                          MakeUintegerChecker<uint32_t>(1, 10000000));
    return tid;
}

MetroLayoutGenerator::MetroLayoutGenerator()
    : m_nAntennas(792),
      m_width(16000.0),
      m_height(22000.0),
      m_centreFraction(0.45),
      m_centreRadius(1500.0),
      m_nSubCentres(4),
      m_subCentreFraction(0.25),
      m_subCentreRadius(700.0),
      m_subCentreDistMin(3500.0),
      m_subCentreDistMax(7000.0),
      m_minSpacing(50.0),
      m_maxTries(10000)
{
    NS_LOG_FUNCTION(this);
    m_uniform = CreateObject<UniformRandomVariable>();
    m_normal = CreateObject<NormalRandomVariable>();
    m_normal->SetAttribute("Mean", DoubleValue(0.0));
    m_normal->SetAttribute("Variance", DoubleValue(1.0));
}

MetroLayoutGenerator::~MetroLayoutGenerator()
{
    NS_LOG_FUNCTION(this);
}

void
MetroLayoutGenerator::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_uniform = nullptr;
    m_normal = nullptr;
    Object::DoDispose();
}

int64_t
MetroLayoutGenerator::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_uniform->SetStream(stream);
    m_normal->SetStream(stream + 1);
    return 2;
}

const std::vector<Vector>&
MetroLayoutGenerator::GetSubCentres() const
{
    return m_subCentres;
}

uint64_t
MetroLayoutGenerator::CellKey(int64_t cx, int64_t cy)
{
    // Offset by one so that the neighbours of border cells (-1) stay non-negative.
    return (static_cast<uint64_t>(cx + 1) << 32) | static_cast<uint64_t>(cy + 1);
}

Vector
MetroLayoutGenerator::DrawPoint(
    int32_t component,
    const std::vector<Vector>& placed,
    const std::unordered_map<uint64_t, std::vector<uint32_t>>& grid) const
{
    const double hx = 0.5 * m_width;
    const double hy = 0.5 * m_height;
    const double d2min = m_minSpacing * m_minSpacing;
    for (uint32_t attempt = 0; attempt < m_maxTries; ++attempt)
    {
        Vector p(0, 0, 0);
        if (component < 0)
        {
            p.x = m_uniform->GetValue(-hx, hx);
            p.y = m_uniform->GetValue(-hy, hy);
        }
        else
        {
            const Vector c = component == 0 ? Vector(0, 0, 0) : m_subCentres[component - 1];
            const double r = component == 0 ? m_centreRadius : m_subCentreRadius;
            p.x = c.x + r * m_normal->GetValue();
            p.y = c.y + r * m_normal->GetValue();
        }
        if (p.x < -hx || p.x > hx || p.y < -hy || p.y > hy)
        {
            continue;
        }
        const auto cx = static_cast<int64_t>(std::floor((p.x + hx) / m_minSpacing));
        const auto cy = static_cast<int64_t>(std::floor((p.y + hy) / m_minSpacing));
        bool ok = true;
        for (int64_t dx = -1; dx <= 1 && ok; ++dx)
        {
            for (int64_t dy = -1; dy <= 1 && ok; ++dy)
            {
                auto it = grid.find(CellKey(cx + dx, cy + dy));
                if (it == grid.end())
                {
                    continue;
                }
                for (uint32_t j : it->second)
                {
                    const double ex = placed[j].x - p.x;
                    const double ey = placed[j].y - p.y;
                    if (ex * ex + ey * ey < d2min)
                    {
                        ok = false;
                        break;
                    }
                }
            }
        }
        if (ok)
        {
            return p;
        }
    }
    std::ostringstream msg;
    msg << "could not place antenna " << placed.size() + 1 << " of " << m_nAntennas << " after "
        << m_maxTries << " draws: the "
        << (component < 0 ? std::string("region") : std::string("centre component"))
        << " is too crowded for MinSpacing = " << m_minSpacing
        << " m; lower NumAntennas or MinSpacing, or widen CentreRadius/SubCentreRadius";
    throw InputError::ForAttribute("MinSpacing", msg.str());
}

std::vector<Vector>
MetroLayoutGenerator::Generate()
{
    NS_LOG_FUNCTION(this);
    if (m_centreFraction + m_subCentreFraction > 1.0 + 1e-12)
    {
        throw InputError::ForAttribute("CentreFraction/SubCentreFraction",
                                       "the centre and sub-centre fractions sum to more than 1 (" +
                                           std::to_string(m_centreFraction + m_subCentreFraction) +
                                           ")");
    }
    if (m_subCentreDistMin > m_subCentreDistMax)
    {
        throw InputError::ForAttribute("SubCentreDistanceMin",
                                       "must not exceed SubCentreDistanceMax");
    }
    const double hx = 0.5 * m_width;
    const double hy = 0.5 * m_height;

    // Sub-centres: evenly spread bearings with a random rotation and jitter, random distance,
    // pulled inside the region by one SubCentreRadius (or to the middle if it is too small).
    m_subCentres.clear();
    const double rotation = m_uniform->GetValue(0.0, 2.0 * M_PI);
    for (uint32_t i = 0; i < m_nSubCentres; ++i)
    {
        const double bearing = rotation + 2.0 * M_PI * i / m_nSubCentres +
                               m_uniform->GetValue(-0.3, 0.3) * M_PI / m_nSubCentres;
        const double dist = m_uniform->GetValue(m_subCentreDistMin, m_subCentreDistMax);
        const double mx = std::max(0.0, hx - m_subCentreRadius);
        const double my = std::max(0.0, hy - m_subCentreRadius);
        Vector c(dist * std::cos(bearing), dist * std::sin(bearing), 0.0);
        c.x = std::min(mx, std::max(-mx, c.x));
        c.y = std::min(my, std::max(-my, c.y));
        m_subCentres.push_back(c);
    }

    // Component sizes: rounded shares, the outskirts take the remainder.
    const auto nCentre = static_cast<uint32_t>(std::lround(m_centreFraction * m_nAntennas));
    const uint32_t nSubTotal =
        m_nSubCentres == 0
            ? 0
            : std::min(m_nAntennas - nCentre,
                       static_cast<uint32_t>(std::lround(m_subCentreFraction * m_nAntennas)));
    std::vector<int32_t> components;
    components.reserve(m_nAntennas);
    components.insert(components.end(), nCentre, 0);
    for (uint32_t i = 0; i < nSubTotal; ++i)
    {
        components.push_back(1 + static_cast<int32_t>(i % m_nSubCentres));
    }
    while (components.size() < m_nAntennas)
    {
        components.push_back(-1);
    }

    std::vector<Vector> placed;
    placed.reserve(m_nAntennas);
    std::unordered_map<uint64_t, std::vector<uint32_t>> grid;
    for (int32_t component : components)
    {
        Vector p = DrawPoint(component, placed, grid);
        const auto cx = static_cast<int64_t>(std::floor((p.x + hx) / m_minSpacing));
        const auto cy = static_cast<int64_t>(std::floor((p.y + hy) / m_minSpacing));
        grid[CellKey(cx, cy)].push_back(static_cast<uint32_t>(placed.size()));
        placed.push_back(p);
    }

    // Random order (Fisher-Yates), so that antenna indices carry no information on the area.
    for (uint32_t i = m_nAntennas; i > 1; --i)
    {
        const auto j = static_cast<uint32_t>(m_uniform->GetInteger(0, i - 1));
        std::swap(placed[i - 1], placed[j]);
    }
    NS_LOG_INFO("placed " << placed.size() << " antennas: " << nCentre << " centre, " << nSubTotal
                          << " sub-centres, " << m_nAntennas - nCentre - nSubTotal << " outskirts");
    return placed;
}

} // namespace ns3
