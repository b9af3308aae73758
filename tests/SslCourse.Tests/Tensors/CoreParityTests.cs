namespace SslCourse.Tests.Tensors;

/// <summary>Core ops against PyTorch (Fixtures/core.json from gen_core.py): outputs and input gradients.</summary>
public class CoreParityTests
{
    public static readonly Dictionary<string, Func<Tensor[], Tensor>> Ops = new()
    {
        ["neg"] = x => x[0].neg(), ["exp"] = x => x[0].exp(), ["abs"] = x => x[0].abs(), ["sin"] = x => x[0].sin(),
        ["cos"] = x => x[0].cos(), ["tanh"] = x => x[0].tanh(), ["sigmoid"] = x => x[0].sigmoid(), ["relu"] = x => x[0].relu(),
        ["silu"] = x => x[0].silu(), ["softplus"] = x => x[0].softplus(), ["erf"] = x => x[0].erf(), ["square"] = x => x[0].square(),
        ["floor"] = x => x[0].floor(), ["round"] = x => x[0].round(), ["sign"] = x => x[0].sign(), ["gelu"] = x => x[0].gelu(),
        ["gelu_tanh"] = x => x[0].gelu("tanh"), ["leaky_relu"] = x => x[0].leaky_relu(0.1), ["pow3"] = x => x[0].pow(3),
        ["clamp"] = x => x[0].clamp(-0.5, 0.3), ["log"] = x => x[0].log(), ["sqrt"] = x => x[0].sqrt(), ["rsqrt"] = x => x[0].rsqrt(),
        ["reciprocal"] = x => x[0].reciprocal(), ["pow_half"] = x => x[0].pow(0.5),
        ["add_broadcast"] = x => x[0] + x[1], ["sub_broadcast"] = x => x[0] - x[1], ["mul_broadcast"] = x => x[0] * x[1],
        ["div_broadcast"] = x => x[0] / x[1], ["pow_tensor"] = x => x[0].pow(x[1]), ["maximum"] = x => maximum(x[0], x[1]),
        ["minimum"] = x => minimum(x[0], x[1]), ["where"] = x => where(x[0] > 0, x[0], x[1]),
        ["scalar_ops"] = x => (2 - x[0]) * 3 / (x[0] + 4) - 1 / (x[0] + 2), ["transpose_mul"] = x => x[0].t() * x[1],
        ["sum_all"] = x => x[0].sum(), ["sum_dim"] = x => x[0].sum(1), ["sum_dims_keep"] = x => x[0].sum([0, 2], keepdim: true),
        ["mean_dim"] = x => x[0].mean(-1), ["var_dim"] = x => x[0].var(1), ["var_biased"] = x => x[0].var(1, keepdim: true, unbiased: false),
        ["std_all"] = x => x[0].std(), ["max_dim"] = x => x[0].max(1).values, ["min_dim_keep"] = x => x[0].min(0, keepdim: true).values,
        ["max_all"] = x => x[0].max(), ["argmax_dim"] = x => x[0].argmax(1), ["logsumexp"] = x => x[0].logsumexp(1),
        ["norm2"] = x => x[0].norm(), ["norm1_dim"] = x => x[0].norm(1, 1), ["prod_all"] = x => x[0].prod(),
        ["matmul_2d"] = x => x[0].matmul(x[1]), ["matmul_1d_1d"] = x => x[0].matmul(x[1]), ["matmul_1d_2d"] = x => x[0].matmul(x[1]),
        ["matmul_2d_1d"] = x => x[0].matmul(x[1]), ["matmul_batched_broadcast"] = x => x[0].matmul(x[1]),
        ["matmul_transposed"] = x => x[0].t().matmul(x[1].t()), ["outer"] = x => x[0].outer(x[1]),
        ["permute_reshape"] = x => x[0].permute(2, 0, 1).reshape(4, -1) * 2, ["slice_step"] = x => x[0][.., TensorIndex.Slice(1, null, 2)] * 3,
        ["select_unsqueeze"] = x => x[0][1].unsqueeze(0) + x[0][2], ["expand"] = x => x[0].expand(3, 2, 4) * arange(24.0).reshape(3, 2, 4),
        ["narrow"] = x => x[0].narrow(1, 1, 2).exp(), ["index_select"] = x => x[0].index_select(1, tensor(new long[] { 2, 0, 2 })),
        ["masked_select"] = x => x[0].masked_select(x[0] > 0),
    };

    public static TheoryData<string> Cases => new(Ops.Keys);

    [Theory, MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name) => Parity.Check("core", name, Ops[name]);
}
