namespace SslCourse;

internal static partial class TensorInterop
{
    /// <summary>The elements in row-major order, as a new array.</summary>
    /// <remarks>The built-in engine's data&lt;T&gt;() already returns a fresh array: taking it as it is saves a second
    /// copy of every batch an augmentation, a plot or a checkpoint reads (megabytes, on the large-object heap).</remarks>
    public static T[] Values<T>(this Tensor t) where T : unmanaged
    {
        using var values = t.detach().contiguous();
        return values.data<T>();
    }
}
