namespace SslCourse;

public static partial class torch
{
    /// <summary>Sets how many threads large kernels (matrix products, convolutions) may use.</summary>
    public static void set_num_threads(int num) => Cpu.Threading.NumThreads = num;

    /// <summary>How many threads large kernels may use (the processor count unless set).</summary>
    public static int get_num_threads() => Cpu.Threading.NumThreads;
}
