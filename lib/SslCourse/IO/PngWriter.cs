using System.Buffers.Binary;
using System.IO.Compression;

namespace SslCourse.IO;

/// <summary>
/// Encodes 8-bit greyscale, RGB or RGBA images as PNG. Each scanline gets the filter (of PNG's five) that
/// leaves the smallest sum of absolute residuals, the usual heuristic, before zlib compression.
/// </summary>
public static class PngWriter
{
    static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>PNG bytes for <paramref name="pixels"/>: rows of width × channels bytes, channels 1 (grey), 3 (RGB) or 4 (RGBA).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"PNG: width and height must be positive, got {width}x{height}.");
        byte colorType = channels switch
        {
            1 => 0, 3 => 2, 4 => 6,
            _ => throw new ArgumentException($"PNG: {channels} channels are not supported; use 1 (grey), 3 (RGB) or 4 (RGBA)."),
        };
        int stride = width * channels;
        if (pixels.Length != stride * height)
            throw new ArgumentException($"PNG: expected {stride * height} bytes for {width}x{height}x{channels}, got {pixels.Length}.");

        using var output = new MemoryStream();
        output.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; header[9] = colorType;  // bit depth 8; compression, filter and interlace methods 0
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "IDAT", Compress(FilterRows(pixels, stride, height, channels)));
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>Writes a PNG file, replacing it atomically (<see cref="AtomicFile"/>).</summary>
    public static void Save(string path, ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        var png = Encode(pixels, width, height, channels);
        AtomicFile.Write(path, file => file.Write(png));
    }

    static byte[] FilterRows(ReadOnlySpan<byte> pixels, int stride, int height, int bpp)
    {
        var result = new byte[(stride + 1) * height];
        var candidate = new byte[stride];
        var prior = new byte[stride];
        for (int y = 0; y < height; y++)
        {
            var row = pixels.Slice(y * stride, stride);
            var up = y == 0 ? prior : pixels.Slice((y - 1) * stride, stride);
            long best = long.MaxValue;
            for (byte filter = 0; filter < 5; filter++)
            {
                long cost = 0;
                for (int x = 0; x < stride; x++)
                {
                    int a = x >= bpp ? row[x - bpp] : 0, b = up[x], c = x >= bpp ? up[x - bpp] : 0;
                    byte v = (byte)(row[x] - Predict(filter, a, b, c));
                    candidate[x] = v;
                    cost += v < 128 ? v : 256 - v;
                }
                if (cost < best)
                {
                    best = cost;
                    result[y * (stride + 1)] = filter;
                    candidate.CopyTo(result, y * (stride + 1) + 1);
                }
            }
        }
        return result;
    }

    /// <summary>The value PNG filter type <paramref name="filter"/> predicts from left a, up b and upper-left c.</summary>
    public static int Predict(int filter, int a, int b, int c) => filter switch
    {
        0 => 0,
        1 => a,
        2 => b,
        3 => (a + b) / 2,
        _ => Paeth(a, b, c),
    };

    static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    static byte[] Compress(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true)) z.Write(data);
        return ms.ToArray();
    }

    static void WriteChunk(Stream s, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        s.Write(word);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        s.Write(typeBytes);
        s.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Update(Crc32.Compute(typeBytes), data));
        s.Write(word);
    }
}
