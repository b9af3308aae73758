using System.Buffers;
using SslCourse.Cpu.Simd;

namespace SslCourse.Cpu;

internal sealed partial class CpuBackend
{
    public void Im2Col(Tensor images, ConvGeometry g, float padValue, Tensor columns)
    {
        var patches = new ImagePatches(images.Storage.F!, images.Offset, g, 0, padValue);
        var cols = columns.Storage.F!;
        int outPlane = g.OutH * g.OutW, kernel = g.KernelH * g.KernelW;
        // Row (image, patch entry) of the columns is that image's stretch of the patch row; a task fills one channel's rows.
        ForRows(images.Shape[0] * g.Channels, kernel * outPlane, plane =>
            patches.Rows(plane % g.Channels * kernel, kernel, plane / g.Channels * outPlane, outPlane, ref cols[plane * kernel * outPlane], outPlane));
    }

    public void MatMulPatches(Tensor a, Tensor images, ConvGeometry g, Tensor dst) =>
        PatchProducts(a, images, g, dst, transposed: false);

    public void MatMulPatchesTransposed(Tensor a, Tensor images, ConvGeometry g, Tensor dst) =>
        PatchProducts(a, images, g, dst, transposed: true);

    // One product per group: a[group] · patches, or a[group] · patchesᵀ, into dst[group].
    static void PatchProducts(Tensor a, Tensor images, ConvGeometry g, Tensor dst, bool transposed)
    {
        int groups = a.Shape[0], m = a.Shape[1], k = a.Shape[2], n = dst.Shape[2], channels = g.Channels / groups;
        var (x, offset) = (images.Storage.F!, images.Offset);
        float[]? padded = null;
        if (g.PadH > 0 || g.PadW > 0)
        {
            // The padding is written out once, so that packing copies plain stretches of input rows (one pass over the
            // images, where the product reads every pixel kh·kw times).
            (padded, g) = Pad(images, g);
            (x, offset) = (padded, 0);
        }
        try
        {
            for (int group = 0; group < groups; group++)
            {
                var patches = new ImagePatches(x, offset, g, group * channels, 0f);
                var p = new Gemm.Problem(m, n, k, a.Storage.F!, a.Offset + group * a.Strides[0], a.Strides[1], a.Strides[2],
                    dst.Storage.F!, dst.Offset + group * m * n, n);
                if (transposed) Gemm.Multiply(p, new TransposedImagePatches(patches));
                else Gemm.Multiply(p, patches);
            }
        }
        finally
        {
            if (padded is not null) ArrayPool<float>.Shared.Return(padded);
        }
    }

    // Contiguous images [N, C, H, W] copied into zeros [N, C, H + 2·padH, W + 2·padW], and the geometry without padding.
    static (float[] Padded, ConvGeometry G) Pad(Tensor images, ConvGeometry g)
    {
        int height = g.Height + 2 * g.PadH, width = g.Width + 2 * g.PadW, planes = images.Shape[0] * g.Channels;
        var padded = ArrayPool<float>.Shared.Rent(planes * height * width);
        var x = images.Storage.F!;
        ForRows(planes, height * width, plane =>
        {
            var to = padded.AsSpan(plane * height * width, height * width);
            to[..(g.PadH * width)].Clear();
            to[((g.PadH + g.Height) * width)..].Clear();
            for (int y = 0; y < g.Height; y++)
            {
                var line = to.Slice((g.PadH + y) * width, width);
                line[..g.PadW].Clear();
                line[(g.PadW + g.Width)..].Clear();
                x.AsSpan(images.Offset + (plane * g.Height + y) * g.Width, g.Width).CopyTo(line[g.PadW..]);
            }
        });
        return (padded, g with { Height = height, Width = width, PadH = 0, PadW = 0 });
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
                var (lo, hi) = ImagePatches.Inside(g.OutW, g.StrideW, kx * g.DilationW - g.PadW, g.Width);
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

    // Where patch row `row` = (image, patch entry) starts, in units of OutH·OutW: image by image, or with the images side by side.
    static int ColumnRow(int row, int images, ConvGeometry g, bool sideBySide) =>
        sideBySide ? row % g.Patch * images + row / g.Patch : row;
}
