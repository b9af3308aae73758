using SslCourse.Models;

namespace SslCourse.Tests.NN;

/// <summary>
/// The weight-normalised layers' gradients (input, g, v and bias) against central differences on the built-in engine;
/// Models/OpsUsedByLessonsTests checks them against PyTorch on both engines.
/// </summary>
public class WeightNormGradCheckTests
{
    static void Check(WeightNorm layer, long[] inputShape)
    {
        var x = (rand(inputShape, new Generator(4)) * 2 - 1).requires_grad_();
        GradCheck.CheckAt(xs => layer.forward(xs[0]), [x, .. layer.parameters()]);
    }

    [Fact]
    public void Conv1dOverTheKernelTaps() =>
        Check(WeightNorm.weight_norm(nn.Conv1d(4, 4, 3, padding: 1, groups: 2, generator: new Generator(1)), dim: 2), [2, 4, 5]);

    [Fact]
    public void LinearPerOutput() => Check(WeightNorm.weight_norm(nn.Linear(3, 2, generator: new Generator(2))), [4, 3]);

    [Fact]
    public void LinearOverTheWholeWeight() => Check(WeightNorm.weight_norm(nn.Linear(3, 2, generator: new Generator(3)), dim: null), [4, 3]);
}
