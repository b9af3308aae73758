namespace SslCourse;

/// <summary>
/// An einsum equation read against its operands: every dimension of every operand gets a label (a number), and the
/// output is a list of labels. Letters keep their own label (A–Z before a–z, the order an implicit output sorts in);
/// the dimensions that "..." covers get labels of their own, counted from the right so that they broadcast like the
/// batch dimensions of an element-wise op.
/// </summary>
internal sealed class EinsumEquation
{
    const int Letters = 52;
    const int Ellipsis = -1;   // where "..." stood in a term, before it is expanded

    /// <summary>The labels of each operand's dimensions, in order.</summary>
    public readonly int[][] Inputs;
    /// <summary>The labels of the output's dimensions, in order.</summary>
    public readonly int[] Output;
    /// <summary>The size of every label, after broadcasting (a size-1 dimension stretches to the others' size).</summary>
    public readonly Dictionary<int, int> Sizes = new();

    readonly string _equation;

    EinsumEquation(string equation, int[][] inputs, int[] output)
    {
        _equation = equation;
        Inputs = inputs;
        Output = output;
    }

    /// <summary>Reads <paramref name="equation"/> (e.g. "bij,bjk->bik") for <paramref name="operands"/>, checking sizes.</summary>
    public static EinsumEquation Parse(string equation, Tensor[] operands)
    {
        var text = new string(equation.Where(c => !char.IsWhiteSpace(c)).ToArray());
        int arrow = text.IndexOf("->", StringComparison.Ordinal);
        if (arrow >= 0 && text.IndexOf("->", arrow + 2, StringComparison.Ordinal) >= 0)
            throw new ArgumentException($"einsum: \"{equation}\" has more than one \"->\".");
        var terms = (arrow >= 0 ? text[..arrow] : text).Split(',');
        if (terms.Length != operands.Length)
            throw new ArgumentException($"einsum: \"{equation}\" has {terms.Length} operand term(s) but {operands.Length} tensor(s) were given; " +
                "write one comma-separated term per tensor, e.g. \"ij,jk->ik\" for two.");

        var parsed = terms.Select(t => ParseTerm(t, equation)).ToArray();
        int covered = 0;   // how many dimensions "..." stands for: the most any operand leaves to it
        for (int i = 0; i < operands.Length; i++)
        {
            int named = parsed[i].Count(l => l != Ellipsis), rank = operands[i].dim();
            bool hasEllipsis = parsed[i].Contains(Ellipsis);
            if (hasEllipsis ? rank < named : rank != named)
                throw new ArgumentException($"einsum: operand {i} has {rank} dimension(s) {ShapeUtil.Format(operands[i].Shape)} " +
                    $"but its term \"{terms[i]}\" names {named}{(hasEllipsis ? " besides \"...\"" : "")}.");
            if (hasEllipsis) covered = Math.Max(covered, rank - named);
        }

        var inputs = new int[operands.Length][];
        for (int i = 0; i < operands.Length; i++)
        {
            int own = operands[i].dim() - parsed[i].Count(l => l != Ellipsis);
            inputs[i] = parsed[i].SelectMany(l => l == Ellipsis ? Enumerable.Range(Letters + covered - own, own) : [l]).ToArray();
        }
        var broadcast = Enumerable.Range(Letters, covered).ToArray();
        var counts = inputs.SelectMany(x => x).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        int[] output;
        if (arrow < 0)
            output = broadcast.Concat(counts.Where(c => c.Key < Letters && c.Value == 1).Select(c => c.Key).Order()).ToArray();
        else
        {
            var term = ParseTerm(text[(arrow + 2)..], equation);
            output = term.SelectMany(l => l == Ellipsis ? broadcast : [l]).ToArray();
            foreach (var l in term.Where(l => l != Ellipsis))
            {
                if (!counts.ContainsKey(l)) throw new ArgumentException($"einsum: the output subscript '{Name(l)}' of \"{equation}\" appears in no operand.");
                if (term.Count(x => x == l) > 1) throw new ArgumentException($"einsum: the output subscript '{Name(l)}' appears more than once in \"{equation}\".");
            }
        }

        var e = new EinsumEquation(equation, inputs, output);
        e.CheckSizes(operands);
        return e;
    }

    /// <summary>Labels of one term, with <see cref="Ellipsis"/> where "..." stood.</summary>
    static List<int> ParseTerm(string term, string equation)
    {
        var labels = new List<int>();
        for (int i = 0; i < term.Length; i++)
        {
            char c = term[i];
            if (c is >= 'A' and <= 'Z') labels.Add(c - 'A');
            else if (c is >= 'a' and <= 'z') labels.Add(c - 'a' + 26);
            else if (c == '.' && string.CompareOrdinal(term, i, "...", 0, 3) == 0 && !labels.Contains(Ellipsis)) { labels.Add(Ellipsis); i += 2; }
            else if (c == '.')
                throw new ArgumentException($"einsum: \"{term}\" in \"{equation}\" has a '.' that is not part of one \"...\" (at most one per term).");
            else
                throw new ArgumentException($"einsum: \"{term}\" in \"{equation}\" contains '{c}'; subscripts are the letters a-z and A-Z, \"...\", ',' and \"->\".");
        }
        return labels;
    }

    /// <summary>A label as the equation wrote it.</summary>
    static string Name(int label) => label < 26 ? ((char)('A' + label)).ToString() : label < Letters ? ((char)('a' + label - 26)).ToString() : "...";

    void CheckSizes(Tensor[] operands)
    {
        var from = new Dictionary<int, int>();   // the operand that set a label's size
        for (int i = 0; i < operands.Length; i++)
        {
            var own = new Dictionary<int, int>();
            for (int d = 0; d < Inputs[i].Length; d++)
            {
                int l = Inputs[i][d], size = operands[i].Shape[d];
                // A label repeated within one operand takes a diagonal, which needs equal sizes: no broadcasting here.
                if (own.TryGetValue(l, out int first) && first != size)
                    throw new ArgumentException($"einsum: subscript '{Name(l)}' is repeated in operand {i} {ShapeUtil.Format(operands[i].Shape)} " +
                        $"of \"{_equation}\" with sizes {first} and {size}; a repeated subscript takes a diagonal and needs equal sizes.");
                own[l] = size;
                if (!Sizes.TryGetValue(l, out int known) || known == 1) { Sizes[l] = size; from[l] = i; }
                else if (size != known && size != 1)
                    throw new ArgumentException($"einsum: subscript '{Name(l)}' of \"{_equation}\" has size {known} in operand {from[l]} " +
                        $"{ShapeUtil.Format(operands[from[l]].Shape)} but {size} in operand {i} {ShapeUtil.Format(operands[i].Shape)}; sizes must match (or be 1, to broadcast).");
            }
        }
    }
}
