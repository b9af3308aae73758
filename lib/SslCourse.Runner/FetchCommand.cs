using SslCourse.Data;
using Spectre.Console;

namespace SslCourse.Runner;

/// <summary>
/// The `fetch` command: downloads real datasets into the cache ahead of a lesson, with a progress bar per file,
/// or lists what the manifest offers and what is already cached.
/// </summary>
public static class FetchCommand
{
    public static int Execute(string[] names, bool list)
    {
        var manifest = DatasetManifest.Default;
        if (list || names.Length == 0)
        {
            var table = new Table().AddColumns("Dataset", "Size", "Cached", "Licence");
            foreach (var (name, entry) in manifest.Datasets)
                table.AddRow(Markup.Escape(name), $"{entry.Bytes / 1e6:0.0} MB", RealDatasets.IsCached(name) ? "yes" : "no", Markup.Escape(entry.Licence));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"Cache: [bold]{Markup.Escape(DataCache.Root)}[/] (set SSLCOURSE_DATA to move it). Fetch with: fetch NAME… or fetch all");
            return 0;
        }
        if (names is ["all"]) names = [.. manifest.Datasets.Keys];
        foreach (var name in names)
            if (!manifest.Datasets.ContainsKey(name.ToLowerInvariant()))
            {
                Console.Error.WriteLine($"fetch: unknown dataset '{name}'; choose from {string.Join(", ", manifest.Datasets.Keys)} or all.");
                return 2;
            }
        try
        {
            foreach (var name in names) Fetch(name.ToLowerInvariant());
            return 0;
        }
        catch (DatasetUnavailableException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    static void Fetch(string name)
    {
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var progress = new SynchronousProgress<DownloadProgress>(p =>
                {
                    if (!tasks.TryGetValue(p.File, out var task)) tasks[p.File] = task = context.AddTask($"{name}/{p.File}", maxValue: p.BytesTotal);
                    task.Value = p.BytesDone;
                });
                RealDatasets.Fetch(name, progress);
                foreach (var task in tasks.Values) task.Value = task.MaxValue;
            });
        AnsiConsole.MarkupLine($"[green]{Markup.Escape(name)}[/]: every file verified in {Markup.Escape(Path.Combine(DataCache.Root, name))}");
    }

    // Progress<T> posts to the thread pool; the bar must see reports in order, on the downloading thread.
    sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
