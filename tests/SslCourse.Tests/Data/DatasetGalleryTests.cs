using SslCourse.Data;
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

    internal static void Matches(string name, byte[] png)
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
