namespace SslCourse;

/// <summary>
/// The few things the course library asks of a tensor beyond the API both engines share, written once on that
/// shared API so that the same file compiles on the built-in engine and on TorchSharp. Reading values out costs
/// differently on the two, so that part is a file per engine (TensorValues.Builtin.cs and TensorValues.TorchSharp.cs).
/// </summary>
internal static partial class TensorInterop
{
    /// <summary>The shape as int sizes (the course's tensors are far below 2³¹ elements per dimension).</summary>
    public static int[] Dims(this Tensor t) => Array.ConvertAll(t.shape, d => checked((int)d));

    /// <summary>The shape as text for messages, e.g. "[64,784]", as the engine's own errors write it.</summary>
    public static string ShapeText(this Tensor t) => ShapeText(t.shape);

    /// <summary>A shape as text for messages, e.g. "[64,784]".</summary>
    public static string ShapeText(long[] shape) => "[" + string.Join(",", shape) + "]";

    /// <summary>The dtype's PyTorch name for messages: float32, int64, bool, uint8.</summary>
    public static string DtypeName(this torch.ScalarType t) => t switch
    {
        torch.ScalarType.Float32 => "float32",
        torch.ScalarType.Int64 => "int64",
        torch.ScalarType.Bool => "bool",
        _ => t.ToString().ToLowerInvariant(),
    };

    /// <summary>The values of a float32 tensor in row-major order, as a new array.</summary>
    public static float[] ToFloatArray(this Tensor t) => t.Values<float>();

    /// <summary>The values of an int64 tensor in row-major order, as a new array.</summary>
    public static long[] ToLongArray(this Tensor t) => t.Values<long>();

    /// <summary>A float32 tensor of the given shape holding <paramref name="values"/> (row-major), on <paramref name="device"/>.</summary>
    public static Tensor FromFloats(float[] values, int[] shape, torch.Device? device = null) =>
        torch.tensor(values, Array.ConvertAll(shape, d => (long)d), device: device);
}
