
namespace SslCourse.Data;

/// <summary>The two halves of an embedded dataset. Images of one split never appear in the other.</summary>
public enum Split
{
    /// <summary>Images for training (and for fitting probes).</summary>
    Train,
    /// <summary>Held-out images for evaluation.</summary>
    Test,
}

/// <summary>
/// Draws an embedded image set one image at a time. Image i of a split is drawn from its own generator, seeded from
/// (seed, split, i), so a set is the same whatever size is asked for (the first 1000 of a 5000-image set are the
/// 1000-image set), images can be drawn in parallel, and the two splits never share an image.
/// </summary>
internal static class SyntheticImages
{
    /// <summary>Draws <paramref name="count"/> images of <paramref name="channels"/>×size×size with labels i mod classes.</summary>
    public static ImageSet Generate(string name, IReadOnlyList<string> classNames, int count, int channels, int size,
        Split split, long seed, Action<int, SeededRandom, float[]> draw)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), $"{name}: count must be positive, got {count}.");
        int pixels = channels * size * size;
        var images = new float[(long)count * pixels];
        var labels = new long[count];
        Parallel.For(0, count, i =>
        {
            int label = i % classNames.Count;
            labels[i] = label;
            var random = new SeededRandom(ImageSeed(seed, split, i));
            var image = new float[pixels];
            draw(label, random, image);
            Array.Copy(image, 0, images, (long)i * pixels, pixels);
        });
        return new ImageSet(name, tensor(images, [count, channels, size, size]), tensor(labels), classNames);
    }

    static long ImageSeed(long seed, Split split, int index) =>
        unchecked(seed * 1_000_003 + (split == Split.Test ? 0x5DEECE66DL : 0) + index * 7_919L);

    /// <summary>Coverage of a pixel by a shape whose signed distance (in pixels, negative inside) is <paramref name="distance"/>: a one-pixel antialiased edge.</summary>
    public static float Coverage(double distance) => (float)Math.Clamp(0.5 - distance, 0, 1);
}
