
namespace SslCourse.Models;

/// <summary>The terms of a VAE's loss, each averaged over the batch, in nats per image: total = reconstruction + β·KL = −ELBO when β = 1.</summary>
public sealed record VaeLoss(Tensor total, Tensor reconstruction, Tensor kl);

/// <summary>
/// A variational autoencoder (Kingma and Welling, 2014) over images in [0, 1]: the encoder gives a Gaussian
/// q(z|x) = N(μ, diag σ²) through two heads, a code is drawn with the reparameterisation trick, and the decoder gives
/// one Bernoulli logit per pixel. <see cref="Vae"/> and <see cref="ConvVae"/> differ only in their networks.
/// </summary>
public abstract class VariationalAutoencoder : nn.Module<Tensor, Tensor>
{
    /// <summary>Image → hidden features [B, hidden].</summary>
    public readonly nn.Module<Tensor, Tensor> encoder;
    /// <summary>Hidden features → μ and log σ² of q(z|x).</summary>
    public readonly Linear mu_head, logvar_head;
    /// <summary>Code → pixel logits [B, C, H, W].</summary>
    public readonly nn.Module<Tensor, Tensor> decoder;

    /// <summary>A VAE from its networks; <paramref name="beta"/> weighs the KL term (β-VAE when above 1).</summary>
    protected VariationalAutoencoder(string name, nn.Module<Tensor, Tensor> encoder, int hidden, int latent, nn.Module<Tensor, Tensor> decoder, double beta)
        : base(name)
    {
        if (!(beta >= 0)) throw new ArgumentOutOfRangeException(nameof(beta), $"{name}: beta must be non-negative, got {beta}.");
        this.encoder = encoder;
        mu_head = nn.Linear(hidden, latent);
        logvar_head = nn.Linear(hidden, latent);
        this.decoder = decoder;
        (Latent, Beta) = (latent, beta);
        RegisterComponents();
    }

    /// <summary>Size of the code z.</summary>
    public int Latent { get; }

    /// <summary>Weight of the KL term in <see cref="loss"/>.</summary>
    public double Beta { get; }

    /// <summary>μ and log σ² of q(z|x), each [B, latent].</summary>
    public (Tensor mu, Tensor logvar) encode(Tensor x)
    {
        var h = encoder.forward(x);
        return (mu_head.forward(h), logvar_head.forward(h));
    }

    /// <summary>z = μ + σ ⊙ ε with ε ~ N(0, I): a sample of q(z|x) through which gradients reach μ and σ.</summary>
    public static Tensor reparameterize(Tensor mu, Tensor logvar, Generator? generator = null) =>
        mu + (0.5 * logvar).exp() * randn(mu.shape, generator: generator).to(mu.device);

    /// <summary>Pixel logits [B, C, H, W] for codes [B, latent].</summary>
    public Tensor decode_logits(Tensor z) => decoder.forward(z);

    /// <summary>Pixel means in [0, 1] for codes [B, latent].</summary>
    public Tensor decode(Tensor z) => decode_logits(z).sigmoid();

    /// <summary>Training: the decoded mean of a sampled code. Evaluation: of the code's mean μ.</summary>
    public override Tensor forward(Tensor x)
    {
        var (mu, logvar) = encode(x);
        return decode(training ? reparameterize(mu, logvar) : mu);
    }

    /// <summary>
    /// −ELBO with a β-weighted KL, per image: the Bernoulli negative log-likelihood of <paramref name="x"/> under the
    /// decoder for one sampled code, plus β · KL(q(z|x) ‖ N(0, I)) = β · ½ Σ (μ² + σ² − log σ² − 1).
    /// </summary>
    public VaeLoss loss(Tensor x, Generator? generator = null)
    {
        var (mu, logvar) = encode(x);
        var logits = decode_logits(reparameterize(mu, logvar, generator));
        long batch = x.shape[0];
        // The binary cross-entropy of the logits l, (1 − x)·l + softplus(−l), written out because the engines spell a
        // loss's reduction differently (a string here, an enum in TorchSharp).
        var reconstruction = ((1.0 - x.reshape(logits.shape)) * logits + (-logits).softplus()).sum() / batch;
        var kl = 0.5 * (mu.pow(2) + logvar.exp() - logvar - 1).sum() / batch;
        return new VaeLoss(reconstruction + Beta * kl, reconstruction, kl);
    }

    /// <summary><paramref name="n"/> new images decoded from codes drawn from the prior N(0, I).</summary>
    public Tensor sample(int n, Generator? generator = null) => decode(randn([n, Latent], generator: generator).to(mu_head.weight.device));

    /// <summary>
    /// <paramref name="steps"/> images decoded along the straight line between the latent means of two images
    /// (each [C, H, W]), both ends included.
    /// </summary>
    public Tensor interpolate(Tensor from, Tensor to, int steps = 10)
    {
        if (steps < 2) throw new ArgumentOutOfRangeException(nameof(steps), $"{GetName()}.interpolate: steps must be at least 2, got {steps}.");
        var (ends, _) = encode(stack([from, to]));                        // [2, latent]
        var t = linspace(0.0, 1.0, steps, device: ends.device).unsqueeze(1);   // [steps, 1]
        return decode(ends[0].unsqueeze(0) * (1 - t) + ends[1].unsqueeze(0) * t);
    }
}

/// <summary>A VAE with fully connected encoder and decoder (<c>imageShape</c> → hidden sizes → latent and back).</summary>
public sealed class Vae(long[] imageShape, int[] hidden, int latent, double beta = 1) : VariationalAutoencoder(nameof(Vae),
    nn.Sequential(nn.Flatten(), Blocks.Mlp([Pixels(imageShape), .. hidden]), nn.ReLU()), hidden[^1], latent,
    nn.Sequential(Blocks.Mlp([latent, .. Enumerable.Reverse(hidden), Pixels(imageShape)]), nn.Unflatten(1, imageShape)), beta)
{
    static int Pixels(long[] shape) => (int)shape.Aggregate(1L, (a, b) => a * b);
}

/// <summary>A VAE with the convolutional encoder and decoder of <see cref="ConvAutoencoder"/>.</summary>
public sealed class ConvVae(int channels, int imageSize, int latent, int width = 32, double beta = 1) : VariationalAutoencoder(nameof(ConvVae),
    nn.Sequential(Blocks.DownsamplingConvs(channels, width, imageSize, nameof(ConvVae)), nn.Flatten()), 2 * width * (imageSize / 4) * (imageSize / 4), latent,
    nn.Sequential(nn.Linear(latent, 2 * width * (imageSize / 4) * (imageSize / 4)), nn.Unflatten(1, [2 * width, imageSize / 4, imageSize / 4]),
        Blocks.UpsamplingConvs(width, channels)), beta);
