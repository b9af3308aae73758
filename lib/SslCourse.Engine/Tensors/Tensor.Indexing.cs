using SslCourse.Autograd;

namespace SslCourse;

public sealed partial class Tensor
{
    long[] CheckedIndices(Tensor index, int size, string op)
    {
        if (index.dtype != torch.ScalarType.Int64) throw new ArgumentException($"{op}: indices must be int64, got {index.dtype.Name()}.");
        torch.CheckSameDevice(op, device, index);
        var idx = index.data<long>();
        for (int i = 0; i < idx.Length; i++)
        {
            long v = idx[i] < 0 ? idx[i] + size : idx[i];
            if (v < 0 || v >= size) throw new IndexOutOfRangeException($"{op}: index {idx[i]} is out of range for a dimension of size {size}.");
            idx[i] = v;
        }
        return idx;
    }

    /// <summary>The slices at the positions in a 1-D int64 <paramref name="index"/> along <paramref name="dim"/>.</summary>
    public Tensor index_select(long dim, Tensor index)
    {
        ThrowIfDisposed("index_select");
        int d = NormalizeDim((int)dim, Shape.Length, "index_select");
        if (index.dim() > 1) throw new ArgumentException($"index_select: the index must be 1-D, got shape {ShapeUtil.Format(index.Shape)}.");
        var idx = CheckedIndices(index, Shape[d], "index_select");
        var shape = (int[])Shape.Clone(); shape[d] = idx.Length;
        var y = Empty(shape, dtype, device);
        Backend.IndexSelect(contiguous(), d, idx, y);
        var inputShape = this.shape;
        return Engine.Record("index_select", y, [this], [], (g, _) =>
        {
            var z = torch.zeros(inputShape, device: g.device);
            Backend.IndexAdd(z, d, idx, g.contiguous());
            return [z];
        });
    }

    /// <summary>Positions of the non-zero elements, one row of indices per element ([n, dims], int64).</summary>
    public Tensor nonzero()
    {
        var flags = @bool().data<bool>();
        var rows = new List<long>();
        var strides = ShapeUtil.ContiguousStrides(Shape);
        for (int i = 0; i < flags.Length; i++)
        {
            if (!flags[i]) continue;
            for (int d = 0, rest = i; d < Shape.Length; d++) { rows.Add(rest / strides[d]); rest %= strides[d]; }
        }
        return torch.tensor(rows.ToArray(), [rows.Count / Math.Max(Shape.Length, 1), Shape.Length], device);
    }

    /// <summary>The elements where <paramref name="mask"/> (broadcast to this shape) is true, as a 1-D tensor.</summary>
    public Tensor masked_select(Tensor mask)
    {
        if (mask.dtype != torch.ScalarType.Bool) throw new ArgumentException($"masked_select: the mask must be bool, got {mask.dtype.Name()}.");
        torch.CheckSameDevice("masked_select", device, mask);
        var shape = ShapeUtil.Broadcast(Shape, mask.Shape, "masked_select");
        var ls = Array.ConvertAll(shape, x => (long)x);
        var flags = mask.expand(ls).data<bool>();
        var picks = Enumerable.Range(0, flags.Length).Where(i => flags[i]).Select(i => (long)i).ToArray();
        return expand(ls).reshape(-1).index_select(0, torch.tensor(picks, device: device));
    }

    /// <summary>Copies the rows of <paramref name="source"/> into the positions <paramref name="index"/> along dim (no autograd).</summary>
    public Tensor index_copy_(long dim, Tensor index, Tensor source)
    {
        int d = NormalizeDim((int)dim, Shape.Length, "index_copy_");
        torch.CheckSameDevice("index_copy_", device, source);
        var idx = CheckedIndices(index.flatten(), Shape[d], "index_copy_");
        if (source.Shape.Length != Shape.Length || source.Shape[d] != idx.Length)
            throw new ArgumentException($"index_copy_: source {ShapeUtil.Format(source.Shape)} must match this tensor {ShapeUtil.Format(Shape)} except for {idx.Length} entries along dimension {d}.");
        using var noGrad = GradMode.Set(false);
        for (int j = 0; j < idx.Length; j++) select(d, idx[j]).copy_(source.select(d, j));
        return this;
    }

    /// <summary>Writes consecutive elements of <paramref name="source"/> where <paramref name="mask"/> is true (no autograd).</summary>
    public Tensor masked_scatter_(Tensor mask, Tensor source)
    {
        torch.CheckSameDevice("masked_scatter_", device, mask, source);
        var positions = mask.expand(shape).reshape(-1).nonzero().reshape(-1);
        int n = (int)positions.numel();
        if (source.numel() < n) throw new ArgumentException($"masked_scatter_: the mask selects {n} elements but the source has only {source.numel()}.");
        if (!is_contiguous()) throw new InvalidOperationException("masked_scatter_: needs a contiguous tensor.");
        using var noGrad = GradMode.Set(false);
        reshape(-1).index_copy_(0, positions, source.reshape(-1).slice(0, 0, n).to(dtype));
        return this;
    }
}
