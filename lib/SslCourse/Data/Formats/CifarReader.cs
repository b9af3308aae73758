
namespace SslCourse.Data;

/// <summary>
/// Reads the binary version of CIFAR-10: records of one label byte and 3,072 pixel bytes (the 32×32 red plane, then
/// green, then blue). Rejects files that are not whole records or hold labels outside 0–9.
/// </summary>
public static class CifarReader
{
    const int Side = 32, Pixels = 3 * Side * Side, Record = 1 + Pixels;

    /// <summary>The images and labels of one or more batch files, in order, as an <see cref="ImageSet"/>.</summary>
    public static ImageSet Read(IReadOnlyList<string> paths, string name, IReadOnlyList<string> classNames) =>
        Read(paths.Select(p => (File.ReadAllBytes(p), Path.GetFileName(p))).ToList(), name, classNames);

    /// <summary>The records of in-memory batch files (bytes and a name for errors).</summary>
    public static ImageSet Read(IReadOnlyList<(byte[] Bytes, string Source)> files, string name, IReadOnlyList<string> classNames)
    {
        foreach (var (bytes, source) in files)
            if (bytes.Length == 0 || bytes.Length % Record != 0)
                throw DatasetFormatException.In(source, $"{bytes.Length:N0} bytes is not a whole number of {Record:N0}-byte records");
        int count = files.Sum(f => f.Bytes.Length / Record);
        var images = new float[(long)count * Pixels];
        var labels = new long[count];
        int i = 0;
        foreach (var (bytes, source) in files)
            for (int offset = 0; offset < bytes.Length; offset += Record, i++)
            {
                if (bytes[offset] >= classNames.Count)
                    throw DatasetFormatException.In(source, $"record {offset / Record} has label {bytes[offset]}; labels run from 0 to {classNames.Count - 1}");
                labels[i] = bytes[offset];
                for (int p = 0; p < Pixels; p++) images[(long)i * Pixels + p] = bytes[offset + 1 + p] / 255f;
            }
        return new ImageSet(name, tensor(images, [count, 3, Side, Side]), tensor(labels), classNames);
    }
}
