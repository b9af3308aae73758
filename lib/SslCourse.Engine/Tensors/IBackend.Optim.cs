namespace SslCourse;

internal partial interface IBackend
{
    /// <summary>
    /// One Adam update of contiguous float tensors in a single pass: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
    /// p ← p − lr·m̂/(√v̂ + ε), with L2 (g += λp) or decoupled (p ← p(1 − lr·λ)) weight decay.
    /// </summary>
    void AdamStep(Tensor param, Tensor grad, Tensor m, Tensor v, double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled, long step);
}
