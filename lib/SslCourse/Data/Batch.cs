namespace SslCourse.Data;

/// <summary>
/// One batch from a <see cref="DataLoader"/>: the dataset's tensors, each with the batch as its first dimension.
/// Deconstructs, so <c>foreach (var (images, labels) in loader)</c> reads naturally.
/// </summary>
public sealed class Batch : IDisposable
{
    readonly Tensor[] _tensors;

    /// <summary>A batch of <paramref name="tensors"/>.</summary>
    public Batch(params Tensor[] tensors) => _tensors = tensors;

    /// <summary>The <paramref name="index"/>-th tensor.</summary>
    public Tensor this[int index] => _tensors[index];

    /// <summary>How many tensors the batch holds.</summary>
    public int Count => _tensors.Length;

    /// <summary>Examples in the batch.</summary>
    public int Size => (int)_tensors[0].size(0);

    /// <summary>The two tensors of a two-tensor batch.</summary>
    public void Deconstruct(out Tensor first, out Tensor second)
    {
        Expect(2);
        (first, second) = (_tensors[0], _tensors[1]);
    }

    /// <summary>The three tensors of a three-tensor batch.</summary>
    public void Deconstruct(out Tensor first, out Tensor second, out Tensor third)
    {
        Expect(3);
        (first, second, third) = (_tensors[0], _tensors[1], _tensors[2]);
    }

    void Expect(int count)
    {
        if (_tensors.Length != count)
            throw new InvalidOperationException($"Batch: deconstructed into {count} tensors, but the batch holds {_tensors.Length}.");
    }

    /// <summary>Disposes every tensor of the batch.</summary>
    public void Dispose()
    {
        foreach (var t in _tensors) t.Dispose();
    }
}
