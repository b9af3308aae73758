using SslCourse.Eval;

namespace SslCourse.Tests.Eval;

public class TsneTests
{
    [Fact]
    public void ConditionalAffinitiesHaveTheTargetPerplexity()
    {
        var x = randn([60, 5], generator: new torch.Generator(1)) * 3;
        int n = 60;
        var d = PairwiseDistances.Squared(x, x).data<float>().ToArray();
        var p = TsneAffinities.Conditional(d, n, perplexity: 10);
        for (int i = 0; i < n; i++)
        {
            var row = p.AsSpan(i * n, n).ToArray();
            Assert.Equal(0, row[i]);
            Assert.Equal(1.0, row.Sum(), 9);
            double entropy = -row.Where(v => v > 0).Sum(v => v * Math.Log(v));
            Assert.True(Math.Abs(Math.Exp(entropy) - 10) < 1e-3, $"row {i}: perplexity {Math.Exp(entropy)} instead of 10");
        }
        var joint = TsneAffinities.Joint(x, 10);
        Assert.Equal(1.0, joint.Sum(v => (double)v), 5);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++) Assert.Equal(joint[i * n + j], joint[j * n + i]);
    }

    [Fact]
    public void GradientMatchesFiniteDifferencesOfTheDivergence()
    {
        int n = 7;
        var g = new torch.Generator(2);
        var p = TsneAffinities.Joint(randn([n, 3], generator: g), perplexity: 3);
        var x = randn([n], generator: g).data<float>().ToArray();
        var y = randn([n], generator: g).data<float>().ToArray();
        var gx = new double[n]; var gy = new double[n];
        TsneObjective.Gradient(p, n, x, y, exaggeration: 1, gx, gy);
        const float h = 1e-2f;
        for (int i = 0; i < n; i++)
            foreach (var (coords, analytic) in new[] { (x, gx[i]), (y, gy[i]) })
            {
                float keep = coords[i];
                coords[i] = keep + h; double up = TsneObjective.KlDivergence(p, n, x, y);
                coords[i] = keep - h; double down = TsneObjective.KlDivergence(p, n, x, y);
                coords[i] = keep;
                double numeric = (up - down) / (2 * h);
                Assert.True(Math.Abs(numeric - analytic) < 1e-3 + 1e-2 * Math.Abs(numeric), $"point {i}: analytic {analytic}, numeric {numeric}");
            }
    }

    [Fact]
    public void WellSeparatedClustersStaySeparated()
    {
        var (x, labels, _) = Blobs.Make(classes: 4, perClass: 40, dims: 10, separation: 4, noise: 1, seed: 5);
        var tsne = new Tsne(perplexity: 15, iterations: 500);
        var map = tsne.FitTransform(x);

        Assert.Equal([160L, 2], map.shape);
        // Leave-one-out nearest neighbour in the map recovers every label.
        var d = PairwiseDistances.Squared(map, map) + eye(160) * 1e9;
        Assert.Equal(1.0, Metrics.Accuracy(labels.index_select(0, d.argmin(1)), labels));
        var clusters = new KMeans(4, generator: new torch.Generator(0)).Fit(map).Labels;
        Assert.Equal(1.0, Metrics.Purity(labels, clusters));
        // The map beats the start, where all points coincide and Q is uniform: KL = Σ p log(p·N(N−1)).
        var p = TsneAffinities.Joint(x, 15);
        double uniform = p.Where(v => v > 0).Sum(v => v * Math.Log(v * 160.0 * 159));
        Assert.True(tsne.KlDivergence < uniform / 2, $"KL {tsne.KlDivergence} is not well below the starting {uniform}");
    }

    [Fact]
    public void SeededRandomInitRepeats()
    {
        var x = randn([40, 6], generator: new torch.Generator(3));
        Tensor Run(long seed) => new Tsne(perplexity: 5, iterations: 60, exaggerationIterations: 30, init: TsneInit.Random, generator: new torch.Generator().manual_seed(seed)).FitTransform(x);
        TensorAssert.Close(Run(1), Run(1), atol: 0);
        Assert.False(Run(1).eq(Run(2)).all().ToBoolean());
    }

    [Fact]
    public void RejectsBadInput()
    {
        TensorAssert.Throws<ArgumentException>(() => new Tsne(perplexity: 30).FitTransform(randn(20, 3)), "Tsne.FitTransform", "perplexity 30", "number of points 20", "[20,3]");
        TensorAssert.Throws<ArgumentException>(() => new Tsne().FitTransform(randn(20)), "Tsne.FitTransform", "[20]", "[N, D]");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => new Tsne(perplexity: 0), "perplexity must be positive");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => new Tsne(iterations: 100, exaggerationIterations: 250), "exaggerationIterations", "100");
    }
}
