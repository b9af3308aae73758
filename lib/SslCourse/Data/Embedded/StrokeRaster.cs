namespace SslCourse.Data;

/// <summary>Draws round-capped pen strokes into a square grey image, antialiased over one pixel.</summary>
internal static class StrokeRaster
{
    /// <summary>Inks the pixels within <paramref name="radius"/> of the segment a–b (pixel centres at i + 0.5), keeping the darker of old and new.</summary>
    public static void Segment(float[] pixels, int size, (double X, double Y) a, (double X, double Y) b, double radius, float ink)
    {
        int x0 = Math.Max(0, (int)Math.Floor(Math.Min(a.X, b.X) - radius - 1)), x1 = Math.Min(size - 1, (int)Math.Ceiling(Math.Max(a.X, b.X) + radius + 1));
        int y0 = Math.Max(0, (int)Math.Floor(Math.Min(a.Y, b.Y) - radius - 1)), y1 = Math.Min(size - 1, (int)Math.Ceiling(Math.Max(a.Y, b.Y) + radius + 1));
        double dx = b.X - a.X, dy = b.Y - a.Y, lengthSquared = dx * dx + dy * dy;
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
            {
                double px = x + 0.5 - a.X, py = y + 0.5 - a.Y;
                double t = lengthSquared == 0 ? 0 : Math.Clamp((px * dx + py * dy) / lengthSquared, 0, 1);
                double ex = px - t * dx, ey = py - t * dy;
                float value = ink * SyntheticImages.Coverage(Math.Sqrt(ex * ex + ey * ey) - radius);
                ref float pixel = ref pixels[y * size + x];
                if (value > pixel) pixel = value;
            }
    }
}
