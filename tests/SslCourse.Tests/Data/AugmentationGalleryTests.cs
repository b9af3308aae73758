using SslCourse.Data;
using SslCourse.Data.Augment;
using SslCourse.Plotting;

namespace SslCourse.Tests.Data;

/// <summary>
/// The augmentation picture in datasets/README.md is what the augmentations draw today on the built-in engine, from its
/// generator's seeded draws; TorchSharp's generator draws other numbers, so its project leaves this file out.
/// </summary>
public class AugmentationGalleryTests
{
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
        DatasetGalleryTests.Matches("augmentations", new ImageGrid(torch.cat(rows), columns: 8, scale: 2).Png);
    }
}
