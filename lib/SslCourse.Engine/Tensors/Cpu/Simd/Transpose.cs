using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SslCourse.Cpu.Simd;

/// <summary>
/// dst[c, r] = src[r, c] for a block of floats with any row strides: GEMM packing turns matrices whose columns are
/// contiguous into rows with it. Whole 8×8 tiles go through AVX registers; the edges take <see cref="Reference"/>.
/// </summary>
internal static class Transpose
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]  // hot loop: skip the unoptimised first tier
    public static void Block(ref float src, int srcStride, int rows, int cols, ref float dst, int dstStride)
    {
        int r0 = 0;
        if (Avx.IsSupported)
            for (; r0 + 8 <= rows; r0 += 8)
            {
                int c0 = 0;
                for (; c0 + 8 <= cols; c0 += 8)
                    Tile8(ref Unsafe.Add(ref src, r0 * srcStride + c0), srcStride, ref Unsafe.Add(ref dst, c0 * dstStride + r0), dstStride);
                if (c0 < cols) Reference(ref Unsafe.Add(ref src, r0 * srcStride + c0), srcStride, 8, cols - c0, ref Unsafe.Add(ref dst, c0 * dstStride + r0), dstStride);
            }
        // (A reference past the end of an array must not even be formed, so the empty edges are skipped.)
        if (r0 < rows) Reference(ref Unsafe.Add(ref src, r0 * srcStride), srcStride, rows - r0, cols, ref Unsafe.Add(ref dst, r0), dstStride);
    }

    /// <summary>The same, one float at a time.</summary>
    public static void Reference(ref float src, int srcStride, int rows, int cols, ref float dst, int dstStride)
    {
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) Unsafe.Add(ref dst, c * dstStride + r) = Unsafe.Add(ref src, r * srcStride + c);
    }

    // Rows r0..r7 = a[i, 0..7]. Interleaving pairs of rows, then pairs of pairs, leaves four-element pieces of each
    // column in the two halves of the registers; swapping halves assembles the columns.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Tile8(ref float src, int srcStride, ref float dst, int dstStride)
    {
        var r0 = Vector256.LoadUnsafe(ref src); var r1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref src, srcStride));
        var r2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 2 * srcStride)); var r3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 3 * srcStride));
        var r4 = Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 4 * srcStride)); var r5 = Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 5 * srcStride));
        var r6 = Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 6 * srcStride)); var r7 = Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 7 * srcStride));
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);   // a00 a10 a01 a11 | a04 a14 a05 a15 ; a02 a12 a03 a13 | …
        var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44); var u1 = Avx.Shuffle(t0, t2, 0xEE);   // a00 a10 a20 a30 | a04 a14 a24 a34 ; a01 … | a05 …
        var u2 = Avx.Shuffle(t1, t3, 0x44); var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44); var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44); var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref dst);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref Unsafe.Add(ref dst, dstStride));
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref Unsafe.Add(ref dst, 2 * dstStride));
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref Unsafe.Add(ref dst, 3 * dstStride));
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref Unsafe.Add(ref dst, 4 * dstStride));
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref Unsafe.Add(ref dst, 5 * dstStride));
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref Unsafe.Add(ref dst, 6 * dstStride));
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref Unsafe.Add(ref dst, 7 * dstStride));
    }
}
