using System.IO.Compression;
using SslCourse.Data;
using SslCourse.IO;

namespace SslCourse.Tests.Data;

/// <summary>
/// Random corruptions of valid files — flipped bytes, cuts, insertions, overwritten runs — must end in the reader's
/// own format error or, when the damage happens to keep the file valid, in a result; never another exception.
/// </summary>
public class FormatFuzzTests
{
    const int Cases = 3000;

    static IEnumerable<byte[]> Corruptions(byte[] valid, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < Cases; i++)
        {
            var bytes = (byte[])valid.Clone();
            switch (random.Next(4))
            {
                case 0:
                    for (int k = random.Next(1, 4); k > 0; k--) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes = bytes[..random.Next(bytes.Length)];
                    break;
                case 2:
                    int at = random.Next(bytes.Length);
                    var extra = new byte[random.Next(1, 9)];
                    random.NextBytes(extra);
                    bytes = [.. bytes[..at], .. extra, .. bytes[at..]];
                    break;
                default:
                    int start = random.Next(bytes.Length), length = Math.Min(random.Next(1, 16), bytes.Length - start);
                    random.NextBytes(bytes.AsSpan(start, length));
                    break;
            }
            yield return bytes;
        }
    }

    static void OnlyFormatErrors<TError>(byte[] valid, int seed, Action<byte[]> read) where TError : Exception
    {
        int rejected = 0;
        foreach (var bytes in Corruptions(valid, seed))
        {
            try { read(bytes); }
            catch (TError) { rejected++; }
        }
        Assert.True(rejected > Cases / 2, $"only {rejected} of {Cases} corruptions were rejected");
    }

    [Fact]
    public void PngReaderRaisesOnlyPngFormatErrors()
    {
        var pixels = Enumerable.Range(0, 24 * 16 * 3).Select(i => (byte)(i * 31 % 256)).ToArray();
        OnlyFormatErrors<PngFormatException>(PngWriter.Encode(pixels, 24, 16, 3), 1, bytes => PngReader.Decode(bytes));
    }

    static byte[] Idx(bool gzip)
    {
        var raw = new byte[] { 0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 6, 0, 0, 0, 6 }.Concat(Enumerable.Range(0, 180).Select(i => (byte)i)).ToArray();
        if (!gzip) return raw;
        using var output = new MemoryStream();
        using (var compressor = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) compressor.Write(raw);
        return output.ToArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void IdxReaderRaisesOnlyDatasetFormatErrors(bool gzip) =>
        OnlyFormatErrors<DatasetFormatException>(Idx(gzip), gzip ? 3 : 2, bytes => IdxReader.Read(new MemoryStream(bytes), "fuzz.idx"));

    [Fact]
    public void IdxReaderReadsShapeAndDataCompressedOrNot()
    {
        foreach (bool gzip in new[] { false, true })
        {
            var (shape, data) = IdxReader.Read(new MemoryStream(Idx(gzip)), "test.idx");
            Assert.Equal([5, 6, 6], shape);
            Assert.Equal(Enumerable.Range(0, 180).Select(i => (byte)i), data);
        }
        TensorAssert.Throws<DatasetFormatException>(() => IdxReader.Read(new MemoryStream(Idx(false)[..100]), "short.idx"),
            "short.idx", "ends inside", "fetch it again");
        TensorAssert.Throws<DatasetFormatException>(() => IdxReader.Read(new MemoryStream([0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0]), "float.idx"), "element type 0x0d");
    }

    static readonly string[] Classes = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];

    static byte[] CifarRecords(int count) =>
        Enumerable.Range(0, count).SelectMany(r => new[] { (byte)(r % 10) }.Concat(Enumerable.Range(0, 3072).Select(p => (byte)(p * r % 256)))).ToArray();

    [Fact]
    public void CifarReaderRaisesOnlyDatasetFormatErrors() =>
        OnlyFormatErrors<DatasetFormatException>(CifarRecords(2), 4, bytes => CifarReader.Read([(bytes, "fuzz.bin")], "fuzz", Classes).Dispose());

    [Fact]
    public void CifarReaderSplitsRecordsIntoPlanes()
    {
        using var set = CifarReader.Read([(CifarRecords(3), "batch.bin")], "test", Classes);
        Assert.Equal([3, 3, 32, 32], set.Images.shape);
        Assert.Equal([0L, 1, 2], set.Labels.data<long>());
        Assert.Equal(5 * 2 % 256 / 255f, set.Images[2, 0, 0, 5].ToSingle(), 6);      // record 2, red plane, pixel 5
        Assert.Equal(1029 * 1 % 256 / 255f, set.Images[1, 1, 0, 5].ToSingle(), 6);   // record 1, green plane starts at byte 1024
        TensorAssert.Throws<DatasetFormatException>(() => CifarReader.Read([(new byte[3073 * 2 - 1], "cut.bin")], "x", Classes), "cut.bin", "whole number");
        var badLabel = CifarRecords(1); badLabel[0] = 12;
        TensorAssert.Throws<DatasetFormatException>(() => CifarReader.Read([(badLabel, "label.bin")], "x", Classes), "label 12");
    }
}
