using SslCourse.Autograd;

namespace SslCourse;

// Joining, splitting, repeating and rearranging tensors.
public sealed partial class Tensor
{
    /// <summary>Splits into pieces of <paramref name="split_size"/> along dim (the last may be smaller); views.</summary>
    public Tensor[] split(long split_size, long dim = 0)
    {
        int d = NormalizeDim((int)dim, Shape.Length, "split");
        if (split_size <= 0) throw new ArgumentException($"split: split_size must be positive, got {split_size}.");
        var sizes = new List<long>();
        for (long at = 0; at < Shape[d]; at += split_size) sizes.Add(Math.Min(split_size, Shape[d] - at));
        return split(sizes.ToArray(), dim);
    }

    /// <summary>Splits into pieces of the given sizes along dim, which must add up to its size; views.</summary>
    public Tensor[] split(long[] split_sizes, long dim = 0)
    {
        int d = NormalizeDim((int)dim, Shape.Length, "split");
        if (split_sizes.Sum() != Shape[d] || split_sizes.Any(s => s < 0))
            throw new ArgumentException($"split: sizes {ShapeUtil.Format(split_sizes)} do not add up to {Shape[d]}, the size of dimension {dim} of {ShapeUtil.Format(Shape)}.");
        var parts = new Tensor[split_sizes.Length];
        long start = 0;
        for (int i = 0; i < parts.Length; i++) { parts[i] = narrow(d, start, split_sizes[i]); start += split_sizes[i]; }
        return parts;
    }

    /// <summary>Splits into <paramref name="chunks"/> nearly equal pieces along dim (fewer if the size is small); views.</summary>
    public Tensor[] chunk(long chunks, long dim = 0)
    {
        if (chunks <= 0) throw new ArgumentException($"chunk: chunks must be positive, got {chunks}.");
        int d = NormalizeDim((int)dim, Shape.Length, "chunk");
        return split(Math.Max(1, (Shape[d] + chunks - 1) / chunks), d);
    }

    /// <summary>The slices along dim, each with that dimension removed; views.</summary>
    public Tensor[] unbind(long dim = 0)
    {
        int d = NormalizeDim((int)dim, Shape.Length, "unbind");
        return Enumerable.Range(0, Shape[d]).Select(i => select(d, i)).ToArray();
    }

    /// <summary>Moves dimension <paramref name="source"/> to position <paramref name="destination"/> (a view).</summary>
    public Tensor movedim(long source, long destination)
    {
        int s = NormalizeDim((int)source, Shape.Length, "movedim"), t = NormalizeDim((int)destination, Shape.Length, "movedim");
        var order = Enumerable.Range(0, Shape.Length).Where(x => x != s).Select(x => (long)x).ToList();
        order.Insert(t, s);
        return permute(order.ToArray());
    }

    /// <summary>Tiles the tensor: dimension i is repeated sizes[i] times (extra leading sizes add dimensions).</summary>
    public Tensor repeat(params long[] sizes)
    {
        if (sizes.Length < Shape.Length)
            throw new ArgumentException($"repeat: {sizes.Length} repeat counts for a tensor with {Shape.Length} dimensions {ShapeUtil.Format(Shape)}.");
        var x = reshape(Enumerable.Repeat(1L, sizes.Length - Shape.Length).Concat(shape).ToArray());
        // View [s0, s1, ...] as [1, s0, 1, s1, ...], expand to [r0, s0, r1, s1, ...] and merge each pair.
        var interleaved = x.shape.SelectMany(s => new[] { 1L, s }).ToArray();
        var expanded = sizes.Zip(x.shape, (r, s) => new[] { r, s }).SelectMany(p => p).ToArray();
        return x.reshape(interleaved).expand(expanded).reshape(sizes.Zip(x.shape, (r, s) => r * s).ToArray());
    }

    /// <summary>Repeats each element <paramref name="repeats"/> times along dim (the flattened tensor when dim is null).</summary>
    public Tensor repeat_interleave(long repeats, long? dim = null)
    {
        if (repeats < 0) throw new ArgumentException($"repeat_interleave: repeats must be non-negative, got {repeats}.");
        var x = dim is null ? flatten() : this;
        int d = dim is null ? 0 : NormalizeDim((int)dim.Value, Shape.Length, "repeat_interleave");
        var target = x.shape.ToList(); target.Insert(d + 1, repeats);
        return x.unsqueeze(d + 1).expand(target.ToArray()).flatten(d, d + 1);
    }

    /// <summary>Repeats element i of dim repeats[i] times.</summary>
    public Tensor repeat_interleave(Tensor repeats, long dim)
    {
        int d = NormalizeDim((int)dim, Shape.Length, "repeat_interleave");
        var counts = repeats.data<long>();
        if (counts.Length != Shape[d]) throw new ArgumentException($"repeat_interleave: {counts.Length} repeat counts for dimension {dim} of size {Shape[d]}.");
        var index = counts.SelectMany((c, i) => Enumerable.Repeat((long)i, (int)c)).ToArray();
        return index_select(d, torch.tensor(index, device: device));
    }

    /// <summary>Reverses the order of elements along each of <paramref name="dims"/> (a copy, as in PyTorch).</summary>
    public Tensor flip(params long[] dims)
    {
        var r = this;
        foreach (var dim in dims)
        {
            int d = NormalizeDim((int)dim, Shape.Length, "flip");
            r = r.index_select(d, torch.arange(Shape[d] - 1, -1, -1, device: device));
        }
        return r;
    }

    /// <summary>Rotates elements by shifts[i] positions along dims[i]; without dims, along the flattened tensor.</summary>
    public Tensor roll(long[] shifts, long[]? dims = null)
    {
        if (dims is null || dims.Length == 0)
        {
            if (shifts.Length != 1) throw new ArgumentException("roll: without dims, give exactly one shift.");
            return flatten().roll(shifts, [0]).reshape(shape);
        }
        if (shifts.Length != dims.Length) throw new ArgumentException($"roll: {shifts.Length} shifts for {dims.Length} dims.");
        var r = this;
        for (int i = 0; i < dims.Length; i++)
        {
            int d = NormalizeDim((int)dims[i], Shape.Length, "roll");
            long n = Shape[d];
            if (n == 0) continue;
            var index = Enumerable.Range(0, (int)n).Select(j => ((j - shifts[i]) % n + n) % n).ToArray();
            r = r.index_select(d, torch.tensor(index, device: device));
        }
        return r;
    }
    public Tensor roll(long shift, long dim) => roll([shift], [dim]);

    /// <summary>
    /// Sliding windows of <paramref name="size"/> every <paramref name="step"/> along <paramref name="dimension"/>,
    /// as a view: that dimension becomes the window count and a new last dimension of length size is added.
    /// </summary>
    public Tensor unfold(long dimension, long size, long step)
    {
        int d = NormalizeDim((int)dimension, Math.Max(Shape.Length, 1), "unfold");
        if (size <= 0 || step <= 0) throw new ArgumentException($"unfold: size and step must be positive, got {size} and {step}.");
        if (size > Shape[d]) throw new ArgumentException($"unfold: window size {size} is larger than dimension {dimension} of size {Shape[d]} in {ShapeUtil.Format(Shape)}.");
        int windows = (int)((Shape[d] - size) / step + 1);
        var shape = Shape.Append((int)size).ToArray(); shape[d] = windows;
        var strides = Strides.Append(Strides[d]).ToArray(); strides[d] = Strides[d] * (int)step;
        var inputShape = this.shape;
        // Windows overlap when step < size, so the gradient of each input element sums over all windows holding it.
        var positions = Enumerable.Range(0, windows).SelectMany(w => Enumerable.Range(0, (int)size).Select(k => (long)(w * step + k))).ToArray();
        return View("unfold", shape, strides, Offset, g =>
        {
            var merged = g.movedim(-1, d + 1).flatten(d, d + 1).contiguous();
            var z = torch.zeros(inputShape, device: g.device);
            Backend.IndexAdd(z, d, positions, merged);
            return z;
        });
    }

    /// <summary>The lower triangle (elements with column - row ≤ diagonal), zeros elsewhere, over the last two dims.</summary>
    public Tensor tril(long diagonal = 0) => Triangle(diagonal, lower: true, "tril");
    /// <summary>The upper triangle (elements with column - row ≥ diagonal), zeros elsewhere, over the last two dims.</summary>
    public Tensor triu(long diagonal = 0) => Triangle(diagonal, lower: false, "triu");

    Tensor Triangle(long diagonal, bool lower, string op)
    {
        if (Shape.Length < 2) throw new ArgumentException($"{op}: needs at least 2 dimensions, got {ShapeUtil.Format(Shape)}.");
        var rows = torch.arange(Shape[^2], device: device).unsqueeze(1);
        var cols = torch.arange(Shape[^1], device: device).unsqueeze(0);
        var offset = cols - rows;
        var keep = lower ? offset.le(diagonal) : offset.ge(diagonal);
        return torch.where(keep, this, torch.zeros_like(this));
    }

    /// <summary>Replaces elements where <paramref name="mask"/> is true by <paramref name="value"/>; gradients flow elsewhere.</summary>
    public Tensor masked_fill(Tensor mask, double value)
    {
        if (mask.dtype != torch.ScalarType.Bool) throw new ArgumentException($"masked_fill: the mask must be bool, got {mask.dtype.Name()}.");
        ShapeUtil.Broadcast(Shape, mask.Shape, "masked_fill");
        var fill = dtype == torch.ScalarType.Float32 ? torch.tensor((float)value) : torch.tensor((long)value).to(dtype);
        var r = torch.where(mask, fill, this);
        return ShapeUtil.SameShape(r.Shape, Shape) ? r : throw new ArgumentException(
            $"masked_fill: mask {ShapeUtil.Format(mask.Shape)} would broadcast the tensor {ShapeUtil.Format(Shape)} to {ShapeUtil.Format(r.Shape)}.");
    }

    /// <summary>Running sum along <paramref name="dim"/>.</summary>
    public Tensor cumsum(long dim)
    {
        int d = NormalizeDim((int)dim, Math.Max(Shape.Length, 1), "cumsum");
        if (Shape.Length == 0) return clone();
        var src = dtype == torch.ScalarType.Bool ? to(torch.ScalarType.Int64) : this;
        var moved = src.movedim(d, -1).contiguous();
        int n = Shape[d], rows = n == 0 ? 0 : Numel / n;
        var y = Empty(moved.Shape, src.dtype, device);
        Backend.CumsumRows(moved, rows, n, y);
        var result = y.movedim(-1, d);
        if (dtype != torch.ScalarType.Float32) return result;
        // Each input contributes to every later output: the gradient is a reversed running sum.
        return Engine.Record("cumsum", result, [this], [], (g, _) => [g.flip(d).cumsum(d).flip(d)]);
    }
}

public static partial class torch
{
    /// <summary>Joins tensors of equal shape but for dimension dim along it.</summary>
    public static Tensor cat(IList<Tensor> tensors, long dim = 0)
    {
        if (tensors.Count == 0) throw new ArgumentException("cat: needs at least one tensor.");
        var first = tensors[0];
        CheckSameDevice("cat", first.device, tensors.ToArray());
        int d = Tensor.NormalizeDim((int)dim, first.dim(), "cat");
        var type = tensors.Select(t => t.dtype).Aggregate((a, b) => a == ScalarType.Float32 || b == ScalarType.Float32 ? ScalarType.Float32 : a == ScalarType.Int64 || b == ScalarType.Int64 ? ScalarType.Int64 : ScalarType.Bool);
        foreach (var t in tensors)
        {
            t.ThrowIfDisposed("cat");
            bool fits = t.dim() == first.dim() && Enumerable.Range(0, t.dim()).All(i => i == d || t.Shape[i] == first.Shape[i]);
            if (!fits)
                throw new ArgumentException($"cat: shapes {ShapeUtil.Format(first.Shape)} and {ShapeUtil.Format(t.Shape)} differ outside dimension {dim}; " +
                    "tensors must have the same shape except along the dimension they are joined on.");
        }
        var shape = (int[])first.Shape.Clone();
        shape[d] = tensors.Sum(t => t.Shape[d]);
        var y = Tensor.Empty(shape, type, first.device);
        using (Autograd.GradMode.Set(false))
        {
            int at = 0;
            foreach (var t in tensors) { y.narrow(d, at, t.Shape[d]).copy_(t); at += t.Shape[d]; }
        }
        if (type != ScalarType.Float32) return y;
        var sizes = tensors.Select(t => (long)t.Shape[d]).ToArray();
        return Autograd.Engine.Record("cat", y, tensors.ToArray(), [], (g, _) => g.split(sizes, d));
    }

    /// <summary>Joins tensors of equal shape along a new dimension dim.</summary>
    public static Tensor stack(IList<Tensor> tensors, long dim = 0)
    {
        if (tensors.Count == 0) throw new ArgumentException("stack: needs at least one tensor.");
        var first = tensors[0];
        foreach (var t in tensors)
            if (!ShapeUtil.SameShape(t.Shape, first.Shape))
                throw new ArgumentException($"stack: all tensors must have the same shape, got {ShapeUtil.Format(first.Shape)} and {ShapeUtil.Format(t.Shape)}.");
        int d = Tensor.NormalizeDim((int)dim, first.dim() + 1, "stack");
        return cat(tensors.Select(t => t.unsqueeze(d)).ToList(), d);
    }

    public static Tensor[] split(Tensor x, long split_size, long dim = 0) => x.split(split_size, dim);
    public static Tensor[] split(Tensor x, long[] split_sizes, long dim = 0) => x.split(split_sizes, dim);
    public static Tensor[] chunk(Tensor x, long chunks, long dim = 0) => x.chunk(chunks, dim);
    public static Tensor[] unbind(Tensor x, long dim = 0) => x.unbind(dim);
    public static Tensor movedim(Tensor x, long source, long destination) => x.movedim(source, destination);
    public static Tensor flip(Tensor x, params long[] dims) => x.flip(dims);
    public static Tensor roll(Tensor x, long[] shifts, long[]? dims = null) => x.roll(shifts, dims);
    public static Tensor tril(Tensor x, long diagonal = 0) => x.tril(diagonal);
    public static Tensor triu(Tensor x, long diagonal = 0) => x.triu(diagonal);
    public static Tensor cumsum(Tensor x, long dim) => x.cumsum(dim);
    public static Tensor masked_fill(Tensor x, Tensor mask, double value) => x.masked_fill(mask, value);
    public static Tensor repeat_interleave(Tensor x, long repeats, long? dim = null) => x.repeat_interleave(repeats, dim);
}
