namespace SslCourse.Cpu;

internal sealed partial class CpuBackend
{
    public void ReduceRows(ReduceOp op, Tensor src, int rows, int n, Tensor dst)
    {
        if (src.dtype == torch.ScalarType.Bool)
        {
            var xb = src.Storage.B!; var yb = dst.Storage.B!;
            for (int r = 0; r < rows; r++)
            {
                bool acc = op == ReduceOp.All;
                for (int i = r * n, end = i + n; i < end; i++) acc = op == ReduceOp.All ? acc & xb[i] : acc | xb[i];
                yb[r] = acc;
            }
            return;
        }
        if (src.dtype == torch.ScalarType.Int64)
        {
            var xl = src.Storage.L!;
            for (int r = 0; r < rows; r++)
            {
                var row = xl.AsSpan(src.Offset + r * n, n);
                switch (op)
                {
                    case ReduceOp.Sum: { long s = 0; foreach (var v in row) s += v; dst.Storage.L![r] = s; break; }
                    case ReduceOp.Prod: { long s = 1; foreach (var v in row) s *= v; dst.Storage.L![r] = s; break; }
                    case ReduceOp.Max: dst.Storage.L![r] = ArgBest(row, +1) is var i && i >= 0 ? row[i] : 0; break;
                    case ReduceOp.Min: dst.Storage.L![r] = ArgBest(row, -1) is var j && j >= 0 ? row[j] : 0; break;
                    case ReduceOp.ArgMax: dst.Storage.L![r] = ArgBest(row, +1); break;
                    case ReduceOp.ArgMin: dst.Storage.L![r] = ArgBest(row, -1); break;
                    default: throw new NotSupportedException($"reduction {op} on int64");
                }
            }
            return;
        }
        var x = src.Storage.F!;
        for (int r = 0; r < rows; r++)
        {
            var row = x.AsSpan(src.Offset + r * n, n);
            switch (op)
            {
                case ReduceOp.Sum: dst.Storage.F![r] = n == 0 ? 0 : (float)Simd.FloatRows.Sum(ref row[0], n); break;
                case ReduceOp.Prod: { double s = 1; foreach (var v in row) s *= v; dst.Storage.F![r] = (float)s; break; }
                case ReduceOp.Max: dst.Storage.F![r] = row[ArgBestFloat(row, +1)]; break;
                case ReduceOp.Min: dst.Storage.F![r] = row[ArgBestFloat(row, -1)]; break;
                case ReduceOp.ArgMax: dst.Storage.L![r] = ArgBestFloat(row, +1); break;
                case ReduceOp.ArgMin: dst.Storage.L![r] = ArgBestFloat(row, -1); break;
                default: throw new NotSupportedException($"reduction {op} on float32");
            }
        }
    }

    public void SumColumns(Tensor src, int rows, int cols, Tensor dst)
    {
        if (cols == 0) return;
        var x = src.Storage.F!; var y = dst.Storage.F!;
        // Rows are added as vectors, 64 at a time in float, and each block's sums then in double, as FloatRows.Sum does.
        var total = new double[cols];
        var block = new float[cols];
        for (int r0 = 0; r0 < rows; r0 += 64)
        {
            Array.Clear(block);
            for (int r = r0, end = Math.Min(rows, r0 + 64); r < end; r++)
                Simd.FloatRows.Binary<Simd.AddOp>(ref block[0], 1, ref x[src.Offset + r * cols], 1, ref block[0], cols);
            for (int c = 0; c < cols; c++) total[c] += block[c];
        }
        for (int c = 0; c < cols; c++) y[dst.Offset + c] = (float)total[c];
    }

    /// <summary>Index of the first largest (sign +1) or smallest (sign -1) value; a NaN wins, as in PyTorch.</summary>
    static int ArgBestFloat(Span<float> row, int sign)
    {
        int best = 0;
        for (int i = 1; i < row.Length; i++)
        {
            if (float.IsNaN(row[best])) return best;
            if (float.IsNaN(row[i]) || (sign > 0 ? row[i] > row[best] : row[i] < row[best])) best = i;
        }
        return best;
    }

    static int ArgBest(Span<long> row, int sign)
    {
        if (row.Length == 0) return -1;
        int best = 0;
        for (int i = 1; i < row.Length; i++)
            if (sign > 0 ? row[i] > row[best] : row[i] < row[best]) best = i;
        return best;
    }

    public void MatMul(Tensor a, Tensor b, Tensor dst)
    {
        int batch = a.Shape[0], m = a.Shape[1], k = a.Shape[2], n = b.Shape[2];
        void Product(int p) => Gemm.Multiply(m, n, k,
            a.Storage.F!, a.Offset + p * a.Strides[0], a.Strides[1], a.Strides[2],
            b.Storage.F!, b.Offset + p * b.Strides[0], b.Strides[1], b.Strides[2],
            dst.Storage.F!, p * m * n, n);
        // Products too small to thread inside (attention's per-head matrices) are shared out whole instead.
        long flops = (long)m * n * k;
        if (batch > 1 && flops < Gemm.ParallelFlops && batch * flops >= Gemm.ParallelFlops && Threading.NumThreads > 1)
            Parallel.For(0, batch, Threading.Options, Product);
        else for (int p = 0; p < batch; p++) Product(p);
    }
}
