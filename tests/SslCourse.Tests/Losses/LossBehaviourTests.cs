using SslCourse.Losses;

namespace SslCourse.Tests.Losses;

/// <summary>What the losses mean, checked on cases whose answer is known; run on both engines.</summary>
public class LossBehaviourTests
{
    [Fact]
    public void NtXentLogitsMaskEachViewAndPutThePositivesAtDistanceN()
    {
        var z = randn([4, 3], generator: new Generator(2));
        var logits = NtXent.Logits(z, z * 2, temperature: 0.5);       // the same directions: every positive has cosine 1
        Xunit.Assert.Equal(new long[] { 8, 8 }, logits.shape);
        for (int i = 0; i < 8; i++)
        {
            Xunit.Assert.True(double.IsNegativeInfinity(logits[i, i].ToDouble()), $"view {i} is compared with itself");
            Xunit.Assert.Equal(2.0, logits[i, (i + 4) % 8].ToDouble(), 4);  // cos = 1, over τ = 0.5
        }
    }

    [Fact]
    public void NtXentIsLowWhenTheViewsAgreeAndTheImagesDifferAndFallsWithTheTemperature()
    {
        var distinct = eye(6);                                          // six orthogonal images
        var agreeing = NtXent.Loss(distinct, distinct, 0.1).ToDouble();
        var random = NtXent.Loss(randn([6, 6], generator: new Generator(3)), randn([6, 6], generator: new Generator(4)), 0.1).ToDouble();
        Xunit.Assert.True(agreeing < 0.01, $"perfect views give {agreeing}");
        Xunit.Assert.True(random > 1, $"unrelated views give {random}");
        // With 2N − 2 = 10 negatives at cosine 0, the loss is log(1 + 10·e^(−1/τ)): it checks the count of negatives.
        Xunit.Assert.Equal(Math.Log(1 + 10 * Math.Exp(-1 / 0.5)), NtXent.Loss(distinct, distinct, 0.5).ToDouble(), 4);
    }

    [Fact]
    public void InfoNceCountsTheQueueAsNegatives()
    {
        var q = eye(4)[..2];                                             // two queries, each equal to its key
        var queue = eye(4)[2..];                                         // two negatives orthogonal to both
        Xunit.Assert.Equal(Math.Log(1 + 2 * Math.Exp(-1 / 0.2)), InfoNce.Loss(q, q, queue, 0.2).ToDouble(), 4);
        Xunit.Assert.Equal(new long[] { 2, 3 }, InfoNce.Logits(q, q, queue).shape);
    }

    [Fact]
    public void NegativeCosineStopsTheGradientAtTheTargetUnlessAskedNotTo()
    {
        var p = randn([3, 4], generator: new Generator(5)).requires_grad_();
        var z = randn([3, 4], generator: new Generator(6)).requires_grad_();
        NegativeCosine.Loss(p, z).backward();
        Xunit.Assert.NotNull(p.grad);
        Xunit.Assert.Null(z.grad);
        NegativeCosine.Loss(p, z, stopGradient: false).backward();
        Xunit.Assert.NotNull(z.grad);
        Xunit.Assert.Equal(-1.0, NegativeCosine.Loss(p, p * 3).ToDouble(), 5);
    }

    [Fact]
    public void ACollapsedEncoderIsAlignedButNotUniform()
    {
        var collapsed = ones(16, 8);
        var spread = randn([16, 8], generator: new Generator(7));
        Xunit.Assert.Equal(0.0, AlignmentUniformity.Alignment(collapsed, collapsed).ToDouble(), 5);
        Xunit.Assert.Equal(0.0, AlignmentUniformity.Uniformity(collapsed).ToDouble(), 5);
        Xunit.Assert.True(AlignmentUniformity.Uniformity(spread).ToDouble() < -1, "random directions spread over the sphere");
    }

    [Fact]
    public void BatchHardMiningPicksTheFarthestPositiveAndClosestNegative()
    {
        // On a line: class 0 at 0, 1 and 5; class 1 at 2 and 9.
        var e = tensor(new float[] { 0, 1, 5, 2, 9 }, [5, 1]);
        var labels = tensor(new long[] { 0, 0, 0, 1, 1 });
        var (anchor, positive, negative) = Triplet.Mine(e, labels, TripletMining.BatchHard);
        Xunit.Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, anchor);
        Xunit.Assert.Equal(new long[] { 2, 2, 0, 4, 3 }, positive);
        Xunit.Assert.Equal(new long[] { 3, 3, 3, 1, 2 }, negative);
    }

    [Fact]
    public void SemiHardMiningPicksTheClosestNegativeBeyondThePositive()
    {
        var e = tensor(new float[] { 0, 1, 5, 2, 9 }, [5, 1]);
        var labels = tensor(new long[] { 0, 0, 0, 1, 1 });
        var (anchor, positive, negative) = Triplet.Mine(e, labels, TripletMining.SemiHard);
        // Anchor 0 with positive 1 (d = 1): negatives at 2 and 9 are both farther; the closest is 3 (at 2).
        // Anchor 0 with positive 2 (d = 5): only 4 (at 9) is farther.
        Xunit.Assert.Equal((0L, 1L, 3L), (anchor[0], positive[0], negative[0]));
        Xunit.Assert.Equal((0L, 2L, 4L), (anchor[1], positive[1], negative[1]));
        // Anchor 1 (at 1) with positive 2 (d = 4): negative 4 (d = 8) is the only one farther.
        Xunit.Assert.Equal((1L, 2L, 4L), (anchor[3], positive[3], negative[3]));
    }

    [Fact]
    public void BadInputIsRefusedWithWhatToDo()
    {
        TensorAssert.Throws<ArgumentException>(() => NtXent.Loss(ones(4, 3), ones(5, 3)), "[N, D]", "[4,3]", "[5,3]");
        TensorAssert.Throws<ArgumentException>(() => NtXent.Loss(ones(1, 3), ones(1, 3)), "no negatives");
        TensorAssert.Throws<ArgumentException>(() => NtXent.Loss(ones(4, 3), ones(4, 3), 0), "temperature");
        TensorAssert.Throws<ArgumentException>(() => InfoNce.Loss(ones(4, 3), ones(4, 3), ones(8, 2)), "queue [K, D]");
        TensorAssert.Throws<ArgumentException>(() => Triplet.Loss(ones(3, 2), tensor(new long[] { 0, 1, 2 })), "several images per class");
        TensorAssert.Throws<ArgumentException>(() => AlignmentUniformity.Uniformity(ones(1, 3)), "N ≥ 2");
    }
}
