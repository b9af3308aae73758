namespace SslCourse.Data;

/// <summary>How far a file's download has got.</summary>
public readonly record struct DownloadProgress(string File, long BytesDone, long BytesTotal, double BytesPerSecond)
{
    /// <summary>Fraction done, in [0, 1].</summary>
    public double Fraction => BytesTotal > 0 ? Math.Min(1, (double)BytesDone / BytesTotal) : 0;
}
