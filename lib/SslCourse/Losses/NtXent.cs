namespace SslCourse.Losses;

/// <summary>
/// SimCLR's loss (Chen et al., 2020), the normalised temperature-scaled cross-entropy. A batch of N images gives 2N
/// views; for each view the other view of the same image is the positive and the remaining 2N − 2 views are the
/// negatives: ℓ(i, j) = −log( exp(sim(z_i, z_j)/τ) / Σ_{k≠i} exp(sim(z_i, z_k)/τ) ), with sim the cosine similarity,
/// averaged over all 2N anchors, so both directions count. Positives are two views of one image, never "images of
/// the same class": the labels are exactly what self-supervision does without.
/// </summary>
public static class NtXent
{
    /// <summary>
    /// The loss for projections <paramref name="z1"/> and <paramref name="z2"/> [N, D] of the two views of the same N
    /// images (row i of each is image i). τ = <paramref name="temperature"/>; SimCLR uses 0.5 for CIFAR-10.
    /// </summary>
    public static Tensor Loss(Tensor z1, Tensor z2, double temperature = 0.5)
    {
        var logits = Logits(z1, z2, temperature);                                // [2N, 2N]
        long n = z1.shape[0];
        var positives = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)]).to(logits.device);   // view i ↔ view i ± N
        return F.cross_entropy(logits, positives);
    }

    /// <summary>
    /// The scaled similarities the loss compares, sim(z_a, z_b)/τ for the 2N views (z1's rows first, then z2's), with
    /// each view's similarity to itself set to −∞ so that it is neither positive nor negative. Shown as a heatmap, the
    /// positives are the two off-diagonals at distance N.
    /// </summary>
    public static Tensor Logits(Tensor z1, Tensor z2, double temperature = 0.5)
    {
        if (z1.dim() != 2 || !z1.shape.SequenceEqual(z2.shape))
            throw new ArgumentException($"NtXent: z1 and z2 must both be [N, D] projections of the same N images; got {z1.ShapeText()} and {z2.ShapeText()}.");
        if (z1.shape[0] < 2) throw new ArgumentException($"NtXent: a batch of {z1.shape[0]} image has no negatives; use at least 2 (SimCLR uses hundreds).");
        if (!(temperature > 0)) throw new ArgumentException($"NtXent: the temperature must be positive, got {temperature}.");
        var z = F.normalize(torch.cat([z1, z2]), dim: 1);                        // [2N, D], unit rows
        var self = torch.eye(2 * z1.shape[0], dtype: torch.@bool, device: z.device);
        return (z.matmul(z.t()) / temperature).masked_fill(self, double.NegativeInfinity);
    }
}
