namespace SslCourse;

public sealed partial class Tensor
{
    /// <summary>
    /// The distinct elements in ascending order — or, along <paramref name="dim"/>, the distinct slices in lexicographic
    /// order — with, on request, where each input element (slice) went (<paramref name="return_inverse"/>: int64, the
    /// input's shape, or [size of dim]) and how often each value occurs (<paramref name="return_counts"/>: int64). The
    /// result is sorted whatever <paramref name="sorted"/> says (PyTorch leaves the order open when it is false). Each NaN
    /// counts as distinct and sorts last. Not differentiable, as in PyTorch: the outputs do not require grad.
    /// </summary>
    public (Tensor output, Tensor? inverse_indices, Tensor? counts) unique(bool sorted = true, bool return_inverse = false, bool return_counts = false, int? dim = null)
    {
        ThrowIfDisposed("unique");
        using var noGrad = torch.no_grad();
        int d = dim is null ? 0 : NormalizeDim(dim.Value, Shape.Length, "unique");
        if (dim is not null && Shape.Length == 0) throw new ArgumentException("unique: a 0-dimensional tensor has no dimension to take unique slices along; leave dim null.");
        // Rows to compare: single elements, or the slices along dim flattened.
        var slices = dim is null ? reshape(-1) : movedim(d, 0);
        int count = dim is null ? Numel : Shape[d], length = count == 0 ? 0 : Numel / count;
        var (firsts, inverse, counts) = dtype switch
        {
            torch.ScalarType.Float32 => GroupRows(slices.data<float>(), count, length, CompareNaNLast, (a, b) => a == b),
            torch.ScalarType.Int64 => GroupRows(slices.data<long>(), count, length, (a, b) => a.CompareTo(b), (a, b) => a == b),
            _ => GroupRows(slices.data<bool>(), count, length, (a, b) => a.CompareTo(b), (a, b) => a == b),
        };
        var representatives = torch.tensor(firsts, device: device);
        var output = dim is null ? slices.index_select(0, representatives) : index_select(d, representatives);
        return (output,
            return_inverse ? torch.tensor(inverse, dim is null ? shape : [count], device) : null,
            return_counts ? torch.tensor(counts, device: device) : null);
    }

    static int CompareNaNLast(float a, float b) => float.IsNaN(a) ? (float.IsNaN(b) ? 0 : 1) : float.IsNaN(b) ? -1 : a.CompareTo(b);

    /// <summary>
    /// Sorts <paramref name="count"/> rows of <paramref name="length"/> values lexicographically and groups equal ones:
    /// the first row of each group, the group of every row, and each group's size.
    /// </summary>
    static (long[] firsts, long[] inverse, long[] counts) GroupRows<T>(T[] values, int count, int length, Comparison<T> compare, Func<T, T, bool> same)
    {
        int CompareRows(int a, int b)
        {
            for (int k = 0; k < length; k++)
            {
                int c = compare(values[a * length + k], values[b * length + k]);
                if (c != 0) return c;
            }
            return a.CompareTo(b);   // a stable order, so the first row of a group is the earliest
        }
        bool SameRows(int a, int b)
        {
            for (int k = 0; k < length; k++) if (!same(values[a * length + k], values[b * length + k])) return false;
            return true;
        }
        var order = Enumerable.Range(0, count).ToArray();
        Array.Sort(order, CompareRows);
        var firsts = new List<long>();
        var counts = new List<long>();
        var inverse = new long[count];
        for (int i = 0; i < count; i++)
        {
            if (i == 0 || !SameRows(order[i - 1], order[i])) { firsts.Add(order[i]); counts.Add(0); }
            inverse[order[i]] = firsts.Count - 1;
            counts[^1]++;
        }
        return (firsts.ToArray(), inverse, counts.ToArray());
    }
}

public static partial class torch
{
    /// <summary>The distinct elements (or slices along dim) of <paramref name="input"/>; see <see cref="Tensor.unique"/>.</summary>
    public static (Tensor output, Tensor? inverse_indices, Tensor? counts) unique(Tensor input, bool sorted = true, bool return_inverse = false, bool return_counts = false, int? dim = null) =>
        input.unique(sorted, return_inverse, return_counts, dim);
}
