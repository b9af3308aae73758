namespace SslCourse;

public static partial class torch
{
    /// <summary>
    /// A seeded source of random numbers (xoshiro256**). Every random draw in the library — initialisation,
    /// dropout, augmentation, shuffling — takes one, or uses the default one that <see cref="manual_seed"/> resets.
    /// </summary>
    public sealed class Generator
    {
        ulong _s0, _s1, _s2, _s3;
        double? _spareNormal;

        /// <summary>A generator seeded with <paramref name="seed"/>.</summary>
        public Generator(long seed = 0) => manual_seed(seed);

        /// <summary>The default generator, <see cref="default_generator"/>, under TorchSharp's name.</summary>
        public static Generator Default => default_generator;

        /// <summary>Reseeds this generator; the same seed always gives the same draws.</summary>
        public Generator manual_seed(long seed)
        {
            ulong x = (ulong)seed;
            _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
            _spareNormal = null;
            return this;
        }

        /// <summary>
        /// The complete state, for checkpoints: an int64 tensor of six words (TorchSharp's, holding libtorch's generator,
        /// is a uint8 tensor); <see cref="set_state"/> restores it.
        /// </summary>
        public Tensor get_state() =>
            tensor(new[] { (long)_s0, (long)_s1, (long)_s2, (long)_s3, _spareNormal is double d ? BitConverter.DoubleToInt64Bits(d) : 0, _spareNormal is null ? 0 : 1 });

        /// <summary>Restores a state returned by <see cref="get_state"/>.</summary>
        public void set_state(Tensor value)
        {
            if (value.dtype != ScalarType.Int64 || value.numel() != 6)
                throw new ArgumentException($"Generator.set_state: expected the int64 tensor of 6 words that get_state() returns, got {value.dtype.Name()} {ShapeUtil.Format(value.shape)}.");
            var state = value.data<long>();
            (_s0, _s1, _s2, _s3) = ((ulong)state[0], (ulong)state[1], (ulong)state[2], (ulong)state[3]);
            _spareNormal = state[5] != 0 ? BitConverter.Int64BitsToDouble(state[4]) : null;
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

        /// <summary>Uniform integer in [0, n).</summary>
        public long NextLong(long n)
        {
            if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), $"Generator.NextLong: the range size must be positive, got {n}.");
            ulong bound = (ulong)n, limit = ulong.MaxValue - ulong.MaxValue % bound, r;
            do r = NextUInt64(); while (r >= limit);
            return (long)(r % bound);
        }

        /// <summary>Standard normal, by the Box–Muller transform.</summary>
        public double NextNormal()
        {
            if (_spareNormal is double spare) { _spareNormal = null; return spare; }
            double u1;
            do u1 = NextDouble(); while (u1 <= double.Epsilon);
            double u2 = NextDouble(), r = Math.Sqrt(-2 * Math.Log(u1));
            _spareNormal = r * Math.Sin(2 * Math.PI * u2);
            return r * Math.Cos(2 * Math.PI * u2);
        }
    }

    /// <summary>
    /// The generator used when an operation is given none, seeded with 0 until reseeded. It is shared by the whole
    /// process, so a seed set in one notebook cell holds in the next; background workers take generators of their own.
    /// </summary>
    public static Generator default_generator { get; } = new(0);

    /// <summary>Seeds the default generator, making every later unseeded random draw reproducible.</summary>
    public static Generator manual_seed(long seed) => default_generator.manual_seed(seed);

    /// <summary>The default generator's state (<see cref="Generator.get_state"/>), for checkpoints.</summary>
    public static Tensor get_rng_state() => default_generator.get_state();

    /// <summary>Restores the default generator's state from <see cref="get_rng_state"/>.</summary>
    public static void set_rng_state(Tensor new_state) => default_generator.set_state(new_state);
}
