namespace SslCourse.Data;

/// <summary>
/// Signed distance functions of the ten shape classes, in units of the shape's radius, centred at the origin
/// (negative inside). Each shape is distinct under the small rotations <see cref="ColourShapes"/> applies.
/// </summary>
internal static class ShapeOutlines
{
    public static readonly string[] Names = ["circle", "ring", "square", "diamond", "triangle", "plus", "star", "crescent", "arrow", "corner"];

    static readonly (double X, double Y)[] Square = [(-0.78, -0.78), (0.78, -0.78), (0.78, 0.78), (-0.78, 0.78)];
    static readonly (double X, double Y)[] Diamond = [(0, -1), (1, 0), (0, 1), (-1, 0)];
    static readonly (double X, double Y)[] Triangle = [(0, -1), (0.87, 0.6), (-0.87, 0.6)];
    static readonly (double X, double Y)[] Plus = Polygon(0.32, 1);
    static readonly (double X, double Y)[] Star = StarPoints(5, 1, 0.45);
    static readonly (double X, double Y)[] Arrow = [(-1, -0.3), (0.1, -0.3), (0.1, -0.75), (1, 0), (0.1, 0.75), (0.1, 0.3), (-1, 0.3)];
    static readonly (double X, double Y)[] Corner = [(-0.8, -0.9), (-0.3, -0.9), (-0.3, 0.4), (0.8, 0.4), (0.8, 0.9), (-0.8, 0.9)];

    /// <summary>Signed distance from (x, y) to the outline of shape <paramref name="kind"/>.</summary>
    public static double Distance(int kind, double x, double y) => kind switch
    {
        0 => Math.Sqrt(x * x + y * y) - 0.9,
        1 => Math.Abs(Math.Sqrt(x * x + y * y) - 0.7) - 0.25,
        2 => PolygonDistance(Square, x, y),
        3 => PolygonDistance(Diamond, x, y),
        4 => PolygonDistance(Triangle, x, y),
        5 => PolygonDistance(Plus, x, y),
        6 => PolygonDistance(Star, x, y),
        7 => Math.Max(Math.Sqrt(x * x + y * y) - 0.95, 0.75 - Math.Sqrt((x - 0.45) * (x - 0.45) + (y + 0.2) * (y + 0.2))),
        8 => PolygonDistance(Arrow, x, y),
        9 => PolygonDistance(Corner, x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    // The plus as one twelve-sided polygon: arms of half-width w reaching out to r.
    static (double, double)[] Polygon(double w, double r) =>
        [(-w, -r), (w, -r), (w, -w), (r, -w), (r, w), (w, w), (w, r), (-w, r), (-w, w), (-r, w), (-r, -w), (-w, -w)];

    static (double, double)[] StarPoints(int points, double outer, double inner) =>
        Enumerable.Range(0, 2 * points).Select(i =>
        {
            double angle = -Math.PI / 2 + i * Math.PI / points, radius = i % 2 == 0 ? outer : inner;
            return (radius * Math.Cos(angle), radius * Math.Sin(angle));
        }).ToArray();

    // Distance to the nearest edge, negative when the point is inside (an odd number of edge crossings to its right).
    static double PolygonDistance((double X, double Y)[] vertices, double x, double y)
    {
        double best = double.MaxValue;
        bool inside = false;
        for (int i = 0, j = vertices.Length - 1; i < vertices.Length; j = i++)
        {
            var (ax, ay) = vertices[j];
            var (bx, by) = vertices[i];
            double dx = bx - ax, dy = by - ay, px = x - ax, py = y - ay;
            double t = Math.Clamp((px * dx + py * dy) / (dx * dx + dy * dy), 0, 1);
            double ex = px - t * dx, ey = py - t * dy;
            best = Math.Min(best, ex * ex + ey * ey);
            if ((ay > y) != (by > y) && x < ax + (y - ay) * dx / dy) inside = !inside;
        }
        return inside ? -Math.Sqrt(best) : Math.Sqrt(best);
    }
}
