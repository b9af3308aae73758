namespace SslCourse.Eval;

/// <summary>How the k nearest neighbours' votes are weighted.</summary>
public enum KnnWeighting
{
    /// <summary>Every neighbour counts once.</summary>
    Uniform,
    /// <summary>exp(similarity / temperature), as in InstDisc and DINO's k-NN evaluation.</summary>
    Exponential,
    /// <summary>1 / distance, with the Euclidean distance between unit-length features.</summary>
    InverseDistance,
}

/// <summary>
/// The k-nearest-neighbour classifier of the SSL evaluation protocol: features are scaled to unit length, each query
/// finds the <see cref="K"/> training features of highest cosine similarity, and their labels vote with weights.
/// It trains nothing, so it shows what the frozen features themselves separate.
/// </summary>
/// <example><code>
/// var knn = new KnnClassifier(k: 20).Fit(trainFeatures, trainLabels);
/// double top1 = knn.Score(testFeatures, testLabels);
/// </code></example>
public sealed class KnnClassifier
{
    const int QueryChunk = 256;  // bounds the [chunk, N] similarity block held at once
    Tensor? _train;
    long[] _labels = [];

    /// <summary>
    /// A k-NN classifier with <paramref name="k"/> neighbours, voting by <paramref name="weighting"/>; the
    /// <paramref name="temperature"/> applies to <see cref="KnnWeighting.Exponential"/> (0.07 as in DINO).
    /// </summary>
    public KnnClassifier(int k = 20, KnnWeighting weighting = KnnWeighting.Exponential, double temperature = 0.07)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), $"KnnClassifier: k must be at least 1, got {k}.");
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), $"KnnClassifier: temperature must be positive, got {temperature}.");
        (K, Weighting, Temperature) = (k, weighting, temperature);
    }

    /// <summary>The number of neighbours that vote.</summary>
    public int K { get; }
    /// <summary>How votes are weighted.</summary>
    public KnnWeighting Weighting { get; }
    /// <summary>The temperature of exponential weighting.</summary>
    public double Temperature { get; }
    /// <summary>The number of classes votes are counted over.</summary>
    public int NumClasses { get; private set; }

    /// <summary>
    /// Remembers the training <paramref name="features"/> [N, D] (scaled to unit length) and <paramref name="labels"/>
    /// [N]; the classes are 0 … <paramref name="numClasses"/>−1 (by default up to the largest label).
    /// </summary>
    public KnnClassifier Fit(Tensor features, Tensor labels, int? numClasses = null)
    {
        const string op = "KnnClassifier.Fit";
        EvalInput.Features(features, op);
        _labels = EvalInput.Labels(labels, features.Dims()[0], op);
        NumClasses = EvalInput.ClassCount(_labels, numClasses, op);
        using (torch.no_grad()) _train = PairwiseDistances.Normalized(features).DetachFromDisposeScope();
        return this;
    }

    /// <summary>The summed vote weight of every class for each query: [M, C] float32, on the queries' device.</summary>
    public Tensor Votes(Tensor features)
    {
        var train = _train ?? throw EvalInput.NotFitted("KnnClassifier.Votes");
        EvalInput.FeatureWidth(features, train.Dims()[1], "KnnClassifier.Votes");
        int m = features.Dims()[0], n = train.Dims()[0], k = Math.Min(K, n);
        var votes = new float[m * NumClasses];
        using var noGrad = torch.no_grad();
        var queries = PairwiseDistances.Normalized(features);
        for (int start = 0; start < m; start += QueryChunk)
        {
            using var scope = torch.NewDisposeScope();
            int rows = Math.Min(QueryChunk, m - start);
            var sims = queries.narrow(0, start, rows).matmul(train.t()).ToFloatArray();
            var topIndex = new int[k]; var topSim = new float[k];
            for (int r = 0; r < rows; r++)
            {
                TopK(sims.AsSpan(r * n, n), topIndex, topSim);
                for (int j = 0; j < k; j++)
                    votes[(start + r) * NumClasses + _labels[topIndex[j]]] += Weight(topSim[j]);
            }
        }
        return TensorInterop.FromFloats(votes, [m, NumClasses], features.device);
    }

    /// <summary>The class (int64 [M]) with the most vote weight for each query; ties go to the lower class.</summary>
    public Tensor Predict(Tensor features) => Votes(features).argmax(1);

    /// <summary>The accuracy of <see cref="Predict"/> against <paramref name="labels"/>.</summary>
    public double Score(Tensor features, Tensor labels) => Metrics.Accuracy(Predict(features), labels);

    float Weight(float similarity) => Weighting switch
    {
        KnnWeighting.Uniform => 1f,
        KnnWeighting.Exponential => (float)Math.Exp(similarity / Temperature),
        // ‖a − b‖² = 2 − 2 cos for unit vectors; an exact match gets a huge but finite weight.
        _ => (float)(1 / Math.Max(Math.Sqrt(Math.Max(2 - 2.0 * similarity, 0)), 1e-6)),
    };

    /// <summary>The indices and values of the largest entries of <paramref name="row"/>, best first (insertion into a short sorted list).</summary>
    static void TopK(ReadOnlySpan<float> row, int[] index, float[] value)
    {
        int k = index.Length, filled = 0;
        for (int i = 0; i < row.Length; i++)
        {
            float v = row[i];
            if (filled == k && !(v > value[k - 1])) continue;
            int pos = filled < k ? filled++ : k - 1;
            while (pos > 0 && v > value[pos - 1]) { value[pos] = value[pos - 1]; index[pos] = index[pos - 1]; pos--; }
            value[pos] = v; index[pos] = i;
        }
    }
}
