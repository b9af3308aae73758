namespace SslCourse.Data.Augment;

/// <summary>
/// Randomly changes brightness, contrast, saturation and hue, as torchvision does: each image draws factors in
/// [max(0, 1 − x), 1 + x] for brightness, contrast and saturation and a hue shift in [−hue, hue] (of a full turn), and
/// applies the four adjustments in an order of its own. A parameter of 0 leaves that property alone. Saturation and
/// hue do not apply to single-channel images. The whole jitter happens with probability <c>p</c>.
/// </summary>
public sealed class ColorJitter : Augmentation
{
    const int Brightness = 0, Contrast = 1, Saturation = 2, Hue = 3;
    readonly (double min, double max)?[] _ranges;

    /// <param name="brightness">How far the brightness factor may stray from 1.</param>
    /// <param name="contrast">How far the contrast factor may stray from 1.</param>
    /// <param name="saturation">How far the saturation factor may stray from 1.</param>
    /// <param name="hue">The largest hue shift, in turns, at most 0.5.</param>
    /// <param name="p">The probability that an image is jittered at all.</param>
    public ColorJitter(double brightness = 0, double contrast = 0, double saturation = 0, double hue = 0, double p = 1.0) : base(p)
    {
        foreach (var (name, value) in new[] { ("brightness", brightness), ("contrast", contrast), ("saturation", saturation) })
            if (!(value >= 0 && double.IsFinite(value)))
                throw new ArgumentOutOfRangeException(name, FormattableString.Invariant($"ColorJitter: {name} must be a non-negative number, got {value}."));
        if (!(hue >= 0 && hue <= 0.5))
            throw new ArgumentOutOfRangeException(nameof(hue), FormattableString.Invariant($"ColorJitter: hue must lie in [0, 0.5] (turns of the colour wheel), got {hue}."));
        (this.brightness, this.contrast, this.saturation, this.hue) = (brightness, contrast, saturation, hue);
        _ranges = [Factor(brightness), Factor(contrast), Factor(saturation), hue > 0 ? (-hue, hue) : null];
    }

    static (double, double)? Factor(double x) => x > 0 ? (Math.Max(0, 1 - x), 1 + x) : null;

    public double brightness { get; }
    public double contrast { get; }
    public double saturation { get; }
    public double hue { get; }

    protected override Pixels Apply(Pixels images, torch.Generator generator)
    {
        var (data, n, c, h, w) = images;
        var applied = DrawApplied(generator, n);
        var order = new int[n * 4];
        var factors = new float[n * 4];
        for (int i = 0; i < n; i++)
        {
            if (!applied[i]) continue;
            var own = order.AsSpan(i * 4, 4);
            for (int k = 0; k < 4; k++) own[k] = k;
            for (int k = 3; k > 0; k--)  // Fisher–Yates: a uniformly random order
            {
                int j = (int)generator.NextLong(k + 1);
                (own[k], own[j]) = (own[j], own[k]);
            }
            for (int k = 0; k < 4; k++)
                if (_ranges[k] is var (low, high)) factors[i * 4 + k] = (float)Uniform(generator, low, high);
        }

        int plane = h * w;
        ForEachImage(n, c * plane, i =>
        {
            if (!applied[i]) return;
            var image = data.AsSpan(i * c * plane, c * plane);
            foreach (int property in order.AsSpan(i * 4, 4))
            {
                if (_ranges[property] is null) continue;
                float factor = factors[i * 4 + property];
                switch (property)
                {
                    case Brightness: Scale(image, factor); break;
                    case Contrast: Blend(image, factor, MeanGrey(image, c, plane)); break;
                    case Saturation when c == 3: Desaturate(image, plane, factor); break;
                    case Hue when c == 3: TurnHue(image, plane, factor); break;
                }
            }
        });
        return images;
    }

    static void Scale(Span<float> image, float factor)
    {
        foreach (ref float v in image) v = Math.Clamp(v * factor, 0f, 1f);
    }

    // Contrast blends every value towards the image's mean grey level.
    static void Blend(Span<float> image, float factor, float towards)
    {
        float offset = (1 - factor) * towards;
        foreach (ref float v in image) v = Math.Clamp(factor * v + offset, 0f, 1f);
    }

    static float MeanGrey(Span<float> image, int c, int plane)
    {
        double sum = 0;
        if (c == 1)
            foreach (float v in image) sum += v;
        else
            for (int k = 0; k < plane; k++) sum += Rgb.Luma(image[k], image[plane + k], image[2 * plane + k]);
        return (float)(sum / plane);
    }

    // Saturation blends every pixel towards its own grey.
    static void Desaturate(Span<float> image, int plane, float factor)
    {
        for (int k = 0; k < plane; k++)
        {
            float grey = (1 - factor) * Rgb.Luma(image[k], image[plane + k], image[2 * plane + k]);
            for (int ch = 0; ch < 3; ch++)
                image[ch * plane + k] = Math.Clamp(factor * image[ch * plane + k] + grey, 0f, 1f);
        }
    }

    static void TurnHue(Span<float> image, int plane, float shift)
    {
        for (int k = 0; k < plane; k++)
            Rgb.ShiftHue(ref image[k], ref image[plane + k], ref image[2 * plane + k], shift);
    }

    public override string ToString() =>
        FormattableString.Invariant($"ColorJitter(brightness={brightness}, contrast={contrast}, saturation={saturation}, hue={hue}, p={p})");
}
