/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * GoogleTest cases of the zone forecasting networks (model/nn/, LibTorch only, no ns-3
 * simulator). The ZoneForecaster object that trains them is an ns-3 Object and keeps its
 * TestSuite (microscope-forecast).
 */

#include "../../model/nn/gru-forecaster.h"
#include "../../model/nn/lstm-forecaster.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace ns3;

// LSTM and GRU output shapes: one forecast per sequence, with ReLU and with tanh.
TEST(Forecasters, OutputShapes)
{
    torch::manual_seed(1);
    for (bool relu : {true, false})
    {
        SCOPED_TRACE(relu ? "relu" : "tanh");
        LstmForecaster lstm(1, 8, 2, relu);
        GruForecaster gru(1, 8, 2, relu);
        auto x = torch::rand({5, 24, 1});
        auto yl = lstm->forward(x);
        auto yg = gru->forward(x);
        EXPECT_TRUE(yl.sizes() == torch::IntArrayRef({5, 1})) << "LSTM [B, 1]";
        EXPECT_TRUE(yg.sizes() == torch::IntArrayRef({5, 1})) << "GRU [B, 1]";
    }
}
