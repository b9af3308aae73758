using SslCourse.Losses;

namespace SslCourse.Eval;

public static partial class Metrics
{
    /// <summary>
    /// Alignment (Wang and Isola, 2020): the mean of ‖zᵢ − z′ᵢ‖^alpha over positive pairs, rows of <paramref name="z1"/>
    /// and <paramref name="z2"/> [N, D], after scaling every row to unit length. Lower means positives sit closer.
    /// The same quantity as the loss <see cref="AlignmentUniformity.Alignment"/>, measured without gradient.
    /// </summary>
    public static double Alignment(Tensor z1, Tensor z2, double alpha = 2)
    {
        EvalInput.Features(z1, "Metrics.Alignment");
        if (!z1.shape.SequenceEqual(z2.shape))
            throw new ArgumentException($"Metrics.Alignment: the two views must have the same shape, got {z1.ShapeText()} and {z2.ShapeText()}.");
        EvalInput.Features(z2, "Metrics.Alignment");
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        return AlignmentUniformity.Alignment(z1, z2, alpha).ToDouble();
    }

    /// <summary>
    /// Uniformity (Wang and Isola, 2020): log of the mean of exp(−t‖zᵢ − zⱼ‖²) over all pairs i &lt; j of unit-length
    /// rows of <paramref name="z"/> [N, D]. Lower (more negative) means the embeddings spread more evenly on the sphere.
    /// The same quantity as the loss <see cref="AlignmentUniformity.Uniformity"/>, measured without gradient.
    /// </summary>
    public static double Uniformity(Tensor z, double t = 2)
    {
        EvalInput.Features(z, "Metrics.Uniformity", minRows: 2);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        return AlignmentUniformity.Uniformity(z, t).ToDouble();
    }

    /// <summary>
    /// A collapse monitor (Chen and He, 2021): the standard deviation over the batch of the ℓ2-normalised outputs
    /// <paramref name="z"/> [N, D], averaged over the D channels. Healthy outputs spread over the sphere give about
    /// 1/√D; a collapsed network, which maps every input to one vector, gives 0.
    /// </summary>
    public static double NormalizedOutputStd(Tensor z)
    {
        EvalInput.Features(z, "Metrics.NormalizedOutputStd", minRows: 2);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        return F.normalize(z, dim: 1).std(0).mean().ToDouble();
    }
}
