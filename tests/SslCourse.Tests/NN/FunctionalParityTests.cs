
namespace SslCourse.Tests.NN;

/// <summary>torch.nn.functional against PyTorch (Fixtures/functional.json from gen_functional.py): outputs and input gradients.</summary>
public class FunctionalParityTests
{
    static readonly Tensor W5 = tensor(new[] { 0.5f, 1.0f, 2.0f, 1.5f, 0.8f });
    static Tensor Rm3 => linspace(-0.5, 0.5, 3);
    static Tensor Rv3 => linspace(0.5, 1.5, 3);

    static Tensor Running(Tensor x, int which)
    {
        var (rm, rv) = (zeros(3), ones(3));
        F.batch_norm(x, rm, rv, training: true, momentum: 0.2);
        return which == 0 ? rm : rv;
    }

    public static readonly Dictionary<string, Func<Tensor[], Tensor>> Ops = new()
    {
        ["relu"] = x => F.relu(x[0]), ["leaky_relu"] = x => F.leaky_relu(x[0], 0.2), ["gelu"] = x => F.gelu(x[0]),
        ["gelu_tanh"] = x => F.gelu(x[0], "tanh"), ["silu"] = x => F.silu(x[0]), ["tanh"] = x => F.tanh(x[0]),
        ["sigmoid"] = x => F.sigmoid(x[0]), ["softplus"] = x => F.softplus(x[0]), ["softplus_beta"] = x => F.softplus(x[0], beta: 2, threshold: 5),
        ["logsigmoid"] = x => F.logsigmoid(x[0]), ["elu"] = x => F.elu(x[0], 0.5), ["hardtanh"] = x => F.hardtanh(x[0], -0.5, 0.7),
        ["relu6"] = x => F.relu6(x[0]),

        ["softmax_dim1"] = x => F.softmax(x[0], 1), ["softmax_dim0_3d"] = x => F.softmax(x[0], 0),
        ["softmax_transposed"] = x => F.softmax(x[0].t(), 1), ["log_softmax_large"] = x => F.log_softmax(x[0], -1),
        ["log_softmax_mid"] = x => F.log_softmax(x[0], 1),

        ["ce_basic"] = x => F.cross_entropy(x[0], x[1]),
        ["ce_weight"] = x => F.cross_entropy(x[0], x[1], weight: W5),
        ["ce_ignore"] = x => F.cross_entropy(x[0], x[1], weight: W5, ignore_index: 2),
        ["ce_none"] = x => F.cross_entropy(x[0], x[1], reduction: "none"),
        ["ce_sum"] = x => F.cross_entropy(x[0], x[1], reduction: "sum"),
        ["ce_smoothing"] = x => F.cross_entropy(x[0], x[1], label_smoothing: 0.1),
        ["ce_smoothing_weight_ignore"] = x => F.cross_entropy(x[0], x[1], weight: W5, ignore_index: 0, label_smoothing: 0.2),
        ["ce_smoothing_none"] = x => F.cross_entropy(x[0], x[1], reduction: "none", ignore_index: 4, label_smoothing: 0.3),
        ["ce_spatial"] = x => F.cross_entropy(x[0], x[1]),
        ["ce_spatial_none"] = x => F.cross_entropy(x[0], x[1], reduction: "none"),
        ["ce_probs"] = x => F.cross_entropy(x[0], x[1]),
        ["ce_probs_smoothing_weight"] = x => F.cross_entropy(x[0], x[1], weight: W5, label_smoothing: 0.1, reduction: "sum"),
        ["ce_unbatched"] = x => F.cross_entropy(x[0], x[1]),
        ["nll_basic"] = x => F.nll_loss(x[0], x[1]),
        ["nll_weight_sum"] = x => F.nll_loss(x[0], x[1], weight: W5, reduction: "sum"),
        ["nll_spatial_none"] = x => F.nll_loss(x[0], x[1], reduction: "none"),

        ["mse"] = x => F.mse_loss(x[0], x[1]), ["mse_sum"] = x => F.mse_loss(x[0], x[1], "sum"),
        ["l1_none"] = x => F.l1_loss(x[0], x[1], "none"), ["smooth_l1"] = x => F.smooth_l1_loss(x[0], x[1], beta: 0.5),
        ["smooth_l1_default_none"] = x => F.smooth_l1_loss(x[0], x[1], "none"),
        ["bce"] = x => F.binary_cross_entropy(x[0], x[1]),
        ["bce_weight_sum"] = x => F.binary_cross_entropy(x[0], x[1], weight: arange(1.0, 5.0), reduction: "sum"),
        ["bce_logits"] = x => F.binary_cross_entropy_with_logits(x[0], x[1]),
        ["bce_logits_pos_weight"] = x => F.binary_cross_entropy_with_logits(x[0], x[1], weight: tensor(new[] { 1f, 0.5f, 2f, 1f }),
            reduction: "none", pos_weight: tensor(new[] { 2f, 1f, 3f, 0.5f })),
        ["kl_batchmean"] = x => F.kl_div(x[0], x[1], "batchmean"), ["kl_none"] = x => F.kl_div(x[0], x[1], "none"),
        ["kl_log_target_sum"] = x => F.kl_div(x[0], x[1], "sum", log_target: true),
        ["kl_zero_target"] = x => F.kl_div(x[0], x[1], "mean"),

        ["cosine_similarity"] = x => F.cosine_similarity(x[0], x[1]),
        ["cosine_similarity_broadcast"] = x => F.cosine_similarity(x[0], x[1], dim: -1),
        ["cosine_similarity_tiny_norms"] = x => F.cosine_similarity(x[0], x[1]),
        ["normalize"] = x => F.normalize(x[0]), ["normalize_p1_dim0"] = x => F.normalize(x[0], p: 1, dim: 0),

        ["embedding"] = x => F.embedding(x[1], x[0]), ["embedding_padding"] = x => F.embedding(x[1], x[0], padding_idx: 2),

        ["bn_train_2d"] = x => F.batch_norm(x[0], null, null, x[1], x[2], training: true),
        ["bn_train_3d"] = x => F.batch_norm(x[0], null, null, x[1], x[2], training: true),
        ["bn_train_4d_noaffine"] = x => F.batch_norm(x[0], null, null, training: true, eps: 1e-3),
        ["bn_eval"] = x => F.batch_norm(x[0], Rm3, Rv3, x[1], x[2], training: false),
        ["bn_running_mean"] = x => Running(x[0], 0), ["bn_running_var"] = x => Running(x[0], 1),
        ["ln_last"] = x => F.layer_norm(x[0], [4], x[1], x[2]),
        ["ln_two_dims"] = x => F.layer_norm(x[0], [3, 4], eps: 1e-3),
        ["ln_transposed"] = x => F.layer_norm(x[0].transpose(0, 1), [3], x[1]),
        ["gn"] = x => F.group_norm(x[0], 2, x[1], x[2]), ["gn_4d"] = x => F.group_norm(x[0], 3),

        ["sdpa"] = x => F.scaled_dot_product_attention(x[0], x[1], x[2]),
        ["sdpa_bool_mask"] = x => F.scaled_dot_product_attention(x[0], x[1], x[2], x[3]),
        ["sdpa_float_mask_scale"] = x => F.scaled_dot_product_attention(x[0], x[1], x[2], x[3], scale: 0.3),
        ["sdpa_causal_heads"] = x => F.scaled_dot_product_attention(x[0], x[1], x[2], is_causal: true),
    };

    public static TheoryData<string> Cases => new(Ops.Keys);

    [Theory, MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name) => Parity.Check("functional", name, Ops[name]);
}
