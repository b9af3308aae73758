
namespace SslCourse.Models;

/// <summary>
/// A denoising autoencoder (Vincent et al., 2008): in training mode the input is corrupted — Gaussian noise of
/// standard deviation <see cref="NoiseStd"/>, and each pixel zeroed with probability <see cref="MaskProbability"/> —
/// before the wrapped autoencoder reconstructs it; the loss compares the output with the clean image. In eval mode
/// the input passes unchanged, so the model cleans whatever it is given.
/// </summary>
public sealed class DenoisingAutoencoder : nn.Module<Tensor, Tensor>
{
    /// <summary>The autoencoder that learns to undo the corruption.</summary>
    public readonly nn.Module<Tensor, Tensor> autoencoder;
    readonly Generator? _generator;

    /// <summary>Wraps <paramref name="autoencoder"/>; corruption draws from <paramref name="generator"/> (the default one when null).</summary>
    public DenoisingAutoencoder(nn.Module<Tensor, Tensor> autoencoder, double noiseStd = 0.3, double maskProbability = 0, Generator? generator = null)
        : base(nameof(DenoisingAutoencoder))
    {
        if (noiseStd < 0) throw new ArgumentOutOfRangeException(nameof(noiseStd), $"DenoisingAutoencoder: noiseStd must be non-negative, got {noiseStd}.");
        if (maskProbability is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(maskProbability), $"DenoisingAutoencoder: maskProbability must be in [0, 1), got {maskProbability}.");
        (this.autoencoder, NoiseStd, MaskProbability, _generator) = (autoencoder, noiseStd, maskProbability, generator);
        RegisterComponents();
    }

    /// <summary>Standard deviation of the added Gaussian noise.</summary>
    public double NoiseStd { get; }

    /// <summary>Probability that a pixel is set to zero.</summary>
    public double MaskProbability { get; }

    /// <summary>The corrupted images, clipped to [0, 1]; draws from <paramref name="generator"/>, else the model's.</summary>
    public Tensor corrupt(Tensor x, Generator? generator = null)
    {
        generator ??= _generator;
        var noisy = NoiseStd > 0 ? x + NoiseStd * randn(x.shape, generator: generator).to(x.device) : x;
        if (MaskProbability > 0) noisy = noisy * (rand(x.shape, generator: generator).to(x.device) >= MaskProbability);
        return noisy.clamp(0, 1);
    }

    /// <summary>Training: the reconstruction of a corrupted <paramref name="x"/>. Evaluation: of <paramref name="x"/> itself.</summary>
    public override Tensor forward(Tensor x) => autoencoder.forward(training ? corrupt(x) : x);
}
