namespace SslCourse.Data.Augment;

/// <summary>
/// Adds independent Gaussian noise of standard deviation <c>std</c> to every value of an image, with probability
/// <c>p</c>; with <c>clip</c> the result is clamped back into [0, 1].
/// </summary>
public sealed class GaussianNoise : Augmentation
{
    public GaussianNoise(double std = 0.1, double p = 1.0, bool clip = true) : base(p)
    {
        if (!(std >= 0 && double.IsFinite(std)))
            throw new ArgumentOutOfRangeException(nameof(std), FormattableString.Invariant($"GaussianNoise: std must be a non-negative number, got {std}."));
        this.std = std;
        this.clip = clip;
    }

    public double std { get; }
    public bool clip { get; }

    protected override Pixels Apply(Pixels images, torch.Generator generator)
    {
        var (data, n, c, h, w) = images;
        var applied = DrawApplied(generator, n);
        // One seed per image, drawn in order, gives every image a generator of its own: the same noise whichever
        // thread draws it.
        var seeds = new long[n];
        for (int i = 0; i < n; i++) seeds[i] = (long)generator.NextUInt64();

        int size = c * h * w;
        ForEachImage(n, size, i =>
        {
            if (!applied[i]) return;
            var noise = Noise(seeds[i], size);
            var image = data.AsSpan(i * size, size);
            for (int k = 0; k < size; k++)
            {
                image[k] += noise[k];
                if (clip) image[k] = Math.Clamp(image[k], 0f, 1f);
            }
        });
        return images;
    }

    /// <summary><paramref name="size"/> normal values of standard deviation <see cref="std"/> from a generator seeded with <paramref name="seed"/>.</summary>
    float[] Noise(long seed, int size)
    {
        var own = new torch.Generator().manual_seed(seed);
        using var noise = torch.normal(0, std, [size], generator: own);
        return noise.ToFloatArray();
    }

    public override string ToString() => FormattableString.Invariant($"GaussianNoise(std={std}, p={p}, clip={clip})");
}
