using SslCourse.Modules;
using SslCourse.Models;
using SslCourse.Optim;

namespace SslCourse.Tests.Optim;

/// <summary>Optimizers and schedules against PyTorch (Fixtures/modules.json from gen_modules.py).</summary>
public class OptimizerTests
{
    public static readonly Dictionary<string, Func<Tensor, optim.Optimizer>> Optimizers = new()
    {
        ["SGD"] = w => optim.SGD([w], learningRate: 0.05),
        ["SGD_momentum_nesterov_wd"] = w => optim.SGD([w], learningRate: 0.05, momentum: 0.9, nesterov: true, weight_decay: 0.1),
        ["SGD_momentum_dampening"] = w => optim.SGD([w], learningRate: 0.05, momentum: 0.8, dampening: 0.3),
        ["Adam"] = w => optim.Adam([w], lr: 0.1),
        ["Adam_wd"] = w => optim.Adam([w], lr: 0.1, beta1: 0.8, beta2: 0.9, weight_decay: 0.5),
        ["AdamW"] = w => optim.AdamW([w], lr: 0.1, weight_decay: 0.5),
    };

    public static TheoryData<string> Cases => new(Optimizers.Keys);

    [Theory, MemberData(nameof(Cases))]
    public void StepsMatchPyTorch(string name)
    {
        var c = Parity.Case("modules", name);
        var x = Parity.Decode(c.GetProperty("x"));
        var y = Parity.Decode(c.GetProperty("y"));
        var w = Parity.Decode(c.GetProperty("w0")).requires_grad_();
        var opt = Optimizers[name](w);
        int step = 0;
        foreach (var expected in c.GetProperty("trajectory").EnumerateArray())
        {
            opt.zero_grad();
            (w * x - y).pow(2).sum().backward();
            opt.step();
            TensorAssert.Close(Parity.Decode(expected), w, 1e-5, 1e-4, $"{name}: weights after step {++step}");
        }
    }

    [Theory]
    [InlineData("StepLR")]
    [InlineData("CosineAnnealingLR")]
    public void SchedulesMatchPyTorch(string name)
    {
        var opt = optim.SGD([zeros(1).requires_grad_()], learningRate: 0.5);
        optim.lr_scheduler.LRScheduler schedule = name == "StepLR" ? optim.lr_scheduler.StepLR(opt, 3, 0.5) : optim.lr_scheduler.CosineAnnealingLR(opt, 10, eta_min: 0.05);
        foreach (var expected in Parity.Case("modules", name).GetProperty("lrs").EnumerateArray())
        {
            Xunit.Assert.Equal(expected.GetDouble(), schedule.get_last_lr().First(), 10);
            opt.step();
            schedule.step();
        }
    }

    [Fact]
    public void WarmupRisesLinearlyThenFollowsACosineToZero()
    {
        var opt = optim.SGD([zeros(1).requires_grad_()], learningRate: 1.0);
        var schedule = new LinearWarmupCosineLR(opt, warmup_steps: 4, total_steps: 14);
        var lrs = new List<double>();
        for (int i = 0; i <= 14; i++) { lrs.Add(schedule.get_last_lr().First()); schedule.step(); }
        Xunit.Assert.Equal([0.2, 0.4, 0.6, 0.8], lrs.Take(4).Select(v => Math.Round(v, 10)));
        Xunit.Assert.Equal(1.0, lrs[4], 10);
        Xunit.Assert.Equal(0.5, lrs[9], 10);
        Xunit.Assert.Equal(0.0, lrs[14], 10);
    }

    [Fact]
    public void ParameterGroupsKeepTheirOwnOptions()
    {
        var model = Sequential(Linear(3, 3), LayerNorm(3));
        var groups = WeightDecayGroups.Of(model, weight_decay: 0.5);
        Xunit.Assert.Single(groups[0].Parameters);                  // the Linear weight
        Xunit.Assert.Equal(3, groups[1].Parameters.Count);          // bias, LayerNorm weight and bias
        var opt = optim.AdamW(groups, lr: 0.1);
        Xunit.Assert.Equal(0.5, opt.ParamGroups[0].Options["weight_decay"]);
        Xunit.Assert.Equal(0.0, opt.ParamGroups[1].Options["weight_decay"]);
        // With zero gradients only decoupled decay moves a weight: the decayed group shrinks, the other does not.
        foreach (var p in model.parameters()) p.grad = zeros_like(p);
        var before = model.parameters().Select(p => p.clone()).ToList();
        opt.step();
        var after = model.parameters().ToList();
        TensorAssert.Close(before[0] * (1 - 0.1 * 0.5), after[0], 1e-6);
        for (int i = 1; i < after.Count; i++) TensorAssert.Close(before[i], after[i], 0);
    }

    [Fact]
    public void LarsScalesEachStepByTheTrustRatio()
    {
        var w = tensor(new float[] { 3, 4 }, requires_grad: true);         // ‖w‖ = 5
        var opt = new LARS([new ParamGroup([w])], lr: 1.0, momentum: 0, trust_coefficient: 0.1);
        w.grad = tensor(new float[] { 0, 10 });                              // ‖g‖ = 10: trust = 0.1·5/10 = 0.05
        opt.step();
        TensorAssert.Values([3, 3.5f], w, 1e-5);
    }

    [Fact]
    public void ClipGradNormScalesAllGradientsTogether()
    {
        var a = zeros(2).requires_grad_(); var b = zeros(1).requires_grad_();
        a.grad = tensor(new float[] { 3, 0 }); b.grad = tensor(new float[] { 4 });
        double total = utils.clip_grad_norm_([a, b], max_norm: 1.0);
        Xunit.Assert.Equal(5, total, 5);
        TensorAssert.Values([0.6f, 0], a.grad!, 1e-5);
        TensorAssert.Values([0.8f], b.grad!, 1e-5);
    }

    [Fact]
    public void EmaMovesTheTargetTowardTheOnlineWeights()
    {
        var online = Linear(2, 2); var target = Linear(2, 2);
        var expected = target.weight * 0.9 + online.weight * 0.1;
        ExponentialMovingAverage.Update(target, online, momentum: 0.9);
        TensorAssert.Close(expected, target.weight, 1e-6);
        TensorAssert.Throws<ArgumentException>(() => ExponentialMovingAverage.Update(Linear(2, 3), online, 0.9), "same parameters");
    }

    [Fact]
    public void OptimizerStateRoundTripsThroughItsStateDict()
    {
        var w1 = ones(3).requires_grad_(); var w2 = ones(3).requires_grad_();
        var a = optim.Adam([w1], lr: 0.1); var b = optim.Adam([w2], lr: 0.1);
        for (int i = 0; i < 3; i++) { a.zero_grad(); (w1 * w1).sum().backward(); a.step(); }
        using (no_grad()) w2.copy_(w1);
        b.load_state_dict(a.state_dict());
        a.zero_grad(); (w1 * w1).sum().backward(); a.step();
        b.zero_grad(); (w2 * w2).sum().backward(); b.step();
        Xunit.Assert.Equal(w1.data<float>(), w2.data<float>());
        TensorAssert.Throws<ArgumentException>(() => b.load_state_dict(new Dictionary<string, Tensor>()), "step");
    }

    [Theory]
    [InlineData(4, 3, "has shape [4,3] but parameter 0 has shape [3,4]")]     // transposed: would train wrong
    [InlineData(3, 2, "has shape [4,3] but parameter 0 has shape [2,3]")]     // fewer elements: would crash inside step()
    public void StateSavedForAnotherModelIsRefusedAndChangesNothing(int inputs, int outputs, string shape)
    {
        var saved = Linear(3, 4);
        var a = optim.Adam(saved.parameters(), lr: 0.1);
        for (int i = 0; i < 2; i++) { a.zero_grad(); saved.forward(ones(2, 3)).sum().backward(); a.step(); }

        var other = Linear(inputs, outputs);
        var b = optim.Adam(other.parameters(), lr: 0.1);
        b.zero_grad(); other.forward(ones(2, inputs)).sum().backward(); b.step();
        var before = b.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        TensorAssert.Throws<ArgumentException>(() => b.load_state_dict(a.state_dict()), shape);
        var after = b.state_dict();
        Xunit.Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (k, v) in before) TensorAssert.Close(v, after[k], 0, 0, k);
        TensorAssert.Throws<ArgumentException>(() => b.load_state_dict(new Dictionary<string, Tensor> { ["step"] = tensor(1L), ["state.9.exp_avg"] = ones(1) }), "unexpected entry 'state.9.exp_avg'");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FusedAdamFollowsItsFormulaOnTensorsLongerThanAVector(bool decoupled)
    {
        // 40 000 elements cross the vector loop, its scalar tail and the threaded blocks.
        var g0 = new Generator(3);
        var w = randn([40_003], g0).requires_grad_();
        var expected = w.detach().clone();
        var m = zeros(40_003); var v = zeros(40_003);
        optim.Optimizer opt = decoupled ? optim.AdamW([w], lr: 0.01, weight_decay: 0.1) : optim.Adam([w], lr: 0.01, weight_decay: 0.1);
        for (int t = 1; t <= 3; t++)
        {
            var grad = randn([40_003], g0);
            w.grad = grad.clone();
            opt.step();
            var e = decoupled ? expected * (1 - 0.01 * 0.1) : expected;
            var gi = decoupled ? grad : grad + expected * 0.1;
            m = m * 0.9 + gi * 0.1;
            v = v * 0.999 + gi * gi * 0.001;
            expected = e - m / (1 - Math.Pow(0.9, t)) * 0.01 / ((v / (1 - Math.Pow(0.999, t))).sqrt() + 1e-8);
        }
        TensorAssert.Close(expected, w, 1e-6, 1e-5);
    }
}
