/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "network-factory.h"

#include "../input-error.h"
#include "cnn-net.h"
#include "conv-lstm-net.h"
#include "def-cnn-net.h"
#include "def-cnn3d-net.h"
#include "lstm-net.h"
#include "mlp-net.h"
#include "zip-net.h"

namespace ns3
{

namespace
{

/// Names, in enum order.
const std::vector<std::string> ARCHITECTURE_NAMES =
    {"mlp", "cnn", "lstm", "convlstm", "zipnet", "defcnn", "3d-defcnn"};

} // namespace

Architecture
NetworkFactory::Parse(const std::string& name)
{
    for (size_t i = 0; i < ARCHITECTURE_NAMES.size(); ++i)
    {
        if (ARCHITECTURE_NAMES[i] == name)
        {
            return static_cast<Architecture>(i);
        }
    }
    std::string known;
    for (const auto& n : ARCHITECTURE_NAMES)
    {
        known += (known.empty() ? "" : ", ") + n;
    }
    throw InputError("unknown architecture '" + name + "' (known: " + known + ")");
}

std::string
NetworkFactory::Name(Architecture architecture)
{
    return ARCHITECTURE_NAMES.at(static_cast<size_t>(architecture));
}

std::vector<std::string>
NetworkFactory::Names()
{
    return ARCHITECTURE_NAMES;
}

MtdNetworkPtr
NetworkFactory::Create(Architecture architecture, const NetworkOptions& options)
{
    if (options.size != "small" && options.size != "paper")
    {
        throw InputError("unknown network size '" + options.size + "' (small or paper)");
    }
    if (options.history < 1 || options.rows < 1 || options.cols < 1 || options.services < 1 ||
        options.channels < 1)
    {
        throw InputError("a network needs a positive history, grid, services and channels");
    }
    switch (architecture)
    {
    case Architecture::MLP:
        return MlpNet(options).ptr();
    case Architecture::CNN:
        return CnnNet(options).ptr();
    case Architecture::LSTM:
        return LstmNet(options).ptr();
    case Architecture::CONVLSTM:
        return ConvLstmNet(options).ptr();
    case Architecture::ZIPNET:
        return ZipNet(options).ptr();
    case Architecture::DEFCNN:
        return DefCnnNet(options).ptr();
    case Architecture::DEFCNN3D:
        return DefCnn3dNet(options).ptr();
    }
    throw InputError("unknown architecture");
}

} // namespace ns3
