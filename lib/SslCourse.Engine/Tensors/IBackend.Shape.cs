namespace SslCourse;

internal partial interface IBackend
{
    /// <summary>dst[i..] = src[i.. with index[i..] in place of position dim]; index and dst share a shape, all contiguous.</summary>
    void Gather(Tensor src, int dim, Tensor index, Tensor dst);

    /// <summary>dst[i.. with index[i..] at dim] (+)= src[i..]; index and src share a shape, all contiguous, dst any dtype.</summary>
    void Scatter(Tensor dst, int dim, Tensor index, Tensor src, bool accumulate);

    /// <summary>For each row of a contiguous [rows, n] src, the positions that sort it (stable), into int64 dst [rows, n].</summary>
    void ArgsortRows(Tensor src, int rows, int n, bool descending, Tensor dst);

    /// <summary>Running sums along each row of a contiguous [rows, n] src into dst (same dtype).</summary>
    void CumsumRows(Tensor src, int rows, int n, Tensor dst);
}
