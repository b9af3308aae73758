using SslCourse.Autograd;

namespace SslCourse;

// Gather/scatter by index tensors, and sorting.
public sealed partial class Tensor
{
    void CheckIndexTensor(Tensor index, int d, string op, Tensor? src = null)
    {
        if (index.dtype != torch.ScalarType.Int64) throw new ArgumentException($"{op}: the index must be int64, got {index.dtype.Name()}.");
        torch.CheckSameDevice(op, device, index, src);
        if (index.Shape.Length != Shape.Length)
            throw new ArgumentException($"{op}: index {ShapeUtil.Format(index.Shape)} must have as many dimensions as the tensor {ShapeUtil.Format(Shape)}.");
        for (int i = 0; i < Shape.Length; i++)
            if (i != d && index.Shape[i] > Shape[i])
                throw new ArgumentException($"{op}: index {ShapeUtil.Format(index.Shape)} is larger than the tensor {ShapeUtil.Format(Shape)} in dimension {i}.");
        if (src is not null && src.Shape.Length == Shape.Length && Enumerable.Range(0, Shape.Length).Any(i => index.Shape[i] > src.Shape[i]))
            throw new ArgumentException($"{op}: index {ShapeUtil.Format(index.Shape)} is larger than the source {ShapeUtil.Format(src.Shape)}.");
        var values = index.data<long>();
        foreach (var v in values)
            if (v < -Shape[d] || v >= Shape[d])
                throw new IndexOutOfRangeException($"{op}: index {v} is out of range for dimension {d} of size {Shape[d]} in {ShapeUtil.Format(Shape)}.");
    }

    /// <summary>out[i][j][k] = this[i][index[i][j][k]][k] for dim 1 (and likewise for any dim).</summary>
    public Tensor gather(long dim, Tensor index)
    {
        ThrowIfDisposed("gather");
        int d = NormalizeDim((int)dim, Shape.Length, "gather");
        CheckIndexTensor(index, d, "gather");
        var idx = index.contiguous();
        var y = Empty(index.Shape, dtype, device);
        Backend.Gather(contiguous(), d, idx, y);
        var inputShape = shape;
        return Engine.Record("gather", y, [this], [idx], (g, s) => [torch.zeros(inputShape, device: g.device).scatter_add(d, s[0], g)]);
    }

    Tensor ScatterCopy(string op, int d, Tensor index, Tensor src, bool accumulate)
    {
        ThrowIfDisposed(op);
        CheckIndexTensor(index, d, op, src);
        var idx = index.contiguous();
        // Only the part of src that the index covers takes part, as in PyTorch.
        var used = src;
        for (int i = 0; i < src.Shape.Length; i++) if (src.Shape[i] != idx.Shape[i]) used = used.narrow(i, 0, idx.Shape[i]);
        var y = Empty(Shape, dtype, device);
        Backend.Copy(this, y);
        using (GradMode.Set(false)) Backend.Scatter(y, d, idx, used.to(dtype).contiguous(), accumulate);
        if (dtype != torch.ScalarType.Float32) return y;
        var srcShape = used.shape;
        return Engine.Record(op, y, [this, used], [idx], (g, s) =>
        [
            accumulate ? g : g.scatter(d, s[0], 0.0),   // overwritten positions get no gradient from the old values
            g.gather(d, s[0]).reshape(srcShape),
        ]);
    }

    /// <summary>A copy with out[i][index[i][j]][...] = src[i][j][...] along dim (last write wins for repeated indices).</summary>
    public Tensor scatter(long dim, Tensor index, Tensor src) => ScatterCopy("scatter", NormalizeDim((int)dim, Shape.Length, "scatter"), index, src, false);
    /// <summary>A copy with value written at the positions given by index along dim.</summary>
    public Tensor scatter(long dim, Tensor index, double value) =>
        scatter(dim, index, torch.full(index.shape, value, dtype == torch.ScalarType.Float32 ? torch.ScalarType.Float32 : dtype, device));
    /// <summary>A copy with src added at the positions given by index along dim (repeated indices add up).</summary>
    public Tensor scatter_add(long dim, Tensor index, Tensor src) => ScatterCopy("scatter_add", NormalizeDim((int)dim, Shape.Length, "scatter_add"), index, src, true);

    /// <summary>In place: writes src at the positions given by index along dim (no autograd).</summary>
    public Tensor scatter_(long dim, Tensor index, Tensor src) => InPlace("scatter_", () => scatter(dim, index, src));
    /// <summary>In place: writes value at the positions given by index along dim (no autograd).</summary>
    public Tensor scatter_(long dim, Tensor index, double value) => InPlace("scatter_", () => scatter(dim, index, value));
    /// <summary>In place: adds src at the positions given by index along dim (no autograd).</summary>
    public Tensor scatter_add_(long dim, Tensor index, Tensor src) => InPlace("scatter_add_", () => scatter_add(dim, index, src));

    /// <summary>Sorts along dim (ascending unless descending); ties keep their order. Returns the values and their original positions.</summary>
    public (Tensor values, Tensor indices) sort(long dim = -1, bool descending = false, bool stable = true)
    {
        var indices = argsort(dim, descending, stable);
        return (gather(dim, indices), indices);
    }

    /// <summary>The positions that sort the tensor along dim.</summary>
    public Tensor argsort(long dim = -1, bool descending = false, bool stable = true)
    {
        ThrowIfDisposed("argsort");
        if (Shape.Length == 0) return torch.tensor(0L, device);
        int d = NormalizeDim((int)dim, Shape.Length, "argsort");
        var moved = movedim(d, -1).contiguous();
        int n = Shape[d], rows = n == 0 ? 0 : Numel / n;
        var order = Empty(moved.Shape, torch.ScalarType.Int64, device);
        using (GradMode.Set(false)) Backend.ArgsortRows(moved, rows, n, descending, order);
        return order.movedim(-1, d).contiguous();
    }

    /// <summary>The k largest (or smallest) elements along dim and their positions, sorted best first.</summary>
    public (Tensor values, Tensor indexes) topk(long k, long dim = -1, bool largest = true, bool sorted = true)
    {
        int d = NormalizeDim((int)dim, Math.Max(Shape.Length, 1), "topk");
        if (k < 0 || k > (Shape.Length == 0 ? 1 : Shape[d]))
            throw new ArgumentException($"topk: k = {k} is out of range for dimension {dim} of size {(Shape.Length == 0 ? 1 : Shape[d])}.");
        var indexes = argsort(d, descending: largest).narrow(d, 0, k).contiguous();
        return (gather(d, indexes), indexes);
    }
}

public static partial class torch
{
    public static Tensor gather(Tensor input, long dim, Tensor index) => input.gather(dim, index);
    public static Tensor scatter(Tensor input, long dim, Tensor index, Tensor src) => input.scatter(dim, index, src);
    public static Tensor scatter_add(Tensor input, long dim, Tensor index, Tensor src) => input.scatter_add(dim, index, src);
    public static (Tensor values, Tensor indices) sort(Tensor input, long dim = -1, bool descending = false, bool stable = true) => input.sort(dim, descending, stable);
    public static Tensor argsort(Tensor input, long dim = -1, bool descending = false) => input.argsort(dim, descending);
    public static (Tensor values, Tensor indexes) topk(Tensor input, long k, long dim = -1, bool largest = true, bool sorted = true) => input.topk(k, dim, largest, sorted);
}
