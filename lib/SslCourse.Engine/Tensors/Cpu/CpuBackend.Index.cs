namespace SslCourse.Cpu;

internal sealed partial class CpuBackend
{
    // Both kernels see src and dst as [outer, size, inner] around dimension dim, with contiguous operands.
    static (int outer, int inner) AroundDim(int[] shape, int dim)
    {
        int outer = 1, inner = 1;
        for (int d = 0; d < dim; d++) outer *= shape[d];
        for (int d = dim + 1; d < shape.Length; d++) inner *= shape[d];
        return (outer, inner);
    }

    public void IndexSelect(Tensor src, int dim, long[] index, Tensor dst)
    {
        var (outer, inner) = AroundDim(src.Shape, dim);
        int size = src.Shape[dim], n = index.Length;
        var s = src.Storage; var d = dst.Storage;
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < n; j++)
                Array.Copy(s.F ?? s.L ?? (Array)s.B!, src.Offset + (o * size + (int)index[j]) * inner,
                           d.F ?? d.L ?? (Array)d.B!, (o * n + j) * inner, inner);
    }

    public void IndexAdd(Tensor dst, int dim, long[] index, Tensor src)
    {
        var (outer, inner) = AroundDim(dst.Shape, dim);
        int size = dst.Shape[dim], n = index.Length;
        var y = dst.Storage.F!; var x = src.Storage.F!;
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < n; j++)
            {
                int to = dst.Offset + (o * size + (int)index[j]) * inner, from = src.Offset + (o * n + j) * inner;
                for (int i = 0; i < inner; i++) y[to + i] += x[from + i];
            }
    }
}
