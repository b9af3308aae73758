namespace SslCourse;

internal partial interface IBackend
{
    /// <summary>
    /// Unfolds contiguous images [N, C, H, W] into patch columns [N, C·kh·kw, OutH·OutW]; positions in the padding
    /// read <paramref name="padValue"/>.
    /// </summary>
    void Im2Col(Tensor images, ConvGeometry g, float padValue, Tensor columns);

    /// <summary>
    /// The adjoint of <see cref="Im2Col"/>: adds each column entry back into its image position (padding dropped).
    /// Columns are [N, Patch, OutH·OutW] (image by image), or [Patch, N·OutH·OutW] with the images side by side, as a
    /// matrix product over the whole batch leaves them.
    /// </summary>
    void Col2Im(Tensor columns, ConvGeometry g, Tensor images);

    /// <summary>
    /// dst[G, M, N·OutH·OutW] += a[G, M, C/G·kh·kw] · the patch columns of contiguous images [N, C, H, W] (zero
    /// padding), group by group: a convolution without its patches ever being stored. dst is contiguous.
    /// </summary>
    void MatMulPatches(Tensor a, Tensor images, ConvGeometry g, Tensor dst);

    /// <summary>dst[G, M, C/G·kh·kw] += a[G, M, N·OutH·OutW] · (the patch columns of images)ᵀ: a convolution's weight gradient.</summary>
    void MatMulPatchesTransposed(Tensor a, Tensor images, ConvGeometry g, Tensor dst);
}
