using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SslCourse.Cpu;

internal sealed partial class CpuBackend
{
    public void MaxPool2d(Tensor planes, ConvGeometry g, Tensor output, Tensor argmax)
    {
        var x = planes.Storage.F!; var y = output.Storage.F!; var winners = argmax.Storage.L!;
        int h = planes.Shape[1], w = planes.Shape[2], outH = g.OutH, outW = g.OutW, outPlane = outH * outW;   // (OutH and OutW divide)
        bool pairs = g is { KernelH: 2, KernelW: 2, StrideH: 2, StrideW: 2, PadH: 0, PadW: 0, DilationH: 1, DilationW: 1 } && 2 * outH <= h && 2 * outW <= w;
        ForRows(planes.Shape[0], outPlane * g.KernelH * g.KernelW, p =>
        {
            int source = planes.Offset + p * h * w;
            if (pairs)
            {
                MaxOfPairs(x.AsSpan(source, h * w), w, y.AsSpan(output.Offset + p * outPlane, outPlane), winners.AsSpan(argmax.Offset + p * outPlane, outPlane), outW);
                return;
            }
            for (int oy = 0, o = p * outPlane; oy < outH; oy++)
                for (int ox = 0; ox < outW; ox++, o++)
                {
                    float best = float.NegativeInfinity;
                    int winner = -1;
                    for (int ky = 0; ky < g.KernelH; ky++)
                    {
                        int iy = oy * g.StrideH - g.PadH + ky * g.DilationH;
                        if (iy < 0 || iy >= h) continue;
                        for (int kx = 0; kx < g.KernelW; kx++)
                        {
                            int ix = ox * g.StrideW - g.PadW + kx * g.DilationW;
                            if (ix < 0 || ix >= w) continue;
                            float v = x[source + iy * w + ix];
                            // NaN wins, as in PyTorch, so that it propagates.
                            if (v > best || float.IsNaN(v) || winner < 0) { best = v; winner = iy * w + ix; if (float.IsNaN(v)) goto done; }
                        }
                    }
                    done:
                    y[output.Offset + o] = best;
                    winners[argmax.Offset + o] = winner;
                }
        });
    }

    // The common 2x2 window at stride 2 without the general loop's bounds tests. Comparisons of data are branches
    // that guess wrong half the time, so 8 outputs go at once in AVX registers: each row's pairs split into the
    // left (even) and right (odd) candidates, compared branch-free in the general loop's order.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void MaxOfPairs(ReadOnlySpan<float> plane, int w, Span<float> y, Span<long> winners, int outW)
    {
        var step = Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14);
        for (int oy = 0, o = 0; oy < y.Length / outW; oy++)
        {
            int ox = 0, row = 2 * oy * w;
            if (Avx2.IsSupported)
                for (; ox + 8 <= outW; ox += 8, o += 8)
                {
                    ref float top = ref Unsafe.AsRef(in plane[row + 2 * ox]);
                    ref float bottom = ref Unsafe.AsRef(in plane[row + w + 2 * ox]);
                    var (topLeft, topRight) = Split(Vector256.LoadUnsafe(ref top), Vector256.LoadUnsafe(ref top, 8));
                    var (bottomLeft, bottomRight) = Split(Vector256.LoadUnsafe(ref bottom), Vector256.LoadUnsafe(ref bottom, 8));
                    var best = topLeft;
                    var offset = Vector256<int>.Zero;
                    Consider(topRight, Vector256.Create(1), ref best, ref offset);
                    Consider(bottomLeft, Vector256.Create(w), ref best, ref offset);
                    Consider(bottomRight, Vector256.Create(w + 1), ref best, ref offset);
                    best.StoreUnsafe(ref y[o]);
                    var (low, high) = Vector256.Widen(offset + step + Vector256.Create(row + 2 * ox));
                    low.StoreUnsafe(ref winners[o]);
                    high.StoreUnsafe(ref winners[o + 4]);
                }
            for (; ox < outW; ox++, o++)
            {
                int at = row + 2 * ox;
                float best = plane[at];
                int winner = at;
                Consider(plane[at + 1], at + 1, ref best, ref winner);
                Consider(plane[at + w], at + w, ref best, ref winner);
                Consider(plane[at + w + 1], at + w + 1, ref best, ref winner);
                y[o] = best;
                winners[o] = winner;
            }
        }
    }

    // 16 consecutive floats as their 8 even and 8 odd entries (in order).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static (Vector256<float> Even, Vector256<float> Odd) Split(Vector256<float> a, Vector256<float> b) =>
        (Avx2.Permute4x64(Avx.Shuffle(a, b, 0x88).AsDouble(), 0xD8).AsSingle(), Avx2.Permute4x64(Avx.Shuffle(a, b, 0xDD).AsDouble(), 0xD8).AsSingle());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Consider(Vector256<float> v, Vector256<int> at, ref Vector256<float> best, ref Vector256<int> winner)
    {
        var bestIsNumber = Vector256.Equals(best, best);
        var take = bestIsNumber & (Vector256.GreaterThan(v, best) | ~Vector256.Equals(v, v));
        best = Vector256.ConditionalSelect(take, v, best);
        winner = Vector256.ConditionalSelect(take.AsInt32(), at, winner);
    }

    // A later candidate wins when it is larger, or NaN (which then stays: NaN propagates, as in PyTorch).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Consider(float v, int at, ref float best, ref int winner)
    {
        if (!float.IsNaN(best) && (v > best || float.IsNaN(v))) (best, winner) = (v, at);
    }

    public void MaxPool2dBackward(Tensor outputGrad, Tensor argmax, Tensor inputGrad)
    {
        var gy = outputGrad.Storage.F!; var gx = inputGrad.Storage.F!; var winners = argmax.Storage.L!;
        int planes = inputGrad.Shape[0], plane = inputGrad.Shape[1] * inputGrad.Shape[2], outPlane = argmax.Numel / planes;
        // One task per plane: overlapping windows of a plane add into the same pixels.
        ForRows(planes, outPlane, p =>
        {
            for (int o = p * outPlane, end = o + outPlane; o < end; o++)
            {
                long winner = winners[argmax.Offset + o];
                if (winner >= 0) gx[inputGrad.Offset + p * plane + winner] += gy[outputGrad.Offset + o];
            }
        });
    }
}
