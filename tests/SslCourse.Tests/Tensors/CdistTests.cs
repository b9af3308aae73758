namespace SslCourse.Tests.Tensors;

/// <summary>cdist's gradients (zero distances included) and errors; values against PyTorch are in Models/OpsUsedByLessonsTests.</summary>
public class CdistTests
{
    // The second set is moved away from the first so that no coordinate difference comes near 0, where |δ|^(p−1)
    // has a kink (p = 1) or a pole (p < 1) that central differences cannot cross; for p = ∞ one coordinate of each row
    // of x2 is moved so far that it is the largest difference by a margin (0 for row 0, 2 for row 1), so no tie is crossed.
    static readonly Tensor FarCoordinate = tensor(new float[] { 5, 0, 0, 0, 0, 0, 5, 0 }, [2, 4]);

    public static readonly Dictionary<string, Func<Tensor[], Tensor>> Distances = new()
    {
        ["p2"] = x => cdist(x[0], x[1]),
        ["p2_by_products"] = x => cdist(x[0], x[1], compute_mode: compute_mode.use_mm_for_euclid_dist),
        ["p2_batched"] = x => cdist(x[0], x[1].unsqueeze(0)),
        ["p1"] = x => cdist(x[0], x[1] + 3, p: 1),
        ["p3"] = x => cdist(x[0], x[1], p: 3),
        ["p_half"] = x => cdist(x[0], x[1] + 3, p: 0.5),
        ["p_infinity"] = x => cdist(x[0], x[1] + FarCoordinate, p: double.PositiveInfinity),
    };

    public static TheoryData<string> Names => new(Distances.Keys);

    [Theory, MemberData(nameof(Names))]
    public void GradientsMatchCentralDifferences(string name)
    {
        var shapes = name == "p2_batched" ? new long[][] { [2, 3, 4], [2, 4] } : [[3, 4], [2, 4]];
        GradCheck.CheckBothLayouts(Distances[name], shapes);
    }

    [Theory]
    [InlineData(2.0, compute_mode.donot_use_mm_for_euclid_dist)]
    [InlineData(2.0, compute_mode.use_mm_for_euclid_dist)]
    [InlineData(1.0, compute_mode.use_mm_for_euclid_dist_if_necessary)]
    [InlineData(3.0, compute_mode.use_mm_for_euclid_dist_if_necessary)]
    [InlineData(0.5, compute_mode.use_mm_for_euclid_dist_if_necessary)]
    [InlineData(double.PositiveInfinity, compute_mode.use_mm_for_euclid_dist_if_necessary)]
    public void TheGradientIsZeroWhereTwoRowsCoincide(double p, compute_mode mode)
    {
        var x1 = tensor(new float[] { 1, -2, 4, 0, 3, 5 }, [2, 3]).requires_grad_();
        var x2 = tensor(new float[] { 1, -2, 4 }, [1, 3]).requires_grad_();   // the same as x1's first row
        var d = cdist(x1, x2, p, mode);
        Assert.Equal(0f, d.data<float>()[0]);
        d.select(0, 0).sum().backward();
        Assert.All(x1.grad!.data<float>().Concat(x2.grad!.data<float>()), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void MatrixProductsAndDifferencesGiveTheSameDistances()
    {
        var g = new Generator(6);
        var a = randn([40, 8], g); var b = randn([30, 8], g);
        TensorAssert.Close(cdist(a, b, compute_mode: compute_mode.donot_use_mm_for_euclid_dist), cdist(a, b), 1e-4, 1e-4);
    }

    [Fact]
    public void BadInputsAreReported()
    {
        TensorAssert.Throws<ArgumentException>(() => cdist(ones(3), ones(2, 3)), "cdist", "[*, P, M]", "[3]");
        TensorAssert.Throws<ArgumentException>(() => cdist(ones(2, 3), ones(2, 4)), "cdist", "different lengths", "3 and 4");
        TensorAssert.Throws<ArgumentException>(() => cdist(ones(2, 3), ones(2, 3), p: -1), "cdist", "p must be 0 or more", "-1");
        TensorAssert.Throws<ArgumentException>(() => cdist(ones(2, 3), ones(2, 3), p: double.NaN), "cdist", "p must be");
        TensorAssert.Throws<ArgumentException>(() => cdist(ones(2, 2, 3), ones(3, 2, 3)), "cdist");
        TensorAssert.Throws<ArgumentException>(() => cdist(tensor(new long[] { 1, 2 }, [1, 2]), ones(1, 2)), "cdist", "float32", "int64");
    }
}
