using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace SslCourse.Data;

/// <summary>
/// Downloads manifest files into the cache. Bytes go to <c>NAME.part</c>; a cut connection is resumed with an HTTP
/// Range request; the finished file must have the manifest's size and SHA-256 before it is renamed into place, so a
/// file under its real name is always a verified one. URLs are tried in order, and when all fail the error says what
/// each one did and how to fetch the file by hand.
/// </summary>
public sealed class Downloader(HttpClient? client = null)
{
    const int AttemptsPerUrl = 3;
    static readonly HttpClient Shared = new() { Timeout = TimeSpan.FromMinutes(30) };
    readonly HttpClient _client = client ?? Shared;

    /// <summary>The verified file at <paramref name="destination"/>, downloading it unless a verified copy is already there.</summary>
    public string Download(DatasetFile file, string destination, IProgress<DownloadProgress>? progress = null, CancellationToken cancel = default) =>
        DownloadAsync(file, destination, progress, cancel).GetAwaiter().GetResult();

    /// <inheritdoc cref="Download"/>
    public async Task<string> DownloadAsync(DatasetFile file, string destination, IProgress<DownloadProgress>? progress = null, CancellationToken cancel = default)
    {
        if (File.Exists(destination))
        {
            if (Verify(file, destination) is null) return destination;
            File.Delete(destination);   // damaged since it was verified: fetch it again
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        string part = destination + ".part";
        var failures = new List<string>();
        foreach (var url in file.Urls)
            for (int attempt = 1; attempt <= AttemptsPerUrl; attempt++)
            {
                var (outcome, detail) = await FetchInto(file, url, part, progress, cancel);
                if (outcome == Outcome.Complete)
                {
                    if (Verify(file, part) is { } mismatch)
                    {
                        File.Delete(part);
                        failures.Add($"{url}: {mismatch}");
                        break;
                    }
                    File.Move(part, destination, overwrite: true);
                    return destination;
                }
                failures.Add($"{url}: {detail}");
                if (outcome == Outcome.TryNextUrl) break;
            }
        throw new DatasetUnavailableException(
            $"Could not download {file.Name} ({file.Bytes:N0} bytes).\n" + string.Join("\n", failures.Select(f => "  - " + f)) +
            $"\nTo fetch it by hand, download one of\n{string.Join("\n", file.Urls.Select(u => "  " + u))}\nand save it as {Path.GetFullPath(destination)} " +
            $"(SHA-256 {file.Sha256}). Lessons fall back to their embedded dataset meanwhile.");
    }

    enum Outcome { Complete, Retry, TryNextUrl }

    async Task<(Outcome, string)> FetchInto(DatasetFile file, string url, string part, IProgress<DownloadProgress>? progress, CancellationToken cancel)
    {
        long have = File.Exists(part) ? new FileInfo(part).Length : 0;
        if (have > file.Bytes) { File.Delete(part); have = 0; }
        if (have == file.Bytes) return (Outcome.Complete, "");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0) request.Headers.Range = new RangeHeaderValue(have, null);
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        }
        catch (HttpRequestException e)
        {
            return (Outcome.TryNextUrl, $"no connection ({e.Message}) — offline?");
        }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
        {
            return (Outcome.Retry, "the server did not answer in time");
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                File.Delete(part);   // the partial file does not fit what the server has: start over
                return (Outcome.Retry, "the server refused to resume; starting over");
            }
            if (!response.IsSuccessStatusCode)
                return (Outcome.TryNextUrl, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            bool resumed = response.StatusCode == HttpStatusCode.PartialContent;
            if (!resumed) have = 0;   // the server sent the whole file
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancel);
                await using var output = new FileStream(part, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write);
                var buffer = new byte[1 << 16];
                var clock = Stopwatch.StartNew();
                long received = 0;
                for (int n; (n = await body.ReadAsync(buffer, cancel)) > 0;)
                {
                    if (have + received + n > file.Bytes) return (Outcome.TryNextUrl, $"the server sent more than the expected {file.Bytes:N0} bytes");
                    await output.WriteAsync(buffer.AsMemory(0, n), cancel);
                    received += n;
                    progress?.Report(new DownloadProgress(file.Name, have + received, file.Bytes, received / Math.Max(clock.Elapsed.TotalSeconds, 1e-3)));
                }
                if (have + received < file.Bytes) return (Outcome.Retry, $"the connection ended after {have + received:N0} of {file.Bytes:N0} bytes; resuming");
                return (Outcome.Complete, "");
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                return (Outcome.Retry, $"the connection broke ({e.Message}); resuming");
            }
        }
    }

    /// <summary>Null when <paramref name="path"/> has the file's size and SHA-256, else what differs.</summary>
    public static string? Verify(DatasetFile file, string path)
    {
        long size = new FileInfo(path).Length;
        if (size != file.Bytes) return $"size {size:N0} bytes, expected {file.Bytes:N0}";
        using var stream = File.OpenRead(path);
        string actual = Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
        return actual == file.Sha256.ToLowerInvariant() ? null : $"checksum mismatch: SHA-256 {actual}, expected {file.Sha256}";
    }
}
