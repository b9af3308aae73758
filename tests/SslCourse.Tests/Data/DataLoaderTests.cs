using SslCourse.Data;
// TorchSharp has a DataLoader and a TensorDataset of its own (TorchSharp.Modules): these are the course's.
using DataLoader = SslCourse.Data.DataLoader;
using TensorDataset = SslCourse.Data.TensorDataset;

namespace SslCourse.Tests.Data;

public class DataLoaderTests
{
    static TensorDataset Numbers(int n) => new(torch.arange(n).to(torch.float32).unsqueeze(1), torch.arange(n));

    static long[] Epoch(DataLoader loader) =>
        loader.SelectMany(b => b[1].data<long>()).ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void EveryExampleOncePerEpochInBatchesOfTheRightSize(int prefetch)
    {
        var loader = new DataLoader(Numbers(10), batch_size: 4, shuffle: true, seed: 3, prefetch: prefetch, dispose_batch: false);
        var sizes = loader.Select(b => b.Size).ToArray();
        Assert.Equal([4, 4, 2], sizes);
        Assert.Equal(3, loader.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Epoch(loader).Order());
    }

    [Fact]
    public void ShuffleIsSeededAndChangesEachEpoch()
    {
        var a = new DataLoader(Numbers(50), 8, shuffle: true, seed: 7);
        var b = new DataLoader(Numbers(50), 8, shuffle: true, seed: 7);
        var first = Epoch(a);
        Assert.Equal(first, Epoch(b));
        Assert.NotEqual(first, Epoch(a));
        Assert.NotEqual(Enumerable.Range(0, 50).Select(i => (long)i), first);
    }

    [Fact]
    public void WithoutShuffleTheOrderIsTheDatasetOrder() =>
        Assert.Equal(Enumerable.Range(0, 9).Select(i => (long)i), Epoch(new DataLoader(Numbers(9), 4)));

    [Fact]
    public void DropLastSkipsTheIncompleteBatch()
    {
        var loader = new DataLoader(Numbers(10), 4, drop_last: true);
        Assert.Equal(2, loader.Count);
        Assert.Equal(8, Epoch(loader).Length);
        TensorAssert.Throws<ArgumentException>(() => new DataLoader(Numbers(3), 4, drop_last: true), "gives no batch of 4");
    }

    [Fact]
    public void TransformRunsOnEachBatchWithTheLoadersGenerator()
    {
        Batch Noise(Batch batch, torch.Generator g) => new(batch[0] + torch.rand([batch.Size, 1], generator: g), batch[1]);
        float[] Run() => new DataLoader(Numbers(6), 3, seed: 5, transform: Noise, dispose_batch: false)
            .SelectMany(b => b[0].data<float>()).ToArray();
        var first = Run();
        Assert.Equal(first, Run());
        for (int i = 0; i < 6; i++) Assert.InRange(first[i] - i, 0, 1);
    }

    [Fact]
    public void ABatchIsDisposedWhenTheNextIsTaken()
    {
        var loader = new DataLoader(Numbers(8), 4);
        Batch? first = null;
        foreach (var batch in loader)
        {
            if (first is null) { first = batch; continue; }
            Assert.True(first[0].IsInvalid && first[1].IsInvalid, "the first batch's tensors are still alive after the second batch came");
        }
    }

    [Fact]
    public void AnErrorOnTheWorkerReachesTheLoop()
    {
        var loader = new DataLoader(Numbers(8), 2, transform: (b, g) => b.Size > 0 && b[1].data<long>()[0] == 4 ? throw new FormatException("bad example 4") : b);
        var seen = new List<long>();
        var error = Assert.Throws<FormatException>(() => { foreach (var (_, y) in loader) seen.AddRange(y.data<long>()); });
        Assert.Equal("bad example 4", error.Message);
        Assert.Equal([0, 1, 2, 3], seen);
    }

    [Fact]
    public void LeavingEarlyStopsTheWorker()
    {
        var loader = new DataLoader(Numbers(1000), 1, prefetch: 3);
        int taken = 0;
        foreach (var _ in loader) if (++taken == 2) break;
        Assert.Equal(2, taken);
        Assert.Equal(1000, Epoch(loader).Length);  // the loader still works after an abandoned epoch
    }

    [Fact]
    public void DatasetsWithoutABatchGatherAreStackedExampleByExample()
    {
        var loader = new DataLoader(new Squares(5), 2, dispose_batch: false);
        var values = loader.SelectMany(b => b[0].data<float>()).ToArray();
        Assert.Equal([0f, 1, 4, 9, 16], values);
        Assert.Equal([2, 1], loader.First()[0].shape);
    }

    sealed class Squares(int n) : Dataset
    {
        public override long Count => n;
        public override Tensor[] GetTensor(long index) => [torch.tensor(new float[] { index * index })];
    }

    [Fact]
    public void ImageSetsLoadAsImagesAndLabels()
    {
        using var set = SyntheticDigits.Load(20);
        var (images, labels) = new DataLoader(set, 16, dispose_batch: false).First();
        Assert.Equal([16, 1, 28, 28], images.shape);
        TensorAssert.Close(set.Labels.narrow(0, 0, 16), labels);
    }
}
