namespace SslCourse.Data;

/// <summary>
/// The ten digits as pen strokes in a unit box (x to the right, y down), each stroke a polyline. Curves are arcs of
/// ellipses, sampled finely enough that a 28-pixel rendering shows no corners.
/// </summary>
internal static class DigitGlyphs
{
    public static readonly (double X, double Y)[][][] Strokes =
    [
        /* 0 */ [Arc(0.5, 0.5, 0.27, 0.4, 0, 360)],
        /* 1 */ [Line((0.36, 0.24), (0.52, 0.1), (0.52, 0.9))],
        /* 2 */ [Join(Arc(0.5, 0.33, 0.26, 0.23, 190, 400), Line((0.2, 0.9), (0.82, 0.9)))],
        /* 3 */ [Arc(0.48, 0.3, 0.25, 0.2, 200, 450), Arc(0.48, 0.7, 0.27, 0.2, -90, 165)],
        /* 4 */ [Line((0.66, 0.9), (0.66, 0.1), (0.18, 0.64), (0.84, 0.64))],
        /* 5 */ [Join(Line((0.76, 0.1), (0.32, 0.1), (0.29, 0.46)), Arc(0.48, 0.66, 0.27, 0.24, 215, 510))],
        /* 6 */ [Join(Arc(0.66, 0.56, 0.38, 0.46, 255, 180), Arc(0.5, 0.69, 0.22, 0.2, 180, 540))],
        /* 7 */ [Line((0.18, 0.1), (0.82, 0.1), (0.42, 0.9))],
        /* 8 */ [Arc(0.5, 0.3, 0.21, 0.19, 0, 360), Arc(0.5, 0.7, 0.26, 0.21, 0, 360)],
        /* 9 */ [Join(Arc(0.5, 0.32, 0.23, 0.21, 0, 360), Line((0.73, 0.32), (0.62, 0.9)))],
    ];

    /// <summary>Names of the classes, indexed by label.</summary>
    public static readonly string[] Names = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    static (double, double)[] Line(params (double, double)[] points) => points;

    static (double, double)[] Join((double, double)[] first, (double, double)[] second) => [.. first, .. second];

    // Angles in degrees, measured from +x towards +y (down): 90° is the bottom of the ellipse. An arc may run either way.
    static (double, double)[] Arc(double cx, double cy, double rx, double ry, double fromDegrees, double toDegrees)
    {
        int steps = (int)Math.Ceiling(Math.Abs(toDegrees - fromDegrees) / 10);
        var points = new (double, double)[steps + 1];
        for (int i = 0; i <= steps; i++)
        {
            double angle = (fromDegrees + (toDegrees - fromDegrees) * i / steps) * Math.PI / 180;
            points[i] = (cx + rx * Math.Cos(angle), cy + ry * Math.Sin(angle));
        }
        return points;
    }
}
