using SslCourse.Autograd;

namespace SslCourse;

/// <summary>
/// An n-dimensional array of float32, int64 or bool values with shape, strides and an offset into a shared
/// <see cref="Storage"/>, so that reshapes, transposes, slices and expands are views without copies.
/// Tensors that take part in a computation with <see cref="requires_grad"/> record it for <see cref="backward"/>.
/// </summary>
[TypeFormatterSource(typeof(TensorFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed partial class Tensor : IDisposable
{
    internal Storage Storage;
    internal readonly int[] Shape;
    internal readonly int[] Strides;
    internal readonly int Offset;
    bool _disposed;

    internal Tensor(Storage storage, int[] shape, int[] strides, int offset, bool registerInScope = true)
    {
        Storage = storage; Shape = shape; Strides = strides; Offset = offset;
        storage.AddRef();
        if (registerInScope) DisposeScope.Register(this);
    }

    /// <summary>The sizes of the dimensions.</summary>
    public long[] shape => Array.ConvertAll(Shape, s => (long)s);

    /// <summary>The sizes of the dimensions.</summary>
    public long[] size() => shape;

    /// <summary>The size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    public long size(int dim) => Shape[NormalizeDim(dim, Shape.Length, "size")];

    /// <summary>The strides of the dimensions, in elements.</summary>
    public long[] stride() => Array.ConvertAll(Strides, s => (long)s);

    /// <summary>The number of dimensions.</summary>
    public int dim() => Shape.Length;

    /// <summary>The number of dimensions.</summary>
    public long ndim => Shape.Length;

    /// <summary>The number of elements.</summary>
    public long numel() => Numel;

    internal int Numel => ShapeUtil.Numel(Shape);

    /// <summary>The element type.</summary>
    public torch.ScalarType dtype => Storage.DType;

    /// <summary>The device the storage lives on.</summary>
    public torch.Device device => Storage.Device;

    internal IBackend Backend => Storage.Device.Backend;

    /// <summary>Whether this tensor's storage has been released by <see cref="Dispose"/>.</summary>
    public bool IsInvalid => _disposed;

    /// <summary>Whether the elements lie in row-major order with no gaps.</summary>
    public bool is_contiguous() => ShapeUtil.IsContiguous(Shape, Strides);

    /// <summary>Releases this tensor's reference to its storage; the storage is freed with its last reference.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Storage.Release();
        GC.SuppressFinalize(this);
    }

    internal void ThrowIfDisposed(string op)
    {
        if (_disposed || Storage.Released)
            throw new ObjectDisposedException(nameof(Tensor),
                $"{op}: this tensor {ShapeUtil.Format(Shape)} was disposed (by a dispose scope or a using block); " +
                "keep it alive with MoveToOuterDisposeScope() or create it outside the scope.");
    }

    internal static int NormalizeDim(int dim, int rank, string op)
    {
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= Math.Max(rank, 1) || (rank == 0 && d != 0))
            throw new ArgumentOutOfRangeException(nameof(dim),
                $"{op}: dimension {dim} is out of range for a tensor with {rank} dimension{(rank == 1 ? "" : "s")} (expected {-Math.Max(rank, 1)}..{Math.Max(rank, 1) - 1}).");
        return d;
    }

    // ---------------------------------------------------------------- autograd state

    bool _requiresGrad;

    /// <summary>Whether gradients flow into this tensor. Set it on leaves (parameters, inputs) only.</summary>
    public bool requires_grad
    {
        get => _requiresGrad;
        set
        {
            if (value && dtype != torch.ScalarType.Float32)
                throw new InvalidOperationException($"requires_grad: only float32 tensors can require gradients, this one is {dtype.Name()}.");
            if (!value && grad_fn is not null)
                throw new InvalidOperationException("requires_grad: cannot turn off gradients of a non-leaf tensor; use detach() instead.");
            _requiresGrad = value;
        }
    }

    /// <summary>Sets <see cref="requires_grad"/> and returns this tensor.</summary>
    public Tensor requires_grad_(bool requires_grad = true) { this.requires_grad = requires_grad; return this; }

    /// <summary>The accumulated gradient after <see cref="backward"/>, or null.</summary>
    public Tensor? grad { get; set; }

    internal Node? grad_fn;

    /// <summary>The name of the operation that produced this tensor, or null for a leaf.</summary>
    public string? grad_fn_name => grad_fn?.Name;

    /// <summary>True for tensors created by the user rather than by a recorded operation.</summary>
    public bool is_leaf => grad_fn is null;

    internal bool RetainsGrad;

    /// <summary>Keeps <see cref="grad"/> for this non-leaf tensor after <see cref="backward"/>.</summary>
    public void retain_grad()
    {
        if (!requires_grad) throw new InvalidOperationException("retain_grad: this tensor does not require grad.");
        RetainsGrad = true;
    }

    /// <summary>
    /// Computes the gradient of this tensor with respect to every leaf that requires grad and adds it into
    /// their <see cref="grad"/>. A scalar needs no <paramref name="gradient"/>; anything else does.
    /// </summary>
    public void backward(Tensor? gradient = null, bool retain_graph = false) => Engine.Backward(this, gradient, retain_graph);

    /// <summary>A tensor sharing this one's storage but cut from the graph.</summary>
    public Tensor detach() => new(Storage, Shape, Strides, Offset);

    /// <summary>Detaches in place: this tensor becomes a leaf that does not require grad.</summary>
    public Tensor detach_() { grad_fn = null; _requiresGrad = false; return this; }

    // ---------------------------------------------------------------- dispose scopes

    /// <summary>Moves this tensor to the enclosing dispose scope (or out of all scopes) so it outlives the current one.</summary>
    public Tensor MoveToOuterDisposeScope() { DisposeScope.MoveToOuter(this); return this; }

    /// <summary>Removes this tensor from every dispose scope; the caller (or the garbage collector) owns it.</summary>
    public Tensor DetachFromDisposeScope() { DisposeScope.Detach(this); return this; }
}
