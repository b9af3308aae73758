namespace SslCourse.Plotting;

/// <summary>
/// A grid of images [N, C, H, W] (C = 1 or 3, values in [0, 1]) drawn into one PNG, enlarged so that small images
/// (28×28 digits) stay readable, with optional captions under the grid.
/// </summary>
public sealed class ImageGrid : Displayable
{
    readonly byte[] _png;
    readonly int _width, _height;

    public ImageGrid(Tensor images, int columns = 8, string? title = null, int scale = 0, IReadOnlyList<string>? captions = null)
    {
        using var scope = torch.NewDisposeScope();
        if (images.dim() == 3) images = images.unsqueeze(1);
        if (images.dim() != 4 || images.shape[1] is not (1 or 3))
            throw new ArgumentException($"ImageGrid: expected images [N, 1 or 3, H, W] with values in [0, 1], got {images.ShapeText()}.");
        Title = title;
        Captions = captions;
        int n = (int)images.shape[0], c = (int)images.shape[1], h = (int)images.shape[2], w = (int)images.shape[3];
        columns = Math.Max(1, Math.Min(columns, n));
        int rows = (n + columns - 1) / columns;
        if (scale <= 0) scale = Math.Max(1, 64 / Math.Max(h, w));   // about 64 pixels a tile
        const int gap = 2;
        _width = columns * (w * scale + gap) + gap;
        _height = rows * (h * scale + gap) + gap;
        var pixels = new byte[_width * _height * 3];
        Array.Fill(pixels, (byte)255);
        var values = images.to(torch.float32).clamp(0, 1).ToFloatArray();
        for (int i = 0; i < n; i++)
        {
            int x0 = gap + i % columns * (w * scale + gap), y0 = gap + i / columns * (h * scale + gap);
            for (int y = 0; y < h * scale; y++)
                for (int x = 0; x < w * scale; x++)
                    for (int ch = 0; ch < 3; ch++)
                    {
                        int source = ((i * c + (c == 1 ? 0 : ch)) * h + y / scale) * w + x / scale;
                        pixels[((y0 + y) * _width + x0 + x) * 3 + ch] = (byte)Math.Round(values[source] * 255);
                    }
        }
        _png = IO.PngWriter.Encode(pixels, _width, _height, 3);
    }

    public string? Title { get; }
    public IReadOnlyList<string>? Captions { get; }

    /// <summary>The grid as PNG bytes.</summary>
    public byte[] Png => _png;

    public override string ToHtml() =>
        $"<figure style=\"margin:0\">{Html.Caption(Title)}<img src=\"{Html.DataUri("image/png", _png)}\" width=\"{_width}\" height=\"{_height}\" alt=\"{Html.Encode(Title ?? "images")}\" style=\"image-rendering:pixelated\"/>" +
        (Captions is null ? "" : $"<figcaption style=\"font-size:90%\">{Html.Encode(string.Join(" · ", Captions))}</figcaption>") + "</figure>";

    public override string ToString() => $"ImageGrid \"{Title}\" {_width}x{_height}";
}

/// <summary>A matrix drawn as a colour image with the viridis map (attention maps, spectrograms, weights).</summary>
public sealed class HeatmapImage : Displayable
{
    readonly byte[] _png;
    readonly int _width, _height;

    public HeatmapImage(Tensor matrix, string title, int scale = 0)
    {
        using var scope = torch.NewDisposeScope();
        if (matrix.dim() != 2) throw new ArgumentException($"HeatmapImage: expected a 2-D matrix, got {matrix.ShapeText()}.");
        Title = title;
        int h = (int)matrix.shape[0], w = (int)matrix.shape[1];
        if (scale <= 0) scale = Math.Max(1, 256 / Math.Max(h, w));
        var values = matrix.to(torch.float32).ToFloatArray();
        float lo = values.Where(float.IsFinite).DefaultIfEmpty(0).Min(), hi = values.Where(float.IsFinite).DefaultIfEmpty(1).Max();
        (_width, _height) = (w * scale, h * scale);
        var pixels = new byte[_width * _height * 3];
        for (int y = 0; y < _height; y++)
            for (int x = 0; x < _width; x++)
            {
                float v = values[y / scale * w + x / scale];
                var (r, g, b) = Viridis(hi > lo ? (v - lo) / (hi - lo) : 0.5);
                int at = (y * _width + x) * 3;
                (pixels[at], pixels[at + 1], pixels[at + 2]) = (r, g, b);
            }
        _png = IO.PngWriter.Encode(pixels, _width, _height, 3);
    }

    public string Title { get; }
    public byte[] Png => _png;

    // Viridis at five stops, interpolated linearly: perceptually even and readable in greyscale.
    static readonly (double r, double g, double b)[] Stops = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)];

    static (byte, byte, byte) Viridis(double t)
    {
        t = double.IsFinite(t) ? Math.Clamp(t, 0, 1) * (Stops.Length - 1) : 0;
        int i = Math.Min((int)t, Stops.Length - 2);
        double f = t - i;
        var (a, b) = (Stops[i], Stops[i + 1]);
        return ((byte)(a.r + (b.r - a.r) * f), (byte)(a.g + (b.g - a.g) * f), (byte)(a.b + (b.b - a.b) * f));
    }

    public override string ToHtml() =>
        $"<figure style=\"margin:0\">{Html.Caption(Title)}<img src=\"{Html.DataUri("image/png", _png)}\" width=\"{_width}\" height=\"{_height}\" alt=\"{Html.Encode(Title)}\" style=\"image-rendering:pixelated\"/></figure>";

    public override string ToString() => $"HeatmapImage \"{Title}\" {_width}x{_height}";
}
