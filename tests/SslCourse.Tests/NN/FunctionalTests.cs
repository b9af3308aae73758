using F = SslCourse.torch.nn.functional;

namespace SslCourse.Tests.NN;

public class FunctionalTests
{
    static Tensor I(params long[] v) => tensor(v);
    static readonly Tensor Labels = I(1, 0, 4, 2);

    static Tensor Attention(Tensor[] x, Tensor? mask = null, bool causal = false) => F.scaled_dot_product_attention(x[0], x[1], x[2], mask, is_causal: causal);

    public static readonly Dictionary<string, Func<Tensor[], Tensor>> Ops = new()
    {
        ["softmax"] = x => F.softmax(x[0], 1),
        ["softmax_dim0"] = x => F.softmax(x[0], 0),
        ["log_softmax"] = x => F.log_softmax(x[0], -1),
        ["linear"] = x => F.linear(x[0], x[1], x[2]),
        ["linear_no_bias"] = x => F.linear(x[0], x[1]),
        ["elu"] = x => F.elu(x[0], 0.7),
        ["hardtanh"] = x => F.hardtanh(x[0], -0.5, 0.5),
        ["logsigmoid"] = x => F.logsigmoid(x[0]),
        ["cross_entropy"] = x => F.cross_entropy(x[0], Labels),
        ["cross_entropy_weight_ignore"] = x => F.cross_entropy(x[0], I(1, -100, 4, 2), weight: x[1]),
        ["cross_entropy_smoothing"] = x => F.cross_entropy(x[0], Labels, label_smoothing: 0.2),
        ["cross_entropy_smoothing_weight"] = x => F.cross_entropy(x[0], I(1, 3, -1, 2), weight: x[1], ignore_index: -1, label_smoothing: 0.1),
        ["cross_entropy_none"] = x => F.cross_entropy(x[0], Labels, reduction: "none"),
        ["cross_entropy_sum"] = x => F.cross_entropy(x[0], Labels, reduction: "sum"),
        ["cross_entropy_spatial"] = x => F.cross_entropy(x[0], I(0, 2, 1, 2, 2, 0).reshape(2, 3)),
        ["cross_entropy_probs"] = x => F.cross_entropy(x[0], x[1]),
        ["nll_loss"] = x => F.nll_loss(F.log_softmax(x[0], 1), Labels, reduction: "sum"),
        ["mse_loss"] = x => F.mse_loss(x[0], x[1]),
        ["l1_loss"] = x => F.l1_loss(x[0], x[1], reduction: "sum"),
        ["smooth_l1_loss"] = x => F.smooth_l1_loss(x[0], x[1], beta: 0.5),
        ["binary_cross_entropy"] = x => F.binary_cross_entropy(x[0], x[1]),
        ["bce_with_logits"] = x => F.binary_cross_entropy_with_logits(x[0], x[1], pos_weight: x[2]),
        ["kl_div_batchmean"] = x => F.kl_div(F.log_softmax(x[0], 1), x[1], reduction: "batchmean"),
        ["kl_div_log_target"] = x => F.kl_div(x[0], x[1], reduction: "sum", log_target: true),
        ["cosine_similarity"] = x => F.cosine_similarity(x[0], x[1]),
        ["normalize"] = x => F.normalize(x[0]),
        ["embedding"] = x => F.embedding(I(1, 0, 3, 3, 3, 2).reshape(2, 3), x[0], padding_idx: 3),
        ["batch_norm_train"] = x => F.batch_norm(x[0], null, null, x[1], x[2], training: true),
        ["batch_norm_eval"] = x => F.batch_norm(x[0], tensor(new[] { 0.1f, -0.2f, 0.3f }), tensor(new[] { 0.5f, 1.5f, 2.0f }), x[1], x[2]),
        ["layer_norm"] = x => F.layer_norm(x[0], [4], x[1], x[2]),
        ["layer_norm_2d"] = x => F.layer_norm(x[0], [3, 4]),
        ["group_norm"] = x => F.group_norm(x[0], 2, x[1], x[2]),
        ["sdpa"] = x => Attention(x),
        ["sdpa_causal"] = x => Attention(x, causal: true),
        ["sdpa_bool_mask"] = x => Attention(x, tensor(new[] { true, false, true, true, true, false }, [2, 3])),
    };

    public static TheoryData<string> Cases => new(Ops.Keys);

    [Theory, MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name) => Parity.Check("functional", name, Ops[name], atol: 2e-5, rtol: 2e-4);

    public static readonly Dictionary<string, (Func<Tensor[], Tensor> f, long[][] shapes)> Differentiable = new()
    {
        ["softmax"] = (x => F.softmax(x[0] * 3, 1), [[3, 4]]),
        ["log_softmax"] = (x => F.log_softmax(x[0] * 3, 0), [[3, 4]]),
        ["cross_entropy"] = (x => F.cross_entropy(x[0] * 3, I(2, 0, 1), label_smoothing: 0.1), [[3, 4]]),
        ["cross_entropy_probs"] = (x => F.cross_entropy(x[0], F.softmax(x[1], 1)), [[3, 4], [3, 4]]),
        ["bce_with_logits"] = (x => F.binary_cross_entropy_with_logits(x[0] * 4, x[1].sigmoid()), [[3, 4], [3, 4]]),
        ["kl_div"] = (x => F.kl_div(F.log_softmax(x[0], 1), F.softmax(x[1], 1), reduction: "batchmean"), [[3, 4], [3, 4]]),
        ["smooth_l1"] = (x => F.smooth_l1_loss(x[0], x[1], beta: 0.3), [[3, 4], [3, 4]]),
        ["cosine_similarity"] = (x => F.cosine_similarity(x[0], x[1]), [[3, 4], [3, 4]]),
        ["normalize"] = (x => F.normalize(x[0], dim: 0), [[3, 4]]),
        ["embedding"] = (x => F.embedding(I(1, 0, 1, 2), x[0]), [[3, 2]]),   // padding_idx deliberately blocks a real gradient: see the parity case
        ["batch_norm"] = (x => F.batch_norm(x[0], null, null, x[1], x[2], training: true), [[4, 3, 2], [3], [3]]),
        ["layer_norm"] = (x => F.layer_norm(x[0], [4], x[1], x[2]), [[3, 4], [4], [4]]),
        ["group_norm"] = (x => F.group_norm(x[0], 2, x[1], x[2]), [[2, 4, 3], [4], [4]]),
        ["attention"] = (x => F.scaled_dot_product_attention(x[0], x[1], x[2], is_causal: true), [[2, 3, 4], [2, 3, 4], [2, 3, 2]]),
        ["elu"] = (x => F.elu(x[0]), [[3, 4]]),
        ["linear"] = (x => F.linear(x[0], x[1], x[2]), [[2, 3, 4], [5, 4], [5]]),
    };

    public static TheoryData<string> DifferentiableCases => new(Differentiable.Keys);

    [Theory, MemberData(nameof(DifferentiableCases))]
    public void GradientsMatchCentralDifferences(string name)
    {
        var (f, shapes) = Differentiable[name];
        GradCheck.Check(f, shapes);
        GradCheck.Check(f, shapes, nonContiguous: true);
    }

    [Fact]
    public void BatchNormMovesRunningStatisticsTowardTheBatch()
    {
        var x = tensor(new float[] { 1, 2, 3, 4, 10, 20, 30, 40 }, [4, 2]);   // channel 0: 1,3,10,30; channel 1: 2,4,20,40
        var mean = zeros(2); var variance = ones(2);
        F.batch_norm(x, mean, variance, training: true, momentum: 0.1);
        TensorAssert.Values([0.1f * 11, 0.1f * 16.5f], mean, 1e-5);
        var unbiased0 = new[] { 1f, 3, 10, 30 }.Select(v => (v - 11f) * (v - 11f)).Sum() / 3;
        Xunit.Assert.Equal(0.9 + 0.1 * unbiased0, variance.data<float>()[0], 3);
        var eval = F.batch_norm(x, mean, variance);           // eval mode uses the running estimates
        Xunit.Assert.Equal((1 - 1.1) / Math.Sqrt(variance.data<float>()[0] + 1e-5), eval.data<float>()[0], 4);
    }

    [Fact]
    public void DropoutKeepsTheExpectationAndFollowsTheSeed()
    {
        var x = ones(20000);
        var a = F.dropout(x, 0.3, generator: new Generator(9));
        var b = F.dropout(x, 0.3, generator: new Generator(9));
        Xunit.Assert.Equal(a.data<float>(), b.data<float>());
        Xunit.Assert.InRange(a.eq(0).to(float32).mean().ToSingle(), 0.28f, 0.32f);
        Xunit.Assert.InRange(a.mean().ToSingle(), 0.97f, 1.03f);
        Xunit.Assert.Same(x, F.dropout(x, 0.3, training: false));
    }

    [Fact]
    public void HardGumbelSoftmaxIsOneHotWithTheSoftGradient()
    {
        var logits = tensor(new float[] { 1, 2, 3, 0.5f, 0.1f, 2 }, [2, 3], requires_grad: true);
        var y = F.gumbel_softmax(logits, tau: 0.5, hard: true, generator: new Generator(1));
        Xunit.Assert.Equal(new float[] { 1, 1 }, y.sum(1).data<float>());
        Xunit.Assert.All(y.data<float>(), v => Xunit.Assert.True(v == 0 || v == 1));
        (y * arange(6.0).reshape(2, 3)).sum().backward();
        Xunit.Assert.True(logits.grad!.abs().sum().ToSingle() > 0, "the straight-through gradient reaches the logits");
        var counts = new int[3];
        var g = new Generator(3);
        var weights = tensor(new float[] { 0, (float)Math.Log(2), (float)Math.Log(7) });
        for (int i = 0; i < 3000; i++) counts[F.gumbel_softmax(weights, hard: true, generator: g).argmax().ToInt64()]++;
        Xunit.Assert.InRange(counts[2] / 3000.0, 0.65, 0.75);   // samples follow softmax(logits) = 0.1, 0.2, 0.7
    }

    [Fact]
    public void BadInputsNameShapesAndClasses()
    {
        TensorAssert.Throws<ArgumentException>(() => F.cross_entropy(ones(4, 5), I(1, 2, 3)), "cross_entropy", "[3]", "[4,5]");
        TensorAssert.Throws<ArgumentException>(() => F.cross_entropy(ones(2, 5), I(1, 7)), "cross_entropy", "class 7", "5 classes");
        TensorAssert.Throws<ArgumentException>(() => F.mse_loss(ones(2, 3), ones(3, 2)), "mse_loss", "[2,3]", "[3,2]");
        TensorAssert.Throws<ArgumentException>(() => F.layer_norm(ones(2, 3), [4]), "layer_norm", "[4]", "[2,3]");
        TensorAssert.Throws<ArgumentException>(() => F.batch_norm(ones(2, 3), zeros(4), ones(4), training: true), "batch_norm", "running_mean", "3");
        TensorAssert.Throws<ArgumentException>(() => F.group_norm(ones(2, 6, 2), 4), "group_norm", "4 groups");
        TensorAssert.Throws<ArgumentException>(() => F.scaled_dot_product_attention(ones(2, 3), ones(2, 4), ones(2, 4)), "scaled_dot_product_attention", "[2,3]", "[2,4]");
        TensorAssert.Throws<ArgumentException>(() => F.embedding(ones(3), ones(4, 2)), "embedding", "int64");
    }
}
