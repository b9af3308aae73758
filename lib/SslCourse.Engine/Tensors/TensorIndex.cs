namespace SslCourse;

/// <summary>
/// One entry of a tensor indexer, as in TorchSharp: a single position, a slice, a new axis, an ellipsis,
/// or an index/mask tensor. Ints, C# ranges (<c>t[.., 1..^1]</c>) and tensors convert implicitly.
/// </summary>
public sealed class TensorIndex
{
    internal enum Kind { Single, Slice, None, Ellipsis, Tensor }

    internal readonly Kind kind;
    internal readonly long? start, stop, step;
    internal readonly Tensor? tensor;

    TensorIndex(Kind kind, long? start = null, long? stop = null, long? step = null, Tensor? tensor = null)
    {
        this.kind = kind; this.start = start; this.stop = stop; this.step = step; this.tensor = tensor;
    }

    /// <summary>One position; the dimension is removed.</summary>
    public static TensorIndex Single(long index) => new(Kind.Single, index);
    /// <summary>Positions start … stop-1 every step (each part optional, negatives count from the end).</summary>
    public static TensorIndex Slice(long? start = null, long? stop = null, long? step = null) => new(Kind.Slice, start, stop, step);
    /// <summary>The whole dimension (<c>:</c> in Python).</summary>
    public static TensorIndex Colon => new(Kind.Slice);
    /// <summary>A new dimension of size 1 (<c>None</c> in Python).</summary>
    public static TensorIndex None => new(Kind.None);
    /// <summary>As many whole dimensions as needed (<c>...</c> in Python).</summary>
    public static TensorIndex Ellipsis => new(Kind.Ellipsis);
    /// <summary>Positions listed by an int64 tensor, or selected by a bool mask.</summary>
    public static TensorIndex Tensor(Tensor index) => new(Kind.Tensor, tensor: index);

    public static implicit operator TensorIndex(long index) => Single(index);
    public static implicit operator TensorIndex(int index) => Single(index);
    public static implicit operator TensorIndex(Index index) => Single(index.IsFromEnd ? -index.Value : index.Value);
    public static implicit operator TensorIndex(Tensor index) => Tensor(index);
    public static implicit operator TensorIndex(Range range) => Slice(
        range.Start.IsFromEnd ? -range.Start.Value : range.Start.Value,
        range.End.IsFromEnd ? (range.End.Value == 0 ? null : -range.End.Value) : range.End.Value);
}

public sealed partial class Tensor
{
    /// <summary>Indexes like PyTorch: <c>x[0]</c>, <c>x[.., 1..3]</c>, <c>x[TensorIndex.Ellipsis, 0]</c>, <c>x[mask]</c>.</summary>
    public Tensor this[params TensorIndex[] indices]
    {
        get => Index(indices);
        set => IndexAssign(indices, value);
    }

    /// <summary>Indexes by positions, one per leading dimension.</summary>
    public Tensor this[params long[] indices]
    {
        get => Index(Array.ConvertAll(indices, i => TensorIndex.Single(i)));
        set => IndexAssign(Array.ConvertAll(indices, i => TensorIndex.Single(i)), value);
    }

    Tensor Index(TensorIndex[] indices)
    {
        int used = indices.Count(i => i.kind is TensorIndex.Kind.Single or TensorIndex.Kind.Slice or TensorIndex.Kind.Tensor);
        if (indices.Count(i => i.kind == TensorIndex.Kind.Ellipsis) > 1) throw new ArgumentException("index: at most one Ellipsis is allowed.");
        if (used > Shape.Length) throw new IndexOutOfRangeException($"index: {used} indices for a tensor of shape {ShapeUtil.Format(Shape)}.");
        var r = this;
        int dim = 0;
        foreach (var ix in indices)
        {
            switch (ix.kind)
            {
                case TensorIndex.Kind.Single: r = r.select(dim, ix.start!.Value); break;
                case TensorIndex.Kind.Slice: r = r.slice(dim, ix.start ?? 0, ix.stop ?? long.MaxValue, ix.step ?? 1); dim++; break;
                case TensorIndex.Kind.None: r = r.unsqueeze(dim); dim++; break;
                case TensorIndex.Kind.Ellipsis: dim += Shape.Length - used; break;
                case TensorIndex.Kind.Tensor:
                    var t = OnDeviceOf(ix.tensor!, r);
                    if (t.dtype == torch.ScalarType.Bool)
                    {
                        if (dim != 0 || indices.Length != 1) throw new ArgumentException("index: a bool mask must be the only index.");
                        return r.masked_select(t);
                    }
                    r = r.index_select(dim, t.flatten());
                    if (t.dim() != 1) r = r.unflatten(dim, t.shape);
                    dim += t.dim();
                    break;
            }
        }
        return r;
    }

    /// <summary>An index or mask tensor on the indexed tensor's device: CPU indices index any device, as in PyTorch.</summary>
    static Tensor OnDeviceOf(Tensor index, Tensor indexed) => index.device == torch.CPU ? index.to(indexed.device) : index;

    void IndexAssign(TensorIndex[] indices, Tensor value)
    {
        if (torch.IsCpuScalar(value)) value = value.to(device);   // a CPU scalar may be assigned on any device
        if (indices.Length == 1 && indices[0].kind == TensorIndex.Kind.Tensor)
        {
            var t = OnDeviceOf(indices[0].tensor!, this);
            if (t.dtype == torch.ScalarType.Bool) { masked_scatter_(t, value); return; }
            index_copy_(0, t, value.expand(Enumerable.Prepend(shape.Skip(1), t.size(0)).ToArray()));
            return;
        }
        if (indices.Any(i => i.kind == TensorIndex.Kind.Tensor))
            throw new NotSupportedException("index assignment: a tensor index is supported only as the sole index; use index_copy_ or masked_fill_.");
        using (Autograd.GradMode.Set(false)) Index(indices).copy_(value);
    }
}
