namespace SslCourse;

public sealed partial class Tensor
{
    /// <summary>
    /// The diagonal of the matrices that dimensions <paramref name="dim1"/> (rows) and <paramref name="dim2"/> (columns)
    /// span, as a view: those two dimensions go and the diagonal becomes the last one. A positive
    /// <paramref name="offset"/> takes a diagonal above the main one, a negative one below it; one that misses the
    /// matrix entirely is empty.
    /// </summary>
    public Tensor diagonal(long offset = 0, long dim1 = 0, long dim2 = 1)
    {
        ThrowIfDisposed("diagonal");
        if (Shape.Length < 2)
            throw new ArgumentException($"diagonal: needs a tensor with at least 2 dimensions, got {ShapeUtil.Format(Shape)}.");
        int rows = NormalizeDim((int)dim1, Shape.Length, "diagonal"), cols = NormalizeDim((int)dim2, Shape.Length, "diagonal");
        if (rows == cols)
            throw new ArgumentException($"diagonal: dim1 and dim2 must be two different dimensions, both are {rows} in {ShapeUtil.Format(Shape)}.");
        // Element k of the diagonal is (firstRow + k, firstColumn + k).
        long firstRow = Math.Max(0, -offset), firstColumn = Math.Max(0, offset);
        int length = (int)Math.Clamp(Math.Min(Shape[rows] - firstRow, Shape[cols] - firstColumn), 0, int.MaxValue);
        var shape = new List<int>();
        var strides = new List<int>();
        for (int d = 0; d < Shape.Length; d++)
            if (d != rows && d != cols) { shape.Add(Shape[d]); strides.Add(Strides[d]); }
        shape.Add(length);
        strides.Add(Strides[rows] + Strides[cols]);
        int start = length == 0 ? Offset : Offset + (int)firstRow * Strides[rows] + (int)firstColumn * Strides[cols];
        var input = this.shape;
        return View("diagonal", shape.ToArray(), strides.ToArray(), start, g =>
        {
            var z = torch.zeros(input, dtype: g.dtype, device: g.device);
            z.diagonal(offset, rows, cols).copy_(g);
            return z;
        });
    }
}

public static partial class torch
{
    /// <summary>The diagonal of <paramref name="input"/> over dimensions dim1 and dim2, as a view (see <see cref="Tensor.diagonal"/>).</summary>
    public static Tensor diagonal(Tensor input, long offset = 0, long dim1 = 0, long dim2 = 1) => input.diagonal(offset, dim1, dim2);
}
