using System.Buffers.Binary;
using System.IO.Compression;

namespace SslCourse.Data;

/// <summary>
/// Reads MNIST's IDX files of unsigned bytes: the magic 0x00 0x00 0x08 D, then D big-endian sizes, then the data.
/// Accepts the file as distributed (gzip) or decompressed, and rejects anything else with a
/// <see cref="DatasetFormatException"/>.
/// </summary>
public static class IdxReader
{
    const long MaxElements = 1L << 31;

    /// <summary>The sizes and the bytes of the IDX file at <paramref name="path"/>.</summary>
    public static (int[] Shape, byte[] Data) Read(string path)
    {
        using var file = File.OpenRead(path);
        return Read(file, Path.GetFileName(path));
    }

    /// <summary>The sizes and the bytes of an IDX stream; <paramref name="source"/> names it in errors.</summary>
    public static (int[] Shape, byte[] Data) Read(Stream stream, string source)
    {
        var buffered = new BufferedStream(stream);
        Span<byte> start = stackalloc byte[2];
        int peeked = buffered.Read(start);
        buffered.Seek(-peeked, SeekOrigin.Current);
        bool gzip = peeked == 2 && start[0] == 0x1f && start[1] == 0x8b;
        using var input = gzip ? new GZipStream(buffered, CompressionMode.Decompress, leaveOpen: true) : (Stream)buffered;
        try
        {
            var header = ReadExactly(input, 4, source, "the header");
            if (header[0] != 0 || header[1] != 0) throw DatasetFormatException.In(source, "this is not an IDX file (bad magic number)");
            if (header[2] != 0x08) throw DatasetFormatException.In(source, $"element type 0x{header[2]:x2} is not supported; only unsigned bytes (0x08) are");
            int dims = header[3];
            if (dims is < 1 or > 4) throw DatasetFormatException.In(source, $"{dims} dimensions; expected 1 to 4");
            var sizes = ReadExactly(input, 4 * dims, source, "the sizes");
            var shape = new int[dims];
            long count = 1;
            for (int d = 0; d < dims; d++)
            {
                shape[d] = BinaryPrimitives.ReadInt32BigEndian(sizes.AsSpan(4 * d));
                if (shape[d] <= 0) throw DatasetFormatException.In(source, $"size {shape[d]} in dimension {d}");
                count *= shape[d];
                if (count > MaxElements) throw DatasetFormatException.In(source, "the sizes describe more than 2^31 bytes");
            }
            var data = ReadExactly(input, (int)count, source, $"{count:N0} data bytes");
            if (input.ReadByte() != -1) throw DatasetFormatException.In(source, $"there are bytes after the {count:N0} the header announces");
            return (shape, data);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException(DatasetFormatException.In(source, $"the gzip data is corrupt ({e.Message})").Message, e);
        }
    }

    static byte[] ReadExactly(Stream input, int count, string source, string what)
    {
        var bytes = new byte[count];
        int read = 0;
        for (int n; read < count && (n = input.Read(bytes, read, count - read)) > 0;) read += n;
        if (read < count) throw DatasetFormatException.In(source, $"the file ends inside {what} ({read} of {count} bytes)");
        return bytes;
    }
}
