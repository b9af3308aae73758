using SslCourse.Models;

namespace SslCourse.Tests.Models;

/// <summary>
/// TorchSharp's Conv1d can pad by reflecting, replicating or wrapping (the built-in one pads with zeros only):
/// weight_norm keeps that padding.
/// </summary>
public class WeightNormPaddingModeTests
{
    [Theory]
    [InlineData(PaddingModes.Reflect)]
    [InlineData(PaddingModes.Replicate)]
    [InlineData(PaddingModes.Circular)]
    public void KeepsTheConvolutionsPaddingMode(PaddingModes mode)
    {
        var conv = nn.Conv1d(2, 3, 5, padding: 2, padding_mode: mode);
        var x = randn([2, 2, 7], generator: new torch.Generator(5));
        TensorAssert.Close(conv.forward(x), WeightNorm.weight_norm(conv).forward(x), 1e-5, 1e-4, mode.ToString());
    }
}
