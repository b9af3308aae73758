using SslCourse.Cpu.Simd;

namespace SslCourse.Tests.Tensors;

/// <summary>The vector row loops against their scalar forms over odd lengths, broadcasts and strides.</summary>
public class ElementwiseKernelTests
{
    public static TheoryData<int> Lengths => new([1, 7, 16, 33, 257, 1031]);

    [Theory, MemberData(nameof(Lengths))]
    public void VectorRowsEqualTheScalarLoop(int n)
    {
        var g = new Generator(n);
        var a = randn([n, 3], g); var b = randn([n, 3], g) + 3;
        Func<Tensor, Tensor, Tensor>[] ops = [(x, y) => x + y, (x, y) => x - y, (x, y) => x * y, (x, y) => x / y];
        foreach (var op in ops)
        {
            var contiguous = op(a.t().contiguous(), b.t().contiguous());   // one long row: vector loop
            var strided = op(a.t(), b.t());                                  // step 3: scalar loop
            Xunit.Assert.Equal(strided.data<float>(), contiguous.data<float>());
            var rowBroadcast = op(a.t().contiguous(), b[0].unsqueeze(1));     // b steps by 0 along each row
            var expected = op(a.t().contiguous(), b[0].unsqueeze(1).expand(3, n).contiguous());
            Xunit.Assert.Equal(expected.data<float>(), rowBroadcast.data<float>());
        }
    }

    [Theory, MemberData(nameof(Lengths))]
    public void VectorSumMatchesADoubleLoop(int n)
    {
        var x = randn([n], new Generator(n)).data<float>();
        double expected = 0;
        foreach (var v in x) expected += v;
        Xunit.Assert.Equal(expected, FloatRows.Sum(ref x[0], n), 4);
    }

    [Fact]
    public void CoalescingMergesOnlyDimensionsEveryOperandWalksTogether()
    {
        var (shape, strides) = SslCourse.Cpu.StridedRows.Coalesce([2, 3, 4], [12, 4, 1], [0, 4, 1], [12, 4, 1]);
        Xunit.Assert.Equal(new[] { 2, 12 }, shape);
        Xunit.Assert.Equal(new[] { 0, 1 }, strides[1]);
        var (one, _) = SslCourse.Cpu.StridedRows.Coalesce([2, 1, 4], [4, 4, 1]);
        Xunit.Assert.Equal(new[] { 8 }, one);
    }
}

public class UnaryKernelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(1031)]
    public void VectorUnaryOpsEqualTheirScalarFunctions(int n)
    {
        var x = (randn([n], new Generator(n)) * 3).data<float>();
        foreach (var op in new[] { UnaryOp.Neg, UnaryOp.AddScalar, UnaryOp.MulScalar, UnaryOp.RSubScalar, UnaryOp.Square, UnaryOp.Relu, UnaryOp.LeakyRelu })
        {
            var y = new float[n];
            Xunit.Assert.True(SslCourse.Cpu.CpuBackend.VectorUnary(op, x, y, 0.75f));
            var scalar = SslCourse.Cpu.CpuBackend.UnaryFunction(op, 0.75f);
            for (int i = 0; i < n; i++) Xunit.Assert.Equal(scalar(x[i]), y[i]);
        }
        Xunit.Assert.False(SslCourse.Cpu.CpuBackend.VectorUnary(UnaryOp.Exp, x, new float[n], 0));
    }
}
