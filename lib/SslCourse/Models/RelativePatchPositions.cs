
namespace SslCourse.Models;

/// <summary>
/// Draws the training pairs of the context-prediction task. Each image is cut into a 3×3 grid of square patches
/// separated by a gap; the pair is the centre patch and one of its eight neighbours, numbered row by row:
/// <code>
/// 0 1 2
/// 3 · 4
/// 5 6 7
/// </code>
/// The gap and a random jitter of each patch keep the task from being solved by lining up edges across the border.
/// </summary>
public static class RelativePatchPositions
{
    /// <summary>(row, column) offset of each neighbour label from the centre.</summary>
    public static readonly (int Row, int Column)[] Offsets = [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)];

    /// <summary>
    /// For each image of [B, C, H, W], a centre patch, a random neighbour and its label 0–7: patches of
    /// <paramref name="patchSize"/>, <paramref name="gap"/> pixels apart, the grid placed at random and every patch moved
    /// by up to <paramref name="jitter"/> pixels. Returns ([B, C, P, P], [B, C, P, P], int64 [B]).
    /// </summary>
    public static (Tensor centres, Tensor neighbours, Tensor labels) Sample(Tensor images, int patchSize, int gap, int jitter, Generator? generator = null)
    {
        if (images.dim() != 4) throw new ArgumentException($"RelativePatchPositions.Sample: expected images [B, C, H, W], got {images.ShapeText()}.");
        int b = (int)images.shape[0], h = (int)images.shape[2], w = (int)images.shape[3];
        int span = 3 * patchSize + 2 * gap + 2 * jitter;
        if (patchSize < 1 || gap < 0 || jitter < 0 || span > Math.Min(h, w))
            throw new ArgumentException($"RelativePatchPositions.Sample: a 3×3 grid of {patchSize}-pixel patches with gap {gap} and jitter {jitter} needs {span} pixels, the images are {h}×{w}.");
        var centres = new Tensor[b];
        var neighbours = new Tensor[b];
        var labels = new long[b];
        var g = generator ?? Generator.Default;
        for (int i = 0; i < b; i++)
        {
            int top = (int)g.NextLong(h - span + 1) + jitter;
            int left = (int)g.NextLong(w - span + 1) + jitter;
            int label = (int)g.NextLong(8);
            labels[i] = label;
            centres[i] = Patch(images[i], top, left, 1, 1, patchSize, gap, jitter, g);
            var (row, column) = Offsets[label];
            neighbours[i] = Patch(images[i], top, left, 1 + row, 1 + column, patchSize, gap, jitter, g);
        }
        return (stack(centres), stack(neighbours), tensor(labels, device: images.device));
    }

    // The patch in grid cell (row, column) of a grid whose top-left cell starts at (top, left), moved by a random jitter.
    static Tensor Patch(Tensor image, int top, int left, int row, int column, int size, int gap, int jitter, Generator generator)
    {
        int y = top + row * (size + gap) - jitter + (int)generator.NextLong(2 * jitter + 1);
        int x = left + column * (size + gap) - jitter + (int)generator.NextLong(2 * jitter + 1);
        return image.narrow(1, y, size).narrow(2, x, size);
    }
}
