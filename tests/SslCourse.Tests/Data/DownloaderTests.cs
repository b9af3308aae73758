using System.Net.Sockets;
using System.Security.Cryptography;
using SslCourse.Data;

namespace SslCourse.Tests.Data;

public sealed class DownloaderTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("sslcourse-download-").FullName;
    readonly LocalHttpServer _server = new();
    readonly byte[] _content = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7919 >> 3)).ToArray();

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    DatasetFile File(params string[] urls) => new("data.bin", _content.Length, Convert.ToHexString(SHA256.HashData(_content)).ToLowerInvariant(), urls);

    string Destination => Path.Combine(_folder, "cache", "data.bin");

    [Fact]
    public void DownloadsVerifiesAndReportsProgress()
    {
        _server.Serve("data.bin", _content);
        var reports = new List<DownloadProgress>();
        var path = new Downloader().Download(File(_server.Url("data.bin")), Destination, new Reporter(reports.Add));
        Assert.Equal(_content, System.IO.File.ReadAllBytes(path));
        Assert.False(System.IO.File.Exists(Destination + ".part"));
        Assert.Equal(_content.Length, reports[^1].BytesDone);
        Assert.Equal(1.0, reports[^1].Fraction);
    }

    [Fact]
    public void AVerifiedFileIsNotFetchedAgain()
    {
        _server.Serve("data.bin", _content);
        var downloader = new Downloader();
        downloader.Download(File(_server.Url("data.bin")), Destination);
        downloader.Download(File(_server.Url("data.bin")), Destination);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public void ACutConnectionIsResumedWithARangeRequest()
    {
        _server.Serve("data.bin", _content, cutAfter: 100_000);
        var path = new Downloader().Download(File(_server.Url("data.bin")), Destination);
        Assert.Equal(_content, System.IO.File.ReadAllBytes(path));
        Assert.Null(_server.Requests[0].Range);
        Assert.Equal(2, _server.Requests.Count);
        Assert.StartsWith("bytes=", _server.Requests[1].Range);
        Assert.NotEqual("bytes=0-", _server.Requests[1].Range);
    }

    [Fact]
    public void APartialFileFromAnInterruptedRunIsResumed()
    {
        _server.Serve("data.bin", _content);
        Directory.CreateDirectory(Path.GetDirectoryName(Destination)!);
        System.IO.File.WriteAllBytes(Destination + ".part", _content[..123_456]);
        new Downloader().Download(File(_server.Url("data.bin")), Destination);
        Assert.Equal("bytes=123456-", _server.Requests.Single().Range);
        Assert.Equal(_content, System.IO.File.ReadAllBytes(Destination));
    }

    [Fact]
    public void AWrongChecksumIsNeverTakenForTheFile()
    {
        var corrupted = (byte[])_content.Clone();
        corrupted[777] ^= 1;
        _server.Serve("data.bin", corrupted);
        var error = TensorAssert.Throws<DatasetUnavailableException>(() => new Downloader().Download(File(_server.Url("data.bin")), Destination),
            "checksum mismatch", Convert.ToHexString(SHA256.HashData(corrupted)).ToLowerInvariant(), File().Sha256, "save it as", Destination);
        Assert.False(System.IO.File.Exists(Destination));
        Assert.False(System.IO.File.Exists(Destination + ".part"));
    }

    [Fact]
    public void AServerErrorMovesOnToTheMirror()
    {
        _server.Serve("broken.bin", [], status: 500);
        _server.Serve("mirror.bin", _content);
        new Downloader().Download(File(_server.Url("broken.bin"), _server.Url("missing.bin"), _server.Url("mirror.bin")), Destination);
        Assert.Equal(["broken.bin", "missing.bin", "mirror.bin"], _server.Requests.Select(r => r.Path));
        Assert.Equal(_content, System.IO.File.ReadAllBytes(Destination));
    }

    [Fact]
    public void EveryFailureIsReportedWithWhatToDoByHand()
    {
        _server.Serve("broken.bin", [], status: 503);
        var error = TensorAssert.Throws<DatasetUnavailableException>(
            () => new Downloader().Download(File(_server.Url("broken.bin"), _server.Url("missing.bin")), Destination),
            "HTTP 503", "HTTP 404", "download one of", _server.Url("missing.bin"));
        Assert.False(System.IO.File.Exists(Destination));
    }

    [Fact]
    public void NoNetworkGivesAClearMessage()
    {
        var closed = new TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        int port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();   // nothing listens there any more
        TensorAssert.Throws<DatasetUnavailableException>(
            () => new Downloader().Download(File($"http://127.0.0.1:{port}/data.bin"), Destination), "no connection", "offline?");
        Assert.False(System.IO.File.Exists(Destination));
    }

    [Fact]
    public void AFileDamagedInTheCacheIsFetchedAgain()
    {
        _server.Serve("data.bin", _content);
        Directory.CreateDirectory(Path.GetDirectoryName(Destination)!);
        System.IO.File.WriteAllBytes(Destination, _content[..1000]);
        new Downloader().Download(File(_server.Url("data.bin")), Destination);
        Assert.Equal(_content, System.IO.File.ReadAllBytes(Destination));
    }

    [Fact]
    public void TheShippedManifestDescribesEveryDatasetCompletely()
    {
        var manifest = DatasetManifest.Default;
        Assert.Equal(["cifar-10", "fashion-mnist", "mnist"], manifest.Datasets.Keys.Order());
        Assert.All(manifest.Datasets.Values, d => Assert.Equal(10, d.Classes.Count));
        Assert.All(manifest.Datasets.Values.SelectMany(d => d.Files), f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
        TensorAssert.Throws<ArgumentException>(() => _ = manifest["imagenet"], "Unknown dataset 'imagenet'", "mnist");
        TensorAssert.Throws<InvalidDataException>(() => DatasetManifest.Parse("{\"datasets\": {\"x\": {\"files\": []}}}", "test"), "test", "dataset 'x'");
    }

    sealed class Reporter(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }
}

public class RealDatasetFallbackTests
{
    [Fact]
    public void AnUnavailableDatasetFallsBackToTheEmbeddedOneAndSaysWhy()
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            using var set = RealDatasets.OrEmbedded(() => throw new DatasetUnavailableException("MNIST: offline"), () => SyntheticDigits.Load(20));
            Assert.Equal(20, set.Count);
        }
        finally { Console.SetOut(previous); }
        Assert.Contains("MNIST: offline", output.ToString());
        Assert.Contains("embedded dataset instead", output.ToString());
    }
}
