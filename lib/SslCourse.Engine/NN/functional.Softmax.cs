namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>exp(x) / Σ exp(x) along <paramref name="dim"/>: each slice along dim becomes a probability distribution.</summary>
            public static Tensor softmax(Tensor input, long dim) => input.softmax(dim);

            /// <summary>log(softmax(x)) along <paramref name="dim"/>, stable for large logits.</summary>
            public static Tensor log_softmax(Tensor input, long dim) => input.log_softmax(dim);

            /// <summary>
            /// A differentiable sample from the categorical distribution given by <paramref name="logits"/>:
            /// softmax((logits + Gumbel noise) / tau). With <paramref name="hard"/> the result is one-hot, but its
            /// gradient is that of the soft sample (the straight-through estimator).
            /// </summary>
            public static Tensor gumbel_softmax(Tensor logits, double tau = 1, bool hard = false, long dim = -1, Generator? generator = null)
            {
                if (!(tau > 0)) throw new ArgumentException($"gumbel_softmax: tau must be positive, got {tau}.");
                int d = Tensor.NormalizeDim((int)dim, logits.dim(), "gumbel_softmax");
                Tensor gumbels;
                using (no_grad())
                {
                    // -log(E) for E ~ Exponential(1) = -log(U), U in (0, 1]; the clamp keeps log(0) away.
                    var exponential = -(1.0 - rand(logits.shape, generator, logits.device)).log();
                    gumbels = -exponential.clamp_min(1e-30).log();
                }
                var soft = ((logits + gumbels) / tau).softmax(d);
                if (!hard) return soft;
                Tensor oneHot;
                using (no_grad())
                {
                    var shape = Enumerable.Repeat(1L, logits.dim()).ToArray();
                    shape[d] = logits.shape[d];
                    oneHot = arange(logits.shape[d], device: logits.device).reshape(shape).eq(soft.argmax(d, keepdim: true)).to(ScalarType.Float32);
                }
                // Forward value: oneHot; gradient: that of soft.
                return oneHot - soft.detach() + soft;
            }
        }
    }
}
