using SslCourse.Models;

namespace SslCourse.Tests.Models;

/// <summary>
/// The ops the coming lessons call — einsum, cdist, padding modes, diagonal, unique, weight_norm — through the API both
/// engines share, against PyTorch (Fixtures/ops.json, written by gen_ops.py): values, and gradients where there are any.
/// This file runs on the built-in engine and on TorchSharp.
/// </summary>
public class OpsUsedByLessonsTests
{
    static readonly Dictionary<string, Func<Tensor[], Tensor>> Ops = new()
    {
        ["einsum_row_dots"] = x => torch.einsum("nc,nc->n", x[0], x[1]),
        ["einsum_matmul"] = x => torch.einsum("nc,ck->nk", x[0], x[1]),
        ["einsum_bmm"] = x => torch.einsum("bij,bjk->bik", x[0], x[1]),
        ["einsum_attention"] = x => torch.einsum("bhqd,bhkd->bhqk", x[0], x[1]),
        ["einsum_outer"] = x => torch.einsum("i,j->ij", x[0], x[1]),
        ["einsum_hadamard"] = x => torch.einsum("ij,ij->ij", x[0], x[1]),
        ["einsum_diagonal"] = x => torch.einsum("ii->i", x[0]),
        ["einsum_batch_diagonal"] = x => torch.einsum("bii->bi", x[0]),
        ["einsum_trace"] = x => torch.einsum("ii", x[0]),
        ["einsum_total"] = x => torch.einsum("ij->", x[0]),
        ["einsum_transpose"] = x => torch.einsum("ij->ji", x[0]),
        ["einsum_permute3"] = x => torch.einsum("abc->cab", x[0]),
        ["einsum_implicit"] = x => torch.einsum("bA,ab", x[0], x[1]),
        ["einsum_three"] = x => torch.einsum("ij,jk,kl->il", x[0], x[1], x[2]),
        ["einsum_ellipsis"] = x => torch.einsum("...ij,...jk->...ik", x[0], x[1]),
        ["einsum_sum_ellipsis"] = x => torch.einsum("...ij->ij", x[0]),
        ["einsum_broadcast_label"] = x => torch.einsum("ij,jk->ik", x[0], x[1]),
        ["einsum_bilinear"] = x => torch.einsum("bn,anm,bm->ba", x[0], x[1], x[2]),

        ["pad_reflect_1d"] = x => F.pad(x[0], [3, 2], PaddingModes.Reflect),
        ["pad_reflect_2d"] = x => F.pad(x[0], (1, 2, 3, 1), PaddingModes.Reflect),
        ["pad_reflect_unbatched"] = x => F.pad(x[0], (2, 2), PaddingModes.Reflect),
        ["pad_replicate_1d"] = x => F.pad(x[0], [2, 4], PaddingModes.Replicate),
        ["pad_circular_1d"] = x => F.pad(x[0], [2, 3], PaddingModes.Circular),
        ["pad_circular_2d"] = x => F.pad(x[0], [1, 2, 3, 0], PaddingModes.Circular),
        ["pad_circular_full_wrap"] = x => F.pad(x[0], [4, 4], PaddingModes.Circular),
        ["pad_constant_crop"] = x => F.pad(x[0], [-1, 2, 1, -1], value: 0.25),

        ["diagonal_main"] = x => x[0].diagonal(),
        ["diagonal_offset"] = x => x[0].diagonal(1, 1, 2),
        ["diagonal_negative_offset"] = x => torch.diagonal(x[0], -1, 2, 0),
        ["diagonal_past_the_end"] = x => x[0].diagonal(5),

        ["unique_values"] = x => torch.unique(x[0]).output,
        ["unique_inverse"] = x => torch.unique(x[0], return_inverse: true).inverse_indices!,
        ["unique_counts"] = x => x[0].unique(return_counts: true).counts!,
        ["unique_dim0"] = x => torch.unique(x[0], dim: 0).output,
        ["unique_dim0_inverse"] = x => torch.unique(x[0], dim: 0, return_inverse: true).inverse_indices!,
        ["unique_dim1_counts"] = x => torch.unique(x[0], dim: 1, return_counts: true).counts!,

        ["cdist_p2"] = x => torch.cdist(x[0], x[1]),
        ["cdist_p2_batched"] = x => torch.cdist(x[0], x[1]),
        ["cdist_p2_by_products"] = x => torch.cdist(x[0], x[1]),
        ["cdist_p1"] = x => torch.cdist(x[0], x[1], p: 1),
        ["cdist_p3"] = x => torch.cdist(x[0], x[1], p: 3),
        ["cdist_p_half"] = x => torch.cdist(x[0], x[1], p: 0.5),
        ["cdist_pinf"] = x => torch.cdist(x[0], x[1], p: double.PositiveInfinity),
        ["cdist_p0"] = x => torch.cdist(x[0], x[1], p: 0),
        ["cdist_zero_distance"] = x => torch.cdist(x[0], x[1]),
        ["cdist_zero_distance_p3"] = x => torch.cdist(x[0], x[1], p: 3),
    };

    public static TheoryData<string> OpNames => new(Ops.Keys);

    [Theory, MemberData(nameof(OpNames))]
    public void MatchesPyTorch(string name) => Parity.Check("ops", name, Ops[name], atol: 2e-5, rtol: 2e-4);

    [Fact]
    public void CdistGradientIsZeroWhereTwoRowsCoincide()
    {
        var x1 = torch.tensor(new float[] { 0, 0, 3, 4 }, [2, 2]).requires_grad_();
        var x2 = torch.tensor(new float[] { 0, 0 }, [1, 2]);
        torch.cdist(x1, x2).sum().backward();
        TensorAssert.Values([0, 0, 0.6f, 0.8f], x1.grad!);
    }

    // ---------------------------------------------------------------- weight_norm

    static void CheckLayer(string name, WeightNorm layer)
    {
        var c = Parity.Case("ops", name);
        layer.load_state_dict(c.GetProperty("state").EnumerateObject().ToDictionary(p => p.Name, p => Parity.Decode(p.Value)));
        var x = Parity.Decode(c.GetProperty("input")).requires_grad_();
        var y = layer.forward(x);
        TensorAssert.Close(Parity.Decode(c.GetProperty("output")), y, 2e-5, 2e-4, $"{name}: output");
        (y * Parity.Decode(c.GetProperty("grad_output"))).sum().backward();
        TensorAssert.Close(Parity.Decode(c.GetProperty("input_grad")), x.grad!, 2e-5, 2e-4, $"{name}: input gradient");
        var parameters = layer.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(c.GetProperty("param_grads").EnumerateObject().Select(p => p.Name).Order(), parameters.Keys.Order());
        foreach (var g in c.GetProperty("param_grads").EnumerateObject())
            TensorAssert.Close(Parity.Decode(g.Value), parameters[g.Name].grad!, 2e-5, 2e-4, $"{name}: gradient of {g.Name}");
    }

    [Fact]
    public void WeightNormConv1dOverTheKernelTapsMatchesPyTorch() =>
        CheckLayer("weight_norm_conv1d_dim2", WeightNorm.weight_norm(nn.Conv1d(4, 4, 5, padding: 2, groups: 2), dim: 2));

    [Fact]
    public void WeightNormConv1dPerOutputChannelMatchesPyTorch() =>
        CheckLayer("weight_norm_conv1d_dim0", WeightNorm.weight_norm(nn.Conv1d(3, 2, 3, stride: 2)));

    [Fact]
    public void WeightNormLinearWithoutBiasMatchesPyTorch() =>
        CheckLayer("weight_norm_linear_dim0", WeightNorm.weight_norm(nn.Linear(5, 4, false)));

    [Fact]
    public void WeightNormLinearOverTheWholeWeightMatchesPyTorch() =>
        CheckLayer("weight_norm_linear_whole", WeightNorm.weight_norm(nn.Linear(5, 4), dim: null));

    [Fact]
    public void WeightNormKeepsTheLayersFunctionAndPyTorchsStateNames()
    {
        var conv = nn.Conv1d(4, 6, 3, padding: 1, groups: 2);
        var x = torch.randn([2, 4, 9], generator: new torch.Generator(3));
        var normed = WeightNorm.weight_norm(conv, dim: 2);
        TensorAssert.Close(conv.forward(x), normed.forward(x), 1e-5, 1e-4, "output");
        TensorAssert.Close(conv.weight, normed.weight, 1e-6, 1e-5, "weight");
        Assert.Equal(["bias", "weight_g", "weight_v"], normed.state_dict().Keys.Order());
        Assert.Equal([1L, 1, 3], normed.weight_g.shape);
        Assert.Equal([6L, 2, 3], normed.weight_v.shape);
        // Only the direction counts in v: scaling it leaves the layer unchanged.
        using (torch.no_grad()) normed.weight_v.mul_(3);
        TensorAssert.Close(conv.forward(x), normed.forward(x), 1e-5, 1e-4, "output after scaling v");
    }

    [Fact]
    public void WeightNormRefusesOtherParametersAndDimensionsOutOfRange()
    {
        TensorAssert.Throws<ArgumentException>(() => WeightNorm.weight_norm(nn.Linear(3, 2), name: "bias"), "weight_norm", "\"bias\"");
        TensorAssert.Throws<ArgumentException>(() => WeightNorm.weight_norm(nn.Conv1d(2, 2, 3), dim: 3), "weight_norm", "dim 3", "[2,2,3]");
    }
}
