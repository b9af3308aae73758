namespace SslCourse.Eval;

/// <summary>How t-SNE places the points before optimising.</summary>
public enum TsneInit
{
    /// <summary>The first two principal components, scaled to a tiny spread (stable across runs; scikit-learn's default).</summary>
    Pca,
    /// <summary>Gaussian noise with standard deviation 1e-4, drawn from the generator.</summary>
    Random,
}

/// <summary>
/// t-SNE (van der Maaten and Hinton, 2008): a 2-D map in which points that are near neighbours in feature space stay
/// near each other. Similarities in feature space are Gaussians calibrated to a perplexity (roughly, the number of
/// neighbours each point attends to); in the map they are Student-t, whose heavy tails let clusters separate.
/// The map minimises KL(P ‖ Q) by gradient descent with momentum and per-coordinate gains, the first iterations with
/// P exaggerated so clusters form early. The gradient is exact (O(N²) per iteration): a few thousand points.
/// Distances in the map are only meaningful locally: cluster sizes and gaps between clusters are not.
/// </summary>
/// <example><code>
/// var xy = new Tsne(perplexity: 30).FitTransform(features);   // [N, 2]
/// </code></example>
public sealed class Tsne
{
    const double MinGain = 0.01, InitialSpread = 1e-4;
    readonly torch.Generator? _generator;

    /// <summary>
    /// A t-SNE with the given <paramref name="perplexity"/>, <paramref name="iterations"/> in all, of which the first
    /// <paramref name="exaggerationIterations"/> multiply P by <paramref name="earlyExaggeration"/> (momentum 0.5, then 0.8).
    /// The <paramref name="learningRate"/> defaults to max(N / earlyExaggeration / 4, 50), scikit-learn's "auto".
    /// <paramref name="generator"/> (the default generator when null) seeds a random <paramref name="init"/>.
    /// </summary>
    public Tsne(double perplexity = 30, double earlyExaggeration = 12, double? learningRate = null, int iterations = 1000,
        int exaggerationIterations = 250, TsneInit init = TsneInit.Pca, torch.Generator? generator = null)
    {
        if (!(perplexity > 0)) throw new ArgumentOutOfRangeException(nameof(perplexity), $"Tsne: perplexity must be positive, got {perplexity}.");
        if (!(earlyExaggeration >= 1)) throw new ArgumentOutOfRangeException(nameof(earlyExaggeration), $"Tsne: earlyExaggeration must be at least 1, got {earlyExaggeration}.");
        if (learningRate is double lr && !(lr > 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), $"Tsne: learningRate must be positive, got {lr}.");
        if (iterations < 1) throw new ArgumentOutOfRangeException(nameof(iterations), $"Tsne: iterations must be at least 1, got {iterations}.");
        if (exaggerationIterations < 0 || exaggerationIterations > iterations)
            throw new ArgumentOutOfRangeException(nameof(exaggerationIterations), $"Tsne: exaggerationIterations must be between 0 and iterations ({iterations}), got {exaggerationIterations}.");
        (Perplexity, EarlyExaggeration, LearningRate, Iterations, ExaggerationIterations, Init, _generator) =
            (perplexity, earlyExaggeration, learningRate, iterations, exaggerationIterations, init, generator);
    }

    /// <summary>The target perplexity of each point's neighbourhood.</summary>
    public double Perplexity { get; }
    /// <summary>The factor on P during the first iterations.</summary>
    public double EarlyExaggeration { get; }
    /// <summary>The step size, or null for the automatic choice.</summary>
    public double? LearningRate { get; }
    /// <summary>The number of gradient steps.</summary>
    public int Iterations { get; }
    /// <summary>The number of steps with exaggerated P.</summary>
    public int ExaggerationIterations { get; }
    /// <summary>How the map is initialised.</summary>
    public TsneInit Init { get; }
    /// <summary>KL(P ‖ Q) of the final map (without exaggeration); lower means neighbourhoods are better kept.</summary>
    public double KlDivergence { get; private set; } = double.NaN;

    /// <summary>Embeds <paramref name="features"/> [N, D] (perplexity &lt; N) into the plane: [N, 2], on the features' device.</summary>
    public Tensor FitTransform(Tensor features)
    {
        const string op = "Tsne.FitTransform";
        EvalInput.Features(features, op, minRows: 2);
        int n = features.Dims()[0];
        if (Perplexity >= n) throw new ArgumentException($"{op}: perplexity {Perplexity} must be less than the number of points {n} in {features.ShapeText()}.");
        var p = TsneAffinities.Joint(features.detach(), Perplexity);
        var (x, y) = InitialMap(features);
        double lr = LearningRate ?? Math.Max(n / EarlyExaggeration / 4, 50);
        Descend(p, x, y, 0, ExaggerationIterations, EarlyExaggeration, momentum: 0.5, lr);
        Descend(p, x, y, ExaggerationIterations, Iterations, 1, momentum: 0.8, lr);
        KlDivergence = TsneObjective.KlDivergence(p, n, x, y);
        var map = new float[2 * n];
        for (int i = 0; i < n; i++) (map[2 * i], map[2 * i + 1]) = (x[i], y[i]);
        return TensorInterop.FromFloats(map, [n, 2], features.device);
    }

    (float[] x, float[] y) InitialMap(Tensor features)
    {
        var (n, d) = (features.Dims()[0], features.Dims()[1]);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        Tensor start;
        if (Init == TsneInit.Random || d < 2) start = torch.randn([n, 2], generator: _generator) * InitialSpread;
        else
        {
            // PCA coordinates keep the global layout; scaled so the first has a tiny spread, as scikit-learn does.
            var projected = new Pca(components: 2).FitTransform(features);
            double spread = projected.select(1, 0).std().ToDouble();
            start = spread > 0 ? projected * (InitialSpread / spread) : projected;
        }
        return (start.select(1, 0).ToFloatArray(), start.select(1, 1).ToFloatArray());
    }

    /// <summary>
    /// Gradient steps <paramref name="from"/> … <paramref name="to"/>−1 with momentum and delta-bar-delta gains: a
    /// coordinate whose gradient keeps its direction speeds up (+0.2), one that flips slows down (×0.8).
    /// </summary>
    static void Descend(float[] p, float[] x, float[] y, int from, int to, double exaggeration, double momentum, double lr)
    {
        int n = x.Length;
        var gradX = new double[n]; var gradY = new double[n];
        var stepX = new double[n]; var stepY = new double[n];
        var gainX = Enumerable.Repeat(1.0, n).ToArray(); var gainY = Enumerable.Repeat(1.0, n).ToArray();
        for (int it = from; it < to; it++)
        {
            TsneObjective.Gradient(p, n, x, y, exaggeration, gradX, gradY);
            for (int i = 0; i < n; i++)
            {
                x[i] += (float)Update(gradX[i], ref stepX[i], ref gainX[i], momentum, lr);
                y[i] += (float)Update(gradY[i], ref stepY[i], ref gainY[i], momentum, lr);
            }
        }
    }

    static double Update(double grad, ref double step, ref double gain, double momentum, double lr)
    {
        // The last step moved against the gradient's sign when step·grad < 0, i.e. the gradient kept its direction.
        gain = step * grad < 0 ? gain + 0.2 : Math.Max(gain * 0.8, MinGain);
        step = momentum * step - lr * gain * grad;
        return step;
    }
}
