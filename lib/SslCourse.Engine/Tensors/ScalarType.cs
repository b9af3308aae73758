namespace SslCourse;

public static partial class torch
{
    /// <summary>Element types the engine computes with: float32 for values, int64 for indices and labels, bool for masks.</summary>
    public enum ScalarType
    {
        /// <summary>32-bit floating point, the type of every value that carries gradients.</summary>
        Float32,
        /// <summary>64-bit integer, for indices, labels and counts.</summary>
        Int64,
        /// <summary>Boolean, for masks and comparison results.</summary>
        Bool,
    }

    /// <summary>32-bit floating point.</summary>
    public static readonly ScalarType float32 = ScalarType.Float32;
    /// <summary>Alias of <see cref="float32"/>, as in PyTorch.</summary>
    public static readonly ScalarType @float = ScalarType.Float32;
    /// <summary>64-bit integer.</summary>
    public static readonly ScalarType int64 = ScalarType.Int64;
    /// <summary>Alias of <see cref="int64"/>, as in PyTorch.</summary>
    public static readonly ScalarType @long = ScalarType.Int64;
    /// <summary>Boolean.</summary>
    public static readonly ScalarType @bool = ScalarType.Bool;

    internal static string Name(this ScalarType t) => t switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.Int64 => "int64",
        _ => "bool",
    };
}
