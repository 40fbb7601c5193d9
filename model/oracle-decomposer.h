/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_ORACLE_DECOMPOSER_H
#define MICROSCOPE_ORACLE_DECOMPOSER_H

#include "decomposer.h"

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The "oracle" decomposer: returns the true per-service demand that the orchestrator
 * puts in the context. It is the reference of perfect knowledge: with the default allocation
 * policy its SLA violation and overprovisioning costs and its estimation errors are 0.
 */
class OracleDecomposer : public Decomposer
{
public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    OracleDecomposer();
    ~OracleDecomposer() override;

    /**
     * Copy `*context.truth` into the estimate.
     * \param context where and when; its truth pointer must be set.
     * \param history unused.
     * \param estimate receives the true demand.
     */
    void Decompose(const DecompositionContext& context,
                   const AggregateHistory& history,
                   DemandMatrix& estimate) override;

    /// \return "oracle".
    std::string GetName() const override;
};

} // namespace ns3

#endif /* MICROSCOPE_ORACLE_DECOMPOSER_H */
