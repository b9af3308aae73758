namespace SslCourse.Eval;

public static partial class Metrics
{
    /// <summary>
    /// Normalized mutual information between two labelings of the same samples, with the arithmetic-mean
    /// normalisation (scikit-learn's default): I(U; V) / ((H(U) + H(V)) / 2). 1 for labelings equal up to renaming,
    /// near 0 for independent ones. Cluster ids need not match class ids.
    /// </summary>
    public static double NormalizedMutualInfo(Tensor labelsTrue, Tensor labelsPred)
    {
        var table = Contingency.Of(labelsTrue, labelsPred, "Metrics.NormalizedMutualInfo");
        // Both labelings put everything in one group: they agree perfectly, although both entropies are 0.
        if (table.Rows == table.Columns && table.Rows <= 1) return 1.0;
        double mi = table.MutualInformation();
        if (mi <= 0) return 0.0;
        return mi / ((Contingency.Entropy(table.RowSums, table.Total) + Contingency.Entropy(table.ColumnSums, table.Total)) / 2);
    }

    /// <summary>
    /// Cluster purity: each cluster votes for its most frequent true class, and purity is the fraction of samples in
    /// their cluster's majority class. 1 for a perfect clustering; it rewards many small clusters, so read it with NMI.
    /// </summary>
    public static double Purity(Tensor labelsTrue, Tensor labelsPred)
    {
        var table = Contingency.Of(labelsTrue, labelsPred, "Metrics.Purity");
        long majority = 0;
        for (int j = 0; j < table.Columns; j++)
        {
            long best = 0;
            for (int i = 0; i < table.Rows; i++) best = Math.Max(best, table.Counts[i, j]);
            majority += best;
        }
        return (double)majority / table.Total;
    }

    /// <summary>
    /// Adjusted Rand index: agreement of two labelings over all pairs of samples, corrected for chance, so that
    /// random labelings score about 0 and identical ones (up to renaming) score 1.
    /// </summary>
    public static double AdjustedRandIndex(Tensor labelsTrue, Tensor labelsPred)
    {
        var table = Contingency.Of(labelsTrue, labelsPred, "Metrics.AdjustedRandIndex");
        static double Pairs(long n) => n * (n - 1) / 2.0;
        double both = 0, rows = 0, columns = 0;
        foreach (var n in table.Counts) both += Pairs(n);
        foreach (var n in table.RowSums) rows += Pairs(n);
        foreach (var n in table.ColumnSums) columns += Pairs(n);
        double expected = rows * columns / Pairs(table.Total), maximum = (rows + columns) / 2;
        // Degenerate labelings (all in one group, or every sample alone in both) agree exactly.
        if (maximum == expected) return 1.0;
        return (both - expected) / (maximum - expected);
    }

    /// <summary>Counts of samples per (true class, predicted cluster), with each labeling's ids renumbered 0, 1, ….</summary>
    sealed class Contingency
    {
        public readonly long[,] Counts;
        public readonly long[] RowSums, ColumnSums;
        public readonly long Total;
        public int Rows => RowSums.Length;
        public int Columns => ColumnSums.Length;

        Contingency(long[] a, long[] b)
        {
            var rowIds = Renumber(a); var colIds = Renumber(b);
            RowSums = new long[rowIds.Distinct().Count()];
            ColumnSums = new long[colIds.Distinct().Count()];
            Counts = new long[RowSums.Length, ColumnSums.Length];
            for (int i = 0; i < a.Length; i++) { Counts[rowIds[i], colIds[i]]++; RowSums[rowIds[i]]++; ColumnSums[colIds[i]]++; }
            Total = a.Length;
        }

        public static Contingency Of(Tensor labelsTrue, Tensor labelsPred, string op)
        {
            if (labelsTrue.dim() != 1) throw new ArgumentException($"{op}: labelsTrue must be a 1-D int64 tensor [N], got {labelsTrue.ShapeText()}.");
            var a = EvalInput.Labels(labelsTrue, labelsTrue.Dims()[0], op, "labelsTrue");
            var b = EvalInput.Labels(labelsPred, a.Length, op, "labelsPred");
            if (a.Length == 0) throw new ArgumentException($"{op}: there are no samples to compare.");
            return new Contingency(a, b);
        }

        static int[] Renumber(long[] ids)
        {
            var map = new Dictionary<long, int>();
            return Array.ConvertAll(ids, id => map.TryGetValue(id, out var k) ? k : map[id] = map.Count);
        }

        /// <summary>I(U; V) in nats: Σ p(u,v) log(p(u,v) / (p(u) p(v))).</summary>
        public double MutualInformation()
        {
            double mi = 0;
            for (int i = 0; i < Rows; i++)
                for (int j = 0; j < Columns; j++)
                    if (Counts[i, j] > 0)
                        mi += (double)Counts[i, j] / Total * Math.Log((double)Counts[i, j] * Total / ((double)RowSums[i] * ColumnSums[j]));
            return Math.Max(mi, 0);
        }

        /// <summary>Entropy in nats of the distribution given by <paramref name="counts"/>.</summary>
        public static double Entropy(long[] counts, long total) =>
            -counts.Where(c => c > 0).Sum(c => (double)c / total * Math.Log((double)c / total));
    }
}
