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
    COST,       //!< DeepCog's cost-aware loss on softmax ratios x aggregate (Eq. 15-16)
};

/**
 * \ingroup microscope
 * \brief Loss functions and the feasible estimates of a decomposition network.
 *
 * Tensors: network output [B, S, H, W]; true per-service volumes [B, S, H, W]; aggregate
 * [B, H, W] (the sum over services of the truth); mask [H, W], 1 where a grid point holds a
 * node and 0 elsewhere (empty grid points are left out of every loss and estimate).
 * Volumes are normalised (divided by the dataset's scale), so alpha and eps of the cost-aware
 * loss are in those units.
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

    /// \return true for the three losses on softmax ratios.
    bool IsRatio() const;

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
     * clamped at 0 and rescaled to the aggregate (all-zero nodes get an even split).
     * \param output network output.
     * \param aggregate aggregate volumes.
     * \param mask node mask.
     * \param repaired incremented by the number of masked nodes whose regression output had to
     *        change by more than 1e-6 relative to become feasible.
     * \return [B, S, H, W] non-negative estimates summing to the aggregate at every node.
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
    LossType m_type; //!< the loss
    double m_alpha;  //!< cost-aware alpha
    double m_eps;    //!< cost-aware epsilon
};

} // namespace ns3

#endif /* MICROSCOPE_DECOMPOSITION_LOSS_H */
