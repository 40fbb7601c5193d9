/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_ANTENNA_LAYOUT_HELPER_H
#define MICROSCOPE_ANTENNA_LAYOUT_HELPER_H

#include "ns3/metro-layout-generator.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/vector.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

class AttributeValue;

/**
 * \ingroup microscope
 * \brief Builds antenna layouts with a MetroLayoutGenerator and installs one ns-3 Node per
 * antenna.
 *
 * \code
 *   AntennaLayoutHelper layout;
 *   layout.SetGeneratorAttribute("NumAntennas", UintegerValue(200));
 *   layout.AssignStreams(10);
 *   std::vector<Vector> positions = layout.Generate();
 *   NodeContainer antennas = layout.Install(positions);
 * \endcode
 */
class AntennaLayoutHelper
{
public:
    /// A helper whose generator is an ns3::MetroLayoutGenerator with default attributes.
    AntennaLayoutHelper();

    /**
     * Set an attribute of the generator (ns3::MetroLayoutGenerator), now and for later.
     * \param name the attribute name.
     * \param value the value.
     */
    void SetGeneratorAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Draw a layout with the generator.
     * \return the antenna positions in metres (z = 0).
     * \throw InputError if the generator's attributes are inconsistent.
     */
    std::vector<Vector> Generate();

    /**
     * Create one Node per antenna, each with a ConstantPositionMobilityModel at its position.
     * \param positions the antenna positions.
     * \return the nodes, in the order of positions.
     */
    NodeContainer Install(const std::vector<Vector>& positions) const;

    /**
     * Assign fixed random variable stream numbers to the generator.
     * \param stream first stream index to use
     * \return the number of stream indices assigned
     */
    int64_t AssignStreams(int64_t stream);

    /// \return the generator (created from the factory on first use).
    Ptr<MetroLayoutGenerator> GetGenerator();

private:
    ObjectFactory m_factory;               //!< factory of the generator
    Ptr<MetroLayoutGenerator> m_generator; //!< the generator, once created
};

} // namespace ns3

#endif /* MICROSCOPE_ANTENNA_LAYOUT_HELPER_H */
