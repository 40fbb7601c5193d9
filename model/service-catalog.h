/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_SERVICE_CATALOG_H
#define MICROSCOPE_SERVICE_CATALOG_H

#include "traffic-calendar.h"

#include "ns3/object.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief One mobile service and the network slice that carries it.
 */
struct ServiceDescriptor
{
    std::string name;          //!< service name, unique in a catalog (e.g. "YouTube")
    std::string category;      //!< streaming, social, messaging, web or gaming
    double share{0};           //!< share of the catalog's total volume; shares sum to 1
    std::string slice;         //!< QoS class of the service's slice (e.g. "embb-video")
    uint32_t qci{9};           //!< QCI of the EPS bearer that carries it (3GPP TS 23.203)
    double slaDelivered{0.99}; //!< SLA: least share of the offered traffic delivered in a slot
    double slaDelayMs{300};    //!< SLA: bound on the 95th percentile of the packet delay
    double volatility{0.2};    //!< relative size of the service's short-term fluctuations
    std::array<double, 24> workdayProfile{}; //!< hourly activity on workdays, mean 1
    std::array<double, 24> holidayProfile{}; //!< hourly activity on weekends and holidays, mean 1
};

/**
 * \ingroup microscope
 * \brief The set of services whose demands are decomposed, each with its traffic share, its
 * daily profiles and its slice's QoS class.
 *
 * The built-in default holds the nine services of the Microscope paper (Sec. 6.1): Supercell
 * games, Snapchat, WhatsApp, Facebook, Twitter, Instagram, YouTube, Spotify and Google
 * services, with a Zipf-like spread of volume (streaming dominant, gaming small) and
 * service-specific daily profiles; see the module documentation for their provenance.
 *
 * A catalog file is a CSV with the header
 * `name,category,share,slice,qci,sla_delivered,sla_delay_ms,volatility,wd00,...,wd23,ho00,...,ho23`
 * (the last 48 columns are the hourly workday and holiday profiles). Lines starting with '#'
 * are comments. WriteCsv() writes the default in this format, as a template.
 */
class ServiceCatalog : public Object
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// An empty catalog; see CreateDefault() and Load().
    ServiceCatalog();
    ~ServiceCatalog() override;

    /// \return a new catalog holding the nine services of the Microscope paper.
    static Ptr<ServiceCatalog> CreateDefault();

    /**
     * Replace the services with those of a catalog file.
     * \param path the CSV file.
     * \throw InputError naming the file and line on malformed content.
     */
    void Load(const std::string& path);

    /**
     * Write the catalog in the file format that Load() reads.
     * \param path the CSV file to write.
     */
    void WriteCsv(const std::string& path) const;

    /**
     * Replace the services. Shares are renormalised to sum to 1 and profiles to mean 1.
     * \param services the services.
     * \throw InputError if a service is invalid or two share a name.
     */
    void SetServices(const std::vector<ServiceDescriptor>& services);

    /// \return the number of services.
    uint32_t GetN() const;

    /**
     * \param index a service index.
     * \return the service.
     */
    const ServiceDescriptor& Get(uint32_t index) const;

    /// \return the service names, in index order.
    std::vector<std::string> GetNames() const;

    /**
     * \param name a service name (exact match).
     * \return its index, or -1 if the catalog has no such service.
     */
    int32_t Find(const std::string& name) const;

    /**
     * The service's relative activity at a time of day: the hourly profile of the day type,
     * interpolated linearly between hour centres (it wraps around midnight).
     * \param index a service index.
     * \param type the day type.
     * \param hour hour of the day in [0, 24).
     * \return the relative activity (mean 1 over the day).
     */
    double GetActivity(uint32_t index, DayType type, double hour) const;

private:
    std::vector<ServiceDescriptor> m_services; //!< the services
};

} // namespace ns3

#endif /* MICROSCOPE_SERVICE_CATALOG_H */
