using System.Formats.Tar;
using System.IO.Compression;

namespace SslCourse.Data;

/// <summary>
/// MNIST, Fashion-MNIST and CIFAR-10 as <see cref="ImageSet"/>s, downloaded into the <see cref="DataCache"/> on first
/// use and verified against <c>datasets/manifest.json</c>. When a dataset cannot be had (offline, a bad checksum),
/// <see cref="OrEmbedded"/> explains why and hands back an embedded set instead, so a lesson always runs.
/// </summary>
public static class RealDatasets
{
    /// <summary>MNIST digits, 1×28×28: 60,000 training or 10,000 test images.</summary>
    public static ImageSet MNIST(Split split = Split.Train, IProgress<DownloadProgress>? progress = null) => Idx("mnist", "MNIST", split, progress);

    /// <summary>Fashion-MNIST clothing, 1×28×28: 60,000 training or 10,000 test images.</summary>
    public static ImageSet FashionMNIST(Split split = Split.Train, IProgress<DownloadProgress>? progress = null) => Idx("fashion-mnist", "Fashion-MNIST", split, progress);

    /// <summary>CIFAR-10, 3×32×32: 50,000 training or 10,000 test images.</summary>
    public static ImageSet CIFAR10(Split split = Split.Train, IProgress<DownloadProgress>? progress = null)
    {
        var folder = Extracted("cifar-10", "cifar-10-binary.tar.gz", progress);
        var batches = split == Split.Train ? Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin") : ["test_batch.bin"];
        var paths = batches.Select(b => Path.Combine(folder, "cifar-10-batches-bin", b)).ToList();
        if (paths.FirstOrDefault(p => !File.Exists(p)) is { } missing)
            throw new DatasetUnavailableException($"{missing} is missing from the extracted CIFAR-10 archive; delete {folder} to extract it again.");
        return CifarReader.Read(paths, $"CIFAR-10 ({Name(split)})", DatasetManifest.Default["cifar-10"].Classes);
    }

    /// <summary>
    /// Every file of dataset <paramref name="name"/> in the cache, downloading what is missing; returns their paths.
    /// Progress goes to <paramref name="progress"/>, or as lines to the console. This is what <c>fetch NAME</c> runs.
    /// </summary>
    public static IReadOnlyList<string> Fetch(string name, IProgress<DownloadProgress>? progress = null, Downloader? downloader = null)
    {
        var entry = DatasetManifest.Default[name];
        downloader ??= new Downloader();
        progress ??= new ConsoleDownloadReport(name);
        return entry.Files.Select(f => downloader.Download(f, DataCache.PathOf(name, f.Name), progress)).ToList();
    }

    /// <summary>Whether every file of dataset <paramref name="name"/> is already in the cache (by size; checksums are checked on use).</summary>
    public static bool IsCached(string name) =>
        DatasetManifest.Default[name].Files.All(f => new FileInfo(DataCache.PathOf(name, f.Name)) is { Exists: true } info && info.Length == f.Bytes);

    /// <summary>
    /// The real dataset from <paramref name="load"/>, or — when it cannot be had — <paramref name="embedded"/>, after
    /// printing why and how to fetch the real one.
    /// </summary>
    public static ImageSet OrEmbedded(Func<ImageSet> load, Func<ImageSet> embedded)
    {
        try { return load(); }
        catch (Exception e) when (e is DatasetUnavailableException or DatasetFormatException)
        {
            Console.WriteLine($"{e.Message}\nUsing the embedded dataset instead.");
            return embedded();
        }
    }

    static ImageSet Idx(string name, string title, Split split, IProgress<DownloadProgress>? progress)
    {
        string prefix = split == Split.Train ? "train" : "t10k";
        var paths = Fetch(name, progress).ToDictionary(p => Path.GetFileName(p));
        var (imageShape, pixels) = IdxReader.Read(paths[$"{prefix}-images-idx3-ubyte.gz"]);
        var (labelShape, labelBytes) = IdxReader.Read(paths[$"{prefix}-labels-idx1-ubyte.gz"]);
        if (imageShape.Length != 3 || labelShape.Length != 1 || labelShape[0] != imageShape[0])
            throw DatasetFormatException.In(title, $"images {string.Join("x", imageShape)} and labels {string.Join("x", labelShape)} do not pair up");
        var classes = DatasetManifest.Default[name].Classes;
        int bad = Array.FindIndex(labelBytes, l => l >= classes.Count);
        if (bad >= 0) throw DatasetFormatException.In(title, $"label {labelBytes[bad]} of image {bad} is outside 0 to {classes.Count - 1}");
        var images = tensor(Array.ConvertAll(pixels, p => p / 255f), [imageShape[0], 1, imageShape[1], imageShape[2]]);
        return new ImageSet($"{title} ({Name(split)})", images, tensor(Array.ConvertAll(labelBytes, l => (long)l)), classes);
    }

    // Extracts a downloaded .tar.gz once, into a folder that appears only when extraction finished.
    static string Extracted(string name, string archive, IProgress<DownloadProgress>? progress)
    {
        string folder = DataCache.PathOf(name, "extracted");
        if (Directory.Exists(folder)) return folder;
        string path = Fetch(name, progress).Single(p => Path.GetFileName(p) == archive);
        string temporary = folder + ".part";
        if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        try
        {
            using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            TarFile.ExtractToDirectory(gzip, Directory.CreateDirectory(temporary).FullName, overwriteFiles: true);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            throw new DatasetFormatException(DatasetFormatException.In(archive, $"the archive cannot be extracted ({e.Message})").Message, e);
        }
        Directory.Move(temporary, folder);
        return folder;
    }

    static string Name(Split split) => split.ToString().ToLowerInvariant();
}
