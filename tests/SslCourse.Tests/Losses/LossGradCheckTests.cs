using SslCourse.Losses;

namespace SslCourse.Tests.Losses;

/// <summary>Numerical gradient checks of the SSL losses (built-in engine: the check perturbs storage directly).</summary>
public class LossGradCheckTests
{
    [Fact] public void NtXent() => GradCheck.Check(x => SslCourse.Losses.NtXent.Loss(x[0], x[1], 0.5), [[5, 3], [5, 3]], h: 1e-3);

    [Fact] public void InfoNce() => GradCheck.Check(x => SslCourse.Losses.InfoNce.Loss(x[0], x[1], x[2], 0.2), [[4, 3], [4, 3], [6, 3]], h: 1e-3);

    [Fact] public void NegativeCosineWithoutStopGradient() => GradCheck.Check(x => NegativeCosine.Loss(x[0], x[1], stopGradient: false), [[4, 3], [4, 3]], h: 1e-3);

    [Fact] public void Alignment() => GradCheck.Check(x => AlignmentUniformity.Alignment(x[0], x[1]), [[5, 3], [5, 3]], h: 1e-3);

    [Fact] public void Uniformity() => GradCheck.Check(x => AlignmentUniformity.Uniformity(x[0]), [[6, 3]], h: 1e-3);

    [Theory]
    [InlineData(TripletMining.BatchHard)]
    [InlineData(TripletMining.SemiHard)]
    public void Triplet(TripletMining mining)
    {
        // A small step keeps every mined triplet the same on both sides of the difference.
        var labels = tensor(new long[] { 0, 1, 0, 1, 2, 2 });
        GradCheck.Check(x => SslCourse.Losses.Triplet.Loss(x[0], labels, 1.0, mining), [[6, 3]], h: 1e-3);
    }
}
