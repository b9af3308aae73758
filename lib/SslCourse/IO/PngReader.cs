using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace SslCourse.IO;

/// <summary>A PNG file that is damaged or uses a feature this reader does not support.</summary>
public sealed class PngFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A decoded image: rows of width × channels bytes, channels 1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA).</summary>
public sealed record PngImage(byte[] Pixels, int Width, int Height, int Channels)
{
    /// <summary>The image as float32 [C, H, W] in [0, 1].</summary>
    public Tensor ToTensor()
    {
        var values = new float[Pixels.Length];
        int plane = Width * Height;
        for (int i = 0; i < plane; i++)
            for (int c = 0; c < Channels; c++)
                values[c * plane + i] = Pixels[i * Channels + c] / 255f;
        return tensor(values, [Channels, Height, Width]);
    }
}

/// <summary>
/// Decodes 8-bit, non-interlaced PNG files: greyscale, grey + alpha, RGB, RGBA and palette images (expanded to RGB),
/// with all five row filters and image data split over any number of IDAT chunks. Every chunk's CRC is checked, and
/// anything malformed raises <see cref="PngFormatException"/> saying what is wrong.
/// </summary>
public static class PngReader
{
    static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];
    const int MaxSide = 1 << 14;

    /// <summary>Decodes the PNG file at <paramref name="path"/>.</summary>
    public static PngImage Read(string path) => Decode(File.ReadAllBytes(path), Path.GetFileName(path));

    /// <summary>Decodes PNG bytes; <paramref name="source"/> names them in errors.</summary>
    public static PngImage Decode(ReadOnlySpan<byte> png, string source = "PNG")
    {
        if (png.Length < Signature.Length || !png[..Signature.Length].SequenceEqual(Signature))
            throw Error(source, "the PNG signature is missing; this is not a PNG file");
        int width = 0, height = 0, channels = 0;
        byte[]? palette = null;
        using var compressed = new MemoryStream();
        bool sawHeader = false, sawEnd = false;
        int at = Signature.Length;
        while (!sawEnd)
        {
            if (png.Length - at < 12) throw Error(source, "the file ends in the middle of a chunk");
            uint length = BinaryPrimitives.ReadUInt32BigEndian(png[at..]);
            if (length > png.Length - at - 12) throw Error(source, $"a chunk claims {length:N0} bytes but only {png.Length - at - 12:N0} remain");
            var typeAndData = png.Slice(at + 4, 4 + (int)length);
            string type = Encoding.ASCII.GetString(typeAndData[..4]);
            var data = typeAndData[4..];
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(png[(at + 8 + (int)length)..]);
            if (Crc32.Compute(typeAndData) != stored) throw Error(source, $"the CRC of chunk '{Printable(type)}' does not match its contents");
            at += 12 + (int)length;
            if (!sawHeader && type != "IHDR") throw Error(source, "the first chunk must be IHDR");
            switch (type)
            {
                case "IHDR":
                    if (sawHeader || data.Length != 13) throw Error(source, "IHDR must come once and hold 13 bytes");
                    (width, height, channels) = ParseHeader(data, source);
                    sawHeader = true;
                    break;
                case "PLTE":
                    if (data.Length == 0 || data.Length % 3 != 0 || data.Length > 768) throw Error(source, $"a palette of {data.Length} bytes is not 1 to 256 RGB entries");
                    palette = data.ToArray();
                    break;
                case "IDAT": compressed.Write(data); break;
                case "IEND": sawEnd = true; break;
                default:
                    if (char.IsUpper(type[0])) throw Error(source, $"critical chunk '{Printable(type)}' is not supported");
                    break;   // ancillary chunks (text, gamma…) do not change the pixels
            }
        }
        bool indexed = channels == -1;
        if (indexed && palette is null) throw Error(source, "a palette image needs a PLTE chunk");
        int bytesPerPixel = indexed ? 1 : channels;
        var raw = Inflate(compressed.ToArray(), (long)height * (1 + width * bytesPerPixel), source);
        var pixels = Unfilter(raw, width, height, bytesPerPixel, source);
        return indexed ? ExpandPalette(pixels, palette!, width, height, source) : new PngImage(pixels, width, height, channels);
    }

    // Channels per pixel for the colour type, or −1 for palette indices.
    static (int Width, int Height, int Channels) ParseHeader(ReadOnlySpan<byte> h, string source)
    {
        int width = BinaryPrimitives.ReadInt32BigEndian(h), height = BinaryPrimitives.ReadInt32BigEndian(h[4..]);
        if (width <= 0 || height <= 0 || width > MaxSide || height > MaxSide)
            throw Error(source, $"size {width}x{height} is outside 1 to {MaxSide} pixels a side");
        if (h[8] != 8) throw Error(source, $"bit depth {h[8]} is not supported; only 8 bits per sample are");
        int channels = h[9] switch
        {
            0 => 1, 2 => 3, 3 => -1, 4 => 2, 6 => 4,
            _ => throw Error(source, $"colour type {h[9]} is not a PNG colour type"),
        };
        if (h[10] != 0 || h[11] != 0) throw Error(source, "unknown compression or filter method");
        if (h[12] != 0) throw Error(source, "interlaced PNG is not supported; save the image without interlacing");
        return (width, height, channels);
    }

    static byte[] Inflate(byte[] compressed, long expected, string source)
    {
        // Deflate shrinks data at most about 1032:1, so less compressed data than that cannot fill the image.
        if (expected > 1100L * compressed.Length + 1024) throw Error(source, $"{compressed.Length:N0} bytes of image data cannot hold the {expected:N0} the header needs");
        var raw = new byte[expected];
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            int read = 0;
            for (int n; read < raw.Length && (n = zlib.Read(raw, read, raw.Length - read)) > 0;) read += n;
            if (read < raw.Length) throw Error(source, $"the image data holds {read:N0} bytes, the header needs {expected:N0}");
            if (zlib.ReadByte() != -1) throw Error(source, $"the image data holds more than the {expected:N0} bytes the header needs");
        }
        catch (InvalidDataException e)
        {
            throw Error(source, $"the compressed image data is corrupt ({e.Message})", e);
        }
        return raw;
    }

    static byte[] Unfilter(byte[] raw, int width, int height, int bpp, string source)
    {
        int stride = width * bpp;
        var pixels = new byte[(long)stride * height];
        for (int y = 0; y < height; y++)
        {
            int filter = raw[y * (stride + 1)];
            if (filter > 4) throw Error(source, $"row {y} uses filter {filter}; PNG defines 0 to 4");
            int from = y * (stride + 1) + 1, to = y * stride, up = to - stride;
            for (int x = 0; x < stride; x++)
            {
                int a = x >= bpp ? pixels[to + x - bpp] : 0, b = y > 0 ? pixels[up + x] : 0, c = x >= bpp && y > 0 ? pixels[up + x - bpp] : 0;
                pixels[to + x] = (byte)(raw[from + x] + PngWriter.Predict(filter, a, b, c));
            }
        }
        return pixels;
    }

    static PngImage ExpandPalette(byte[] indices, byte[] palette, int width, int height, string source)
    {
        var rgb = new byte[indices.Length * 3];
        for (int i = 0; i < indices.Length; i++)
        {
            int entry = indices[i] * 3;
            if (entry + 2 >= palette.Length) throw Error(source, $"pixel {i} uses palette entry {indices[i]}, but the palette has {palette.Length / 3}");
            (rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]) = (palette[entry], palette[entry + 1], palette[entry + 2]);
        }
        return new PngImage(rgb, width, height, 3);
    }

    static string Printable(string type) => new(type.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());

    static PngFormatException Error(string source, string problem, Exception? inner = null) => new($"{source}: {problem}.", inner);
}
