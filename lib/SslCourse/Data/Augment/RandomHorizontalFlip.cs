namespace SslCourse.Data.Augment;

/// <summary>Mirrors each image left to right with probability <paramref name="p"/>.</summary>
public sealed class RandomHorizontalFlip(double p = 0.5) : Augmentation(p)
{
    protected override Pixels Apply(Pixels images, torch.Generator generator)
    {
        var (data, n, c, h, w) = images;
        var flipped = DrawApplied(generator, n);
        ForEachImage(n, c * h * w, i =>
        {
            if (!flipped[i]) return;
            for (int row = i * c * h; row < (i + 1) * c * h; row++) data.AsSpan(row * w, w).Reverse();
        });
        return images;
    }

    public override string ToString() => FormattableString.Invariant($"RandomHorizontalFlip(p={this.p})");
}
