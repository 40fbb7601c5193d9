/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_NEURAL_MODEL_INFO_H
#define MICROSCOPE_NEURAL_MODEL_INFO_H

#include "ns3/vector.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The shape a trained decomposition model was made for, stored in its model file: a
 * model only runs in a scenario of the same shape (level, interval, T, grid and node layout,
 * services), and NeuralDecomposer refuses any other with an error that names the difference.
 */
struct NeuralModelInfo
{
    std::string architecture;          //!< mlp, cnn, lstm, convlstm, zipnet, defcnn, 3d-defcnn
    std::string loss;                  //!< regression, ratio-mse, ratio-ce, cost
    std::string size{"small"};         //!< small or paper
    std::string level;                 //!< antenna, mec, cran, core
    double intervalMin{5};             //!< management interval (minutes)
    uint32_t history{6};               //!< T
    uint32_t intervalsPerDay{288};     //!< management intervals per day
    uint32_t rows{0};                  //!< grid rows
    uint32_t cols{0};                  //!< grid columns
    double kappa{0};                   //!< grid scaling used by the mapping
    std::vector<uint32_t> cells;       //!< node -> grid cell (row * cols + col)
    std::vector<Vector> positions;     //!< node positions (m), to recognise the layout
    std::vector<std::string> services; //!< service names, in output channel order
    bool calendarFeatures{true};       //!< input has time-of-day and day-type channels
    bool positionBias{true};           //!< output has a learned bias per service and point
    bool historicalPrior{false};       //!< output is a correction of the historical shares
    /// input has a channel of each node's log aggregate minus its usual (training-mean) log
    /// aggregate at that day type and time of day
    bool levelDeviation{false};
    double scale{1};          //!< normalisation: Mbps per unit of network input/output
    double costAlpha{1};      //!< cost-aware loss alpha
    double costEpsilon{0.01}; //!< cost-aware loss epsilon
    std::string scenario;     //!< free text: the scenario it was trained on
    std::string command;      //!< the command that trained it

    /// Largest grid (rows x cols) a model file may record.
    static constexpr uint64_t MAX_GRID_CELLS = 1ULL << 24;

    /**
     * \return the shape as the JSON text that a model file records.
     */
    std::string ToJson() const;

    /**
     * Read a model file's shape record (before any tensor is read).
     * \param text the JSON text.
     * \return the shape.
     * \throw InputError if the text is not JSON, lacks a key, or holds a value of the wrong
     *        type or range (integers in [0, 2^32), finite numbers).
     */
    static NeuralModelInfo FromJson(const std::string& text);

    /**
     * Check that the shape is consistent: one cell and one position per node, every cell inside
     * a grid of at most MAX_GRID_CELLS cells, a positive finite scale.
     * \throw InputError naming what is wrong.
     */
    void CheckShape() const;

    /**
     * Why the model does not fit a level of a scenario (the check that --decomposer=auto makes
     * before choosing the neural lane): another node layout (a position more than 1 m away),
     * another management interval or T, or other services.
     * \param nodePositions the level's node positions (m), in node order.
     * \param minutes the level's management interval, in minutes.
     * \param historyLength the scenario's T.
     * \param serviceNames the scenario's services, in catalog order.
     * \return an empty string if it fits, else the reason ("was trained on another layout
     *         (SCENARIO)", "was trained for another interval or history", "was trained for
     *         other services").
     */
    std::string WhyUnfit(const std::vector<Vector>& nodePositions,
                         double minutes,
                         uint32_t historyLength,
                         const std::vector<std::string>& serviceNames) const;

    /// \return the number of input channels.
    uint32_t GetChannels() const
    {
        return (calendarFeatures ? 4 : 1) + (levelDeviation ? 1 : 0);
    }
};

} // namespace ns3

#endif /* MICROSCOPE_NEURAL_MODEL_INFO_H */
