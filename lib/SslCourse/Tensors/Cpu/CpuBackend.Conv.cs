using SslCourse.Cpu.Simd;

namespace SslCourse.Cpu;

internal sealed partial class CpuBackend
{
    public void Im2Col(Tensor images, ConvGeometry g, float padValue, Tensor columns)
    {
        var x = images.Storage.F!; var cols = columns.Storage.F!;
        int n = images.Shape[0], plane = g.Height * g.Width, outPlane = g.OutH * g.OutW;
        bool sideBySide = columns.dim() == 2;
        ForRows(n * g.Patch, outPlane, row =>
        {
            // row = (image, channel, kernel row, kernel column); each fills one column-matrix row of length OutH·OutW.
            int kx = row % g.KernelW, ky = row / g.KernelW % g.KernelH, c = row / (g.KernelW * g.KernelH) % g.Channels, img = row / g.Patch;
            int src = images.Offset + (img * g.Channels + c) * plane, dst = ColumnRow(row, n, g, sideBySide) * outPlane;
            var (lo, hi) = Inside(g.OutW, g.StrideW, kx * g.DilationW - g.PadW, g.Width);
            for (int oy = 0; oy < g.OutH; oy++, dst += g.OutW)
            {
                int y = oy * g.StrideH - g.PadH + ky * g.DilationH;
                var line = cols.AsSpan(dst, g.OutW);
                if (y < 0 || y >= g.Height || lo >= hi) { line.Fill(padValue); continue; }
                // Padding at both ends of the line, and in between a copy of the input row (a plain one at stride 1).
                line[..lo].Fill(padValue);
                line[hi..].Fill(padValue);
                int from = src + y * g.Width + lo * g.StrideW + kx * g.DilationW - g.PadW;
                if (g.StrideW == 1) x.AsSpan(from, hi - lo).CopyTo(line[lo..hi]);
                else for (int ox = lo; ox < hi; ox++, from += g.StrideW) line[ox] = x[from];
            }
        });
    }

    public void Col2Im(Tensor columns, ConvGeometry g, Tensor images)
    {
        var x = images.Storage.F!; var cols = columns.Storage.F!;
        int n = images.Shape[0], plane = g.Height * g.Width, outPlane = g.OutH * g.OutW, k = g.KernelH * g.KernelW;
        bool sideBySide = columns.dim() == 2;
        // One task per (image, channel) plane, so no two threads add into the same pixels.
        ForRows(n * g.Channels, k * outPlane, p =>
        {
            int dstPlane = images.Offset + p * plane;
            for (int kk = 0; kk < k; kk++)
            {
                int ky = kk / g.KernelW, kx = kk % g.KernelW, src = ColumnRow(p * k + kk, n, g, sideBySide) * outPlane;
                var (lo, hi) = Inside(g.OutW, g.StrideW, kx * g.DilationW - g.PadW, g.Width);
                for (int oy = 0; oy < g.OutH; oy++, src += g.OutW)
                {
                    int y = oy * g.StrideH - g.PadH + ky * g.DilationH;
                    if (y < 0 || y >= g.Height || lo >= hi) continue;
                    int to = dstPlane + y * g.Width + lo * g.StrideW + kx * g.DilationW - g.PadW;
                    if (g.StrideW == 1) FloatRows.Binary<AddOp>(ref x[to], 1, ref cols[src + lo], 1, ref x[to], hi - lo);
                    else for (int ox = lo; ox < hi; ox++, to += g.StrideW) x[to] += cols[src + ox];
                }
            }
        });
    }

    /// <summary>The outputs [lo, hi) of a line whose input position o·stride + offset falls inside [0, size).</summary>
    static (int Lo, int Hi) Inside(int outputs, int stride, int offset, int size)
    {
        int lo = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
        int hi = size - 1 - offset < 0 ? 0 : Math.Min(outputs, (size - 1 - offset) / stride + 1);
        return (Math.Min(lo, outputs), hi);
    }

    // Where patch row `row` = (image, patch entry) starts, in units of OutH·OutW: image by image, or with the images side by side.
    static int ColumnRow(int row, int images, ConvGeometry g, bool sideBySide) =>
        sideBySide ? row % g.Patch * images + row / g.Patch : row;
}
