/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_NETWORK_FACTORY_H
#define MICROSCOPE_NETWORK_FACTORY_H

#include "mtd-network.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The seven decomposition architectures of the Microscope paper (Table 1 and Sec. 4.2).
 */
enum class Architecture
{
    MLP,
    CNN,
    LSTM,
    CONVLSTM,
    ZIPNET,
    DEFCNN,
    DEFCNN3D,
};

/**
 * \ingroup microscope
 * \brief Creates decomposition networks by architecture name.
 */
class NetworkFactory
{
public:
    /**
     * \param name mlp, cnn, lstm, convlstm, zipnet, defcnn or 3d-defcnn.
     * \return the architecture.
     * \throw InputError for any other name.
     */
    static Architecture Parse(const std::string& name);

    /**
     * \param architecture an architecture.
     * \return its name as Parse() reads it.
     */
    static std::string Name(Architecture architecture);

    /// \return every architecture name.
    static std::vector<std::string> Names();

    /**
     * \param architecture the architecture.
     * \param options shape and size ("small" or "paper").
     * \return a new network.
     * \throw InputError on an unknown size.
     */
    static MtdNetworkPtr Create(Architecture architecture, const NetworkOptions& options);
};

} // namespace ns3

#endif /* MICROSCOPE_NETWORK_FACTORY_H */
