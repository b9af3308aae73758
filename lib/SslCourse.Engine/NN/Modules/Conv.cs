using static SslCourse.torch;

namespace SslCourse.Modules;

/// <summary>Shared parameters of the convolution layers: weight [out, in/groups, k...] and bias [out], PyTorch's init.</summary>
public abstract class ConvBase : nn.Module<Tensor, Tensor>
{
    public readonly Tensor weight;
    public readonly Tensor? bias;

    protected ConvBase(string name, long[] weightShape, long outChannels, bool hasBias, Generator? generator) : base(name)
    {
        weight = nn.init.kaiming_uniform_(empty(weightShape), Math.Sqrt(5), generator: generator).requires_grad_();
        long fanIn = nn.init.calculate_fan_in_and_fan_out(weight).fanIn;
        if (hasBias) bias = nn.init.uniform_(empty([outChannels]), -1 / Math.Sqrt(fanIn), 1 / Math.Sqrt(fanIn), generator).requires_grad_();
        RegisterComponents();
    }

    protected static void CheckGroups(string name, long inChannels, long outChannels, long groups)
    {
        if (inChannels <= 0 || outChannels <= 0 || groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"{name}: {groups} group(s) must divide both {inChannels} input and {outChannels} output channels.");
    }
}

/// <summary>1-D convolution over [N, C, L].</summary>
public sealed class Conv1d : ConvBase
{
    public Conv1d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true, Generator? generator = null)
        : base(nameof(Conv1d), Check(in_channels, out_channels, groups, kernel_size), out_channels, bias, generator)
    {
        (this.stride, this.padding, this.dilation, this.groups) = ([stride], [padding], [dilation], groups);
    }

    // TorchSharp's names and types, so that course code can rebuild a convolution from one (as weight_norm does).
    /// <summary>The step between windows, as a one-element array.</summary>
    public long[] stride { get; }
    /// <summary>The zeros added at each end, as a one-element array.</summary>
    public long[] padding { get; }
    /// <summary>The spacing of the kernel's taps, as a one-element array.</summary>
    public long[] dilation { get; }
    /// <summary>The number of channel groups.</summary>
    public long groups { get; }

    static long[] Check(long inC, long outC, long groups, long k) { CheckGroups(nameof(Conv1d), inC, outC, groups); return [outC, inC / groups, k]; }

    public override Tensor forward(Tensor input) => nn.functional.conv1d(input, weight, bias, stride[0], padding[0], dilation[0], groups);
}

/// <summary>2-D convolution over [N, C, H, W].</summary>
public sealed class Conv2d : ConvBase
{
    readonly long[] _stride, _padding, _dilation;
    readonly long _groups;

    public Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true, Generator? generator = null)
        : this(in_channels, out_channels, [kernel_size, kernel_size], [stride], [padding], [dilation], groups, bias, generator) { }

    public Conv2d(long in_channels, long out_channels, long[] kernel_size, long[] stride, long[] padding, long[] dilation, long groups = 1, bool bias = true, Generator? generator = null)
        : base(nameof(Conv2d), Check(in_channels, out_channels, groups, kernel_size), out_channels, bias, generator)
    {
        (_stride, _padding, _dilation, _groups) = (stride, padding, dilation, groups);
    }

    static long[] Check(long inC, long outC, long groups, long[] k) { CheckGroups(nameof(Conv2d), inC, outC, groups); return [outC, inC / groups, k[0], k[^1]]; }

    public override Tensor forward(Tensor input) => nn.functional.conv2d(input, weight, bias, _stride, _padding, _dilation, _groups);
}

/// <summary>Transposed 2-D convolution (learned upsampling) over [N, C, H, W]; weight [in, out/groups, kh, kw].</summary>
public sealed class ConvTranspose2d : ConvBase
{
    readonly long[] _stride, _padding, _outputPadding, _dilation;
    readonly long _groups;

    public ConvTranspose2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long output_padding = 0, long groups = 1, bool bias = true, long dilation = 1, Generator? generator = null)
        : base(nameof(ConvTranspose2d), Check(in_channels, out_channels, groups, kernel_size), out_channels, bias, generator)
    {
        (_stride, _padding, _outputPadding, _dilation, _groups) = ([stride], [padding], [output_padding], [dilation], groups);
    }

    static long[] Check(long inC, long outC, long groups, long k) { CheckGroups(nameof(ConvTranspose2d), inC, outC, groups); return [inC, outC / groups, k, k]; }

    public override Tensor forward(Tensor input) => nn.functional.conv_transpose2d(input, weight, bias, _stride, _padding, _outputPadding, _groups, _dilation);
}
