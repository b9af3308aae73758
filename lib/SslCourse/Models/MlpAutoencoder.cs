
namespace SslCourse.Models;

/// <summary>
/// A fully connected autoencoder: the encoder maps each flattened image through the hidden sizes to a code of
/// <c>bottleneck</c> numbers, the decoder mirrors it back to pixels in [0, 1]. Lesson 02 varies the bottleneck.
/// </summary>
public sealed class MlpAutoencoder : nn.Module<Tensor, Tensor>
{
    /// <summary>Flattened image → code.</summary>
    public readonly Sequential encoder;
    /// <summary>Code → flattened image logits.</summary>
    public readonly Sequential decoder;

    /// <summary>An autoencoder for images of <paramref name="inputSize"/> pixels with the given hidden layer sizes and code size.</summary>
    public MlpAutoencoder(int inputSize, int[] hidden, int bottleneck) : base(nameof(MlpAutoencoder))
    {
        encoder = Blocks.Mlp([inputSize, .. hidden, bottleneck]);
        decoder = Blocks.Mlp([bottleneck, .. Enumerable.Reverse(hidden), inputSize]);
        RegisterComponents();
    }

    /// <summary>The code of each image: [B, ...] → [B, bottleneck].</summary>
    public Tensor encode(Tensor x) => encoder.forward(x.flatten(1));

    /// <summary>Pixels in [0, 1] from codes: [B, bottleneck] → [B, inputSize].</summary>
    public Tensor decode(Tensor z) => decoder.forward(z).sigmoid();

    /// <summary>The reconstruction, in the input's shape.</summary>
    public override Tensor forward(Tensor x) => decode(encode(x)).reshape(x.shape);
}
