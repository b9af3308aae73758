namespace SslCourse.Tests.Tensors;

/// <summary>Every differentiable core op against central differences, on broadcast and non-contiguous inputs.</summary>
public class GradCheckTests
{
    public static readonly Dictionary<string, (Func<Tensor[], Tensor> f, long[][] shapes, double shift)> Ops = new()
    {
        ["neg"] = (x => -x[0], [[3, 4]], 0),
        ["exp"] = (x => x[0].exp(), [[3, 4]], 0),
        ["log"] = (x => x[0].log(), [[3, 4]], 2),
        ["log1p"] = (x => x[0].log1p(), [[3, 4]], 1),
        ["expm1"] = (x => x[0].expm1(), [[3, 4]], 0),
        ["sqrt"] = (x => x[0].sqrt(), [[3, 4]], 2),
        ["rsqrt"] = (x => x[0].rsqrt(), [[3, 4]], 2),
        ["abs"] = (x => x[0].abs(), [[3, 4]], 0),
        ["sin"] = (x => x[0].sin(), [[3, 4]], 0),
        ["cos"] = (x => x[0].cos(), [[3, 4]], 0),
        ["tanh"] = (x => x[0].tanh(), [[3, 4]], 0),
        ["sigmoid"] = (x => x[0].sigmoid(), [[3, 4]], 0),
        ["relu"] = (x => x[0].relu(), [[3, 4]], 0),
        ["leaky_relu"] = (x => x[0].leaky_relu(0.2), [[3, 4]], 0),
        ["gelu"] = (x => x[0].gelu(), [[3, 4]], 0),
        ["gelu_tanh"] = (x => x[0].gelu("tanh"), [[3, 4]], 0),
        ["silu"] = (x => x[0].silu(), [[3, 4]], 0),
        ["softplus"] = (x => x[0].softplus(), [[3, 4]], 0),
        ["erf"] = (x => x[0].erf(), [[3, 4]], 0),
        ["reciprocal"] = (x => x[0].reciprocal(), [[3, 4]], 2),
        ["square"] = (x => x[0].square(), [[3, 4]], 0),
        ["pow_scalar"] = (x => x[0].pow(2.5), [[3, 4]], 2),
        ["clamp"] = (x => x[0].clamp(-0.5, 0.5), [[3, 4]], 0),
        ["add"] = (x => x[0] + x[1], [[2, 3, 4], [3, 1]], 0),
        ["sub"] = (x => x[0] - x[1], [[4], [2, 3, 4]], 0),
        ["mul"] = (x => x[0] * x[1], [[2, 1, 4], [3, 1]], 0),
        ["div"] = (x => x[0] / x[1], [[2, 3], [3]], 2),
        ["pow"] = (x => x[0].pow(x[1]), [[2, 3], [2, 3]], 2),
        ["atan2"] = (x => atan2(x[0], x[1]), [[2, 3], [2, 3]], 2),
        ["maximum"] = (x => maximum(x[0], x[1]), [[3, 4], [4]], 0),
        ["minimum"] = (x => minimum(x[0], x[1]), [[3, 4], [3, 1]], 0),
        ["where"] = (x => where(x[0] > 0, x[0], x[1]), [[3, 4], [4]], 0),
        ["scalars"] = (x => (2 - x[0]) * 3 / (x[0] + 4) - 1 / (x[0] + 2), [[5]], 0),
        ["sum"] = (x => x[0].sum([0, 2], keepdim: true), [[2, 3, 4]], 0),
        ["mean"] = (x => x[0].mean(1), [[2, 3, 4]], 0),
        ["var"] = (x => x[0].var(1), [[3, 5]], 0),
        ["std"] = (x => x[0].std(), [[3, 5]], 0),
        ["max_dim"] = (x => x[0].max(1).values, [[3, 5]], 0),
        ["amax"] = (x => x[0].amax([0, 1]), [[3, 5]], 0),
        ["logsumexp"] = (x => x[0].logsumexp(1), [[3, 5]], 0),
        ["norm"] = (x => x[0].norm(2, 1), [[3, 5]], 0),
        ["norm3"] = (x => x[0].norm(3), [[3, 5]], 0),
        ["matmul"] = (x => x[0].matmul(x[1]), [[3, 4], [4, 2]], 0),
        ["matmul_batched"] = (x => x[0].matmul(x[1]), [[2, 1, 3, 4], [3, 4, 2]], 0),
        ["matmul_vec"] = (x => x[0].matmul(x[1]), [[4], [4, 3]], 0),
        ["outer"] = (x => x[0].outer(x[1]), [[3], [4]], 0),
        ["views"] = (x => x[0].permute(1, 0, 2).reshape(3, -1)[.., 1..5].unsqueeze(0).squeeze(0), [[2, 3, 4]], 0),
        ["expand"] = (x => x[0].expand(2, 3, 4) * arange(24.0).reshape(2, 3, 4), [[3, 1]], 0),
        ["select"] = (x => x[0][1] * x[0][^1], [[3, 4]], 0),
        ["index_select"] = (x => x[0].index_select(0, tensor(new long[] { 2, 0, 2 })), [[3, 4]], 0),
        ["clone_to"] = (x => x[0].clone().to(float32), [[3, 4]], 0),
    };

    public static TheoryData<string> Names => new(Ops.Keys);

    [Theory, MemberData(nameof(Names))]
    public void GradientsMatchCentralDifferences(string name)
    {
        var (f, shapes, shift) = Ops[name];
        GradCheck.CheckBothLayouts(f, shapes, shift);
    }
}
