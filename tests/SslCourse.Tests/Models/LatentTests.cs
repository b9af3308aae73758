using SslCourse.Models;

namespace SslCourse.Tests.Models;

public class LatentTests
{
    static void SetHeads(Vae vae, float mu, float logvar)
    {
        using var _ = torch.no_grad();
        vae.mu_head.weight.zero_(); vae.mu_head.bias!.fill_(mu);
        vae.logvar_head.weight.zero_(); vae.logvar_head.bias!.fill_(logvar);
    }

    [Fact]
    public void KlIsZeroAtThePriorAndMatchesTheClosedForm()
    {
        var x = torch.rand([4, 1, 4, 4], generator: new torch.Generator(1));
        var vae = new Vae([1, 4, 4], [8], latent: 3);
        SetHeads(vae, 0, 0);
        Assert.Equal(0, vae.loss(x).kl.ToDouble(), 6);
        SetHeads(vae, 1, (float)Math.Log(4));
        // ½ Σ_j (μ² + σ² − log σ² − 1) = ½ · 3 · (1 + 4 − log 4 − 1)
        Assert.Equal(1.5 * (4 - Math.Log(4)), vae.loss(x).kl.ToDouble(), 4);
    }

    [Fact]
    public void LossIsBernoulliNllPlusBetaKlPerImage()
    {
        var x = torch.rand([4, 1, 4, 4], generator: new torch.Generator(2));
        var vae = new Vae([1, 4, 4], [8], latent: 3, beta: 2.5);
        SetHeads(vae, 0.5f, -30);   // σ ≈ 0: the sampled code is μ, so the loss is deterministic
        var loss = vae.loss(x);
        var logits = vae.decode_logits(torch.full([4, 3], 0.5));
        var p = logits.sigmoid();
        double nll = -(x * p.log() + (1 - x.reshape(p.shape)) * (1 - p).log()).sum().ToDouble() / 4;
        Assert.Equal(nll, loss.reconstruction.ToDouble(), 3);
        Assert.Equal(loss.reconstruction.ToDouble() + 2.5 * loss.kl.ToDouble(), loss.total.ToDouble(), 4);
    }

    [Fact]
    public void ReparameterisedSamplesHaveTheEncodedMeanAndSpread()
    {
        var mu = torch.full([20000, 1], 3.0);
        var logvar = torch.full([20000, 1], Math.Log(0.25));
        var z = VariationalAutoencoder.reparameterize(mu, logvar, new torch.Generator(3));
        Assert.Equal(3.0, z.mean().ToDouble(), 1);
        Assert.Equal(0.5, z.std().ToDouble(), 1);
    }

    static VectorQuantizer Quantizer(params float[][] codes)
    {
        var vq = new VectorQuantizer(codes.Length, codes[0].Length);
        using var _ = torch.no_grad();
        vq.codebook.copy_(torch.tensor(codes.SelectMany(c => c).ToArray(), [codes.Length, codes[0].Length]));
        return vq;
    }

    [Fact]
    public void QuantizerPicksTheNearestCode()
    {
        var vq = Quantizer([0, 0], [10, 0], [0, 10]);
        var z = torch.tensor(new float[] { 1, 1, 9, -1, 2, 7, -3, -3 }, [4, 2]);
        var output = vq.forward(z);
        TensorAssert.Close(torch.tensor(new long[] { 0, 1, 2, 0 }), output.indices);
        TensorAssert.Values([0, 0, 10, 0, 0, 10, 0, 0], output.quantized);
        // codebook term + 0.25 · commitment term, both the same mean squared distance here
        double squared = (2 + 2 + 13 + 18) / 8.0;
        Assert.Equal(1.25 * squared, output.loss.ToDouble(), 4);
    }

    [Fact]
    public void StraightThroughPassesTheGradientUnchanged()
    {
        var vq = Quantizer([0, 0], [10, 0]);
        var z = torch.tensor(new float[] { 1, 2, 8, 1, 4, 4 }, [3, 2], requires_grad: true);
        var upstream = torch.tensor(new float[] { 0.5f, -1, 2, 3, -0.25f, 1 }, [3, 2]);
        (vq.forward(z).quantized * upstream).sum().backward();
        TensorAssert.Close(upstream, z.grad!);
    }

    [Fact]
    public void QuantizerTreatsFeatureMapsPositionByPosition()
    {
        var vq = Quantizer([0, 0], [10, 0], [0, 10]);
        var map = torch.tensor(new float[] { 9, 0, 1, 0,   0, 1, 9, 0 }, [1, 2, 2, 2]);   // channels first: positions (9,0) (0,1) (1,9) (0,0)
        var output = vq.forward(map);
        TensorAssert.Close(torch.tensor(new long[] { 1, 0, 2, 0 }, [1, 2, 2]), output.indices);
        Assert.Equal(map.shape, output.quantized.shape);
        TensorAssert.Throws<ArgumentException>(() => vq.forward(torch.zeros(1, 3, 2, 2)), "VectorQuantizer", "[1,3,2,2]");
    }

    [Fact]
    public void PerplexityCountsTheCodesInUse()
    {
        var vq = new VectorQuantizer(8, 2);
        Assert.Equal(8, vq.perplexity(torch.arange(8).repeat(5)).ToDouble(), 3);
        Assert.Equal(1, vq.perplexity(torch.full([40], 3L, dtype: torch.int64)).ToDouble(), 3);
        Assert.Equal(2, vq.perplexity(torch.tensor(new long[] { 1, 6, 1, 6 })).ToDouble(), 3);
    }

    [Fact]
    public void DeadCodesAreMovedOntoEncoderOutputs()
    {
        var vq = Quantizer([0, 0], [100, 100], [-100, 100]);
        (float, float)[] outputs = [(1, 0), (-1, 0), (0, 1)];   // each nearer to (0, 0) than to any other of them
        var vectors = torch.tensor(outputs.SelectMany(v => new[] { v.Item1, v.Item2 }).ToArray(), [3, 2]);
        Assert.Equal(2, vq.revive_dead_codes(vectors, new torch.Generator(6)));
        var codes = vq.codebook.data<float>().ToArray();
        for (int k = 1; k < 3; k++) Assert.Contains((codes[2 * k], codes[2 * k + 1]), outputs);
        // Now every code is the nearest one to some output: a revived code to its own, (0, 0) to an output not drawn.
        // Only if both were drawn onto the same output is the second of them dead again (the nearest is the first).
        bool sameOutput = codes[2] == codes[4] && codes[3] == codes[5];
        Assert.Equal(sameOutput ? 1 : 0, vq.revive_dead_codes(vectors));
    }
}
