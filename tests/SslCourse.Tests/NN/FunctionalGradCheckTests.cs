
namespace SslCourse.Tests.NN;

/// <summary>Every differentiable functional op against central differences, on contiguous and non-contiguous inputs.</summary>
public class FunctionalGradCheckTests
{
    static readonly Tensor Classes4 = tensor(new long[] { 1, 0, 4, 2 });
    static readonly Tensor Classes4Ignored = tensor(new long[] { 1, -100, 4, 1 });
    static readonly Tensor Spatial = tensor(new long[] { 0, 2, 1, 1, 2, 0, 0, 1 }, [2, 2, 2]);
    static readonly Tensor W5 = tensor(new[] { 0.5f, 1.0f, 2.0f, 1.5f, 0.8f });
    static readonly Tensor Indices = tensor(new long[] { 1, 3, 1, 5, 0, 1 }, [2, 3]);

    public static readonly Dictionary<string, (Func<Tensor[], Tensor> f, long[][] shapes, double shift)> Ops = new()
    {
        ["softmax"] = (x => F.softmax(x[0] * 3, 1), [[3, 5]], 0),
        ["softmax_dim0"] = (x => F.softmax(x[0] * 3, 0), [[4, 3, 2]], 0),
        ["log_softmax"] = (x => F.log_softmax(x[0] * 3, -1), [[3, 5]], 0),
        ["elu"] = (x => F.elu(x[0] * 2, 0.7), [[3, 4]], 0),
        ["hardtanh"] = (x => F.hardtanh(x[0] * 2, -0.3, 0.6), [[3, 4]], 0),
        ["softplus_beta"] = (x => F.softplus(x[0] * 3, beta: 2, threshold: 3), [[3, 4]], 0),
        ["logsigmoid"] = (x => F.logsigmoid(x[0] * 3), [[3, 4]], 0),
        ["cross_entropy"] = (x => F.cross_entropy(x[0] * 2, Classes4), [[4, 5]], 0),
        ["cross_entropy_all_options"] = (x => F.cross_entropy(x[0] * 2, Classes4Ignored, W5, label_smoothing: 0.2), [[4, 5]], 0),
        ["cross_entropy_spatial"] = (x => F.cross_entropy(x[0] * 2, Spatial, reduction: "none"), [[2, 3, 2, 2]], 0),
        ["cross_entropy_probs"] = (x => F.cross_entropy(x[0] * 2, F.softmax(x[1], 1), label_smoothing: 0.1), [[4, 5], [4, 5]], 0),
        ["nll_loss"] = (x => F.nll_loss(x[0], Classes4, W5, reduction: "sum"), [[4, 5]], 0),
        ["mse_loss"] = (x => F.mse_loss(x[0], x[1]), [[3, 4], [3, 4]], 0),
        ["l1_loss"] = (x => F.l1_loss(x[0], x[1], "sum"), [[3, 4], [3, 4]], 0),
        ["smooth_l1_loss"] = (x => F.smooth_l1_loss(x[0], x[1], "none", beta: 0.5), [[3, 4], [3, 4]], 0),
        ["binary_cross_entropy"] = (x => F.binary_cross_entropy(x[0].sigmoid(), x[1].sigmoid(), weight: x[2]), [[3, 4], [3, 4], [4]], 0),
        ["bce_with_logits"] = (x => F.binary_cross_entropy_with_logits(x[0] * 4, x[1].sigmoid(), pos_weight: x[2] + 2), [[3, 4], [3, 4], [4]], 0),
        ["kl_div"] = (x => F.kl_div(F.log_softmax(x[0], 1), F.softmax(x[1], 1), "batchmean"), [[3, 5], [3, 5]], 0),
        ["kl_div_log_target"] = (x => F.kl_div(x[0], x[1], "none", log_target: true), [[3, 5], [3, 5]], 0),
        ["cosine_similarity"] = (x => F.cosine_similarity(x[0], x[1], dim: 0), [[4, 3], [4, 1]], 0),
        ["normalize"] = (x => F.normalize(x[0], dim: -1), [[3, 4]], 0),
        ["embedding"] = (x => F.embedding(Indices, x[0]) * 1.0, [[6, 3]], 0),
        ["batch_norm_train"] = (x => F.batch_norm(x[0], null, null, x[1], x[2], training: true), [[4, 3], [3], [3]], 0),
        ["batch_norm_train_3d"] = (x => F.batch_norm(x[0], null, null, x[1], x[2], training: true), [[2, 3, 4], [3], [3]], 0),
        ["batch_norm_eval"] = (x => F.batch_norm(x[0], linspace(-0.5, 0.5, 3), linspace(0.5, 1.5, 3), x[1], x[2]), [[2, 3, 2], [3], [3]], 0),
        ["layer_norm"] = (x => F.layer_norm(x[0], [4], x[1], x[2]), [[2, 3, 4], [4], [4]], 0),
        ["layer_norm_2d_shape"] = (x => F.layer_norm(x[0], [3, 4], x[1]), [[2, 3, 4], [3, 4]], 0),
        ["group_norm"] = (x => F.group_norm(x[0], 2, x[1], x[2]), [[2, 4, 3], [4], [4]], 0),
        ["gumbel_softmax"] = (x => F.gumbel_softmax(x[0], tau: 0.7, generator: new Generator(3)), [[3, 4]], 0),
        ["dropout"] = (x => F.dropout(x[0], 0.3, generator: new Generator(7)), [[4, 5]], 0),
        ["dropout2d"] = (x => F.dropout2d(x[0], 0.5, generator: new Generator(7)), [[2, 3, 2, 2]], 0),
        ["attention"] = (x => F.scaled_dot_product_attention(x[0], x[1], x[2]), [[2, 3, 4], [2, 5, 4], [2, 5, 2]], 0),
        ["attention_causal"] = (x => F.scaled_dot_product_attention(x[0], x[1], x[2], is_causal: true), [[2, 4, 3], [2, 4, 3], [2, 4, 3]], 0),
        ["attention_float_mask"] = (x => F.scaled_dot_product_attention(x[0], x[1], x[2], x[3]), [[3, 4], [5, 4], [5, 2], [3, 5]], 0),
    };

    public static TheoryData<string> Names => new(Ops.Keys);

    [Theory, MemberData(nameof(Names))]
    public void GradientsMatchCentralDifferences(string name)
    {
        var (f, shapes, shift) = Ops[name];
        GradCheck.CheckBothLayouts(f, shapes, shift);
    }
}
