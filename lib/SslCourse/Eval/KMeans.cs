namespace SslCourse.Eval;

/// <summary>
/// K-means clustering (Lloyd's algorithm) with k-means++ seeding: every point joins its nearest centroid, every
/// centroid moves to the mean of its points, until the centroids stop moving. The best of several seeded restarts
/// (lowest inertia) is kept.
/// </summary>
/// <example><code>
/// var km = new KMeans(clusters: 10, generator: new torch.Generator(0)).Fit(features);
/// double nmi = Metrics.NormalizedMutualInfo(labels, km.Labels);
/// </code></example>
public sealed class KMeans
{
    readonly torch.Generator? _generator;
    Tensor? _centroids, _labels;

    /// <summary>
    /// A k-means with <paramref name="clusters"/> clusters, <paramref name="restarts"/> k-means++ initialisations,
    /// at most <paramref name="maxIterations"/> Lloyd steps per run, stopping once the squared centroid movement falls
    /// below <paramref name="tolerance"/> times the mean feature variance (scikit-learn's rule). Random draws come from
    /// <paramref name="generator"/> (the default generator when null).
    /// </summary>
    public KMeans(int clusters, int restarts = 10, int maxIterations = 300, double tolerance = 1e-4, torch.Generator? generator = null)
    {
        if (clusters < 1) throw new ArgumentOutOfRangeException(nameof(clusters), $"KMeans: clusters must be at least 1, got {clusters}.");
        if (restarts < 1) throw new ArgumentOutOfRangeException(nameof(restarts), $"KMeans: restarts must be at least 1, got {restarts}.");
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), $"KMeans: maxIterations must be at least 1, got {maxIterations}.");
        if (tolerance < 0) throw new ArgumentOutOfRangeException(nameof(tolerance), $"KMeans: tolerance must be non-negative, got {tolerance}.");
        (Clusters, Restarts, MaxIterations, Tolerance, _generator) = (clusters, restarts, maxIterations, tolerance, generator);
    }

    /// <summary>The number of clusters.</summary>
    public int Clusters { get; }
    /// <summary>How many k-means++ initialisations are tried.</summary>
    public int Restarts { get; }
    /// <summary>The most Lloyd steps per run.</summary>
    public int MaxIterations { get; }
    /// <summary>The convergence tolerance, relative to the mean feature variance.</summary>
    public double Tolerance { get; }

    /// <summary>The cluster centres [K, D] of the best run.</summary>
    public Tensor Centroids => _centroids ?? throw EvalInput.NotFitted("KMeans.Centroids");
    /// <summary>The cluster (int64 [N]) of every training point.</summary>
    public Tensor Labels => _labels ?? throw EvalInput.NotFitted("KMeans.Labels");
    /// <summary>The sum of squared distances from the training points to their centroids.</summary>
    public double Inertia { get; private set; } = double.NaN;
    /// <summary>The Lloyd steps the best run took.</summary>
    public int Iterations { get; private set; }

    /// <summary>Clusters <paramref name="features"/> [N, D] (N ≥ K); returns this k-means.</summary>
    public KMeans Fit(Tensor features)
    {
        EvalInput.Features(features, "KMeans.Fit", minRows: 1);
        if (features.shape[0] < Clusters)
            throw new ArgumentException($"KMeans.Fit: cannot form {Clusters} clusters from {features.shape[0]} points {features.ShapeText()}.");
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        double tolerance = Tolerance * features.var(0, unbiased: false).mean().ToDouble();
        (Tensor centroids, Tensor labels, double inertia, int iterations)? best = null;
        for (int run = 0; run < Restarts; run++)
        {
            // Each run's temporaries go at its end; only the best run's result is kept.
            using var runScope = torch.NewDisposeScope();
            var result = Lloyd(features, SeedCentroids(features), tolerance);
            if (best is not null && result.inertia >= best.Value.inertia) continue;
            best = (result.centroids.MoveToOuterDisposeScope(), result.labels.MoveToOuterDisposeScope(), result.inertia, result.iterations);
        }
        var (c, l, inertia, steps) = best!.Value;
        _centroids = c.DetachFromDisposeScope();
        _labels = l.DetachFromDisposeScope();
        (Inertia, Iterations) = (inertia, steps);
        return this;
    }

    /// <summary>The nearest centroid (int64 [N]) of each row of <paramref name="features"/> [N, D].</summary>
    public Tensor Predict(Tensor features)
    {
        EvalInput.FeatureWidth(features, Centroids.Dims()[1], "KMeans.Predict");
        using var noGrad = torch.no_grad();
        return PairwiseDistances.Squared(features, Centroids).argmin(1);
    }

    /// <summary>Fits to <paramref name="features"/> and returns the training labels.</summary>
    public Tensor FitPredict(Tensor features) => Fit(features).Labels;

    /// <summary>
    /// k-means++: the first centre is a uniformly random point, each next one a point drawn with probability
    /// proportional to its squared distance from the nearest centre chosen so far, which spreads the seeds out.
    /// The draws take place on the CPU, where the generator is.
    /// </summary>
    Tensor SeedCentroids(Tensor x)
    {
        var chosen = new List<Tensor> { torch.randint(x.shape[0], [1], generator: _generator) };
        var closest = SquaredDistancesTo(x, chosen[0]);
        while (chosen.Count < Clusters)
        {
            // With every point on a centre already (duplicates), any point will do.
            var weights = closest.sum().ToDouble() > 0 ? closest : torch.ones_like(closest);
            chosen.Add(torch.multinomial(weights, 1, generator: _generator));
            closest = torch.minimum(closest, SquaredDistancesTo(x, chosen[^1]));
        }
        return x.index_select(0, torch.cat(chosen).to(x.device));
    }

    /// <summary>The squared distance [N] (on the CPU) of every row of <paramref name="x"/> from the row at <paramref name="index"/> [1].</summary>
    static Tensor SquaredDistancesTo(Tensor x, Tensor index) => (x - x.index_select(0, index.to(x.device))).square().sum(1).cpu();

    /// <summary>Lloyd steps from <paramref name="centroids"/> until they move less than <paramref name="tolerance"/>.</summary>
    (Tensor centroids, Tensor labels, double inertia, int iterations) Lloyd(Tensor x, Tensor centroids, double tolerance)
    {
        int step = 0;
        while (step < MaxIterations)
        {
            step++;
            using var stepScope = torch.NewDisposeScope();
            var (distances, labels) = PairwiseDistances.Squared(x, centroids).min(1);
            var members = F.one_hot(labels, Clusters).to(torch.ScalarType.Float32);  // [N, K]
            var counts = members.sum(dim: 0);  // named: TorchSharp would bind a bare 0 to sum(ScalarType? type)
            var moved = members.t().matmul(x) / counts.clamp_min(1).unsqueeze(1);
            moved = ReseedEmptyClusters(moved, counts, distances, x);
            double shift = (moved - centroids).square().sum().ToDouble();
            centroids = moved.MoveToOuterDisposeScope();
            if (shift <= tolerance) break;
        }
        // A last assignment, so labels and inertia belong to the final centroids.
        var (final, assigned) = PairwiseDistances.Squared(x, centroids).min(1);
        return (centroids, assigned, final.sum().ToDouble(), step);
    }

    /// <summary>A cluster left without points restarts at the point farthest from its centroid, as scikit-learn does.</summary>
    static Tensor ReseedEmptyClusters(Tensor centroids, Tensor counts, Tensor distances, Tensor x)
    {
        var empty = counts.ToFloatArray().Select((c, i) => (c, i)).Where(t => t.c == 0).Select(t => (long)t.i).ToArray();
        if (empty.Length == 0) return centroids;
        var d = distances.ToFloatArray();
        var farthest = Enumerable.Range(0, d.Length).OrderByDescending(i => d[i]).Take(empty.Length).Select(i => (long)i).ToArray();
        var result = centroids.clone();
        result.index_copy_(0, torch.tensor(empty).to(x.device), x.index_select(0, torch.tensor(farthest).to(x.device)));
        return result;
    }
}
