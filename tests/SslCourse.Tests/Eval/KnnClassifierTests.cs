using SslCourse.Eval;

namespace SslCourse.Tests.Eval;

public class KnnClassifierTests
{
    [Theory]
    [InlineData(KnnWeighting.Exponential)]
    [InlineData(KnnWeighting.Uniform)]
    [InlineData(KnnWeighting.InverseDistance)]
    public void SeparableFeaturesAreClassifiedPerfectly(KnnWeighting weighting)
    {
        var (x, y, _) = Blobs.Make(classes: 5, perClass: 60, dims: 16, separation: 1, noise: 0.2, seed: 3);
        var knn = new KnnClassifier(k: 10, weighting: weighting).Fit(x.narrow(0, 0, 250), y.narrow(0, 0, 250));
        Assert.Equal(1.0, knn.Score(x.narrow(0, 250, 50), y.narrow(0, 250, 50)));
    }

    [Fact]
    public void RandomLabelsGiveChanceAccuracy()
    {
        var x = randn([1000, 8], generator: new torch.Generator(6));
        var y = Blobs.RandomLabels(1000, 4, seed: 7);
        var knn = new KnnClassifier(k: 20).Fit(x.narrow(0, 0, 600), y.narrow(0, 0, 600));
        Assert.InRange(knn.Score(x.narrow(0, 600, 400), y.narrow(0, 600, 400)), 0.17, 0.33);
    }

    [Fact]
    public void WeightsDecideAgainstTheMajority()
    {
        // Cosine similarities to the query (1, 0): 0.99 for the class-0 point, 0.5 for both class-1 points, −1 for the far one.
        float s = (float)Math.Sqrt(1 - 0.99 * 0.99), h = (float)Math.Sqrt(0.75);
        var train = tensor(new[] { 0.99f, s, 0.5f, h, 0.5f, -h, -1, 0 }, [4, 2]);
        var labels = tensor(new long[] { 0, 1, 1, 2 });
        var query = tensor(new float[] { 3, 0 }, [1, 2]);  // length does not matter

        Assert.Equal(1L, new KnnClassifier(3, KnnWeighting.Uniform).Fit(train, labels).Predict(query).ToInt64());
        var exp = new KnnClassifier(3, KnnWeighting.Exponential, temperature: 0.1).Fit(train, labels);
        TensorAssert.Close(tensor(new[] { (float)Math.Exp(9.9), (float)(2 * Math.Exp(5)), 0f }, [1, 3]), exp.Votes(query), rtol: 1e-4);
        Assert.Equal(0L, exp.Predict(query).ToInt64());
        // Distances: √(2 − 1.98) = 0.1414 and √(2 − 1) = 1 twice, so 1/d gives 7.07 against 2.
        var inverse = new KnnClassifier(3, KnnWeighting.InverseDistance).Fit(train, labels).Votes(query);
        TensorAssert.Close(tensor(new[] { (float)(1 / Math.Sqrt(0.02)), 2f, 0f }, [1, 3]), inverse, rtol: 1e-3);
        // With k = 4 the far neighbour of class 2 votes too; a fourth class that no point has gets no votes.
        TensorAssert.Close(tensor(new[] { 1f, 2f, 1f, 0f }, [1, 4]), new KnnClassifier(4, KnnWeighting.Uniform).Fit(train, labels, numClasses: 4).Votes(query));
    }

    [Fact]
    public void MoreQueriesThanOneChunkAndKLargerThanTheTrainingSet()
    {
        var (x, y, _) = Blobs.Make(classes: 3, perClass: 200, dims: 6, separation: 1, noise: 0.1, seed: 9);
        var knn = new KnnClassifier(k: 5).Fit(x.narrow(0, 0, 30), y.narrow(0, 0, 30));
        Assert.Equal(1.0, knn.Score(x, y));   // 600 queries span several chunks
        var all = new KnnClassifier(k: 50, weighting: KnnWeighting.Uniform).Fit(x.narrow(0, 0, 30), y.narrow(0, 0, 30));
        TensorAssert.Close(full([600, 3], 10f), all.Votes(x));   // every one of the 30 points votes
    }

    [Fact]
    public void RejectsBadInput()
    {
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => new KnnClassifier(k: 0), "KnnClassifier", "k must be at least 1");
        TensorAssert.Throws<ArgumentException>(() => new KnnClassifier().Fit(randn(3, 2), tensor(new long[] { 0, 1 })), "KnnClassifier.Fit", "[2]", "3 samples");
        TensorAssert.Throws<InvalidOperationException>(() => new KnnClassifier().Predict(randn(3, 2)), "KnnClassifier.Votes", "Fit");
        var knn = new KnnClassifier().Fit(randn(3, 2), tensor(new long[] { 0, 1, 1 }));
        TensorAssert.Throws<ArgumentException>(() => knn.Predict(randn(3, 5)), "KnnClassifier.Votes", "[3,5]", "fitted on 2");
    }
}
