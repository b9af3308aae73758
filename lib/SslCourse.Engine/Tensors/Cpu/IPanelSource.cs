using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SslCourse.Cpu.Simd;

namespace SslCourse.Cpu;

/// <summary>
/// The right-hand matrix B of a <see cref="Gemm"/> product as the packing step sees it. GEMM reads B only to pack it,
/// so B need not exist in memory: it can be a strided matrix (<see cref="StridedMatrix"/>) or a convolution's
/// patches read straight from the images (<see cref="ImagePatches"/>).
/// </summary>
internal interface IPanelSource
{
    /// <summary>
    /// Writes B[pc + q, col0 + x] to panel[q·nr + x] for q &lt; kc and x &lt; cols (cols ≤ nr = 2 vectors of
    /// <typeparamref name="V"/>); the caller pads the rest of a narrow panel.
    /// </summary>
    void Pack<V>(int pc, int kc, int col0, int cols, int nr, ref float panel) where V : struct, IVec<V>;
}

/// <summary>B[i, j] = Data[Offset + i·RowStride + j·ColumnStride]: a matrix in memory, transposed or not.</summary>
internal readonly record struct StridedMatrix(float[] Data, int Offset, int RowStride, int ColumnStride) : IPanelSource
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]  // hot loops: skip the unoptimised first tier
    public void Pack<V>(int pc, int kc, int col0, int cols, int nr, ref float panel) where V : struct, IVec<V>
    {
        ref float src = ref Data[Offset + pc * RowStride + col0 * ColumnStride];
        if (ColumnStride == 1 && cols == 2 * V.Count)
            // Rows of B are contiguous: each panel row is two vectors, moved directly (a call to copy 64 bytes
            // would cost more than the copy).
            for (int q = 0; q < kc; q++)
            {
                ref float row = ref Unsafe.Add(ref src, q * RowStride);
                ref float packed = ref Unsafe.Add(ref panel, q * nr);
                V.Load(ref row).Store(ref packed);
                V.Load(ref Unsafe.Add(ref row, V.Count)).Store(ref Unsafe.Add(ref packed, V.Count));
            }
        else if (ColumnStride == 1)
            for (int q = 0; q < kc; q++)
                MemoryMarshal.CreateSpan(ref Unsafe.Add(ref src, q * RowStride), cols).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref panel, q * nr), cols));
        else if (RowStride == 1)
            // B is transposed (a Linear layer's weight): its columns are contiguous and become the panel's rows.
            Transpose.Block(ref src, ColumnStride, cols, kc, ref panel, nr);
        else
            for (int q = 0; q < kc; q++)
                for (int x = 0; x < cols; x++) Unsafe.Add(ref panel, q * nr + x) = Unsafe.Add(ref src, q * RowStride + x * ColumnStride);
    }
}
