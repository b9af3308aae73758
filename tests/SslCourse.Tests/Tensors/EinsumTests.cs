namespace SslCourse.Tests.Tensors;

/// <summary>einsum's gradients and its errors; its values against PyTorch are in Models/OpsUsedByLessonsTests (both engines).</summary>
public class EinsumTests
{
    public static readonly Dictionary<string, (string equation, long[][] shapes)> Equations = new()
    {
        ["row_dots"] = ("nc,nc->n", [[4, 5], [4, 5]]),
        ["matmul"] = ("nc,ck->nk", [[3, 4], [4, 2]]),
        ["bmm"] = ("bij,bjk->bik", [[2, 3, 4], [2, 4, 2]]),
        ["attention"] = ("bhqd,bhkd->bhqk", [[2, 2, 3, 4], [2, 2, 2, 4]]),
        ["outer"] = ("i,j->ij", [[3], [4]]),
        ["diagonal"] = ("ii->i", [[3, 3]]),
        ["trace"] = ("ii", [[3, 3]]),
        ["total"] = ("ij->", [[3, 4]]),
        ["permute"] = ("abc->cab", [[2, 3, 4]]),
        ["ellipsis"] = ("...ij,...jk->...ik", [[2, 1, 3, 2], [3, 2, 2]]),
        ["three"] = ("ij,jk,kl->il", [[2, 3], [3, 4], [4, 2]]),
        ["broadcast_label"] = ("ij,jk->ik", [[2, 1], [3, 4]]),
        ["bilinear"] = ("bn,anm,bm->ba", [[2, 3], [4, 3, 2], [2, 2]]),
        ["diagonal_then_product"] = ("iij,jk->ik", [[3, 3, 2], [2, 4]]),
    };

    public static TheoryData<string> Names => new(Equations.Keys);

    [Theory, MemberData(nameof(Names))]
    public void GradientsMatchCentralDifferences(string name)
    {
        var (equation, shapes) = Equations[name];
        GradCheck.CheckBothLayouts(x => einsum(equation, x), shapes);
    }

    [Fact]
    public void ReadsLikeTheOpsItStandsFor()
    {
        var g = new Generator(2);
        var a = randn([3, 4], g); var b = randn([4, 5], g); var c = randn([3, 4], g);
        TensorAssert.Close(a.matmul(b), einsum("ij,jk->ik", a, b));
        TensorAssert.Close((a * c).sum(1), einsum("nc,nc->n", a, c));
        TensorAssert.Close(a.t(), einsum("ij->ji", a), 0, 0);
        TensorAssert.Close(a.sum(), einsum(" i j -> ", a));   // spaces are ignored, as in PyTorch
    }

    [Fact]
    public void BadEquationsAreReportedWithWhatWasWrong()
    {
        var m = ones(2, 3);
        TensorAssert.Throws<ArgumentException>(() => einsum("ij,jk->ik", m), "einsum", "2 operand term(s)", "1 tensor(s)");
        TensorAssert.Throws<ArgumentException>(() => einsum("ijk->i", m), "operand 0", "2 dimension(s)", "[2,3]", "names 3");
        TensorAssert.Throws<ArgumentException>(() => einsum("...ijk->i", m), "operand 0", "besides \"...\"");
        TensorAssert.Throws<ArgumentException>(() => einsum("ij,jk->ik", m, ones(4, 5)), "subscript 'j'", "size 3", "but 4", "[4,5]");
        TensorAssert.Throws<ArgumentException>(() => einsum("ii->i", m), "'i' is repeated", "sizes 2 and 3");
        TensorAssert.Throws<ArgumentException>(() => einsum("ij->k", m), "'k'", "appears in no operand");
        TensorAssert.Throws<ArgumentException>(() => einsum("ij->ii", m), "'i'", "more than once");
        TensorAssert.Throws<ArgumentException>(() => einsum("i1->i", m), "contains '1'");
        TensorAssert.Throws<ArgumentException>(() => einsum("i.j->i", m), "'.'", "\"...\"");
        TensorAssert.Throws<ArgumentException>(() => einsum("ij->i->i", m), "more than one \"->\"");
        TensorAssert.Throws<ArgumentException>(() => einsum("i->i", tensor(new long[] { 1, 2 })), "float32", "int64");
        TensorAssert.Throws<ArgumentException>(() => einsum("->"), "no tensors");
    }
}
