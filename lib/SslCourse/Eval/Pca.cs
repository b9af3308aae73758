namespace SslCourse.Eval;

/// <summary>
/// Principal component analysis: the orthogonal directions of largest variance of features [N, D], found as the
/// eigenvectors of their covariance matrix (computed in double precision). Fit it, then project with
/// <see cref="Transform"/> and map back with <see cref="InverseTransform"/>.
/// </summary>
/// <example><code>
/// var pca = new Pca(components: 2).Fit(pixels);   // pixels [N, 784]
/// var xy = pca.Transform(pixels);                 // [N, 2]
/// </code></example>
public sealed class Pca
{
    Tensor? _mean, _components, _variance, _ratio;

    /// <summary>A PCA keeping <paramref name="components"/> directions (all D when null).</summary>
    public Pca(int? components = null)
    {
        if (components is < 1) throw new ArgumentOutOfRangeException(nameof(components), $"Pca: components must be at least 1, got {components}.");
        RequestedComponents = components;
    }

    /// <summary>How many components were asked for; null keeps as many as the features have columns.</summary>
    public int? RequestedComponents { get; }

    /// <summary>The per-feature mean [D] subtracted before projecting.</summary>
    public Tensor Mean => _mean ?? throw EvalInput.NotFitted("Pca.Mean");

    /// <summary>The principal directions [K, D] as unit rows, by decreasing variance; each row's largest entry is positive.</summary>
    public Tensor Components => _components ?? throw EvalInput.NotFitted("Pca.Components");

    /// <summary>The variance [K] of the data along each component (eigenvalues of the covariance, divided by N − 1).</summary>
    public Tensor ExplainedVariance => _variance ?? throw EvalInput.NotFitted("Pca.ExplainedVariance");

    /// <summary>The fraction [K] of the total variance that each component explains.</summary>
    public Tensor ExplainedVarianceRatio => _ratio ?? throw EvalInput.NotFitted("Pca.ExplainedVarianceRatio");

    /// <summary>Finds the mean and principal components of <paramref name="features"/> [N, D] (N ≥ 2); returns this PCA.</summary>
    public Pca Fit(Tensor features)
    {
        const string op = "Pca.Fit";
        EvalInput.Features(features, op, minRows: 2);
        var (n, d) = (features.Dims()[0], features.Dims()[1]);
        int k = RequestedComponents ?? d;
        if (k > d) throw new ArgumentException($"{op}: cannot keep {k} components of features {features.ShapeText()} with only {d} columns.");

        double[] covariance;
        Tensor mean;
        using (torch.no_grad())
        {
            mean = features.mean([0]);
            var centred = features - mean;
            covariance = Array.ConvertAll((centred.t().matmul(centred) / (n - 1)).ToFloatArray(), v => (double)v);
        }
        double total = 0;
        for (int i = 0; i < d; i++) total += covariance[i * d + i];
        var (values, vectors) = SymmetricEigen.Decompose(covariance, d);

        var components = new float[k * d];
        var variance = new float[k];
        for (int c = 0; c < k; c++)
        {
            var row = vectors.AsSpan(c * d, d);
            // An eigenvector's sign is arbitrary; fixing it makes results reproducible across runs and libraries.
            int largest = 0;
            for (int j = 1; j < d; j++) if (Math.Abs(row[j]) > Math.Abs(row[largest])) largest = j;
            double sign = row[largest] < 0 ? -1 : 1;
            for (int j = 0; j < d; j++) components[c * d + j] = (float)(sign * row[j]);
            variance[c] = (float)Math.Max(values[c], 0);
        }
        _mean = mean.DetachFromDisposeScope();
        var ratio = Array.ConvertAll(variance, v => total > 0 ? (float)(v / total) : 0f);
        _components = TensorInterop.FromFloats(components, [k, d], features.device).DetachFromDisposeScope();
        _variance = TensorInterop.FromFloats(variance, [k], features.device).DetachFromDisposeScope();
        _ratio = TensorInterop.FromFloats(ratio, [k], features.device).DetachFromDisposeScope();
        return this;
    }

    /// <summary>Projects <paramref name="features"/> [N, D] onto the components: (x − mean) Cᵀ, [N, K].</summary>
    public Tensor Transform(Tensor features)
    {
        EvalInput.FeatureWidth(features, Components.Dims()[1], "Pca.Transform");
        return (features - Mean).matmul(Components.t());
    }

    /// <summary>Fits to <paramref name="features"/> and returns their projection [N, K].</summary>
    public Tensor FitTransform(Tensor features) => Fit(features).Transform(features);

    /// <summary>Maps projections [N, K] back to feature space [N, D]: p C + mean (exact when K = D).</summary>
    public Tensor InverseTransform(Tensor projected)
    {
        int k = Components.Dims()[0];
        if (projected.dim() != 2 || projected.dtype != torch.ScalarType.Float32 || projected.shape[1] != k)
            throw new ArgumentException($"Pca.InverseTransform: expected float32 projections [N, {k}], got {projected.ShapeText()} {projected.dtype.DtypeName()}.");
        return projected.matmul(Components) + Mean;
    }
}
