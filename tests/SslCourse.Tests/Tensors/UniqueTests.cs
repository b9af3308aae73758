namespace SslCourse.Tests.Tensors;

/// <summary>unique beyond the PyTorch cases of Models/OpsUsedByLessonsTests: NaNs, other types, no gradient, errors.</summary>
public class UniqueTests
{
    [Fact]
    public void EachNaNIsDistinctAndSortsLast()
    {
        var (output, inverse, counts) = tensor(new[] { float.NaN, 1, float.NaN, 1, -2 }).unique(return_inverse: true, return_counts: true);
        var values = output.data<float>();
        Assert.Equal([-2f, 1f], values[..2]);
        Assert.True(float.IsNaN(values[2]) && float.IsNaN(values[3]) && values.Length == 4);
        Assert.Equal([2L, 1, 3, 1, 0], inverse!.data<long>());
        Assert.Equal([1L, 2, 1, 1], counts!.data<long>());
    }

    [Fact]
    public void WorksOnIntegersAndBooleansAndLeavesWhatWasNotAskedForNull()
    {
        var (output, inverse, counts) = tensor(new long[] { 5, -3, 5, 5 }, [2, 2]).unique();
        Assert.Equal([-3L, 5], output.data<long>());
        Assert.Null(inverse);
        Assert.Null(counts);
        Assert.Equal([false, true], unique(tensor(new[] { true, false, true })).output.data<bool>());
        Assert.Equal([0L], tensor(new float[0]).unique(return_counts: true).counts!.shape);
    }

    [Fact]
    public void SlicesAlongADimensionAreComparedWhole()
    {
        // Slices along dim 1 of [2, 3, 2]: [[1,2],[3,4]] at 0 and 2, [[0,9],[3,4]] at 1.
        var x = tensor(new long[] { 1, 2, 0, 9, 1, 2, 3, 4, 3, 4, 3, 4 }, [2, 3, 2]);
        var (output, inverse, counts) = x.unique(return_inverse: true, return_counts: true, dim: 1);
        Assert.Equal([2L, 2, 2], output.shape);
        Assert.Equal([0L, 9, 1, 2, 3, 4, 3, 4], output.data<long>());
        Assert.Equal([1L, 0, 1], inverse!.data<long>());
        Assert.Equal([1L, 2], counts!.data<long>());
    }

    [Fact]
    public void IsNotDifferentiable()
    {
        var x = tensor(new float[] { 2, 1, 2 }).requires_grad_();
        Assert.False(x.unique().output.requires_grad);
    }

    [Fact]
    public void BadDimensionsAreReported()
    {
        TensorAssert.Throws<ArgumentException>(() => tensor(1f).unique(dim: 0), "unique", "0-dimensional", "dim null");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => ones(2, 3).unique(dim: 2), "unique", "dimension 2");
    }
}
