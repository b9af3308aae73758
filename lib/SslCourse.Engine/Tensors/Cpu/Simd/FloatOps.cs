using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SslCourse.Cpu.Simd;

/// <summary>A float operation of two operands, in scalar and vector form (both must give the same result).</summary>
internal interface IFloatBinary
{
    static abstract float Apply(float a, float b);
    static abstract V Apply<V>(V a, V b) where V : struct, IVec<V>;
}

internal struct AddOp : IFloatBinary
{
    public static float Apply(float a, float b) => a + b;
    public static V Apply<V>(V a, V b) where V : struct, IVec<V> => V.Add(a, b);
}

internal struct SubOp : IFloatBinary
{
    public static float Apply(float a, float b) => a - b;
    public static V Apply<V>(V a, V b) where V : struct, IVec<V> => V.Subtract(a, b);
}

internal struct MulOp : IFloatBinary
{
    public static float Apply(float a, float b) => a * b;
    public static V Apply<V>(V a, V b) where V : struct, IVec<V> => V.Multiply(a, b);
}

internal struct DivOp : IFloatBinary
{
    public static float Apply(float a, float b) => a / b;
    public static V Apply<V>(V a, V b) where V : struct, IVec<V> => V.Divide(a, b);
}

/// <summary>Vector loops over rows whose operands are contiguous (step 1) or one repeated value (step 0).</summary>
internal static class FloatRows
{
    /// <summary>y[i] = op(a[i·sa], b[i·sb]) for i &lt; n, with sa and sb each 0 or 1.</summary>
    public static void Binary<TOp>(ref float a, int sa, ref float b, int sb, ref float y, int n) where TOp : IFloatBinary
    {
        if (Vector512.IsHardwareAccelerated) Binary<TOp, Vec512>(ref a, sa, ref b, sb, ref y, n);
        else if (Vector256.IsHardwareAccelerated) Binary<TOp, Vec256>(ref a, sa, ref b, sb, ref y, n);
        else Binary<TOp, Vec128>(ref a, sa, ref b, sb, ref y, n);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]  // a hot loop: compiled optimised (with its ops inlined) from the first call
    static void Binary<TOp, V>(ref float a, int sa, ref float b, int sb, ref float y, int n) where TOp : IFloatBinary where V : struct, IVec<V>
    {
        int i = 0, w = V.Count;
        if (Vector128.IsHardwareAccelerated)
        {
            V fixedA = V.Broadcast(a), fixedB = V.Broadcast(b);
            for (; i <= n - w; i += w)
            {
                V x = sa == 0 ? fixedA : V.Load(ref Unsafe.Add(ref a, i));
                V z = sb == 0 ? fixedB : V.Load(ref Unsafe.Add(ref b, i));
                TOp.Apply(x, z).Store(ref Unsafe.Add(ref y, i));
            }
        }
        for (; i < n; i++) Unsafe.Add(ref y, i) = TOp.Apply(Unsafe.Add(ref a, i * sa), Unsafe.Add(ref b, i * sb));
    }

    /// <summary>y[i] = a[i]·alpha + (b[i] − mu)·beta + gamma over n contiguous floats (batch norm's input gradient in one sweep).</summary>
    public static void Affine(ref float a, float alpha, ref float b, float mu, float beta, float gamma, ref float y, int n)
    {
        if (Vector512.IsHardwareAccelerated) Affine<Vec512>(ref a, alpha, ref b, mu, beta, gamma, ref y, n);
        else if (Vector256.IsHardwareAccelerated) Affine<Vec256>(ref a, alpha, ref b, mu, beta, gamma, ref y, n);
        else Affine<Vec128>(ref a, alpha, ref b, mu, beta, gamma, ref y, n);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]  // a hot loop: compiled optimised (with its ops inlined) from the first call
    static void Affine<V>(ref float a, float alpha, ref float b, float mu, float beta, float gamma, ref float y, int n) where V : struct, IVec<V>
    {
        int i = 0, w = V.Count;
        if (Vector128.IsHardwareAccelerated)
        {
            V va = V.Broadcast(alpha), vm = V.Broadcast(mu), vb = V.Broadcast(beta), vg = V.Broadcast(gamma);
            for (; i <= n - w; i += w)
                V.MultiplyAdd(V.Load(ref Unsafe.Add(ref a, i)), va, V.MultiplyAdd(V.Subtract(V.Load(ref Unsafe.Add(ref b, i)), vm), vb, vg))
                    .Store(ref Unsafe.Add(ref y, i));
        }
        for (; i < n; i++) Unsafe.Add(ref y, i) = MathF.FusedMultiplyAdd(Unsafe.Add(ref a, i), alpha, MathF.FusedMultiplyAdd(Unsafe.Add(ref b, i) - mu, beta, gamma));
    }

    /// <summary>Sum of n contiguous floats, accumulated in several vector lanes (then in double across lanes).</summary>
    public static double Sum(ref float x, int n) => Accumulate<ValueTerm>(ref x, ref x, n);

    /// <summary>Σ a[i]·b[i] over n contiguous floats, accumulated as <see cref="Sum"/> is.</summary>
    public static double Dot(ref float a, ref float b, int n) => Accumulate<ProductTerm>(ref a, ref b, n);

    static double Accumulate<TTerm>(ref float a, ref float b, int n) where TTerm : IRowTerm
    {
        if (Vector512.IsHardwareAccelerated) return Accumulate<TTerm, Vec512>(ref a, ref b, n);
        if (Vector256.IsHardwareAccelerated) return Accumulate<TTerm, Vec256>(ref a, ref b, n);
        return Accumulate<TTerm, Vec128>(ref a, ref b, n);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]  // a hot loop: compiled optimised (with its ops inlined) from the first call
    static double Accumulate<TTerm, V>(ref float a, ref float b, int n) where TTerm : IRowTerm where V : struct, IVec<V>
    {
        int i = 0, w = V.Count;
        double total = 0;
        if (Vector128.IsHardwareAccelerated)
            while (n - i >= w)
            {
                // Up to 64 vectors are added in float, then each block's total in double, to bound rounding error.
                int blockEnd = i + Math.Min(64, (n - i) / w) * w;
                V acc = V.Zero;
                for (; i < blockEnd; i += w) acc = TTerm.Add(acc, ref Unsafe.Add(ref a, i), ref Unsafe.Add(ref b, i));
                total += V.Sum(acc);
            }
        for (; i < n; i++) total += TTerm.Of(Unsafe.Add(ref a, i), Unsafe.Add(ref b, i));
        return total;
    }

    /// <summary>What <see cref="Accumulate{TTerm}"/> adds up for element i of the two rows, in vector and scalar form.</summary>
    interface IRowTerm
    {
        static abstract V Add<V>(V acc, ref float a, ref float b) where V : struct, IVec<V>;
        static abstract double Of(float a, float b);
    }

    /// <summary>The first row's value (a sum; the second row is not read).</summary>
    struct ValueTerm : IRowTerm
    {
        public static V Add<V>(V acc, ref float a, ref float b) where V : struct, IVec<V> => V.Add(acc, V.Load(ref a));
        public static double Of(float a, float b) => a;
    }

    /// <summary>The product of the two rows' values (a dot product).</summary>
    struct ProductTerm : IRowTerm
    {
        public static V Add<V>(V acc, ref float a, ref float b) where V : struct, IVec<V> => V.MultiplyAdd(V.Load(ref a), V.Load(ref b), acc);
        public static double Of(float a, float b) => a * b;
    }
}

/// <summary>A float function of one operand and a constant, in scalar and vector form (both must agree).</summary>
internal interface IFloatUnary
{
    static abstract float Apply(float x, float arg);
    static abstract V Apply<V>(V x, V arg) where V : struct, IVec<V>;
}

internal struct NegOp : IFloatUnary
{
    public static float Apply(float x, float arg) => -x;
    public static V Apply<V>(V x, V arg) where V : struct, IVec<V> => V.Subtract(V.Zero, x);
}

internal struct AddScalarOp : IFloatUnary
{
    public static float Apply(float x, float arg) => x + arg;
    public static V Apply<V>(V x, V arg) where V : struct, IVec<V> => V.Add(x, arg);
}

internal struct MulScalarOp : IFloatUnary
{
    public static float Apply(float x, float arg) => x * arg;
    public static V Apply<V>(V x, V arg) where V : struct, IVec<V> => V.Multiply(x, arg);
}

internal struct RSubScalarOp : IFloatUnary
{
    public static float Apply(float x, float arg) => arg - x;
    public static V Apply<V>(V x, V arg) where V : struct, IVec<V> => V.Subtract(arg, x);
}

internal struct SquareOp : IFloatUnary
{
    public static float Apply(float x, float arg) => x * x;
    public static V Apply<V>(V x, V arg) where V : struct, IVec<V> => V.Multiply(x, x);
}

internal struct ReluOp : IFloatUnary
{
    public static float Apply(float x, float arg) => x > 0 ? x : 0f;
    public static V Apply<V>(V x, V arg) where V : struct, IVec<V> => V.Max(x, V.Zero);
}

internal struct LeakyReluOp : IFloatUnary
{
    public static float Apply(float x, float arg) => x > 0 ? x : arg * x;
    public static V Apply<V>(V x, V arg) where V : struct, IVec<V> => V.Add(V.Max(x, V.Zero), V.Multiply(arg, V.Min(x, V.Zero)));
}

internal static class FloatUnaryRows
{
    /// <summary>y[i] = op(x[i], arg) over n contiguous floats.</summary>
    public static void Apply<TOp>(ReadOnlySpan<float> x, Span<float> y, float arg) where TOp : IFloatUnary =>
        Run<TOp, Plain>(x, x, y, arg);

    /// <summary>y[i] = g[i] · op(x[i], arg) over n contiguous floats: a gradient times a derivative, in one pass.</summary>
    public static void ApplyTimes<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> g, Span<float> y, float arg) where TOp : IFloatUnary =>
        Run<TOp, TimesGradient>(x, g, y, arg);

    static void Run<TOp, TResult>(ReadOnlySpan<float> x, ReadOnlySpan<float> g, Span<float> y, float arg) where TOp : IFloatUnary where TResult : IUnaryResult
    {
        int done = Vector512.IsHardwareAccelerated ? Vector<TOp, TResult, Vec512>(x, g, y, arg)
            : Vector256.IsHardwareAccelerated ? Vector<TOp, TResult, Vec256>(x, g, y, arg)
            : Vector128.IsHardwareAccelerated ? Vector<TOp, TResult, Vec128>(x, g, y, arg) : 0;
        for (int i = done; i < x.Length; i++) y[i] = TResult.Of(TOp.Apply(x[i], arg), g[i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]  // a hot loop: compiled optimised (with its ops inlined) from the first call
    static int Vector<TOp, TResult, V>(ReadOnlySpan<float> x, ReadOnlySpan<float> g, Span<float> y, float arg)
        where TOp : IFloatUnary where TResult : IUnaryResult where V : struct, IVec<V>
    {
        int i = 0, w = V.Count;
        V a = V.Broadcast(arg);
        ref float xs = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
        ref float gs = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(g);
        ref float ys = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y);
        for (; i <= x.Length - w; i += w) TResult.Of(TOp.Apply(V.Load(ref Unsafe.Add(ref xs, i)), a), ref Unsafe.Add(ref gs, i)).Store(ref Unsafe.Add(ref ys, i));
        return i;
    }

    /// <summary>What is stored for element i, given op's value there: the value itself, or the gradient times it.</summary>
    interface IUnaryResult
    {
        static abstract V Of<V>(V value, ref float g) where V : struct, IVec<V>;
        static abstract float Of(float value, float g);
    }

    /// <summary>The op's value (the gradient row is not read).</summary>
    struct Plain : IUnaryResult
    {
        public static V Of<V>(V value, ref float g) where V : struct, IVec<V> => value;
        public static float Of(float value, float g) => value;
    }

    /// <summary>g · value: the chain rule for an elementwise function.</summary>
    struct TimesGradient : IUnaryResult
    {
        public static V Of<V>(V value, ref float g) where V : struct, IVec<V> => V.Multiply(V.Load(ref g), value);
        public static float Of(float value, float g) => g * value;
    }
}

/// <summary>Leaky ReLU's derivative: 1 where x &gt; 0, else the slope arg (ReLU's at slope 0).</summary>
internal struct LeakyReluGradOp : IFloatUnary
{
    public static float Apply(float x, float arg) => x > 0 ? 1f : arg;
    public static V Apply<V>(V x, V arg) where V : struct, IVec<V> => V.Select(V.LessThan(V.Zero, x), V.Broadcast(1f), arg);
}

/// <summary>tanh's derivative from its output y: 1 − y².</summary>
internal struct TanhGradFromOutputOp : IFloatUnary
{
    public static float Apply(float y, float arg) => 1 - y * y;
    public static V Apply<V>(V y, V arg) where V : struct, IVec<V> => V.Subtract(V.Broadcast(1f), V.Multiply(y, y));
}

/// <summary>The sigmoid's derivative from its output y: y·(1 − y).</summary>
internal struct SigmoidGradFromOutputOp : IFloatUnary
{
    public static float Apply(float y, float arg) => y * (1 - y);
    public static V Apply<V>(V y, V arg) where V : struct, IVec<V> => V.Multiply(y, V.Subtract(V.Broadcast(1f), y));
}

/// <summary>e^(x − arg): exp for arg 0; softmax passes its row's maximum.</summary>
internal struct ExpOp : IFloatUnary
{
    public static float Apply(float x, float arg) => VecMath.Exp(x - arg);
    public static V Apply<V>(V x, V arg) where V : struct, IVec<V> => VecMath.Exp(V.Subtract(x, arg));
}

/// <summary>GELU, x·Φ(x), with Φ the standard normal distribution function.</summary>
internal struct GeluOp : IFloatUnary
{
    public static float Apply(float x, float arg) => x * VecMath.NormalCdf(x);
    public static V Apply<V>(V x, V arg) where V : struct, IVec<V> => V.Multiply(x, VecMath.NormalCdf(x));
}

/// <summary>GELU's derivative, Φ(x) + x·φ(x), with φ the standard normal density.</summary>
internal struct GeluGradOp : IFloatUnary
{
    public static float Apply(float x, float arg) => VecMath.NormalCdf(x) + x * (VecMath.Exp(-0.5f * x * x) * 0.39894228f);
    public static V Apply<V>(V x, V arg) where V : struct, IVec<V>
    {
        V density = V.Multiply(VecMath.Exp(V.Multiply(V.Multiply(V.Broadcast(-0.5f), x), x)), V.Broadcast(0.39894228f));
        return V.Add(VecMath.NormalCdf(x), V.Multiply(x, density));
    }
}
