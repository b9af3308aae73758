namespace SslCourse.Eval;

/// <summary>
/// Evaluation metrics on tensors: classification (accuracy, confusion matrix, ROC-AUC), clustering (NMI, purity,
/// adjusted Rand index), reconstruction (PSNR) and embedding geometry (alignment and uniformity).
/// Labels are int64 [N]; every metric returns a plain number except the confusion matrix.
/// </summary>
public static partial class Metrics
{
    /// <summary>
    /// The fraction of samples whose prediction equals the label. <paramref name="predictions"/> are class indices
    /// (int64 [N]) or scores (float32 [N, C]), in which case the highest-scoring class is the prediction.
    /// </summary>
    public static double Accuracy(Tensor predictions, Tensor labels)
    {
        var (predicted, truth) = PredictedAndTrue(predictions, labels, "Metrics.Accuracy");
        if (truth.Length == 0) throw new ArgumentException("Metrics.Accuracy: there are no samples to score.");
        int hits = 0;
        for (int i = 0; i < truth.Length; i++) if (predicted[i] == truth[i]) hits++;
        return (double)hits / truth.Length;
    }

    /// <summary>
    /// Counts [C, C] (int64) where entry [i, j] is the number of samples of true class i predicted as class j, as
    /// scikit-learn lays it out, on the labels' device. C is <paramref name="numClasses"/>, or one more than the largest class seen.
    /// </summary>
    public static Tensor ConfusionMatrix(Tensor predictions, Tensor labels, int? numClasses = null)
    {
        const string op = "Metrics.ConfusionMatrix";
        var (predicted, truth) = PredictedAndTrue(predictions, labels, op);
        int c = numClasses ?? Math.Max(EvalInput.ClassCount(predicted), EvalInput.ClassCount(truth));
        var counts = new long[c * c];
        for (int i = 0; i < truth.Length; i++)
        {
            if (truth[i] >= c || predicted[i] >= c)
                throw new ArgumentException($"{op}: class {Math.Max(truth[i], predicted[i])} is out of range for {c} classes.");
            counts[truth[i] * c + predicted[i]]++;
        }
        return torch.tensor(counts, new long[] { c, c }, device: labels.device);
    }

    /// <summary>
    /// Area under the ROC curve for binary <paramref name="targets"/> (bool, or int64 0/1) and real-valued
    /// <paramref name="scores"/> (higher means more likely positive): the probability that a random positive outscores
    /// a random negative, counting ties as half (Mann–Whitney U with averaged ranks).
    /// </summary>
    public static double RocAuc(Tensor scores, Tensor targets)
    {
        const string op = "Metrics.RocAuc";
        if (scores.dim() != 1 || scores.dtype != torch.ScalarType.Float32)
            throw new ArgumentException($"{op}: scores must be a 1-D float32 tensor [N], got {scores.ShapeText()} {scores.dtype.DtypeName()}.");
        int n = scores.Dims()[0];
        var positive = targets.dtype == torch.ScalarType.Bool
            ? Array.ConvertAll(CheckedLength(targets, n, op).to(torch.ScalarType.Int64).ToLongArray(), t => t == 1)
            : Array.ConvertAll(EvalInput.Labels(targets, n, op, "targets"),
                t => t <= 1 ? t == 1 : throw new ArgumentException($"{op}: targets must be 0 or 1, found {t}."));
        var s = scores.ToFloatArray();
        var ranks = AverageRanks(s);
        long nPos = positive.Count(p => p), nNeg = s.Length - nPos;
        if (nPos == 0 || nNeg == 0)
            throw new ArgumentException($"{op}: needs both positive and negative targets, got {nPos} positive and {nNeg} negative.");
        double rankSum = 0;
        for (int i = 0; i < s.Length; i++) if (positive[i]) rankSum += ranks[i];
        return (rankSum - nPos * (nPos + 1) / 2.0) / ((double)nPos * nNeg);
    }

    /// <summary>1-based ranks of <paramref name="values"/> in ascending order, tied values sharing their mean rank.</summary>
    static double[] AverageRanks(float[] values)
    {
        if (values.Any(float.IsNaN)) throw new ArgumentException("Metrics.RocAuc: scores contain NaN.");
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            double mean = (start + end) / 2.0 + 1;
            for (int i = start; i <= end; i++) ranks[order[i]] = mean;
            start = end + 1;
        }
        return ranks;
    }

    static Tensor CheckedLength(Tensor t, int n, string op) => t.dim() == 1 && t.shape[0] == n ? t
        : throw new ArgumentException($"{op}: targets {t.ShapeText()} do not match the {n} scores.");

    /// <summary>Predicted classes (argmax of scores when given [N, C]) and true labels, checked to be the same length.</summary>
    static (long[] predicted, long[] truth) PredictedAndTrue(Tensor predictions, Tensor labels, string op)
    {
        var classes = predictions.dim() == 2 && predictions.dtype == torch.ScalarType.Float32 ? predictions.argmax(1) : predictions;
        if (classes.dim() != 1 || classes.dtype != torch.ScalarType.Int64)
            throw new ArgumentException($"{op}: predictions must be int64 classes [N] or float32 scores [N, C], got {predictions.ShapeText()} {predictions.dtype.DtypeName()}.");
        var predicted = EvalInput.Labels(classes, classes.Dims()[0], op, "predictions");
        return (predicted, EvalInput.Labels(labels, predicted.Length, op));
    }
}
