using System.Globalization;
using System.Text;

namespace SslCourse;

/// <summary>Prints a tensor the way PyTorch does: nested brackets, aligned columns, "..." past 1000 elements.</summary>
internal static class TensorFormatter
{
    const int Threshold = 1000, EdgeItems = 3;

    public static string Format(Tensor t)
    {
        var header = new StringBuilder($"[{string.Join("x", t.Shape)}] {t.dtype.Name()}");
        if (t.grad_fn is not null) header.Append($", grad_fn={t.grad_fn.Name}");
        else if (t.requires_grad) header.Append(", requires_grad");
        if (t.IsInvalid) return header.Append(" (disposed)").ToString();
        bool summarise = t.Numel > Threshold;
        var values = Values(t);
        var cells = FormatCells(values, t.dtype);
        int width = cells.Count == 0 ? 0 : cells.Max(c => c.Length);
        var sb = new StringBuilder();
        Write(sb, t.Shape, 0, new int[t.Shape.Length], ShapeUtil.ContiguousStrides(t.Shape), cells, width, summarise, 0);
        return header + "\n" + sb;
    }

    static double[] Values(Tensor t) => t.dtype switch
    {
        torch.ScalarType.Float32 => Array.ConvertAll(t.data<float>(), x => (double)x),
        torch.ScalarType.Int64 => Array.ConvertAll(t.data<long>(), x => (double)x),
        _ => Array.ConvertAll(t.data<bool>(), x => x ? 1.0 : 0.0),
    };

    static List<string> FormatCells(double[] values, torch.ScalarType dtype)
    {
        var inv = CultureInfo.InvariantCulture;
        if (dtype == torch.ScalarType.Bool) return values.Select(v => v != 0 ? "True" : "False").ToList();
        if (dtype == torch.ScalarType.Int64) return values.Select(v => ((long)v).ToString(inv)).ToList();
        var finite = values.Where(double.IsFinite).Select(Math.Abs).ToArray();
        bool integral = finite.All(v => v == Math.Floor(v) && v < 1e8);
        double max = finite.Length > 0 ? finite.Max() : 0, minNonZero = finite.Where(v => v > 0).DefaultIfEmpty(0).Min();
        bool scientific = max >= 1e8 || (max > 0 && (max / Math.Max(minNonZero, double.Epsilon) > 1000 && max > 1e3 || minNonZero < 1e-4));
        return values.Select(v =>
            double.IsNaN(v) ? "nan" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf"
            : integral ? v.ToString("0", inv) + "."
            : scientific ? v.ToString("0.0000e+00", inv)
            : v.ToString("0.0000", inv)).ToList();
    }

    static void Write(StringBuilder sb, int[] shape, int dim, int[] index, int[] strides, List<string> cells, int width, bool summarise, int indent)
    {
        if (shape.Length == 0) { sb.Append(cells[0]); return; }
        sb.Append('[');
        int n = shape[dim];
        for (int i = 0; i < n; i++)
        {
            if (summarise && n > 2 * EdgeItems && i == EdgeItems)
            {
                sb.Append(dim == shape.Length - 1 ? "..., " : "...,\n" + new string(' ', indent + 1));
                i = n - EdgeItems;
            }
            index[dim] = i;
            if (dim == shape.Length - 1)
            {
                int flat = 0;
                for (int d = 0; d < shape.Length; d++) flat += index[d] * strides[d];
                sb.Append(cells[flat].PadLeft(width));
                if (i < n - 1) sb.Append(", ");
            }
            else
            {
                Write(sb, shape, dim + 1, index, strides, cells, width, summarise, indent + 1);
                if (i < n - 1) sb.Append(',').Append('\n', shape.Length - 1 - dim).Append(' ', indent + 1);
            }
        }
        sb.Append(']');
    }
}
