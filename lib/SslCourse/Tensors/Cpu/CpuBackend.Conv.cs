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
            for (int oy = 0; oy < g.OutH; oy++)
            {
                int y = oy * g.StrideH - g.PadH + ky * g.DilationH;
                bool rowInside = y >= 0 && y < g.Height;
                for (int ox = 0; ox < g.OutW; ox++)
                {
                    int xx = ox * g.StrideW - g.PadW + kx * g.DilationW;
                    cols[dst++] = rowInside && xx >= 0 && xx < g.Width ? x[src + y * g.Width + xx] : padValue;
                }
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
                for (int oy = 0; oy < g.OutH; oy++)
                {
                    int y = oy * g.StrideH - g.PadH + ky * g.DilationH;
                    if (y < 0 || y >= g.Height) { src += g.OutW; continue; }
                    for (int ox = 0; ox < g.OutW; ox++, src++)
                    {
                        int xx = ox * g.StrideW - g.PadW + kx * g.DilationW;
                        if (xx >= 0 && xx < g.Width) x[dstPlane + y * g.Width + xx] += cols[src];
                    }
                }
            }
        });
    }

    // Where patch row `row` = (image, patch entry) starts, in units of OutH·OutW: image by image, or with the images side by side.
    static int ColumnRow(int row, int images, ConvGeometry g, bool sideBySide) =>
        sideBySide ? row % g.Patch * images + row / g.Patch : row;
}
