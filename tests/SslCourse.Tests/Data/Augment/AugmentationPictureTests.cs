using SslCourse.Data.Augment;
using SslCourse.Plotting;
using Xunit.Abstractions;
using static SslCourse.Tests.Data.Augment.TestImages;

namespace SslCourse.Tests.Data.Augment;

/// <summary>Draws what each augmentation does, for a person to look at: TestResults/augmentations.png.</summary>
public class AugmentationPictureTests(ITestOutputHelper output)
{
    static string ResultsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Course.sln"))) return Path.Combine(dir.FullName, "tests", "SslCourse.Tests", "TestResults");
        return Path.Combine(AppContext.BaseDirectory, "TestResults");
    }

    [Fact]
    public void WritesAGridOfEveryAugmentation()
    {
        const int columns = 8, size = 32;
        var originals = Colourful(columns, size);
        (string name, Augmentation augmentation)[] rows =
        [
            ("RandomResizedCrop", new RandomResizedCrop(size)),
            ("RandomHorizontalFlip", new RandomHorizontalFlip()),
            ("ColorJitter", new ColorJitter(0.4, 0.4, 0.4, 0.1)),
            ("RandomGrayscale", new RandomGrayscale(0.5)),
            ("GaussianBlur", new GaussianBlur(5)),
            ("RandomRotation", new RandomRotation(45)),
            ("RandomRightAngleRotation", new RandomRightAngleRotation()),
            ("GaussianNoise", new GaussianNoise(0.1)),
            ("RandomErasing", new RandomErasing(p: 1)),
            ("SimCLR view 1", Pipelines.SimClr(size)),
            ("SimCLR view 2", Pipelines.SimClr(size)),
        ];
        var generator = new Generator(2024);
        var batches = new List<Tensor> { originals };
        batches.AddRange(rows.Select(row => row.augmentation.forward(originals, generator)));
        var grid = new ImageGrid(cat(batches, 0), columns, title: "augmentations", scale: 3,
            captions: ["original", .. rows.Select(row => row.name)]);

        var folder = ResultsFolder();
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "augmentations.png");
        File.WriteAllBytes(path, grid.Png);
        Xunit.Assert.True(new FileInfo(path).Length > 10_000, "the picture is suspiciously small");
        output.WriteLine($"rows, top to bottom: original, {string.Join(", ", rows.Select(row => row.name))}\n{path}");
    }
}
