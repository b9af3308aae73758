using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SslCourse.Cpu.Simd;

namespace SslCourse.Cpu;

internal sealed partial class CpuBackend
{
    public void AdamStep(Tensor param, Tensor grad, Tensor m, Tensor v, double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled, long step)
    {
        var k = new AdamConstants(lr, beta1, beta2, eps, weightDecay, decoupled, step);
        int n = param.Numel;
        const int block = 1 << 14;
        ForRows((n + block - 1) / block, block, b =>
        {
            int from = b * block, count = Math.Min(block, n - from);
            var p = param.Storage.F!.AsSpan(param.Offset + from, count);
            var g = grad.Storage.F!.AsSpan(grad.Offset + from, count);
            var mm = m.Storage.F!.AsSpan(m.Offset + from, count);
            var vv = v.Storage.F!.AsSpan(v.Offset + from, count);
            int done = Vector512.IsHardwareAccelerated ? AdamVector<Vec512>(p, g, mm, vv, k)
                : Vector256.IsHardwareAccelerated ? AdamVector<Vec256>(p, g, mm, vv, k)
                : Vector128.IsHardwareAccelerated ? AdamVector<Vec128>(p, g, mm, vv, k) : 0;
            for (int i = done; i < count; i++) AdamScalar(ref p[i], g[i], ref mm[i], ref vv[i], k);
        });
    }

    readonly struct AdamConstants(double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled, long step)
    {
        public readonly float B1 = (float)beta1, B2 = (float)beta2, Eps = (float)eps;
        public readonly float StepSize = (float)(lr / (1 - Math.Pow(beta1, step)));
        public readonly float RootCorrection2 = (float)Math.Sqrt(1 - Math.Pow(beta2, step));
        public readonly float Decay = decoupled ? (float)(1 - lr * weightDecay) : 1f;   // AdamW shrinks the weight
        public readonly float L2 = decoupled ? 0f : (float)weightDecay;                 // Adam adds λw to the gradient
    }

    /// <summary>The update of one weight; the vector loop below must agree with it.</summary>
    static void AdamScalar(ref float p, float g, ref float m, ref float v, in AdamConstants k)
    {
        float w = p * k.Decay;
        float gi = g + k.L2 * w;
        m = k.B1 * m + (1 - k.B1) * gi;
        v = k.B2 * v + (1 - k.B2) * gi * gi;
        p = w - k.StepSize * m / (MathF.Sqrt(v) / k.RootCorrection2 + k.Eps);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]  // a hot loop: compiled optimised (with its ops inlined) from the first call
    static int AdamVector<V>(Span<float> p, Span<float> g, Span<float> m, Span<float> v, in AdamConstants k) where V : struct, IVec<V>
    {
        int w = V.Count, i = 0;
        V decay = V.Broadcast(k.Decay), l2 = V.Broadcast(k.L2), b1 = V.Broadcast(k.B1), c1 = V.Broadcast(1 - k.B1),
          b2 = V.Broadcast(k.B2), c2 = V.Broadcast(1 - k.B2), step = V.Broadcast(k.StepSize), root = V.Broadcast(k.RootCorrection2), eps = V.Broadcast(k.Eps);
        for (; i <= p.Length - w; i += w)
        {
            V weight = V.Multiply(V.Load(ref p[i]), decay);
            V gi = V.MultiplyAdd(l2, weight, V.Load(ref g[i]));
            V mi = V.MultiplyAdd(c1, gi, V.Multiply(b1, V.Load(ref m[i])));
            V vi = V.MultiplyAdd(c2, V.Multiply(gi, gi), V.Multiply(b2, V.Load(ref v[i])));
            mi.Store(ref m[i]);
            vi.Store(ref v[i]);
            V denominator = V.Add(V.Divide(V.Sqrt(vi), root), eps);
            V.Subtract(weight, V.Divide(V.Multiply(step, mi), denominator)).Store(ref p[i]);
        }
        return i;
    }
}
