namespace SslCourse.Losses;

/// <summary>
/// MoCo's loss (He et al., 2020; van den Oord et al.'s InfoNCE): each query q_i has one positive key k_i (the other
/// view, through the momentum encoder) and K negatives from a queue of earlier keys:
/// ℓ_i = −log( exp(q_i·k_i/τ) / (exp(q_i·k_i/τ) + Σ_j exp(q_i·n_j/τ)) ). The queue decouples the number of negatives
/// from the batch size. Only the query side learns: MoCo computes keys under no_grad and never back-propagates
/// into the queue.
/// </summary>
public static class InfoNce
{
    /// <summary>
    /// The mean loss of queries <paramref name="query"/> [N, D] against their keys <paramref name="key"/> [N, D] and the
    /// negatives in <paramref name="queue"/> [K, D]. All are compared by cosine similarity (rows are ℓ2-normalised
    /// here). MoCo v2 uses τ = 0.2.
    /// </summary>
    public static Tensor Loss(Tensor query, Tensor key, Tensor queue, double temperature = 0.2) =>
        F.cross_entropy(Logits(query, key, queue, temperature), torch.zeros(new[] { query.shape[0] }, dtype: torch.int64, device: query.device));

    /// <summary>Row i: the positive's scaled similarity first, then the K negatives' ([N, 1 + K]); the target is always 0.</summary>
    public static Tensor Logits(Tensor query, Tensor key, Tensor queue, double temperature = 0.2)
    {
        if (query.dim() != 2 || !query.shape.SequenceEqual(key.shape) || queue.dim() != 2 || queue.shape[1] != query.shape[1])
            throw new ArgumentException($"InfoNce: query and key must be [N, D] and the queue [K, D]; got {query.ShapeText()}, {key.ShapeText()} and {queue.ShapeText()}.");
        if (!(temperature > 0)) throw new ArgumentException($"InfoNce: the temperature must be positive, got {temperature}.");
        var q = F.normalize(query, dim: 1);
        var k = F.normalize(key, dim: 1);
        var positive = (q * k).sum(dim: 1, keepdim: true);                        // [N, 1]
        var negatives = q.matmul(F.normalize(queue, dim: 1).t());                 // [N, K]
        return torch.cat([positive, negatives], dim: 1) / temperature;
    }
}
