using SslCourse.Data;
using SslCourse.Data.Augment;
using SslCourse.Plotting;

namespace SslCourse.Tests.Data;

/// <summary>
/// The sample grids in datasets/README.md are the images the generators draw today: a change to a generator fails
/// here until the pictures are redrawn with SSLCOURSE_UPDATE_GALLERY=1.
/// </summary>
public class DatasetGalleryTests
{
    public static TheoryData<string> Sets => new() { "digits", "shapes" };

    [Theory, MemberData(nameof(Sets))]
    public void ReadmeGridShowsTheCurrentImages(string name)
    {
        using var set = name == "digits" ? SyntheticDigits.Load(50) : ColourShapes.Load(50);
        Matches(name, new ImageGrid(set.Images, columns: 10, scale: 2).Png);
    }

    /// <summary>Eight shapes (top row), then one row per augmentation at full strength, then two SimCLR views.</summary>
    [Fact]
    public void ReadmeShowsEveryAugmentation()
    {
        using var set = ColourShapes.Load(8);
        var g = new torch.Generator(7);
        var steps = new Augmentation[]
        {
            new RandomResizedCrop(32), new RandomHorizontalFlip(p: 1), new ColorJitter(0.4, 0.4, 0.4, 0.1), new RandomGrayscale(p: 1),
            new GaussianBlur(5, (1.0, 2.0)), new RandomRotation(45), new RandomRightAngleRotation(), new GaussianNoise(0.1), new RandomErasing(p: 1),
        };
        var (view1, view2) = new TwoViews(Pipelines.SimClr(32)).forward(set.Images, g);
        var rows = new List<Tensor> { set.Images };
        rows.AddRange(steps.Select(step => step.forward(set.Images, g)));
        rows.AddRange([view1, view2]);
        Matches("augmentations", new ImageGrid(torch.cat(rows), columns: 8, scale: 2).Png);
    }

    static void Matches(string name, byte[] png)
    {
        var path = Repository.PathOf("datasets", "images", $"{name}.png");
        if (Environment.GetEnvironmentVariable("SSLCOURSE_UPDATE_GALLERY") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, png);
        }
        Assert.True(File.Exists(path), $"{path} is missing; run the tests once with SSLCOURSE_UPDATE_GALLERY=1 to draw it");
        Assert.True(png.AsSpan().SequenceEqual(File.ReadAllBytes(path)),
            $"{path} no longer shows what {name} draws; run the tests with SSLCOURSE_UPDATE_GALLERY=1 and commit the new picture");
    }
}
