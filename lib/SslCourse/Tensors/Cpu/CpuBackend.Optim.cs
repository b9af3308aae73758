namespace SslCourse.Cpu;

internal sealed partial class CpuBackend
{
    public void AdamStep(Tensor param, Tensor grad, Tensor m, Tensor v, double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled, long step)
    {
        float[] p = param.Storage.F!, g = grad.Storage.F!, mm = m.Storage.F!, vv = v.Storage.F!;
        int po = param.Offset, go = grad.Offset, mo = m.Offset, vo = v.Offset, n = param.Numel;
        double correction1 = 1 - Math.Pow(beta1, step), correction2 = 1 - Math.Pow(beta2, step);
        float b1 = (float)beta1, b2 = (float)beta2, stepSize = (float)(lr / correction1), rootCorrection2 = (float)Math.Sqrt(correction2);
        float decay = decoupled ? (float)(1 - lr * weightDecay) : 1f, l2 = decoupled ? 0f : (float)weightDecay;
        for (int i = 0; i < n; i++)
        {
            float w = p[po + i] * decay;
            float gi = g[go + i] + l2 * w;
            float mi = mm[mo + i] = b1 * mm[mo + i] + (1 - b1) * gi;
            float vi = vv[vo + i] = b2 * vv[vo + i] + (1 - b2) * gi * gi;
            p[po + i] = w - stepSize * mi / (MathF.Sqrt(vi) / rootCorrection2 + (float)eps);
        }
    }
}
