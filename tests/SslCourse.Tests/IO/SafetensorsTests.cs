using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using SslCourse.IO;

namespace SslCourse.Tests.IO;

public class SafetensorsTests
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    static byte[] Written(Dictionary<string, Tensor> tensors, Dictionary<string, string>? metadata = null)
    {
        using var ms = new MemoryStream();
        SafetensorsWriter.Write(ms, tensors, metadata);
        return ms.ToArray();
    }

    static readonly Dictionary<string, Tensor> Sample = new()
    {
        ["layer.weight"] = arange(12.0).reshape(3, 4) / 7,
        ["steps"] = tensor(new long[] { -1, long.MaxValue }),
        ["mask"] = tensor(new[] { true, false, true }),
        ["scalar"] = tensor(2.5f),
    };

    [Fact]
    public void RoundTripsEveryTypeAndTheMetadata()
    {
        var (tensors, metadata) = SafetensorsReader.Read(Written(Sample, new() { ["epoch"] = "3" }));
        Xunit.Assert.Equal(Sample.Keys.OrderBy(k => k), tensors.Keys.OrderBy(k => k));
        foreach (var (k, v) in Sample) TensorAssert.Close(v, tensors[k], 0, 0, k);
        Xunit.Assert.Equal("3", metadata["epoch"]);
    }

    [Fact]
    public void ReadsAFileWrittenFromPyTorchTensors()
    {
        var tensors = SafetensorsReader.Load(Fixture("pytorch_written.safetensors"));
        var expected = JsonDocument.Parse(File.ReadAllText(Fixture("pytorch_written.json"))).RootElement;
        foreach (var name in new[] { "linear.weight", "half", "brain" })
        {
            var values = expected.GetProperty(name).EnumerateArray().Select(v => v.GetSingle()).ToArray();
            TensorAssert.Values(values, tensors[name].flatten(), 0);   // F16 and BF16 widen to float32 exactly
        }
        Xunit.Assert.Equal(new long[] { 1, -2, 3 }, tensors["steps"].data<long>());
        Xunit.Assert.Equal(new long[] { 7, 8 }, tensors["small"].flatten().data<long>());
        Xunit.Assert.Equal(new long[] { 0, 255 }, tensors["bytes"].to(int64).data<long>());   // uint8 on TorchSharp; the built-in engine has none
        Xunit.Assert.Equal(new[] { true, false, true }, tensors["mask"].data<bool>());
    }

    [Fact]
    public void AFileWrittenHereReadsBackWithAReaderWrittenAgainstTheSpec()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sslcourse-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafetensorsWriter.Save(path, Sample, new Dictionary<string, string> { ["note"] = "from C#" });
            var run = Process.Start(new ProcessStartInfo("python3", [Fixture("safetensors_io.py"), "read", path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            string output = run.StandardOutput.ReadToEnd(), errors = run.StandardError.ReadToEnd();
            run.WaitForExit();
            Xunit.Assert.True(run.ExitCode == 0, "the Python reader failed: " + errors);
            var root = JsonDocument.Parse(output).RootElement;
            var weight = root.GetProperty("tensors").GetProperty("layer.weight");
            Xunit.Assert.Equal("F32", weight.GetProperty("dtype").GetString());
            Xunit.Assert.Equal(Sample["layer.weight"].data<float>(), weight.GetProperty("values").EnumerateArray().Select(v => v.GetSingle()));
            Xunit.Assert.Equal(long.MaxValue, root.GetProperty("tensors").GetProperty("steps").GetProperty("values")[1].GetInt64());
            Xunit.Assert.Equal("from C#", root.GetProperty("metadata").GetProperty("note").GetString());
        }
        finally { File.Delete(path); }
    }

    static byte[] WithHeader(string json, int dataBytes)
    {
        var header = Encoding.UTF8.GetBytes(json);
        var file = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        return file;
    }

    public static TheoryData<string, byte[], string> Malformed() => new()
    {
        { "truncated length", [1, 2, 3], "fewer than the 8-byte header length" },
        { "huge header length", [255, 255, 255, 255, 255, 255, 255, 127, (byte)'{', (byte)'}'], "header claims" },
        { "header beyond the file", WithHeader("{}", 0)[..9], "header claims" },
        { "bad JSON", WithHeader("{\"a\": [", 0), "not valid JSON" },
        { "not an object", WithHeader("[1, 2]", 0), "not a JSON object" },
        { "unknown dtype", WithHeader("{\"a\":{\"dtype\":\"Q7\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "dtype 'Q7'" },
        { "offsets beyond the data", WithHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4), "outside the 4 data bytes" },
        { "size mismatch", WithHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "needs 12 bytes but is given 8" },
        { "overlap", WithHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "overlap" },
        { "negative size", WithHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}", 0), "negative size" },
        { "missing field", WithHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "data_offsets" },
    };

    [Theory, MemberData(nameof(Malformed))]
    public void MalformedFilesGetTheIntendedError(string what, byte[] file, string message)
    {
        var e = Xunit.Assert.Throws<SafetensorsFormatException>(() => SafetensorsReader.Read(file, what));
        Xunit.Assert.Contains(message, e.Message);
    }

    [Fact]
    public void RandomCorruptionsGiveOnlyFormatErrors()
    {
        var valid = Written(Sample, new() { ["k"] = "v" });
        var rng = new Random(11);
        int rejected = 0;
        for (int trial = 0; trial < 5000; trial++)
        {
            var file = (byte[])valid.Clone();
            switch (trial % 4)
            {
                case 0: file[rng.Next(file.Length)] = (byte)rng.Next(256); break;                         // flip a byte
                case 1: file = file[..rng.Next(file.Length)]; break;                                       // truncate
                case 2: for (int i = 0; i < 4; i++) file[rng.Next(Math.Min(file.Length, 200))] = (byte)rng.Next(32, 127); break;  // garble the header
                default: BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)rng.NextInt64()); break;   // wrong header length
            }
            try { SafetensorsReader.Read(file); }
            catch (SafetensorsFormatException) { rejected++; }
            // Any other exception fails the test: corruption must never surface as a crash or an out-of-range read.
        }
        Xunit.Assert.True(rejected > 2500, $"only {rejected} of 5000 corruptions were detected");
    }

    [Fact]
    public void SaveReplacesTheFileAtomically()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var path = Path.Combine(dir, "model.safetensors");
            SafetensorsWriter.Save(path, Sample);
            SafetensorsWriter.Save(path, new Dictionary<string, Tensor> { ["only"] = ones(2) });
            Xunit.Assert.Equal(["only"], SafetensorsReader.Load(path).Keys);
            Xunit.Assert.Equal([path], Directory.GetFiles(dir));   // no temporary file left behind
        }
        finally { Directory.Delete(dir, true); }
    }
}
