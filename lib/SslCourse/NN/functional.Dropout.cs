namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>Zeroes each element with probability p in training and scales the rest by 1/(1−p).</summary>
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true, Generator? generator = null)
            {
                if (p < 0 || p > 1) throw new ArgumentException($"dropout: p must be in [0, 1], got {p}.");
                if (!training || p == 0) return input;
                if (p == 1) return input * zeros_like(input);
                var keep = bernoulli(input, 1 - p, generator);
                return input * keep * (1 / (1 - p));
            }
            /// <summary>
            /// Samples from the Gumbel-softmax (Concrete) distribution with temperature tau; with hard, returns one-hot samples
            /// whose gradient is that of the soft sample (straight-through).
            /// </summary>
            public static Tensor gumbel_softmax(Tensor logits, double tau = 1, bool hard = false, long dim = -1, Generator? generator = null)
            {
                var u = rand_like(logits, generator).clamp(1e-10, 1 - 1e-7);
                var gumbels = -(-u.log()).log();
                var soft = softmax((logits + gumbels) / tau, dim);
                if (!hard) return soft;
                var index = soft.argmax(dim, keepdim: true);
                var hardSample = zeros_like(soft).scatter(dim, index, 1.0);
                return hardSample - soft.detach() + soft;
            }
        }
    }
}
