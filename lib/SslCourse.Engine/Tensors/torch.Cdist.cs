using SslCourse.Autograd;

namespace SslCourse;

/// <summary>How <see cref="torch.cdist"/> computes Euclidean distances (TorchSharp's enum).</summary>
public enum compute_mode
{
    /// <summary>By matrix products when either side has more than 25 vectors, else directly.</summary>
    use_mm_for_euclid_dist_if_necessary = 0,
    /// <summary>Always by matrix products: ‖a‖² + ‖b‖² − 2a·b, fast but less exact for nearly equal vectors.</summary>
    use_mm_for_euclid_dist = 1,
    /// <summary>Always directly, from the differences of the vectors.</summary>
    donot_use_mm_for_euclid_dist = 2,
}

public static partial class torch
{
    /// <summary>
    /// The p-norm distance between every row of <paramref name="x1"/> [*, P, M] and every row of <paramref name="x2"/>
    /// [*, R, M], as [*, P, R] (the leading dimensions broadcast). p = 0 counts the differing coordinates, p = ∞ takes the
    /// largest difference. Where two rows coincide the gradient is 0 (a subgradient), as in PyTorch, not NaN.
    /// </summary>
    public static Tensor cdist(Tensor x1, Tensor x2, double p = 2.0, compute_mode compute_mode = compute_mode.use_mm_for_euclid_dist_if_necessary)
    {
        x1.ThrowIfDisposed("cdist"); x2.ThrowIfDisposed("cdist");
        if (x1.dtype != ScalarType.Float32 || x2.dtype != ScalarType.Float32)
            throw new ArgumentException($"cdist: both inputs must be float32, got {x1.dtype.Name()} and {x2.dtype.Name()}.");
        if (x1.dim() < 2 || x2.dim() < 2)
            throw new ArgumentException($"cdist: both inputs must be sets of row vectors [*, P, M] and [*, R, M], got {ShapeUtil.Format(x1.Shape)} and {ShapeUtil.Format(x2.Shape)}.");
        if (x1.Shape[^1] != x2.Shape[^1])
            throw new ArgumentException($"cdist: the rows of {ShapeUtil.Format(x1.Shape)} and {ShapeUtil.Format(x2.Shape)} have different lengths, {x1.Shape[^1]} and {x2.Shape[^1]}.");
        if (!(p >= 0)) throw new ArgumentException($"cdist: p must be 0 or more (∞ included), got {p}.");
        if (!Enum.IsDefined(compute_mode)) throw new ArgumentException($"cdist: {(int)compute_mode} is not a compute_mode.");
        CheckSameDevice("cdist", x1.device, x2);
        ShapeUtil.Broadcast(x1.Shape[..^2], x2.Shape[..^2], "cdist");

        bool byProducts = p == 2 && (compute_mode == compute_mode.use_mm_for_euclid_dist ||
            (compute_mode == compute_mode.use_mm_for_euclid_dist_if_necessary && (x1.Shape[^2] > 25 || x2.Shape[^2] > 25)));
        Tensor distances;
        using (no_grad()) distances = byProducts ? Distances.EuclideanByProducts(x1, x2) : Distances.Direct(x1, x2, p);
        (bool first, bool second) wanted = (x1.requires_grad, x2.requires_grad);   // saved tensors are aliases without the flag
        return Engine.Record("cdist", distances, [x1, x2], [x1, x2, distances],
            (g, s) => p == 2 ? Distances.EuclideanGradients(g, s[0], s[1], s[2], wanted) : Distances.Gradients(g, s[0], s[1], s[2], p, wanted));
    }
}

/// <summary>The forward and backward passes of <see cref="torch.cdist"/>.</summary>
internal static class Distances
{
    /// <summary>x1[..., P, 1, M] − x2[..., 1, R, M]: every difference of a row of x1 and a row of x2.</summary>
    static Tensor Differences(Tensor x1, Tensor x2) => x1.unsqueeze(-2) - x2.unsqueeze(-3);

    public static Tensor Direct(Tensor x1, Tensor x2, double p)
    {
        var diff = Differences(x1, x2).abs();
        if (p == 0) return diff.ne(0).to(torch.ScalarType.Float32).sum(-1);
        if (p == 1) return diff.sum(-1);
        if (p == 2) return (diff * diff).sum(-1).sqrt();
        if (double.IsPositiveInfinity(p)) return diff.amax([-1]);
        return diff.pow(p).sum(-1).pow(1 / p);
    }

    /// <summary>√(‖a‖² − 2a·b + ‖b‖²), clamped at 0 before the root, since rounding can take it a little below.</summary>
    public static Tensor EuclideanByProducts(Tensor x1, Tensor x2)
    {
        var squares1 = (x1 * x1).sum(-1, keepdim: true);                   // [..., P, 1]
        var squares2 = (x2 * x2).sum(-1, keepdim: true).mT;                // [..., 1, R]
        return (squares1 - 2 * x1.matmul(x2.mT) + squares2).clamp_min(0).sqrt();
    }

    /// <summary>
    /// d‖a − b‖/da = (a − b)/‖a − b‖, summed over the rows of the other side with matrix products: with w = g/d
    /// (0 where d = 0), ∂x1 = x1·Σᵣw − w·x2 and ∂x2 = x2·Σₚw − wᵀ·x1.
    /// </summary>
    public static Tensor?[] EuclideanGradients(Tensor g, Tensor x1, Tensor x2, Tensor d, (bool first, bool second) wanted)
    {
        var w = torch.where(d.eq(0), 0.0, g / d);
        return
        [
            wanted.first ? x1 * w.sum(-1, keepdim: true) - w.matmul(x2) : null,
            wanted.second ? x2 * w.sum(-2).unsqueeze(-1) - w.mT.matmul(x1) : null,
        ];
    }

    /// <summary>
    /// Any other p, from the differences: d‖δ‖ₚ/dδ = sign(δ)·|δ|^(p−1) / ‖δ‖ₚ^(p−1) (sign(δ) for p = 1, the largest
    /// coordinates' signs for p = ∞, nothing for p = 0), taken as 0 where the distance is 0 or, for p &lt; 1, where
    /// a coordinate's difference is.
    /// </summary>
    public static Tensor?[] Gradients(Tensor g, Tensor x1, Tensor x2, Tensor d, double p, (bool first, bool second) wanted)
    {
        var diff = Differences(x1, x2);
        var size = diff.abs();
        var upstream = g.unsqueeze(-1);
        var perCoordinate = p switch
        {
            0 => torch.zeros_like(diff),
            1 => diff.sign() * upstream,
            _ when double.IsPositiveInfinity(p) => diff.sign() * size.eq(d.unsqueeze(-1)).to(torch.ScalarType.Float32) * upstream,
            _ => torch.where(size.eq(0), 0.0, diff.sign() * size.pow(p - 1)) * torch.where(d.eq(0), 0.0, g / d.pow(p - 1)).unsqueeze(-1),
        };
        return [wanted.first ? perCoordinate.sum(-2) : null, wanted.second ? -perCoordinate.sum(-3) : null];
    }
}
