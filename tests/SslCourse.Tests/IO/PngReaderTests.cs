using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SslCourse.IO;

namespace SslCourse.Tests.IO;

public class PngReaderTests
{
    static byte[] Pixels(int width, int height, int channels, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * channels];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i % 7 == 0 ? random.Next(256) : (i * 13 + i / width) % 256);
        return pixels;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void WhatTheWriterEncodesTheReaderDecodes(int channels)
    {
        var pixels = Pixels(37, 23, channels, channels);
        var image = PngReader.Decode(PngWriter.Encode(pixels, 37, 23, channels));
        Assert.Equal((37, 23, channels), (image.Width, image.Height, image.Channels));
        Assert.Equal(pixels, image.Pixels);
    }

    // A PNG whose every row uses one given filter, split over several IDAT chunks — what other encoders produce.
    static byte[] Craft(byte[] pixels, int width, int height, byte colourType, int bpp, int filter, byte[]? palette = null, int idatChunks = 3)
    {
        int stride = width * bpp;
        var filtered = new byte[(stride + 1) * height];
        for (int y = 0; y < height; y++)
        {
            filtered[y * (stride + 1)] = (byte)filter;
            for (int x = 0; x < stride; x++)
            {
                int a = x >= bpp ? pixels[y * stride + x - bpp] : 0, b = y > 0 ? pixels[(y - 1) * stride + x] : 0, c = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp] : 0;
                filtered[y * (stride + 1) + 1 + x] = (byte)(pixels[y * stride + x] - PngWriter.Predict(filter, a, b, c));
            }
        }
        using var deflated = new MemoryStream();
        using (var zlib = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(filtered);
        var data = deflated.ToArray();
        using var png = new MemoryStream();
        png.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; header[9] = colourType;
        Chunk(png, "IHDR", header);
        Chunk(png, "tEXt", Encoding.ASCII.GetBytes("Comment\0ignored"));
        if (palette is not null) Chunk(png, "PLTE", palette);
        int step = (data.Length + idatChunks - 1) / idatChunks;
        for (int i = 0; i < data.Length; i += step) Chunk(png, "IDAT", data.AsSpan(i, Math.Min(step, data.Length - i)).ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    static void Chunk(Stream png, string type, byte[] data)
    {
        var word = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(typeAndData));
        png.Write(word);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void EveryFilterTypeDecodes(int filter)
    {
        foreach (var (colourType, channels) in new (byte, int)[] { (0, 1), (4, 2), (2, 3), (6, 4) })
        {
            var pixels = Pixels(19, 11, channels, filter * 10 + channels);
            var image = PngReader.Decode(Craft(pixels, 19, 11, colourType, channels, filter));
            Assert.Equal(channels, image.Channels);
            Assert.Equal(pixels, image.Pixels);
        }
    }

    [Fact]
    public void PaletteImagesExpandToRgb()
    {
        byte[] palette = [255, 0, 0, 0, 255, 0, 0, 0, 255];
        byte[] indices = [0, 1, 2, 2, 1, 0];
        var image = PngReader.Decode(Craft(indices, 3, 2, 3, 1, filter: 1, palette));
        Assert.Equal(3, image.Channels);
        Assert.Equal(new byte[] { 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0 }, image.Pixels);
        TensorAssert.Throws<PngFormatException>(() => PngReader.Decode(Craft([0, 5], 2, 1, 3, 1, 0, palette)), "palette entry 5");
    }

    [Fact]
    public void ToTensorGivesChannelsFirstValuesInUnitRange()
    {
        var image = PngReader.Decode(PngWriter.Encode(new byte[] { 0, 128, 255, 10, 20, 30 }, 2, 1, 3));
        var t = image.ToTensor();
        Assert.Equal([3, 1, 2], t.shape);
        TensorAssert.Values([0, 10 / 255f, 128 / 255f, 20 / 255f, 1, 30 / 255f], t, 1e-6);
    }

    [Fact]
    public void UnsupportedAndBrokenFilesSayWhatIsWrong()
    {
        var good = PngWriter.Encode(Pixels(4, 4, 3, 1), 4, 4, 3);
        TensorAssert.Throws<PngFormatException>(() => PngReader.Decode("GIF89a..."u8.ToArray(), "x.gif"), "x.gif", "not a PNG file");
        var badCrc = (byte[])good.Clone(); badCrc[20] ^= 0xff;
        TensorAssert.Throws<PngFormatException>(() => PngReader.Decode(badCrc), "CRC", "IHDR");
        TensorAssert.Throws<PngFormatException>(() => PngReader.Decode(good[..(good.Length - 20)]), "a chunk claims", "remain");
        var sixteenBit = Craft(new byte[8], 2, 2, 0, 1, 0); sixteenBit[24] = 16; FixCrc(sixteenBit, 8);
        TensorAssert.Throws<PngFormatException>(() => PngReader.Decode(sixteenBit), "bit depth 16");
        var interlaced = Craft(new byte[4], 2, 2, 0, 1, 0); interlaced[28] = 1; FixCrc(interlaced, 8);
        TensorAssert.Throws<PngFormatException>(() => PngReader.Decode(interlaced), "interlaced");
    }

    static void FixCrc(byte[] png, int chunkStart)
    {
        int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(chunkStart));
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(chunkStart + 8 + length), Crc32.Compute(png.AsSpan(chunkStart + 4, 4 + length)));
    }
}
