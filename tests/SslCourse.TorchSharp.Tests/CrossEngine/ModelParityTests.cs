extern alias builtin;
using SslCourse.IO;
using SslCourse.Models;
using BM = builtin::SslCourse.Models;
using BT = builtin::SslCourse.torch;
using BTensor = builtin::SslCourse.Tensor;
using BModule = builtin::SslCourse.torch.nn.Module;

namespace SslCourse.Tests.CrossEngine;

/// <summary>
/// Every model of the course on both engines at once: the built-in engine's weights go through one safetensors file
/// into the TorchSharp model, the same inputs go through both, and the outputs, the parameter gradients and the input
/// gradients of Σ output·w (w fixed) must agree within float32 tolerance.
/// </summary>
public class ModelParityTests
{
    [Fact]
    public void MlpAutoencoder()
    {
        var b = new BM.MlpAutoencoder(64, [32, 16], 4); var t = new MlpAutoencoder(64, [32, 16], 4);
        Check(b, t, [[3, 64]], x => b.forward(x[0]), x => t.forward(x[0]));
    }

    [Fact]
    public void ConvAutoencoder()
    {
        var b = new BM.ConvAutoencoder(1, 16, 8, width: 8); var t = new ConvAutoencoder(1, 16, 8, width: 8);
        Check(b, t, [[2, 1, 16, 16]], x => b.forward(x[0]), x => t.forward(x[0]));
    }

    [Fact]
    public void DenoisingAutoencoder()
    {
        var b = new BM.DenoisingAutoencoder(new BM.MlpAutoencoder(16, [8], 4)); var t = new DenoisingAutoencoder(new MlpAutoencoder(16, [8], 4));
        Check(b, t, [[3, 16]], x => b.forward(x[0]), x => t.forward(x[0]));
    }

    [Fact]
    public void SmallConvEncoderAndRotationNet()
    {
        var b = new BM.RotationNet(new BM.SmallConvEncoder(3, width: 8)); var t = new RotationNet(new SmallConvEncoder(3, width: 8));
        Check(b, t, [[2, 3, 16, 16]], x => b.forward(x[0]), x => t.forward(x[0]));
    }

    [Fact]
    public void RelativePositionNet()
    {
        var b = new BM.RelativePositionNet(new BM.SmallConvEncoder(1, width: 8), hidden: 16);
        var t = new RelativePositionNet(new SmallConvEncoder(1, width: 8), hidden: 16);
        Check(b, t, [[2, 1, 12, 12], [2, 1, 12, 12]], x => b.forward(x[0], x[1]), x => t.forward(x[0], x[1]));
    }

    [Fact]
    public void Vae()
    {
        var b = new BM.Vae([1, 8, 8], [16], 3); var t = new Vae([1, 8, 8], [16], 3);
        Check(b, t, [[2, 1, 8, 8]], x => b.forward(x[0]), x => t.forward(x[0]));
    }

    [Fact]
    public void ConvVae()
    {
        var b = new BM.ConvVae(1, 16, 3, width: 8); var t = new ConvVae(1, 16, 3, width: 8);
        Check(b, t, [[2, 1, 16, 16]], x => b.forward(x[0]), x => t.forward(x[0]));
    }

    [Fact]
    public void VqVae()
    {
        var b = new BM.VqVae(1, 16, 8, 4, width: 8); var t = new VqVae(1, 16, 8, 4, width: 8);
        // The codes chosen, then the reconstruction and the VQ loss together (one output for the gradient check).
        Check(b, t, [[2, 1, 16, 16]], x => b.encode_indices(x[0]).to(BT.float32), x => t.encode_indices(x[0]).to(float32), gradients: false);
        Check(b, t, [[2, 1, 16, 16]], x => { var o = b.forward(x[0]); return o.reconstruction.flatten() * o.vq_loss; },
                                      x => { var o = t.forward(x[0]); return o.reconstruction.flatten() * o.vq_loss; });
    }

    [Fact]
    public void TransformerBlock()
    {
        var b = new BM.TransformerBlock(16, 4, causal: true); var t = new TransformerBlock(16, 4, causal: true);
        Check(b, t, [[2, 5, 16]], x => b.forward(x[0]), x => t.forward(x[0]));
        Check(b, t, [[2, 5, 16]], x => b.attn.attention_weights(x[0]), x => t.attn.attention_weights(x[0]));
    }

    [Fact]
    public void WeightNorm()
    {
        // wav2vec 2.0's positional convolution (one length per kernel tap), and DINO's last layer (one per output).
        var b = BM.WeightNorm.weight_norm(BT.nn.Conv1d(4, 4, 5, padding: 2, groups: 2), dim: 2);
        var t = SslCourse.Models.WeightNorm.weight_norm(nn.Conv1d(4, 4, 5, padding: 2, groups: 2), dim: 2);
        Check(b, t, [[2, 4, 9]], x => b.forward(x[0]), x => t.forward(x[0]));
        var bl = BM.WeightNorm.weight_norm(BT.nn.Linear(6, 3, false)); var tl = SslCourse.Models.WeightNorm.weight_norm(nn.Linear(6, 3, false));
        Check(bl, tl, [[2, 6]], x => bl.forward(x[0]), x => tl.forward(x[0]));
    }

    [Fact]
    public void ACheckpointSavedOnTorchSharpLoadsOnTheBuiltInEngine()
    {
        var t = new ConvAutoencoder(1, 16, 8, width: 8); var b = new BM.ConvAutoencoder(1, 16, 8, width: 8);
        var file = Path.Combine(Directory.CreateTempSubdirectory("sslcourse-parity-").FullName, "weights.safetensors");
        t.SaveSafetensors(file);
        builtin::SslCourse.IO.ModuleCheckpoints.LoadSafetensors(b, file);
        var saved = t.state_dict();
        foreach (var (name, value) in b.state_dict())
            Close(saved[name].to(float32).data<float>().ToArray(), value.to(BT.float32).data<float>(), name);
    }

    // Loads the built-in model's weights into the TorchSharp one through a safetensors file, then compares.
    static void Check(BModule b, nn.Module t, long[][] inputShapes, Func<BTensor[], BTensor> forwardB, Func<Tensor[], Tensor> forwardT,
        bool gradients = true)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("sslcourse-parity-").FullName, "weights.safetensors");
        builtin::SslCourse.IO.ModuleCheckpoints.SaveSafetensors(b, file);
        t.LoadSafetensors(file);
        b.eval(); t.eval();

        var values = inputShapes.Select((s, i) => Draw(s.Aggregate(1L, (a, d) => a * d), seed: i + 1)).ToArray();
        var xb = values.Select((v, i) => BT.tensor(v, inputShapes[i]).requires_grad_(gradients)).ToArray();
        var xt = values.Select((v, i) => tensor(v, inputShapes[i]).requires_grad_(gradients)).ToArray();
        var yb = forwardB(xb); var yt = forwardT(xt);
        Close(yb.data<float>(), yt.data<float>().ToArray(), "output");
        if (!gradients) return;

        var w = Draw(yb.numel(), seed: 99);
        (yb * BT.tensor(w, yb.shape)).sum().backward();
        (yt * tensor(w, yt.shape)).sum().backward();
        var gradT = t.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad);
        foreach (var (name, p) in b.named_parameters())
        {
            Xunit.Assert.True(gradT.ContainsKey(name), $"TorchSharp's model has no parameter {name}");
            if (p.grad is null) { Xunit.Assert.Null(gradT[name]); continue; }
            Close(p.grad.data<float>(), gradT[name]!.data<float>().ToArray(), $"gradient of {name}");
        }
        for (int i = 0; i < xb.Length; i++) Close(xb[i].grad!.data<float>(), xt[i].grad!.data<float>().ToArray(), $"gradient of input {i}");
    }

    static void Close(float[] expected, float[] actual, string what)
    {
        Xunit.Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Select(v => (double)Math.Abs(v)).DefaultIfEmpty(0).Max();
        for (int i = 0; i < expected.Length; i++)
            Xunit.Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 + 1e-4 * scale,
                $"{what}: element {i} is {actual[i]} on TorchSharp and {expected[i]} on the built-in engine");
    }

    // Values in [-1, 1) from a fixed linear congruential sequence: the same numbers on both engines, whatever their RNGs.
    static float[] Draw(long count, int seed)
    {
        var values = new float[count];
        ulong s = (ulong)seed * 6364136223846793005UL + 1442695040888963407UL;
        for (long i = 0; i < count; i++)
        {
            s = s * 6364136223846793005UL + 1442695040888963407UL;
            values[i] = (float)((s >> 40) / (double)(1UL << 24) * 2 - 1);
        }
        return values;
    }
}
