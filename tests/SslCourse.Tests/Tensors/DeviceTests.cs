using SslCourse.Data;
using SslCourse.Data.Augment;
using SslCourse.Eval;
using SslCourse.Models;

namespace SslCourse.Tests.Tensors;

/// <summary>
/// The test device: computed on the CPU but kept apart from it, as a GPU is. Mixing the two fails and names the op;
/// tensors move by copy, modules in place; every op creates the tensors it needs (indices, masks, constants, gradients)
/// on its inputs' device and computes there exactly what it computes on the CPU; every model of the course trains there.
/// </summary>
public class DeviceTests
{
    static readonly torch.Device Test = device("test");

    // ---------------------------------------------------------------- mixing devices

    [Fact]
    public void MixingDevicesFailsNamingTheOpAndBothDevices()
    {
        var onTest = ones([2, 3], device: Test);
        var onCpu = ones([2, 3]);
        var index = tensor(new long[] { 1, 0 });
        TensorAssert.Throws<InvalidOperationException>(() => _ = onTest + onCpu, "add:", "test", "cpu");
        TensorAssert.Throws<InvalidOperationException>(() => onCpu.matmul(ones([3, 2], device: Test)), "matmul:", "cpu", "test");
        TensorAssert.Throws<InvalidOperationException>(() => cat([onTest, onCpu]), "cat:", "test", "cpu");
        TensorAssert.Throws<InvalidOperationException>(() => where(onTest > 0, onTest, onCpu), "where:", "test", "cpu");
        TensorAssert.Throws<InvalidOperationException>(() => onTest.index_select(0, index), "index_select:", "test", "cpu");
        TensorAssert.Throws<InvalidOperationException>(() => onTest.gather(0, index.view(2, 1)), "gather:", "test", "cpu");
        TensorAssert.Throws<InvalidOperationException>(() => F.cross_entropy(onTest, index), "cross_entropy:", "test", "cpu");
        TensorAssert.Throws<InvalidOperationException>(() => F.embedding(index, onTest), "embedding:", "test", "cpu");
        TensorAssert.Throws<InvalidOperationException>(() => F.batch_norm(onTest, zeros(3), ones(3)), "batch_norm:", "test", "cpu");
    }

    [Fact]
    public void ACpuScalarJoinsAnyDeviceAndGetsItsGradientBackOnTheCpu()
    {
        var x = tensor(new float[] { 1, 2, 3 }, device: Test);
        var s = tensor(2f, requires_grad: true);
        var y = x * s;
        Assert.Same(Test, y.device);
        Assert.Same(Test, (tensor(1f) - x).device);
        Assert.Same(Test, where(x > 1, x, tensor(0f)).device);
        Assert.Same(Test, x.masked_fill(x > 1, 0).device);
        y.sum().backward();
        Assert.Same(torch.CPU, s.grad!.device);
        TensorAssert.Values([6], s.grad!.reshape(1));
    }

    [Fact]
    public void BackwardTakesAGradientOnTheOutputsDevice() =>
        TensorAssert.Throws<InvalidOperationException>(() => (ones([2], device: Test).requires_grad_() * 2).backward(ones([2])), "backward:", "test", "cpu");

    // ---------------------------------------------------------------- moving tensors and modules

    [Fact]
    public void ToCopiesAndItsGradientGoesBackToTheSourceDevice()
    {
        var x = tensor(new float[] { 1, 2, 3 }, requires_grad: true);
        Assert.Same(x, x.to(torch.CPU));
        var y = x.to(Test);
        Assert.Same(Test, y.device);
        Assert.Same(torch.CPU, x.device);
        (y * y).sum().backward();
        Assert.Same(torch.CPU, x.grad!.device);
        TensorAssert.Values([2, 4, 6], x.grad!);

        var z = y.detach();
        using (no_grad()) z.add_(1);
        TensorAssert.Values([1, 2, 3], x.detach());   // a copy: changing it leaves the source alone
        var back = z.cpu();
        Assert.Same(torch.CPU, back.device);
        TensorAssert.Values([2, 3, 4], back);
    }

    [Fact]
    public void CopyFromAnotherDeviceCopies()
    {
        var onTest = zeros([2, 3], device: Test);
        onTest.copy_(tensor(new float[] { 1, 2, 3 }));   // broadcast from the CPU
        Assert.Same(Test, onTest.device);
        TensorAssert.Values([1, 2, 3, 1, 2, 3], onTest.flatten());
        var onCpu = zeros([2, 3]);
        onCpu.copy_(onTest * 2);
        Assert.Same(torch.CPU, onCpu.device);
        TensorAssert.Values([2, 4, 6, 2, 4, 6], onCpu.flatten());
    }

    [Fact]
    public void ModuleToMovesParametersInPlaceAndTheOptimizerKeepsStepping()
    {
        var g = new Generator(1);
        var model = nn.Sequential(nn.Linear(3, 4, generator: g), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 1, generator: g));
        var x = randn([8, 3], g); var y = randn([8, 1], g);
        var adam = optim.Adam(model.parameters(), lr: 0.05);
        Step(x, y);                                           // optimizer state made on the CPU
        var cpuState = adam.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        var before = model.parameters().ToList();
        var buffers = model.buffers().ToList();

        Assert.Same(model, model.to(Test));
        Assert.Equal(before, model.parameters().ToList(), ReferenceEqualityComparer.Instance);
        Assert.Equal(buffers, model.buffers().ToList(), ReferenceEqualityComparer.Instance);
        Assert.All(before.Concat(buffers), t => Assert.Same(Test, t.device));
        Assert.All(before, p => Assert.Same(Test, p.grad!.device));   // the gradients moved with their parameters

        var (xt, yt) = (x.to(Test), y.to(Test));
        adam.load_state_dict(cpuState);                       // state read on the CPU goes to the parameters' device
        double first = Step(xt, yt), later = first;
        for (int i = 0; i < 20; i++) later = Step(xt, yt);
        Assert.True(later < first, $"training on the test device did not lower the loss: {first} → {later}");
        Assert.All(before, p => Assert.Same(Test, p.device));

        double Step(Tensor input, Tensor target)
        {
            adam.zero_grad();
            var loss = F.mse_loss(model.forward(input), target);
            loss.backward();
            adam.step();
            return loss.ToDouble();
        }
    }

    // ---------------------------------------------------------------- creating tensors

    [Fact]
    public void CreationFunctionsTakeADeviceAndTheLikeFunctionsFollowTheirTensor()
    {
        var x = rand([3], device: Test);
        Tensor[] created =
        [
            zeros([2], device: Test), ones([2], device: Test), full([2], 3, device: Test), empty([2], device: Test),
            tensor(1f, Test), tensor(1L, Test), tensor(true, Test), tensor(new float[] { 1 }, device: Test),
            tensor(new long[] { 1 }, device: Test),
            tensor(new byte[] { 1 }, device: Test), tensor(new bool[] { true }, device: Test), tensor(new float[,] { { 1 } }, Test),
            arange(3, device: Test), arange(0, 6, 2, device: Test), arange(3.0, Test), arange(0.0, 1.0, 0.5, Test),
            linspace(0, 1, 3, Test), eye(2, device: Test),
            rand([2], device: Test), randn([2], device: Test), normal(0, 1, [2], device: Test), randint(5, [2], device: Test),
            randint(1, 5, [2], device: Test), randperm(3, device: Test),
            zeros_like(x), ones_like(x), full_like(x, 2), empty_like(x), rand_like(x), randn_like(x),
            bernoulli(x), bernoulli(x, 0.5), multinomial(x + 1, 2),
        ];
        Assert.All(created, t => Assert.Same(Test, t.device));
        Assert.Same(torch.CPU, zeros_like(x, device: torch.CPU).device);
        // The same generator draws the same numbers wherever the tensor lives.
        TensorAssert.Close(randn([5], new Generator(4)), randn([5], new Generator(4), Test).cpu(), 0, 0);
        TensorAssert.Close(randperm(9, new Generator(4)), randperm(9, new Generator(4), Test).cpu());
    }

    // ---------------------------------------------------------------- every op that creates tensors of its own

    static Tensor R(Generator g, params long[] shape) => randn(shape, g).requires_grad_();    // an input with a gradient
    static Tensor U(Generator g, params long[] shape) => rand(shape, g);                       // an input without one
    static Tensor L(long[] values, params long[] shape) => tensor(values, shape.Length == 0 ? null : shape);

    // Each op's inputs, made afresh (on the CPU) for every run from a seeded generator, and the op itself; random ops
    // take a generator seeded inside the op, so both runs draw the same numbers.
    static readonly Dictionary<string, (Func<Generator, Tensor[]> inputs, Func<Tensor[], Tensor> op)> Ops = new()
    {
        ["pad_constant"] = (g => [R(g, 1, 2, 3, 3)], x => F.pad(x[0], [1, 2, 0, 1], value: 0.5)),
        ["pad_reflect"] = (g => [R(g, 1, 2, 4, 4)], x => F.pad(x[0], [1, 2, 2, 1], PaddingModes.Reflect)),
        ["pad_replicate"] = (g => [R(g, 1, 2, 4, 4)], x => F.pad(x[0], [2, 1, 1, 2], PaddingModes.Replicate)),
        ["pad_circular"] = (g => [R(g, 1, 2, 4, 4)], x => F.pad(x[0], [1, 2, 3, 1], PaddingModes.Circular)),
        ["einsum"] = (g => [R(g, 2, 3, 4), R(g, 2, 4, 2)], x => einsum("bij,bjk->bik", x[0], x[1])),
        ["einsum_diagonal"] = (g => [R(g, 2, 3, 3)], x => einsum("bii->bi", x[0])),
        ["cdist"] = (g => [R(g, 3, 4), R(g, 2, 4)], x => cdist(x[0], x[1])),
        ["cdist_by_products"] = (g => [R(g, 3, 4), R(g, 2, 4)], x => cdist(x[0], x[1], compute_mode: compute_mode.use_mm_for_euclid_dist)),
        ["cdist_p3_zero_distance"] = (g => [R(g, 3, 4)], x => cdist(x[0], x[0].narrow(0, 1, 2), p: 3)),
        ["diagonal"] = (g => [R(g, 3, 4)], x => x[0].diagonal(1)),
        ["unique_inverse"] = (g => [L([3, 1, 3, 2])], x => x[0].unique(return_inverse: true).inverse_indices!),
        ["unique_counts"] = (g => [U(g, 6)], x => (x[0] > 0.5).unique(return_counts: true).counts!),
        ["one_hot"] = (g => [L([2, 0, 1, 2])], x => F.one_hot(x[0], 4)),
        ["max_pool2d"] = (g => [R(g, 2, 2, 5, 5)], x => F.max_pool2d(x[0], [2], ceil_mode: true)),
        ["avg_pool2d"] = (g => [R(g, 2, 2, 5, 5)], x => F.avg_pool2d(x[0], [3], [2], [1], ceil_mode: true, count_include_pad: false)),
        ["adaptive_avg_pool2d"] = (g => [R(g, 2, 2, 7, 5)], x => F.adaptive_avg_pool2d(x[0], [3, 2])),
        ["dropout"] = (g => [R(g, 4, 6)], x => F.dropout(x[0], 0.4, true, new Generator(3))),
        ["dropout2d"] = (g => [R(g, 2, 4, 3, 3)], x => F.dropout2d(x[0], 0.5, true, new Generator(3))),
        ["gumbel_softmax"] = (g => [R(g, 3, 5)], x => F.gumbel_softmax(x[0], 0.5, hard: true, generator: new Generator(3))),
        ["scaled_dot_product_attention"] = (g => [R(g, 2, 4, 3), R(g, 2, 4, 3), R(g, 2, 4, 3)],
            x => F.scaled_dot_product_attention(x[0], x[1], x[2], is_causal: true)),
        ["MultiheadAttention"] = (g => [R(g, 2, 3, 4)],
            x => nn.MultiheadAttention(4, 2, batch_first: true, generator: new Generator(5)).to(x[0].device).forward(x[0], x[0], x[0], is_causal: true).output),
        ["interpolate_nearest"] = (g => [R(g, 1, 2, 3, 4)], x => F.interpolate(x[0], size: [5, 7])),
        ["interpolate_bilinear"] = (g => [R(g, 1, 2, 3, 4)], x => F.interpolate(x[0], size: [5, 7], mode: "bilinear")),
        ["interpolate_linear"] = (g => [R(g, 1, 2, 5)], x => F.interpolate(x[0], scale_factor: [1.5], mode: "linear", align_corners: true)),
        ["affine_grid"] = (g => [R(g, 2, 2, 3)], x => F.affine_grid(x[0], [2, 1, 3, 4], align_corners: true)),
        ["grid_sample"] = (g => [R(g, 2, 1, 4, 4), R(g, 2, 2, 3)], x => F.grid_sample(x[0], F.affine_grid(x[1], [2, 1, 3, 5]))),
        ["unfold"] = (g => [R(g, 1, 2, 4, 4)], x => F.unfold(x[0], [2, 2], stride: [2])),
        ["fold"] = (g => [R(g, 2, 8, 6)], x => F.fold(x[0], [3, 4], [2, 2])),
        ["conv2d"] = (g => [R(g, 2, 2, 5, 5), R(g, 3, 2, 3, 3), R(g, 3)], x => F.conv2d(x[0], x[1], x[2], padding: [1])),
        ["conv2d_stride2"] = (g => [R(g, 2, 2, 5, 5), R(g, 3, 2, 3, 3)], x => F.conv2d(x[0], x[1], stride: [2])),
        ["conv_transpose2d"] = (g => [R(g, 2, 2, 3, 3), R(g, 2, 3, 3, 3)], x => F.conv_transpose2d(x[0], x[1], padding: [1])),
        ["conv_transpose2d_stride2"] = (g => [R(g, 2, 2, 3, 3), R(g, 2, 3, 3, 3)],
            x => F.conv_transpose2d(x[0], x[1], stride: [2], padding: [1], output_padding: [1])),
        ["batch_norm"] = (g => [R(g, 4, 3), U(g, 3), U(g, 3), R(g, 3), R(g, 3)], x => F.batch_norm(x[0], x[1], x[2], x[3], x[4], training: true)),
        ["cross_entropy"] = (g => [R(g, 4, 3), L([0, 2, 1, 2]), U(g, 3)], x => F.cross_entropy(x[0], x[1], x[2], label_smoothing: 0.1)),
        ["embedding"] = (g => [L([1, 0, 1]), R(g, 2, 4)], x => F.embedding(x[0], x[1], padding_idx: 0)),
        ["trunc_normal_"] = (g => [U(g, 3, 4)], x => nn.init.trunc_normal_(x[0].clone(), std: 0.5, generator: new Generator(2))),
        ["uniform_"] = (g => [U(g, 3, 4)], x => x[0].clone().uniform_(-1, 1, new Generator(2))),
        ["normal_"] = (g => [U(g, 3, 4)], x => x[0].clone().normal_(1, 2, new Generator(2))),
        ["bernoulli_"] = (g => [U(g, 3, 4)], x => x[0].clone().bernoulli_(0.3, new Generator(2))),
        ["max_dim"] = (g => [R(g, 3, 4)], x => x[0].max(1).values),
        ["min_dim_indexes"] = (g => [R(g, 3, 4)], x => x[0].min(0, keepdim: true).indexes),
        ["max_dim_of_a_scalar"] = (g => [R(g)], x => x[0].max(0).indexes),
        ["argsort_of_a_scalar"] = (g => [R(g)], x => x[0].argsort()),
        ["slice"] = (g => [R(g, 4, 5)], x => x[0].slice(1, 0, 5, 2)),
        ["gather"] = (g => [R(g, 3, 4), L([3, 0, 1, 1, 2, 3], 3, 2)], x => x[0].gather(1, x[1])),
        ["scatter_value"] = (g => [R(g, 3, 4), L([3, 0, 1, 1, 2, 3], 3, 2)], x => x[0].scatter(1, x[1], 2.5)),
        ["scatter_add"] = (g => [R(g, 3, 4), L([3, 0, 1, 1, 2, 3], 3, 2), R(g, 3, 2)], x => x[0].scatter_add(1, x[1], x[2])),
        ["index_select"] = (g => [R(g, 4, 3), L([3, 0, 3])], x => x[0].index_select(0, x[1])),
        ["index_by_cpu_indices"] = (g => [R(g, 4, 3)], x => x[0][tensor(new long[] { 3, 1 })]),
        ["index_by_cpu_mask"] = (g => [R(g, 4, 3)], x => x[0][x[0].detach().cpu() > 0]),
        ["assign_at_cpu_indices"] = (g => [U(g, 4, 3)], x => { var y = x[0].clone(); y[tensor(new long[] { 2, 0 })] = tensor(5f); return y; }),
        ["nonzero"] = (g => [U(g, 3, 4)], x => (x[0] > 0.5).nonzero()),
        ["masked_select"] = (g => [R(g, 3, 4)], x => x[0].masked_select(x[0].detach() > 0)),
        ["index_copy_"] = (g => [U(g, 4, 3), L([2, 0]), U(g, 2, 3)], x => x[0].clone().index_copy_(0, x[1], x[2])),
        ["masked_scatter_"] = (g => [U(g, 3, 4), U(g, 12)], x => x[0].clone().masked_scatter_(x[0] > 0.5, x[1])),
        ["repeat_interleave"] = (g => [R(g, 3, 2), L([2, 0, 1])], x => x[0].repeat_interleave(x[1], 0)),
        ["flip"] = (g => [R(g, 3, 4)], x => x[0].flip(0, 1)),
        ["roll"] = (g => [R(g, 3, 4)], x => x[0].roll([1, -2], [0, 1])),
        ["unfold_windows"] = (g => [R(g, 2, 7)], x => x[0].unfold(1, 3, 2)),
        ["tril"] = (g => [R(g, 3, 4)], x => x[0].tril(-1)),
        ["triu"] = (g => [R(g, 3, 4)], x => x[0].triu(1)),
        ["cumsum"] = (g => [R(g, 3, 4)], x => x[0].cumsum(1)),
        ["masked_fill"] = (g => [R(g, 3, 4)], x => x[0].masked_fill(x[0].detach() > 0, -1)),
        ["where"] = (g => [R(g, 3, 4), R(g, 3, 4)], x => where(x[0].detach() > 0, x[0], x[1])),
        ["where_scalars"] = (g => [U(g, 3, 4)], x => where(x[0] > 0.5, 1.0, -1.0)),
        ["cat"] = (g => [R(g, 2, 3), R(g, 2, 2)], x => cat([x[0], x[1]], 1)),
        ["norm_with_a_zero_row"] = (g => [R(g, 3, 4)], x => (x[0] * tensor(new float[] { 1, 0, 1 }, [3, 1], x[0].device)).norm(2, 1)),
        ["logsumexp"] = (g => [R(g, 3, 4)], x => x[0].logsumexp(1)),
        ["clamp_int64"] = (g => [L([-3, 0, 5])], x => x[0].clamp(-1, 2)),
    };

    public static TheoryData<string> OpNames => new(Ops.Keys.Order());

    [Theory, MemberData(nameof(OpNames))]
    public void OpRunsOnTheTestDeviceAsOnTheCpu(string name)
    {
        var (inputs, op) = Ops[name];
        var (cpuOutput, cpuGrads) = Run(inputs, op, torch.CPU);
        var (testOutput, testGrads) = Run(inputs, op, Test);
        Assert.Same(Test, testOutput.device);
        TensorAssert.Close(cpuOutput, testOutput.cpu(), 0, 0, name);
        for (int i = 0; i < cpuGrads.Length; i++)
        {
            if (cpuGrads[i] is not Tensor expected) { Assert.Null(testGrads[i]); continue; }
            Assert.Same(Test, testGrads[i]!.device);
            TensorAssert.Close(expected, testGrads[i]!.cpu(), 0, 0, $"{name}: gradient of input {i}");
        }
    }

    /// <summary>The op on its inputs put on <paramref name="device"/>, and the inputs' gradients of a weighted sum of its output.</summary>
    static (Tensor output, Tensor?[] grads) Run(Func<Generator, Tensor[]> inputs, Func<Tensor[], Tensor> op, torch.Device device)
    {
        var x = inputs(new Generator(7)).Select(t => t.requires_grad ? t.detach().to(device).requires_grad_() : t.to(device)).ToArray();
        var y = op(x);
        // Unequal weights, so that no gradient cancels out (as a plain sum would under a softmax).
        if (y.requires_grad) (y * (arange(0.0, y.numel(), device: device) % 5 + 1).reshape(y.shape)).sum().backward();
        return (y, x.Select(t => t.grad).ToArray());
    }

    // ---------------------------------------------------------------- the course's models and tools

    static Tensor Images(torch.Device device, int channels = 1, int size = 28, int batch = 4) => rand([batch, channels, size, size], new Generator(1), device);

    public static TheoryData<string> Models => new(
        "MlpAutoencoder", "ConvAutoencoder", "DenoisingAutoencoder", "Vae", "ConvVae", "VqVae", "VectorQuantizer", "SmallConvEncoder",
        "RotationNet", "RelativePositionNet", "SelfAttention", "TransformerBlock", "Mlp");

    /// <summary>
    /// Each model trains a step on the CPU, moves to the test device and trains the same step there: the loss, every
    /// parameter and every gradient end up there, with the CPU's values exactly.
    /// </summary>
    [Theory, MemberData(nameof(Models))]
    public void ModelRunsForwardAndBackwardOnTheTestDevice(string name)
    {
        var noise = new Generator(2);
        (nn.Module model, Func<torch.Device, Tensor> loss) = name switch
        {
            "MlpAutoencoder" => Reconstructs(new MlpAutoencoder(784, [32], bottleneck: 8)),
            "ConvAutoencoder" => Reconstructs(new ConvAutoencoder(1, 28, bottleneck: 8, width: 4)),
            // Reseeded before each run, so that both runs corrupt the images alike.
            "DenoisingAutoencoder" => Reconstructs(new DenoisingAutoencoder(new MlpAutoencoder(784, [32], 8), 0.3, 0.2, noise), () => noise.manual_seed(2)),
            "Vae" => Vae(new Vae([1, 28, 28], [32], latent: 4)),
            "ConvVae" => Vae(new ConvVae(1, 28, latent: 4, width: 4)),
            "VqVae" => VqVae(new VqVae(1, 28, numCodes: 8, codeDim: 4, width: 4)),
            "VectorQuantizer" => Quantizes(new VectorQuantizer(8, 4, generator: new Generator(3))),
            "SmallConvEncoder" => Encodes(new SmallConvEncoder(1, width: 4)),
            "RotationNet" => Rotations(new RotationNet(new SmallConvEncoder(1, width: 4))),
            "RelativePositionNet" => Contexts(new RelativePositionNet(new SmallConvEncoder(1, width: 4), hidden: 8)),
            "SelfAttention" => Attends(new SelfAttention(8, 2, causal: true)),
            "TransformerBlock" => Attends(new TransformerBlock(8, 2, causal: true)),
            "Mlp" => Encodes(Blocks.Mlp(784, 16, 4), flatten: true),
            _ => throw new ArgumentException(name),
        };

        var cpuLoss = loss(torch.CPU);
        cpuLoss.backward();
        var cpuGrads = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad?.clone());
        model.zero_grad();
        model.to(Test);
        var testLoss = loss(Test);
        Assert.Same(Test, testLoss.device);
        testLoss.backward();
        TensorAssert.Close(cpuLoss, testLoss.cpu(), 0, 0, $"{name}: loss");
        foreach (var (parameter, p) in model.named_parameters())
        {
            Assert.Same(Test, p.device);
            if (cpuGrads[parameter] is not Tensor expected) { Assert.Null(p.grad); continue; }
            Assert.Same(Test, p.grad!.device);
            TensorAssert.Close(expected, p.grad!.cpu(), 0, 0, $"{name}: gradient of {parameter}");
        }
    }

    static (nn.Module, Func<torch.Device, Tensor>) Reconstructs(nn.Module<Tensor, Tensor> model, Action? beforeRun = null) =>
        (model, d => { beforeRun?.Invoke(); var x = Images(d); return F.mse_loss(model.forward(x), x); });

    static (nn.Module, Func<torch.Device, Tensor>) Encodes(nn.Module<Tensor, Tensor> model, bool flatten = false) =>
        (model, d => model.forward(flatten ? Images(d).flatten(1) : Images(d)).square().mean());

    static (nn.Module, Func<torch.Device, Tensor>) Vae(VariationalAutoencoder vae) => (vae, d =>
    {
        var x = Images(d);
        Assert.Same(d, vae.forward(x).device);
        Assert.Same(d, vae.sample(2, new Generator(4)).device);
        Assert.Same(d, vae.interpolate(x[0], x[1], steps: 3).device);
        return vae.loss(x, new Generator(4)).total;
    });

    static (nn.Module, Func<torch.Device, Tensor>) VqVae(VqVae vq) => (vq, d =>
    {
        var x = Images(d);
        var indices = vq.encode_indices(x);
        Assert.Same(d, indices.device);
        Assert.Same(d, vq.decode_indices(indices).device);
        Assert.Same(d, vq.codebook_usage(x).device);
        return vq.loss(x).total;
    });

    static (nn.Module, Func<torch.Device, Tensor>) Quantizes(VectorQuantizer quantizer) => (quantizer, d =>
    {
        var output = quantizer.forward(randn([6, 4], new Generator(5), d).requires_grad_());
        Assert.Same(d, output.indices.device);
        Assert.Same(d, output.perplexity.device);
        return output.loss + output.quantized.square().mean();
    });

    static (nn.Module, Func<torch.Device, Tensor>) Rotations(RotationNet net) => (net, d =>
    {
        var (rotated, turns) = RandomRightAngleRotation.all_rotations(Images(d));
        return F.cross_entropy(net.forward(rotated), turns);
    });

    static (nn.Module, Func<torch.Device, Tensor>) Contexts(RelativePositionNet net) => (net, d =>
    {
        var (centres, neighbours, positions) = RelativePatchPositions.Sample(Images(d), 8, 1, 1, new Generator(3));
        return F.cross_entropy(net.forward(centres, neighbours), positions);
    });

    static (nn.Module, Func<torch.Device, Tensor>) Attends(nn.Module<Tensor, Tensor> block) =>
        (block, d => block.forward(randn([2, 5, 8], new Generator(5), d)).square().mean());

    [Fact]
    public void ExponentialMovingAverageUpdatesOnTheTestDevice()
    {
        var (target, online) = (new SmallConvEncoder(1, width: 4).to(Test), new SmallConvEncoder(1, width: 4).to(Test));
        ExponentialMovingAverage.Update(target, online, 0.9);
        Assert.All(target.parameters().Concat(target.buffers()), t => Assert.Same(Test, t.device));
    }

    [Fact]
    public void DataAndEvaluationToolsWorkOnTheTestDevice()
    {
        var images = Images(Test, channels: 3, size: 32, batch: 40);
        var labels = arange(40, device: Test) % 4;
        var set = new ImageSet("test", images, labels, ["a", "b", "c", "d"]);
        foreach (var batch in new DataLoader(set, batch_size: 16, shuffle: true, dispose_batch: false))
            Assert.All([batch[0], batch[1]], t => Assert.Same(Test, t.device));
        Assert.Same(Test, set.Select(tensor(new long[] { 3, 1 })).Images.device);
        var (first, second) = new TwoViews(Pipelines.SimClr(size: 32)).forward(images, new Generator(1));
        Assert.All([first, second, new RandomRightAngleRotation().forward_with_labels(images, new Generator(1)).labels], t => Assert.Same(Test, t.device));

        var features = randn([40, 6], new Generator(2), Test) + F.one_hot(labels % 2, 6).to(float32) * 3;
        var knn = new KnnClassifier(k: 3).Fit(features, labels);
        var probe = new LinearProbe(epochs: 5, generator: new Generator(3)).Fit(features, labels);
        Tensor[] results =
        [
            new KMeans(4, restarts: 2, generator: new Generator(4)).Fit(features).Labels, knn.Predict(features), probe.Predict(features),
            new Pca(components: 2).FitTransform(features), new Tsne(perplexity: 5, iterations: 30, exaggerationIterations: 10, generator: new Generator(5)).FitTransform(features),
            Metrics.ConfusionMatrix(knn.Predict(features), labels),
        ];
        Assert.All(results, t => Assert.Same(Test, t.device));
        Assert.InRange(Metrics.Accuracy(probe.Predict(features), labels), 0, 1);
    }
}
