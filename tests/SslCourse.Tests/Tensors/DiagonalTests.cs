namespace SslCourse.Tests.Tensors;

/// <summary>diagonal as a view, its gradient and its errors; values against PyTorch are in Models/OpsUsedByLessonsTests.</summary>
public class DiagonalTests
{
    [Fact]
    public void IsAViewThatWritesThrough()
    {
        var x = zeros(3, 3);
        var d = x.diagonal();
        Assert.Same(x.Storage, d.Storage);
        d.copy_(tensor(new float[] { 1, 2, 3 }));
        TensorAssert.Values([1, 0, 0, 0, 2, 0, 0, 0, 3], x);
        TensorAssert.Values([4, 9], arange(12.0).reshape(3, 4).diagonal(-1));     // elements (1,0) and (2,1) below the main diagonal
    }

    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(1, 1, 2)]
    [InlineData(-2, 2, 0)]
    [InlineData(2, -1, -3)]
    public void GradientsMatchCentralDifferences(long offset, long dim1, long dim2) =>
        GradCheck.CheckBothLayouts(x => x[0].diagonal(offset, dim1, dim2) * 1.0, [[3, 4, 5]]);

    [Fact]
    public void ADiagonalOutsideTheMatrixIsEmpty()
    {
        Assert.Equal([2L, 0], ones(2, 3, 4).diagonal(4, 1, 2).shape);
        Assert.Equal([0L], ones(3, 4).diagonal(-3).shape);
    }

    [Fact]
    public void BadDimensionsAreReported()
    {
        TensorAssert.Throws<ArgumentException>(() => ones(3).diagonal(), "diagonal", "at least 2 dimensions", "[3]");
        TensorAssert.Throws<ArgumentException>(() => ones(3, 3).diagonal(0, 1, -1), "diagonal", "different", "both are 1");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => ones(3, 3).diagonal(0, 0, 2), "diagonal", "dimension 2");
    }
}
