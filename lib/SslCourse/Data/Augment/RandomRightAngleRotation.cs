namespace SslCourse.Data.Augment;

/// <summary>
/// Rotates each square image by k·90° counter-clockwise (as <c>torch.rot90</c>), k drawn uniformly from {0, 1, 2, 3}:
/// the pretext task of RotNet, where a network learns to tell k from the rotated image.
/// <see cref="forward_with_labels"/> also returns the k of each image; <see cref="all_rotations"/> gives all four.
/// </summary>
public sealed class RandomRightAngleRotation : Augmentation
{
    /// <summary>Rotates every image (RotNet draws a rotation for each; there is no "leave it" probability).</summary>
    public RandomRightAngleRotation() { }

    /// <summary>The rotated images [N, C, H, W] and each one's number of quarter turns k, int64 [N], on the images' device.</summary>
    public (Tensor images, Tensor labels) forward_with_labels(Tensor images, torch.Generator? generator = null)
    {
        long[] turns = [];
        var rotated = Transformed(images, nameof(RandomRightAngleRotation), batch =>
        {
            turns = DrawTurns(generator ?? torch.Generator.Default, batch.N);
            return Rotate(batch, turns);
        });
        return (rotated, Labels(turns, images.device));
    }

    /// <summary>
    /// Every image in all four rotations: images [4N, C, H, W], first all N unrotated, then all N turned once, and so
    /// on; labels int64 [4N] hold the k of each.
    /// </summary>
    public static (Tensor images, Tensor labels) all_rotations(Tensor images)
    {
        long[] turns = [];
        var rotated = Transformed(images, "RandomRightAngleRotation.all_rotations", batch =>
        {
            int n = batch.N, length = batch.Values.Length;
            turns = new long[4 * n];
            var copies = new float[4 * length];
            for (int k = 0; k < 4; k++)
            {
                Array.Fill(turns, k, k * n, n);
                batch.Values.CopyTo(copies, k * length);
            }
            return Rotate(batch with { Values = copies, N = 4 * n }, turns);
        });
        return (rotated, Labels(turns, images.device));
    }

    /// <summary>The quarter turns as int64 labels, on the images' device.</summary>
    static Tensor Labels(long[] turns, torch.Device device) => torch.tensor(turns, device: device);

    protected override Pixels Apply(Pixels images, torch.Generator generator) => Rotate(images, DrawTurns(generator, images.N));

    static long[] DrawTurns(torch.Generator generator, int n)
    {
        var turns = new long[n];
        for (int i = 0; i < n; i++) turns[i] = generator.NextLong(4);
        return turns;
    }

    /// <summary>Image i of a batch turned <paramref name="turns"/>[i] quarter turns counter-clockwise.</summary>
    static Pixels Rotate(Pixels images, long[] turns)
    {
        var (source, n, c, h, w) = images;
        if (h != w) throw new ArgumentException($"RandomRightAngleRotation: expected square images, got {h}x{w}.");
        var target = new float[source.Length];
        int plane = h * w, last = h - 1;
        ForEachImage(n, c * plane, i =>
        {
            for (int ch = 0; ch < c; ch++)
            {
                int start = (i * c + ch) * plane;
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++)
                        target[start + y * w + x] = turns[i] switch
                        {
                            0 => source[start + y * w + x],
                            1 => source[start + x * w + last - y],
                            2 => source[start + (last - y) * w + last - x],
                            _ => source[start + (last - x) * w + y],
                        };
            }
        });
        return images with { Values = target };
    }

    public override string ToString() => "RandomRightAngleRotation()";
}
