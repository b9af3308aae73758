using SslCourse.Cpu.Simd;

namespace SslCourse.Cpu;

internal sealed partial class CpuBackend
{
    public void Unary(UnaryOp op, Tensor src, Tensor dst, float arg)
    {
        if (src.is_contiguous() && VectorUnaryBlocks(op, src.Storage.F!, src.Offset, dst.Storage.F!, src.Numel, arg)) return;
        Func<float, float> f = UnaryFunction(op, arg);
        var (shape, strides) = StridedRows.Coalesce(dst.Shape, src.Strides, dst.Strides);
        var s = StridedRows.Of(shape, strides[0], src.Offset);
        var x = src.Storage.F!; var y = dst.Storage.F!;
        int cols = StridedRows.Cols(shape);
        // A contiguous input is one long row: split it into blocks so that large tensors use every core.
        int block = s.Starts.Length == 1 && s.Step == 1 ? Math.Min(cols, 1 << 16) : cols;
        int blocksPerRow = cols == 0 ? 0 : (cols + block - 1) / block;
        ForRows(s.Starts.Length * blocksPerRow, block, UnaryParallelElements, b =>
        {
            int r = b / blocksPerRow, from = b % blocksPerRow * block, to = Math.Min(cols, from + block);
            for (int i = from, si = s.Starts[r] + from * s.Step, o = r * cols + from; i < to; i++, si += s.Step, o++) y[o] = f(x[si]);
        });
    }

    /// <summary><see cref="VectorUnary"/> over n contiguous floats in threaded blocks; false (nothing written) for an op without a vector loop.</summary>
    static bool VectorUnaryBlocks(UnaryOp op, float[] x, int offset, float[] y, int n, float arg)
    {
        if (!VectorUnary(op, [], [], arg)) return false;   // an empty call asks whether the op has a vector loop
        ForBlocks(n, (from, count) => VectorUnary(op, x.AsSpan(offset + from, count), y.AsSpan(from, count), arg));
        return true;
    }

    /// <summary>Runs body(from, count) over n elements in blocks of 16 Ki, on several threads for large n.</summary>
    static void ForBlocks(int n, Action<int, int> body)
    {
        const int block = 1 << 14;
        ForRows((n + block - 1) / block, block, UnaryParallelElements, b => body(b * block, Math.Min(block, n - b * block)));
    }

    /// <summary>The plain arithmetic ops, the rectifiers, exp and GELU on contiguous data take a vector loop; false for every other op.</summary>
    internal static bool VectorUnary(UnaryOp op, ReadOnlySpan<float> x, Span<float> y, float arg)
    {
        switch (op)
        {
            case UnaryOp.Neg: FloatUnaryRows.Apply<NegOp>(x, y, arg); return true;
            case UnaryOp.AddScalar: FloatUnaryRows.Apply<AddScalarOp>(x, y, arg); return true;
            case UnaryOp.MulScalar: FloatUnaryRows.Apply<MulScalarOp>(x, y, arg); return true;
            case UnaryOp.RSubScalar: FloatUnaryRows.Apply<RSubScalarOp>(x, y, arg); return true;
            case UnaryOp.Square: FloatUnaryRows.Apply<SquareOp>(x, y, arg); return true;
            case UnaryOp.Relu: FloatUnaryRows.Apply<ReluOp>(x, y, arg); return true;
            case UnaryOp.LeakyRelu: FloatUnaryRows.Apply<LeakyReluOp>(x, y, arg); return true;
            case UnaryOp.Exp: FloatUnaryRows.Apply<ExpOp>(x, y, arg); return true;
            case UnaryOp.Gelu: FloatUnaryRows.Apply<GeluOp>(x, y, arg); return true;
            default: return false;
        }
    }

    public void UnaryGrad(UnaryOp derivative, Tensor x, Tensor grad, Tensor dst, float arg)
    {
        float[] xs = x.Storage.F!, gs = grad.Storage.F!, ys = dst.Storage.F!;
        // An empty call asks whether this derivative has a vector loop.
        var scalar = VectorUnaryGrad(derivative, [], [], [], arg) ? null : UnaryFunction(derivative, arg);
        ForBlocks(dst.Numel, (from, count) =>
        {
            ReadOnlySpan<float> xb = xs.AsSpan(x.Offset + from, count), gb = gs.AsSpan(grad.Offset + from, count);
            var yb = ys.AsSpan(dst.Offset + from, count);
            if (scalar is null) VectorUnaryGrad(derivative, xb, gb, yb, arg);
            else for (int i = 0; i < count; i++) yb[i] = gb[i] * scalar(xb[i]);
        });
    }

    /// <summary>y = g · f'(x) with a vector loop for the derivatives that have one; false (nothing written) for the rest.</summary>
    internal static bool VectorUnaryGrad(UnaryOp derivative, ReadOnlySpan<float> x, ReadOnlySpan<float> g, Span<float> y, float arg)
    {
        switch (derivative)
        {
            case UnaryOp.ReluGrad: FloatUnaryRows.ApplyTimes<LeakyReluGradOp>(x, g, y, 0); return true;
            case UnaryOp.LeakyReluGrad: FloatUnaryRows.ApplyTimes<LeakyReluGradOp>(x, g, y, arg); return true;
            case UnaryOp.GeluGrad: FloatUnaryRows.ApplyTimes<GeluGradOp>(x, g, y, arg); return true;
            case UnaryOp.TanhGradFromOutput: FloatUnaryRows.ApplyTimes<TanhGradFromOutputOp>(x, g, y, arg); return true;
            case UnaryOp.SigmoidGradFromOutput: FloatUnaryRows.ApplyTimes<SigmoidGradFromOutputOp>(x, g, y, arg); return true;
            default: return false;
        }
    }

    internal static Func<float, float> UnaryFunction(UnaryOp op, float arg) => op switch
    {
        UnaryOp.Neg => x => -x,
        UnaryOp.Exp => VecMath.Exp,
        UnaryOp.Log => MathF.Log,
        UnaryOp.Log1p => x => (float)Math.Log(1 + (double)x),
        UnaryOp.Expm1 => x => (float)(Math.Exp(x) - 1),
        UnaryOp.Sqrt => MathF.Sqrt,
        UnaryOp.Rsqrt => x => 1f / MathF.Sqrt(x),
        UnaryOp.Abs => MathF.Abs,
        UnaryOp.Sign => x => float.IsNaN(x) ? x : MathF.Sign(x),
        UnaryOp.Sin => MathF.Sin,
        UnaryOp.Cos => MathF.Cos,
        UnaryOp.Tanh => MathF.Tanh,
        UnaryOp.Sigmoid => x => 1f / (1f + MathF.Exp(-x)),
        UnaryOp.Relu => x => x > 0 ? x : 0f,
        UnaryOp.LeakyRelu => x => x > 0 ? x : arg * x,
        UnaryOp.Gelu => x => GeluOp.Apply(x, 0),
        UnaryOp.GeluTanh => x => (float)(0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)))),
        UnaryOp.Silu => x => x / (1f + MathF.Exp(-x)),
        UnaryOp.Softplus => x => x > 20f ? x : (float)Math.Log(1 + Math.Exp(x)),
        UnaryOp.Floor => MathF.Floor,
        UnaryOp.Ceil => MathF.Ceiling,
        UnaryOp.Round => x => MathF.Round(x, MidpointRounding.ToEven),
        UnaryOp.Trunc => MathF.Truncate,
        UnaryOp.Erf => VecMath.Erf,
        UnaryOp.Reciprocal => x => 1f / x,
        UnaryOp.Square => x => x * x,
        UnaryOp.PowScalar => x => MathF.Pow(x, arg),
        UnaryOp.ClampMin => x => x < arg ? arg : x,
        UnaryOp.ClampMax => x => x > arg ? arg : x,
        UnaryOp.AddScalar => x => x + arg,
        UnaryOp.MulScalar => x => x * arg,
        UnaryOp.RSubScalar => x => arg - x,
        UnaryOp.RDivScalar => x => arg / x,
        UnaryOp.ReluGrad => x => LeakyReluGradOp.Apply(x, 0),
        UnaryOp.LeakyReluGrad => x => LeakyReluGradOp.Apply(x, arg),
        UnaryOp.GeluGrad => x => GeluGradOp.Apply(x, 0),
        UnaryOp.GeluTanhGrad => x =>
        {
            double k = Math.Sqrt(2 / Math.PI), t = Math.Tanh(k * (x + 0.044715 * x * x * x));
            return (float)(0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x));
        },
        UnaryOp.SiluGrad => x => { float s = 1f / (1f + MathF.Exp(-x)); return s * (1 + x * (1 - s)); },
        UnaryOp.TanhGradFromOutput => y => TanhGradFromOutputOp.Apply(y, 0),
        UnaryOp.SigmoidGradFromOutput => y => SigmoidGradFromOutputOp.Apply(y, 0),
        _ => throw new NotSupportedException($"unary op {op}"),
    };

    public void Binary(BinaryOp op, Tensor a, Tensor b, Tensor dst)
    {
        if (dst.dtype == torch.ScalarType.Float32 && a.dtype == torch.ScalarType.Float32)
        {
            switch (op)
            {
                case BinaryOp.Add: FloatBinary<AddOp>(a, b, dst); return;
                case BinaryOp.Sub: FloatBinary<SubOp>(a, b, dst); return;
                case BinaryOp.Mul: FloatBinary<MulOp>(a, b, dst); return;
                case BinaryOp.Div: FloatBinary<DivOp>(a, b, dst); return;
            }
        }
        switch (a.dtype, dst.dtype)
        {
            case (torch.ScalarType.Float32, torch.ScalarType.Float32): BinaryRows(a, a.Storage.F!, b, b.Storage.F!, dst.Storage.F!, dst.Shape, FloatArithmetic(op)); break;
            case (torch.ScalarType.Float32, torch.ScalarType.Bool): BinaryRows(a, a.Storage.F!, b, b.Storage.F!, dst.Storage.B!, dst.Shape, Compare<float>(op)); break;
            case (torch.ScalarType.Int64, torch.ScalarType.Int64): BinaryRows(a, a.Storage.L!, b, b.Storage.L!, dst.Storage.L!, dst.Shape, LongArithmetic(op)); break;
            case (torch.ScalarType.Int64, torch.ScalarType.Bool): BinaryRows(a, a.Storage.L!, b, b.Storage.L!, dst.Storage.B!, dst.Shape, Compare<long>(op)); break;
            case (torch.ScalarType.Bool, torch.ScalarType.Bool): BinaryRows(a, a.Storage.B!, b, b.Storage.B!, dst.Storage.B!, dst.Shape, Logical(op)); break;
            default: throw new NotSupportedException($"binary op {op} from {a.dtype} to {dst.dtype}");
        }
    }

    /// <summary>
    /// Arithmetic on float rows: after coalescing, rows whose operands step by 0 or 1 take the vector loop, others
    /// the scalar one; large outputs are split across threads by rows.
    /// </summary>
    static void FloatBinary<TOp>(Tensor a, Tensor b, Tensor dst) where TOp : IFloatBinary
    {
        var (shape, strides) = StridedRows.Coalesce(dst.Shape, a.Strides, b.Strides, dst.Strides);
        var ra = StridedRows.Of(shape, strides[0], a.Offset);
        var rb = StridedRows.Of(shape, strides[1], b.Offset);
        int cols = StridedRows.Cols(shape);
        float[] x = a.Storage.F!, z = b.Storage.F!, y = dst.Storage.F!;
        bool vector = ra.Step is 0 or 1 && rb.Step is 0 or 1;
        ForRows(ra.Starts.Length, cols, r =>
        {
            int ai = ra.Starts[r], bi = rb.Starts[r], yi = r * cols;
            if (vector) FloatRows.Binary<TOp>(ref x[ai], ra.Step, ref z[bi], rb.Step, ref y[yi], cols);
            else for (int i = 0; i < cols; i++, ai += ra.Step, bi += rb.Step) y[yi + i] = TOp.Apply(x[ai], z[bi]);
        });
    }

    // Below these sizes a second thread costs more than it saves: cheap arithmetic needs about a million elements,
    // a function call per element (exp, erf, tanh) far fewer.
    const int ParallelElements = 1 << 20, UnaryParallelElements = 1 << 15;

    /// <summary>Runs body(row) for every row, on several threads when there are enough elements to pay for them.</summary>
    static void ForRows(int rows, int cols, Action<int> body) => ForRows(rows, cols, ParallelElements, body);

    static void ForRows(int rows, int cols, long threshold, Action<int> body)
    {
        if ((long)rows * cols >= threshold && rows > 1 && Threading.NumThreads > 1) Parallel.For(0, rows, Threading.Options, body);
        else for (int r = 0; r < rows; r++) body(r);
    }

    static void BinaryRows<T, TR>(Tensor ta, T[] a, Tensor tb, T[] b, TR[] y, int[] shape, Func<T, T, TR> f)
    {
        var ra = StridedRows.Of(ta); var rb = StridedRows.Of(tb);
        int cols = StridedRows.Cols(shape), o = 0;
        for (int r = 0; r < ra.Starts.Length; r++)
        {
            int ai = ra.Starts[r], bi = rb.Starts[r];
            for (int i = 0; i < cols; i++, ai += ra.Step, bi += rb.Step) y[o++] = f(a[ai], b[bi]);
        }
    }

    static Func<float, float, float> FloatArithmetic(BinaryOp op) => op switch
    {
        BinaryOp.Add => (x, y) => x + y,
        BinaryOp.Sub => (x, y) => x - y,
        BinaryOp.Mul => (x, y) => x * y,
        BinaryOp.Div => (x, y) => x / y,
        BinaryOp.Pow => MathF.Pow,
        BinaryOp.Minimum => (x, y) => float.IsNaN(x) || float.IsNaN(y) ? float.NaN : Math.Min(x, y),
        BinaryOp.Maximum => (x, y) => float.IsNaN(x) || float.IsNaN(y) ? float.NaN : Math.Max(x, y),
        BinaryOp.Atan2 => MathF.Atan2,
        BinaryOp.Remainder => (x, y) => x - MathF.Floor(x / y) * y,
        BinaryOp.FloorDivide => (x, y) => MathF.Floor(x / y),
        _ => throw new NotSupportedException($"binary op {op} on float32"),
    };

    static Func<long, long, long> LongArithmetic(BinaryOp op) => op switch
    {
        BinaryOp.Add => (x, y) => x + y,
        BinaryOp.Sub => (x, y) => x - y,
        BinaryOp.Mul => (x, y) => x * y,
        BinaryOp.Minimum => Math.Min,
        BinaryOp.Maximum => Math.Max,
        BinaryOp.Remainder => (x, y) => ((x % y) + y) % y,
        BinaryOp.FloorDivide => (x, y) => (long)Math.Floor((double)x / y),
        BinaryOp.And => (x, y) => x & y,
        BinaryOp.Or => (x, y) => x | y,
        BinaryOp.Xor => (x, y) => x ^ y,
        _ => throw new NotSupportedException($"binary op {op} on int64"),
    };

    static Func<T, T, bool> Compare<T>(BinaryOp op) where T : IComparable<T> => op switch
    {
        BinaryOp.Eq => (x, y) => x.CompareTo(y) == 0 && !IsNaN(x),
        BinaryOp.Ne => (x, y) => x.CompareTo(y) != 0 || IsNaN(x),
        BinaryOp.Lt => (x, y) => x.CompareTo(y) < 0 && !IsNaN(x) && !IsNaN(y),
        BinaryOp.Le => (x, y) => x.CompareTo(y) <= 0 && !IsNaN(x) && !IsNaN(y),
        BinaryOp.Gt => (x, y) => x.CompareTo(y) > 0 && !IsNaN(x) && !IsNaN(y),
        BinaryOp.Ge => (x, y) => x.CompareTo(y) >= 0 && !IsNaN(x) && !IsNaN(y),
        _ => throw new NotSupportedException($"comparison {op}"),
    };

    static bool IsNaN<T>(T x) => x is float f && float.IsNaN(f);

    static Func<bool, bool, bool> Logical(BinaryOp op) => op switch
    {
        BinaryOp.And => (x, y) => x & y,
        BinaryOp.Or => (x, y) => x | y,
        BinaryOp.Xor or BinaryOp.Ne => (x, y) => x ^ y,
        BinaryOp.Eq => (x, y) => x == y,
        _ => throw new NotSupportedException($"binary op {op} on bool"),
    };
}
