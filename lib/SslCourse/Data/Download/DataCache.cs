namespace SslCourse.Data;

/// <summary>
/// Where downloaded datasets live: <c>$SSLCOURSE_DATA</c> when set, else <c>datasets/cache</c> of the course
/// repository (found by walking up from the working directory and from the library), else a per-user cache folder.
/// </summary>
public static class DataCache
{
    /// <summary>The cache folder; settable, e.g. for tests.</summary>
    public static string Root { get; set; } = DefaultRoot();

    /// <summary>The path of <paramref name="file"/> of dataset <paramref name="dataset"/> in the cache.</summary>
    public static string PathOf(string dataset, string file) => Path.Combine(Root, dataset, file);

    static string DefaultRoot()
    {
        if (Environment.GetEnvironmentVariable("SSLCOURSE_DATA") is { Length: > 0 } configured) return configured;
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory, Path.GetDirectoryName(typeof(DataCache).Assembly.Location) })
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "datasets", "manifest.json")))
                    return Path.Combine(dir.FullName, "datasets", "cache");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "sslcourse", "datasets");
    }
}
