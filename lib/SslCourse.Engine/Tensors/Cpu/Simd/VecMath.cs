using System.Runtime.CompilerServices;

namespace SslCourse.Cpu.Simd;

/// <summary>
/// exp and erf as polynomials that vectorise, each written twice — for one float and for a vector — with the same
/// operations in the same order, so the scalar form is the reference the vector form is tested against.
/// </summary>
internal static class VecMath
{
    // exp(x) = 2^n · e^r, n = round(x / ln 2), |r| ≤ ln 2 / 2, and e^r from its Taylor series to r^7 (error < 1e-8).
    // ln 2 is split in two so that n · ln 2 is subtracted without losing r's low bits.
    const float Log2E = 1.44269504f, Ln2High = 0.693359375f, Ln2Low = -2.12194440e-4f;
    const float RoundMagic = 12582912f;     // 1.5 · 2^23: adding and subtracting it rounds to the nearest whole number
    const float ExpLow = -86.6f;            // below, e^x < 2.6e-38 flushes to 0 (2^(n-1) must stay a normal float)
    const float ExpHigh = 88.7228f;         // above, e^x overflows float

    /// <summary>e^x to float precision; +∞ above 88.72, 0 below −86.6, NaN for NaN.</summary>
    public static float Exp(float x)
    {
        if (float.IsNaN(x)) return x;
        if (x < ExpLow) return 0;
        if (ExpHigh < x) return float.PositiveInfinity;
        float n = MathF.FusedMultiplyAdd(x, Log2E, RoundMagic) - RoundMagic;
        float r = MathF.FusedMultiplyAdd(n, -Ln2High, x);
        r = MathF.FusedMultiplyAdd(n, -Ln2Low, r);
        float p = 1 / 5040f;
        p = MathF.FusedMultiplyAdd(p, r, 1 / 720f);
        p = MathF.FusedMultiplyAdd(p, r, 1 / 120f);
        p = MathF.FusedMultiplyAdd(p, r, 1 / 24f);
        p = MathF.FusedMultiplyAdd(p, r, 1 / 6f);
        p = MathF.FusedMultiplyAdd(p, r, 0.5f);
        p = MathF.FusedMultiplyAdd(p, r, 1);
        p = MathF.FusedMultiplyAdd(p, r, 1);
        return (p + p) * BitConverter.Int32BitsToSingle(((int)n - 1 + 127) << 23);   // 2 · 2^(n-1): n may be 128
    }

    /// <summary><see cref="Exp(float)"/> on every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Exp<V>(V x) where V : struct, IVec<V>
    {
        V n = V.Subtract(V.MultiplyAdd(x, V.Broadcast(Log2E), V.Broadcast(RoundMagic)), V.Broadcast(RoundMagic));
        V r = V.MultiplyAdd(n, V.Broadcast(-Ln2High), x);
        r = V.MultiplyAdd(n, V.Broadcast(-Ln2Low), r);
        V p = V.Broadcast(1 / 5040f);
        p = V.MultiplyAdd(p, r, V.Broadcast(1 / 720f));
        p = V.MultiplyAdd(p, r, V.Broadcast(1 / 120f));
        p = V.MultiplyAdd(p, r, V.Broadcast(1 / 24f));
        p = V.MultiplyAdd(p, r, V.Broadcast(1 / 6f));
        p = V.MultiplyAdd(p, r, V.Broadcast(0.5f));
        p = V.MultiplyAdd(p, r, V.Broadcast(1));
        p = V.MultiplyAdd(p, r, V.Broadcast(1));
        // Out-of-range lanes computed garbage above; the selects replace it.
        V y = V.Multiply(V.Add(p, p), V.Pow2(V.Subtract(n, V.Broadcast(1))));
        y = V.Select(V.LessThan(x, V.Broadcast(ExpLow)), V.Zero, y);
        y = V.Select(V.LessThan(V.Broadcast(ExpHigh), x), V.Broadcast(float.PositiveInfinity), y);
        return V.Select(V.IsNaN(x), x, y);
    }

    // erf(x) by Abramowitz & Stegun 7.1.26: 1 − t·P(t)·e^(−x²) with t = 1 / (1 + 0.3275911|x|), within 1.5e-7.
    const float ErfP = 0.3275911f, A1 = 0.254829592f, A2 = -0.284496736f, A3 = 1.421413741f, A4 = -1.453152027f, A5 = 1.061405429f;

    /// <summary>The error function, within 1.5e-7 of the true value.</summary>
    public static float Erf(float x)
    {
        float z = MathF.Abs(x), t = 1 / MathF.FusedMultiplyAdd(ErfP, z, 1);
        float poly = MathF.FusedMultiplyAdd(A5, t, A4);
        poly = MathF.FusedMultiplyAdd(poly, t, A3);
        poly = MathF.FusedMultiplyAdd(poly, t, A2);
        poly = MathF.FusedMultiplyAdd(poly, t, A1) * t;
        float e = 1 - poly * Exp(-(z * z));
        return x < 0 ? -e : e;
    }

    /// <summary><see cref="Erf(float)"/> on every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Erf<V>(V x) where V : struct, IVec<V>
    {
        V z = V.Max(x, V.Subtract(V.Zero, x));
        V t = V.Divide(V.Broadcast(1), V.MultiplyAdd(V.Broadcast(ErfP), z, V.Broadcast(1)));
        V poly = V.MultiplyAdd(V.Broadcast(A5), t, V.Broadcast(A4));
        poly = V.MultiplyAdd(poly, t, V.Broadcast(A3));
        poly = V.MultiplyAdd(poly, t, V.Broadcast(A2));
        poly = V.Multiply(V.MultiplyAdd(poly, t, V.Broadcast(A1)), t);
        V e = V.Subtract(V.Broadcast(1), V.Multiply(poly, Exp(V.Subtract(V.Zero, V.Multiply(z, z)))));
        return V.Select(V.LessThan(x, V.Zero), V.Subtract(V.Zero, e), e);
    }

    /// <summary>Φ(x), the standard normal distribution function: ½·(1 + erf(x/√2)).</summary>
    public static float NormalCdf(float x) => 0.5f * (1 + Erf(x * 0.70710678f));

    /// <summary><see cref="NormalCdf(float)"/> on every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V NormalCdf<V>(V x) where V : struct, IVec<V> =>
        V.Multiply(V.Broadcast(0.5f), V.Add(V.Broadcast(1), Erf(V.Multiply(x, V.Broadcast(0.70710678f)))));
}
