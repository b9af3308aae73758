
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

    // Sizes past the tiny PyTorch cases, so that the products pack several panels, run on two threads, and take
    // each path: stride 1 (padding written out, panels copied from input rows, the input gradient as a convolution
    // with the filters turned around), strides above 1 (packing stretch by stride, the input gradient folded back),
    // a padding wider than the kernel reaches (no turned-around convolution), groups, dilation, and output rows that
    // end inside a panel.
    [Theory]
    [InlineData(3, 6, 17, 19, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1)]
    [InlineData(2, 6, 15, 40, 9, 3, 3, 1, 1, 2, 2, 2, 2, 3)]
    [InlineData(2, 4, 16, 15, 5, 5, 3, 2, 1, 2, 1, 1, 1, 1)]
    [InlineData(2, 4, 9, 11, 6, 1, 1, 1, 1, 1, 1, 1, 1, 2)]
    [InlineData(4, 16, 24, 24, 32, 3, 3, 1, 1, 1, 1, 1, 1, 1)]
    [InlineData(3, 8, 13, 10, 8, 3, 2, 2, 3, 0, 1, 1, 2, 4)]
    public void ConvolutionAndItsGradientsMatchADirectLoop(int n, int c, int h, int w, int o, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, int groups)
    {
        var g = new Generator(n * 100 + c * 10 + o);
        var x = randn([n, c, h, w], g).requires_grad_();
        var weight = randn([o, c / groups, kh, kw], g).requires_grad_();
        int threads = get_num_threads();
        Tensor y;
        try
        {
            set_num_threads(2);
            y = F.conv2d(x, weight, stride: [sh, sw], padding: [ph, pw], dilation: [dh, dw], groups: groups);
            var upstream = randn(y.shape, g);
            (y * upstream).sum().backward();

            int outH = (int)y.shape[2], outW = (int)y.shape[3], cg = c / groups, og = o / groups;
            float[] xs = x.data<float>().ToArray(), ws = weight.data<float>().ToArray(), us = upstream.data<float>().ToArray();
            var expectY = new double[n * o * outH * outW];
            var expectDx = new double[xs.Length];
            var expectDw = new double[ws.Length];
            // y[b, oc, i, j] = Σ w[oc, ci, a, e] · x[b, group·cg + ci, i·sh − ph + a·dh, j·sw − pw + e·dw]; the gradients
            // are the same sum read the other way round.
            for (int b = 0; b < n; b++)
                for (int oc = 0; oc < o; oc++)
                    for (int i = 0; i < outH; i++)
                        for (int j = 0; j < outW; j++)
                        {
                            int at = ((b * o + oc) * outH + i) * outW + j;
                            for (int ci = 0; ci < cg; ci++)
                                for (int a = 0; a < kh; a++)
                                    for (int e = 0; e < kw; e++)
                                    {
                                        int yy = i * sh - ph + a * dh, xx = j * sw - pw + e * dw;
                                        if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
                                        int xi = ((b * c + oc / og * cg + ci) * h + yy) * w + xx, wi = ((oc * cg + ci) * kh + a) * kw + e;
                                        expectY[at] += (double)ws[wi] * xs[xi];
                                        expectDx[xi] += (double)ws[wi] * us[at];
                                        expectDw[wi] += (double)xs[xi] * us[at];
                                    }
                        }
            TensorAssert.Close(tensor(expectY.Select(v => (float)v).ToArray(), y.shape), y, 1e-4, 1e-4, "y");
            TensorAssert.Close(tensor(expectDx.Select(v => (float)v).ToArray(), x.shape), x.grad!, 1e-4, 1e-4, "dx");
            TensorAssert.Close(tensor(expectDw.Select(v => (float)v).ToArray(), weight.shape), weight.grad!, 1e-3, 1e-4, "dw");
        }
        finally { set_num_threads(threads); }
    }

    [Fact]
    public void TwoByTwoMaxPoolingMatchesADirectLoopWithTiesAndNaNs()
    {
        // 36 columns: 18 outputs per row, two groups of 8 in vector registers and two left over. Values on a coarse
        // grid make ties common (the first of equal values wins), and a few NaNs win their windows.
        var rng = new Random(5);
        int n = 2, c = 3, h = 6, w = 36;
        var values = Enumerable.Range(0, n * c * h * w).Select(_ => rng.Next(6) == 0 ? float.NaN : rng.Next(-3, 4) / 2f).ToArray();
        var x = tensor(values, [n, c, h, w]).requires_grad_();
        var y = F.max_pool2d(x, [2]);
        var upstream = randn(y.shape, new Generator(6));
        y.backward(upstream);
        float[] ys = y.data<float>().ToArray(), ups = upstream.data<float>().ToArray(), dx = x.grad!.data<float>().ToArray();
        var expectDx = new float[values.Length];
        for (int p = 0, o = 0; p < n * c; p++)
            for (int oy = 0; oy < h / 2; oy++)
                for (int ox = 0; ox < w / 2; ox++, o++)
                {
                    int winner = -1;
                    foreach (var at in new[] { (2 * oy) * w + 2 * ox, (2 * oy) * w + 2 * ox + 1, (2 * oy + 1) * w + 2 * ox, (2 * oy + 1) * w + 2 * ox + 1 })
                    {
                        float v = values[p * h * w + at];
                        if (winner >= 0 && float.IsNaN(values[p * h * w + winner])) break;
                        if (winner < 0 || v > values[p * h * w + winner] || float.IsNaN(v)) winner = at;
                    }
                    Xunit.Assert.Equal(values[p * h * w + winner], ys[o]);
                    expectDx[p * h * w + winner] += ups[o];
                }
        Xunit.Assert.Equal(expectDx, dx);
    }

    [Fact]
    public void TransposedConvolutionIsTheAdjointOfConvolution()
    {
        // <conv2d(x, w), y> = <x, conv_transpose2d(y, w)> for every x, y: the defining property. At stride 2 the
        // transposed convolution folds column gradients back; at stride 1 it is a convolution with turned filters.
        var g = new Generator(4);
        var x = randn([2, 3, 7, 6], g); var w = randn([4, 3, 3, 3], g);
        var y = randn([2, 4, 4, 3], g);
        var lhs = (F.conv2d(x, w, stride: [2], padding: [1]) * y).sum().ToDouble();
        var rhs = (x * F.conv_transpose2d(y, w, stride: [2], padding: [1], output_padding: [0, 1])).sum().ToDouble();
        Xunit.Assert.Equal(lhs, rhs, 2);

        var x1 = randn([2, 4, 9, 8], g); var w1 = randn([6, 2, 3, 2], g);
        var y1 = randn([2, 6, 7, 9], g);
        lhs = (F.conv2d(x1, w1, padding: [1], dilation: [2, 1], groups: 2) * y1).sum().ToDouble();
        rhs = (x1 * F.conv_transpose2d(y1, w1, padding: [1], dilation: [2, 1], groups: 2)).sum().ToDouble();
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
