using System.Text.Json;
using System.Text.Json.Serialization;

namespace SslCourse.Data;

/// <summary>One downloadable file: its name in the cache, exact size, SHA-256, and the URLs to try in order.</summary>
public sealed record DatasetFile(string Name, long Bytes, string Sha256, IReadOnlyList<string> Urls);

/// <summary>A real dataset described in <c>datasets/manifest.json</c>.</summary>
public sealed record DatasetEntry(string Title, string Homepage, string Licence, IReadOnlyList<string> Classes, IReadOnlyList<DatasetFile> Files)
{
    /// <summary>Total download size in bytes.</summary>
    public long Bytes => Files.Sum(f => f.Bytes);
}

/// <summary>
/// The real datasets the course can download (<c>datasets/manifest.json</c>, also embedded in the library so it works
/// outside the repository): names, sizes, checksums, licences and mirrors.
/// </summary>
public sealed class DatasetManifest
{
    static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    DatasetManifest(IReadOnlyDictionary<string, DatasetEntry> datasets) => Datasets = datasets;

    /// <summary>Every dataset by its short name ("mnist", "fashion-mnist", "cifar-10").</summary>
    public IReadOnlyDictionary<string, DatasetEntry> Datasets { get; }

    /// <summary>The manifest shipped with the library.</summary>
    public static DatasetManifest Default { get; } = Parse(ReadEmbedded(), "the library's embedded manifest");

    /// <summary>The entry for <paramref name="name"/>, or an error that lists the known names.</summary>
    public DatasetEntry this[string name] => Datasets.TryGetValue(name.ToLowerInvariant(), out var entry) ? entry
        : throw new ArgumentException($"Unknown dataset '{name}'. Known datasets: {string.Join(", ", Datasets.Keys)}.");

    /// <summary>Reads a manifest from JSON text; <paramref name="source"/> names it in error messages.</summary>
    public static DatasetManifest Parse(string json, string source)
    {
        try
        {
            var file = JsonSerializer.Deserialize<ManifestJson>(json, Options)
                ?? throw new JsonException("the document is empty");
            foreach (var (name, entry) in file.Datasets)
                if (entry.Files.Count == 0 || entry.Files.Any(f => f.Urls.Count == 0 || f.Sha256.Length != 64 || f.Bytes <= 0))
                    throw new JsonException($"dataset '{name}' needs files, each with a size, a 64-digit sha256 and at least one URL");
            return new DatasetManifest(file.Datasets);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The dataset manifest ({source}) is not valid: {e.Message}", e);
        }
    }

    static string ReadEmbedded()
    {
        using var stream = typeof(DatasetManifest).Assembly.GetManifestResourceStream("SslCourse.datasets.manifest.json")
            ?? throw new InvalidOperationException("The dataset manifest is missing from the library build.");
        return new StreamReader(stream).ReadToEnd();
    }

    sealed record ManifestJson([property: JsonPropertyName("datasets")] Dictionary<string, DatasetEntry> Datasets);
}
