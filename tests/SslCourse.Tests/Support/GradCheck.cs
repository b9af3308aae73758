namespace SslCourse.Tests;

/// <summary>
/// Numerical gradient check: for L = sum(f(inputs) * w) with a fixed random w, each analytic gradient from
/// backward() must match central differences (L(x+h) - L(x-h)) / 2h, perturbing one element at a time.
/// </summary>
public static class GradCheck
{
    /// <summary>Checks f at random inputs of the given shapes (values in [-1, 1) shifted by <paramref name="shift"/>).</summary>
    public static void Check(Func<Tensor[], Tensor> f, long[][] shapes, double shift = 0, bool nonContiguous = false, double h = 1e-2, double tol = 2e-2, int seed = 1)
    {
        var g = new Generator(seed);
        var inputs = shapes.Select(s =>
        {
            // A non-contiguous input is the transpose of a leaf laid out with its dimensions reversed.
            var stored = nonContiguous && s.Length >= 2 ? s.Reverse().ToArray() : s;
            return (rand(stored, g) * 2 - 1 + shift).requires_grad_();
        }).ToArray();
        Func<Tensor[], Tensor> wrapped = nonContiguous
            ? xs => f(xs.Select(x => x.dim() >= 2 ? x.permute(Enumerable.Range(0, x.dim()).Reverse().Select(d => (long)d).ToArray()) : x).ToArray())
            : f;
        CheckAt(wrapped, inputs, h, tol, seed);
    }

    /// <summary>Checks f with contiguous inputs and again with transposed (non-contiguous) ones.</summary>
    public static void CheckBothLayouts(Func<Tensor[], Tensor> f, long[][] shapes, double shift = 0, double h = 1e-2)
    {
        Check(f, shapes, shift, h: h);
        Check(f, shapes, shift, nonContiguous: true, h: h);
    }

    /// <summary>Checks f at the given leaf inputs, which must require grad.</summary>
    public static void CheckAt(Func<Tensor[], Tensor> f, Tensor[] inputs, double h = 1e-2, double tol = 2e-2, int seed = 1)
    {
        var output = f(inputs);
        var w = randn(output.shape, new Generator(seed + 100));
        (output * w).sum().backward();
        double Loss()
        {
            using var _ = no_grad();
            var y = f(inputs);
            return (y.to(float32) * w).sum().ToDouble();
        }
        for (int k = 0; k < inputs.Length; k++)
        {
            var x = inputs[k];
            if (!x.requires_grad) continue;
            Xunit.Assert.True(x.grad is not null, $"input {k} got no gradient from backward()");
            var analytic = x.grad!.data<float>();
            var flat = x.Storage.F!;
            Xunit.Assert.True(x.is_contiguous(), "gradcheck leaves must be contiguous");
            for (int i = 0; i < analytic.Length; i++)
            {
                int at = x.Offset + i;
                float saved = flat[at];
                flat[at] = (float)(saved + h); double up = Loss();
                flat[at] = (float)(saved - h); double down = Loss();
                flat[at] = saved;
                double numeric = (up - down) / (2 * h);
                Xunit.Assert.True(Math.Abs(numeric - analytic[i]) <= tol * (1 + Math.Abs(numeric)),
                    $"input {k} element {i}: backward gives {analytic[i]:G6}, central differences give {numeric:G6}");
            }
        }
    }
}
