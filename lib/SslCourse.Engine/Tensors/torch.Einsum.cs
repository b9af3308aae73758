namespace SslCourse;

public static partial class torch
{
    /// <summary>
    /// Sums products of the operands' elements as <paramref name="equation"/> says, in Einstein's notation: one term of
    /// letters per operand names its dimensions, and the term after "->" names the output's; a letter missing from the
    /// output is summed over. "ij,jk->ik" is a matrix product, "nc,nc->n" a row-wise dot product, "bhqd,bhkd->bhqk"
    /// attention scores, "ii->i" a diagonal, "ij->" the total. "..." stands for dimensions that broadcast. Without "->"
    /// the output is "..." followed by the letters used once, in alphabetical order (capitals first).
    /// </summary>
    /// <remarks>
    /// Operands are contracted left to right, each pair by one batched matrix product (or an element-wise product when
    /// nothing is summed), so the gradient comes from those ops.
    /// </remarks>
    public static Tensor einsum(string equation, params Tensor[] tensors)
    {
        ArgumentNullException.ThrowIfNull(equation);
        if (tensors.Length == 0) throw new ArgumentException($"einsum: \"{equation}\" was given no tensors.");
        for (int i = 0; i < tensors.Length; i++)
        {
            tensors[i].ThrowIfDisposed("einsum");
            if (tensors[i].dtype != ScalarType.Float32)
                throw new ArgumentException($"einsum: operands must be float32, operand {i} is {tensors[i].dtype.Name()}; convert it with .to(float32).");
        }
        CheckSameDevice("einsum", tensors[0].device, tensors);
        var eq = EinsumEquation.Parse(equation, tensors);
        var output = eq.Output.ToHashSet();

        var (result, labels) = Einsum.TakeDiagonals(tensors[0], eq.Inputs[0]);
        for (int i = 1; i < tensors.Length; i++)
        {
            // Labels that a later operand or the output still needs survive this contraction; the rest are summed.
            var needed = eq.Inputs.Skip(i + 1).SelectMany(x => x).Concat(output).ToHashSet();
            var (next, nextLabels) = Einsum.TakeDiagonals(tensors[i], eq.Inputs[i]);
            (result, labels) = Einsum.SumOut(result, labels, needed.Concat(nextLabels).ToHashSet());
            (next, nextLabels) = Einsum.SumOut(next, nextLabels, needed.Concat(labels).ToHashSet());
            (result, labels) = Einsum.Contract(result, labels, next, nextLabels, needed, eq.Sizes);
        }
        (result, labels) = Einsum.SumOut(result, labels, output);
        var order = eq.Output.Select(l => (long)labels.IndexOf(l)).ToArray();
        return order.Select((d, i) => d == i).All(x => x) ? result : result.permute(order);
    }
}

/// <summary>The steps of <see cref="torch.einsum"/>, each on a tensor whose dimensions carry labels.</summary>
internal static class Einsum
{
    /// <summary>Replaces each label repeated within <paramref name="t"/> by one dimension, its diagonal.</summary>
    public static (Tensor, List<int>) TakeDiagonals(Tensor t, int[] labels)
    {
        var current = labels.ToList();
        for (int first = 0; first < current.Count; first++)
        {
            int second = current.IndexOf(current[first], first + 1);
            if (second < 0) continue;
            int label = current[first];
            t = t.diagonal(0, first, second);             // drops both dimensions and appends the diagonal
            current.RemoveAt(second); current.RemoveAt(first); current.Add(label);
            first = -1;
        }
        return (t, current);
    }

    /// <summary>Sums over the dimensions whose labels are not in <paramref name="keep"/>.</summary>
    public static (Tensor, List<int>) SumOut(Tensor t, List<int> labels, HashSet<int> keep)
    {
        var summed = Enumerable.Range(0, labels.Count).Where(d => !keep.Contains(labels[d])).Select(d => (long)d).ToArray();
        if (summed.Length == 0) return (t, labels);
        return (t.sum(summed), labels.Where(keep.Contains).ToList());
    }

    /// <summary>
    /// The product of <paramref name="a"/> and <paramref name="b"/>, summed over the labels they share that are not
    /// <paramref name="needed"/> later. Shared labels that are needed become batch dimensions; the result's labels are
    /// the batch labels, then a's own, then b's own.
    /// </summary>
    public static (Tensor, List<int>) Contract(Tensor a, List<int> aLabels, Tensor b, List<int> bLabels, HashSet<int> needed, Dictionary<int, int> sizes)
    {
        var batch = aLabels.Where(l => bLabels.Contains(l) && needed.Contains(l)).ToList();
        var summed = aLabels.Where(l => bLabels.Contains(l) && !needed.Contains(l)).ToList();
        var aOwn = aLabels.Where(l => !bLabels.Contains(l)).ToList();
        var bOwn = bLabels.Where(l => !aLabels.Contains(l)).ToList();
        var labels = batch.Concat(aOwn).Concat(bOwn).ToList();

        if (summed.Count == 0)
        {
            // Nothing to sum: an element-wise product, each operand given size-1 dimensions for the other's own labels.
            var left = Arrange(a, aLabels, [.. batch, .. aOwn]);
            var right = Arrange(b, bLabels, [.. batch, .. bOwn]);
            for (int k = 0; k < bOwn.Count; k++) left = left.unsqueeze(-1);
            for (int k = 0; k < aOwn.Count; k++) right = right.unsqueeze(batch.Count);
            return (left * right, labels);
        }
        if (aOwn.Count == 0 && bOwn.Count == 0)
        {
            // Row-wise dot products ("nc,nc->n"): one product and a sum beat a batch of 1×1 matrix products.
            var dims = Enumerable.Range(batch.Count, summed.Count).Select(d => (long)d).ToArray();
            return ((Arrange(a, aLabels, [.. batch, .. summed]) * Arrange(b, bLabels, [.. batch, .. summed])).sum(dims), labels);
        }
        // [batch, a's own, summed] @ [batch, summed, b's own], each group of dimensions flattened into one.
        long Size(List<int> group) => group.Aggregate(1L, (n, l) => n * sizes[l]);
        long count = Size(batch), rows = Size(aOwn), inner = Size(summed), columns = Size(bOwn);
        var lhs = Expand(Arrange(a, aLabels, [.. batch, .. aOwn, .. summed]), [.. batch, .. aOwn, .. summed], sizes).reshape(count, rows, inner);
        var rhs = Expand(Arrange(b, bLabels, [.. batch, .. summed, .. bOwn]), [.. batch, .. summed, .. bOwn], sizes).reshape(count, inner, columns);
        var product = lhs.matmul(rhs);
        return (product.reshape(labels.Select(l => (long)sizes[l]).ToArray()), labels);
    }

    /// <summary><paramref name="t"/> with its dimensions put in the order of <paramref name="order"/>.</summary>
    static Tensor Arrange(Tensor t, List<int> labels, List<int> order)
    {
        var dims = order.Select(l => (long)labels.IndexOf(l)).ToArray();
        return dims.Select((d, i) => d == i).All(x => x) ? t : t.permute(dims);
    }

    /// <summary>Stretches size-1 dimensions to their label's size, for a product that flattens them together.</summary>
    static Tensor Expand(Tensor t, List<int> labels, Dictionary<int, int> sizes)
    {
        var target = labels.Select(l => (long)sizes[l]).ToArray();
        return t.shape.SequenceEqual(target) ? t : t.expand(target);
    }
}
