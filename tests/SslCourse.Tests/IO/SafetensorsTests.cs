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
        { "shape beyond any file", WithHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,4294967296],\"data_offsets\":[0,4]}}", 4), "beyond what any file can hold" },
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

    [Fact]
    public void TwoSavesToOnePathAtOnceNeitherFailNorLeaveAReaderAHalfFile()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var path = Path.Combine(dir, "model.safetensors");
            var small = new Dictionary<string, Tensor> { ["w"] = ones(16) };
            var large = new Dictionary<string, Tensor> { ["w"] = zeros(200_000) };
            SafetensorsWriter.Save(path, small);
            int writersLeft = 2, reads = 0;
            void Writer(Dictionary<string, Tensor> tensors)
            {
                try { for (int i = 0; i < 40; i++) SafetensorsWriter.Save(path, tensors); }
                finally { Interlocked.Decrement(ref writersLeft); }
            }
            void Reader()
            {
                while (Volatile.Read(ref writersLeft) > 0)
                {
                    var w = SafetensorsReader.Load(path)["w"];   // a half-written file would throw here
                    Xunit.Assert.Contains(w.numel(), new long[] { 16, 200_000 });
                    reads++;
                }
            }
            Parallel.Invoke(() => Writer(small), () => Writer(large), Reader);
            Xunit.Assert.True(reads > 0);
            Xunit.Assert.Equal([path], Directory.GetFiles(dir));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void ASaveRemovesTheTemporaryFilesOfKilledSavesButNotThoseOfRunningOnes()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var path = Path.Combine(dir, "model.safetensors");
            const int gone = int.MaxValue - 7;   // above any pid_max: no such process
            string Leftover(string name) { var file = Path.Combine(dir, name); File.WriteAllBytes(file, new byte[1000]); return file; }
            var killed = Leftover($".model.safetensors.{gone}.0123abcd.tmp");
            var killedByAnOlderVersion = Leftover($".model.safetensors.{gone}.tmp");
            var running = Leftover($".model.safetensors.{Environment.ProcessId}.4567ef.tmp");
            var anotherFiles = Leftover($".other.safetensors.{gone}.89ab.tmp");
            SafetensorsWriter.Save(path, Sample);
            Xunit.Assert.False(File.Exists(killed));
            Xunit.Assert.False(File.Exists(killedByAnOlderVersion));
            Xunit.Assert.True(File.Exists(running), "a save still running in this process lost its temporary file");
            Xunit.Assert.True(File.Exists(anotherFiles), "the leftover of another file was removed");
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void AFolderOrAPathThroughAFileGetsAMessageThatSaysSo()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var file = Path.Combine(dir, "weights.safetensors");
            SafetensorsWriter.Save(file, Sample);
            Xunit.Assert.Contains("is a folder", Xunit.Assert.Throws<IOException>(() => SafetensorsWriter.Save(dir, Sample)).Message);
            Xunit.Assert.Contains("is a folder", Xunit.Assert.Throws<IOException>(() => SafetensorsReader.Load(dir)).Message);
            var underAFile = Path.Combine(file, "model.safetensors");
            Xunit.Assert.Contains("Is part of the path a file?", Xunit.Assert.Throws<IOException>(() => SafetensorsWriter.Save(underAFile, Sample)).Message);
            Xunit.Assert.Contains("no such file", Xunit.Assert.Throws<FileNotFoundException>(() => SafetensorsReader.Load(underAFile)).Message);
            Xunit.Assert.Equal(Sample.Count, SafetensorsReader.Load(file).Count);   // nothing was lost
        }
        finally { Directory.Delete(dir, true); }
    }
}
