using SslCourse.Cpu.Simd;

namespace SslCourse.Tests.Tensors;

/// <summary>The AVX block transpose used by GEMM packing against its one-float-at-a-time reference.</summary>
public class TransposeKernelTests
{
    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(8, 8, 8, 8)]
    [InlineData(7, 9, 12, 32)]
    [InlineData(17, 33, 40, 20)]
    [InlineData(32, 256, 256, 32)]
    public void BlockTransposeMatchesTheReference(int rows, int cols, int srcStride, int dstStride)
    {
        var rng = new Random(rows * 100 + cols);
        var src = Enumerable.Range(0, (rows - 1) * srcStride + cols).Select(_ => (float)rng.NextDouble()).ToArray();
        // Untouched destination entries must stay as they were: fill with a marker.
        var fast = Enumerable.Repeat(-1f, (cols - 1) * dstStride + rows).ToArray();
        var reference = (float[])fast.Clone();
        Transpose.Block(ref src[0], srcStride, rows, cols, ref fast[0], dstStride);
        Transpose.Reference(ref src[0], srcStride, rows, cols, ref reference[0], dstStride);
        Xunit.Assert.Equal(reference, fast);
        Xunit.Assert.Equal(src[(rows - 1) * srcStride + cols - 1], fast[(cols - 1) * dstStride + rows - 1]);
    }
}
