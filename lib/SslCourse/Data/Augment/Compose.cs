namespace SslCourse.Data.Augment;

/// <summary>Applies augmentations one after another, each drawing from the same generator.</summary>
public sealed class Compose(params Augmentation[] transforms) : Augmentation
{
    /// <summary>The augmentations, in the order they run.</summary>
    public IReadOnlyList<Augmentation> transforms { get; } = transforms.ToArray();

    protected override Pixels Apply(Pixels images, torch.Generator generator)
    {
        foreach (var transform in transforms) images = ApplyStep(transform, images, generator);
        return images;
    }

    public override string ToString() => "Compose(\n" + string.Concat(transforms.Select(t => $"  {t},\n")) + ")";
}
