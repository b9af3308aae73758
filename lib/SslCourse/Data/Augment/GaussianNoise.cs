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

    protected override Tensor Apply(Tensor images, torch.Generator generator)
    {
        var (n, c, h, w) = Sizes(images);
        var applied = DrawApplied(generator, n);
        // One seed per image, drawn in order, gives every image a generator of its own: the same noise whichever
        // thread draws it.
        var seeds = new long[n];
        for (int i = 0; i < n; i++) seeds[i] = (long)generator.NextUInt64();

        var result = images.clone();
        var data = result.Storage.F!;
        int size = c * h * w;
        ForEachImage(n, size, i =>
        {
            if (!applied[i]) return;
            var own = new torch.Generator(seeds[i]);
            foreach (ref float v in data.AsSpan(i * size, size))
            {
                v += (float)(std * own.NextNormal());
                if (clip) v = Math.Clamp(v, 0f, 1f);
            }
        });
        return result;
    }

    public override string ToString() => FormattableString.Invariant($"GaussianNoise(std={std}, p={p}, clip={clip})");
}
