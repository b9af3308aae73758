namespace SslCourse;

/// <summary>The sizes of one 2-D sliding-window operation (convolution, pooling, unfold) and its output.</summary>
internal readonly record struct ConvGeometry(
    int Channels, int Height, int Width,
    int KernelH, int KernelW, int StrideH, int StrideW,
    int PadH, int PadW, int DilationH, int DilationW)
{
    public int OutH => (Height + 2 * PadH - DilationH * (KernelH - 1) - 1) / StrideH + 1;
    public int OutW => (Width + 2 * PadW - DilationW * (KernelW - 1) - 1) / StrideW + 1;

    /// <summary>Rows of the column matrix: one per (channel, kernel row, kernel column).</summary>
    public int Patch => Channels * KernelH * KernelW;

    /// <summary>Throws when the kernel does not fit in the padded input.</summary>
    public ConvGeometry Validate(string op, int[] inputShape)
    {
        if (KernelH <= 0 || KernelW <= 0 || StrideH <= 0 || StrideW <= 0 || DilationH <= 0 || DilationW <= 0 || PadH < 0 || PadW < 0)
            throw new ArgumentException($"{op}: kernel, stride and dilation must be positive and padding non-negative.");
        if (OutH <= 0 || OutW <= 0)
            throw new ArgumentException($"{op}: a {KernelH}x{KernelW} kernel (dilation {DilationH}x{DilationW}) does not fit input {ShapeUtil.Format(inputShape)} " +
                $"padded by {PadH}x{PadW}; the output would be {OutH}x{OutW}.");
        return this;
    }
}
