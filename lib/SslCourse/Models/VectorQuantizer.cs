
namespace SslCourse.Models;

/// <summary>What a <see cref="VectorQuantizer"/> returns: the quantised vectors (with straight-through gradients), the chosen code of each vector, the codebook + commitment loss, and the perplexity of code usage in the batch.</summary>
public sealed record VqOutput(Tensor quantized, Tensor indices, Tensor loss, Tensor perplexity);

/// <summary>
/// The vector quantiser of VQ-VAE (van den Oord et al., 2017): every vector is replaced by its nearest entry of a
/// learned codebook. The arg-min has no gradient, so the straight-through estimator passes the gradient at the output
/// to the input unchanged; the codebook is trained by ‖sg(z) − e‖² and the encoder kept close to it by β‖z − sg(e)‖².
/// </summary>
public sealed class VectorQuantizer : nn.Module<Tensor, VqOutput>
{
    /// <summary>The codebook [numCodes, codeDim].</summary>
    public readonly Tensor codebook;

    /// <summary>A codebook of <paramref name="numCodes"/> vectors of <paramref name="codeDim"/> numbers, drawn uniformly in ±1/numCodes.</summary>
    public VectorQuantizer(int numCodes, int codeDim, double commitment = 0.25, Generator? generator = null) : base(nameof(VectorQuantizer))
    {
        codebook = nn.Parameter(rand([numCodes, codeDim], generator: generator) * (2.0 / numCodes) - 1.0 / numCodes);
        (NumCodes, CodeDim, Commitment) = (numCodes, codeDim, commitment);
        RegisterComponents();
    }

    /// <summary>Codebook size K.</summary>
    public int NumCodes { get; }

    /// <summary>Length of each code vector.</summary>
    public int CodeDim { get; }

    /// <summary>β, the weight of the commitment loss.</summary>
    public double Commitment { get; }

    /// <summary>
    /// Quantises <paramref name="z"/>: vectors [N, D], or feature maps [B, D, H, W] whose every position is one vector
    /// (then indices are [B, H, W]).
    /// </summary>
    public override VqOutput forward(Tensor z)
    {
        bool map = z.dim() == 4;
        if ((map ? z.shape[1] : z.dim() == 2 ? z.shape[1] : -1) != CodeDim)
            throw new ArgumentException($"VectorQuantizer: expected [N, {CodeDim}] or [B, {CodeDim}, H, W], got {z.ShapeText()}.");
        var flat = map ? z.permute(0, 2, 3, 1).reshape(-1, CodeDim) : z;                 // [M, D]
        var indices = nearest(flat.detach());                                             // [M]
        var chosen = codebook.index_select(0, indices);                                   // [M, D]
        var loss = F.mse_loss(chosen, flat.detach()) + Commitment * F.mse_loss(flat, chosen.detach());
        var quantized = flat + (chosen - flat).detach();                                  // straight through
        if (map)
        {
            long b = z.shape[0], h = z.shape[2], w = z.shape[3];
            quantized = quantized.reshape(b, h, w, CodeDim).permute(0, 3, 1, 2);
            indices = indices.reshape(b, h, w);
        }
        return new VqOutput(quantized, indices, loss, perplexity(indices));
    }

    /// <summary>The index of the nearest code (squared Euclidean distance) for each row of <paramref name="vectors"/> [M, D].</summary>
    public Tensor nearest(Tensor vectors)
    {
        var distances = vectors.pow(2).sum(1, keepdim: true) - 2 * vectors.matmul(codebook.detach().t()) + codebook.detach().pow(2).sum(1).unsqueeze(0);
        return distances.argmin(1);
    }

    /// <summary>How often each code is chosen among <paramref name="indices"/>: int64 [K].</summary>
    public Tensor usage(Tensor indices) =>
        zeros([NumCodes], dtype: ScalarType.Int64, device: indices.device).scatter_add(0, indices.flatten(), ones_like(indices.flatten()));

    /// <summary>exp of the entropy of the code frequencies among <paramref name="indices"/>: K when all codes are used equally, 1 when one code takes all.</summary>
    public Tensor perplexity(Tensor indices)
    {
        var p = usage(indices).to(ScalarType.Float32) / indices.numel();
        return (-(p * (p + 1e-10f).log()).sum()).exp();
    }

    /// <summary>
    /// Moves every code that none of <paramref name="vectors"/> [M, D] chose to a randomly drawn one of those vectors,
    /// the usual cure for dead codes. Returns how many codes were moved.
    /// </summary>
    public int revive_dead_codes(Tensor vectors, Generator? generator = null)
    {
        using var _ = no_grad();
        var counts = usage(nearest(vectors)).ToLongArray();
        int revived = 0;
        for (int k = 0; k < NumCodes; k++)
        {
            if (counts[k] > 0) continue;
            codebook[k].copy_(vectors[(generator ?? Generator.Default).NextLong(vectors.shape[0])]);
            revived++;
        }
        return revived;
    }
}
