using SslCourse.Data.Augment;
using SslCourse.Models;

namespace SslCourse.Tests.Models;

public class ModelShapeTests
{
    public static TheoryData<int, int> ImageKinds => new() { { 1, 28 }, { 3, 32 } };

    static Tensor Images(int channels, int size, int batch = 3) => torch.rand([batch, channels, size, size], generator: new torch.Generator(1));

    // Every parameter gets a gradient, and some of it is non-zero: nothing is disconnected.
    static void AllParametersLearn(torch.nn.Module model, Tensor loss)
    {
        loss.backward();
        foreach (var (name, p) in model.named_parameters())
        {
            Assert.True(p.grad is not null, $"{name} got no gradient");
            Assert.True(p.grad!.abs().sum().ToDouble() > 0, $"{name}'s gradient is all zero");
        }
    }

    [Theory, MemberData(nameof(ImageKinds))]
    public void AutoencodersReconstructInTheInputsShapeAndRange(int channels, int size)
    {
        var x = Images(channels, size);
        var mlp = new MlpAutoencoder(channels * size * size, [64], bottleneck: 8);
        var conv = new ConvAutoencoder(channels, size, bottleneck: 8, width: 8);
        foreach (var (model, code) in new (torch.nn.Module<Tensor, Tensor>, Tensor)[] { (mlp, mlp.encode(x)), (conv, conv.encode(x)) })
        {
            Assert.Equal([3, 8], code.shape);
            var y = model.forward(x);
            Assert.Equal(x.shape, y.shape);
            Assert.True(y.min().ToDouble() >= 0 && y.max().ToDouble() <= 1);
            AllParametersLearn(model, torch.nn.functional.mse_loss(y, x));
        }
    }

    [Fact]
    public void ConvModelsRejectSizesTheyCannotHalveTwice() =>
        TensorAssert.Throws<ArgumentException>(() => new ConvAutoencoder(1, 30, 8), "ConvAutoencoder", "multiple of 4", "30");

    [Theory, MemberData(nameof(ImageKinds))]
    public void VaesEncodeDecodeSampleAndInterpolate(int channels, int size)
    {
        var x = Images(channels, size);
        foreach (var vae in new VariationalAutoencoder[] { new Vae([channels, size, size], [32], latent: 4), new ConvVae(channels, size, latent: 4, width: 8) })
        {
            var (mu, logvar) = vae.encode(x);
            Assert.Equal([3, 4], mu.shape);
            Assert.Equal([3, 4], logvar.shape);
            Assert.Equal(x.shape, vae.forward(x).shape);
            Assert.Equal([5, channels, size, size], vae.sample(5).shape);
            var path = vae.interpolate(x[0], x[1], steps: 6);
            Assert.Equal([6, channels, size, size], path.shape);
            vae.eval();
            TensorAssert.Close(vae.forward(x[..1]), path[..1], 1e-5, 1e-4, "the path starts at the first image's decoded mean");
            vae.train();
            AllParametersLearn(vae, vae.loss(x).total);
        }
    }

    [Theory, MemberData(nameof(ImageKinds))]
    public void VqVaeGivesAGridOfCodesPerImage(int channels, int size)
    {
        var x = Images(channels, size);
        var model = new VqVae(channels, size, numCodes: 16, codeDim: 4, width: 8);
        var output = model.forward(x);
        Assert.Equal(x.shape, output.reconstruction.shape);
        Assert.Equal([3, size / 4, size / 4], output.indices.shape);
        TensorAssert.Close(output.indices, model.encode_indices(x));
        TensorAssert.Close(output.reconstruction, model.decode_indices(output.indices), 1e-5, 1e-4, "decoding the indices gives the reconstruction");
        Assert.Equal(3L * size / 4 * size / 4, model.codebook_usage(x).sum().ToInt64());
        // The codebook only gets gradient from codes that were chosen: revive the rest onto encoder outputs first.
        model.revive_dead_codes(torch.cat([x, x, x, x, x]), new torch.Generator(2));
        AllParametersLearn(model, model.loss(torch.cat([x, x, x, x, x])).total);
    }

    [Theory, MemberData(nameof(ImageKinds))]
    public void PretextNetworksGiveTheirLogits(int channels, int size)
    {
        var x = Images(channels, size);
        var encoder = new SmallConvEncoder(channels, width: 8);
        Assert.Equal([3, 32], encoder.forward(x).shape);
        var rotation = new RotationNet(encoder);
        var (rotated, labels) = RandomRightAngleRotation.all_rotations(x);
        Assert.Equal([12, 4], rotation.forward(rotated).shape);
        AllParametersLearn(rotation, torch.nn.functional.cross_entropy(rotation.forward(rotated), labels));

        var context = new RelativePositionNet(new SmallConvEncoder(channels, width: 8), hidden: 16);
        var (centres, neighbours, positions) = RelativePatchPositions.Sample(x, patchSize: 8, gap: 1, jitter: 1, new torch.Generator(3));
        Assert.Equal([3, channels, 8, 8], centres.shape);
        Assert.Equal([3, 8], context.forward(centres, neighbours).shape);
        AllParametersLearn(context, torch.nn.functional.cross_entropy(context.forward(centres, neighbours), positions));
    }
}
