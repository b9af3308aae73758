using SslCourse.Cpu.Simd;

namespace SslCourse.Cpu;

// Softmax, normalisation and NLL kernels. Operands are contiguous (possibly at an offset); sums are
// accumulated in double so that long rows and large batches keep float32 accuracy.
internal sealed partial class CpuBackend
{
    public void Softmax(Tensor src, int outer, int n, int inner, bool log, Tensor dst)
    {
        var x = src.Storage.F!; var y = dst.Storage.F!;
        ForRows(outer * inner, n, UnaryParallelElements, row =>
        {
            int start = row / inner * n * inner + row % inner, xs = src.Offset + start, ys = dst.Offset + start;
            // Subtracting the row's maximum keeps exp() from overflowing; it cancels in the ratio.
            float max = float.NegativeInfinity;
            for (int k = 0; k < n; k++) max = Math.Max(max, x[xs + k * inner]);
            if (float.IsNegativeInfinity(max)) max = 0;   // an all -inf row gives NaN, as in PyTorch
            if (log)
            {
                double sum = 0;
                for (int k = 0; k < n; k++) sum += VecMath.Exp(x[xs + k * inner] - max);
                float logSum = (float)Math.Log(sum) + max;
                for (int k = 0; k < n; k++) y[ys + k * inner] = x[xs + k * inner] - logSum;
            }
            else if (inner == 1)
            {
                // A contiguous row (the last dimension): exp, sum and rescale as vector loops.
                FloatUnaryRows.Apply<ExpOp>(x.AsSpan(xs, n), y.AsSpan(ys, n), max);
                FloatUnaryRows.Apply<MulScalarOp>(y.AsSpan(ys, n), y.AsSpan(ys, n), (float)(1 / FloatRows.Sum(ref y[ys], n)));
            }
            else
            {
                double sum = 0;
                for (int k = 0; k < n; k++) sum += y[ys + k * inner] = VecMath.Exp(x[xs + k * inner] - max);
                float scale = (float)(1 / sum);
                for (int k = 0; k < n; k++) y[ys + k * inner] *= scale;
            }
        });
    }

    public void SoftmaxBackward(Tensor y, Tensor dy, int outer, int n, int inner, bool log, Tensor dx)
    {
        var Y = y.Storage.F!; var G = dy.Storage.F!; var D = dx.Storage.F!;
        ForRows(outer * inner, n, UnaryParallelElements, row =>
        {
            int base0 = row / inner * n * inner + row % inner, ys = y.Offset + base0, gs = dy.Offset + base0, ds = dx.Offset + base0;
            // softmax:     dx = y * (dy - Σ dy·y)
            // log_softmax: dx = dy - exp(y) * Σ dy
            if (!log && inner == 1)
            {
                float dot = (float)FloatRows.Dot(ref G[gs], ref Y[ys], n);
                FloatRows.Binary<SubOp>(ref G[gs], 1, ref dot, 0, ref D[ds], n);
                FloatRows.Binary<MulOp>(ref Y[ys], 1, ref D[ds], 1, ref D[ds], n);
                return;
            }
            double sum = 0;
            for (int k = 0; k < n; k++) sum += log ? G[gs + k * inner] : G[gs + k * inner] * Y[ys + k * inner];
            for (int k = 0; k < n; k++)
            {
                float yk = Y[ys + k * inner], gk = G[gs + k * inner];
                D[ds + k * inner] = log ? gk - VecMath.Exp(yk) * (float)sum : yk * (gk - (float)sum);
            }
        });
    }

    public void LayerNorm(Tensor src, Tensor? weight, Tensor? bias, double eps, Tensor dst, Tensor mean, Tensor rstd)
    {
        int n = src.Shape[^1], rows = n == 0 ? 0 : src.Numel / n;
        var x = src.Storage.F!; var y = dst.Storage.F!;
        var w = weight?.Storage.F; var b = bias?.Storage.F;
        ForRows(rows, n, UnaryParallelElements, r =>
        {
            int xs = src.Offset + r * n, ys = dst.Offset + r * n;
            // Short vector passes over a row that stays in L1. Deviations are taken from the float mean μ₀ and then
            // corrected by their own mean δ (μ₀'s rounding), so a mean that is large against the spread loses nothing.
            float mu0 = (float)(FloatRows.Sum(ref x[xs], n) / n);
            FloatRows.Binary<SubOp>(ref x[xs], 1, ref mu0, 0, ref y[ys], n);
            double delta = FloatRows.Sum(ref y[ys], n) / n;
            float inv = (float)(1 / Math.Sqrt(Math.Max(FloatRows.Dot(ref y[ys], ref y[ys], n) / n - delta * delta, 0) + eps));
            mean.Storage.F![mean.Offset + r] = (float)(mu0 + delta);
            rstd.Storage.F![rstd.Offset + r] = inv;
            var row = y.AsSpan(ys, n);
            FloatUnaryRows.Apply<AddScalarOp>(row, row, (float)-delta);
            FloatUnaryRows.Apply<MulScalarOp>(row, row, inv);
            if (w is not null) FloatRows.Binary<MulOp>(ref y[ys], 1, ref w[weight!.Offset], 1, ref y[ys], n);
            if (b is not null) FloatRows.Binary<AddOp>(ref y[ys], 1, ref b[bias!.Offset], 1, ref y[ys], n);
        });
    }

    public void LayerNormBackward(Tensor dy, Tensor src, Tensor mean, Tensor rstd, Tensor? weight, Tensor dx, Tensor? dweight, Tensor? dbias)
    {
        int n = src.Shape[^1], rows = n == 0 ? 0 : src.Numel / n;
        var x = src.Storage.F!; var g = dy.Storage.F!; var d = dx.Storage.F!;
        var w = weight?.Storage.F;
        // Rows are shared out in a few slices, each summing its own weight and bias gradients; the slices' sums are
        // added in order, so the result does not depend on which thread finishes first.
        int slices = (long)rows * n >= UnaryParallelElements ? Math.Min(Threading.NumThreads, rows) : 1;
        var dwSums = new float[slices][];
        var dbSums = new float[slices][];
        ForRows(slices, 1, 1, slice =>
        {
            var dwSum = dweight is null ? null : dwSums[slice] = new float[n];
            var dbSum = dbias is null ? null : dbSums[slice] = new float[n];
            var xhat = new float[n];
            var gw = new float[n];
            for (int r = slice * rows / slices, end = (slice + 1) * rows / slices; r < end; r++)
            {
                int xs = src.Offset + r * n, gs = dy.Offset + r * n, ds = dx.Offset + r * n;
                float mu = mean.Storage.F![mean.Offset + r], inv = rstd.Storage.F![rstd.Offset + r];
                FloatRows.Binary<SubOp>(ref x[xs], 1, ref mu, 0, ref xhat[0], n);
                FloatUnaryRows.Apply<MulScalarOp>(xhat, xhat, inv);
                if (w is not null) FloatRows.Binary<MulOp>(ref g[gs], 1, ref w[weight!.Offset], 1, ref gw[0], n);
                else g.AsSpan(gs, n).CopyTo(gw);
                // With ĝ = dy·w and x̂ the normalised input: dx = inv · (ĝ − mean(ĝ) − x̂ · mean(ĝ·x̂)).
                float meanG = (float)(FloatRows.Sum(ref gw[0], n) / n), meanGX = (float)(FloatRows.Dot(ref gw[0], ref xhat[0], n) / n);
                var row = d.AsSpan(ds, n);
                FloatUnaryRows.Apply<MulScalarOp>(xhat, row, meanGX);
                FloatRows.Binary<SubOp>(ref gw[0], 1, ref d[ds], 1, ref d[ds], n);
                FloatUnaryRows.Apply<AddScalarOp>(row, row, -meanG);
                FloatUnaryRows.Apply<MulScalarOp>(row, row, inv);
                if (dwSum is not null)
                {
                    FloatRows.Binary<MulOp>(ref g[gs], 1, ref xhat[0], 1, ref gw[0], n);   // gw is free again: dy·x̂
                    FloatRows.Binary<AddOp>(ref dwSum[0], 1, ref gw[0], 1, ref dwSum[0], n);
                }
                if (dbSum is not null) FloatRows.Binary<AddOp>(ref dbSum[0], 1, ref g[gs], 1, ref dbSum[0], n);
            }
        });
        if (dweight is not null) for (int k = 0; k < n; k++) dweight.Storage.F![dweight.Offset + k] = dwSums.Sum(part => part[k]);
        if (dbias is not null) for (int k = 0; k < n; k++) dbias.Storage.F![dbias.Offset + k] = dbSums.Sum(part => part[k]);
    }

    // Batch norm works channel by channel (threaded over channels for large batches); a channel is n rows of s
    // contiguous floats, one per image, each handled with short vector passes through a row-sized scratch buffer.

    public void BatchNormStatistics(Tensor src, int n, int c, int s, Tensor mean, Tensor var)
    {
        var x = src.Storage.F!;
        double count = (double)n * s;
        if (count == 0) { Fill(mean, double.NaN); Fill(var, double.NaN); return; }   // no values: as 0/0
        ForChannels(n, c, s, (ch, scratch) =>
        {
            // Sums of deviations from one of the channel's own values, K, which is near the mean: the variance then
            // comes out accurately even when the mean is large against the spread.
            float k = x[src.Offset + ch * s];
            double sum = 0, sumSq = 0;
            for (int b = 0; b < n; b++)
            {
                FloatRows.Binary<SubOp>(ref x[src.Offset + (b * c + ch) * s], 1, ref k, 0, ref scratch[0], s);
                sum += FloatRows.Sum(ref scratch[0], s);
                sumSq += FloatRows.Dot(ref scratch[0], ref scratch[0], s);
            }
            double shift = sum / count;
            mean.Storage.F![mean.Offset + ch] = (float)(k + shift);
            var.Storage.F![var.Offset + ch] = (float)Math.Max(sumSq / count - shift * shift, 0);
        });
    }

    public void BatchNormApply(Tensor src, int n, int c, int s, Tensor mean, Tensor invstd, Tensor? weight, Tensor? bias, Tensor dst)
    {
        var x = src.Storage.F!; var y = dst.Storage.F!;
        ForChannels(n, c, s, (ch, _) =>
        {
            // Folded into a scale and a shift per channel: y = x·scale + shift.
            double inv = invstd.Storage.F![invstd.Offset + ch], mu = mean.Storage.F![mean.Offset + ch];
            double scale = inv * (weight is null ? 1 : weight.Storage.F![weight.Offset + ch]);
            float shift = (float)((bias is null ? 0 : bias.Storage.F![bias.Offset + ch]) - mu * scale);
            for (int b = 0; b < n; b++)
            {
                var row = y.AsSpan(dst.Offset + (b * c + ch) * s, s);
                FloatUnaryRows.Apply<MulScalarOp>(x.AsSpan(src.Offset + (b * c + ch) * s, s), row, (float)scale);
                FloatUnaryRows.Apply<AddScalarOp>(row, row, shift);
            }
        });
    }

    public void BatchNormBackward(Tensor dy, Tensor src, int n, int c, int s, Tensor mean, Tensor invstd, Tensor? weight,
        bool training, Tensor dx, Tensor? dweight, Tensor? dbias)
    {
        var x = src.Storage.F!; var g = dy.Storage.F!; var d = dx.Storage.F!;
        double count = (double)n * s;
        if (count == 0) { if (dweight is not null) Fill(dweight, 0); if (dbias is not null) Fill(dbias, 0); return; }
        ForChannels(n, c, s, (ch, centred) =>
        {
            float inv = invstd.Storage.F![invstd.Offset + ch], mu = mean.Storage.F![mean.Offset + ch];
            double w = weight is null ? 1 : weight.Storage.F![weight.Offset + ch];
            double sumG = 0, sumGX = 0;
            for (int b = 0; b < n; b++)
            {
                int xs = src.Offset + (b * c + ch) * s, gs = dy.Offset + (b * c + ch) * s;
                FloatRows.Binary<SubOp>(ref x[xs], 1, ref mu, 0, ref centred[0], s);
                sumG += FloatRows.Sum(ref g[gs], s);
                sumGX += FloatRows.Dot(ref g[gs], ref centred[0], s);
            }
            sumGX *= inv;
            if (dweight is not null) dweight.Storage.F![dweight.Offset + ch] = (float)sumGX;
            if (dbias is not null) dbias.Storage.F![dbias.Offset + ch] = (float)sumG;
            // Batch statistics depend on every x of the channel: dx = w·inv·(dy − mean(dy) − x̂·mean(dy·x̂)), with
            // x̂ = (x − μ)·inv, computed in one sweep as dy·w·inv + (x − μ)·(−w·inv²·mean(dy·x̂)) − w·inv·mean(dy).
            double meanG = training ? sumG / count : 0, meanGX = training ? sumGX / count : 0;
            float gScale = (float)(w * inv), xScale = (float)(-w * inv * inv * meanGX), offset = (float)(-w * inv * meanG);
            for (int b = 0; b < n; b++)
            {
                int xs = src.Offset + (b * c + ch) * s, gs = dy.Offset + (b * c + ch) * s, ds = dx.Offset + (b * c + ch) * s;
                FloatRows.Affine(ref g[gs], gScale, ref x[xs], mu, xScale, offset, ref d[ds], s);
            }
        });
    }

    /// <summary>Runs body(channel, scratch of s floats) for every channel, threaded when the batch is large.</summary>
    static void ForChannels(int n, int c, int s, Action<int, float[]> body)
    {
        if ((long)n * s == 0) return;
        ForRows(c, n * s, ch =>
        {
            var scratch = System.Buffers.ArrayPool<float>.Shared.Rent(Math.Max(s, 1));
            try { body(ch, scratch); }
            finally { System.Buffers.ArrayPool<float>.Shared.Return(scratch); }
        });
    }

    public void NllLoss(Tensor logp, int n, int c, int s, long[] target, Tensor? weight, long ignoreIndex, Tensor dst, Tensor weightOut)
    {
        var lp = logp.Storage.F!; var y = dst.Storage.F!; var wo = weightOut.Storage.F!;
        for (int b = 0; b < n; b++)
            for (int i = 0; i < s; i++)
            {
                int at = b * s + i;
                long t = target[at];
                if (t == ignoreIndex) { y[dst.Offset + at] = 0; wo[weightOut.Offset + at] = 0; continue; }
                float w = weight is null ? 1 : weight.Storage.F![weight.Offset + (int)t];
                y[dst.Offset + at] = -w * lp[logp.Offset + (b * c + (int)t) * s + i];
                wo[weightOut.Offset + at] = w;
            }
    }

    public void NllLossBackward(Tensor dy, int n, int c, int s, long[] target, Tensor? weight, long ignoreIndex, Tensor dx)
    {
        var g = dy.Storage.F!; var d = dx.Storage.F!;
        for (int b = 0; b < n; b++)
            for (int i = 0; i < s; i++)
            {
                long t = target[b * s + i];
                if (t == ignoreIndex) continue;
                float w = weight is null ? 1 : weight.Storage.F![weight.Offset + (int)t];
                d[dx.Offset + (b * c + (int)t) * s + i] = -w * g[dy.Offset + b * s + i];
            }
    }
}
