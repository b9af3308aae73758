
namespace SslCourse.Data;

/// <summary>
/// A labelled image set held in memory: <see cref="Images"/> is float32 [N, C, H, W] with values in [0, 1],
/// <see cref="Labels"/> is int64 [N] with values in [0, <see cref="ClassNames"/>.Count). The embedded sets and the
/// readers of real datasets all produce one, so a lesson can switch between them without other changes.
/// </summary>
public sealed class ImageSet : IDisposable
{
    /// <summary>Wraps <paramref name="images"/> [N, C, H, W] and <paramref name="labels"/> [N] after checking they agree.</summary>
    public ImageSet(string name, Tensor images, Tensor labels, IReadOnlyList<string> classNames)
    {
        if (images.dim() != 4 || images.dtype != ScalarType.Float32)
            throw new ArgumentException($"ImageSet '{name}': images must be float32 [N, C, H, W], got {images.dtype} {images.ShapeText()}.");
        if (labels.dim() != 1 || labels.dtype != ScalarType.Int64 || labels.size(0) != images.size(0))
            throw new ArgumentException($"ImageSet '{name}': labels must be int64 [{images.size(0)}], got {labels.dtype} {labels.ShapeText()}.");
        Name = name;
        Images = images;
        Labels = labels;
        ClassNames = classNames;
    }

    /// <summary>A short name for tables and figure titles, e.g. "digits (embedded)" or "MNIST".</summary>
    public string Name { get; }

    /// <summary>Float32 [N, C, H, W] in [0, 1].</summary>
    public Tensor Images { get; }

    /// <summary>Int64 [N] class indices.</summary>
    public Tensor Labels { get; }

    /// <summary>Human-readable class names, indexed by label.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of images.</summary>
    public int Count => (int)Images.size(0);

    /// <summary>Channels per image: 1 (grey) or 3 (RGB).</summary>
    public int Channels => (int)Images.size(1);

    /// <summary>Image height in pixels.</summary>
    public int Height => (int)Images.size(2);

    /// <summary>Image width in pixels.</summary>
    public int Width => (int)Images.size(3);

    /// <summary>The same set on <paramref name="device"/>, e.g. <c>Lesson.Device</c> (tensors already there are not copied).</summary>
    public ImageSet to(torch.Device device) => new(Name, Images.to(device), Labels.to(device), ClassNames);

    /// <summary>The images at <paramref name="indices"/> (int64 [K], on any device) as a new set.</summary>
    public ImageSet Select(Tensor indices) =>
        new(Name, Images.index_select(0, indices.to(Images.device)), Labels.index_select(0, indices.to(Labels.device)), ClassNames);

    /// <summary>The first <paramref name="count"/> images (all of them if there are fewer), as views.</summary>
    public ImageSet Take(int count)
    {
        int n = Math.Min(count, Count);
        return new(Name, Images.narrow(0, 0, n), Labels.narrow(0, 0, n), ClassNames);
    }

    /// <summary>Each image flattened to one row: float32 [N, C·H·W], the "raw pixels" representation.</summary>
    public Tensor Flattened() => Images.reshape(Count, -1);

    /// <inheritdoc/>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name}: {Count} images {Channels}x{Height}x{Width}, {ClassNames.Count} classes";
}
