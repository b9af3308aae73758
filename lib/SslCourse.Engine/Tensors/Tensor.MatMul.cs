using SslCourse.Autograd;

namespace SslCourse;

public sealed partial class Tensor
{
    /// <summary>
    /// Matrix product with PyTorch's rules: 1-D·1-D is a dot product, a 1-D operand is treated as a row
    /// (left) or column (right) vector, and leading batch dimensions broadcast.
    /// </summary>
    public Tensor matmul(Tensor other)
    {
        ThrowIfDisposed("matmul"); other.ThrowIfDisposed("matmul");
        if (dtype != torch.ScalarType.Float32 || other.dtype != torch.ScalarType.Float32)
            throw new ArgumentException($"matmul: both operands must be float32, got {dtype.Name()} and {other.dtype.Name()}.");
        if (Shape.Length == 0 || other.Shape.Length == 0)
            throw new ArgumentException($"matmul: both operands need at least one dimension, got {ShapeUtil.Format(Shape)} @ {ShapeUtil.Format(other.Shape)}.");
        // [..., M, K] @ [K, N] is one matrix product over all rows, which also makes the weight's gradient one
        // product instead of a product per batch entry summed afterwards.
        if (Shape.Length > 2 && other.Shape.Length == 2)
        {
            if (Shape[^1] != other.Shape[0])
                throw new ArgumentException($"matmul: {ShapeUtil.Format(Shape)} @ {ShapeUtil.Format(other.Shape)}: inner sizes {Shape[^1]} and {other.Shape[0]} differ.");
            var rows = reshape(-1, Shape[^1]).matmul(other);
            return rows.reshape(shape[..^1].Append(other.Shape[1]).ToArray());
        }
        var a = Shape.Length == 1 ? unsqueeze(0) : this;
        var b = other.Shape.Length == 1 ? other.unsqueeze(1) : other;
        int k = a.Shape[^1];
        if (b.Shape[^2] != k)
            throw new ArgumentException($"matmul: {ShapeUtil.Format(Shape)} @ {ShapeUtil.Format(other.Shape)}: inner sizes {k} and {b.Shape[^2]} differ.");
        var y = BatchedMatMul(a, b);
        if (Shape.Length == 1) y = y.squeeze(-2);
        if (other.Shape.Length == 1) y = y.squeeze(-1);
        return y;
    }

    /// <summary>a [..., M, K] @ b [..., K, N] with broadcast batch dimensions; both at least 2-D.</summary>
    static Tensor BatchedMatMul(Tensor a, Tensor b)
    {
        int m = a.Shape[^2], k = a.Shape[^1], n = b.Shape[^1];
        var batch = ShapeUtil.Broadcast(a.Shape[..^2], b.Shape[..^2], "matmul");
        int count = ShapeUtil.Numel(batch);
        var outShape = batch.Concat(new[] { m, n }).ToArray();
        var y = Empty(outShape, torch.ScalarType.Float32, a.device);
        using (GradMode.Set(false))
        {
            var lb = batch.Select(x => (long)x).ToArray();
            var a3 = a.expand(lb.Concat(new long[] { m, k }).ToArray()).reshape(count, m, k);
            var b3 = b.expand(lb.Concat(new long[] { k, n }).ToArray()).reshape(count, k, n);
            a.Backend.MatMul(a3, b3, y);
        }
        // The engine sums each gradient over the batch dimensions its operand was broadcast along.
        return Engine.Record("matmul", y, [a, b], [a, b], (g, s) =>
            [a.requires_grad ? g.matmul(s[1].mT) : null, b.requires_grad ? s[0].mT.matmul(g) : null]);
    }

    /// <summary>Matrix product of two 2-D tensors.</summary>
    public Tensor mm(Tensor other)
    {
        if (Shape.Length != 2 || other.Shape.Length != 2)
            throw new ArgumentException($"mm: expects two 2-D tensors, got {ShapeUtil.Format(Shape)} and {ShapeUtil.Format(other.Shape)}.");
        return matmul(other);
    }

    /// <summary>Batched matrix product of two 3-D tensors with equal batch sizes.</summary>
    public Tensor bmm(Tensor other)
    {
        if (Shape.Length != 3 || other.Shape.Length != 3 || Shape[0] != other.Shape[0])
            throw new ArgumentException($"bmm: expects [B,M,K] and [B,K,N] with the same B, got {ShapeUtil.Format(Shape)} and {ShapeUtil.Format(other.Shape)}.");
        return matmul(other);
    }

    /// <summary>Dot product of two 1-D tensors of equal length.</summary>
    public Tensor dot(Tensor other)
    {
        if (Shape.Length != 1 || other.Shape.Length != 1 || Shape[0] != other.Shape[0])
            throw new ArgumentException($"dot: expects two 1-D tensors of the same length, got {ShapeUtil.Format(Shape)} and {ShapeUtil.Format(other.Shape)}.");
        return matmul(other);
    }

    /// <summary>Outer product of two 1-D tensors: result[i, j] = this[i] * other[j].</summary>
    public Tensor outer(Tensor other)
    {
        if (Shape.Length != 1 || other.Shape.Length != 1)
            throw new ArgumentException($"outer: expects two 1-D tensors, got {ShapeUtil.Format(Shape)} and {ShapeUtil.Format(other.Shape)}.");
        return unsqueeze(1) * other.unsqueeze(0);
    }
}
