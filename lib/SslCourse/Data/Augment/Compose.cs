namespace SslCourse.Data.Augment;

/// <summary>Applies augmentations one after another, each drawing from the same generator.</summary>
public sealed class Compose(params Augmentation[] transforms) : Augmentation
{
    /// <summary>The augmentations, in the order they run.</summary>
    public IReadOnlyList<Augmentation> transforms { get; } = transforms.ToArray();

    protected override Tensor Apply(Tensor images, torch.Generator generator)
    {
        if (transforms.Count == 0) return images.clone();
        var current = images;
        foreach (var transform in transforms)
        {
            var next = transform.forward(current, generator);
            if (!ReferenceEquals(current, images)) current.Dispose();  // an intermediate batch nobody else holds
            current = next;
        }
        return current;
    }

    public override string ToString() => "Compose(\n" + string.Concat(transforms.Select(t => $"  {t},\n")) + ")";
}
