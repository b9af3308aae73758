namespace SslCourse;

/// <summary>
/// The three products of a 2-D convolution computed through patch columns (im2col) and GEMM, a chunk of images at a
/// time so the columns never take more than a few megabytes: the forward pass, the gradient with respect to the input
/// (which is also the transposed convolution) and the gradient with respect to the weight. A chunk's columns lie side
/// by side, [C·kh·kw, images·OutH·OutW], so each pass is one wide matrix product per group rather than one small
/// product per image. Nothing is kept between passes — the backward pass unfolds the input again — so memory stays at
/// the size of the activations.
/// </summary>
internal static class Convolution
{
    const long ColumnBudget = 1 << 20;   // floats of patch columns per chunk (4 MiB: the product's packing then reads them from cache)

    static int ChunkOf(ConvGeometry g) => (int)Math.Max(1, ColumnBudget / ((long)g.Patch * g.OutH * g.OutW));

    /// <summary>y [N, O, OutH, OutW] = w [O, C/groups, kh, kw] ⊛ x [N, C, H, W].</summary>
    public static Tensor Forward(Tensor x, Tensor w, ConvGeometry g, int groups)
    {
        int n = x.Shape[0], o = w.Shape[0];
        var y = Tensor.Empty([n, o, g.OutH, g.OutW], torch.ScalarType.Float32, x.device);
        var filters = w.reshape(groups, o / groups, -1);                                     // [G, O/G, C/G·kh·kw]
        for (int start = 0, chunk = ChunkOf(g); start < n; start += chunk)
        {
            using var scope = torch.NewDisposeScope();
            int count = Math.Min(chunk, n - start);
            var columns = Unfold(x.narrow(0, start, count), g, groups);                        // [G, C/G·kh·kw, count·L]
            var outputs = filters.matmul(columns).view(o, count, g.OutH, g.OutW);              // [O, count, OutH, OutW]
            y.narrow(0, start, count).copy_(outputs.transpose(0, 1));
        }
        return y;
    }

    /// <summary>dx [N, C, H, W] from dy [N, O, OutH, OutW]: columns wᵀ·dy folded back onto the image.</summary>
    public static Tensor InputGradient(Tensor dy, Tensor w, ConvGeometry g, int groups)
    {
        int n = dy.Shape[0], o = w.Shape[0];
        var dx = Tensor.Empty([n, g.Channels, g.Height, g.Width], torch.ScalarType.Float32, dy.device);
        var filtersT = w.reshape(groups, o / groups, -1).mT;                                  // [G, C/G·kh·kw, O/G]
        for (int start = 0, chunk = ChunkOf(g); start < n; start += chunk)
        {
            using var scope = torch.NewDisposeScope();
            int count = Math.Min(chunk, n - start);
            var columns = filtersT.matmul(SideBySide(dy.narrow(0, start, count), groups)).view(g.Patch, -1);   // [C·kh·kw, count·L]
            dy.Backend.Col2Im(columns, g, dx.narrow(0, start, count));
        }
        return dx;
    }

    /// <summary>dw [O, C/groups, kh, kw] = Σ over images of dy·columnsᵀ.</summary>
    public static Tensor WeightGradient(Tensor x, Tensor dy, ConvGeometry g, int groups)
    {
        int n = x.Shape[0], o = dy.Shape[1];
        var dw = torch.zeros([groups, o / groups, g.Patch / groups]);
        for (int start = 0, chunk = ChunkOf(g); start < n; start += chunk)
        {
            using var scope = torch.NewDisposeScope();
            int count = Math.Min(chunk, n - start);
            var columns = Unfold(x.narrow(0, start, count), g, groups);                        // [G, C/G·kh·kw, count·L]
            dw.add_(SideBySide(dy.narrow(0, start, count), groups).matmul(columns.mT));
        }
        return dw.view(o, g.Patch / groups / (g.KernelH * g.KernelW), g.KernelH, g.KernelW);
    }

    // The chunk's patch columns, images side by side: [G, C/G·kh·kw, count·OutH·OutW].
    static Tensor Unfold(Tensor images, ConvGeometry g, int groups)
    {
        var columns = Tensor.Empty([g.Patch, images.Shape[0] * g.OutH * g.OutW], torch.ScalarType.Float32, images.device);
        images.Backend.Im2Col(images.contiguous(), g, 0f, columns);
        return columns.view(groups, g.Patch / groups, -1);
    }

    // Output-shaped gradients [count, O, OutH, OutW] as [G, O/G, count·OutH·OutW], matching the columns' layout.
    static Tensor SideBySide(Tensor dy, int groups) =>
        dy.transpose(0, 1).reshape(groups, dy.Shape[1] / groups, -1);
}
