/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The check that a trained model fits a level of a scenario (NeuralModelInfo::WhyUnfit(), and
 * NeuralDecomposer::WhyUnfit() on a file), which microscope-slicing makes before it chooses the
 * neural lane: each difference (layout beyond 1 m, interval, T, services, no file) is named,
 * and a shape that fits gives no reason.
 */

#include "ns3/neural-decomposer.h"
#include "ns3/neural-model-info.h"
#include "ns3/nstime.h"
#include "ns3/test.h"

#include <string>
#include <vector>

using namespace ns3;

/**
 * \ingroup microscope-tests
 * Every reason of the fit check, and none for a fitting shape.
 */
class ModelFitReasonsTestCase : public TestCase
{
public:
    ModelFitReasonsTestCase()
        : TestCase("a model's shape against a scenario's level: each difference named")
    {
    }

private:
    void DoRun() override
    {
        NeuralModelInfo info;
        info.positions = {Vector(0, 0, 0), Vector(100, 50, 0), Vector(-30, 400, 0)};
        info.intervalMin = 30;
        info.history = 6;
        info.services = {"video", "chat"};
        info.scenario = "antennas=3 seed=1";
        const std::vector<Vector> nodes = {Vector(0.5, -0.5, 0),
                                           Vector(100, 50.9, 0),
                                           Vector(-30, 400, 0)};
        const std::vector<std::string> services = {"video", "chat"};

        NS_TEST_ASSERT_MSG_EQ(info.WhyUnfit(nodes, 30, 6, services),
                              "",
                              "within 1 m, same interval, T and services: it fits");
        std::vector<Vector> moved = nodes;
        moved[1].y += 1.2;
        NS_TEST_ASSERT_MSG_EQ(info.WhyUnfit(moved, 30, 6, services),
                              "was trained on another layout (antennas=3 seed=1)",
                              "a node 1.2 m away");
        moved = nodes;
        moved.pop_back();
        NS_TEST_ASSERT_MSG_EQ(info.WhyUnfit(moved, 30, 6, services),
                              "was trained on another layout (antennas=3 seed=1)",
                              "another node count");
        NS_TEST_ASSERT_MSG_EQ(info.WhyUnfit(nodes, 5, 6, services),
                              "was trained for another interval or history",
                              "another interval");
        NS_TEST_ASSERT_MSG_EQ(info.WhyUnfit(nodes, 30, 4, services),
                              "was trained for another interval or history",
                              "another T");
        NS_TEST_ASSERT_MSG_EQ(info.WhyUnfit(nodes, 30, 6, {"chat", "video"}),
                              "was trained for other services",
                              "the services in another order");

        const std::string missing = CreateTempDirFilename("no-such-model.pt");
        NS_TEST_ASSERT_MSG_EQ(NeuralDecomposer::WhyUnfit(missing, nodes, Minutes(30), 6, services),
                              "no model file " + missing,
                              "a missing file is named");
        const std::string shipped = std::string(NS_TEST_SOURCEDIR) + "/../models/antenna.pt";
        const std::string why = NeuralDecomposer::WhyUnfit(shipped, nodes, Minutes(5), 6, services);
        NS_TEST_ASSERT_MSG_EQ(why.rfind(shipped + " was trained on another layout (", 0),
                              0,
                              "the shipped antenna model does not fit three nodes: " << why);
    }
};

/**
 * \ingroup microscope-tests
 * The model fit check.
 */
class ModelFitTestSuite : public TestSuite
{
public:
    ModelFitTestSuite()
        : TestSuite("microscope-model-fit", UNIT)
    {
        AddTestCase(new ModelFitReasonsTestCase, QUICK);
    }
};

/// The suite's instance.
static ModelFitTestSuite g_modelFitTestSuite;
