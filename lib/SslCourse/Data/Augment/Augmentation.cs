namespace SslCourse.Data.Augment;

/// <summary>
/// A random image transformation applied to a whole batch of images, float32 [N, C, H, W] with C = 1 or 3 and
/// values in [0, 1]. Each image draws its own parameters from the generator given (or the default one), so a fixed
/// seed gives the same batch. The input is left unchanged; the result is a new tensor on the input's device, without
/// gradient history. The pixel work happens on the CPU, on a float[] copy of the batch.
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

    /// <summary>
    /// A batch as the augmentations work on it: the values of float32 images [N, C, H, W] in row-major order, a copy
    /// of the caller's tensor that the augmentations may change in place.
    /// </summary>
    protected readonly record struct Pixels(float[] Values, int N, int C, int H, int W);

    /// <summary>Transforms each image of <paramref name="images"/> [N, C, H, W], drawing from <paramref name="generator"/> or the default generator.</summary>
    public Tensor forward(Tensor images, torch.Generator? generator = null) =>
        Transformed(images, GetType().Name, batch => Apply(batch, generator ?? torch.Generator.Default));

    /// <summary>
    /// The transformation of a batch: the same <see cref="Pixels"/> changed in place, or new ones (of another size,
    /// say). A pipeline passes one step's result straight to the next, so a batch becomes a tensor only at the end.
    /// </summary>
    protected abstract Pixels Apply(Pixels images, torch.Generator generator);

    /// <summary>Applies <paramref name="step"/> to a batch that is already <see cref="Pixels"/>: how a pipeline chains its steps.</summary>
    private protected static Pixels ApplyStep(Augmentation step, Pixels images, torch.Generator generator) => step.Apply(images, generator);

    /// <summary>
    /// Checks that <paramref name="images"/> is float32 [N, 1 or 3, H, W], runs <paramref name="body"/> on a copy of its
    /// values and returns the result as a new tensor on the same device, without gradient history.
    /// </summary>
    protected static Tensor Transformed(Tensor images, string op, Func<Pixels, Pixels> body)
    {
        if (images.IsInvalid)
            throw new ObjectDisposedException(nameof(Tensor),
                $"{op}: the images were disposed (by a dispose scope or a using block); keep them alive with MoveToOuterDisposeScope() or create them outside the scope.");
        if (images.dim() != 4 || images.dtype != torch.ScalarType.Float32 || images.size(1) is not (1 or 3))
            throw new ArgumentException($"{op}: expected float32 images [N, 1 or 3, H, W], got {images.dtype.DtypeName()} {images.ShapeText()}.");
        var dims = images.Dims();
        var result = body(new Pixels(images.ToFloatArray(), dims[0], dims[1], dims[2], dims[3]));
        return TensorInterop.FromFloats(result.Values, [result.N, result.C, result.H, result.W], images.device);
    }

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
    /// Runs <paramref name="body"/> for every image index, spread over up to <c>torch.get_num_threads()</c> threads
    /// when the batch is large enough to repay them. Draw all random parameters before calling it, so that the result
    /// does not depend on timing.
    /// </summary>
    protected static void ForEachImage(int n, int valuesPerImage, Action<int> body)
    {
        const int parallelFrom = 1 << 15;  // values in the batch; below this, starting threads costs more than it saves
        int threads = torch.get_num_threads();
        if (n > 1 && threads > 1 && (long)n * valuesPerImage >= parallelFrom)
            Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
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
