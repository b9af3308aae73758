namespace SslCourse;

/// <summary>Shape arithmetic shared by ops and kernels.</summary>
internal static class ShapeUtil
{
    public static int Numel(int[] shape)
    {
        long n = 1;
        foreach (var s in shape) n *= s;
        if (n > int.MaxValue) throw new ArgumentException($"tensor of shape {Format(shape)} has {n} elements, more than this engine supports ({int.MaxValue}).");
        return (int)n;
    }

    public static int[] ContiguousStrides(int[] shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int i = shape.Length - 1; i >= 0; i--) { strides[i] = s; s *= Math.Max(shape[i], 1); }
        return strides;
    }

    public static bool IsContiguous(int[] shape, int[] strides)
    {
        int expected = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            if (shape[i] == 1) continue;
            if (strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    public static string Format(int[] shape) => "[" + string.Join(",", shape) + "]";

    public static string Format(long[] shape) => "[" + string.Join(",", shape) + "]";

    public static int[] ToInt(long[] shape, string op)
    {
        var r = new int[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0 || shape[i] > int.MaxValue)
                throw new ArgumentException($"{op}: size {shape[i]} in shape {Format(shape)} is invalid; sizes must be non-negative.");
            r[i] = (int)shape[i];
        }
        return r;
    }

    /// <summary>The shape two operands broadcast to, by NumPy's rules (align right, sizes equal or 1).</summary>
    public static int[] Broadcast(int[] a, int[] b, string op)
    {
        int n = Math.Max(a.Length, b.Length);
        var r = new int[n];
        for (int i = 0; i < n; i++)
        {
            int da = i < n - a.Length ? 1 : a[i - (n - a.Length)];
            int db = i < n - b.Length ? 1 : b[i - (n - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"{op}: shapes {Format(a)} and {Format(b)} cannot be broadcast: size {da} and {db} differ in dimension {i - n} and neither is 1.");
            r[i] = da == 1 ? db : da;
        }
        return r;
    }

    public static bool SameShape(int[] a, int[] b) => a.AsSpan().SequenceEqual(b);
}
