namespace SslCourse.Losses;

/// <summary>
/// The loss of SimSiam (Chen &amp; He, 2021) and, up to the constant 2 − 2·cos, of BYOL (Grill et al., 2020): the
/// negative cosine similarity between a prediction p and a target projection z, D(p, z) = −(p/‖p‖)·(z/‖z‖), with the
/// gradient stopped at z. Neither method has negatives; what keeps them from collapsing to one constant output is the
/// predictor, the stop-gradient and (in BYOL) the momentum target. Used symmetrically: ½D(p₁, z₂) + ½D(p₂, z₁).
/// </summary>
public static class NegativeCosine
{
    /// <summary>
    /// The mean of −cos(p_i, z_i) over the batch ([N, D] each): −1 when every prediction points at its target.
    /// <paramref name="stopGradient"/> = false lets the gradient into z as well — SimSiam's ablation, which collapses.
    /// </summary>
    public static Tensor Loss(Tensor prediction, Tensor target, bool stopGradient = true)
    {
        if (prediction.dim() != 2 || !prediction.shape.SequenceEqual(target.shape))
            throw new ArgumentException($"NegativeCosine: prediction and target must both be [N, D]; got {prediction.ShapeText()} and {target.ShapeText()}.");
        var z = stopGradient ? target.detach() : target;
        return -F.cosine_similarity(prediction, z, dim: 1).mean();
    }
}
