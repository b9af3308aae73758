using SslCourse.Cpu;

namespace SslCourse.Data.Augment;

/// <summary>
/// A random image transformation applied to a whole batch of images, float32 [N, C, H, W] with C = 1 or 3 and
/// values in [0, 1]. Each image draws its own parameters from the generator given (or the default one), so a fixed
/// seed gives the same batch. The input is left unchanged; the result is a new tensor without gradient history.
/// </summary>
public abstract class Augmentation
{
    /// <param name="p">The probability that an image is transformed; the others pass through unchanged.</param>
    protected Augmentation(double p = 1.0)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), $"{GetType().Name}: p must lie in [0, 1], got {p}.");
        this.p = p;
    }

    /// <summary>The probability that an image is transformed; the others pass through unchanged.</summary>
    public double p { get; }

    /// <summary>Transforms each image of <paramref name="images"/> [N, C, H, W], drawing from <paramref name="generator"/> or the default generator.</summary>
    public Tensor forward(Tensor images, torch.Generator? generator = null) =>
        OnContiguous(images, GetType().Name, batch => Apply(batch, generator ?? torch.default_generator));

    /// <summary>
    /// The transformation of a checked, contiguous batch: a new tensor (never <paramref name="images"/> itself, which
    /// belongs to the caller). It runs with gradient recording off.
    /// </summary>
    protected abstract Tensor Apply(Tensor images, torch.Generator generator);

    /// <summary>
    /// Checks that <paramref name="images"/> is float32 [N, 1 or 3, H, W] and runs <paramref name="body"/> on it, or on
    /// a contiguous copy (released afterwards) when it is a strided view, with gradient recording off.
    /// </summary>
    protected static Tensor OnContiguous(Tensor images, string op, Func<Tensor, Tensor> body)
    {
        images.ThrowIfDisposed(op);
        if (images.dim() != 4 || images.dtype != torch.ScalarType.Float32 || images.Shape[1] is not (1 or 3))
            throw new ArgumentException($"{op}: expected float32 images [N, 1 or 3, H, W], got {images.dtype.Name()} {ShapeUtil.Format(images.Shape)}.");
        using var noGrad = Autograd.GradMode.Set(false);
        var batch = images.contiguous();
        var result = body(batch);
        if (!ReferenceEquals(batch, images)) batch.Dispose();
        return result;
    }

    /// <summary>The sizes of a batch [N, C, H, W].</summary>
    protected static (int n, int c, int h, int w) Sizes(Tensor images) =>
        ((int)images.size(0), (int)images.size(1), (int)images.size(2), (int)images.size(3));

    /// <summary>For each of <paramref name="n"/> images, whether it is transformed (with probability <see cref="p"/>).</summary>
    protected bool[] DrawApplied(torch.Generator generator, int n)
    {
        var applied = new bool[n];
        for (int i = 0; i < n; i++) applied[i] = generator.NextDouble() < p;
        return applied;
    }

    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    protected static double Uniform(torch.Generator generator, double low, double high) => low + (high - low) * generator.NextDouble();

    /// <summary>
    /// Runs <paramref name="body"/> for every image index, spread over the library's threads when the batch is large
    /// enough to repay them. Draw all random parameters before calling it, so that the result does not depend on timing.
    /// </summary>
    protected static void ForEachImage(int n, int valuesPerImage, Action<int> body)
    {
        const int parallelFrom = 1 << 15;  // values in the batch; below this, starting threads costs more than it saves
        if (n > 1 && Threading.NumThreads > 1 && (long)n * valuesPerImage >= parallelFrom)
            Parallel.For(0, n, Threading.Options, body);
        else
            for (int i = 0; i < n; i++) body(i);
    }

    /// <summary>Checks a (min, max) range given to a constructor: lowest ≤ min (or lowest &lt; min) and min ≤ max ≤ highest.</summary>
    protected void CheckRange(string name, (double min, double max) range, double lowest, double highest, bool lowestExcluded = false)
    {
        bool lowOk = lowestExcluded ? range.min > lowest : range.min >= lowest;
        if (lowOk && range.min <= range.max && range.max <= highest) return;
        string upper = double.IsPositiveInfinity(highest) ? "" : FormattableString.Invariant($" <= {highest}");
        throw new ArgumentOutOfRangeException(name, FormattableString.Invariant(
            $"{GetType().Name}: {name} must be a range (min, max) with {lowest} {(lowestExcluded ? "<" : "<=")} min <= max{upper}, got ({range.min}, {range.max})."));
    }
}
