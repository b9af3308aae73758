namespace SslCourse;

public static partial class torch
{
    /// <summary>
    /// A seeded source of random numbers (xoshiro256**). Every random draw in the library — initialisation,
    /// dropout, augmentation, shuffling — takes one, or uses the default one that <see cref="manual_seed"/> resets.
    /// </summary>
    public sealed class Generator
    {
        readonly SeededRandom _random = new(0);

        /// <summary>A generator seeded with <paramref name="seed"/>.</summary>
        public Generator(long seed = 0) => manual_seed(seed);

        /// <summary>The default generator, <see cref="default_generator"/>, under TorchSharp's name.</summary>
        public static Generator Default => default_generator;

        /// <summary>Reseeds this generator; the same seed always gives the same draws.</summary>
        public Generator manual_seed(long seed)
        {
            _random.Reseed(seed);
            return this;
        }

        /// <summary>
        /// The complete state, for checkpoints: an int64 tensor of six words (TorchSharp's, holding libtorch's generator,
        /// is a uint8 tensor); <see cref="set_state"/> restores it.
        /// </summary>
        public Tensor get_state() => tensor(_random.State);

        /// <summary>Restores a state returned by <see cref="get_state"/>.</summary>
        public void set_state(Tensor value)
        {
            if (value.dtype != ScalarType.Int64 || value.numel() != 6)
                throw new ArgumentException($"Generator.set_state: expected the int64 tensor of 6 words that get_state() returns, got {value.dtype.Name()} {ShapeUtil.Format(value.shape)}.");
            _random.Restore(value.data<long>());
        }

        /// <summary>The next 64 random bits.</summary>
        public ulong NextUInt64() => _random.NextUInt64();

        /// <summary>Uniform in [0, 1).</summary>
        public double NextDouble() => _random.NextDouble();

        /// <summary>Uniform integer in [0, n).</summary>
        public long NextLong(long n) => _random.NextLong(n);

        /// <summary>Standard normal, by the Box–Muller transform.</summary>
        public double NextNormal() => _random.NextNormal();
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
