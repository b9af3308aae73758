namespace SslCourse.Data.Augment;

/// <summary>
/// Standardises each channel: (x − mean[c]) / std[c]. Not random; it sits at the end of a pipeline so that a network
/// sees inputs of about zero mean and unit variance.
/// </summary>
public sealed class Normalize : Augmentation
{
    readonly float[] _mean, _std;

    /// <param name="mean">One mean per channel.</param>
    /// <param name="std">One standard deviation per channel, positive.</param>
    public Normalize(double[] mean, double[] std)
    {
        if (mean.Length == 0 || mean.Length != std.Length)
            throw new ArgumentException($"Normalize: expected one mean and one std per channel, got {mean.Length} means and {std.Length} stds.");
        if (std.Any(s => !(s > 0)))
            throw new ArgumentOutOfRangeException(nameof(std), $"Normalize: every std must be positive, got [{string.Join(", ", std)}].");
        _mean = Array.ConvertAll(mean, m => (float)m);
        _std = Array.ConvertAll(std, s => (float)s);
    }

    public IReadOnlyList<float> mean => _mean;
    public IReadOnlyList<float> std => _std;

    protected override Pixels Apply(Pixels images, torch.Generator generator)
    {
        var (data, n, c, h, w) = images;
        if (c != _mean.Length)
            throw new ArgumentException($"Normalize: {_mean.Length} means and stds for images with {c} channel{(c == 1 ? "" : "s")} {TensorInterop.ShapeText([n, c, h, w])}.");
        int plane = h * w;
        ForEachImage(n, c * plane, i =>
        {
            for (int ch = 0; ch < c; ch++)
            {
                float mean = _mean[ch], std = _std[ch];
                foreach (ref float v in data.AsSpan((i * c + ch) * plane, plane)) v = (v - mean) / std;
            }
        });
        return images;
    }

    public override string ToString() =>
        FormattableString.Invariant($"Normalize(mean=[{string.Join(", ", _mean)}], std=[{string.Join(", ", _std)}])");
}
