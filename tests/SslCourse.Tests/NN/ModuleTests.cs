using SslCourse.IO;
using System.Text.Json;

namespace SslCourse.Tests.NN;

/// <summary>Layers against PyTorch (Fixtures/modules.json from gen_modules.py) with the same weights.</summary>
public class ModuleTests
{
    static readonly Tensor Padding = tensor(new[] { false, false, false, true, false, false, false, false }, [2, 4]);

    public static readonly Dictionary<string, Func<(Module module, Func<Tensor, Tensor> forward)>> Layers = new()
    {
        ["Linear"] = () => Wrap(Linear(4, 3)),
        ["Conv1d"] = () => Wrap(Conv1d(2, 3, 3, stride: 2, padding: 1)),
        ["Conv2d"] = () => Wrap(Conv2d(2, 4, 3, padding: 1)),
        ["Conv2d_groups"] = () => Wrap(Conv2d(4, 4, 3, stride: 2, groups: 2, bias: false)),
        ["ConvTranspose2d"] = () => Wrap(ConvTranspose2d(3, 2, 3, stride: 2, padding: 1, output_padding: 1)),
        ["BatchNorm1d"] = () => Wrap(BatchNorm1d(3)),
        ["BatchNorm2d_train"] = () => Wrap(BatchNorm2d(3)),
        ["BatchNorm2d_eval"] = () => Wrap((Module<Tensor, Tensor>)BatchNorm2d(3).eval()),
        ["LayerNorm"] = () => Wrap(LayerNorm(4)),
        ["GroupNorm"] = () => Wrap(GroupNorm(2, 4)),
        ["Embedding"] = () => Wrap(Embedding(5, 3, padding_idx: 0)),
        ["Sequential"] = () => Wrap(Sequential(Linear(4, 8), ReLU(), Linear(8, 2))),
        ["MultiheadAttention"] = () => { var m = MultiheadAttention(8, 2, batch_first: true); return (m, x => m.forward(x, x, x, key_padding_mask: Padding).output); },
        ["MultiheadAttention_causal"] = () => { var m = MultiheadAttention(8, 2, batch_first: true); return (m, x => m.forward(x, x, x, is_causal: true).output); },
    };

    static (Module, Func<Tensor, Tensor>) Wrap(Module<Tensor, Tensor> m) => (m, m.forward);

    public static TheoryData<string> Cases => new(Layers.Keys);

    [Theory, MemberData(nameof(Cases))]
    public void LayerMatchesPyTorch(string name)
    {
        var c = Parity.Case("modules", name);
        var (module, forward) = Layers[name]();
        module.load_state_dict(Decode(c.GetProperty("state")));
        var x = Parity.Decode(c.GetProperty("input"));
        if (x.dtype == float32) x.requires_grad = true;
        var y = forward(x);
        TensorAssert.Close(Parity.Decode(c.GetProperty("output")), y, 2e-5, 2e-4, $"{name}: output");
        (y * Parity.Decode(c.GetProperty("grad_output"))).sum().backward();
        if (c.GetProperty("input_grad").ValueKind != JsonValueKind.Null)
            TensorAssert.Close(Parity.Decode(c.GetProperty("input_grad")), x.grad!, 2e-5, 2e-4, $"{name}: input gradient");
        var parameters = module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var g in c.GetProperty("param_grads").EnumerateObject())
            TensorAssert.Close(Parity.Decode(g.Value), parameters[g.Name].grad!, 2e-5, 2e-4, $"{name}: gradient of {g.Name}");
        var after = module.state_dict();
        foreach (var s in c.GetProperty("state_after").EnumerateObject())
            TensorAssert.Close(Parity.Decode(s.Value), after[s.Name], 2e-5, 2e-4, $"{name}: {s.Name} after the step");
    }

    static Dictionary<string, Tensor> Decode(JsonElement state) =>
        state.EnumerateObject().ToDictionary(p => p.Name, p => Parity.Decode(p.Value));

    [Fact]
    public void NamesFollowFieldsAndNesting()
    {
        var model = Sequential(("encoder", Sequential(Linear(4, 3), ReLU())), ("head", Linear(3, 2)));
        Xunit.Assert.Equal(["encoder.0.weight", "encoder.0.bias", "head.weight", "head.bias"], model.named_parameters().Select(p => p.name));
        Xunit.Assert.Equal(["", "encoder", "encoder.0", "encoder.1", "head"], model.named_modules().Select(m => m.name));
        var bn = BatchNorm2d(3);
        Xunit.Assert.Equal(["running_mean", "running_var", "num_batches_tracked"], bn.named_buffers().Select(b => b.name));
        Xunit.Assert.Equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], bn.state_dict().Keys);
    }

    [Fact]
    public void TrainAndEvalReachEverySubmodule()
    {
        var model = Sequential(Linear(2, 2), Dropout(0.5), Sequential(BatchNorm1d(2)));
        model.eval();
        Xunit.Assert.All(model.modules(), m => Xunit.Assert.False(m.training));
        var x = randn(4, 2);
        Xunit.Assert.Equal(model.forward(x).data<float>(), model.forward(x).data<float>());  // no dropout in eval
        model.train();
        Xunit.Assert.All(model.modules(), m => Xunit.Assert.True(m.training));
    }

    [Fact]
    public void LoadStateDictListsEveryProblem()
    {
        var model = Sequential(Linear(4, 3), Linear(3, 2));
        var state = Sequential(Linear(4, 3), Linear(3, 5)).state_dict();
        state.Remove("0.bias");
        state["extra"] = zeros(1);
        var e = TensorAssert.Throws<ArgumentException>(() => model.load_state_dict(state),
            "missing keys: 0.bias", "unexpected keys: extra", "1.weight (model [2,3], state [5,3])", "1.bias (model [2], state [5])");
        state.Remove("1.weight"); state.Remove("1.bias");
        var (missing, unexpected) = model.load_state_dict(state, strict: false);
        Xunit.Assert.Equal(["0.bias", "1.weight", "1.bias"], missing);
        Xunit.Assert.Equal(["extra"], unexpected);
    }

    [Fact]
    public void DefaultInitialisationHasPyTorchsBounds()
    {
        manual_seed(0);
        var linear = Linear(400, 300);
        double bound = 1 / Math.Sqrt(400);
        Xunit.Assert.InRange(linear.weight.abs().max().ToDouble(), 0.95 * bound, bound);
        Xunit.Assert.InRange(linear.weight.std().ToDouble(), 0.95 * bound / Math.Sqrt(3), 1.05 * bound / Math.Sqrt(3));
        var conv = Conv2d(16, 8, 3);
        Xunit.Assert.InRange(conv.weight.abs().max().ToDouble(), 0.9 / Math.Sqrt(16 * 9), 1 / Math.Sqrt(16 * 9));
        var w = empty(200, 300);
        init.xavier_uniform_(w);
        Xunit.Assert.InRange(w.abs().max().ToDouble(), 0.95 * Math.Sqrt(6.0 / 500), Math.Sqrt(6.0 / 500));
        init.kaiming_normal_(w, nonlinearity: "relu");
        Xunit.Assert.InRange(w.std().ToDouble(), 0.97 * Math.Sqrt(2.0 / 300), 1.03 * Math.Sqrt(2.0 / 300));
        init.trunc_normal_(w, std: 0.02, a: -0.04, b: 0.04);
        Xunit.Assert.InRange(w.abs().max().ToDouble(), 0.03, 0.04);
    }

    [Fact]
    public void SaveAndLoadRoundTripThroughSafetensors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sslcourse-{Guid.NewGuid():N}.safetensors");
        try
        {
            var a = Sequential(Conv2d(1, 2, 3), BatchNorm2d(2), ReLU(), Flatten(), Linear(8, 2));
            a.forward(randn(3, 1, 4, 4));   // moves the running statistics
            a.SaveSafetensors(path);
            var b = Sequential(Conv2d(1, 2, 3), BatchNorm2d(2), ReLU(), Flatten(), Linear(8, 2));
            b.LoadSafetensors(path);
            foreach (var (k, v) in a.state_dict()) TensorAssert.Close(v, b.state_dict()[k], 0, 0, k);
        }
        finally { File.Delete(path); }
    }
}
