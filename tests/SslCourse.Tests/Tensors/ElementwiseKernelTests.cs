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
    public void VectorAffineRowEqualsTheScalarFormula(int n)
    {
        var g = new Generator(n + 1);
        float[] a = randn([n], g).data<float>().ToArray(), b = (randn([n], g) + 1000).data<float>().ToArray();
        var y = new float[n];
        FloatRows.Affine(ref a[0], 0.75f, ref b[0], 1000.25f, -1.5f, 0.125f, ref y[0], n);
        // The same fused multiply-adds one element at a time: the vector lanes must round exactly the same way.
        for (int i = 0; i < n; i++)
            Xunit.Assert.Equal(MathF.FusedMultiplyAdd(a[i], 0.75f, MathF.FusedMultiplyAdd(b[i] - 1000.25f, -1.5f, 0.125f)), y[i]);
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
        Xunit.Assert.False(SslCourse.Cpu.CpuBackend.VectorUnary(UnaryOp.Sigmoid, x, new float[n], 0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(1031)]
    public void VectorExpAndGeluAgreeWithTheirScalarForms(int n)
    {
        // The same operations in the same order; only a CPU without fused multiply-add may round differently.
        var x = (randn([n], new Generator(n)) * 4).data<float>();
        foreach (var op in new[] { UnaryOp.Exp, UnaryOp.Gelu })
        {
            var y = new float[n];
            Xunit.Assert.True(SslCourse.Cpu.CpuBackend.VectorUnary(op, x, y, 0));
            var scalar = SslCourse.Cpu.CpuBackend.UnaryFunction(op, 0);
            for (int i = 0; i < n; i++) Xunit.Assert.True(Math.Abs(scalar(x[i]) - y[i]) <= 2e-7 * Math.Max(1, Math.Abs(y[i])), $"{op}({x[i]}): scalar {scalar(x[i])}, vector {y[i]}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(1031)]
    public void VectorDerivativesTimesTheGradientEqualTheirScalarForms(int n)
    {
        var x = (randn([n], new Generator(n)) * 3).data<float>();
        x[0] = 0;   // the rectifiers' kink, where the derivative is taken as the left one
        var g = (randn([n], new Generator(n + 1))).data<float>();
        foreach (var op in new[] { UnaryOp.ReluGrad, UnaryOp.LeakyReluGrad, UnaryOp.GeluGrad, UnaryOp.TanhGradFromOutput, UnaryOp.SigmoidGradFromOutput })
        {
            var y = new float[n];
            Xunit.Assert.True(SslCourse.Cpu.CpuBackend.VectorUnaryGrad(op, x, g, y, 0.1f));
            var scalar = SslCourse.Cpu.CpuBackend.UnaryFunction(op, 0.1f);
            for (int i = 0; i < n; i++)
            {
                float expected = g[i] * scalar(x[i]);
                Xunit.Assert.True(Math.Abs(expected - y[i]) <= 2e-7 * Math.Max(1, Math.Abs(expected)), $"{op}({x[i]}) · {g[i]}: scalar {expected}, vector {y[i]}");
            }
        }
        Xunit.Assert.False(SslCourse.Cpu.CpuBackend.VectorUnaryGrad(UnaryOp.SiluGrad, x, g, new float[n], 0));
    }

    [Fact]
    public void LargeTensorsTakeTheVectorLoopInThreadedBlocksWithTheSameResult()
    {
        var x = randn([100_003], new Generator(8)) * 3;   // over the threading threshold, and not a whole number of blocks
        var values = x.data<float>();
        var exp = x.exp().data<float>();
        var gelu = x.gelu().data<float>();
        for (int i = 0; i < values.Length; i++)
        {
            Xunit.Assert.True(Math.Abs(exp[i] - SslCourse.Cpu.Simd.VecMath.Exp(values[i])) <= 2e-7 * exp[i], $"exp at {i}");
            float expected = SslCourse.Cpu.CpuBackend.UnaryFunction(UnaryOp.Gelu, 0)(values[i]);
            Xunit.Assert.True(Math.Abs(gelu[i] - expected) <= 2e-7 * Math.Max(1, Math.Abs(expected)), $"gelu at {i}");
        }
    }

    [Fact]
    public void ExpIsWithinFloatPrecisionOverItsWholeRangeAndKeepsSpecialValues()
    {
        var x = new List<float> { 0, -0f, 1e-8f, -1e-8f, 0.5f, -0.5f, 88.7f, -86.5f, float.NegativeInfinity, float.PositiveInfinity, float.NaN, 100, -100 };
        for (float v = -86.5f; v < 88.7f; v += 0.0137f) x.Add(v);
        var y = new float[x.Count];
        SslCourse.Cpu.CpuBackend.VectorUnary(UnaryOp.Exp, x.ToArray(), y, 0);
        for (int i = 0; i < x.Count; i++)
        {
            double expected = Math.Exp(x[i]);
            float scalar = SslCourse.Cpu.Simd.VecMath.Exp(x[i]);
            if (double.IsNaN(expected)) { Xunit.Assert.True(float.IsNaN(y[i]) && float.IsNaN(scalar)); continue; }
            if (x[i] < -86.6f) { Xunit.Assert.Equal(0f, y[i]); Xunit.Assert.Equal(0f, scalar); continue; }
            if (x[i] > 88.7228f) { Xunit.Assert.Equal(float.PositiveInfinity, y[i]); Xunit.Assert.Equal(float.PositiveInfinity, scalar); continue; }
            Xunit.Assert.True(Math.Abs(y[i] - expected) <= 3e-7 * expected, $"exp({x[i]}) = {expected}, vector gave {y[i]}");
            Xunit.Assert.True(Math.Abs(scalar - expected) <= 3e-7 * expected, $"exp({x[i]}) = {expected}, scalar gave {scalar}");
        }
    }
}
