namespace SslCourse.Data.Augment;

/// <summary>
/// Separable bilinear resampling of one image plane, with PyTorch's half-pixel convention (align_corners = false):
/// output pixel o of a span of <c>length</c> source pixels sits at source position (o + ½)·length/outLength − ½,
/// clamped to the span, so resizing to the same size reproduces the source exactly.
/// </summary>
internal static class Bilinear
{
    /// <summary>For each output position along one axis: the two source indices it lies between and the weight of the second.</summary>
    public readonly record struct Taps(int[] First, int[] Second, float[] Weight);

    public static Taps Axis(int start, int length, int outLength)
    {
        var taps = new Taps(new int[outLength], new int[outLength], new float[outLength]);
        double step = (double)length / outLength;
        for (int o = 0; o < outLength; o++)
        {
            double at = Math.Clamp((o + 0.5) * step - 0.5, 0, length - 1);
            int first = Math.Min((int)at, length - 1);
            taps.First[o] = start + first;
            taps.Second[o] = start + Math.Min(first + 1, length - 1);
            taps.Weight[o] = (float)(at - first);
        }
        return taps;
    }

    /// <summary>Fills <paramref name="target"/> (rows × columns of the taps) from the plane at <paramref name="plane"/> of row length <paramref name="width"/>.</summary>
    public static void Resample(float[] source, int plane, int width, Taps rows, Taps columns, Span<float> target)
    {
        int outW = columns.First.Length;
        for (int y = 0; y < rows.First.Length; y++)
        {
            int top = plane + rows.First[y] * width, bottom = plane + rows.Second[y] * width;
            float wy = rows.Weight[y];
            var line = target.Slice(y * outW, outW);
            for (int x = 0; x < outW; x++)
            {
                int x0 = columns.First[x], x1 = columns.Second[x];
                float wx = columns.Weight[x];
                float upper = source[top + x0] + wx * (source[top + x1] - source[top + x0]);
                float lower = source[bottom + x0] + wx * (source[bottom + x1] - source[bottom + x0]);
                line[x] = upper + wy * (lower - upper);
            }
        }
    }
}
