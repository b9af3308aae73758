namespace SslCourse;

/// <summary>
/// The flat buffer behind one or more tensors. Views share a storage and count references to it, so the
/// buffer goes back to the backend when the last tensor using it is disposed; a tensor that is never
/// disposed simply leaves its buffer to the garbage collector.
/// </summary>
internal sealed class Storage
{
    public float[]? F;
    public long[]? L;
    public bool[]? B;
    public readonly torch.ScalarType DType;
    public readonly int Length;
    public readonly torch.Device Device;
    int _refs;

    public Storage(torch.Device device, torch.ScalarType dtype, int length, Array buffer)
    {
        Device = device; DType = dtype; Length = length;
        switch (buffer)
        {
            case float[] f: F = f; break;
            case long[] l: L = l; break;
            case bool[] b: B = b; break;
            default: throw new ArgumentException("Storage: unsupported buffer type " + buffer.GetType());
        }
    }

    public bool Released => F is null && L is null && B is null;

    public void AddRef() => Interlocked.Increment(ref _refs);

    public void Release()
    {
        if (Interlocked.Decrement(ref _refs) != 0) return;
        Device.Backend.Free(this);
        F = null; L = null; B = null;
    }
}
