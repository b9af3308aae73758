using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace SslCourse.IO;

/// <summary>A safetensors file that is not what the format promises; the message says what is wrong.</summary>
public sealed class SafetensorsFormatException(string path, string problem)
    : IOException($"{path}: not a valid safetensors file: {problem}");

/// <summary>
/// Reads safetensors files. Floating types (F32, F16, BF16, F64) load as float32, U8 as uint8 (int64 on the built-in
/// engine, which has no uint8), the other integer types as int64 and BOOL as bool. Every length and offset is checked
/// against the file before anything is read, so a truncated or corrupt file gives a
/// <see cref="SafetensorsFormatException"/> and never an out-of-range read.
/// </summary>
public static class SafetensorsReader
{
    const long MaxHeader = 100_000_000;

    /// <summary>All tensors in the file by name.</summary>
    public static Dictionary<string, Tensor> Load(string path) => Read(ReadFile(path), path).tensors;

    /// <summary>The tensors and the free-form string metadata (the "__metadata__" entry).</summary>
    public static (Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata) LoadWithMetadata(string path) => Read(ReadFile(path), path);

    static byte[] ReadFile(string path)
    {
        if (Directory.Exists(path)) throw new IOException($"{path} is a folder, not a safetensors file; give the path of a .safetensors file.");
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such file (relative paths start at {Environment.CurrentDirectory}). A checkpoint exists once it has been saved; check the name and folder.", path);
        return File.ReadAllBytes(path);
    }

    public static (Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata) Read(byte[] file, string source = "safetensors")
    {
        SafetensorsFormatException Bad(string problem) => new(source, problem);
        if (file.Length < 8) throw Bad($"the file has {file.Length} bytes, fewer than the 8-byte header length.");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > MaxHeader || headerLength > (ulong)(file.Length - 8))
            throw Bad($"the header claims {headerLength} bytes but the file has only {file.Length - 8} after the length field (truncated or corrupt).");
        int dataStart = 8 + (int)headerLength;
        JsonElement root;
        try { root = JsonDocument.Parse(Encoding.UTF8.GetString(file, 8, (int)headerLength).TrimEnd(' ', '\0')).RootElement; }
        catch (Exception e) when (e is JsonException or ArgumentException or DecoderFallbackException) { throw Bad("the header is not valid JSON: " + e.Message); }
        if (root.ValueKind != JsonValueKind.Object) throw Bad("the header is not a JSON object.");

        long dataLength = file.Length - dataStart;
        var tensors = new Dictionary<string, Tensor>();
        var metadata = new Dictionary<string, string>();
        var ranges = new List<(long begin, long end, string name)>();
        foreach (var entry in root.EnumerateObject())
        {
            if (entry.Name == "__metadata__")
            {
                if (entry.Value.ValueKind != JsonValueKind.Object) throw Bad("__metadata__ must be an object of strings.");
                foreach (var m in entry.Value.EnumerateObject())
                    metadata[m.Name] = m.Value.ValueKind == JsonValueKind.String ? m.Value.GetString()! : throw Bad($"metadata '{m.Name}' is not a string.");
                continue;
            }
            var (dtype, shape, begin, end) = Describe(entry, Bad);
            int size = ElementSize(dtype) ?? throw Bad($"tensor '{entry.Name}' has dtype '{dtype}', which is not supported (F32, F16, BF16, F64, I64, I32, I16, I8, U8, BOOL).");
            if (begin < 0 || end < begin || end > dataLength)
                throw Bad($"tensor '{entry.Name}' claims bytes {begin}..{end}, outside the {dataLength} data bytes.");
            long count = shape.Contains(0) ? 0 : 1;
            foreach (var s in shape)
                if (s != 0 && count > long.MaxValue / size / s)
                    throw Bad($"tensor '{entry.Name}' has shape {TensorInterop.ShapeText(shape)}, whose size in bytes is beyond what any file can hold.");
                else count *= s;
            if ((end - begin) != count * size)
                throw Bad($"tensor '{entry.Name}' of shape {TensorInterop.ShapeText(shape)} and dtype {dtype} needs {count * size} bytes but is given {end - begin}.");
            if (count > int.MaxValue) throw Bad($"tensor '{entry.Name}' has {count} elements, more than this engine supports.");
            ranges.Add((begin, end, entry.Name));
            tensors[entry.Name] = Decode(file.AsSpan(dataStart + (int)begin, (int)(end - begin)), dtype, shape);
        }
        ranges.Sort();
        for (int i = 1; i < ranges.Count; i++)
            if (ranges[i].begin < ranges[i - 1].end)
                throw Bad($"tensors '{ranges[i - 1].name}' and '{ranges[i].name}' overlap in the data section.");
        return (tensors, metadata);
    }

    static (string dtype, long[] shape, long begin, long end) Describe(JsonProperty entry, Func<string, Exception> bad)
    {
        try
        {
            var info = entry.Value;
            var dtype = info.GetProperty("dtype").GetString() ?? throw bad($"tensor '{entry.Name}' has no dtype.");
            var shape = info.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray();
            var offsets = info.GetProperty("data_offsets").EnumerateArray().Select(x => x.GetInt64()).ToArray();
            if (shape.Any(s => s < 0)) throw bad($"tensor '{entry.Name}' has a negative size in shape {TensorInterop.ShapeText(shape)}.");
            if (offsets.Length != 2) throw bad($"tensor '{entry.Name}' must have two data_offsets, has {offsets.Length}.");
            return (dtype, shape, offsets[0], offsets[1]);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw bad($"tensor '{entry.Name}' needs dtype (string), shape (integers) and data_offsets (two integers): {e.Message}");
        }
    }

    static int? ElementSize(string dtype) => dtype switch
    {
        "F64" or "I64" => 8,
        "F32" or "I32" => 4,
        "F16" or "BF16" or "I16" => 2,
        "I8" or "U8" or "BOOL" => 1,
        _ => null,
    };

    static Tensor Decode(ReadOnlySpan<byte> bytes, string dtype, long[] shape)
    {
        int n = bytes.Length / ElementSize(dtype)!.Value;
        switch (dtype)
        {
            case "BOOL":
                var b = new bool[n];
                for (int i = 0; i < n; i++) b[i] = bytes[i] != 0;
                return torch.tensor(b, shape);
            case "U8":
                return torch.tensor(bytes.ToArray(), shape);
            case "I64" or "I32" or "I16" or "I8":
                var l = new long[n];
                for (int i = 0; i < n; i++)
                    l[i] = dtype switch
                    {
                        "I64" => BinaryPrimitives.ReadInt64LittleEndian(bytes[(8 * i)..]),
                        "I32" => BinaryPrimitives.ReadInt32LittleEndian(bytes[(4 * i)..]),
                        "I16" => BinaryPrimitives.ReadInt16LittleEndian(bytes[(2 * i)..]),
                        _ => (sbyte)bytes[i],
                    };
                return torch.tensor(l, shape);
            default:
                var f = new float[n];
                for (int i = 0; i < n; i++)
                    f[i] = dtype switch
                    {
                        "F32" => BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]),
                        "F64" => (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes[(8 * i)..]),
                        "F16" => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(2 * i)..]),
                        // bfloat16 is the top half of a float32.
                        _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]) << 16),
                    };
                return torch.tensor(f, shape);
        }
    }
}
