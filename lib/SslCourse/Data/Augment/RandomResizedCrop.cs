namespace SslCourse.Data.Augment;

/// <summary>
/// Crops a random box from each image and resizes it to <c>size</c> bilinearly, as torchvision does: the box covers
/// a fraction of the image's area drawn from <c>scale</c> and has a width/height ratio drawn (log-uniformly) from
/// <c>ratio</c>; after ten draws that do not fit, it takes the largest centred box within the ratio range.
/// </summary>
public sealed class RandomResizedCrop : Augmentation
{
    /// <summary>Square crops of <paramref name="size"/> × <paramref name="size"/>.</summary>
    public RandomResizedCrop(int size, (double min, double max)? scale = null, (double min, double max)? ratio = null)
        : this((size, size), scale, ratio) { }

    /// <summary>Crops of <paramref name="size"/> (height, width).</summary>
    public RandomResizedCrop((int height, int width) size, (double min, double max)? scale = null, (double min, double max)? ratio = null)
    {
        if (size.height <= 0 || size.width <= 0)
            throw new ArgumentOutOfRangeException(nameof(size), $"RandomResizedCrop: size must be positive, got {size.height}x{size.width}.");
        this.size = size;
        this.scale = scale ?? (0.08, 1.0);
        this.ratio = ratio ?? (3.0 / 4.0, 4.0 / 3.0);
        CheckRange(nameof(scale), this.scale, 0, 1, lowestExcluded: true);
        CheckRange(nameof(ratio), this.ratio, 0, double.PositiveInfinity, lowestExcluded: true);
    }

    /// <summary>The output size (height, width).</summary>
    public (int height, int width) size { get; }
    /// <summary>The range of the box's area as a fraction of the image's.</summary>
    public (double min, double max) scale { get; }
    /// <summary>The range of the box's width/height ratio.</summary>
    public (double min, double max) ratio { get; }

    protected override Pixels Apply(Pixels images, torch.Generator generator)
    {
        var (source, n, c, h, w) = images;
        var boxes = new (int top, int left, int height, int width)[n];
        for (int i = 0; i < n; i++) boxes[i] = DrawBox(generator, h, w);

        var (outH, outW) = size;
        var target = new float[n * c * outH * outW];
        ForEachImage(n, c * outH * outW, i =>
        {
            var box = boxes[i];
            var rows = Bilinear.Axis(box.top, box.height, outH);
            var columns = Bilinear.Axis(box.left, box.width, outW);
            for (int ch = 0; ch < c; ch++)
                Bilinear.Resample(source, (i * c + ch) * h * w, w, rows, columns, target.AsSpan((i * c + ch) * outH * outW, outH * outW));
        });
        return new Pixels(target, n, c, outH, outW);
    }

    (int top, int left, int height, int width) DrawBox(torch.Generator generator, int h, int w)
    {
        double area = h * w, logMin = Math.Log(ratio.min), logMax = Math.Log(ratio.max);
        for (int attempt = 0; attempt < 10; attempt++)
        {
            double target = area * Uniform(generator, scale.min, scale.max), aspect = Math.Exp(Uniform(generator, logMin, logMax));
            int width = (int)Math.Round(Math.Sqrt(target * aspect)), height = (int)Math.Round(Math.Sqrt(target / aspect));
            if (width > 0 && width <= w && height > 0 && height <= h)
                return ((int)generator.NextLong(h - height + 1), (int)generator.NextLong(w - width + 1), height, width);
        }
        // The whole image, trimmed to the nearest allowed ratio, centred.
        double imageRatio = (double)w / h;
        var (ch, cw) = imageRatio < ratio.min ? ((int)Math.Round(w / ratio.min), w)
            : imageRatio > ratio.max ? (h, (int)Math.Round(h * ratio.max))
            : (h, w);
        return ((h - ch) / 2, (w - cw) / 2, ch, cw);
    }

    public override string ToString() =>
        FormattableString.Invariant($"RandomResizedCrop(size=({size.height}, {size.width}), scale=({scale.min}, {scale.max}), ratio=({ratio.min:0.####}, {ratio.max:0.####}))");
}
