
namespace SslCourse.Data;

/// <summary>
/// Coloured shapes, 32×32 RGB, generated here so every lesson runs offline: ten shape classes drawn at a random
/// size, position and rotation, in a random colour, sometimes striped, on a random shaded background with noise.
/// Colour, texture and position are drawn independently of the class, so a method that leans on colour (as
/// contrastive learning without colour augmentation does) learns features that say little about the shape.
/// </summary>
public static class ColourShapes
{
    /// <summary>Image side in pixels.</summary>
    public const int Size = 32;

    /// <summary>
    /// <paramref name="count"/> images of <paramref name="split"/>, labels cycling through the ten shapes (so any
    /// prefix is balanced). The same (count, split, seed) always gives the same images.
    /// </summary>
    public static ImageSet Load(int count = 10_000, Split split = Split.Train, long seed = 0) =>
        SyntheticImages.Generate($"shapes ({split.ToString().ToLowerInvariant()})", ShapeOutlines.Names, count, 3, Size, split, seed, Draw);

    static void Draw(int kind, SeededRandom g, float[] pixels)
    {
        double radius = g.Uniform(6, 12), angle = g.Uniform(-0.35, 0.35), cos = Math.Cos(angle), sin = Math.Sin(angle);
        double centreX = g.Uniform(radius, Size - radius), centreY = g.Uniform(radius, Size - radius);
        var fill = Hsv(g.NextDouble(), g.Uniform(0.5, 1), g.Uniform(0.55, 1));
        var background = Hsv(g.NextDouble(), g.Uniform(0, 0.7), g.Uniform(0.05, 0.6));
        var shade = (X: g.Uniform(-0.25, 0.25) / Size, Y: g.Uniform(-0.25, 0.25) / Size);
        bool striped = g.NextDouble() < 0.4;
        double stripeAngle = g.Uniform(0, Math.PI), stripeFrequency = g.Uniform(0.8, 1.6);
        double noise = g.Uniform(0.01, 0.06);

        const int plane = Size * Size;
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
            {
                double px = x + 0.5 - centreX, py = y + 0.5 - centreY;
                double u = (cos * px + sin * py) / radius, v = (-sin * px + cos * py) / radius;
                float coverage = SyntheticImages.Coverage(ShapeOutlines.Distance(kind, u, v) * radius);
                float light = (float)(1 + shade.X * (x - Size / 2) + shade.Y * (y - Size / 2));
                float stripe = striped ? (float)(0.7 + 0.3 * Math.Sin(stripeFrequency * (Math.Cos(stripeAngle) * px + Math.Sin(stripeAngle) * py))) : 1f;
                for (int c = 0; c < 3; c++)
                {
                    float value = coverage * fill[c] * stripe + (1 - coverage) * background[c] * light;
                    pixels[c * plane + y * Size + x] = Math.Clamp(value + (float)(noise * g.NextNormal()), 0f, 1f);
                }
            }
    }

    /// <summary>RGB of a hue, saturation and value, each in [0, 1].</summary>
    static float[] Hsv(double hue, double saturation, double value)
    {
        double h = hue * 6, f = h - Math.Floor(h);
        double p = value * (1 - saturation), q = value * (1 - saturation * f), t = value * (1 - saturation * (1 - f));
        var (r, g, b) = ((int)Math.Floor(h) % 6) switch
        {
            0 => (value, t, p), 1 => (q, value, p), 2 => (p, value, t),
            3 => (p, q, value), 4 => (t, p, value), _ => (value, p, q),
        };
        return [(float)r, (float)g, (float)b];
    }
}
