namespace SslCourse.Cpu;

/// <summary>
/// Plain, readable CPU kernels over managed arrays. Each loops over <see cref="StridedRows"/> so that
/// any view can be read without first being copied.
/// </summary>
internal sealed partial class CpuBackend : IBackend
{
    internal readonly StoragePool<float> FloatPool = new();
    internal readonly StoragePool<long> LongPool = new();

    public Storage Allocate(torch.Device device, torch.ScalarType dtype, int length, bool zeroed = true) => dtype switch
    {
        torch.ScalarType.Float32 => new Storage(device, dtype, length, FloatPool.Rent(length, zeroed)),
        torch.ScalarType.Int64 => new Storage(device, dtype, length, LongPool.Rent(length, zeroed)),
        _ => new Storage(device, dtype, length, new bool[length]),
    };

    public void Free(Storage storage)
    {
        if (storage.F is { } f) FloatPool.Return(f);
        else if (storage.L is { } l) LongPool.Return(l);
    }

    public void Copy(Tensor src, Tensor dst)
    {
        var (shape, strides) = StridedRows.Coalesce(dst.Shape, src.Strides, dst.Strides);
        var s = StridedRows.Of(shape, strides[0], src.Offset); var d = StridedRows.Of(shape, strides[1], dst.Offset);
        int cols = StridedRows.Cols(shape);
        switch (src.dtype, dst.dtype)
        {
            case (torch.ScalarType.Float32, torch.ScalarType.Float32): CopySame(src.Storage.F!, s, dst.Storage.F!, d, cols); break;
            case (torch.ScalarType.Int64, torch.ScalarType.Int64): CopySame(src.Storage.L!, s, dst.Storage.L!, d, cols); break;
            case (torch.ScalarType.Bool, torch.ScalarType.Bool): CopySame(src.Storage.B!, s, dst.Storage.B!, d, cols); break;
            case (torch.ScalarType.Float32, torch.ScalarType.Int64): CopyRows(src.Storage.F!, s, dst.Storage.L!, d, cols, x => (long)x); break;
            case (torch.ScalarType.Float32, torch.ScalarType.Bool): CopyRows(src.Storage.F!, s, dst.Storage.B!, d, cols, x => x != 0); break;
            case (torch.ScalarType.Int64, torch.ScalarType.Float32): CopyRows(src.Storage.L!, s, dst.Storage.F!, d, cols, x => (float)x); break;
            case (torch.ScalarType.Int64, torch.ScalarType.Bool): CopyRows(src.Storage.L!, s, dst.Storage.B!, d, cols, x => x != 0); break;
            case (torch.ScalarType.Bool, torch.ScalarType.Float32): CopyRows(src.Storage.B!, s, dst.Storage.F!, d, cols, x => x ? 1f : 0f); break;
            case (torch.ScalarType.Bool, torch.ScalarType.Int64): CopyRows(src.Storage.B!, s, dst.Storage.L!, d, cols, x => x ? 1L : 0L); break;
        }
    }

    /// <summary>A copy without conversion: rows that are contiguous on both sides move as blocks.</summary>
    static void CopySame<T>(T[] src, StridedRows s, T[] dst, StridedRows d, int cols)
    {
        for (int r = 0; r < d.Starts.Length; r++)
        {
            int si = s.Starts[r], di = d.Starts[r];
            if (s.Step == 1 && d.Step == 1) { Array.Copy(src, si, dst, di, cols); continue; }
            for (int i = 0; i < cols; i++, si += s.Step, di += d.Step) dst[di] = src[si];
        }
    }

    static void CopyRows<TS, TD>(TS[] src, StridedRows s, TD[] dst, StridedRows d, int cols, Func<TS, TD> convert)
    {
        for (int r = 0; r < d.Starts.Length; r++)
        {
            int si = s.Starts[r], di = d.Starts[r];
            for (int i = 0; i < cols; i++, si += s.Step, di += d.Step) dst[di] = convert(src[si]);
        }
    }

    public void Fill(Tensor dst, double value)
    {
        var d = StridedRows.Of(dst);
        int cols = StridedRows.Cols(dst.Shape);
        switch (dst.dtype)
        {
            case torch.ScalarType.Float32: FillRows(dst.Storage.F!, d, cols, (float)value); break;
            case torch.ScalarType.Int64: FillRows(dst.Storage.L!, d, cols, (long)value); break;
            default: FillRows(dst.Storage.B!, d, cols, value != 0); break;
        }
    }

    static void FillRows<T>(T[] dst, StridedRows d, int cols, T value)
    {
        foreach (int start in d.Starts)
            for (int i = 0, di = start; i < cols; i++, di += d.Step) dst[di] = value;
    }

    public void Where(Tensor cond, Tensor a, Tensor b, Tensor dst)
    {
        var c = StridedRows.Of(cond); var ra = StridedRows.Of(a); var rb = StridedRows.Of(b);
        int cols = StridedRows.Cols(dst.Shape);
        var cb = cond.Storage.B!;
        switch (dst.dtype)
        {
            case torch.ScalarType.Float32: WhereRows(cb, c, a.Storage.F!, ra, b.Storage.F!, rb, dst.Storage.F!, cols); break;
            case torch.ScalarType.Int64: WhereRows(cb, c, a.Storage.L!, ra, b.Storage.L!, rb, dst.Storage.L!, cols); break;
            default: WhereRows(cb, c, a.Storage.B!, ra, b.Storage.B!, rb, dst.Storage.B!, cols); break;
        }
    }

    static void WhereRows<T>(bool[] cond, StridedRows c, T[] a, StridedRows ra, T[] b, StridedRows rb, T[] dst, int cols)
    {
        int o = 0;
        for (int r = 0; r < c.Starts.Length; r++)
        {
            int ci = c.Starts[r], ai = ra.Starts[r], bi = rb.Starts[r];
            for (int i = 0; i < cols; i++, ci += c.Step, ai += ra.Step, bi += rb.Step)
                dst[o++] = cond[ci] ? a[ai] : b[bi];
        }
    }
}
