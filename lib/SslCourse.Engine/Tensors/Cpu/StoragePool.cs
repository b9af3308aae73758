namespace SslCourse.Cpu;

/// <summary>
/// Keeps the buffers of disposed tensors, keyed by exact length, for the next allocation of the same size.
/// A training step allocates the same shapes every time, so in steady state (with dispose scopes) it takes
/// its buffers from here instead of from the garbage collector. The pool holds at most a quarter of the memory the
/// process may use: enough for a step's activations, so that large buffers are not left to the collector each step.
/// </summary>
internal sealed class StoragePool<T>
{
    static readonly long MaxBytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4;
    readonly Dictionary<int, Stack<T[]>> _free = new();
    readonly int _elementSize = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
    long _pooledBytes;

    /// <summary>An array of exactly <paramref name="length"/> elements, zero-filled unless <paramref name="zeroed"/> is false.</summary>
    public T[] Rent(int length, bool zeroed = true)
    {
        T[]? array = null;
        lock (_free)
        {
            if (_free.TryGetValue(length, out var stack) && stack.Count > 0)
            {
                array = stack.Pop();
                _pooledBytes -= (long)length * _elementSize;
            }
        }
        if (array is null) return new T[length];
        if (zeroed) Array.Clear(array);
        return array;
    }

    public void Return(T[] array)
    {
        if (array.Length == 0) return;
        lock (_free)
        {
            if (_pooledBytes + (long)array.Length * _elementSize > MaxBytes) return;  // let the GC have it
            if (!_free.TryGetValue(array.Length, out var stack)) _free[array.Length] = stack = new Stack<T[]>();
            stack.Push(array);
            _pooledBytes += (long)array.Length * _elementSize;
        }
    }

    /// <summary>Bytes currently held for reuse.</summary>
    public long PooledBytes { get { lock (_free) return _pooledBytes; } }
}
