namespace SslCourse.Data.Augment;

/// <summary>
/// With probability <c>p</c>, sets a random rectangle of each image to <c>value</c> in every channel, as torchvision
/// does (Cutout): the rectangle covers a fraction of the area drawn from <c>scale</c>, with a height/width ratio drawn
/// log-uniformly from <c>ratio</c>; an image for which ten draws do not fit is left unchanged.
/// </summary>
public sealed class RandomErasing : Augmentation
{
    public RandomErasing(double p = 0.5, (double min, double max)? scale = null, (double min, double max)? ratio = null, double value = 0) : base(p)
    {
        this.scale = scale ?? (0.02, 0.33);
        this.ratio = ratio ?? (0.3, 3.3);
        this.value = value;
        CheckRange(nameof(scale), this.scale, 0, 1);
        CheckRange(nameof(ratio), this.ratio, 0, double.PositiveInfinity, lowestExcluded: true);
    }

    /// <summary>The range of the rectangle's area as a fraction of the image's.</summary>
    public (double min, double max) scale { get; }
    /// <summary>The range of the rectangle's height/width ratio.</summary>
    public (double min, double max) ratio { get; }
    /// <summary>The value written into the rectangle.</summary>
    public double value { get; }

    protected override Pixels Apply(Pixels images, torch.Generator generator)
    {
        var (data, n, c, h, w) = images;
        var applied = DrawApplied(generator, n);
        var boxes = new (int top, int left, int height, int width)?[n];
        for (int i = 0; i < n; i++)
            if (applied[i]) boxes[i] = DrawBox(generator, h, w);

        int plane = h * w;
        ForEachImage(n, c * plane, i =>
        {
            if (boxes[i] is not var (top, left, height, width)) return;
            for (int ch = 0; ch < c; ch++)
                for (int y = top; y < top + height; y++)
                    data.AsSpan((i * c + ch) * plane + y * w + left, width).Fill((float)value);
        });
        return images;
    }

    (int, int, int, int)? DrawBox(torch.Generator generator, int h, int w)
    {
        double logMin = Math.Log(ratio.min), logMax = Math.Log(ratio.max);
        for (int attempt = 0; attempt < 10; attempt++)
        {
            double area = h * w * Uniform(generator, scale.min, scale.max), aspect = Math.Exp(Uniform(generator, logMin, logMax));
            int height = (int)Math.Round(Math.Sqrt(area * aspect)), width = (int)Math.Round(Math.Sqrt(area / aspect));
            if (height > 0 && height < h && width > 0 && width < w)
                return ((int)generator.NextLong(h - height + 1), (int)generator.NextLong(w - width + 1), height, width);
        }
        return null;
    }

    public override string ToString() =>
        FormattableString.Invariant($"RandomErasing(p={p}, scale=({scale.min}, {scale.max}), ratio=({ratio.min}, {ratio.max}), value={value})");
}
