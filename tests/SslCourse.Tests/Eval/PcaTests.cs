using SslCourse.Eval;

namespace SslCourse.Tests.Eval;

public class PcaTests
{
    /// <summary>
    /// Rows of a Householder reflection I − 2uuᵀ/‖u‖²: an orthonormal basis that is not axis-aligned.
    /// </summary>
    internal static double[,] OrthonormalBasis(int d, long seed)
    {
        var u = Array.ConvertAll(randn([d], generator: new torch.Generator().manual_seed(seed)).data<float>().ToArray(), v => (double)v);
        double uu = u.Sum(x => x * x);
        var b = new double[d, d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) b[i, j] = (i == j ? 1 : 0) - 2 * u[i] * u[j] / uu;
        return b;
    }

    /// <summary>
    /// Data whose sample covariance is exactly Bᵀ diag(σ²·N/(N−1)) B: the scores are Walsh–Hadamard columns
    /// (entries ±1, zero mean, mutually orthogonal), scaled by σ and rotated into the basis B, plus an offset.
    /// </summary>
    internal static Tensor DataWithKnownComponents(int n, double[] sigma, double[,] basis, double offset)
    {
        int d = sigma.Length;
        var x = new float[n * d];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < d; k++)
            {
                double score = sigma[k] * (System.Numerics.BitOperations.PopCount((uint)(i & (k + 1))) % 2 == 0 ? 1 : -1);
                for (int j = 0; j < d; j++) x[i * d + j] += (float)(score * basis[k, j] + (k == 0 ? offset * (j + 1) : 0));
            }
        return tensor(x, [n, d]);
    }

    [Fact]
    public void RecoversKnownComponentsAndVariances()
    {
        double[] sigma = [5, 3, 2, 1, 0.5, 0.1];
        int n = 64, d = sigma.Length;
        var basis = OrthonormalBasis(d, seed: 3);
        var x = DataWithKnownComponents(n, sigma, basis, offset: 2);

        var pca = new Pca().Fit(x);

        var expectedVariance = sigma.Select(s => (float)(s * s * n / (n - 1))).ToArray();
        TensorAssert.Values(expectedVariance, pca.ExplainedVariance, atol: 2e-5 * expectedVariance[0]);
        double total = sigma.Sum(s => s * s);
        TensorAssert.Values(sigma.Select(s => (float)(s * s / total)).ToArray(), pca.ExplainedVarianceRatio, atol: 1e-5);
        TensorAssert.Values(Enumerable.Range(1, d).Select(j => 2f * j).ToArray(), pca.Mean, atol: 1e-5);
        var c = pca.Components.data<float>().ToArray();
        for (int k = 0; k < d; k++)
        {
            // Each component is ± the k-th basis row; the sign makes its largest entry positive.
            double dot = 0;
            for (int j = 0; j < d; j++) dot += c[k * d + j] * basis[k, j];
            Assert.True(Math.Abs(Math.Abs(dot) - 1) < 1e-5, $"component {k}: |cos| with the true direction is {Math.Abs(dot)}");
            var row = c.AsSpan(k * d, d).ToArray();
            Assert.True(row.MaxBy(Math.Abs) > 0, $"component {k}: largest entry should be positive");
        }
    }

    [Fact]
    public void TransformGivesScoresAndInverseReconstructs()
    {
        double[] sigma = [4, 2, 1, 0.25];
        var basis = OrthonormalBasis(sigma.Length, seed: 11);
        var x = DataWithKnownComponents(32, sigma, basis, offset: -1);

        var full = new Pca();
        var scores = full.FitTransform(x);
        // The projections are uncorrelated, with the component variances on the diagonal of their covariance.
        var cov = scores.t().matmul(scores) / 31.0;
        TensorAssert.Close(eye(4) * full.ExplainedVariance.unsqueeze(0), cov, atol: 1e-4);
        TensorAssert.Close(x, full.InverseTransform(scores), atol: 1e-4);

        // Keeping two components reconstructs the data minus the two smallest directions.
        var two = new Pca(components: 2).Fit(x);
        var residual = x - two.InverseTransform(two.Transform(x));
        double expected = (sigma[2] * sigma[2] + sigma[3] * sigma[3]) * 32;
        Assert.InRange(residual.square().sum().ToDouble(), expected * (1 - 1e-4), expected * (1 + 1e-4));
    }

    [Fact]
    public void LargerRandomCovarianceIsDiagonalisedAccurately()
    {
        var g = new torch.Generator(5);
        int n = 300, d = 120;
        // Correlated features: standard normals mixed by a random matrix, with a spread of scales.
        var x = randn([n, d], generator: g).matmul(randn([d, d], generator: g) * linspace(0.05, 2, d).unsqueeze(1));
        var pca = new Pca().Fit(x);
        var c = pca.Components;
        TensorAssert.Close(eye(d), c.matmul(c.t()), atol: 2e-5, what: "CCᵀ");
        var centred = x - x.mean([0]);
        var cov = centred.t().matmul(centred) / (n - 1.0);
        var rebuilt = c.t().matmul(c * pca.ExplainedVariance.unsqueeze(1));
        double scale = pca.ExplainedVariance[0].ToDouble();
        TensorAssert.Close(cov, rebuilt, atol: 1e-5 * scale, rtol: 0, what: "CᵀΛC");
        var v = pca.ExplainedVariance.data<float>().ToArray();
        for (int i = 1; i < d; i++) Assert.True(v[i] <= v[i - 1], $"variances must decrease, but {v[i]} follows {v[i - 1]}");
    }

    [Fact]
    public void RejectsBadInput()
    {
        TensorAssert.Throws<ArgumentException>(() => new Pca().Fit(ones(5)), "Pca.Fit", "[5]", "[N, D]");
        TensorAssert.Throws<ArgumentException>(() => new Pca().Fit(ones(1, 3)), "Pca.Fit", "at least 2 rows");
        TensorAssert.Throws<ArgumentException>(() => new Pca(components: 4).Fit(randn(6, 3)), "Pca.Fit", "4 components", "[6,3]");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => new Pca(components: 0), "at least 1");
        TensorAssert.Throws<InvalidOperationException>(() => _ = new Pca().Components, "Pca.Components", "Fit");
        var pca = new Pca(2).Fit(randn(10, 3));
        TensorAssert.Throws<ArgumentException>(() => pca.Transform(randn(4, 5)), "Pca.Transform", "[4,5]", "fitted on 3");
        TensorAssert.Throws<ArgumentException>(() => pca.InverseTransform(randn(4, 3)), "Pca.InverseTransform", "[N, 2]", "[4,3]");
    }
}
