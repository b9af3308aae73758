
namespace SslCourse.Data;

/// <summary>
/// A smooth random displacement of the plane: a sum of a few low-frequency waves per axis. Applied to a glyph's
/// points it bends strokes the way elastic distortion does, without breaking them.
/// </summary>
internal readonly struct SmoothWarp
{
    const int Waves = 3;
    readonly double[] _waves;  // per wave and axis: amplitude, frequency x, frequency y, phase
    SmoothWarp(double[] waves) => _waves = waves;

    /// <summary>A warp of the unit box whose displacement is at most about <paramref name="amplitude"/>.</summary>
    public static SmoothWarp Draw(SeededRandom g, double amplitude, double frequency)
    {
        var waves = new double[2 * Waves * 4];
        for (int i = 0; i < waves.Length; i += 4)
        {
            waves[i] = amplitude / Waves * g.NextNormal();
            waves[i + 1] = frequency * g.NextNormal();
            waves[i + 2] = frequency * g.NextNormal();
            waves[i + 3] = 2 * Math.PI * g.NextDouble();
        }
        return new SmoothWarp(waves);
    }

    /// <summary>The displaced point.</summary>
    public (double X, double Y) Apply(double x, double y)
    {
        double dx = 0, dy = 0;
        for (int w = 0; w < Waves; w++)
        {
            dx += Wave(4 * w, x, y);
            dy += Wave(4 * (Waves + w), x, y);
        }
        return (x + dx, y + dy);
    }

    double Wave(int i, double x, double y) => _waves[i] * Math.Sin(_waves[i + 1] * x + _waves[i + 2] * y + _waves[i + 3]);
}
