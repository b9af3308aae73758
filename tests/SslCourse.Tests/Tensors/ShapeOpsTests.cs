
namespace SslCourse.Tests.Tensors;

public class ShapeOpsTests
{
    static Tensor I(params long[] v) => tensor(v);

    public static readonly Dictionary<string, Func<Tensor[], Tensor>> Ops = new()
    {
        ["cat"] = x => cat([x[0], x[1]], 1) * 2,
        ["stack"] = x => stack([x[0], x[1]], 1),
        ["split"] = x => x[0].split([1, 3], 1)[1] * x[0].split(2, 1)[1].sum(),
        ["chunk"] = x => x[0].chunk(3, 0)[2],
        ["gather"] = x => x[0].gather(1, I(2, 0, 2, 1, 1, 0).reshape(2, 3)),
        ["scatter"] = x => x[0].scatter(0, I(1, 0, 2).reshape(1, 3), x[1]),
        ["scatter_add"] = x => x[0].scatter_add(1, I(0, 0, 2, 1, 1, 1).reshape(2, 3), x[1]),
        ["masked_fill"] = x => x[0].masked_fill(x[0] > 0.2, -3.0) * 2,
        ["flip"] = x => x[0].flip(0, 2),
        ["roll"] = x => x[0].roll([1, -2], [0, 1]),
        ["roll_flat"] = x => x[0].roll([5]),
        ["unfold"] = x => x[0].unfold(1, 3, 2) * arange(18.0).reshape(2, 3, 3),
        ["pad_constant"] = x => F.pad(x[0], [1, 2, 0, 1], value: 0.5),
        ["pad_reflect"] = x => F.pad(x[0], [2, 1], PaddingModes.Reflect),
        ["pad_replicate"] = x => F.pad(x[0], [1, 2, 2, 0], PaddingModes.Replicate),
        ["tril"] = x => x[0].tril(),
        ["triu_offset"] = x => x[0].triu(1),
        ["sort"] = x => x[0].sort(1, descending: true).values,
        ["argsort"] = x => x[0].argsort(0),
        ["topk"] = x => x[0].topk(2, 1).values,
        ["topk_smallest_idx"] = x => x[0].topk(2, 0, largest: false).indexes,
        ["one_hot"] = x => F.one_hot(x[0], 5),
        ["repeat"] = x => x[0].repeat(2, 1, 3),
        ["repeat_interleave"] = x => x[0].repeat_interleave(2, 1),
        ["cumsum"] = x => x[0].cumsum(1),
        ["movedim"] = x => x[0].movedim(0, 2) * arange(24.0).reshape(3, 4, 2),
    };

    public static TheoryData<string> Cases => new(Ops.Keys);

    [Theory, MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name) => Parity.Check("shape", name, Ops[name]);

    public static readonly Dictionary<string, (Func<Tensor[], Tensor> f, long[][] shapes)> Differentiable = new()
    {
        ["cat"] = (x => cat([x[0], x[1].exp()], 0), [[2, 3], [1, 3]]),
        ["stack"] = (x => stack([x[0], x[1]], 2), [[2, 3], [2, 3]]),
        ["split_chunk"] = (x => x[0].split(2, 1)[1] * x[0].chunk(2, 1)[0], [[3, 4]]),
        ["unbind"] = (x => x[0].unbind(1)[1] * x[0].unbind(1)[2], [[3, 4]]),
        ["gather"] = (x => x[0].gather(1, I(2, 0, 2, 1, 1, 0).reshape(2, 3)), [[2, 4]]),
        ["scatter"] = (x => x[0].scatter(0, I(1, 0, 2).reshape(1, 3), x[1]), [[3, 3], [2, 3]]),
        ["scatter_add"] = (x => x[0].scatter_add(1, I(0, 0, 2, 1, 1, 1).reshape(2, 3), x[1]), [[2, 4], [2, 3]]),
        ["masked_fill"] = (x => x[0].masked_fill(x[0] > 0.2, 1.0), [[3, 4]]),
        ["flip_roll"] = (x => x[0].flip(1).roll([1], [0]), [[3, 4]]),
        ["unfold"] = (x => x[0].unfold(1, 3, 2), [[2, 7]]),
        ["pad"] = (x => F.pad(x[0], [2, 1, 1, 1], PaddingModes.Reflect) + F.pad(x[0], [2, 1, 1, 1], PaddingModes.Replicate) + F.pad(x[0], [2, 1, 1, 1]), [[2, 3, 4]]),
        ["triangles"] = (x => x[0].tril(-1) + x[0].triu(2) * 3, [[4, 4]]),
        ["sort_topk"] = (x => x[0].sort(0).values + x[0].topk(3, 0).values, [[3, 4]]),
        ["repeat"] = (x => x[0].repeat(2, 3) + 0, [[2, 2]]),
        ["repeat_interleave"] = (x => x[0].repeat_interleave(3, 0), [[2, 2]]),
        ["cumsum"] = (x => x[0].cumsum(0), [[4, 3]]),
        ["movedim"] = (x => x[0].movedim(2, 0), [[2, 3, 4]]),
    };

    public static TheoryData<string> DifferentiableCases => new(Differentiable.Keys);

    [Theory, MemberData(nameof(DifferentiableCases))]
    public void GradientsMatchCentralDifferences(string name)
    {
        var (f, shapes) = Differentiable[name];
        GradCheck.CheckBothLayouts(f, shapes);
    }

    [Fact]
    public void UnfoldIsAViewAndItsOverlapsAddUpInTheGradient()
    {
        var x = arange(6.0).requires_grad_();
        var w = x.unfold(0, 3, 1);                 // windows [0,1,2] [1,2,3] [2,3,4] [3,4,5]
        Xunit.Assert.Same(x.Storage, w.Storage);
        w.sum().backward();
        TensorAssert.Values([1, 2, 3, 3, 2, 1], x.grad!);
    }

    [Fact]
    public void SortIsStableAndPutsNaNLast()
    {
        var (values, indices) = tensor(new float[] { 2, float.NaN, 1, 2, 1 }).sort();
        Xunit.Assert.Equal(new long[] { 2, 4, 0, 3, 1 }, indices.data<long>());
        Xunit.Assert.True(float.IsNaN(values.data<float>()[4]));
    }

    [Fact]
    public void BadInputsAreReportedWithShapes()
    {
        TensorAssert.Throws<ArgumentException>(() => cat([ones(2, 3), ones(3, 2)], 0), "cat", "[2,3]", "[3,2]");
        TensorAssert.Throws<ArgumentException>(() => stack([ones(2), ones(3)]), "stack", "[2]", "[3]");
        TensorAssert.Throws<IndexOutOfRangeException>(() => ones(2, 3).gather(1, I(0, 3).reshape(2, 1)), "gather", "index 3", "size 3");
        TensorAssert.Throws<ArgumentException>(() => ones(2, 3).gather(1, I(0, 1)), "gather", "dimensions");
        TensorAssert.Throws<ArgumentException>(() => ones(2, 3).split([1, 1], 1), "split", "add up to 3");
        TensorAssert.Throws<ArgumentException>(() => F.pad(ones(1, 3), [3, 0], PaddingModes.Reflect), "pad", "reflect", "size 3");
        TensorAssert.Throws<ArgumentException>(() => ones(2, 3).unfold(1, 4, 1), "unfold", "4", "size 3");
        TensorAssert.Throws<ArgumentException>(() => F.one_hot(I(0, 5), 3), "one_hot", "[0, 3)");
        TensorAssert.Throws<ArgumentException>(() => ones(3).topk(4), "topk", "k = 4");
    }
}
