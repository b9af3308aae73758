namespace SslCourse.Cpu;

internal sealed partial class CpuBackend
{
    public void SoftmaxRows(Tensor src, int rows, int n, bool log, Tensor dst)
    {
        var x = src.Storage.F!; var y = dst.Storage.F!;
        ForRows(rows, n, r =>
        {
            int from = src.Offset + r * n, to = r * n;
            float max = float.NegativeInfinity;
            for (int i = 0; i < n; i++) max = Math.Max(max, x[from + i]);
            if (float.IsNegativeInfinity(max)) max = 0;  // avoids -inf - -inf; an all -inf row still gives NaN, as in PyTorch
            double sum = 0;
            for (int i = 0; i < n; i++) sum += Math.Exp(x[from + i] - max);
            if (log)
            {
                float lse = max + (float)Math.Log(sum);
                for (int i = 0; i < n; i++) y[to + i] = x[from + i] - lse;
            }
            else
            {
                double inv = 1 / sum;
                for (int i = 0; i < n; i++) y[to + i] = (float)(Math.Exp(x[from + i] - max) * inv);
            }
        });
    }
}
