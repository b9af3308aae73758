namespace SslCourse.Data.Augment;

/// <summary>
/// Rotates each image about its centre by an angle drawn from <c>degrees</c> (counter-clockwise for positive angles,
/// as torchvision), sampling bilinearly and filling the corners that come from outside the image with <c>fill</c>.
/// </summary>
public sealed class RandomRotation : Augmentation
{
    /// <summary>Angles in [−<paramref name="degrees"/>, <paramref name="degrees"/>].</summary>
    public RandomRotation(double degrees, double fill = 0, double p = 1.0) : this((-Math.Abs(degrees), Math.Abs(degrees)), fill, p) { }

    /// <summary>Angles in [<paramref name="degrees"/>.min, <paramref name="degrees"/>.max].</summary>
    public RandomRotation((double min, double max) degrees, double fill = 0, double p = 1.0) : base(p)
    {
        if (!(double.IsFinite(degrees.min) && double.IsFinite(degrees.max) && degrees.min <= degrees.max))
            throw new ArgumentOutOfRangeException(nameof(degrees), FormattableString.Invariant($"RandomRotation: degrees must be a finite range (min, max) with min <= max, got ({degrees.min}, {degrees.max})."));
        this.degrees = degrees;
        this.fill = fill;
    }

    public (double min, double max) degrees { get; }
    public double fill { get; }

    protected override Pixels Apply(Pixels images, torch.Generator generator)
    {
        var (source, n, c, h, w) = images;
        var applied = DrawApplied(generator, n);
        var angles = new double[n];
        for (int i = 0; i < n; i++)
            if (applied[i]) angles[i] = Uniform(generator, degrees.min, degrees.max) * Math.PI / 180;

        var target = (float[])source.Clone();  // the images left alone keep their pixels
        int plane = h * w;
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        ForEachImage(n, c * plane, i =>
        {
            if (!applied[i]) return;
            // Each output pixel takes the source pixel that the rotation moves onto it: the inverse rotation, in
            // image coordinates where y points down (so a counter-clockwise turn on screen).
            float cos = (float)Math.Cos(angles[i]), sin = (float)Math.Sin(angles[i]);
            for (int ch = 0; ch < c; ch++)
            {
                int start = (i * c + ch) * plane;
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++)
                    {
                        double dx = x - cx, dy = y - cy;
                        target[start + y * w + x] = Sample(source, start, h, w, cx + dx * cos - dy * sin, cy + dx * sin + dy * cos);
                    }
            }
        });
        return images with { Values = target };
    }

    /// <summary>Bilinear sample at (x, y) of the plane at <paramref name="plane"/>; pixels outside the image count as <see cref="fill"/>.</summary>
    float Sample(float[] source, int plane, int h, int w, double x, double y)
    {
        int x0 = (int)Math.Floor(x), y0 = (int)Math.Floor(y);
        float fx = (float)(x - x0), fy = (float)(y - y0);
        float At(int yy, int xx) => yy >= 0 && yy < h && xx >= 0 && xx < w ? source[plane + yy * w + xx] : (float)fill;
        float upper = At(y0, x0) + fx * (At(y0, x0 + 1) - At(y0, x0));
        float lower = At(y0 + 1, x0) + fx * (At(y0 + 1, x0 + 1) - At(y0 + 1, x0));
        return upper + fy * (lower - upper);
    }

    public override string ToString() => FormattableString.Invariant($"RandomRotation(degrees=({degrees.min}, {degrees.max}), fill={fill}, p={p})");
}
