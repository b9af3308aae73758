namespace SslCourse;

/// <summary>
/// Scalar draws from a <see cref="torch.Generator"/> (augmentations and patch sampling draw per image), for
/// TorchSharp, whose generator has none: each is a one-element <c>randint</c> from that generator. The built-in
/// engine's generator has these methods itself, and a type's own methods win over extension methods, so there these
/// are never called and every draw stays what it was.
/// </summary>
internal static class GeneratorDraws
{
    const long DoubleSteps = 1L << 53;  // a double's significand: every value of [0, 1) on this grid is exact

    /// <summary>Uniform in [0, 1), on the grid of 2⁻⁵³ as the built-in engine's.</summary>
    public static double NextDouble(this torch.Generator generator) => Draw(generator, 0, DoubleSteps) * (1.0 / DoubleSteps);

    /// <summary>Uniform integer in [0, <paramref name="n"/>).</summary>
    public static long NextLong(this torch.Generator generator, long n) => Draw(generator, 0, n);

    /// <summary>64 random bits (all but the largest value).</summary>
    public static ulong NextUInt64(this torch.Generator generator) => unchecked((ulong)Draw(generator, long.MinValue, long.MaxValue));

    static long Draw(torch.Generator generator, long low, long high)
    {
        using var value = torch.randint(low, high, [1], generator: generator);
        return value.item<long>();
    }
}
