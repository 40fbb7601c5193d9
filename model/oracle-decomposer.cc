/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "oracle-decomposer.h"

#include "ns3/abort.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OracleDecomposer");

NS_OBJECT_ENSURE_REGISTERED(OracleDecomposer);

TypeId
OracleDecomposer::GetTypeId()
{
    static TypeId tid = TypeId("ns3::OracleDecomposer")
                            .SetParent<Decomposer>()
                            .SetGroupName("Microscope")
                            .AddConstructor<OracleDecomposer>();
    return tid;
}

OracleDecomposer::OracleDecomposer()
{
    NS_LOG_FUNCTION(this);
}

OracleDecomposer::~OracleDecomposer()
{
    NS_LOG_FUNCTION(this);
}

void
OracleDecomposer::Decompose(const DecompositionContext& context,
                            const AggregateHistory& history,
                            DemandMatrix& estimate)
{
    NS_ABORT_MSG_IF(context.truth == nullptr,
                    "the oracle decomposer needs the true demand in the context");
    estimate = *context.truth;
}

std::string
OracleDecomposer::GetName() const
{
    return "oracle";
}

} // namespace ns3
