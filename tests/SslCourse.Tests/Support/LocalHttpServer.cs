using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SslCourse.Tests;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 for download tests: serves byte arrays by path, honours "Range: bytes=N-",
/// answers any status asked for, and can cut a response off after some bytes. It records every request.
/// </summary>
public sealed class LocalHttpServer : IDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly Dictionary<string, Route> _routes = new();
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;

    /// <summary>What a path answers: a status, a body, and optionally a cut after that many body bytes (once).</summary>
    public sealed class Route(int status, byte[] body, int? cutAfter = null)
    {
        public int Status { get; set; } = status;
        public byte[] Body { get; set; } = body;
        public int? CutAfter { get; set; } = cutAfter;
    }

    public LocalHttpServer()
    {
        _listener.Start();
        _loop = Task.Run(AcceptLoop);
    }

    /// <summary>The requests so far: path and Range header (null without one).</summary>
    public List<(string Path, string? Range)> Requests { get; } = new();

    /// <summary>The URL of <paramref name="path"/> on this server.</summary>
    public string Url(string path) => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/{path}";

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/>.</summary>
    public Route Serve(string path, byte[] body, int status = 200, int? cutAfter = null) => _routes[path] = new Route(status, body, cutAfter);

    async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => Handle(client));
        }
    }

    void Handle(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var header = new StringBuilder();
            while (!header.ToString().EndsWith("\r\n\r\n"))
            {
                int b = stream.ReadByte();
                if (b < 0) return;
                header.Append((char)b);
            }
            var lines = header.ToString().Split("\r\n");
            string path = lines[0].Split(' ')[1].TrimStart('/');
            string? range = lines.FirstOrDefault(l => l.StartsWith("Range:", StringComparison.OrdinalIgnoreCase))?.Split(':', 2)[1].Trim();
            lock (Requests) Requests.Add((path, range));
            if (!_routes.TryGetValue(path, out var route)) { Write(stream, 404, "Not Found", [], null); return; }
            if (route.Status != 200) { Write(stream, route.Status, "Error", Encoding.ASCII.GetBytes("error"), null); return; }
            int from = range is null ? 0 : int.Parse(range["bytes=".Length..].TrimEnd('-'));
            if (from >= route.Body.Length && range is not null) { Write(stream, 416, "Range Not Satisfiable", [], null); return; }
            var body = route.Body.AsSpan(from).ToArray();
            string? contentRange = range is null ? null : $"bytes {from}-{route.Body.Length - 1}/{route.Body.Length}";
            int? cut = route.CutAfter;
            route.CutAfter = null;   // only the first response is cut
            Write(stream, range is null ? 200 : 206, range is null ? "OK" : "Partial Content", body, contentRange, cut);
            if (cut is not null) client.Client.LingerState = new LingerOption(true, 0);   // reset, as a dropped connection does
        }
    }

    static void Write(NetworkStream stream, int status, string reason, byte[] body, string? contentRange, int? cutAfter = null)
    {
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n" +
                   (contentRange is null ? "" : $"Content-Range: {contentRange}\r\n") + "\r\n";
        stream.Write(Encoding.ASCII.GetBytes(head));
        stream.Write(body, 0, Math.Min(body.Length, cutAfter ?? body.Length));
        stream.Flush();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try { _loop.Wait(); } catch (AggregateException) { }
    }
}
