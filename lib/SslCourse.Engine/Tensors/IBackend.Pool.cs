namespace SslCourse;

internal partial interface IBackend
{
    /// <summary>
    /// Max pooling of contiguous planes [P, H, W] (H × W the real input; <paramref name="g"/> may be taller or wider for
    /// ceil mode) into <paramref name="output"/> [P, OutH, OutW], with the winning position of each window
    /// (an index into its H·W plane) in <paramref name="argmax"/> [P·OutH·OutW], an int64 tensor so that its buffer comes from the
    /// storage pool like the output's. Padding and ceil-mode positions never win.
    /// </summary>
    void MaxPool2d(Tensor planes, ConvGeometry g, Tensor output, Tensor argmax);

    /// <summary>The adjoint of <see cref="MaxPool2d"/>: adds each output gradient [P, OutH, OutW] to its window's winner in <paramref name="inputGrad"/> [P, H, W].</summary>
    void MaxPool2dBackward(Tensor outputGrad, Tensor argmax, Tensor inputGrad);
}
