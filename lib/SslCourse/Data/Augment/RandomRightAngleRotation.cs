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

    /// <summary>The rotated images [N, C, H, W] and each one's number of quarter turns k, int64 [N].</summary>
    public (Tensor images, Tensor labels) forward_with_labels(Tensor images, torch.Generator? generator = null)
    {
        long[] turns = [];
        var rotated = OnContiguous(images, nameof(RandomRightAngleRotation), batch =>
        {
            turns = DrawTurns(generator ?? torch.default_generator, (int)batch.size(0));
            return Rotate(batch, turns);
        });
        return (rotated, torch.tensor(turns));
    }

    /// <summary>
    /// Every image in all four rotations: images [4N, C, H, W], first all N unrotated, then all N turned once, and so
    /// on; labels int64 [4N] hold the k of each.
    /// </summary>
    public static (Tensor images, Tensor labels) all_rotations(Tensor images)
    {
        int n = images.dim() == 4 ? (int)images.size(0) : 0;
        var turns = new long[4 * n];
        for (int k = 0; k < 4; k++) Array.Fill(turns, k, k * n, n);
        var rotated = OnContiguous(images, "RandomRightAngleRotation.all_rotations", batch =>
        {
            using var copies = torch.cat([batch, batch, batch, batch], 0);
            return Rotate(copies, turns);
        });
        return (rotated, torch.tensor(turns));
    }

    protected override Tensor Apply(Tensor images, torch.Generator generator) => Rotate(images, DrawTurns(generator, (int)images.size(0)));

    static long[] DrawTurns(torch.Generator generator, int n)
    {
        var turns = new long[n];
        for (int i = 0; i < n; i++) turns[i] = generator.NextLong(4);
        return turns;
    }

    /// <summary>Image i of a checked batch turned <paramref name="turns"/>[i] quarter turns counter-clockwise.</summary>
    static Tensor Rotate(Tensor images, long[] turns)
    {
        var (n, c, h, w) = Sizes(images);
        if (h != w) throw new ArgumentException($"RandomRightAngleRotation: expected square images, got {h}x{w}.");
        var result = Tensor.Empty([n, c, h, w], torch.ScalarType.Float32);
        float[] source = images.Storage.F!, target = result.Storage.F!;
        int offset = images.Offset, plane = h * w, last = h - 1;
        ForEachImage(n, c * plane, i =>
        {
            for (int ch = 0; ch < c; ch++)
            {
                int from = offset + (i * c + ch) * plane, to = (i * c + ch) * plane;
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++)
                        target[to + y * w + x] = turns[i] switch
                        {
                            0 => source[from + y * w + x],
                            1 => source[from + x * w + last - y],
                            2 => source[from + (last - y) * w + last - x],
                            _ => source[from + (last - x) * w + y],
                        };
            }
        });
        return result;
    }

    public override string ToString() => "RandomRightAngleRotation()";
}
