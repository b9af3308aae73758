namespace SslCourse.Data.Augment;

/// <summary>
/// Turns each RGB image grey (ITU-R 601 luma) with probability <paramref name="p"/>, keeping its three channels so
/// the batch keeps one shape. Single-channel images are grey already and pass through.
/// </summary>
public sealed class RandomGrayscale(double p = 0.1) : Augmentation(p)
{
    protected override Pixels Apply(Pixels images, torch.Generator generator)
    {
        var (data, n, c, h, w) = images;
        var grey = DrawApplied(generator, n);
        if (c == 1) return images;  // grey already
        int plane = h * w;
        ForEachImage(n, 3 * plane, i =>
        {
            if (!grey[i]) return;
            int r = i * 3 * plane, g = r + plane, b = g + plane;
            for (int k = 0; k < plane; k++)
                data[r + k] = data[g + k] = data[b + k] = Rgb.Luma(data[r + k], data[g + k], data[b + k]);
        });
        return images;
    }

    public override string ToString() => FormattableString.Invariant($"RandomGrayscale(p={this.p})");
}
