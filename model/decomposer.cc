/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "decomposer.h"

#include "ns3/log.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Decomposer");

NS_OBJECT_ENSURE_REGISTERED(Decomposer);

TypeId
Decomposer::GetTypeId()
{
    static TypeId tid = TypeId("ns3::Decomposer").SetParent<Object>().SetGroupName("Microscope");
    return tid;
}

Decomposer::Decomposer()
{
    NS_LOG_FUNCTION(this);
}

Decomposer::~Decomposer()
{
    NS_LOG_FUNCTION(this);
}

void
Decomposer::Setup(const DecomposerSetup& setup)
{
    NS_LOG_FUNCTION(this << setup.level << setup.nNodes << setup.nServices);
    m_setup = setup;
}

void
Decomposer::Train(const DecompositionContext& context,
                  const AggregateHistory& history,
                  const DemandMatrix& truth)
{
    NS_LOG_FUNCTION(this << context.interval);
}

void
Decomposer::EndTraining()
{
    NS_LOG_FUNCTION(this);
}

bool
Decomposer::NeedsValidation() const
{
    return false;
}

void
Decomposer::Validate(const DecompositionContext& context,
                     const AggregateHistory& history,
                     const DemandMatrix& truth)
{
    NS_LOG_FUNCTION(this << context.interval);
}

void
Decomposer::EndValidation()
{
    NS_LOG_FUNCTION(this);
}

void
Decomposer::Observe(const DecompositionContext& context, const DemandMatrix& truth)
{
    NS_LOG_FUNCTION(this << context.interval);
}

int64_t
Decomposer::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    return 0;
}

uint32_t
Decomposer::GetBatchSize() const
{
    return 1;
}

void
Decomposer::Prefetch(const std::vector<DecompositionContext>& contexts,
                     const AggregateHistory& history,
                     const std::vector<std::vector<double>>& upcoming)
{
    NS_LOG_FUNCTION(this << contexts.size());
}

bool
Decomposer::PreservesAggregate() const
{
    return true;
}

const DecomposerSetup&
Decomposer::GetSetup() const
{
    return m_setup;
}

uint32_t
Decomposer::EnforceConstraints(const std::vector<double>& aggregate, DemandMatrix& estimate)
{
    const uint32_t nServices = estimate.GetNServices();
    const uint32_t nNodes = estimate.GetNNodes();
    NS_ASSERT(aggregate.size() == nNodes);
    uint32_t repaired = 0;
    for (uint32_t n = 0; n < nNodes; ++n)
    {
        double sum = 0.0;
        bool changed = false;
        for (uint32_t s = 0; s < nServices; ++s)
        {
            double& v = estimate(s, n);
            if (!(v > 0.0))
            {
                changed = changed || v != 0.0;
                v = 0.0;
            }
            sum += v;
        }
        const double target = std::max(aggregate[n], 0.0);
        if (sum > 0.0)
        {
            const double factor = target / sum;
            if (std::abs(factor - 1.0) > 1e-9)
            {
                changed = true;
                for (uint32_t s = 0; s < nServices; ++s)
                {
                    estimate(s, n) *= factor;
                }
            }
        }
        else if (target > 0.0)
        {
            changed = true;
            for (uint32_t s = 0; s < nServices; ++s)
            {
                estimate(s, n) = target / nServices;
            }
        }
        repaired += changed ? 1 : 0;
    }
    return repaired;
}

void
Decomposer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_setup.catalog = nullptr;
    Object::DoDispose();
}

} // namespace ns3
