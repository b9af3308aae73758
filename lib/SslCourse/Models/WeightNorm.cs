namespace SslCourse.Models;

/// <summary>
/// A linear or convolution layer whose weight is split into a length and a direction (Salimans and Kingma, 2016):
/// w = g · v / ‖v‖, the norm taken over every dimension but <c>dim</c>. PyTorch's <c>torch.nn.utils.weight_norm</c>
/// makes it, and TorchSharp 0.107 has no counterpart, so the course builds it here from the shared API with PyTorch's
/// parameter names — <c>weight_g</c> (g), <c>weight_v</c> (v) and <c>bias</c> — so that PyTorch checkpoints load
/// (wav2vec 2.0's positional convolution, DINO's last layer).
/// </summary>
public sealed partial class WeightNorm : nn.Module<Tensor, Tensor>
{
    /// <summary>The layer's bias, or null.</summary>
    public readonly Tensor? bias;
    /// <summary>g: the weight's length, one per index of <c>dim</c> (a single number when dim is null).</summary>
    public readonly Tensor weight_g;
    /// <summary>v: the weight's direction, shaped like the weight.</summary>
    public readonly Tensor weight_v;

    readonly long? _dim;
    readonly Func<Tensor, Tensor, Tensor?, Tensor> _layer;   // the layer's op on (input, weight, bias)

    WeightNorm(string name, Tensor weight, Tensor? bias, long? dim, Func<Tensor, Tensor, Tensor?, Tensor> layer) : base($"WeightNorm({name})")
    {
        if (dim is not null && (dim < 0 || dim >= weight.ndim))
            throw new ArgumentException($"weight_norm: dim {dim} is out of range for the {name} weight {weight.ShapeText()}; give 0 to {weight.ndim - 1}, or null (or -1, as PyTorch) for one norm over the whole weight.");
        _dim = dim;
        _layer = layer;
        using (torch.no_grad())
        {
            // The layer's tensors are copied: the new module owns its parameters, and the old layer may be disposed.
            weight_g = nn.Parameter(NormExceptDim(weight, dim));
            weight_v = nn.Parameter(weight.detach().clone());
            if (bias is not null) this.bias = nn.Parameter(bias.detach().clone());
        }
        RegisterComponents();
    }

    /// <summary>The weight the layer uses, g · v / ‖v‖, computed from the current parameters.</summary>
    public Tensor weight => weight_v * (weight_g / NormExceptDim(weight_v, _dim));

    /// <summary>The layer's output with the weight <see cref="weight"/>.</summary>
    public override Tensor forward(Tensor input) => _layer(input, weight, bias);

    /// <summary>
    /// <paramref name="module"/> with its weight [out, in] split into g and v: dim 0 (the default) gives each output its
    /// own length. Assign the result in place of the layer, as in PyTorch's <c>layer = weight_norm(layer)</c>.
    /// </summary>
    public static WeightNorm weight_norm(Linear module, string name = "weight", long? dim = 0)
    {
        CheckName(name);
        return new WeightNorm(nameof(Linear), module.weight, module.bias, NoneIfMinusOne(dim), (x, w, b) => F.linear(x, w, b));
    }

    /// <summary>
    /// <paramref name="module"/> with its weight [out, in/groups, k] split into g and v, keeping its stride, padding,
    /// dilation and groups: dim 0 gives each output channel its own length; wav2vec 2.0's positional convolution uses
    /// dim 2, one length per kernel tap.
    /// </summary>
    public static WeightNorm weight_norm(Conv1d module, string name = "weight", long? dim = 0)
    {
        CheckName(name);
        long stride = module.stride[0], dilation = module.dilation[0], groups = module.groups;
        long padding = (module.padding ?? throw new ArgumentException("weight_norm: the convolution's padding is given as a mode (Same/Valid); build it with a number instead."))[0];
        var mode = PaddingModeOf(module);
        Func<Tensor, Tensor, Tensor?, Tensor> layer = mode is PaddingModes.Zeros or PaddingModes.Constant
            ? (x, w, b) => F.conv1d(x, w, b, stride: stride, padding: padding, dilation: dilation, groups: groups)
            : (x, w, b) => F.conv1d(F.pad(x, [padding, padding], mode), w, b, stride: stride, padding: 0, dilation: dilation, groups: groups);
        return new WeightNorm(nameof(Conv1d), module.weight, module.bias, NoneIfMinusOne(dim), layer);
    }

    static void CheckName(string name)
    {
        if (name != "weight")
            throw new ArgumentException($"weight_norm: only the layer's \"weight\" can be split into a length and a direction here, not \"{name}\".");
    }

    // PyTorch's weight_norm reads dim -1 as "no dim": one norm over the whole weight.
    static long? NoneIfMinusOne(long? dim) => dim == -1 ? null : dim;

    /// <summary>‖v‖ over every dimension but <paramref name="dim"/> (kept, with size 1, so it broadcasts), or over all when null.</summary>
    static Tensor NormExceptDim(Tensor v, long? dim)
    {
        if (dim is null) return (v * v).sum().sqrt();
        var others = Enumerable.Range(0, (int)v.ndim).Where(d => d != dim).Select(d => (long)d).ToArray();
        return (v * v).sum(others, keepdim: true).sqrt();
    }
}
