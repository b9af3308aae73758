using SslCourse.Autograd;

namespace SslCourse;

// In-place updates, for optimizers, initialisation and gradient accumulation. They are not recorded by
// autograd, so a tensor that requires grad may be changed in place only under torch.no_grad().
public sealed partial class Tensor
{
    void CheckInPlace(string op)
    {
        ThrowIfDisposed(op);
        if (requires_grad && GradMode.Enabled)
            throw new InvalidOperationException(
                $"{op}: a tensor that requires grad cannot be changed in place while gradients are recorded; " +
                "do the update inside 'using (torch.no_grad())' (as optimizers do).");
    }

    Tensor InPlace(string op, Func<Tensor> compute)
    {
        CheckInPlace(op);
        using var noGrad = GradMode.Set(false);
        using var scope = torch.NewDisposeScope();
        var value = compute();
        if (!ShapeUtil.SameShape(value.Shape, Shape))
        {
            try { value = value.expand(shape); }
            catch (ArgumentException) { throw new ArgumentException($"{op}: the result's shape {ShapeUtil.Format(value.Shape)} does not broadcast to this tensor's shape {ShapeUtil.Format(Shape)}."); }
        }
        Backend.Copy(value, this);
        return this;
    }

    /// <summary>Copies <paramref name="src"/> (broadcast to this shape) into this tensor.</summary>
    public Tensor copy_(Tensor src) => InPlace("copy_", () => src);
    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public Tensor fill_(double value)
    {
        CheckInPlace("fill_");
        Backend.Fill(this, value);
        return this;
    }
    /// <summary>Sets every element to zero.</summary>
    public Tensor zero_() => fill_(0);
    public Tensor add_(Tensor other, double alpha = 1) => InPlace("add_", () => alpha == 1 ? this + other : this + other * alpha);
    public Tensor add_(double value) => InPlace("add_", () => this + value);
    public Tensor sub_(Tensor other, double alpha = 1) => InPlace("sub_", () => alpha == 1 ? this - other : this - other * alpha);
    public Tensor sub_(double value) => InPlace("sub_", () => this - value);
    public Tensor mul_(Tensor other) => InPlace("mul_", () => this * other);
    public Tensor mul_(double value) => InPlace("mul_", () => this * value);
    public Tensor div_(Tensor other) => InPlace("div_", () => this / other);
    public Tensor div_(double value) => InPlace("div_", () => this / value);
    public Tensor clamp_(double? min = null, double? max = null) => InPlace("clamp_", () => clamp(min, max));
    public Tensor sqrt_() => InPlace("sqrt_", sqrt);
    public Tensor exp_() => InPlace("exp_", exp);
    public Tensor neg_() => InPlace("neg_", neg);
    /// <summary>this += value * t1 * t2.</summary>
    public Tensor addcmul_(Tensor t1, Tensor t2, double value = 1) => InPlace("addcmul_", () => this + t1 * t2 * value);
    /// <summary>this += value * t1 / t2.</summary>
    public Tensor addcdiv_(Tensor t1, Tensor t2, double value = 1) => InPlace("addcdiv_", () => this + t1 / t2 * value);
    /// <summary>this += weight * (end - this).</summary>
    public Tensor lerp_(Tensor end, double weight) => InPlace("lerp_", () => this + (end - this) * weight);
    /// <summary>Fills with values drawn uniformly from [from, to).</summary>
    public Tensor uniform_(double from = 0, double to = 1, torch.Generator? generator = null) =>
        InPlace("uniform_", () => torch.rand(shape, generator, device) * (to - from) + from);
    /// <summary>Fills with normal values of the given mean and standard deviation.</summary>
    public Tensor normal_(double mean = 0, double std = 1, torch.Generator? generator = null) =>
        InPlace("normal_", () => torch.randn(shape, generator, device) * std + mean);
    /// <summary>Fills with 1 with probability p, else 0.</summary>
    public Tensor bernoulli_(double p = 0.5, torch.Generator? generator = null) =>
        InPlace("bernoulli_", () => torch.bernoulli(this, p, generator));
    /// <summary>Sets elements where <paramref name="mask"/> is true to <paramref name="value"/>.</summary>
    public Tensor masked_fill_(Tensor mask, double value) => InPlace("masked_fill_", () => torch.where(mask, torch.full_like(this, value), this));
}
