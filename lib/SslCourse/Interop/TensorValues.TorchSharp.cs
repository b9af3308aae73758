namespace SslCourse;

internal static partial class TensorInterop
{
    /// <summary>The values of a float32 tensor in row-major order, as a new array (on the CPU, whatever its device).</summary>
    public static float[] ToFloatArray(this Tensor t)
    {
        using var values = t.detach().cpu().contiguous();
        return values.data<float>().ToArray();
    }

    /// <summary>The values of an int64 tensor in row-major order, as a new array (on the CPU, whatever its device).</summary>
    public static long[] ToLongArray(this Tensor t)
    {
        using var values = t.detach().cpu().contiguous();
        return values.data<long>().ToArray();
    }
}
