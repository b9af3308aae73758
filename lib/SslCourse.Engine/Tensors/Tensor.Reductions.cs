using SslCourse.Autograd;

namespace SslCourse;

public sealed partial class Tensor
{
    /// <summary>The dimensions to reduce, normalised and sorted; null means all of them.</summary>
    int[] ReducedDims(long[]? dims, string op)
    {
        if (dims is null || dims.Length == 0) return Enumerable.Range(0, Shape.Length).ToArray();
        var r = dims.Select(d => NormalizeDim((int)d, Shape.Length, op)).Distinct().OrderBy(d => d).ToArray();
        if (r.Length != dims.Length) throw new ArgumentException($"{op}: a dimension appears twice in {ShapeUtil.Format(dims)}.");
        return Shape.Length == 0 ? [] : r;
    }

    /// <summary>The shape left after reducing <paramref name="dims"/> (kept as size 1 with keepdim).</summary>
    int[] ReducedShape(int[] dims, bool keepdim)
    {
        var shape = new List<int>();
        for (int d = 0; d < Shape.Length; d++)
            if (!dims.Contains(d)) shape.Add(Shape[d]);
            else if (keepdim) shape.Add(1);
        return shape.ToArray();
    }

    /// <summary>Runs a row kernel: the reduced dims are moved last and the rest flattened into rows.</summary>
    Tensor ReduceKernel(ReduceOp op, int[] dims, bool keepdim, torch.ScalarType resultType, string name)
    {
        ThrowIfDisposed(name);
        var kept = Enumerable.Range(0, Shape.Length).Where(d => !dims.Contains(d)).ToArray();
        int n = 1; foreach (var d in dims) n *= Shape[d];
        if (n == 0 && op is ReduceOp.Max or ReduceOp.Min or ReduceOp.ArgMax or ReduceOp.ArgMin)
            throw new ArgumentException($"{name}: cannot reduce over an empty dimension of a tensor of shape {ShapeUtil.Format(Shape)}.");
        var outShape = ReducedShape(dims, keepdim);
        var y = Empty(outShape, resultType, device);
        using (GradMode.Set(false))
        {
            // A sum over the leading dims of a contiguous tensor, keeping at least a vector's width, adds whole rows
            // with no transposed copy.
            if (op == ReduceOp.Sum && dtype == torch.ScalarType.Float32 && y.Numel >= 16 && is_contiguous() && dims.SequenceEqual(Enumerable.Range(0, dims.Length)))
                Backend.SumColumns(this, n, y.Numel, y);
            else Backend.ReduceRows(op, permute(kept.Concat(dims).Select(d => (long)d).ToArray()).contiguous(), y.Numel, n, y);
        }
        return y;
    }

    /// <summary>Gradient of a reduction, reshaped with the reduced dims kept so it broadcasts over the input.</summary>
    Tensor KeepDims(Tensor g, int[] dims) => g.reshape(Array.ConvertAll(ReducedShape(dims, true), x => (long)x));

    /// <summary>Sum of all elements.</summary>
    public Tensor sum() => sum(null, false);
    /// <summary>Sum over <paramref name="dim"/>.</summary>
    public Tensor sum(long dim, bool keepdim = false) => sum([dim], keepdim);

    /// <summary>
    /// Stands where TorchSharp has <c>sum(ScalarType? type)</c>, so that <c>x.sum(0)</c> binds here as it does there —
    /// to the dtype overload, since a literal 0 converts to any enum — and fails to compile instead of silently
    /// summing every element on TorchSharp. Write <c>x.sum(dim: 0)</c>.
    /// </summary>
    [Obsolete("x.sum(0) means x.sum(type: 0) on TorchSharp, the sum of every element. Write x.sum(dim: 0) for the sum over dimension 0.", error: true)]
    public Tensor sum(torch.ScalarType? type) => throw new NotSupportedException("sum(type): write sum(dim: …) for a sum over a dimension.");

    /// <summary>Sum over <paramref name="dims"/> (all when null).</summary>
    public Tensor sum(long[]? dims, bool keepdim = false)
    {
        var rd = ReducedDims(dims, "sum");
        var type = dtype == torch.ScalarType.Float32 ? torch.ScalarType.Float32 : torch.ScalarType.Int64;
        var src = dtype == torch.ScalarType.Bool ? to(torch.ScalarType.Int64) : this;
        var y = src.ReduceKernel(ReduceOp.Sum, rd, keepdim, type, "sum");
        var input = this;
        return Engine.Record("sum", y, [this], [], (g, _) => [input.KeepDims(g, rd).expand(input.shape)]);
    }

    /// <summary>Mean of all elements.</summary>
    public Tensor mean() => mean(null, false);
    /// <summary>Mean over <paramref name="dim"/>.</summary>
    public Tensor mean(long dim, bool keepdim = false) => mean([dim], keepdim);
    /// <summary>Mean over <paramref name="dims"/> (all when null).</summary>
    public Tensor mean(long[]? dims, bool keepdim = false)
    {
        if (dtype != torch.ScalarType.Float32) throw new ArgumentException($"mean: needs a float32 tensor, got {dtype.Name()}; convert with .to(float32) first.");
        var rd = ReducedDims(dims, "mean");
        long n = 1; foreach (var d in rd) n *= Shape[d];
        return sum(dims, keepdim) / n;
    }

    /// <summary>Variance of all elements, with Bessel's correction by default.</summary>
    public Tensor var(bool unbiased = true) => Variance(null, unbiased, keepdim: false);
    /// <summary>Variance over <paramref name="dim"/>, with TorchSharp's parameters in TorchSharp's order (unbiased, then keepdim).</summary>
    public Tensor var(long dim, bool unbiased = true, bool keepdim = false) => Variance([dim], unbiased, keepdim);
    /// <summary>Variance over <paramref name="dimensions"/>.</summary>
    public Tensor var(long[] dimensions, bool unbiased = true, bool keepdim = false) => Variance(dimensions, unbiased, keepdim);

    Tensor Variance(long[]? dims, bool unbiased, bool keepdim)
    {
        var rd = ReducedDims(dims, "var");
        long n = 1; foreach (var d in rd) n *= Shape[d];
        var centred = this - mean(dims, keepdim: true);
        return (centred * centred).sum(dims, keepdim) / Math.Max(n - (unbiased ? 1 : 0), 0);
    }

    /// <summary>Standard deviation of all elements, with Bessel's correction by default.</summary>
    public Tensor std(bool unbiased = true) => var(unbiased).sqrt();
    /// <summary>Standard deviation over <paramref name="dim"/> (unbiased, then keepdim, as TorchSharp orders them).</summary>
    public Tensor std(long dim, bool unbiased = true, bool keepdim = false) => var(dim, unbiased, keepdim).sqrt();
    /// <summary>Standard deviation over <paramref name="dimensions"/>.</summary>
    public Tensor std(long[] dimensions, bool unbiased = true, bool keepdim = false) => var(dimensions, unbiased, keepdim).sqrt();

    /// <summary>Product of all elements (no gradient).</summary>
    public Tensor prod() => ReduceKernel(ReduceOp.Prod, ReducedDims(null, "prod"), false, dtype == torch.ScalarType.Float32 ? dtype : torch.ScalarType.Int64, "prod");

    /// <summary>Largest element; ties share the gradient equally, as in PyTorch.</summary>
    public Tensor max() => Extreme(ReduceOp.Max, "max");
    /// <summary>Smallest element; ties share the gradient equally.</summary>
    public Tensor min() => Extreme(ReduceOp.Min, "min");

    Tensor Extreme(ReduceOp op, string name)
    {
        var rd = ReducedDims(null, name);
        var y = ReduceKernel(op, rd, false, dtype, name);
        if (dtype != torch.ScalarType.Float32) return y;
        return Engine.Record(name, y, [this], [this, y], (g, s) =>
        {
            var hits = s[0].eq(s[1]).to(torch.ScalarType.Float32);
            return [hits * (g / hits.sum())];
        });
    }

    /// <summary>Largest values along <paramref name="dim"/> and their indices; the gradient goes to those indices.</summary>
    public (Tensor values, Tensor indexes) max(long dim, bool keepdim = false) => ExtremeAlong(ReduceOp.Max, ReduceOp.ArgMax, dim, keepdim, "max");
    /// <summary>Smallest values along <paramref name="dim"/> and their indices.</summary>
    public (Tensor values, Tensor indexes) min(long dim, bool keepdim = false) => ExtremeAlong(ReduceOp.Min, ReduceOp.ArgMin, dim, keepdim, "min");

    (Tensor, Tensor) ExtremeAlong(ReduceOp op, ReduceOp argOp, long dim, bool keepdim, string name)
    {
        var rd = new[] { NormalizeDim((int)dim, Math.Max(Shape.Length, 1), name) };
        if (Shape.Length == 0) return (clone(), torch.tensor(0L, device));
        var values = ReduceKernel(op, rd, keepdim, dtype, name);
        var indexes = ReduceKernel(argOp, rd, keepdim, torch.ScalarType.Int64, name);
        if (dtype != torch.ScalarType.Float32) return (values, indexes);
        var input = this;
        int d = rd[0];
        values = Engine.Record(name, values, [this], [indexes], (g, s) =>
        {
            // The gradient lands where the position along dim equals the recorded index.
            var idx = input.KeepDims(s[0], rd);
            var shape = Enumerable.Repeat(1L, input.Shape.Length).ToArray(); shape[d] = input.Shape[d];
            var positions = torch.arange(input.Shape[d], device: g.device).reshape(shape);
            return [torch.where(positions.eq(idx), input.KeepDims(g, rd), 0.0)];
        });
        return (values, indexes);
    }

    /// <summary>Index of the largest element of the flattened tensor.</summary>
    public Tensor argmax() => flatten().ReduceKernel(ReduceOp.ArgMax, [0], false, torch.ScalarType.Int64, "argmax");
    /// <summary>Indices of the largest elements along <paramref name="dim"/>.</summary>
    public Tensor argmax(long dim, bool keepdim = false) => max(dim, keepdim).indexes;
    /// <summary>Index of the smallest element of the flattened tensor.</summary>
    public Tensor argmin() => flatten().ReduceKernel(ReduceOp.ArgMin, [0], false, torch.ScalarType.Int64, "argmin");
    /// <summary>Indices of the smallest elements along <paramref name="dim"/>.</summary>
    public Tensor argmin(long dim, bool keepdim = false) => min(dim, keepdim).indexes;

    /// <summary>Largest values over several dimensions (no indices); ties share the gradient.</summary>
    public Tensor amax(long[] dims, bool keepdim = false)
    {
        var rd = ReducedDims(dims, "amax");
        var y = ReduceKernel(ReduceOp.Max, rd, keepdim, dtype, "amax");
        if (dtype != torch.ScalarType.Float32) return y;
        var input = this;
        return Engine.Record("amax", y, [this], [this, y], (g, s) =>
        {
            var hits = s[0].eq(input.KeepDims(s[1], rd)).to(torch.ScalarType.Float32);
            return [hits * input.KeepDims(g, rd) / hits.sum(dims, keepdim: true)];
        });
    }
    public Tensor amax(long dim, bool keepdim = false) => amax([dim], keepdim);

    /// <summary>log(sum(exp(x))) over <paramref name="dims"/>, computed without overflow.</summary>
    public Tensor logsumexp(long[] dims, bool keepdim = false)
    {
        Tensor m;
        using (GradMode.Set(false))
        {
            m = amax(dims, keepdim: true);
            m = torch.where(m.isfinite(), m, 0.0);
        }
        var r = (this - m).exp().sum(dims, keepdim: true).log() + m;
        return keepdim ? r : r.squeeze_dims(ReducedDims(dims, "logsumexp"));
    }
    public Tensor logsumexp(long dim, bool keepdim = false) => logsumexp([dim], keepdim);

    Tensor squeeze_dims(int[] dims)
    {
        var r = this;
        foreach (var d in dims.OrderByDescending(d => d)) r = r.squeeze(d);
        return r;
    }

    /// <summary>The p-norm over <paramref name="dims"/> (all when null); p may be any positive number or infinity.</summary>
    public Tensor norm(double p = 2, long[]? dims = null, bool keepdim = false)
    {
        if (p == 2)
        {
            var y = (this * this).sum(dims, keepdim).detach().sqrt();
            var rd = ReducedDims(dims, "norm");
            var input = this;
            return Engine.Record("norm", y, [this], [this, y], (g, s) =>
            {
                // d‖x‖/dx = x/‖x‖, taken as 0 at x = 0 (a subgradient) instead of NaN.
                var n = input.KeepDims(s[1], rd);
                return [input.KeepDims(g, rd) * s[0] / torch.where(n.eq(0), 1.0, n)];
            });
        }
        if (p == 1) return abs().sum(dims, keepdim);
        if (double.IsPositiveInfinity(p)) return abs().amax(dims ?? [], keepdim);
        if (p <= 0) throw new ArgumentException($"norm: p must be positive, got {p}.");
        return abs().pow(p).sum(dims, keepdim).pow(1 / p);
    }
    public Tensor norm(double p, long dim, bool keepdim = false) => norm(p, [dim], keepdim);

    /// <summary>True if every element is true (non-zero).</summary>
    public Tensor all() => @bool().ReduceKernel(ReduceOp.All, ReducedDims(null, "all"), false, torch.ScalarType.Bool, "all");
    public Tensor all(long dim, bool keepdim = false) => @bool().ReduceKernel(ReduceOp.All, ReducedDims([dim], "all"), keepdim, torch.ScalarType.Bool, "all");
    /// <summary>True if any element is true (non-zero).</summary>
    public Tensor any() => @bool().ReduceKernel(ReduceOp.Any, ReducedDims(null, "any"), false, torch.ScalarType.Bool, "any");
    public Tensor any(long dim, bool keepdim = false) => @bool().ReduceKernel(ReduceOp.Any, ReducedDims([dim], "any"), keepdim, torch.ScalarType.Bool, "any");
}
