namespace SslCourse.Data;

/// <summary>
/// Download progress as plain lines, one per tenth of each file, so it reads the same in a terminal, a notebook
/// cell and a log: "mnist/train-images-idx3-ubyte.gz: 40 % of 9.9 MB, 2.1 MB/s".
/// </summary>
internal sealed class ConsoleDownloadReport(string dataset) : IProgress<DownloadProgress>
{
    readonly Dictionary<string, int> _lastTenth = new();

    public void Report(DownloadProgress p)
    {
        int tenth = (int)(p.Fraction * 10);
        if (_lastTenth.TryGetValue(p.File, out int last) && tenth <= last) return;
        _lastTenth[p.File] = tenth;
        Console.WriteLine($"{dataset}/{p.File}: {tenth * 10} % of {p.BytesTotal / 1e6:0.0} MB, {p.BytesPerSecond / 1e6:0.0} MB/s");
    }
}
