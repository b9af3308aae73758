namespace SslCourse.Tests.Tensors;

/// <summary>The column-sum kernel that sums over leading dimensions (bias gradients) against a double-precision loop.</summary>
public class ReductionKernelTests
{
    [Theory]
    [InlineData(new[] { 768, 512 }, new long[] { 0 })]
    [InlineData(new[] { 3, 70, 40 }, new long[] { 0, 1 })]
    [InlineData(new[] { 200, 17 }, new long[] { 0 })]     // one vector and a scalar tail
    [InlineData(new[] { 0, 32 }, new long[] { 0 })]       // no rows: zeros
    public void SumOverLeadingDimsEqualsTheSumOfEachColumn(int[] shape, long[] dims)
    {
        var x = randn(Array.ConvertAll(shape, s => (long)s), new Generator(shape.Sum())) + 3;
        var values = x.data<float>();
        int cols = shape.Skip(dims.Length).Aggregate(1, (a, b) => a * b), rows = shape.Take(dims.Length).Aggregate(1, (a, b) => a * b);
        var sums = x.sum(dims);
        Xunit.Assert.Equal(shape.Skip(dims.Length).ToArray(), sums.Shape);
        var actual = sums.data<float>();
        for (int c = 0; c < cols; c++)
        {
            double expected = 0;
            for (int r = 0; r < rows; r++) expected += values[r * cols + c];
            Xunit.Assert.True(Math.Abs(actual[c] - expected) <= 1e-6 * Math.Max(1, Math.Abs(expected)) + 1e-4, $"column {c}: {actual[c]}, expected {expected}");
        }
        var kept = x.sum(dims, keepdim: true);
        Xunit.Assert.Equal(dims.Select(_ => 1).Concat(shape.Skip(dims.Length)).ToArray(), kept.Shape);
    }
}
