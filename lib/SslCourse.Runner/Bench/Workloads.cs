using SslCourse.Data;
using SslCourse.Data.Augment;
using SslCourse.Models;
// TorchSharp has a DataLoader of its own (TorchSharp.Modules): this is the course's.
using DataLoader = SslCourse.Data.DataLoader;

namespace SslCourse.Runner.Bench;

/// <summary>
/// The benchmark workloads, each a step to time and its floating-point work where that is well defined. They mirror
/// tests/Benchmarks/torch_bench.py line for line; change both together. The same file is compiled on TorchSharp for
/// the bench's TorchSharp column (tests/Benchmarks/TorchSharpBench), so it uses only the API both engines share.
/// </summary>
public static class Workloads
{
    /// <summary>A step to time, its floating-point work, and the examples it processes where throughput is the figure.</summary>
    public sealed record Workload(Action Step, double? Flops = null, int? Items = null);

    public static readonly string[] Names = ["gemm-256", "gemm-512", "gemm-1024", "gemm-2048", "conv", "mlp-ae", "simclr-cnn", "gpt-char", "loader-simclr"];

    public static Workload Create(string name) => name switch
    {
        "gemm-256" => Gemm(256), "gemm-512" => Gemm(512), "gemm-1024" => Gemm(1024), "gemm-2048" => Gemm(2048),
        "conv" => Conv(),
        "mlp-ae" => MlpAutoencoder(),
        "simclr-cnn" => SimClrCnn(),
        "gpt-char" => GptChar(),
        "loader-simclr" => SimClrLoader(),
        _ => throw new ArgumentException($"bench: unknown workload '{name}'; choose from {string.Join(", ", Names)}."),
    };

    static Workload Gemm(int n)
    {
        var a = randn(n, n); var b = randn(n, n);
        return new(() => { using var scope = NewDisposeScope(); a.matmul(b); }, 2.0 * n * n * n);
    }

    static Workload Conv()
    {
        var x = randn(128, 64, 32, 32).requires_grad_();
        var w = randn(64, 64, 3, 3).requires_grad_();
        double flops = 3 * 2.0 * 128 * 64 * 32 * 32 * 64 * 9;   // forward and both backward products
        return new(() =>
        {
            using var scope = NewDisposeScope();
            x.grad?.Dispose(); x.grad = null; w.grad?.Dispose(); w.grad = null;   // as zero_grad does: the buffers go back to the pool
            F.conv2d(x, w, padding: [1]).sum().backward();
        }, flops);
    }

    static Action TrainStep(nn.Module model, optim.Optimizer optimizer, Func<Tensor> loss) => () =>
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        loss().backward();
        optimizer.step();
    };

    static Workload MlpAutoencoder()
    {
        var model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 32), nn.Linear(32, 256), nn.ReLU(), nn.Linear(256, 784));
        var x = rand(128, 784);
        return new(TrainStep(model, optim.Adam(model.parameters(), lr: 1e-3), () => F.mse_loss(model.forward(x), x)));
    }

    static Sequential ConvBnRelu(long cin, long cout) => nn.Sequential(nn.Conv2d(cin, cout, 3, padding: 1), nn.BatchNorm2d(cout), nn.ReLU());

    /// <summary>NT-Xent (SimCLR): each view's positive is the other view of the same image, the rest are negatives.</summary>
    static Tensor NtXent(Tensor z1, Tensor z2, double temperature = 0.5)
    {
        long n = z1.shape[0];
        var z = F.normalize(cat([z1, z2]), dim: 1);
        var similarity = (z.matmul(z.t()) / temperature).masked_fill(eye(2 * n, dtype: ScalarType.Bool), double.NegativeInfinity);
        var targets = cat([arange(n, 2 * n), arange(0, n)]);
        return F.cross_entropy(similarity, targets);
    }

    static Workload SimClrCnn()
    {
        var encoder = nn.Sequential(ConvBnRelu(3, 32), ConvBnRelu(32, 32), nn.MaxPool2d(2), ConvBnRelu(32, 64), ConvBnRelu(64, 64), nn.MaxPool2d(2),
            ConvBnRelu(64, 128), nn.AdaptiveAvgPool2d(1), nn.Flatten());
        var model = nn.Sequential(encoder, nn.Sequential(nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 64)));
        var views = rand(new long[] { 2, 256, 3, 32, 32 });
        return new(TrainStep(model, optim.Adam(model.parameters(), lr: 1e-3), () => NtXent(model.forward(views[0]), model.forward(views[1]))));
    }

    sealed class Gpt : nn.Module<Tensor, Tensor>
    {
        readonly Embedding tok, pos;
        readonly Sequential blocks;
        readonly LayerNorm ln;
        readonly Linear head;

        public Gpt(long vocab = 65, long width = 128, int layers = 4, long heads = 4, long context = 64) : base("Gpt")
        {
            tok = nn.Embedding(vocab, width); pos = nn.Embedding(context, width);
            blocks = nn.Sequential(Enumerable.Range(0, layers).Select(_ => (nn.Module<Tensor, Tensor>)new TransformerBlock(width, heads, causal: true)).ToArray());
            ln = nn.LayerNorm(width); head = nn.Linear(width, vocab, hasBias: false);
            RegisterComponents();
        }

        public override Tensor forward(Tensor idx) => head.forward(ln.forward(blocks.forward(tok.forward(idx) + pos.forward(arange(idx.shape[1])))));
    }

    static Workload GptChar()
    {
        var model = new Gpt();
        var idx = randint(0, 65, [12, 64]); var targets = randint(0, 65, [12, 64]);
        return new(TrainStep(model, optim.AdamW(model.parameters(), lr: 1e-3, weight_decay: 0.01), () => F.cross_entropy(model.forward(idx).view(-1, 65), targets.view(-1))));
    }

    /// <summary>
    /// One epoch of the data side of SimCLR: 2048 coloured shapes through a shuffling loader, batch 512, each batch
    /// turned into two augmented views on the prefetch worker. Ours only (torchvision is not here); compare its time
    /// per batch of 512 with the <c>simclr-cnn</c> step, which trains on 2x256 views.
    /// </summary>
    static Workload SimClrLoader()
    {
        const int images = 2048;
        var set = ColourShapes.Load(images, Split.Train);
        var views = new TwoViews(Pipelines.SimClr());
        long epoch = 0;
        return new(() =>
        {
            var loader = new DataLoader(set, batch_size: 512, shuffle: true, seed: epoch++, transform: (batch, generator) =>
            {
                var (first, second) = views.forward(batch[0], generator);
                return new Batch(first, second, batch[1]);
            });
            foreach (var batch in loader) _ = batch.Size;
        }, Items: images);
    }
}
