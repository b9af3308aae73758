namespace SslCourse;

internal static partial class TensorInterop
{
    /// <summary>The elements in row-major order, as a new array (on the CPU, whatever the tensor's device).</summary>
    public static T[] Values<T>(this Tensor t) where T : unmanaged
    {
        using var values = t.detach().cpu().contiguous();
        return values.data<T>().ToArray();
    }
}
