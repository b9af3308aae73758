using F = SslCourse.torch.nn.functional;

namespace SslCourse.Tests.NN;

/// <summary>Convolution, pooling and resampling against PyTorch and central differences.</summary>
public class ConvTests
{
    public static readonly Dictionary<string, Func<Tensor[], Tensor>> Ops = new()
    {
        ["unfold"] = x => F.unfold(x[0], [2, 3], padding: [1], stride: [2, 1]),
        ["fold"] = x => F.fold(x[0], [4, 5], [2, 3], padding: [1], stride: [2, 1]),
        ["conv2d"] = x => F.conv2d(x[0], x[1], x[2], padding: [1]),
        ["conv2d_stride_dilation"] = x => F.conv2d(x[0], x[1], stride: [2], padding: [1, 2], dilation: [2, 1]),
        ["conv2d_groups"] = x => F.conv2d(x[0], x[1], x[2], groups: 2),
        ["conv1d"] = x => F.conv1d(x[0], x[1], x[2], stride: 2, padding: 1),
        ["conv_transpose2d"] = x => F.conv_transpose2d(x[0], x[1], x[2], stride: [2], padding: [1], output_padding: [1]),
        ["conv_transpose2d_groups"] = x => F.conv_transpose2d(x[0], x[1], stride: [1, 2], groups: 2, dilation: [2]),
        ["max_pool2d"] = x => F.max_pool2d(x[0], [2]),
        ["max_pool2d_pad_ceil"] = x => F.max_pool2d(x[0], [3], stride: [2], padding: [1], ceil_mode: true),
        ["avg_pool2d"] = x => F.avg_pool2d(x[0], [2, 3], stride: [1]),
        ["avg_pool2d_pad"] = x => F.avg_pool2d(x[0], [3], stride: [2], padding: [1]),
        ["avg_pool2d_pad_exclude_ceil"] = x => F.avg_pool2d(x[0], [3], stride: [2], padding: [1], ceil_mode: true, count_include_pad: false),
        ["max_pool1d"] = x => F.max_pool1d(x[0], 3, stride: 2),
        ["avg_pool1d"] = x => F.avg_pool1d(x[0], 2),
        ["adaptive_avg_pool2d"] = x => F.adaptive_avg_pool2d(x[0], [3, 2]),
        ["adaptive_avg_pool2d_global"] = x => F.adaptive_avg_pool2d(x[0], [1]),
        ["adaptive_avg_pool1d"] = x => F.adaptive_avg_pool1d(x[0], 4),
        ["interpolate_nearest"] = x => F.interpolate(x[0], scale_factor: [2]),
        ["interpolate_nearest_size"] = x => F.interpolate(x[0], size: [5, 3]),
        ["interpolate_bilinear"] = x => F.interpolate(x[0], size: [5, 7], mode: "bilinear", align_corners: false),
        ["interpolate_bilinear_align"] = x => F.interpolate(x[0], scale_factor: [2], mode: "bilinear", align_corners: true),
        ["interpolate_linear_down"] = x => F.interpolate(x[0], size: [3], mode: "linear"),
        ["affine_grid"] = x => F.affine_grid(x[0], [2, 1, 3, 4]),
        ["affine_grid_align"] = x => F.affine_grid(x[0], [1, 1, 2, 3], align_corners: true),
        ["grid_sample"] = x => F.grid_sample(x[0], x[1]),
        ["grid_sample_border_align"] = x => F.grid_sample(x[0], x[1], padding_mode: "border", align_corners: true),
        ["grid_sample_nearest"] = x => F.grid_sample(x[0], x[1], mode: "nearest"),
    };

    public static TheoryData<string> Cases => new(Ops.Keys);

    [Theory, MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name) => Parity.Check("conv", name, Ops[name], atol: 2e-5, rtol: 2e-4);

    public static readonly Dictionary<string, (Func<Tensor[], Tensor> f, long[][] shapes)> Differentiable = new()
    {
        ["conv2d"] = (x => F.conv2d(x[0], x[1], x[2], stride: [2, 1], padding: [1], dilation: [1, 2]), [[2, 2, 5, 5], [3, 2, 3, 2], [3]]),
        ["conv2d_groups"] = (x => F.conv2d(x[0], x[1], groups: 2), [[1, 4, 3, 3], [4, 2, 2, 2]]),
        ["conv1d"] = (x => F.conv1d(x[0], x[1], x[2], padding: 1), [[2, 2, 5], [3, 2, 3], [3]]),
        ["conv_transpose2d"] = (x => F.conv_transpose2d(x[0], x[1], x[2], stride: [2], padding: [1], output_padding: [1]), [[1, 2, 3, 3], [2, 3, 3, 3], [3]]),
        ["max_pool2d"] = (x => F.max_pool2d(x[0] * 10, [3], stride: [2], padding: [1], ceil_mode: true), [[1, 2, 5, 6]]),
        ["avg_pool2d"] = (x => F.avg_pool2d(x[0], [3], stride: [2], padding: [1], count_include_pad: false), [[1, 2, 5, 6]]),
        ["adaptive_avg_pool2d"] = (x => F.adaptive_avg_pool2d(x[0], [2, 3]), [[1, 2, 5, 4]]),
        ["interpolate_bilinear"] = (x => F.interpolate(x[0], size: [5, 3], mode: "bilinear"), [[1, 2, 3, 4]]),
        ["affine_grid_sample"] = (x => F.grid_sample(x[0], F.affine_grid(x[1], [1, 2, 3, 4]) * 0.9), [[1, 2, 4, 5], [1, 2, 3]]),
        ["grid_sample_border"] = (x => F.grid_sample(x[0], x[1] * 0.7, padding_mode: "border", align_corners: true), [[2, 1, 3, 4], [2, 2, 2, 2]]),
    };

    public static TheoryData<string> DifferentiableCases => new(Differentiable.Keys);

    [Theory, MemberData(nameof(DifferentiableCases))]
    public void GradientsMatchCentralDifferences(string name)
    {
        var (f, shapes) = Differentiable[name];
        // Max pooling and bilinear sampling have kinks (a new maximum, a pixel boundary): steps stay small next to them.
        double h = name is "max_pool2d" or "affine_grid_sample" or "grid_sample_border" ? 1e-4 : 1e-3;
        GradCheck.CheckBothLayouts(f, shapes, h: h);
    }

    [Fact]
    public void TransposedConvolutionIsTheAdjointOfConvolution()
    {
        // <conv2d(x, w), y> = <x, conv_transpose2d(y, w)> for every x, y: the defining property.
        var g = new Generator(4);
        var x = randn([2, 3, 7, 6], g); var w = randn([4, 3, 3, 3], g);
        var y = randn([2, 4, 4, 3], g);
        var lhs = (F.conv2d(x, w, stride: [2], padding: [1]) * y).sum().ToDouble();
        var rhs = (x * F.conv_transpose2d(y, w, stride: [2], padding: [1], output_padding: [0, 1])).sum().ToDouble();
        Xunit.Assert.Equal(lhs, rhs, 2);
    }

    [Fact]
    public void IdentityAffineGridResamplesTheImageUnchanged()
    {
        var img = rand([2, 3, 5, 6], new Generator(1));
        var theta = tensor(new float[] { 1, 0, 0, 0, 1, 0 }, [1, 2, 3]).expand(2, 2, 3);
        TensorAssert.Close(img, F.grid_sample(img, F.affine_grid(theta, [2, 3, 5, 6])), 1e-5);
    }

    [Fact]
    public void BadShapesAreReported()
    {
        TensorAssert.Throws<ArgumentException>(() => F.conv2d(ones(1, 3, 5, 5), ones(4, 2, 3, 3)), "conv2d", "[1,3,5,5]", "[4,2,3,3]");
        TensorAssert.Throws<ArgumentException>(() => F.conv2d(ones(1, 3, 2, 2), ones(4, 3, 3, 3)), "conv2d", "3x3 kernel", "[1,3,2,2]");
        TensorAssert.Throws<ArgumentException>(() => F.conv2d(ones(3, 5, 5), ones(4, 3, 3, 3)), "conv2d", "[3,5,5]");
        TensorAssert.Throws<ArgumentException>(() => F.max_pool2d(ones(1, 1, 4, 4), [2], padding: [2]), "max_pool2d", "half the kernel");
        TensorAssert.Throws<ArgumentException>(() => F.interpolate(ones(1, 1, 4, 4), size: [2], mode: "linear"), "interpolate", "linear");
        TensorAssert.Throws<ArgumentException>(() => F.grid_sample(ones(1, 1, 4, 4), ones(2, 3, 3, 2)), "grid_sample", "same N");
    }
}
