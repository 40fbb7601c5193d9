/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MICROSCOPE_DECOMPOSITION_LOSS_H
#define MICROSCOPE_DECOMPOSITION_LOSS_H

#include <string>
#include <torch/torch.h>
#include <vector>

namespace ns3
{

/**
 * \ingroup microscope
 * \brief The four ways of training a decomposition network (Microscope Sec. 5 and 7.1).
 */
enum class LossType
{
    REGRESSION, //!< MSE on the per-service volumes (Eq. 9)
    RATIO_MSE,  //!< MSE on the softmax ratios (Eq. 10-11)
    RATIO_CE,   //!< cross-entropy of the ratios (Eq. 12), the paper's best
    COST,       //!< DeepCog's cost-aware loss on per-service capacities (Eq. 15-16)
};

/**
 * \ingroup microscope
 * \brief Loss functions and the feasible estimates of a decomposition network.
 *
 * Tensors: network output [B, C, H, W] with C = OutputChannels(S); true per-service volumes
 * [B, S, H, W]; aggregate [B, H, W] (the sum over services of the truth); mask [H, W], 1 where
 * a grid point holds a node and 0 elsewhere (empty grid points are left out of every loss and
 * estimate). Volumes are normalised (divided by the dataset's scale).
 *
 * The cost-aware loss does not split the aggregate: the network outputs S logits and S margins,
 * and the capacity of service s is `r_s * aggregate * (1 + softplus(m_s))`, with r the softmax
 * ratios. Its error is measured per slice in units of the slice's peak demand P (SetPeak()), and
 * weighted by P: `P * CostAware((capacity - truth) / P, alpha, eps)`. A violated slice then
 * costs about `alpha * P` and an overprovisioned one about `capacity - truth`, which is how
 * CostAccountant charges an allocation (fee alpha times the slice's peak, plus the excess).
 */
class DecompositionLoss
{
public:
    /**
     * \param type the loss.
     * \param alpha cost of an SLA violation (cost-aware loss).
     * \param epsilon slope parameter (cost-aware loss).
     */
    explicit DecompositionLoss(LossType type, double alpha = 1.0, double epsilon = 0.01);

    /**
     * \param name regression, ratio-mse, ratio-ce or cost.
     * \return the loss type.
     * \throw InputError for any other name.
     */
    static LossType Parse(const std::string& name);

    /**
     * \param type a loss type.
     * \return its name as Parse() reads it.
     */
    static std::string Name(LossType type);

    /// \return every loss name.
    static std::vector<std::string> Names();

    /// \return the loss type.
    LossType GetType() const;

    /// \return true for the three losses on softmax ratios (cost included).
    bool IsRatio() const;

    /**
     * \return true for the cost-aware loss, whose estimates are capacities that need not sum
     *         to the aggregate.
     */
    bool IsCapacity() const;

    /**
     * \param services S, the services.
     * \return the network output channels the loss needs: 2 S for the cost-aware loss (logits
     *         and margins), S otherwise.
     */
    int64_t OutputChannels(int64_t services) const;

    /**
     * Set the per-slice peak demand P of the cost-aware loss (normalised units).
     * \param peak [S, H, W], positive where the mask is 1; an undefined tensor means P = 1.
     */
    void SetPeak(const torch::Tensor& peak);

    /// \return alpha.
    double GetAlpha() const;

    /// \return epsilon.
    double GetEpsilon() const;

    /**
     * \param output network output.
     * \param truth true volumes.
     * \param aggregate aggregate volumes.
     * \param mask node mask.
     * \return the mean loss (a scalar).
     */
    torch::Tensor Compute(const torch::Tensor& output,
                          const torch::Tensor& truth,
                          const torch::Tensor& aggregate,
                          const torch::Tensor& mask) const;

    /**
     * Feasible estimates: softmax ratios times the aggregate, or, for regression, the output
     * clamped at 0 and rescaled to the aggregate (all-zero nodes get an even split); for the
     * cost-aware loss, the capacities `r_s * aggregate * (1 + softplus(m_s))` (non-negative,
     * at least the ratio split, not bound to the aggregate).
     * \param output network output.
     * \param aggregate aggregate volumes.
     * \param mask node mask.
     * \param repaired incremented by the number of masked nodes whose regression output had to
     *        change by more than 1e-6 relative to become feasible.
     * \return [B, S, H, W] non-negative estimates, summing to the aggregate at every node for
     *         every loss but the cost-aware one.
     */
    torch::Tensor Estimate(const torch::Tensor& output,
                           const torch::Tensor& aggregate,
                           const torch::Tensor& mask,
                           int64_t& repaired) const;

    /**
     * The cost-aware loss of one error (DeepCog, INFOCOM 2019), element-wise.
     * \param d estimate minus truth.
     * \param alpha SLA violation cost.
     * \param epsilon slope parameter.
     * \return alpha - eps d (d <= 0); alpha - d / eps (0 < d <= alpha eps); d - alpha eps.
     */
    static torch::Tensor CostAware(const torch::Tensor& d, double alpha, double epsilon);

private:
    LossType m_type;      //!< the loss
    double m_alpha;       //!< cost-aware alpha
    double m_eps;         //!< cost-aware epsilon
    torch::Tensor m_peak; //!< [S, H, W] per-slice peak of the cost-aware loss, or undefined
};

} // namespace ns3

#endif /* MICROSCOPE_DECOMPOSITION_LOSS_H */
