namespace SslCourse.Eval;

/// <summary>
/// The input-space similarities of t-SNE: for each point a Gaussian over the others whose width is tuned by binary
/// search until its perplexity (2^entropy) matches the target, then symmetrised into one joint distribution.
/// </summary>
internal static class TsneAffinities
{
    const int SearchSteps = 100;
    const double EntropyTolerance = 1e-5;

    /// <summary>
    /// The joint probabilities P [N×N row-major] of <paramref name="features"/> [N, D]: pᵢⱼ = (pⱼ|ᵢ + pᵢ|ⱼ) / 2N,
    /// symmetric, zero on the diagonal, summing to 1.
    /// </summary>
    public static float[] Joint(Tensor features, double perplexity)
    {
        int n = features.Dims()[0];
        float[] distances;
        using (torch.no_grad()) distances = PairwiseDistances.Squared(features, features).ToFloatArray();
        var conditional = Conditional(distances, n, perplexity);
        var joint = new float[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                joint[i * n + j] = (float)((conditional[i * n + j] + conditional[j * n + i]) / (2.0 * n));
        return joint;
    }

    /// <summary>
    /// Row i holds pⱼ|ᵢ ∝ exp(−βᵢ dᵢⱼ) over j ≠ i, with βᵢ chosen so the row's entropy (in nats) is ln(perplexity).
    /// </summary>
    public static double[] Conditional(float[] squaredDistances, int n, double perplexity)
    {
        var p = new double[n * n];
        double target = Math.Log(perplexity);
        Parallel.For(0, n, i =>
        {
            var row = p.AsSpan(i * n, n);
            var d = squaredDistances.AsSpan(i * n, n);
            // Shifting distances by the nearest one leaves the normalised row unchanged but keeps exp() from underflowing.
            double nearest = double.PositiveInfinity;
            for (int j = 0; j < n; j++) if (j != i) nearest = Math.Min(nearest, d[j]);
            double beta = 1, low = 0, high = double.PositiveInfinity;
            for (int step = 0; step < SearchSteps; step++)
            {
                double sum = 0, weighted = 0;
                for (int j = 0; j < n; j++)
                {
                    if (j == i) { row[j] = 0; continue; }
                    double shifted = d[j] - nearest;
                    row[j] = Math.Exp(-beta * shifted);
                    sum += row[j];
                    weighted += shifted * row[j];
                }
                double entropy = Math.Log(sum) + beta * weighted / sum;
                for (int j = 0; j < n; j++) row[j] /= sum;
                if (Math.Abs(entropy - target) < EntropyTolerance) break;
                // Too flat (entropy above target): sharpen with a larger β; too peaked: widen.
                if (entropy > target) { low = beta; beta = double.IsPositiveInfinity(high) ? beta * 2 : (beta + high) / 2; }
                else { high = beta; beta = (beta + low) / 2; }
            }
        });
        return p;
    }
}
