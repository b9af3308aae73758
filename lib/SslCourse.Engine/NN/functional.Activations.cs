namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>max(x, 0).</summary>
            public static Tensor relu(Tensor input) => input.relu();

            /// <summary>x for x > 0, else negative_slope·x.</summary>
            public static Tensor leaky_relu(Tensor input, double negative_slope = 0.01) => input.leaky_relu(negative_slope);

            /// <summary>x·Φ(x); <paramref name="approximate"/> "tanh" uses the tanh approximation.</summary>
            public static Tensor gelu(Tensor input, string approximate = "none") => input.gelu(approximate);

            /// <summary>x·sigmoid(x) (also called swish).</summary>
            public static Tensor silu(Tensor input) => input.silu();

            /// <summary>The hyperbolic tangent.</summary>
            public static Tensor tanh(Tensor input) => input.tanh();

            /// <summary>1 / (1 + exp(-x)).</summary>
            public static Tensor sigmoid(Tensor input) => input.sigmoid();

            /// <summary>log(1 + exp(β·x)) / β, and x itself where β·x exceeds <paramref name="threshold"/>.</summary>
            public static Tensor softplus(Tensor input, double beta = 1, double threshold = 20)
            {
                if (beta == 1 && threshold == 20) return input.softplus();
                var scaled = input * beta;
                // softplus of a large value is the value itself; the clamp keeps its unused branch finite.
                return where(scaled > threshold, input, scaled.clamp_max(threshold).softplus() / beta);
            }

            /// <summary>log(sigmoid(x)) = -softplus(-x), stable for large |x|.</summary>
            public static Tensor logsigmoid(Tensor input) => -(-input).softplus();

            /// <summary>x for x > 0, else α·(exp(x) - 1).</summary>
            public static Tensor elu(Tensor input, double alpha = 1.0) =>
                // exp() sees only the non-positive part, so a large x cannot overflow into a NaN gradient.
                where(input > 0, input, input.clamp_max(0).expm1() * alpha);

            /// <summary>x clipped to [min_val, max_val].</summary>
            public static Tensor hardtanh(Tensor input, double min_val = -1, double max_val = 1)
            {
                if (min_val > max_val) throw new ArgumentException($"hardtanh: min_val ({min_val}) must not exceed max_val ({max_val}).");
                return input.clamp(min_val, max_val);
            }

            /// <summary>min(max(x, 0), 6).</summary>
            public static Tensor relu6(Tensor input) => hardtanh(input, 0, 6);
        }
    }
}
