namespace SslCourse.Cpu;

internal sealed partial class CpuBackend
{
    // Gather and scatter walk the index tensor in row-major order; `positions` maps each of its elements to the
    // flat offset in the other (larger) tensor with the index value substituted at dimension dim.
    static IEnumerable<(int indexAt, int otherAt)> Positions(int[] indexShape, int[] otherShape, int dim, long[] index)
    {
        var otherStrides = ShapeUtil.ContiguousStrides(otherShape);
        var counter = new int[indexShape.Length];
        for (int i = 0; i < index.Length; i++)
        {
            long at = index[i] < 0 ? index[i] + otherShape[dim] : index[i];
            if (at < 0 || at >= otherShape[dim])
                throw new IndexOutOfRangeException($"index {index[i]} is out of range for dimension {dim} of size {otherShape[dim]}.");
            int offset = 0;
            for (int d = 0; d < counter.Length; d++) offset += (d == dim ? (int)at : counter[d]) * otherStrides[d];
            yield return (i, offset);
            for (int d = counter.Length - 1; d >= 0 && ++counter[d] == indexShape[d]; d--) counter[d] = 0;
        }
    }

    public void Gather(Tensor src, int dim, Tensor index, Tensor dst)
    {
        var idx = index.Storage.L!.AsSpan(index.Offset, index.Numel).ToArray();
        Array from = Buffer(src), to = Buffer(dst);
        foreach (var (i, at) in Positions(index.Shape, src.Shape, dim, idx))
            Array.Copy(from, src.Offset + at, to, i, 1);
    }

    public void Scatter(Tensor dst, int dim, Tensor index, Tensor src, bool accumulate)
    {
        var idx = index.Storage.L!.AsSpan(index.Offset, index.Numel).ToArray();
        foreach (var (i, at) in Positions(index.Shape, dst.Shape, dim, idx))
        {
            int to = dst.Offset + at, from = src.Offset + i;
            switch (dst.dtype)
            {
                case torch.ScalarType.Float32: dst.Storage.F![to] = accumulate ? dst.Storage.F[to] + src.Storage.F![from] : src.Storage.F![from]; break;
                case torch.ScalarType.Int64: dst.Storage.L![to] = accumulate ? dst.Storage.L[to] + src.Storage.L![from] : src.Storage.L![from]; break;
                default: dst.Storage.B![to] = accumulate ? dst.Storage.B[to] | src.Storage.B![from] : src.Storage.B![from]; break;
            }
        }
    }

    static Array Buffer(Tensor t) => t.Storage.F ?? t.Storage.L ?? (Array)t.Storage.B!;

    public void ArgsortRows(Tensor src, int rows, int n, bool descending, Tensor dst)
    {
        var keys = new double[n];
        var order = new int[n];
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < n; i++)
            {
                int at = src.Offset + r * n + i;
                double v = src.dtype switch
                {
                    torch.ScalarType.Float32 => src.Storage.F![at],
                    torch.ScalarType.Int64 => src.Storage.L![at],
                    _ => src.Storage.B![at] ? 1 : 0,
                };
                keys[i] = double.IsNaN(v) ? double.PositiveInfinity : v;  // NaN sorts as the largest, as in PyTorch
                order[i] = i;
            }
            // Ties keep their original order (a stable sort), which makes results reproducible.
            Array.Sort(order, (x, y) =>
            {
                int c = descending ? keys[y].CompareTo(keys[x]) : keys[x].CompareTo(keys[y]);
                return c != 0 ? c : x.CompareTo(y);
            });
            for (int i = 0; i < n; i++) dst.Storage.L![r * n + i] = order[i];
        }
    }

    public void CumsumRows(Tensor src, int rows, int n, Tensor dst)
    {
        for (int r = 0; r < rows; r++)
        {
            int from = src.Offset + r * n, to = r * n;
            if (src.dtype == torch.ScalarType.Float32)
            {
                double acc = 0;
                for (int i = 0; i < n; i++) dst.Storage.F![to + i] = (float)(acc += src.Storage.F![from + i]);
            }
            else
            {
                long acc = 0;
                for (int i = 0; i < n; i++) dst.Storage.L![to + i] = acc += src.Storage.L![from + i];
            }
        }
    }
}
