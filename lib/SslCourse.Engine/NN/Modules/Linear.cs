using static SslCourse.torch;

namespace SslCourse.Modules;

/// <summary>y = x·Wᵀ + b, with W [out, in] and b [out] initialised like PyTorch's (U(−1/√in, 1/√in)).</summary>
public sealed class Linear : nn.Module<Tensor, Tensor>
{
    public readonly Tensor weight;
    public readonly Tensor? bias;

    public Linear(long in_features, long out_features, bool hasBias = true, Generator? generator = null) : base(nameof(Linear))
    {
        if (in_features <= 0 || out_features <= 0) throw new ArgumentException($"Linear: sizes must be positive, got {in_features} → {out_features}.");
        weight = nn.init.kaiming_uniform_(empty([out_features, in_features]), Math.Sqrt(5), generator: generator).requires_grad_();
        if (hasBias) bias = nn.init.uniform_(empty([out_features]), -1 / Math.Sqrt(in_features), 1 / Math.Sqrt(in_features), generator).requires_grad_();
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => nn.functional.linear(input, weight, bias);

    public override string ToString() => $"Linear(in_features={weight.shape[1]}, out_features={weight.shape[0]}, bias={bias is not null})";
}
