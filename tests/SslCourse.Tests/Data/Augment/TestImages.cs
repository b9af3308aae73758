namespace SslCourse.Tests.Data.Augment;

/// <summary>Procedurally drawn images for the augmentation tests: colourful, with no symmetry, different per seed.</summary>
internal static class TestImages
{
    /// <summary>
    /// A batch [n, channels, size, size]: a diagonal colour gradient whose hue depends on the image, a dark rectangle
    /// near the top left and a bright disc lower right, so flips and rotations show. Every value lies strictly inside (0, 1).
    /// </summary>
    public static Tensor Colourful(int n, int size = 32, int channels = 3, long seed = 1)
    {
        var rng = new Generator().manual_seed(seed);
        var values = new float[n * channels * size * size];
        for (int i = 0; i < n; i++)
        {
            double hue = rng.NextDouble(), cx = size * (0.55 + 0.25 * rng.NextDouble()), cy = size * (0.55 + 0.25 * rng.NextDouble());
            int rectangleWidth = size / 4 + (int)rng.NextLong(size / 8 + 1);
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                {
                    double t = (x + 2.0 * y) / (3.0 * size);
                    double[] rgb = [0.5 + 0.4 * Math.Cos(2 * Math.PI * (hue + t)), 0.5 + 0.4 * Math.Cos(2 * Math.PI * (hue + t - 1 / 3.0)), 0.5 + 0.4 * Math.Cos(2 * Math.PI * (hue + t - 2 / 3.0))];
                    if (x >= size / 8 && x < size / 8 + rectangleWidth && y >= size / 8 && y < size / 3) rgb = [0.1, 0.15, 0.3 + 0.2 * t];
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < size * size / 49.0) rgb = [0.95, 0.9, 0.2 + 0.5 * t];
                    for (int c = 0; c < channels; c++)
                        values[((i * channels + c) * size + y) * size + x] = (float)(channels == 1 ? 0.3 * rgb[0] + 0.6 * rgb[1] + 0.1 * rgb[2] : rgb[c]);
                }
        }
        return tensor(values, [n, channels, size, size]);
    }

    /// <summary>Image i of a batch as a flat array.</summary>
    public static float[] Image(Tensor batch, int i) => batch[i].contiguous().data<float>().ToArray();

    /// <summary>torch.rot90(images, k, dims: [2, 3]) from views: one quarter turn is a flip of the columns, then a transpose.</summary>
    public static Tensor Rot90(Tensor images, long k)
    {
        for (long turn = 0; turn < (k % 4 + 4) % 4; turn++) images = images.flip(3).transpose(2, 3);
        return images;
    }

    public static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.data<float>().SequenceEqual(b.data<float>());
}
