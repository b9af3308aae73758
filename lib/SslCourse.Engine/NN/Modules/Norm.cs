using static SslCourse.torch;

namespace SslCourse.Modules;

/// <summary>Batch normalisation over channels, with running statistics for evaluation.</summary>
public class BatchNorm : nn.Module<Tensor, Tensor>
{
    public readonly Tensor? weight, bias;
    public readonly Tensor running_mean, running_var, num_batches_tracked;
    readonly double _eps, _momentum;
    readonly int _inputDims;

    protected BatchNorm(string name, long num_features, int inputDims, double eps, double momentum, bool affine) : base(name)
    {
        if (affine) { weight = ones(num_features).requires_grad_(); bias = zeros(num_features).requires_grad_(); }
        running_mean = zeros(num_features);
        running_var = ones(num_features);
        num_batches_tracked = zeros([1], ScalarType.Int64).squeeze();
        (_eps, _momentum, _inputDims) = (eps, momentum, inputDims);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        if (input.dim() != _inputDims && !(_inputDims == 3 && input.dim() == 2))
            throw new ArgumentException($"{GetName()}: expected a {(_inputDims == 4 ? "[N, C, H, W]" : "[N, C] or [N, C, L]")} input, got {ShapeUtil.Format(input.Shape)}.");
        if (training) using (no_grad()) num_batches_tracked.add_(1);
        return nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, _momentum, _eps);
    }
}

/// <summary>Batch normalisation of [N, C] or [N, C, L].</summary>
public sealed class BatchNorm1d(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = true)
    : BatchNorm(nameof(BatchNorm1d), num_features, 3, eps, momentum, affine);

/// <summary>Batch normalisation of [N, C, H, W].</summary>
public sealed class BatchNorm2d(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = true)
    : BatchNorm(nameof(BatchNorm2d), num_features, 4, eps, momentum, affine);

/// <summary>Normalises over the trailing normalized_shape dims with a learned elementwise scale and shift.</summary>
public sealed class LayerNorm : nn.Module<Tensor, Tensor>
{
    public readonly Tensor? weight, bias;
    readonly long[] _shape;
    readonly double _eps;

    public LayerNorm(long[] normalized_shape, double eps = 1e-5, bool elementwise_affine = true) : base(nameof(LayerNorm))
    {
        (_shape, _eps) = (normalized_shape, eps);
        if (elementwise_affine) { weight = ones(normalized_shape).requires_grad_(); bias = zeros(normalized_shape).requires_grad_(); }
        RegisterComponents();
    }

    public LayerNorm(long normalized_shape, double eps = 1e-5, bool elementwise_affine = true) : this([normalized_shape], eps, elementwise_affine) { }

    public override Tensor forward(Tensor input) => nn.functional.layer_norm(input, _shape, weight, bias, _eps);
}

/// <summary>Group normalisation of [N, C, ...] with a learned per-channel scale and shift.</summary>
public sealed class GroupNorm : nn.Module<Tensor, Tensor>
{
    public readonly Tensor? weight, bias;
    readonly long _groups;
    readonly double _eps;

    public GroupNorm(long num_groups, long num_channels, double eps = 1e-5, bool affine = true) : base(nameof(GroupNorm))
    {
        if (num_groups <= 0 || num_channels % num_groups != 0) throw new ArgumentException($"GroupNorm: {num_groups} groups must divide {num_channels} channels.");
        (_groups, _eps) = (num_groups, eps);
        if (affine) { weight = ones(num_channels).requires_grad_(); bias = zeros(num_channels).requires_grad_(); }
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => nn.functional.group_norm(input, _groups, weight, bias, _eps);
}
