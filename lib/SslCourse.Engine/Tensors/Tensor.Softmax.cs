using SslCourse.Autograd;

namespace SslCourse;

public sealed partial class Tensor
{
    /// <summary>exp(x) / Σ exp(x) along <paramref name="dim"/>, computed without overflow.</summary>
    public Tensor softmax(long dim) => SoftmaxAlong(dim, log: false, "softmax");

    /// <summary>log(softmax(x)) along <paramref name="dim"/>, computed without overflow or log(0).</summary>
    public Tensor log_softmax(long dim) => SoftmaxAlong(dim, log: true, "log_softmax");

    /// <summary>The tensor seen as [outer, n, inner] around dimension <paramref name="d"/>.</summary>
    internal (int outer, int n, int inner) AroundDim(int d)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < d; i++) outer *= Shape[i];
        for (int i = d + 1; i < Shape.Length; i++) inner *= Shape[i];
        return (outer, Shape.Length == 0 ? 1 : Shape[d], inner);
    }

    Tensor SoftmaxAlong(long dim, bool log, string name)
    {
        ThrowIfDisposed(name);
        if (dtype != torch.ScalarType.Float32)
            throw new ArgumentException($"{name}: needs a float32 tensor, got {dtype.Name()}; convert with .to(float32) first.");
        int d = NormalizeDim((int)dim, Shape.Length, name);
        var (outer, n, inner) = AroundDim(d);
        var y = Empty(Shape, dtype, device);
        using (GradMode.Set(false)) Backend.Softmax(contiguous(), outer, n, inner, log, y);
        return Engine.Record(name, y, [this], [y], (g, s) =>
        {
            var dx = Empty(s[0].Shape, torch.ScalarType.Float32, s[0].device);
            Backend.SoftmaxBackward(s[0], g.contiguous(), outer, n, inner, log, dx);
            return [dx];
        });
    }
}

public static partial class torch
{
    /// <summary>Softmax along <paramref name="dim"/>.</summary>
    public static Tensor softmax(Tensor input, long dim) => input.softmax(dim);
    /// <summary>Log-softmax along <paramref name="dim"/>.</summary>
    public static Tensor log_softmax(Tensor input, long dim) => input.log_softmax(dim);
}
