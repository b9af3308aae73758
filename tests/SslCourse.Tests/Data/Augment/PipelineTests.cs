using System.Diagnostics;
using SslCourse.Data.Augment;
using Xunit.Abstractions;
using static SslCourse.Tests.Data.Augment.TestImages;

namespace SslCourse.Tests.Data.Augment;

public class PipelineTests(ITestOutputHelper output)
{
    /// <summary>Every random augmentation, built with probability <paramref name="p"/> where it has one, at settings that change any image they touch.</summary>
    static Augmentation[] WithProbability(double p) =>
    [
        new RandomHorizontalFlip(p),
        new ColorJitter(0.4, 0.4, 0.4, 0.1, p: p),
        new RandomGrayscale(p),
        new GaussianBlur(3, sigma: (0.5, 2.0), p: p),
        new RandomRotation((10, 30), p: p),
        new GaussianNoise(0.1, p: p),
        new RandomErasing(p, value: -1),
    ];

    [Fact]
    public void ProbabilityZeroLeavesEveryImageAndOneChangesEveryImage()
    {
        var images = Colourful(16, size: 12);
        foreach (var augmentation in WithProbability(0))
            Xunit.Assert.True(Same(images, augmentation.forward(images, new Generator(1))), $"{augmentation} changed images");
        foreach (var augmentation in WithProbability(1))
        {
            var result = augmentation.forward(images, new Generator(1));
            for (int i = 0; i < 16; i++)
                Xunit.Assert.False(Image(images, i).SequenceEqual(Image(result, i)), $"{augmentation} left image {i} alone");
        }
    }

    static IEnumerable<Augmentation> All() =>
    [
        .. WithProbability(0.5),
        new RandomResizedCrop(10),
        new RandomRightAngleRotation(),
        Pipelines.SimClr(size: 10, blur_p: 0.5),
    ];

    [Fact]
    public void OutputsHaveTheRightShapeStayInRangeAndLeaveTheInputAlone()
    {
        foreach (int channels in new[] { 1, 3 })
        {
            var images = Colourful(8, size: 12, channels: channels);
            var before = images.data<float>();
            foreach (var augmentation in All())
            {
                var result = augmentation.forward(images, new Generator(2));
                long size = augmentation is RandomResizedCrop or Compose ? 10 : 12;
                Xunit.Assert.Equal([8L, channels, size, size], result.shape);
                Xunit.Assert.False(result.requires_grad);
                if (augmentation is not RandomErasing)
                    Xunit.Assert.All(result.data<float>(), v => Xunit.Assert.InRange(v, 0f, 1f));
                Xunit.Assert.Equal(before, images.data<float>());
            }
        }
    }

    [Fact]
    public void TheSameSeedGivesTheSameBatchAndOtherSeedsDiffer()
    {
        var images = Colourful(12, size: 12);
        foreach (var augmentation in All())
        {
            var first = augmentation.forward(images, new Generator(3));
            Xunit.Assert.True(Same(first, augmentation.forward(images, new Generator(3))), $"{augmentation} is not reproducible");
            Xunit.Assert.False(Same(first, augmentation.forward(images, new Generator(4))), $"{augmentation} ignores the seed");
        }
        manual_seed(5);
        var unseeded = Pipelines.SimClr(12).forward(images);
        manual_seed(5);
        Xunit.Assert.True(Same(unseeded, Pipelines.SimClr(12).forward(images)), "the default generator is not used");
    }

    [Fact]
    public void LargeBatchesRunInParallelWithTheSameResultAsOneThread()
    {
        var images = Colourful(64, size: 32);  // large enough to be spread over threads
        var pipeline = new Compose(Pipelines.SimClr(32, blur_p: 0.5), new GaussianNoise(0.05, p: 0.5), new RandomErasing());
        var parallel = pipeline.forward(images, new Generator(6));
        int threads = get_num_threads();
        try
        {
            set_num_threads(1);
            Xunit.Assert.True(Same(parallel, pipeline.forward(images, new Generator(6))));
        }
        finally { set_num_threads(threads); }
    }

    [Fact]
    public void ViewsOfABatchAndTensorsThatRequireGradAreAugmentedLikePlainCopies()
    {
        var images = Colourful(6, size: 10);
        var transposed = images.transpose(2, 3);
        var narrowed = images.narrow(0, 2, 3);
        var leaf = images.clone().requires_grad_();
        foreach (var augmentation in All())
        {
            var fromLeaf = augmentation.forward(leaf, new Generator(7));
            Xunit.Assert.False(fromLeaf.requires_grad);
            Xunit.Assert.True(Same(augmentation.forward(images, new Generator(7)), fromLeaf));
            Xunit.Assert.True(Same(augmentation.forward(transposed.contiguous(), new Generator(7)), augmentation.forward(transposed, new Generator(7))));
            Xunit.Assert.True(Same(augmentation.forward(narrowed.contiguous(), new Generator(7)), augmentation.forward(narrowed, new Generator(7))));
        }
    }

    [Fact]
    public void ComposeRunsItsStepsInOrderOnOneGenerator()
    {
        var images = Colourful(5, size: 12);
        var crop = new RandomResizedCrop(8);
        var jitter = new ColorJitter(0.4, 0.4);
        var generator = new Generator(8);
        var byHand = jitter.forward(crop.forward(images, generator), generator);
        Xunit.Assert.True(Same(byHand, new Compose(crop, jitter).forward(images, new Generator(8))));
        var copy = new Compose().forward(images);
        Xunit.Assert.True(Same(images, copy));
        copy.Dispose();
        Xunit.Assert.False(images.IsInvalid, "disposing the result of an empty Compose disposed its input");
        Xunit.Assert.Contains("RandomResizedCrop(size=(8, 8)", new Compose(crop, jitter).ToString());
    }

    [Fact]
    public void TwoViewsAreDifferentAugmentationsOfTheSameImages()
    {
        var images = Colourful(8, size: 12);
        var views = new TwoViews(Pipelines.SimClr(12));
        var (first, second) = views.forward(images, new Generator(9));
        Xunit.Assert.Equal(first.shape, second.shape);
        for (int i = 0; i < 8; i++) Xunit.Assert.False(Image(first, i).SequenceEqual(Image(second, i)), $"the views of image {i} are equal");
        var (again, _) = views.forward(images, new Generator(9));
        Xunit.Assert.True(Same(first, again));

        var asymmetric = new TwoViews(new RandomHorizontalFlip(p: 1), new RandomGrayscale(p: 1));
        var (flipped, grey) = asymmetric.forward(images, new Generator(10));
        Xunit.Assert.True(Same(images.flip(3), flipped));
        Xunit.Assert.True(Same(new RandomGrayscale(p: 1).forward(images), grey));
    }

    /// <summary>
    /// Not a timed assertion: reports what the two-view SimCLR pipeline costs on a training step's batch (512 images
    /// 3x32x32) on one thread and on all, the median of the runs after a warm-up long enough for the JIT to have
    /// optimised the loops. Processor time is reported beside wall time because on a shared machine the wall time
    /// also counts the time other processes held the cores.
    /// </summary>
    [Fact]
    public void MeasureTheTwoViewSimClrPipeline()
    {
        var images = Colourful(512, size: 32);
        var views = new TwoViews(Pipelines.SimClr(32));
        var generator = new Generator(11);
        int threads = get_num_threads();
        try
        {
            foreach (int use in new[] { 1, threads }.Distinct())
            {
                set_num_threads(use);
                var (times, processorTimes) = (new List<double>(), new List<double>());
                var process = Process.GetCurrentProcess();
                for (int run = 0; run < 30; run++)
                {
                    process.Refresh();
                    var (clock, processorBefore) = (Stopwatch.StartNew(), process.TotalProcessorTime);
                    var (first, second) = views.forward(images, generator);
                    times.Add(clock.Elapsed.TotalMilliseconds);
                    process.Refresh();
                    processorTimes.Add((process.TotalProcessorTime - processorBefore).TotalMilliseconds);
                    Xunit.Assert.Equal([512L, 3, 32, 32], first.shape);
                    first.Dispose();
                    second.Dispose();
                }
                var (steady, processor) = (times.Skip(15).Order().ToList(), processorTimes.Skip(15).Order().ToList());
                output.WriteLine($"two-view SimCLR augmentation of 512x3x32x32 on {use} thread(s): wall median {steady[steady.Count / 2]:F1} ms, " +
                    $"best {steady[0]:F1} ms (first run {times[0]:F1} ms); processor time median {processor[processor.Count / 2]:F1} ms");
            }
        }
        finally { set_num_threads(threads); }
    }
}
