using SslCourse.Autograd;

namespace SslCourse;

public sealed partial class Tensor
{
    /// <summary>A view sharing storage, with backward given by <paramref name="backward"/>.</summary>
    Tensor View(string op, int[] shape, int[] strides, int offset, Func<Tensor, Tensor> backward)
    {
        ThrowIfDisposed(op);
        var v = new Tensor(Storage, shape, strides, offset);
        return Engine.Record(op, v, [this], [], (g, _) => [backward(g)]);
    }

    /// <summary>The same elements with a new shape, sharing storage; one size may be -1 to be inferred.</summary>
    public Tensor view(params long[] shape)
    {
        var target = InferShape(shape, "view");
        var strides = ViewStrides(target) ?? throw new InvalidOperationException(
            $"view: a tensor of shape {ShapeUtil.Format(Shape)} with strides {ShapeUtil.Format(Strides)} cannot be viewed as {ShapeUtil.Format(target)} " +
            "without copying; use reshape(), or call contiguous() first.");
        var input = Shape;
        return View("view", target, strides, Offset, g => g.reshape(Array.ConvertAll(input, x => (long)x)));
    }

    /// <summary>The same elements with a new shape: a view when the strides allow it, else a copy.</summary>
    public Tensor reshape(params long[] shape)
    {
        var target = InferShape(shape, "reshape");
        return ViewStrides(target) is null ? contiguous().view(shape) : view(shape);
    }

    /// <summary>Flattens dimensions start_dim … end_dim into one.</summary>
    public Tensor flatten(long start_dim = 0, long end_dim = -1)
    {
        if (Shape.Length == 0) return reshape(1);
        int s = NormalizeDim((int)start_dim, Shape.Length, "flatten"), e = NormalizeDim((int)end_dim, Shape.Length, "flatten");
        var shape = new List<long>();
        for (int d = 0; d < s; d++) shape.Add(Shape[d]);
        long n = 1;
        for (int d = s; d <= e; d++) n *= Shape[d];
        shape.Add(n);
        for (int d = e + 1; d < Shape.Length; d++) shape.Add(Shape[d]);
        return reshape(shape.ToArray());
    }

    /// <summary>Splits dimension <paramref name="dim"/> into <paramref name="sizes"/>.</summary>
    public Tensor unflatten(long dim, params long[] sizes)
    {
        int d = NormalizeDim((int)dim, Shape.Length, "unflatten");
        var shape = ShapeList();
        shape.RemoveAt(d);
        shape.InsertRange(d, sizes);
        return reshape(shape.ToArray());
    }

    List<long> ShapeList() => Shape.Select(x => (long)x).ToList();

    int[] InferShape(long[] shape, string op)
    {
        int infer = -1; long known = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == -1)
            {
                if (infer >= 0) throw new ArgumentException($"{op}: only one dimension can be -1, got {ShapeUtil.Format(shape)}.");
                infer = i;
            }
            else if (shape[i] < 0) throw new ArgumentException($"{op}: invalid size {shape[i]} in {ShapeUtil.Format(shape)}.");
            else known *= shape[i];
        }
        var result = new int[shape.Length];
        for (int i = 0; i < shape.Length; i++) result[i] = (int)shape[i];
        if (infer >= 0)
        {
            if (known == 0 || Numel % known != 0)
                throw new ArgumentException($"{op}: shape {ShapeUtil.Format(shape)} is invalid for a tensor of {Numel} elements {ShapeUtil.Format(Shape)}.");
            result[infer] = (int)(Numel / known);
        }
        else if (known != Numel)
            throw new ArgumentException($"{op}: shape {ShapeUtil.Format(shape)} ({known} elements) is invalid for a tensor of shape {ShapeUtil.Format(Shape)} ({Numel} elements).");
        return result;
    }

    /// <summary>Strides that show this tensor's elements in <paramref name="target"/>'s shape, or null if none exist.</summary>
    int[]? ViewStrides(int[] target)
    {
        if (is_contiguous() || Numel == 0) return ShapeUtil.ContiguousStrides(target);
        // Walk the old dimensions from the innermost, grouping runs that are laid out contiguously with each
        // other ("chunks"); each chunk must be covered exactly by a run of new dimensions, which then get
        // strides inside that chunk.
        var result = new int[target.Length];
        int newD = target.Length - 1;
        long chunkStride = Strides[^1], chunkNumel = 1, viewNumel = 1;
        for (int oldD = Shape.Length - 1; oldD >= 0; oldD--)
        {
            chunkNumel *= Shape[oldD];
            bool chunkEnds = oldD == 0 || (Shape[oldD - 1] != 1 && Strides[oldD - 1] != chunkNumel * chunkStride);
            if (!chunkEnds) continue;
            while (newD >= 0 && (viewNumel < chunkNumel || target[newD] == 1))
            {
                result[newD] = (int)(viewNumel * chunkStride);
                viewNumel *= target[newD];
                newD--;
            }
            if (viewNumel != chunkNumel) return null;
            if (oldD > 0) { chunkStride = Strides[oldD - 1]; chunkNumel = 1; viewNumel = 1; }
        }
        return newD == -1 ? result : null;
    }

    /// <summary>Reorders the dimensions (a view).</summary>
    public Tensor permute(params long[] dims)
    {
        if (dims.Length != Shape.Length)
            throw new ArgumentException($"permute: got {dims.Length} dimensions {ShapeUtil.Format(dims)} for a tensor of shape {ShapeUtil.Format(Shape)}.");
        var perm = new int[dims.Length];
        var seen = new bool[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            perm[i] = NormalizeDim((int)dims[i], Shape.Length, "permute");
            if (seen[perm[i]]) throw new ArgumentException($"permute: dimension {dims[i]} appears twice in {ShapeUtil.Format(dims)}.");
            seen[perm[i]] = true;
        }
        var inverse = new long[perm.Length];
        for (int i = 0; i < perm.Length; i++) inverse[perm[i]] = i;
        return View("permute", perm.Select(p => Shape[p]).ToArray(), perm.Select(p => Strides[p]).ToArray(), Offset, g => g.permute(inverse));
    }

    /// <summary>Swaps two dimensions (a view).</summary>
    public Tensor transpose(long dim0, long dim1)
    {
        int a = NormalizeDim((int)dim0, Shape.Length, "transpose"), b = NormalizeDim((int)dim1, Shape.Length, "transpose");
        var perm = Enumerable.Range(0, Shape.Length).Select(i => (long)i).ToArray();
        (perm[a], perm[b]) = (perm[b], perm[a]);
        return permute(perm);
    }

    /// <summary>Transposes a matrix (a 1-D or 0-D tensor is returned as is).</summary>
    public Tensor t()
    {
        if (Shape.Length > 2) throw new ArgumentException($"t: expects a tensor with at most 2 dimensions, got {ShapeUtil.Format(Shape)}; use transpose(dim0, dim1) or mT.");
        return Shape.Length < 2 ? this : transpose(0, 1);
    }

    /// <summary>The matrix transpose of the last two dimensions.</summary>
    public Tensor mT => transpose(-2, -1);

    /// <summary>Removes every dimension of size 1.</summary>
    public Tensor squeeze() => reshape(Shape.Where(s => s != 1).Select(s => (long)s).ToArray());

    /// <summary>Removes dimension <paramref name="dim"/> if its size is 1.</summary>
    public Tensor squeeze(long dim)
    {
        if (Shape.Length == 0) return this;
        int d = NormalizeDim((int)dim, Shape.Length, "squeeze");
        if (Shape[d] != 1) return this;
        var shape = ShapeList(); shape.RemoveAt(d);
        return view(shape.ToArray());
    }

    /// <summary>Inserts a dimension of size 1 at <paramref name="dim"/>.</summary>
    public Tensor unsqueeze(long dim)
    {
        int d = NormalizeDim((int)dim, Shape.Length + 1, "unsqueeze");
        var shape = Shape.ToList(); shape.Insert(d, 1);
        var strides = Strides.ToList(); strides.Insert(d, d < Strides.Length ? Strides[d] * Shape[d] : 1);
        var input = Shape;
        return View("unsqueeze", shape.ToArray(), strides.ToArray(), Offset, g => g.reshape(Array.ConvertAll(input, x => (long)x)));
    }

    /// <summary>Broadcasts size-1 dimensions to larger sizes without copying (-1 keeps a size).</summary>
    public Tensor expand(params long[] sizes)
    {
        if (sizes.Length < Shape.Length)
            throw new ArgumentException($"expand: the target {ShapeUtil.Format(sizes)} has fewer dimensions than the tensor {ShapeUtil.Format(Shape)}.");
        int lead = sizes.Length - Shape.Length;
        var shape = new int[sizes.Length];
        var strides = new int[sizes.Length];
        for (int i = 0; i < sizes.Length; i++)
        {
            int own = i < lead ? 1 : Shape[i - lead];
            int target = sizes[i] == -1 ? own : (int)sizes[i];
            if (i < lead && sizes[i] == -1) throw new ArgumentException($"expand: -1 is not allowed for a new leading dimension in {ShapeUtil.Format(sizes)}.");
            if (own != target && own != 1)
                throw new ArgumentException($"expand: size {own} of dimension {i - lead} in {ShapeUtil.Format(Shape)} cannot expand to {target}; only size-1 dimensions expand.");
            shape[i] = target;
            strides[i] = i < lead || own != target ? 0 : Strides[i - lead];
        }
        return View("expand", shape, strides, Offset, g => g);  // the engine sums g back to this shape
    }

    /// <summary>Expands to the shape of <paramref name="other"/>.</summary>
    public Tensor expand_as(Tensor other) => expand(other.shape);

    /// <summary>Elements start, start+step, … below end of dimension <paramref name="dim"/> (a view).</summary>
    public Tensor slice(long dim, long start, long end, long step = 1)
    {
        int d = NormalizeDim((int)dim, Shape.Length, "slice");
        if (step <= 0) throw new ArgumentException($"slice: step must be positive, got {step}.");
        int size = Shape[d];
        long s = start < 0 ? Math.Max(start + size, 0) : Math.Min(start, size);
        long e = end < 0 ? Math.Max(end + size, 0) : Math.Min(end, size);
        int n = (int)Math.Max(0, (e - s + step - 1) / step);
        var shape = (int[])Shape.Clone(); shape[d] = n;
        var strides = (int[])Strides.Clone(); strides[d] = Strides[d] * (int)step;
        var input = this.shape;
        return View("slice", shape, strides, Offset + (int)s * Strides[d], g =>
        {
            var z = torch.zeros(input, dtype: g.dtype, device: g.device);
            z.slice(d, s, e, step).copy_(g);
            return z;
        });
    }

    /// <summary>length elements of dimension <paramref name="dim"/> from start (a view).</summary>
    public Tensor narrow(long dim, long start, long length)
    {
        int d = NormalizeDim((int)dim, Shape.Length, "narrow");
        if (start < 0) start += Shape[d];
        if (start < 0 || length < 0 || start + length > Shape[d])
            throw new ArgumentOutOfRangeException(nameof(start), $"narrow: start {start} and length {length} do not fit dimension {dim} of size {Shape[d]}.");
        return slice(d, start, start + length);
    }

    /// <summary>The slice at <paramref name="index"/> of dimension <paramref name="dim"/>, which is removed (a view).</summary>
    public Tensor select(long dim, long index)
    {
        int d = NormalizeDim((int)dim, Shape.Length, "select");
        long i = index < 0 ? index + Shape[d] : index;
        if (i < 0 || i >= Shape[d])
            throw new IndexOutOfRangeException($"select: index {index} is out of range for dimension {dim} of size {Shape[d]} in {ShapeUtil.Format(Shape)}.");
        return slice(d, i, i + 1).squeeze(d);
    }

    /// <summary>This tensor if its elements are contiguous, else a contiguous copy.</summary>
    public Tensor contiguous() => is_contiguous() ? this : clone();

    /// <summary>A copy with its own storage, recorded for autograd.</summary>
    public Tensor clone()
    {
        ThrowIfDisposed("clone");
        var r = Uninitialized(Shape, dtype, device);
        Backend.Copy(this, r);
        return Engine.Record("clone", r, [this], [], (g, _) => [g]);
    }

    /// <summary>Converts to another element type (a copy unless the type is already right).</summary>
    public Tensor to(torch.ScalarType type)
    {
        if (type == dtype) return this;
        ThrowIfDisposed("to");
        var r = Uninitialized(Shape, type, device);
        Backend.Copy(this, r);
        return type == torch.ScalarType.Float32 ? Engine.Record("to", r, [this], [], (g, _) => [g]) : r;
    }

    /// <summary>
    /// Moves this tensor's storage (and its gradient's) to <paramref name="device"/> in place, keeping the object, as
    /// TorchSharp does when a module moves: optimizers and fields that hold a parameter keep holding it.
    /// </summary>
    internal void MoveTo(torch.Device device)
    {
        if (device == this.device) return;
        ThrowIfDisposed("to");
        var moved = device.Backend.Allocate(device, dtype, Storage.Length, zeroed: false);
        Array.Copy((Array?)Storage.F ?? (Array?)Storage.L ?? Storage.B!, (Array?)moved.F ?? (Array?)moved.L ?? moved.B!, Storage.Length);
        moved.AddRef();
        Storage.Release();
        Storage = moved;
        grad?.MoveTo(device);
    }

    /// <summary>This tensor on <paramref name="device"/>: itself when it is there already, else a copy (differentiable).</summary>
    public Tensor to(torch.Device device)
    {
        if (device == this.device) return this;
        ThrowIfDisposed("to");
        var source = this.device;
        var r = Uninitialized(Shape, dtype, device);
        Backend.Copy(this, r);
        return Engine.Record("to", r, [this], [], (g, _) => [g.to(source)], movesDevice: true);
    }

    /// <summary>As float32.</summary>
    public Tensor @float() => to(torch.ScalarType.Float32);
    /// <summary>As int64.</summary>
    public Tensor @long() => to(torch.ScalarType.Int64);
    /// <summary>As bool.</summary>
    public Tensor @bool() => to(torch.ScalarType.Bool);
    /// <summary>This tensor on the CPU: itself when it is there, else a copy.</summary>
    public Tensor cpu() => to(torch.CPU);
}
