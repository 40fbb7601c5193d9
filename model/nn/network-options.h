/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_NETWORK_OPTIONS_H
#define MICROSCOPE_NETWORK_OPTIONS_H

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief Shape and size of a decomposition network (private to model/nn; no LibTorch).
 *
 * Input: [B, channels, history, rows, cols] — the last T aggregate snapshots on the grid, plus
 * optional calendar channels. Output: [B, services, rows, cols].
 */
struct NetworkOptions
{
    int64_t history{6};  //!< T, snapshots per sample
    int64_t channels{1}; //!< input channels: 1 (aggregate) or 4 (with calendar features)
    int64_t rows{1};     //!< grid rows
    int64_t cols{1};     //!< grid columns
    int64_t services{9}; //!< output channels, one per service
    /**
     * "small": widths and depths that train in minutes on 2 cores;
     * "paper": the Microscope paper's Table 1 sizes (MLP 5 x 1000, LSTM 3 x 500, ConvLSTM
     * 3 x 108; for the convolutional models of Fig. 8, whose widths the text does not give,
     * a width of 64 maps).
     */
    std::string size{"small"};
    /**
     * Add a learned bias per service and grid point to the output. Convolutions are the same
     * at every grid point; this bias lets a network learn each node's usual service mix (what
     * the historical baseline knows from its per-node statistics). Not in the paper.
     */
    bool positionBias{true};
    /**
     * Scale the network's output by a learned gate that starts at 0 (a residual model: with
     * a historical prior added outside the network, training starts from the baseline's
     * estimate). Not in the paper.
     */
    bool outputGate{false};
};

} // namespace ns3

#endif /* MICROSCOPE_NETWORK_OPTIONS_H */
