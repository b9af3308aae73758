namespace SslCourse;

/// <summary>
/// The three products of a 2-D convolution as matrix products with the patch matrix (im2col): the forward pass, the
/// gradient with respect to the input (which is also the transposed convolution) and the gradient with respect to the
/// weight. The patches are never stored — the products pack them straight from the images
/// (<see cref="IBackend.MatMulPatches"/>) — and nothing is kept between passes, so memory stays at the size of the
/// activations. Images go a chunk at a time, side by side as the columns of one wide product per group.
/// </summary>
internal static class Convolution
{
    const long ChunkBudget = 1 << 20;   // floats of per-chunk scratch (outputs or column gradients): 4 MiB

    static int ChunkOf(long floatsPerImage) => (int)Math.Max(1, ChunkBudget / floatsPerImage);

    /// <summary>y [N, O, OutH, OutW] = w [O, C/groups, kh, kw] ⊛ x [N, C, H, W].</summary>
    public static Tensor Forward(Tensor x, Tensor w, ConvGeometry g, int groups)
    {
        int n = x.Shape[0], o = w.Shape[0];
        var y = Tensor.Uninitialized([n, o, g.OutH, g.OutW], torch.ScalarType.Float32, x.device);   // every chunk's outputs are copied in
        var images = x.contiguous();
        var filters = w.reshape(groups, o / groups, -1);                                     // [G, O/G, C/G·kh·kw]
        for (int start = 0, chunk = ChunkOf((long)o * g.OutH * g.OutW); start < n; start += chunk)
        {
            using var scope = torch.NewDisposeScope();
            int count = Math.Min(chunk, n - start);
            var outputs = Tensor.Empty([groups, o / groups, count * g.OutH * g.OutW], torch.ScalarType.Float32, x.device);
            x.Backend.MatMulPatches(filters, images.narrow(0, start, count), g, outputs);
            y.narrow(0, start, count).copy_(outputs.view(o, count, g.OutH, g.OutW).transpose(0, 1));
        }
        return y;
    }

    /// <summary>dx [N, C, H, W] from dy [N, O, OutH, OutW].</summary>
    public static Tensor InputGradient(Tensor dy, Tensor w, ConvGeometry g, int groups)
    {
        // At stride 1 the input gradient is itself a convolution: of dy, padded so that every output an input pixel
        // touched lines up with it, by the filters turned around (channels swapped, kernel rotated half a turn).
        int padH = g.DilationH * (g.KernelH - 1) - g.PadH, padW = g.DilationW * (g.KernelW - 1) - g.PadW;
        if (g.StrideH == 1 && g.StrideW == 1 && padH >= 0 && padW >= 0)
        {
            int o = w.Shape[0], c = w.Shape[1] * groups;
            var turned = w.view(groups, o / groups, c / groups, g.KernelH, g.KernelW).transpose(1, 2).flip(3, 4)
                .reshape(c, o / groups, g.KernelH, g.KernelW);                                  // [C, O/G, kh, kw]
            var back = new ConvGeometry(o, g.OutH, g.OutW, g.KernelH, g.KernelW, 1, 1, padH, padW, g.DilationH, g.DilationW);
            return Forward(dy, turned, back, groups);
        }
        return FoldedInputGradient(dy, w, g, groups);
    }

    // Any stride: column gradients wᵀ·dy, folded back onto the image.
    static Tensor FoldedInputGradient(Tensor dy, Tensor w, ConvGeometry g, int groups)
    {
        int n = dy.Shape[0], o = w.Shape[0];
        var dx = Tensor.Empty([n, g.Channels, g.Height, g.Width], torch.ScalarType.Float32, dy.device);
        var filtersT = w.reshape(groups, o / groups, -1).mT;                                  // [G, C/G·kh·kw, O/G]
        for (int start = 0, chunk = ChunkOf((long)g.Patch * g.OutH * g.OutW); start < n; start += chunk)
        {
            using var scope = torch.NewDisposeScope();
            int count = Math.Min(chunk, n - start);
            var columns = filtersT.matmul(SideBySide(dy.narrow(0, start, count), groups)).view(g.Patch, -1);   // [C·kh·kw, count·L]
            dy.Backend.Col2Im(columns, g, dx.narrow(0, start, count));
        }
        return dx;
    }

    /// <summary>dw [O, C/groups, kh, kw] = Σ over images of dy·patchesᵀ.</summary>
    public static Tensor WeightGradient(Tensor x, Tensor dy, ConvGeometry g, int groups)
    {
        int n = x.Shape[0], o = dy.Shape[1];
        var dw = torch.zeros([groups, o / groups, g.Patch / groups], device: x.device);
        var images = x.contiguous();
        for (int start = 0, chunk = ChunkOf((long)o * g.OutH * g.OutW); start < n; start += chunk)
        {
            using var scope = torch.NewDisposeScope();
            int count = Math.Min(chunk, n - start);
            x.Backend.MatMulPatchesTransposed(SideBySide(dy.narrow(0, start, count), groups), images.narrow(0, start, count), g, dw);
        }
        return dw.view(o, g.Patch / groups / (g.KernelH * g.KernelW), g.KernelH, g.KernelW);
    }

    // Output-shaped gradients [count, O, OutH, OutW] as [G, O/G, count·OutH·OutW], matching the patch columns' layout.
    static Tensor SideBySide(Tensor dy, int groups) =>
        dy.transpose(0, 1).reshape(groups, dy.Shape[1] / groups, -1);
}
