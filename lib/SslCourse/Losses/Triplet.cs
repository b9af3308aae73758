namespace SslCourse.Losses;

/// <summary>How <see cref="Triplet"/> picks each anchor's negative (and positive) inside a batch.</summary>
public enum TripletMining
{
    /// <summary>Hermans et al. (2017): the farthest positive and the closest negative of each anchor.</summary>
    BatchHard,
    /// <summary>
    /// Schroff et al. (FaceNet, 2015): every anchor–positive pair, with the closest negative that is still farther than
    /// the positive (d(a,p) &lt; d(a,n)); where there is none, the farthest negative. Avoids the collapse that the very
    /// hardest negatives cause early in training.
    /// </summary>
    SemiHard,
}

/// <summary>
/// The triplet loss max(0, d(a, p) − d(a, n) + margin) with Euclidean distances, over triplets mined from a labelled
/// batch. It needs labels (or pseudo-labels such as "these crops come from one image") to know which pairs are
/// positive: supervised metric learning, from which contrastive SSL took the idea.
/// </summary>
public static class Triplet
{
    /// <summary>
    /// The mean loss of the triplets mined from <paramref name="embeddings"/> [N, D] with class <paramref name="labels"/>
    /// [N]. Anchors without a positive or without a negative in the batch are skipped; a batch with no triplet at all is
    /// an error, since it would silently train nothing.
    /// </summary>
    public static Tensor Loss(Tensor embeddings, Tensor labels, double margin = 0.2, TripletMining mining = TripletMining.BatchHard)
    {
        if (embeddings.dim() != 2 || labels.dim() != 1 || labels.shape[0] != embeddings.shape[0])
            throw new ArgumentException($"Triplet: embeddings must be [N, D] and labels [N]; got {embeddings.ShapeText()} and {labels.ShapeText()}.");
        if (margin < 0) throw new ArgumentException($"Triplet: the margin must be ≥ 0, got {margin}.");
        var (anchor, positive, negative) = Mine(embeddings, labels, mining);
        if (anchor.Length == 0)
            throw new ArgumentException("Triplet: the batch has no anchor with both a positive (same label) and a negative; sample several images per class.");
        var device = embeddings.device;
        Tensor Rows(long[] index) => embeddings.index_select(0, torch.tensor(index).to(device));
        var a = Rows(anchor);
        return F.relu(Distance(a, Rows(positive)) - Distance(a, Rows(negative)) + margin).mean();
    }

    /// <summary>The mined triplets as row indices (anchor, positive, negative), chosen on distances without gradient.</summary>
    public static (long[] anchor, long[] positive, long[] negative) Mine(Tensor embeddings, Tensor labels, TripletMining mining)
    {
        double[,] d;
        using (torch.no_grad())
        {
            var e = embeddings.detach();
            var squared = (e * e).sum(dim: 1);
            var all = (squared.unsqueeze(1) + squared.unsqueeze(0) - 2 * e.matmul(e.t())).clamp_min(0).sqrt();   // [N, N]
            d = ToMatrix(all);
        }
        var y = labels.cpu().to(torch.int64).Values<long>();
        int n = y.Length;
        var (anchors, positives, negatives) = (new List<long>(), new List<long>(), new List<long>());
        for (int i = 0; i < n; i++)
        {
            var sameClass = Enumerable.Range(0, n).Where(j => j != i && y[j] == y[i]).ToList();
            var otherClass = Enumerable.Range(0, n).Where(j => y[j] != y[i]).ToList();
            if (sameClass.Count == 0 || otherClass.Count == 0) continue;
            if (mining == TripletMining.BatchHard)
            {
                anchors.Add(i);
                positives.Add(sameClass.MaxBy(j => d[i, j]));
                negatives.Add(otherClass.MinBy(j => d[i, j]));
                continue;
            }
            foreach (var p in sameClass)
            {
                var farther = otherClass.Where(j => d[i, j] > d[i, p]).ToList();
                anchors.Add(i);
                positives.Add(p);
                negatives.Add(farther.Count > 0 ? farther.MinBy(j => d[i, j]) : otherClass.MaxBy(j => d[i, j]));
            }
        }
        return (anchors.ToArray(), positives.ToArray(), negatives.ToArray());
    }

    // PyTorch's pairwise_distance: ‖a − b + ε‖, whose ε keeps the gradient finite when two embeddings coincide.
    static Tensor Distance(Tensor a, Tensor b) => (a - b + 1e-6).pow(2).sum(dim: 1).sqrt();

    static double[,] ToMatrix(Tensor square)
    {
        var values = square.cpu().Values<float>();
        int n = (int)square.shape[0];
        var m = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i, j] = values[i * n + j];
        return m;
    }
}
