namespace SslCourse.Cpu;

/// <summary>
/// Walks a strided view as rows along its last dimension: the element at (row r, column i) lives at
/// <c>Starts[r] + i * Step</c>. Kernels loop over rows and then over a row with a fixed step, so one
/// piece of code serves contiguous, transposed, sliced and broadcast (stride 0) operands alike.
/// </summary>
internal readonly struct StridedRows
{
    public readonly int[] Starts;
    public readonly int Step;

    StridedRows(int[] starts, int step) { Starts = starts; Step = step; }

    /// <summary>Rows of <paramref name="t"/> in its own shape (which may be a broadcast view).</summary>
    public static StridedRows Of(Tensor t) => Of(t.Shape, t.Strides, t.Offset);

    public static StridedRows Of(int[] shape, int[] strides, int offset)
    {
        int rank = shape.Length;
        if (rank == 0) return new StridedRows([offset], 1);
        int cols = shape[rank - 1];
        int rows = 1;
        for (int d = 0; d < rank - 1; d++) rows *= shape[d];
        if (cols == 0) rows = 0;
        var starts = new int[rows];
        var counter = new int[rank - 1];
        int pos = offset;
        for (int r = 0; r < rows; r++)
        {
            starts[r] = pos;
            for (int d = rank - 2; d >= 0; d--)
            {
                if (++counter[d] < shape[d]) { pos += strides[d]; break; }
                pos -= strides[d] * (shape[d] - 1);
                counter[d] = 0;
            }
        }
        return new StridedRows(starts, strides[rank - 1]);
    }

    /// <summary>
    /// Merges neighbouring dimensions that every operand steps through as one (stride[d] = stride[d+1]·size[d+1])
    /// and drops size-1 dimensions, so a contiguous operation becomes a single long row.
    /// </summary>
    public static (int[] shape, int[][] strides) Coalesce(int[] shape, params int[][] strides)
    {
        var dims = new List<int>();
        for (int d = 0; d < shape.Length; d++) if (shape[d] != 1) dims.Add(d);
        var outShape = new List<int>();
        var outStrides = strides.Select(_ => new List<int>()).ToArray();
        foreach (int d in dims)
        {
            int last = outShape.Count - 1;
            bool merge = last >= 0;
            for (int k = 0; k < strides.Length && merge; k++) merge = outStrides[k][last] == strides[k][d] * shape[d];
            if (merge)
            {
                outShape[last] *= shape[d];
                for (int k = 0; k < strides.Length; k++) outStrides[k][last] = strides[k][d];
            }
            else
            {
                outShape.Add(shape[d]);
                for (int k = 0; k < strides.Length; k++) outStrides[k].Add(strides[k][d]);
            }
        }
        return (outShape.ToArray(), outStrides.Select(l => l.ToArray()).ToArray());
    }

    /// <summary>The length of a row of a tensor with this shape.</summary>
    public static int Cols(int[] shape) => shape.Length == 0 ? 1 : shape[^1];
}
