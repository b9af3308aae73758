namespace SslCourse.Cpu;

/// <summary>How many threads large kernels may use; small ops always run on the calling thread.</summary>
internal static class Threading
{
    static int _threads = Environment.ProcessorCount;

    public static int NumThreads
    {
        get => _threads;
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), $"set_num_threads: need at least 1 thread, got {value}.");
            _threads = value;
            Options = new ParallelOptions { MaxDegreeOfParallelism = value };
        }
    }

    public static ParallelOptions Options { get; private set; } = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };
}
