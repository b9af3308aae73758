
namespace SslCourse.Models;

/// <summary>Multilayer perceptrons and convolution stacks shared by the models of this folder.</summary>
public static class Blocks
{
    /// <summary>Linear layers through <paramref name="sizes"/> (at least two), with a ReLU between consecutive layers.</summary>
    public static Sequential Mlp(params int[] sizes)
    {
        if (sizes.Length < 2) throw new ArgumentException($"Mlp: give at least an input and an output size, got [{string.Join(", ", sizes)}].");
        var layers = new List<nn.Module<Tensor, Tensor>>();
        for (int i = 0; i + 1 < sizes.Length; i++)
        {
            if (i > 0) layers.Add(nn.ReLU());
            layers.Add(nn.Linear(sizes[i], sizes[i + 1]));
        }
        return nn.Sequential([.. layers]);
    }

    /// <summary>
    /// Two stride-2 convolutions: [B, channels, S, S] → [B, 2·width, S/4, S/4]. The encoder half of the convolutional
    /// autoencoders; <paramref name="imageSize"/> must be a multiple of 4.
    /// </summary>
    public static Sequential DownsamplingConvs(int channels, int width, int imageSize, string model)
    {
        if (imageSize % 4 != 0) throw new ArgumentException($"{model}: imageSize must be a multiple of 4 (28 or 32, say), got {imageSize}.");
        return nn.Sequential(
            nn.Conv2d(channels, width, 3, stride: 2, padding: 1), nn.ReLU(),       // S → S/2
            nn.Conv2d(width, 2 * width, 3, stride: 2, padding: 1), nn.ReLU());    // S/2 → S/4
    }

    /// <summary>The mirror of <see cref="DownsamplingConvs"/>: [B, 2·width, S/4, S/4] → [B, channels, S, S] logits.</summary>
    public static Sequential UpsamplingConvs(int width, int channels) =>
        nn.Sequential(
            nn.ConvTranspose2d(2 * width, width, 4, stride: 2, padding: 1), nn.ReLU(),   // S/4 → S/2
            nn.ConvTranspose2d(width, channels, 4, stride: 2, padding: 1));             // S/2 → S
}
