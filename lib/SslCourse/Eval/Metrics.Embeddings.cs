namespace SslCourse.Eval;

public static partial class Metrics
{
    /// <summary>
    /// Alignment (Wang and Isola, 2020): the mean of ‖zᵢ − z′ᵢ‖^alpha over positive pairs, rows of <paramref name="z1"/>
    /// and <paramref name="z2"/> [N, D], after scaling every row to unit length. Lower means positives sit closer.
    /// </summary>
    public static double Alignment(Tensor z1, Tensor z2, double alpha = 2)
    {
        EvalInput.Features(z1, "Metrics.Alignment");
        if (!z1.shape.SequenceEqual(z2.shape))
            throw new ArgumentException($"Metrics.Alignment: the two views must have the same shape, got {z1.ShapeText()} and {z2.ShapeText()}.");
        EvalInput.Features(z2, "Metrics.Alignment");
        using var noGrad = torch.no_grad();
        var diff = PairwiseDistances.Normalized(z1) - PairwiseDistances.Normalized(z2);
        return PairwiseDistances.RowNorms(diff).pow(alpha).mean().ToDouble();
    }

    /// <summary>
    /// Uniformity (Wang and Isola, 2020): log of the mean of exp(−t‖zᵢ − zⱼ‖²) over all pairs i &lt; j of unit-length
    /// rows of <paramref name="z"/> [N, D]. Lower (more negative) means the embeddings spread more evenly on the sphere.
    /// </summary>
    public static double Uniformity(Tensor z, double t = 2)
    {
        EvalInput.Features(z, "Metrics.Uniformity", minRows: 2);
        using var noGrad = torch.no_grad();
        var unit = PairwiseDistances.Normalized(z);
        int n = z.Dims()[0];
        var kernel = (PairwiseDistances.Squared(unit, unit) * -t).exp().ToFloatArray();
        // The matrix is symmetric with ones on the diagonal: average the strict upper triangle only.
        double sum = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) sum += kernel[i * n + j];
        return Math.Log(sum / (n * (n - 1) / 2.0));
    }
}
