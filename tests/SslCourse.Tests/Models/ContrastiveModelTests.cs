using SslCourse.Eval;
using SslCourse.Models;

namespace SslCourse.Tests.Models;

/// <summary>The contrastive and self-distillation methods of lessons 05–06: their moving parts, on both engines.</summary>
public class ContrastiveModelTests
{
    // A tiny encoder on 12-number inputs keeps these tests fast; the lessons use SmallConvEncoder.
    static nn.Module<Tensor, Tensor> Encoder() => Blocks.Mlp(12, 16, 8);

    static (Tensor view1, Tensor view2) Views(torch.Generator g, int batch = 16)
    {
        var images = torch.randn([batch, 12], generator: g);
        return (images + 0.1 * torch.randn([batch, 12], generator: g), images + 0.1 * torch.randn([batch, 12], generator: g));
    }

    static double MaxDifference(Tensor a, Tensor b) => (a - b).abs().max().ToDouble();

    static Tensor Trained(IEnumerable<Tensor> parameters) => torch.cat(parameters.Select(p => p.detach().flatten()).ToArray());

    [Fact]
    public void SimClrLearnsToMatchTheViewsOfEachImage()
    {
        torch.manual_seed(1);
        var model = new SimClr(Encoder(), 8, projectionSize: 8, temperature: 0.2);
        var optimizer = torch.optim.Adam(model.parameters(), lr: 0.01);
        var (a, b) = Views(new torch.Generator(2));
        double first = model.Loss(a, b).ToDouble();
        for (int step = 0; step < 60; step++) { optimizer.zero_grad(); model.Loss(a, b).backward(); optimizer.step(); }
        double last = model.Loss(a, b).ToDouble();
        Assert.True(last < first / 2, $"NT-Xent went from {first} to {last}");
    }

    [Fact]
    public void MoCoKeysFollowTheQueriesByMovingAverageAndJoinTheQueue()
    {
        torch.manual_seed(3);
        var model = new MoCo(Encoder, 8, projectionSize: 8, queueSize: 20, momentum: 0.9);
        TensorAssert.Close(Trained(model.encoder.parameters()), Trained(model.keyEncoder.parameters()), 0);   // the key encoder starts as a copy
        Assert.All(model.keyEncoder.parameters().Concat(model.keyProjector.parameters()), p => Assert.False(p.requires_grad));
        var optimizer = torch.optim.SGD(model.parameters().Where(p => p.requires_grad), 0.5);

        var (a, b) = Views(new torch.Generator(4), batch: 6);
        optimizer.zero_grad(); model.Loss(a, b).backward(); optimizer.step();     // moves the query encoder
        var query = Trained(model.encoder.parameters());
        var keyBefore = Trained(model.keyEncoder.parameters());
        Assert.True(MaxDifference(query, keyBefore) > 1e-3, "the query encoder learned");
        var loss = model.Loss(a, b);                                               // the key encoder catches up by 10 %
        TensorAssert.Close(0.9 * keyBefore + 0.1 * query, Trained(model.keyEncoder.parameters()), 1e-6, 1e-5);

        // The keys of the two batches sit in the queue's first 12 rows, normalised; the pointer is saved with the model.
        Tensor keys;
        using (torch.no_grad()) keys = F.normalize(model.keyProjector.forward(model.keyEncoder.forward(b)), dim: 1);
        TensorAssert.Close(keys, model.queue.Keys.narrow(0, 6, 6), 1e-5, 1e-4);
        Assert.Equal(12, model.state_dict()["queue.next"].ToInt64());
        loss.backward();
        Assert.All(model.keyEncoder.parameters(), p => Assert.Null(p.grad));
    }

    [Fact]
    public void TheQueueWrapsAroundKeepingTheNewestKeys()
    {
        var queue = new FeatureQueue(5, 2);
        var rows = (float start) => torch.tensor(new[] { start, 1, start + 1, 1, start + 2, 1 }, [3, 2]);
        queue.Enqueue(rows(10));
        queue.Enqueue(rows(20));   // fills 3, 4, then wraps to 0
        var expected = F.normalize(torch.cat([rows(20).narrow(0, 2, 1), rows(10).narrow(0, 1, 2), rows(20).narrow(0, 0, 2)]), dim: 1);
        TensorAssert.Close(expected, queue.Keys, 1e-6);
        TensorAssert.Throws<ArgumentException>(() => queue.Enqueue(torch.ones(6, 2)), "B ≤ 5");
    }

    [Fact]
    public void ByolTrainsOnlyTheOnlineNetworkAndMovesTheTargetByAverage()
    {
        torch.manual_seed(5);
        var model = new Byol(Encoder, 8, hiddenSize: 16, projectionSize: 8, momentum: 0.5);
        var optimizer = torch.optim.SGD(model.parameters().Where(p => p.requires_grad), 0.5);
        var (a, b) = Views(new torch.Generator(6));
        var loss = model.Loss(a, b);
        Assert.InRange(loss.ToDouble(), 0, 8);                                     // 2 − 2·cos per direction
        optimizer.zero_grad(); loss.backward(); optimizer.step();
        Assert.All(model.targetEncoder.parameters(), p => Assert.Null(p.grad));
        var online = Trained(model.encoder.parameters());
        var target = Trained(model.targetEncoder.parameters());
        model.Loss(a, b);
        TensorAssert.Close(0.5 * target + 0.5 * online, Trained(model.targetEncoder.parameters()), 1e-6, 1e-5);
    }

    [Fact]
    public void SimSiamsStopGradientChangesWhatTheEncoderLearns()
    {
        Tensor EncoderGradient(bool stop)
        {
            torch.manual_seed(7);
            var model = new SimSiam(Encoder(), 8, projectionSize: 8, predictorHidden: 4) { StopGradient = stop };
            var (a, b) = Views(new torch.Generator(8));
            model.Loss(a, b).backward();
            return torch.cat(model.encoder.parameters().Select(p => p.grad!.flatten()).ToArray());
        }
        Assert.True(MaxDifference(EncoderGradient(true), EncoderGradient(false)) > 1e-4, "the target path adds to the gradient");
    }

    [Fact]
    public void TheCollapseMonitorReadsZeroForAConstantAndAboutOneOverRootDForSpreadOutputs()
    {
        Assert.Equal(0.0, Metrics.NormalizedOutputStd(torch.ones(32, 16)), 6);
        Assert.InRange(Metrics.NormalizedOutputStd(torch.randn([2000, 64], generator: new torch.Generator(9))), 0.95 / 8, 1.05 / 8);
    }

    [Fact]
    public void HeadsPutBatchNormWhereThePapersDo()
    {
        string Layers(Sequential s) => string.Join(" ", s.children().Select(m => m.GetName()));
        Assert.Equal("Linear ReLU Linear", Layers(Heads.Mlp(8, 16, 4)));
        Assert.Equal("Linear BatchNorm1d ReLU Linear BatchNorm1d ReLU Linear BatchNorm1d", Layers(Heads.Mlp(8, 16, 4, layers: 3, batchNorm: true, normalizeOutput: true)));
    }
}
