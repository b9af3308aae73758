namespace SslCourse.Losses;

/// <summary>
/// Wang &amp; Isola (2020)'s two properties of a good contrastive representation on the unit sphere: alignment (two
/// views of one image land close) and uniformity (all images spread over the sphere). Lower is better for both;
/// a collapsed encoder is perfectly aligned (0) and as non-uniform as possible (0 instead of a negative value).
/// Rows are ℓ2-normalised here.
/// </summary>
public static class AlignmentUniformity
{
    /// <summary>E ‖f(x) − f(y)‖^α over positive pairs (rows i of <paramref name="z1"/> and <paramref name="z2"/>); α = 2 in the paper.</summary>
    public static Tensor Alignment(Tensor z1, Tensor z2, double alpha = 2)
    {
        if (z1.dim() != 2 || !z1.shape.SequenceEqual(z2.shape))
            throw new ArgumentException($"Alignment: z1 and z2 must both be [N, D]; got {z1.ShapeText()} and {z2.ShapeText()}.");
        var squared = (F.normalize(z1, dim: 1) - F.normalize(z2, dim: 1)).pow(2).sum(dim: 1);
        return squared.pow(alpha / 2).mean();
    }

    /// <summary>
    /// log E exp(−t ‖f(x) − f(y)‖²) over every pair of distinct rows of <paramref name="z"/> [N, D]; t = 2 in the paper.
    /// Its minimum, for points spread evenly over the sphere, falls as the dimension grows.
    /// </summary>
    public static Tensor Uniformity(Tensor z, double t = 2)
    {
        if (z.dim() != 2 || z.shape[0] < 2) throw new ArgumentException($"Uniformity: z must be [N, D] with N ≥ 2; got {z.ShapeText()}.");
        var u = F.normalize(z, dim: 1);
        // ‖a − b‖² = 2 − 2 a·b on the unit sphere; each unordered pair once (strictly above the diagonal).
        var squared = (2 - 2 * u.matmul(u.t())).clamp_min(0);
        var pairs = squared.masked_select(torch.ones(new[] { z.shape[0], z.shape[0] }, dtype: torch.@bool, device: z.device).triu(1));
        return (-t * pairs).logsumexp(0) - Math.Log(pairs.shape[0]);
    }
}
