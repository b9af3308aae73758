using SslCourse.Eval;

namespace SslCourse.Tests.Eval;

public class MetricsTests
{
    static Tensor L(params long[] v) => tensor(v);

    [Fact]
    public void AccuracyFromClassesAndFromScores()
    {
        Assert.Equal(0.75, Metrics.Accuracy(L(0, 1, 2, 1), L(0, 1, 1, 1)));
        var scores = tensor(new float[] { 0.1f, 0.9f, 2f, -1f, 0.3f, 0.2f }, [3, 2]);  // argmax 1, 0, 0
        Assert.Equal(2.0 / 3, Metrics.Accuracy(scores, L(1, 0, 1)), 12);
    }

    [Fact]
    public void ConfusionMatrixHasTrueClassesAsRows()
    {
        // scikit-learn's documented example: confusion_matrix([2,0,2,2,0,1], [0,0,2,2,0,2]).
        var m = Metrics.ConfusionMatrix(L(0, 0, 2, 2, 0, 2), L(2, 0, 2, 2, 0, 1));
        TensorAssert.Close(tensor(new long[] { 2, 0, 0, 0, 0, 1, 1, 0, 2 }, [3, 3]), m);
        Assert.Equal([5, 5], Metrics.ConfusionMatrix(L(0, 1), L(1, 1), numClasses: 5).shape);
    }

    [Fact]
    public void NmiOfIdenticalIndependentAndHandComputedLabelings()
    {
        Assert.Equal(1.0, Metrics.NormalizedMutualInfo(L(0, 0, 1, 1, 2, 2), L(5, 5, 3, 3, 0, 0)), 12);
        Assert.Equal(0.0, Metrics.NormalizedMutualInfo(L(0, 0, 1, 1), L(0, 1, 0, 1)), 12);
        Assert.Equal(1.0, Metrics.NormalizedMutualInfo(L(3, 3, 3), L(7, 7, 7)));
        // MI = ln 2 / 2 + ... = 0.462098; H = ln 2 and ln 3; arithmetic mean → 0.515804 (scikit-learn gives 0.5158).
        Assert.Equal(0.5158037429793888, Metrics.NormalizedMutualInfo(L(0, 0, 0, 1, 1, 1), L(0, 0, 1, 1, 2, 2)), 12);
        Assert.Equal(0.7396673768007592, Metrics.NormalizedMutualInfo(L(0, 0, 1, 1, 2, 2), L(1, 1, 0, 0, 0, 2)), 12);
    }

    [Fact]
    public void NmiOfLargeIndependentLabelingsIsNearZero()
    {
        var a = Blobs.RandomLabels(5000, 5, seed: 1);
        var b = Blobs.RandomLabels(5000, 5, seed: 2);
        Assert.InRange(Metrics.NormalizedMutualInfo(a, b), 0, 0.005);
    }

    [Fact]
    public void PurityCountsEachClustersMajority()
    {
        Assert.Equal(5.0 / 6, Metrics.Purity(L(0, 0, 0, 1, 1, 1), L(0, 0, 1, 1, 2, 2)), 12);
        Assert.Equal(1.0, Metrics.Purity(L(0, 1, 2), L(2, 0, 1)));
        Assert.Equal(0.5, Metrics.Purity(L(0, 1, 0, 1), L(0, 0, 0, 0)));
    }

    [Fact]
    public void AdjustedRandIndexMatchesScikitLearnExamples()
    {
        Assert.Equal(1.0, Metrics.AdjustedRandIndex(L(0, 0, 1, 1), L(1, 1, 0, 0)));
        Assert.Equal(4.0 / 7, Metrics.AdjustedRandIndex(L(0, 0, 1, 2), L(0, 0, 1, 1)), 12);   // 0.57 in its docs
        Assert.Equal(-0.5, Metrics.AdjustedRandIndex(L(0, 0, 1, 1), L(0, 1, 0, 1)), 12);
        Assert.Equal(0.0, Metrics.AdjustedRandIndex(L(0, 0, 0, 0), L(0, 1, 2, 3)), 12);
        Assert.Equal(8.0 / 33, Metrics.AdjustedRandIndex(L(0, 0, 0, 1, 1, 1), L(0, 0, 1, 1, 2, 2)), 12);  // 0.24
    }

    [Fact]
    public void RocAucCountsTiesAsHalf()
    {
        // scikit-learn's documented example: roc_auc_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.75.
        Assert.Equal(0.75, Metrics.RocAuc(tensor(new[] { 0.1f, 0.4f, 0.35f, 0.8f }), L(0, 0, 1, 1)), 12);
        // Positives {0.5, 0.9} vs negatives {0.5, 0.2}: wins 1 + 1 + 1, one tie = 3.5 of 4 pairs.
        Assert.Equal(0.875, Metrics.RocAuc(tensor(new[] { 0.5f, 0.5f, 0.2f, 0.9f }), tensor(new[] { false, true, false, true })), 12);
        Assert.Equal(0.5, Metrics.RocAuc(ones(6), L(0, 1, 1, 0, 1, 0)), 12);
        Assert.Equal(0.0, Metrics.RocAuc(tensor(new[] { 3f, 2f, 1f }), L(0, 1, 1)), 12);
    }

    [Fact]
    public void PsnrOfKnownMeanSquaredError()
    {
        var target = rand([2, 3, 4, 4], generator: new torch.Generator(0));
        Assert.Equal(20.0, Metrics.Psnr(target + 0.1, target), 4);                // MSE 0.01
        Assert.Equal(34.15140352195873, Metrics.Psnr(target * 255 + 5, target * 255, maxValue: 255), 4);  // MSE 25
        Assert.True(double.IsPositiveInfinity(Metrics.Psnr(target, target)));
    }

    [Fact]
    public void AlignmentAndUniformityOfKnownConfigurations()
    {
        var e = eye(3);
        Assert.Equal(0.0, Metrics.Alignment(e, e * 4), 6);                             // rows are normalised first
        Assert.Equal(2.0, Metrics.Alignment(e, e.index_select(0, L(1, 2, 0))), 5);    // orthogonal pairs: ‖a − b‖² = 2
        Assert.Equal(Math.Pow(2, 1.5), Metrics.Alignment(e, -e, alpha: 1.5), 5);     // antipodal: ‖a − b‖ = 2
        Assert.Equal(-8.0, Metrics.Uniformity(tensor(new float[] { 0, 1, 0, -3 }, [2, 2])), 4);  // ‖a − b‖² = 4, t = 2
        // Three unit vectors 120° apart: every squared distance is 3.
        var tri = tensor(new float[] { 1, 0, -0.5f, 0.8660254f, -0.5f, -0.8660254f }, [3, 2]);
        Assert.Equal(-3.0, Metrics.Uniformity(tri, t: 1), 4);
        Assert.Equal(0.0, Metrics.Uniformity(ones(5, 4)), 6);                          // collapsed
        // Random directions in high dimension are nearly orthogonal: ‖a − b‖² ≈ 2, uniformity ≈ −4.
        Assert.InRange(Metrics.Uniformity(randn([200, 512], generator: new torch.Generator(3))), -4.05, -3.95);
    }

    [Fact]
    public void RejectsBadInput()
    {
        TensorAssert.Throws<ArgumentException>(() => Metrics.Accuracy(L(0, 1), L(0, 1, 1)), "Metrics.Accuracy", "[3]", "2 samples");
        TensorAssert.Throws<ArgumentException>(() => Metrics.Accuracy(ones(3), L(0, 1, 1)), "Metrics.Accuracy", "[3] float32");
        TensorAssert.Throws<ArgumentException>(() => Metrics.ConfusionMatrix(L(0, 3), L(0, 1), numClasses: 2), "Metrics.ConfusionMatrix", "class 3");
        TensorAssert.Throws<ArgumentException>(() => Metrics.NormalizedMutualInfo(L(0, -1), L(0, 1)), "Metrics.NormalizedMutualInfo", "non-negative", "-1");
        TensorAssert.Throws<ArgumentException>(() => Metrics.RocAuc(ones(3), L(1, 1, 1)), "Metrics.RocAuc", "3 positive and 0 negative");
        TensorAssert.Throws<ArgumentException>(() => Metrics.RocAuc(ones(3), L(0, 2, 1)), "Metrics.RocAuc", "0 or 1", "2");
        TensorAssert.Throws<ArgumentException>(() => Metrics.Psnr(ones(2, 3), ones(3, 2)), "Metrics.Psnr", "[2,3]", "[3,2]");
        TensorAssert.Throws<ArgumentException>(() => Metrics.Alignment(ones(2, 3), ones(3, 3)), "Metrics.Alignment", "[2,3]", "[3,3]");
        TensorAssert.Throws<ArgumentException>(() => Metrics.Uniformity(ones(1, 3)), "Metrics.Uniformity", "at least 2 rows");
    }
}
