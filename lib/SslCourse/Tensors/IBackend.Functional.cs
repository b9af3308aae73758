namespace SslCourse;

internal partial interface IBackend
{
    /// <summary>Softmax (or log-softmax) of each row of a contiguous [rows, n] src into dst, shifted by the row max for stability.</summary>
    void SoftmaxRows(Tensor src, int rows, int n, bool log, Tensor dst);
}
