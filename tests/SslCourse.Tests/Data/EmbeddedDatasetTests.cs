using SslCourse.Data;
using SslCourse.Eval;

namespace SslCourse.Tests.Data;

public class EmbeddedDatasetTests
{
    public static TheoryData<string> Sets => new() { "digits", "shapes" };

    static ImageSet Load(string name, int count, Split split = Split.Train, long seed = 0) =>
        name == "digits" ? SyntheticDigits.Load(count, split, seed) : ColourShapes.Load(count, split, seed);

    [Theory, MemberData(nameof(Sets))]
    public void ShapesRangesAndBalancedLabels(string name)
    {
        using var set = Load(name, 200);
        int channels = name == "digits" ? 1 : 3, size = name == "digits" ? 28 : 32;
        Assert.Equal([200, channels, size, size], set.Images.shape);
        Assert.True(set.Images.min().ToSingle() >= 0 && set.Images.max().ToSingle() <= 1);
        Assert.Equal(10, set.ClassNames.Count);
        var labels = set.Labels.data<long>();
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(20, labels.Count(l => l == c)));
    }

    [Theory, MemberData(nameof(Sets))]
    public void SameSeedSameImagesAndAnyPrefixIsTheSmallerSet(string name)
    {
        using var small = Load(name, 30);
        using var large = Load(name, 60);
        using var again = Load(name, 30);
        TensorAssert.Close(small.Images, again.Images, 0, 0);
        TensorAssert.Close(small.Images, large.Images.narrow(0, 0, 30), 0, 0);
        TensorAssert.Close(small.Labels, large.Labels.narrow(0, 0, 30));
    }

    [Theory, MemberData(nameof(Sets))]
    public void SeedsAndSplitsGiveDifferentImages(string name)
    {
        using var train = Load(name, 40);
        using var test = Load(name, 40, Split.Test);
        using var reseeded = Load(name, 40, Split.Train, seed: 1);
        // No image of one is (nearly) equal to any image of the other.
        Assert.True(NearestDistance(train, test) > 1, "a test image repeats a training image");
        Assert.True(NearestDistance(train, reseeded) > 1, "another seed repeats an image");
    }

    static float NearestDistance(ImageSet a, ImageSet b) =>
        PairwiseDistances.Squared(a.Flattened(), b.Flattened()).min().clamp_min(0).sqrt().ToSingle();

    [Fact]
    public void RawPixelsSeparateDigitsOnlyPartly()
    {
        // The set must leave room for learned features: raw-pixel k-NN is far above chance (10 %) and far below perfect.
        using var train = SyntheticDigits.Load(2000);
        using var test = SyntheticDigits.Load(500, Split.Test);
        double accuracy = new KnnClassifier(k: 10).Fit(train.Flattened(), train.Labels).Score(test.Flattened(), test.Labels);
        Assert.InRange(accuracy, 0.4, 0.95);
    }

    [Fact]
    public void ShapeColourSaysNothingAboutTheClass()
    {
        // Mean colour per image, classified by k-NN: near chance, because colour is drawn independently of the shape.
        using var train = ColourShapes.Load(2000);
        using var test = ColourShapes.Load(500, Split.Test);
        var colourTrain = train.Images.mean([2, 3]);
        var colourTest = test.Images.mean([2, 3]);
        double accuracy = new KnnClassifier(k: 20).Fit(colourTrain, train.Labels).Score(colourTest, test.Labels);
        Assert.InRange(accuracy, 0.0, 0.25);
    }

    [Fact]
    public void BadCountIsRejected() =>
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => SyntheticDigits.Load(0), "count must be positive");
}
