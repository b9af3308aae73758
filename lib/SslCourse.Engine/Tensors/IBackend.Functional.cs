namespace SslCourse;

// Kernels behind torch.nn.functional's hot paths. Every operand here is contiguous (the ops make it so),
// and a tensor is seen as [outer, n, inner] around the dimension the kernel works along.
internal partial interface IBackend
{
    /// <summary>dst = softmax (or log_softmax when <paramref name="log"/>) of src along the middle axis of [outer, n, inner].</summary>
    void Softmax(Tensor src, int outer, int n, int inner, bool log, Tensor dst);

    /// <summary>Gradient of <see cref="Softmax"/> from its output y and the output's gradient dy.</summary>
    void SoftmaxBackward(Tensor y, Tensor dy, int outer, int n, int inner, bool log, Tensor dx);

    /// <summary>
    /// Normalises each row of a [rows, n] src to zero mean and unit variance, then scales and shifts by the
    /// optional [n] weight and bias; writes the rows' mean and 1/sqrt(var + eps) for the backward.
    /// </summary>
    void LayerNorm(Tensor src, Tensor? weight, Tensor? bias, double eps, Tensor dst, Tensor mean, Tensor rstd);

    /// <summary>Gradient of <see cref="LayerNorm"/>; dweight and dbias (when given) receive the sums over rows.</summary>
    void LayerNormBackward(Tensor dy, Tensor src, Tensor mean, Tensor rstd, Tensor? weight, Tensor dx, Tensor? dweight, Tensor? dbias);

    /// <summary>Per-channel mean and biased variance of src seen as [N, C, S], in one pass.</summary>
    void BatchNormStatistics(Tensor src, int n, int c, int s, Tensor mean, Tensor var);

    /// <summary>dst = (src - mean[c]) * invstd[c] * weight[c] + bias[c] for src seen as [N, C, S].</summary>
    void BatchNormApply(Tensor src, int n, int c, int s, Tensor mean, Tensor invstd, Tensor? weight, Tensor? bias, Tensor dst);

    /// <summary>
    /// Gradient of <see cref="BatchNormApply"/>. With <paramref name="training"/> the mean and invstd came from
    /// this batch, so dx also carries their dependence on src; otherwise they were constants.
    /// </summary>
    void BatchNormBackward(Tensor dy, Tensor src, int n, int c, int s, Tensor mean, Tensor invstd, Tensor? weight,
        bool training, Tensor dx, Tensor? dweight, Tensor? dbias);

    /// <summary>
    /// Negative log-likelihood per position for logp seen as [N, C, S] and targets [N*S]: dst[i] = -w[t]·logp[t],
    /// and 0 where the target is <paramref name="ignoreIndex"/>; weightOut[i] receives w[t] (0 where ignored).
    /// Targets are already checked to lie in range.
    /// </summary>
    void NllLoss(Tensor logp, int n, int c, int s, long[] target, Tensor? weight, long ignoreIndex, Tensor dst, Tensor weightOut);

    /// <summary>dx[n, t, s] = -w[t]·dy[n*S + s] (zero elsewhere), the gradient of <see cref="NllLoss"/>.</summary>
    void NllLossBackward(Tensor dy, int n, int c, int s, long[] target, Tensor? weight, long ignoreIndex, Tensor dx);
}
