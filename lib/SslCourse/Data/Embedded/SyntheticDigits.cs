
namespace SslCourse.Data;

/// <summary>
/// Handwritten-style digits, 28×28 grey, generated here so every lesson runs offline. Each image is one of ten
/// stroke glyphs drawn with its own pen width, slant, rotation, scale, position, ink, smooth elastic warp and
/// pixel noise. The variation makes neighbouring classes overlap in pixel space (a thick slanted 7 lies near a 1,
/// a 5 near a 6), so raw pixels are a weak representation and learned features are visibly better — as with MNIST.
/// </summary>
public static class SyntheticDigits
{
    /// <summary>Image side in pixels.</summary>
    public const int Size = 28;

    /// <summary>
    /// <paramref name="count"/> digits of <paramref name="split"/>, labels cycling 0–9 (so any prefix is balanced).
    /// The same (count, split, seed) always gives the same images.
    /// </summary>
    public static ImageSet Load(int count = 10_000, Split split = Split.Train, long seed = 0) =>
        SyntheticImages.Generate($"digits ({split.ToString().ToLowerInvariant()})", DigitGlyphs.Names, count, 1, Size, split, seed, Draw);

    static void Draw(int digit, SeededRandom g, float[] pixels)
    {
        // Glyph box → pixels: scale, slant (shear), a small rotation and a shift, like a writer's hand.
        double scale = g.Uniform(13, 21), aspect = g.Uniform(0.7, 1.15), slant = g.Uniform(-0.45, 0.3);
        double angle = g.Uniform(-0.3, 0.3), cos = Math.Cos(angle), sin = Math.Sin(angle);
        double centreX = Size / 2.0 + g.Uniform(-4, 4), centreY = Size / 2.0 + g.Uniform(-3, 3);
        var warp = SmoothWarp.Draw(g, amplitude: 0.08, frequency: 5);
        double penRadius = g.Uniform(0.7, 1.9);
        float ink = (float)g.Uniform(0.7, 1.0);

        (double, double) ToPixels((double X, double Y) p)
        {
            var (wx, wy) = warp.Apply(p.X, p.Y);
            double x = (wx - 0.5 + slant * (0.5 - wy)) * scale * aspect, y = (wy - 0.5) * scale;
            return (centreX + cos * x - sin * y, centreY + sin * x + cos * y);
        }

        foreach (var stroke in DigitGlyphs.Strokes[digit])
        {
            var previous = ToPixels(stroke[0]);
            for (int i = 1; i < stroke.Length; i++)
            {
                var next = ToPixels(stroke[i]);
                StrokeRaster.Segment(pixels, Size, previous, next, penRadius, ink);
                previous = next;
            }
        }

        double noise = g.Uniform(0.02, 0.12);
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = Math.Clamp(pixels[i] + (float)(noise * g.NextNormal()), 0f, 1f);
    }
}
