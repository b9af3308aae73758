namespace SslCourse.Data.Augment;

/// <summary>
/// Blurs each image with a Gaussian of <c>kernel_size</c> × <c>kernel_size</c> taps whose standard deviation (in
/// pixels) it draws from <c>sigma</c>, reflecting the image at its borders as torchvision does; with probability
/// <c>p</c>.
/// </summary>
public sealed class GaussianBlur : Augmentation
{
    /// <param name="kernel_size">The kernel's width and height, odd.</param>
    /// <param name="sigma">The range of the standard deviation, in pixels; default (0.1, 2.0).</param>
    /// <param name="p">The probability that an image is blurred.</param>
    public GaussianBlur(int kernel_size, (double min, double max)? sigma = null, double p = 1.0) : base(p)
    {
        if (kernel_size <= 0 || kernel_size % 2 == 0)
            throw new ArgumentOutOfRangeException(nameof(kernel_size), $"GaussianBlur: kernel_size must be a positive odd number, got {kernel_size}.");
        this.kernel_size = kernel_size;
        this.sigma = sigma ?? (0.1, 2.0);
        CheckRange(nameof(sigma), this.sigma, 0, double.PositiveInfinity, lowestExcluded: true);
    }

    public int kernel_size { get; }
    public (double min, double max) sigma { get; }

    protected override Pixels Apply(Pixels images, torch.Generator generator)
    {
        var (data, n, c, h, w) = images;
        int radius = kernel_size / 2;
        if (radius >= h || radius >= w)
            throw new ArgumentException($"GaussianBlur: kernel_size {kernel_size} reflects {radius} pixels at each border and needs images of at least {radius + 1}x{radius + 1}, got {h}x{w}.");
        var applied = DrawApplied(generator, n);
        var sigmas = new double[n];
        for (int i = 0; i < n; i++)
            if (applied[i]) sigmas[i] = Uniform(generator, sigma.min, sigma.max);

        int plane = h * w;
        ForEachImage(n, c * plane, i =>
        {
            if (!applied[i]) return;
            var kernel = Kernel(kernel_size, sigmas[i]);
            var across = new float[plane];
            for (int ch = 0; ch < c; ch++)
            {
                var image = data.AsSpan((i * c + ch) * plane, plane);
                for (int y = 0; y < h; y++)  // along rows into `across`...
                    for (int x = 0; x < w; x++)
                    {
                        float sum = 0;
                        for (int k = -radius; k <= radius; k++) sum += kernel[k + radius] * image[y * w + Reflect(x + k, w)];
                        across[y * w + x] = sum;
                    }
                for (int y = 0; y < h; y++)  // ...then along columns back into the image
                    for (int x = 0; x < w; x++)
                    {
                        float sum = 0;
                        for (int k = -radius; k <= radius; k++) sum += kernel[k + radius] * across[Reflect(y + k, h) * w + x];
                        image[y * w + x] = sum;
                    }
            }
        });
        return images;
    }

    /// <summary>The normalised 1-D Gaussian of <paramref name="size"/> taps, centred.</summary>
    static float[] Kernel(int size, double sigma)
    {
        var kernel = new double[size];
        for (int k = 0; k < size; k++)
        {
            double x = (k - size / 2) / sigma;
            kernel[k] = Math.Exp(-0.5 * x * x);
        }
        double total = kernel.Sum();
        return Array.ConvertAll(kernel, v => (float)(v / total));
    }

    /// <summary>Index <paramref name="i"/> mirrored into [0, n) about the edge pixels (PyTorch's "reflect" padding).</summary>
    static int Reflect(int i, int n) => i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;

    public override string ToString() => FormattableString.Invariant($"GaussianBlur(kernel_size={kernel_size}, sigma=({sigma.min}, {sigma.max}), p={p})");
}
