namespace SslCourse.Models;

/// <summary>
/// MoCo's dictionary of negatives: the keys of the last <see cref="Size"/> images, in a ring. Each step enqueues the
/// batch's keys and drops the oldest, so the negatives come from slightly older versions of the (slowly moving) key
/// encoder — which is why MoCo needs the momentum encoder: with fast-changing keys the queue would be inconsistent.
/// The keys and the write position are buffers: they move with the model and are saved in its checkpoints.
/// </summary>
public sealed class FeatureQueue : nn.Module
{
    /// <summary>A queue of <paramref name="size"/> keys of <paramref name="dimension"/> numbers, started with random unit vectors.</summary>
    public FeatureQueue(int size, int dimension, torch.Generator? generator = null) : base(nameof(FeatureQueue))
    {
        if (size < 1 || dimension < 1) throw new ArgumentException($"FeatureQueue: size and dimension must be positive, got {size} and {dimension}.");
        register_buffer("keys", F.normalize(torch.randn(new long[] { size, dimension }, generator: generator), dim: 1));
        register_buffer("next", torch.zeros(new long[] { 1 }, dtype: torch.int64));
    }

    Tensor Buffer(string name) => named_buffers(false).First(b => b.name == name).buffer;

    /// <summary>The stored keys [Size, D] (ℓ2-normalised).</summary>
    public Tensor Keys => Buffer("keys");

    /// <summary>How many keys the queue holds.</summary>
    public long Size => Keys.shape[0];

    /// <summary>Replaces the oldest keys with <paramref name="keys"/> [B, D] (normalised here, without gradient); B ≤ Size.</summary>
    public void Enqueue(Tensor keys)
    {
        var stored = Keys;
        long b = keys.shape[0], size = stored.shape[0];
        if (keys.dim() != 2 || keys.shape[1] != stored.shape[1] || b > size)
            throw new ArgumentException($"FeatureQueue: keys must be [B, {stored.shape[1]}] with B ≤ {size}; got {keys.ShapeText()}.");
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var next = Buffer("next");
        long at = next.ToInt64();
        var normalized = F.normalize(keys.detach(), dim: 1).to(stored.device);
        long first = Math.Min(b, size - at);                       // up to the end of the ring, then from its start
        stored.narrow(0, at, first).copy_(normalized.narrow(0, 0, first));
        if (first < b) stored.narrow(0, 0, b - first).copy_(normalized.narrow(0, first, b - first));
        next.fill_((at + b) % size);
    }
}
