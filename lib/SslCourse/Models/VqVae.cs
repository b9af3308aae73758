
namespace SslCourse.Models;

/// <summary>A VQ-VAE's output: the reconstruction in [0, 1], the code grid [B, S/4, S/4], the quantiser's loss and the batch's code perplexity.</summary>
public sealed record VqVaeOutput(Tensor reconstruction, Tensor indices, Tensor vq_loss, Tensor perplexity);

/// <summary>The terms of a VQ-VAE's loss: total = reconstruction (MSE) + vq (codebook + β·commitment).</summary>
public sealed record VqVaeLoss(Tensor total, Tensor reconstruction, Tensor vq);

/// <summary>
/// VQ-VAE for square images: the convolutional encoder of <see cref="ConvAutoencoder"/> keeps an (S/4)×(S/4) grid of
/// feature vectors, a 1×1 convolution maps each to <c>codeDim</c> numbers, the <see cref="VectorQuantizer"/> replaces
/// each by its nearest code, and the decoder rebuilds the image from the codes alone — each image becomes a grid of
/// integers.
/// </summary>
public sealed class VqVae : nn.Module<Tensor, VqVaeOutput>
{
    /// <summary>Image → code vectors [B, codeDim, S/4, S/4].</summary>
    public readonly Sequential encoder;
    /// <summary>The codebook and its losses.</summary>
    public readonly VectorQuantizer quantizer;
    /// <summary>Quantised codes → image logits.</summary>
    public readonly Sequential decoder;

    /// <summary>A VQ-VAE for images of <paramref name="channels"/> × <paramref name="imageSize"/>² with <paramref name="numCodes"/> codes.</summary>
    public VqVae(int channels, int imageSize, int numCodes, int codeDim, int width = 32, double commitment = 0.25) : base(nameof(VqVae))
    {
        encoder = nn.Sequential(Blocks.DownsamplingConvs(channels, width, imageSize, nameof(VqVae)), nn.Conv2d(2 * width, codeDim, 1));
        quantizer = new VectorQuantizer(numCodes, codeDim, commitment);
        decoder = nn.Sequential(nn.Conv2d(codeDim, 2 * width, 1), nn.ReLU(), Blocks.UpsamplingConvs(width, channels));
        RegisterComponents();
    }

    /// <summary>Encodes, quantises and decodes.</summary>
    public override VqVaeOutput forward(Tensor x)
    {
        var q = quantizer.forward(encoder.forward(x));
        return new VqVaeOutput(decoder.forward(q.quantized).sigmoid(), q.indices, q.loss, q.perplexity);
    }

    /// <summary>The training loss for a batch of images.</summary>
    public VqVaeLoss loss(Tensor x)
    {
        var output = forward(x);
        var reconstruction = F.mse_loss(output.reconstruction, x);
        return new VqVaeLoss(reconstruction + output.vq_loss, reconstruction, output.vq_loss);
    }

    /// <summary>The code grid of each image: int64 [B, S/4, S/4].</summary>
    public Tensor encode_indices(Tensor x)
    {
        using var _ = no_grad();
        var z = encoder.forward(x);
        long b = z.shape[0], h = z.shape[2], w = z.shape[3];
        return quantizer.nearest(z.permute(0, 2, 3, 1).reshape(-1, quantizer.CodeDim)).reshape(b, h, w);
    }

    /// <summary>Images in [0, 1] decoded from code grids [B, H, W].</summary>
    public Tensor decode_indices(Tensor indices)
    {
        var codes = quantizer.codebook.index_select(0, indices.flatten()).reshape(indices.shape[0], indices.shape[1], indices.shape[2], quantizer.CodeDim);
        return decoder.forward(codes.permute(0, 3, 1, 2)).sigmoid();
    }

    /// <summary>How often each code is chosen over <paramref name="images"/>: int64 [numCodes].</summary>
    public Tensor codebook_usage(Tensor images) => quantizer.usage(encode_indices(images));

    /// <summary>Moves codes that no vector of <paramref name="images"/> chose onto randomly drawn encoder outputs; returns how many moved.</summary>
    public int revive_dead_codes(Tensor images, Generator? generator = null)
    {
        Tensor z;
        using (no_grad()) z = encoder.forward(images).permute(0, 2, 3, 1).reshape(-1, quantizer.CodeDim);
        return quantizer.revive_dead_codes(z, generator);
    }
}
