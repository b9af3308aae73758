
namespace SslCourse.Data;

/// <summary>
/// A source of examples, each a fixed number of tensors (image and label, say), in the shape of TorchSharp's
/// <c>torch.utils.data.Dataset</c>. A <see cref="DataLoader"/> batches them.
/// </summary>
public abstract class Dataset : IDisposable
{
    /// <summary>Number of examples.</summary>
    public abstract long Count { get; }

    /// <summary>The tensors of example <paramref name="index"/>.</summary>
    public abstract Tensor[] GetTensor(long index);

    /// <summary>
    /// The examples at <paramref name="indices"/> (int64 [B]) stacked along a new first dimension. Datasets held as
    /// whole tensors override this with one gather per tensor instead of B small copies.
    /// </summary>
    public virtual Tensor[] GetBatch(Tensor indices)
    {
        var examples = indices.ToLongArray().Select(GetTensor).ToArray();
        if (examples.Length == 0) throw new ArgumentException($"{GetType().Name}.GetBatch: no indices given.");
        var batch = new Tensor[examples[0].Length];
        for (int t = 0; t < batch.Length; t++)
            batch[t] = stack(examples.Select(e => e[t]).ToList());
        foreach (var tensor in examples.SelectMany(e => e)) tensor.Dispose();
        return batch;
    }

    /// <summary>Releases what the dataset holds; the base holds nothing.</summary>
    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>Examples that are the rows of tensors sharing their first dimension (TorchSharp's <c>TensorDataset</c>).</summary>
public sealed class TensorDataset : Dataset
{
    readonly Tensor[] _tensors;

    /// <summary>Example i is (tensors[0][i], tensors[1][i], …).</summary>
    public TensorDataset(params Tensor[] tensors)
    {
        if (tensors.Length == 0) throw new ArgumentException("TensorDataset: give at least one tensor.");
        if (tensors.Any(t => t.dim() == 0 || t.size(0) != tensors[0].size(0)))
            throw new ArgumentException($"TensorDataset: every tensor needs the same first dimension, got shapes {string.Join(", ", tensors.Select(t => t.ShapeText()))}.");
        _tensors = tensors;
    }

    /// <summary>The images and labels of <paramref name="set"/>.</summary>
    public TensorDataset(ImageSet set) : this(set.Images, set.Labels) { }

    /// <inheritdoc/>
    public override long Count => _tensors[0].size(0);

    /// <inheritdoc/>
    public override Tensor[] GetTensor(long index) => _tensors.Select(t => t[index]).ToArray();

    /// <inheritdoc/>
    public override Tensor[] GetBatch(Tensor indices) => _tensors.Select(t => Rows(t, indices)).ToArray();

    // The indices go to the tensor's device: a loader draws them on the CPU, the tensors may live on the lesson's device.
    // A moved copy is freed at once (to() may also return the indices themselves, which stay the caller's).
    static Tensor Rows(Tensor t, Tensor indices)
    {
        var onDevice = indices.to(t.device);
        try { return t.index_select(0, onDevice); }
        finally { if (!ReferenceEquals(onDevice, indices)) onDevice.Dispose(); }
    }
}
