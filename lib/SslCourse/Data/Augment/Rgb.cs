namespace SslCourse.Data.Augment;

/// <summary>Colour arithmetic on one RGB pixel, shared by the colour augmentations.</summary>
internal static class Rgb
{
    /// <summary>ITU-R BT.601 luma, the grey that keeps a colour's perceived brightness (weights sum to 1, so greys stay put).</summary>
    public static float Luma(float r, float g, float b) => 0.299f * r + 0.587f * g + 0.114f * b;

    /// <summary>
    /// Turns the hue of (r, g, b) by <paramref name="shift"/> of a full turn, keeping saturation and value: through HSV and
    /// back. A grey has no hue (saturation 0) and comes back unchanged.
    /// </summary>
    public static void ShiftHue(ref float r, ref float g, ref float b, float shift)
    {
        float max = Math.Max(r, Math.Max(g, b)), min = Math.Min(r, Math.Min(g, b)), chroma = max - min;
        if (chroma <= 0) return;
        // Hue in sixths of a turn: which channel is largest picks the sector, the other two the position within it.
        float hue = max == r ? (g - b) / chroma : max == g ? 2 + (b - r) / chroma : 4 + (r - g) / chroma;
        hue = hue / 6 + shift;
        hue -= MathF.Floor(hue);  // back into [0, 1): hue is an angle
        float saturation = chroma / max, sector = hue * 6;
        int i = Math.Min((int)sector, 5);
        float f = sector - i;
        float p = max * (1 - saturation), q = max * (1 - saturation * f), t = max * (1 - saturation * (1 - f));
        (r, g, b) = i switch
        {
            0 => (max, t, p),
            1 => (q, max, p),
            2 => (p, max, t),
            3 => (p, q, max),
            4 => (t, p, max),
            _ => (max, p, q),
        };
    }
}
