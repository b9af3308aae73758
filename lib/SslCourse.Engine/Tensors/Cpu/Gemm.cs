using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SslCourse.Cpu.Simd;

namespace SslCourse.Cpu;

/// <summary>
/// Single-precision matrix multiply C += A·B for any strides of A and B (so transposes cost nothing), in the
/// classic blocked form: B is packed into KC×NR column panels and A into MR×KC row panels that fit the caches,
/// and a register-tiled micro-kernel computes each MR×NR tile of C with fused multiply-adds. B may also be a matrix
/// that is never stored (<see cref="IPanelSource"/>): a convolution's patches are packed straight from the images.
/// <see cref="Reference"/> is the plain triple loop the tests compare it against.
/// </summary>
internal static class Gemm
{
    const int MR = 6;     // rows of C per micro-tile: 6 × 2 vector accumulators fit the 16 AVX2 registers
    const int KC = 256;   // depth of a packed panel: an A panel (6×256) and a B panel (256×NR) stay in L1/L2
    const int MC = 72;    // rows of A packed at a time
    const int NC = 1024;  // columns of B per block in a wide product: a 256-deep slice of them is 1 MiB
    const int ColumnPanelsPerTask = 8;
    internal const long ParallelFlops = 1L << 22;  // below this, threads cost more than they save

    /// <summary>C[m×n] (row stride ldc) += A[m×k] (strides rsA, csA) · B[k×n] (strides rsB, csB).</summary>
    public static void Multiply(int m, int n, int k,
        float[] a, int aOffset, int rsA, int csA,
        float[] b, int bOffset, int rsB, int csB,
        float[] c, int cOffset, int ldc) =>
        Multiply(new Problem(m, n, k, a, aOffset, rsA, csA, c, cOffset, ldc), new StridedMatrix(b, bOffset, rsB, csB));

    /// <summary>C += A·B where B[K×N] is whatever <paramref name="b"/> packs.</summary>
    public static void Multiply<TB>(Problem p, TB b) where TB : struct, IPanelSource
    {
        if (p.M == 0 || p.N == 0 || p.K == 0) return;
        if (Vector512.IsHardwareAccelerated) Run<Vec512, TB>(p, b, 0, p.K);
        else if (Vector256.IsHardwareAccelerated) Run<Vec256, TB>(p, b, 0, p.K);
        else Run<Vec128, TB>(p, b, 0, p.K);   // (in software where the CPU has no SIMD at all)
    }

    /// <summary>The product's shape, A and C; B comes separately, as an <see cref="IPanelSource"/>.</summary>
    internal readonly record struct Problem(int M, int N, int K,
        float[] A, int AOffset, int RsA, int CsA,
        float[] C, int COffset, int Ldc);

    /// <summary>The definition of the product, one dot product per element; the SIMD path must agree with it.</summary>
    public static void Reference(int m, int n, int k,
        float[] a, int aOffset, int rsA, int csA,
        float[] b, int bOffset, int rsB, int csB,
        float[] c, int cOffset, int ldc)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float sum = 0;
                for (int q = 0; q < k; q++) sum += a[aOffset + i * rsA + q * csA] * b[bOffset + q * rsB + j * csB];
                c[cOffset + i * ldc + j] += sum;
            }
    }

    /// <summary>The product over depths [k0, k1) only (all of it, or one thread's slice of a split depth).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]  // hot loops: skip the unoptimised first tier
    static void Run<V, TB>(Problem p, TB b, int k0, int k1, bool splitDepth = true) where V : struct, IVec<V> where TB : struct, IPanelSource
    {
        int nr = 2 * V.Count, depth = k1 - k0;
        int panels = (p.N + nr - 1) / nr;
        int tiles = (p.M + MC - 1) / MC * ((panels + ColumnPanelsPerTask - 1) / ColumnPanelsPerTask);
        // Too few tiles to share out, or too few to share evenly (3 on 2 threads leave one idle a third of the time)
        // with a depth long enough that each thread can take several slices of it: split the depth instead.
        bool fewTiles = tiles < Threading.NumThreads || (tiles < 4 * Threading.NumThreads && depth >= 4 * KC * Threading.NumThreads);
        if (splitDepth && fewTiles && depth >= 2 * KC && (long)p.M * p.N * depth >= ParallelFlops)
        {
            SplitDepth<V, TB>(p, b);
            return;
        }
        int blockPanels = NC / nr;
        if (panels >= 2 * blockPanels * Threading.NumThreads && p.M <= 4 * MC && Threading.NumThreads > 1 && (long)p.M * p.N * depth >= ParallelFlops)
        {
            ColumnBlocks<V, TB>(p, b, k0, k1, blockPanels);
            return;
        }
        int columnGroups = (panels + ColumnPanelsPerTask - 1) / ColumnPanelsPerTask;
        // With fewer tasks than threads can share evenly (128 rows in blocks of 72 leave one thread idle for 16 of
        // them), cut the rows into one equal block per thread instead.
        int mc = (p.M + MC - 1) / MC * columnGroups < 2 * Threading.NumThreads
            ? Math.Min(MC, ((p.M + Threading.NumThreads - 1) / Threading.NumThreads + MR - 1) / MR * MR) : MC;
        int rowBlocks = (p.M + mc - 1) / mc, tasks = rowBlocks * columnGroups;
        int sliceDepth = SliceDepth(depth);
        var bPack = ArrayPool<float>.Shared.Rent(sliceDepth * panels * nr);
        var aPack = ArrayPool<float>.Shared.Rent(sliceDepth * rowBlocks * ((mc + MR - 1) / MR * MR));
        try
        {
            for (int pc = k0; pc < k1; pc += sliceDepth)
            {
                int kc = Math.Min(sliceDepth, k1 - pc);
                bool parallel = (long)p.M * p.N * kc >= ParallelFlops && tasks > 1 && Threading.NumThreads > 1;
                // Each block of A and each group of B panels is packed once, by whichever thread is free, before any
                // tile uses it; with few rows of A, packing B costs as much as the arithmetic, so it must be shared too.
                void Pack(int t)
                {
                    if (t < columnGroups) PackB<V, TB>(b, p.N, pc, kc, nr, bPack, 0, t * ColumnPanelsPerTask, Math.Min(panels, (t + 1) * ColumnPanelsPerTask));
                    else { int ic = (t - columnGroups) * mc; PackA(p, pc, kc, ic, Math.Min(mc, p.M - ic), aPack, ic * kc); }
                }
                void Task(int t)
                {
                    int ic = t / columnGroups * mc, firstPanel = t % columnGroups * ColumnPanelsPerTask;
                    ComputeBlock<V>(p, kc, ic, Math.Min(mc, p.M - ic), 0, firstPanel, Math.Min(firstPanel + ColumnPanelsPerTask, panels), nr, aPack.AsSpan(ic * kc), bPack);
                }
                if (parallel)
                {
                    Parallel.For(0, columnGroups + rowBlocks, Threading.Options, Pack);
                    Parallel.For(0, tasks, Threading.Options, Task);
                }
                else
                {
                    for (int t = 0; t < columnGroups + rowBlocks; t++) Pack(t);
                    for (int t = 0; t < tasks; t++) Task(t);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(bPack);
            ArrayPool<float>.Shared.Return(aPack);
        }
    }

    /// <summary>
    /// The depth of each slice when the depth is cut into equal slices of about KC (up to 1.5 KC), so that no slice is
    /// a thin remainder that costs a full pass over C for little arithmetic: 288 is one slice, 576 two of 288, 784
    /// three of 262.
    /// </summary>
    static int SliceDepth(int depth)
    {
        int slices = Math.Max(1, (depth + KC / 2) / KC);
        return (depth + slices - 1) / slices;
    }

    /// <summary>
    /// A wide product with few rows (a convolution's images side by side): each thread takes whole blocks of NC columns
    /// and packs its own A and B, so a block's packed B stays in that core's L2 and the threads meet only at the end.
    /// </summary>
    static void ColumnBlocks<V, TB>(Problem p, TB b, int k0, int k1, int blockPanels) where V : struct, IVec<V> where TB : struct, IPanelSource
    {
        int nr = 2 * V.Count, panels = (p.N + nr - 1) / nr, sliceDepth = SliceDepth(k1 - k0), rows = (p.M + MR - 1) / MR * MR;
        // A is small here (few rows): packed once, slice after slice, and read by every block.
        var aPack = ArrayPool<float>.Shared.Rent((k1 - k0) * rows);
        try
        {
            for (int pc = k0; pc < k1; pc += sliceDepth) PackA(p, pc, Math.Min(sliceDepth, k1 - pc), 0, p.M, aPack, (pc - k0) * rows);
            Parallel.For(0, (panels + blockPanels - 1) / blockPanels, Threading.Options, block =>
            {
                int first = block * blockPanels, last = Math.Min(panels, first + blockPanels);
                var bPack = ArrayPool<float>.Shared.Rent(sliceDepth * blockPanels * nr);
                for (int pc = k0; pc < k1; pc += sliceDepth)
                {
                    int kc = Math.Min(sliceDepth, k1 - pc);
                    PackB<V, TB>(b, p.N, pc, kc, nr, bPack, first, first, last);
                    ComputeBlock<V>(p, kc, 0, p.M, first, first, last, nr, aPack.AsSpan((pc - k0) * rows), bPack);
                }
                ArrayPool<float>.Shared.Return(bPack);
            });
        }
        finally { ArrayPool<float>.Shared.Return(aPack); }
    }

    /// <summary>
    /// A small, deep product (a weight gradient: few rows and columns, a long sum) has too few tiles to share out, so
    /// each thread takes a slice of the depth into a C of its own, and the slices are added at the end.
    /// </summary>
    static void SplitDepth<V, TB>(Problem p, TB b) where V : struct, IVec<V> where TB : struct, IPanelSource
    {
        int parts = Math.Min(Threading.NumThreads, p.K / KC), depth = (p.K + parts - 1) / parts;
        var partial = new float[parts][];
        try
        {
            Parallel.For(0, parts, Threading.Options, t =>
            {
                int k0 = t * depth;
                partial[t] = ArrayPool<float>.Shared.Rent(p.M * p.N);
                Array.Clear(partial[t], 0, p.M * p.N);
                // Each slice runs on its own thread as one plain product: splitting it again would only nest threads.
                Run<V, TB>(p with { C = partial[t], COffset = 0, Ldc = p.N }, b, k0, Math.Min(p.K, k0 + depth), splitDepth: false);
            });
            for (int i = 0; i < p.M; i++)
                for (int t = 0; t < parts; t++)
                    FloatRows.Binary<AddOp>(ref p.C[p.COffset + i * p.Ldc], 1, ref partial[t][i * p.N], 1, ref p.C[p.COffset + i * p.Ldc], p.N);
        }
        finally
        {
            foreach (var slice in partial) if (slice is not null) ArrayPool<float>.Shared.Return(slice);
        }
    }

    /// <summary>
    /// Packs column panels [from, to) of B[pc..pc+kc, :] into a pack that starts at panel <paramref name="first"/>:
    /// panel j holds kc rows of nr consecutive floats, zero-padded.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]  // hot loops: skip the unoptimised first tier
    static void PackB<V, TB>(in TB b, int n, int pc, int kc, int nr, float[] pack, int first, int from, int to) where V : struct, IVec<V> where TB : struct, IPanelSource
    {
        for (int j = from; j < to; j++)
        {
            int col0 = j * nr, cols = Math.Min(nr, n - col0);
            ref float panel = ref pack[(j - first) * kc * nr];
            b.Pack<V>(pc, kc, col0, cols, nr, ref panel);
            if (cols < nr)
                for (int q = 0; q < kc; q++) MemoryMarshal.CreateSpan(ref Unsafe.Add(ref panel, q * nr + cols), nr - cols).Clear();
        }
    }

    /// <summary>Packs A[ic..ic+mc, pc..pc+kc] from pack[at] on as row panels: panel i holds kc columns of MR consecutive floats, zero-padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]  // hot loops: skip the unoptimised first tier
    static void PackA(in Problem p, int pc, int kc, int ic, int mc, float[] pack, int at)
    {
        for (int i = 0; i < mc; i += MR)
        {
            int rows = Math.Min(MR, mc - i);
            ref float panel = ref pack[at + i * kc];
            ref float src = ref p.A[p.AOffset + (ic + i) * p.RsA + pc * p.CsA];
            if (rows < MR) MemoryMarshal.CreateSpan(ref panel, kc * MR).Clear();
            // Whichever way A is laid out, the inner loop walks it where it is contiguous.
            if (p.CsA == 1)
                for (int r = 0; r < rows; r++)
                {
                    ref float row = ref Unsafe.Add(ref src, r * p.RsA);
                    for (int q = 0; q < kc; q++) Unsafe.Add(ref panel, q * MR + r) = Unsafe.Add(ref row, q);
                }
            else
                for (int q = 0; q < kc; q++)
                {
                    ref float column = ref Unsafe.Add(ref src, q * p.CsA);
                    for (int r = 0; r < rows; r++) Unsafe.Add(ref panel, q * MR + r) = Unsafe.Add(ref column, r * p.RsA);
                }
        }
    }

    /// <summary>C rows [ic, ic + mc) × panels [panelFrom, panelTo): aPack starts at those rows' packed A, bPack at panel firstPanel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]  // hot loops: skip the unoptimised first tier
    static void ComputeBlock<V>(in Problem p, int kc, int ic, int mc, int firstPanel, int panelFrom, int panelTo, int nr, ReadOnlySpan<float> aPack, float[] bPack) where V : struct, IVec<V>
    {
        Span<float> tile = stackalloc float[MR * nr];
        for (int j = panelFrom; j < panelTo; j++)
        {
            int col0 = j * nr, cols = Math.Min(nr, p.N - col0);
            ref float bPanel = ref bPack[(j - firstPanel) * kc * nr];
            for (int i = 0; i < mc; i += MR)
            {
                int rows = Math.Min(MR, mc - i);
                ref float a = ref Unsafe.AsRef(in aPack[i * kc]);
                ref float c = ref p.C[p.COffset + (ic + i) * p.Ldc + col0];
                if (rows == MR && cols == nr)
                    MicroKernel<V>(kc, ref a, ref bPanel, ref c, p.Ldc);
                else
                {
                    // Edge tile: compute a full tile into scratch, then add the part that exists.
                    tile.Clear();
                    MicroKernel<V>(kc, ref a, ref bPanel, ref tile[0], nr);
                    for (int r = 0; r < rows; r++)
                        for (int x = 0; x < cols; x++) Unsafe.Add(ref c, r * p.Ldc + x) += tile[r * nr + x];
                }
            }
        }
    }

    /// <summary>C[6 × 2W] += A-panel · B-panel, with the 12 accumulators held in registers for all kc steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void MicroKernel<V>(int kc, ref float a, ref float b, ref float c, int ldc) where V : struct, IVec<V>
    {
        int w = V.Count;
        // C's rows are ldc apart, often a multiple of 4 KiB: ask for them now so they arrive while the products run.
        if (Sse.IsSupported)
            for (int r = 0; r < MR; r++)
                unsafe
                {
                    ref float row = ref Unsafe.Add(ref c, r * ldc);
                    Sse.Prefetch0(Unsafe.AsPointer(ref row));
                    Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref row, 2 * w - 1)));
                }
        V c00 = V.Zero, c01 = V.Zero, c10 = V.Zero, c11 = V.Zero, c20 = V.Zero, c21 = V.Zero,
          c30 = V.Zero, c31 = V.Zero, c40 = V.Zero, c41 = V.Zero, c50 = V.Zero, c51 = V.Zero;
        for (int q = 0; q < kc; q++)
        {
            V b0 = V.Load(ref b), b1 = V.Load(ref Unsafe.Add(ref b, w));
            V ai = V.Broadcast(a); c00 = V.MultiplyAdd(ai, b0, c00); c01 = V.MultiplyAdd(ai, b1, c01);
            ai = V.Broadcast(Unsafe.Add(ref a, 1)); c10 = V.MultiplyAdd(ai, b0, c10); c11 = V.MultiplyAdd(ai, b1, c11);
            ai = V.Broadcast(Unsafe.Add(ref a, 2)); c20 = V.MultiplyAdd(ai, b0, c20); c21 = V.MultiplyAdd(ai, b1, c21);
            ai = V.Broadcast(Unsafe.Add(ref a, 3)); c30 = V.MultiplyAdd(ai, b0, c30); c31 = V.MultiplyAdd(ai, b1, c31);
            ai = V.Broadcast(Unsafe.Add(ref a, 4)); c40 = V.MultiplyAdd(ai, b0, c40); c41 = V.MultiplyAdd(ai, b1, c41);
            ai = V.Broadcast(Unsafe.Add(ref a, 5)); c50 = V.MultiplyAdd(ai, b0, c50); c51 = V.MultiplyAdd(ai, b1, c51);
            a = ref Unsafe.Add(ref a, MR);
            b = ref Unsafe.Add(ref b, 2 * w);
        }
        AddRow(ref c, w, c00, c01);
        AddRow(ref Unsafe.Add(ref c, ldc), w, c10, c11);
        AddRow(ref Unsafe.Add(ref c, 2 * ldc), w, c20, c21);
        AddRow(ref Unsafe.Add(ref c, 3 * ldc), w, c30, c31);
        AddRow(ref Unsafe.Add(ref c, 4 * ldc), w, c40, c41);
        AddRow(ref Unsafe.Add(ref c, 5 * ldc), w, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void AddRow<V>(ref float row, int w, V left, V right) where V : struct, IVec<V>
    {
        V.Add(V.Load(ref row), left).Store(ref row);
        ref float second = ref Unsafe.Add(ref row, w);
        V.Add(V.Load(ref second), right).Store(ref second);
    }
}
