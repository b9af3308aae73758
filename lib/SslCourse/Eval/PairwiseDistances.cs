namespace SslCourse.Eval;

/// <summary>Distances between every row of one matrix and every row of another, by one matrix product.</summary>
internal static class PairwiseDistances
{
    /// <summary>
    /// ‖aᵢ − bⱼ‖² for a [N, D] and b [M, D] as [N, M], from ‖a‖² + ‖b‖² − 2abᵀ; clamped at 0 because
    /// the subtraction can round to small negatives for nearly equal rows.
    /// </summary>
    public static Tensor Squared(Tensor a, Tensor b)
    {
        var aa = (a * a).sum(1, keepdim: true);
        var bb = (b * b).sum(1).unsqueeze(0);
        return (aa + bb - 2.0 * a.matmul(b.t())).clamp_min(0);
    }

    /// <summary>Rows scaled to unit length (rows of zeros stay zero), for cosine similarities.</summary>
    public static Tensor Normalized(Tensor x) => x / RowNorms(x, keepdim: true).clamp_min(1e-12);

    /// <summary>The Euclidean length ‖xᵢ‖ of every row of x [N, D]: [N], or [N, 1] with <paramref name="keepdim"/>.</summary>
    public static Tensor RowNorms(Tensor x, bool keepdim = false) => (x * x).sum(1, keepdim: keepdim).sqrt();
}
