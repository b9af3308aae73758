namespace SslCourse;

// Compiled into the engine (behind torch.Generator) and into both builds of the course library (the embedded image
// sets, which must be the same images on either engine), so the algorithm exists once.

/// <summary>
/// xoshiro256** seeded through SplitMix64, with normals by the Box–Muller transform: the built-in engine's random
/// numbers, and the numbers an embedded image is drawn with.
/// </summary>
internal sealed class SeededRandom
{
    ulong _s0, _s1, _s2, _s3;
    double? _spareNormal;

    public SeededRandom(long seed) => Reseed(seed);

    /// <summary>Starts over from <paramref name="seed"/>; the same seed always gives the same numbers.</summary>
    public void Reseed(long seed)
    {
        ulong x = (ulong)seed;
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
        _spareNormal = null;
    }

    static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotL(_s1 * 5, 7) * 9, t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t; _s3 = RotL(_s3, 45);
        return result;
    }

    static ulong RotL(ulong x, int k) => (x << k) | (x >> (64 - k));

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Uniform integer in [0, n), without modulo bias.</summary>
    public long NextLong(long n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), $"Generator.NextLong: the range size must be positive, got {n}.");
        ulong bound = (ulong)n, limit = ulong.MaxValue - ulong.MaxValue % bound, r;
        do r = NextUInt64(); while (r >= limit);
        return (long)(r % bound);
    }

    /// <summary>Standard normal.</summary>
    public double NextNormal()
    {
        if (_spareNormal is double spare) { _spareNormal = null; return spare; }
        double u1;
        do u1 = NextDouble(); while (u1 <= double.Epsilon);
        double u2 = NextDouble(), r = Math.Sqrt(-2 * Math.Log(u1));
        _spareNormal = r * Math.Sin(2 * Math.PI * u2);
        return r * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>The complete state as six words: the four of xoshiro, then the spare normal's bits and whether there is one.</summary>
    public long[] State =>
        [(long)_s0, (long)_s1, (long)_s2, (long)_s3, _spareNormal is double d ? BitConverter.DoubleToInt64Bits(d) : 0, _spareNormal is null ? 0 : 1];

    /// <summary>Restores a state from <see cref="State"/>.</summary>
    public void Restore(long[] state)
    {
        (_s0, _s1, _s2, _s3) = ((ulong)state[0], (ulong)state[1], (ulong)state[2], (ulong)state[3]);
        _spareNormal = state[5] != 0 ? BitConverter.Int64BitsToDouble(state[4]) : null;
    }
}
