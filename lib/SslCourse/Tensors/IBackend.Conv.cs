namespace SslCourse;

internal partial interface IBackend
{
    /// <summary>
    /// Unfolds contiguous images [N, C, H, W] into patch columns [N, C·kh·kw, OutH·OutW]; positions in the padding
    /// read <paramref name="padValue"/>.
    /// </summary>
    /// <remarks>
    /// Columns are [N, Patch, OutH·OutW] (image by image), or [Patch, N·OutH·OutW] with the images side by side so that
    /// one matrix product covers the whole batch.
    /// </remarks>
    void Im2Col(Tensor images, ConvGeometry g, float padValue, Tensor columns);

    /// <summary>The adjoint of <see cref="Im2Col"/>: adds each column entry back into its image position (padding dropped).</summary>
    void Col2Im(Tensor columns, ConvGeometry g, Tensor images);
}
