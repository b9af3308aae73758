namespace SslCourse;

public static partial class torch
{
    // Our random functions keep their generator parameter second (TorchSharp's is last) and take device after it,
    // before requires_grad as in TorchSharp. Every device draws from the same generators, so a run draws the same numbers
    // wherever its tensors live.
    static Tensor RandomFloats(long[] size, Generator? generator, Device? device, bool requires_grad, Func<Generator, double> draw, string op)
    {
        var g = generator ?? default_generator;
        var t = zeros(size, ScalarType.Float32, device, false);
        var f = t.Storage.F!;
        for (int i = 0; i < f.Length; i++) f[i] = (float)draw(g);
        return t.requires_grad_(requires_grad);
    }

    /// <summary>Uniform values in [0, 1).</summary>
    public static Tensor rand(long[] size, Generator? generator = null, Device? device = null, bool requires_grad = false) => RandomFloats(size, generator, device, requires_grad, g => g.NextDouble(), "rand");
    /// <summary>Uniform values in [0, 1).</summary>
    public static Tensor rand(params long[] size) => rand(size, null);
    /// <summary>Standard normal values.</summary>
    public static Tensor randn(long[] size, Generator? generator = null, Device? device = null, bool requires_grad = false) => RandomFloats(size, generator, device, requires_grad, g => g.NextNormal(), "randn");
    /// <summary>Standard normal values.</summary>
    public static Tensor randn(params long[] size) => randn(size, null);
    /// <summary>Normal values with the given mean and standard deviation.</summary>
    public static Tensor normal(double mean, double std, long[] size, Generator? generator = null, Device? device = null) => RandomFloats(size, generator, device, false, g => mean + std * g.NextNormal(), "normal");

    /// <summary>Uniform integers in [low, high) (int64).</summary>
    public static Tensor randint(long low, long high, long[] size, Generator? generator = null, Device? device = null)
    {
        if (high <= low) throw new ArgumentException($"randint: high ({high}) must be greater than low ({low}).");
        var g = generator ?? default_generator;
        var t = zeros(size, ScalarType.Int64, device);
        var l = t.Storage.L!;
        for (int i = 0; i < l.Length; i++) l[i] = low + g.NextLong(high - low);
        return t;
    }
    /// <summary>Uniform integers in [0, high) (int64).</summary>
    public static Tensor randint(long high, long[] size, Generator? generator = null, Device? device = null) => randint(0, high, size, generator, device);

    /// <summary>A random permutation of 0 … n-1 (int64), by Fisher–Yates.</summary>
    public static Tensor randperm(long n, Generator? generator = null, Device? device = null)
    {
        var g = generator ?? default_generator;
        var t = arange(n, device: device);
        var l = t.Storage.L!;
        for (int i = l.Length - 1; i > 0; i--)
        {
            int j = (int)g.NextLong(i + 1);
            (l[i], l[j]) = (l[j], l[i]);
        }
        return t;
    }

    /// <summary>1 with probability p (elementwise from <paramref name="p"/>), else 0, as float32 on p's device.</summary>
    public static Tensor bernoulli(Tensor p, Generator? generator = null)
    {
        var g = generator ?? default_generator;
        var probs = p.to(ScalarType.Float32).contiguous().data<float>();
        var t = zeros(p.shape, device: p.device);
        var f = t.Storage.F!;
        for (int i = 0; i < f.Length; i++)
        {
            if (!(probs[i] >= 0 && probs[i] <= 1)) throw new ArgumentException($"bernoulli: probability {probs[i]} at index {i} is outside [0, 1].");
            f[i] = g.NextDouble() < probs[i] ? 1f : 0f;
        }
        return t;
    }
    /// <summary>1 with probability p, else 0, shaped like <paramref name="like"/>.</summary>
    public static Tensor bernoulli(Tensor like, double p, Generator? generator = null) => bernoulli(full_like(like, p, ScalarType.Float32), generator);

    /// <summary>
    /// Draws <paramref name="num_samples"/> category indices per row of non-negative weights (1-D or 2-D),
    /// with or without replacement (int64, on the weights' device).
    /// </summary>
    public static Tensor multinomial(Tensor input, long num_samples, bool replacement = false, Generator? generator = null)
    {
        if (input.dim() is not (1 or 2)) throw new ArgumentException($"multinomial: expected a 1-D or 2-D tensor of weights, got shape {ShapeUtil.Format(input.Shape)}.");
        var g = generator ?? default_generator;
        var w2 = input.dim() == 1 ? input.unsqueeze(0) : input;
        int rows = w2.Shape[0], k = w2.Shape[1];
        if (!replacement && num_samples > k) throw new ArgumentException($"multinomial: cannot draw {num_samples} samples without replacement from {k} categories.");
        var w = w2.to(ScalarType.Float32).contiguous().data<float>();
        var result = zeros([rows, num_samples], ScalarType.Int64, input.device);
        var r = result.Storage.L!;
        var row = new double[k];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < k; j++)
            {
                row[j] = w[i * k + j];
                if (!(row[j] >= 0) || double.IsInfinity(row[j])) throw new ArgumentException($"multinomial: weight {row[j]} in row {i} is not a finite non-negative number.");
            }
            for (int s = 0; s < num_samples; s++)
            {
                double total = row.Sum();
                if (total <= 0) throw new ArgumentException($"multinomial: row {i} has no positive weight left to draw from.");
                double u = g.NextDouble() * total, acc = 0;
                int pick = k - 1;
                for (int j = 0; j < k; j++) { acc += row[j]; if (u < acc) { pick = j; break; } }
                while (row[pick] == 0) pick--;  // guards against rounding at the top end
                r[i * num_samples + s] = pick;
                if (!replacement) row[pick] = 0;
            }
        }
        return input.dim() == 1 ? result.squeeze(0) : result;
    }
}
