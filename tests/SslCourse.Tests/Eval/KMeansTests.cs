using SslCourse.Eval;

namespace SslCourse.Tests.Eval;

public class KMeansTests
{
    [Fact]
    public void SeparatesBlobsPerfectly()
    {
        var (x, y, centres) = Blobs.Make(classes: 4, perClass: 50, dims: 5, separation: 10, noise: 0.5, seed: 1);
        var km = new KMeans(4, generator: new torch.Generator(0)).Fit(x);

        Assert.Equal(1.0, Metrics.Purity(y, km.Labels));
        Assert.Equal(1.0, Metrics.NormalizedMutualInfo(y, km.Labels), 9);
        Assert.Equal(1.0, Metrics.AdjustedRandIndex(y, km.Labels), 9);
        // Each true centre has a centroid within a few standard errors (0.5 / √50 per coordinate).
        var gap = PairwiseDistances.Squared(centres, km.Centroids).min(1).values.sqrt();
        Assert.True(gap.max().ToDouble() < 0.5, $"centroids are up to {gap.max().ToDouble()} from the true centres");
        TensorAssert.Close(km.Labels, km.Predict(x));
    }

    [Fact]
    public void KnownAnswerOnAFewPoints()
    {
        var x = tensor(new float[] { 0, 1, 10, 11, 0.5f, 10.5f }, [6, 1]);
        var km = new KMeans(2, restarts: 3, generator: new torch.Generator(2)).Fit(x);
        var c = km.Centroids.reshape(-1).data<float>().ToArray();
        TensorAssert.Values([0.5f, 10.5f], tensor(c.OrderBy(v => v).ToArray()));
        Assert.Equal(1.0, km.Inertia, 5);   // four points at distance 0.5, two at 0
        var low = c[0] < c[1] ? 0L : 1L;
        TensorAssert.Close(tensor(new long[] { low, 1 - low, 1 - low }), km.Predict(tensor(new float[] { -3, 30, 6 }, [3, 1])));
    }

    [Fact]
    public void InertiaIsTheSumOfSquaredDistancesToAssignedCentroids()
    {
        var x = randn([120, 3], generator: new torch.Generator(4));
        var km = new KMeans(5, restarts: 2, generator: new torch.Generator(1)).Fit(x);
        var assigned = km.Centroids.index_select(0, km.Labels);
        Assert.Equal((x - assigned).square().sum().ToDouble(), km.Inertia, 2);
        Assert.InRange(km.Iterations, 1, km.MaxIterations);
        // Lloyd's fixed point: every centroid is the mean of its points.
        for (long k = 0; k < 5; k++)
        {
            var members = km.Labels.eq(k).nonzero().reshape(-1);
            TensorAssert.Close(x.index_select(0, members).mean([0]), km.Centroids[k], atol: 1e-4);
        }
    }

    [Fact]
    public void SeededRunsRepeatAndRestartsOnlyImprove()
    {
        var x = randn([150, 4], generator: new torch.Generator(9));
        var a = new KMeans(6, restarts: 1, generator: new torch.Generator(3)).Fit(x);
        var b = new KMeans(6, restarts: 1, generator: new torch.Generator(3)).Fit(x);
        TensorAssert.Close(a.Centroids, b.Centroids, atol: 0);
        // The first of five restarts draws exactly what the single run drew, so the best of five is no worse.
        var five = new KMeans(6, restarts: 5, generator: new torch.Generator(3)).Fit(x);
        Assert.True(five.Inertia <= a.Inertia + 1e-9, $"5 restarts gave inertia {five.Inertia}, 1 restart {a.Inertia}");
    }

    [Fact]
    public void DuplicatePointsStillGiveKClusters()
    {
        var x = tensor(new float[] { 1, 1, 1, 1, 5, 5 }, [6, 1]);
        var km = new KMeans(3, generator: new torch.Generator(0)).Fit(x);
        Assert.Equal(0.0, km.Inertia, 6);
        Assert.Equal(2, km.Labels.data<long>().Distinct().Count());
    }

    [Fact]
    public void RejectsBadInput()
    {
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => new KMeans(0), "KMeans", "at least 1");
        TensorAssert.Throws<ArgumentException>(() => new KMeans(5).Fit(randn(3, 2)), "KMeans.Fit", "5 clusters", "3 points", "[3,2]");
        TensorAssert.Throws<ArgumentException>(() => new KMeans(2).Fit(arange(6).reshape(3, 2)), "KMeans.Fit", "float32", "int64");
        TensorAssert.Throws<InvalidOperationException>(() => new KMeans(2).Predict(randn(3, 2)), "KMeans.Centroids", "Fit");
        var km = new KMeans(2, restarts: 1).Fit(randn(10, 2));
        TensorAssert.Throws<ArgumentException>(() => km.Predict(randn(3, 4)), "KMeans.Predict", "[3,4]", "fitted on 2");
    }
}
