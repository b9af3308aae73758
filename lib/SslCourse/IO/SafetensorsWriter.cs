using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace SslCourse.IO;

/// <summary>
/// Writes tensors in the safetensors format: an 8-byte little-endian header length, a JSON header giving each
/// tensor's dtype, shape and byte range, then the raw little-endian data. float32 is written as F32, int64 as
/// I64, bool as BOOL and uint8 as U8. A saved file is replaced atomically, so a crash never leaves half a file.
/// </summary>
public static class SafetensorsWriter
{
    /// <summary>
    /// Writes the tensors (and optional string metadata) to <paramref name="path"/>, replacing it atomically
    /// (<see cref="AtomicFile"/>).
    /// </summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null) =>
        AtomicFile.Write(path, file => Write(file, tensors, metadata));

    /// <summary>Writes the tensors (and optional string metadata) in the safetensors format to a stream.</summary>
    public static void Write(Stream output, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var names = tensors.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList();
        var header = new Dictionary<string, object>();
        if (metadata is { Count: > 0 }) header["__metadata__"] = metadata;
        long offset = 0;
        foreach (var name in names)
        {
            var t = tensors[name];
            var (dtype, size) = Format(t.dtype);
            long bytes = t.numel() * size;
            header[name] = new Dictionary<string, object>
            {
                ["dtype"] = dtype,
                ["shape"] = t.shape,
                ["data_offsets"] = new[] { offset, offset + bytes },
            };
            offset += bytes;
        }
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        int padded = (json.Length + 7) / 8 * 8;   // the spec recommends 8-byte alignment of the data
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        output.Write(length);
        output.Write(json);
        for (int i = json.Length; i < padded; i++) output.WriteByte((byte)' ');
        foreach (var name in names) WriteData(output, tensors[name]);
    }

    static void WriteData(Stream output, Tensor t)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors: writing needs a little-endian machine.");
        switch (Format(t.dtype).dtype)
        {
            case "F32": output.Write(MemoryMarshal.AsBytes(t.Values<float>().AsSpan())); break;
            case "I64": output.Write(MemoryMarshal.AsBytes(t.Values<long>().AsSpan())); break;
            case "BOOL": output.Write(Array.ConvertAll(t.Values<bool>(), v => v ? (byte)1 : (byte)0)); break;
            default: output.Write(t.Values<byte>()); break;
        }
    }

    // uint8 is matched by name: only TorchSharp has it (its random generator's state is a uint8 tensor), so the
    // built-in engine has no enum member to name.
    static (string dtype, int size) Format(torch.ScalarType t) => t.ToString() switch
    {
        "Float32" => ("F32", 4),
        "Int64" => ("I64", 8),
        "Bool" => ("BOOL", 1),
        "Byte" => ("U8", 1),
        _ => throw new NotSupportedException($"safetensors: cannot write {t.DtypeName()} tensors; convert them to float32 or int64 first."),
    };
}
