
namespace SslCourse.Models;

/// <summary>
/// A convolutional autoencoder: two stride-2 convolutions and a linear layer down to a code of <c>bottleneck</c>
/// numbers, and the mirror image up with transposed convolutions. For 1×28×28 digits and 3×32×32 shapes.
/// </summary>
public sealed class ConvAutoencoder : nn.Module<Tensor, Tensor>
{
    /// <summary>Image → code.</summary>
    public readonly Sequential encoder;
    /// <summary>Code → image logits.</summary>
    public readonly Sequential decoder;

    /// <summary>An autoencoder for square images of <paramref name="channels"/> × <paramref name="imageSize"/>² (a multiple of 4).</summary>
    public ConvAutoencoder(int channels, int imageSize, int bottleneck, int width = 32) : base(nameof(ConvAutoencoder))
    {
        int s = imageSize / 4, features = 2 * width * s * s;
        encoder = nn.Sequential(
            Blocks.DownsamplingConvs(channels, width, imageSize, nameof(ConvAutoencoder)),   // [B, 2w, S/4, S/4]
            nn.Flatten(), nn.Linear(features, bottleneck));                                // [B, bottleneck]
        decoder = nn.Sequential(
            nn.Linear(bottleneck, features), nn.Unflatten(1, [2 * width, s, s]),
            Blocks.UpsamplingConvs(width, channels));                                       // [B, C, S, S]
        RegisterComponents();
    }

    /// <summary>The code of each image: [B, C, S, S] → [B, bottleneck].</summary>
    public Tensor encode(Tensor x) => encoder.forward(x);

    /// <summary>Pixels in [0, 1] from codes: [B, bottleneck] → [B, C, S, S].</summary>
    public Tensor decode(Tensor z) => decoder.forward(z).sigmoid();

    /// <summary>The reconstruction.</summary>
    public override Tensor forward(Tensor x) => decode(encode(x));
}
