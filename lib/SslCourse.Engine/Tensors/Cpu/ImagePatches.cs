using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SslCourse.Cpu.Simd;

namespace SslCourse.Cpu;

/// <summary>
/// A convolution's patch matrix (im2col) over contiguous images [N, C, H, W], never stored: row p is (channel, kernel
/// row, kernel column), counting channels from the first of a group, and column j is (image, output row, output
/// column), the images side by side. The patches are kh·kw times the size of the images; reading them a stretch at a
/// time — a row for unfold, a GEMM panel for convolution — means they never travel through memory.
/// </summary>
internal readonly struct ImagePatches : IPanelSource
{
    readonly float[] _images;
    readonly int _offset, _firstChannel, _imageSize, _plane;
    readonly float _padValue;
    // The geometry, unpacked once: the kernels below run per panel row, where recomputing OutW (a division) shows.
    readonly int _height, _width, _kernelH, _kernelW, _strideH, _strideW, _padH, _padW, _dilationH, _dilationW, _outH, _outW;

    public ImagePatches(float[] images, int offset, ConvGeometry g, int firstChannel, float padValue)
    {
        (_images, _offset, _firstChannel, _padValue) = (images, offset, firstChannel, padValue);
        (_height, _width, _kernelH, _kernelW, _strideH, _strideW) = (g.Height, g.Width, g.KernelH, g.KernelW, g.StrideH, g.StrideW);
        (_padH, _padW, _dilationH, _dilationW, _outH, _outW) = (g.PadH, g.PadW, g.DilationH, g.DilationW, g.OutH, g.OutW);
        (_plane, _imageSize) = (g.Height * g.Width, g.Channels * g.Height * g.Width);
    }

    /// <summary>
    /// Writes entries [col, col + count) of patch rows [p, p + rows) to <paramref name="dst"/>, row r at
    /// dst[r·rowStride]: a GEMM panel, the rows of a transposed panel before they are turned, or unfold's columns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]  // hot loop: skip the unoptimised first tier
    public void Rows(int p, int rows, int col, int count, ref float dst, int rowStride)
    {
        int outPlane = _outH * _outW, image = col / outPlane, oy = col % outPlane / _outW, ox = col % _outW;
        int c = _firstChannel + p / (_kernelH * _kernelW), ky = p / _kernelW % _kernelH, kx = p % _kernelW;
        bool padded = _padH > 0 || _padW > 0;
        // Without padding, every patch row is the same run of stretches (one per output row it crosses), each a copy
        // of part of an input row, only starting elsewhere: work out where they lie once, then copy row after row.
        int most = padded ? 0 : Math.Min(count, count / _outW + 2);
        Span<int> starts = most <= 512 ? stackalloc int[most] : new int[most];
        Span<int> lengths = most <= 512 ? stackalloc int[most] : new int[most];
        int stretches = padded ? 0 : Stretches(image, oy, ox, count, starts, lengths);
        for (int r = 0; r < rows; r++)
        {
            ref float line = ref Unsafe.Add(ref dst, r * rowStride);
            if (padded) Row(c, ky, kx, image, oy, ox, MemoryMarshal.CreateSpan(ref line, count));
            else
            {
                int from = _offset + c * _plane + ky * _dilationH * _width + kx * _dilationW;
                for (int s = 0; s < stretches; s++)
                {
                    ref float src = ref _images[from + starts[s]];
                    if (_strideW == 1) CopyShort(ref src, ref line, lengths[s]);
                    else for (int i = 0; i < lengths[s]; i++) Unsafe.Add(ref line, i) = Unsafe.Add(ref src, i * _strideW);
                    if (s + 1 < stretches) line = ref Unsafe.Add(ref line, lengths[s]);
                }
            }
            if (++kx < _kernelW) continue;
            kx = 0;
            if (++ky < _kernelH) continue;
            ky = 0;
            c++;
        }
    }

    /// <summary>Patches as GEMM's B [Channels·kh·kw, N·OutH·OutW]: each panel row is a stretch of a patch row.</summary>
    public void Pack<V>(int pc, int kc, int col0, int cols, int nr, ref float panel) where V : struct, IVec<V> =>
        Rows(pc, kc, col0, cols, ref panel, nr);

    // The stretches of `count` columns from output position (image, oy, ox) on, one per output row: where each starts
    // in the images (for channel 0 and kernel offset (0, 0)) and how long it is. Returns how many there are.
    int Stretches(int image, int oy, int ox, int count, Span<int> starts, Span<int> lengths)
    {
        int stretches = 0;
        for (int done = 0; done < count; stretches++, ox = 0)
        {
            starts[stretches] = image * _imageSize + oy * _strideH * _width + ox * _strideW;
            lengths[stretches] = Math.Min(count - done, _outW - ox);
            done += lengths[stretches];
            if (++oy == _outH) { oy = 0; image++; }
        }
        return stretches;
    }

    // Patch row (channel c, kernel offset ky, kx) from output position (image, oy, ox) on, one output row's stretch at
    // a time: a copy of part of an input row between runs of padding. (Plain loops for the padding, which is a float
    // or two at a line's ends: a call to fill it would cost more.)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Row(int c, int ky, int kx, int image, int oy, int ox, Span<float> line)
    {
        var (lo, hi) = Inside(_outW, _strideW, kx * _dilationW - _padW, _width);
        ref float next = ref MemoryMarshal.GetReference(line);
        for (int left = line.Length; left > 0; ox = 0)
        {
            int run = Math.Min(left, _outW - ox), y = oy * _strideH - _padH + ky * _dilationH;
            int from = Math.Max(lo, ox), to = Math.Min(hi, ox + run);
            if ((uint)y >= (uint)_height || from >= to) from = to = ox + run;
            for (int i = ox; i < from; i++) Unsafe.Add(ref next, i - ox) = _padValue;
            for (int i = to; i < ox + run; i++) Unsafe.Add(ref next, i - ox) = _padValue;
            if (from < to)
            {
                int src = _offset + image * _imageSize + c * _plane + y * _width + from * _strideW + kx * _dilationW - _padW;
                ref float inside = ref Unsafe.Add(ref next, from - ox);
                if (_strideW == 1) CopyShort(ref _images[src], ref inside, to - from);
                else for (int i = 0; i < to - from; i++, src += _strideW) Unsafe.Add(ref inside, i) = _images[src];
            }
            left -= run;
            if (left > 0) next = ref Unsafe.Add(ref next, run);
            if (++oy == _outH) { oy = 0; image++; }
        }
    }

    // Stretches are a few dozen floats; a call to the general copy costs more than copying them in vectors (the last
    // vector overlapping the one before it where the length is not a multiple of the width).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void CopyShort(ref float src, ref float dst, int n)
    {
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            for (int i = 0; i < n - 16; i += 16) Vector512.LoadUnsafe(ref src, (nuint)i).StoreUnsafe(ref dst, (nuint)i);
            Vector512.LoadUnsafe(ref src, (nuint)(n - 16)).StoreUnsafe(ref dst, (nuint)(n - 16));
        }
        else if (n >= 8)
        {
            for (int i = 0; i < n - 8; i += 8) Vector256.LoadUnsafe(ref src, (nuint)i).StoreUnsafe(ref dst, (nuint)i);
            Vector256.LoadUnsafe(ref src, (nuint)(n - 8)).StoreUnsafe(ref dst, (nuint)(n - 8));
        }
        else
            for (int i = 0; i < n; i++) Unsafe.Add(ref dst, i) = Unsafe.Add(ref src, i);
    }

    /// <summary>The outputs [lo, hi) of a line whose input position o·stride + offset falls inside [0, size).</summary>
    public static (int Lo, int Hi) Inside(int outputs, int stride, int offset, int size)
    {
        if (stride == 1) return (Math.Clamp(-offset, 0, outputs), Math.Clamp(size - offset, 0, outputs));
        int lo = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
        int hi = size - 1 - offset < 0 ? 0 : Math.Min(outputs, (size - 1 - offset) / stride + 1);
        return (Math.Min(lo, outputs), hi);
    }
}

/// <summary>
/// The transposed patch matrix as GEMM's B [N·OutH·OutW, Channels·kh·kw] (a convolution's weight gradient is
/// dy·patchesᵀ). Patch rows are contiguous along the positions, so a panel is filled as patch-row stretches and then
/// transposed into place.
/// </summary>
internal readonly record struct TransposedImagePatches(ImagePatches Patches) : IPanelSource
{
    public void Pack<V>(int pc, int kc, int col0, int cols, int nr, ref float panel) where V : struct, IVec<V>
    {
        var rows = ArrayPool<float>.Shared.Rent(cols * kc);
        Patches.Rows(col0, cols, pc, kc, ref rows[0], kc);
        Transpose.Block(ref rows[0], kc, cols, kc, ref panel, nr);
        ArrayPool<float>.Shared.Return(rows);
    }
}
