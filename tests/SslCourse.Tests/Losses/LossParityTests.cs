using SslCourse.Losses;

namespace SslCourse.Tests.Losses;

/// <summary>The SSL losses against PyTorch (Fixtures/gen_losses.py), values and gradients; run on both engines.</summary>
public class LossParityTests
{
    [Theory]
    [InlineData("ntxent_t05", 0.5)]
    [InlineData("ntxent_t01", 0.1)]
    public void NtXentMatchesPyTorch(string name, double temperature) =>
        Parity.Check("losses", name, x => NtXent.Loss(x[0], x[1], temperature));

    [Fact]
    public void InfoNceMatchesPyTorch() => Parity.Check("losses", "infonce", x => InfoNce.Loss(x[0], x[1], x[2], 0.2));

    [Theory]
    [InlineData("negcos", true)]
    [InlineData("negcos_no_stop", false)]
    public void NegativeCosineMatchesPyTorch(string name, bool stopGradient) =>
        Parity.Check("losses", name, x => NegativeCosine.Loss(x[0], x[1], stopGradient));

    [Theory]
    [InlineData("alignment", 2.0)]
    [InlineData("alignment_a1", 1.0)]
    public void AlignmentMatchesPyTorch(string name, double alpha) =>
        Parity.Check("losses", name, x => AlignmentUniformity.Alignment(x[0], x[1], alpha));

    [Fact]
    public void UniformityMatchesPyTorch() => Parity.Check("losses", "uniformity", x => AlignmentUniformity.Uniformity(x[0]));

    [Theory]
    [InlineData("triplet_batch_hard", 0.2, TripletMining.BatchHard)]
    [InlineData("triplet_semi_hard", 0.5, TripletMining.SemiHard)]
    public void TripletMatchesPyTorch(string name, double margin, TripletMining mining) =>
        Parity.Check("losses", name, x => Triplet.Loss(x[0], x[1], margin, mining));
}
