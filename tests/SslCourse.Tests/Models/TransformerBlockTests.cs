using SslCourse.Models;
using System.Text.Json;

namespace SslCourse.Tests.Models;

/// <summary>The course's GPT-2 block against PyTorch (the "TransformerBlock" case of Fixtures/modules.json), on either engine.</summary>
public class TransformerBlockTests
{
    [Fact]
    public void MatchesPyTorchWithTheSameWeights()
    {
        var c = Parity.Case("modules", "TransformerBlock");
        var block = new TransformerBlock(8, 2, causal: true);
        block.load_state_dict(c.GetProperty("state").EnumerateObject().ToDictionary(p => p.Name, p => Parity.Decode(p.Value)));
        var x = Parity.Decode(c.GetProperty("input")).requires_grad_();
        var y = block.forward(x);
        TensorAssert.Close(Parity.Decode(c.GetProperty("output")), y, 2e-5, 2e-4, "output");
        (y * Parity.Decode(c.GetProperty("grad_output"))).sum().backward();
        TensorAssert.Close(Parity.Decode(c.GetProperty("input_grad")), x.grad!, 2e-5, 2e-4, "input gradient");
        var parameters = block.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var g in c.GetProperty("param_grads").EnumerateObject())
            TensorAssert.Close(Parity.Decode(g.Value), parameters[g.Name].grad!, 2e-5, 2e-4, $"gradient of {g.Name}");
    }

    [Fact]
    public void AttentionWeightsAreCausalAndSumToOne()
    {
        manual_seed(3);
        var attention = new SelfAttention(8, 2, causal: true);
        var w = attention.attention_weights(randn(2, 5, 8));                  // [B, H, T, T]
        Xunit.Assert.Equal([2L, 2, 5, 5], w.shape);
        TensorAssert.Close(ones(2, 2, 5), w.sum(dim: -1), 1e-5);
        Xunit.Assert.Equal(0f, w.triu(1).abs().max().item<float>());           // nothing from the future
    }
}
