namespace SslCourse;

internal static partial class TensorInterop
{
    // The built-in engine's data<T>() already returns a fresh array; taking it as it is saves a second copy of every
    // batch an augmentation or a plot reads (an array of megabytes, each a large-object-heap allocation).

    /// <summary>The values of a float32 tensor in row-major order, as a new array.</summary>
    public static float[] ToFloatArray(this Tensor t)
    {
        using var values = t.detach().contiguous();
        return values.data<float>();
    }

    /// <summary>The values of an int64 tensor in row-major order, as a new array.</summary>
    public static long[] ToLongArray(this Tensor t)
    {
        using var values = t.detach().contiguous();
        return values.data<long>();
    }
}
