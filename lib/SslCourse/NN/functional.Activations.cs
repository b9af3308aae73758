using SslCourse.Autograd;

namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            public static Tensor relu(Tensor input) => input.relu();
            public static Tensor leaky_relu(Tensor input, double negative_slope = 0.01) => input.leaky_relu(negative_slope);
            public static Tensor gelu(Tensor input, string approximate = "none") => input.gelu(approximate);
            public static Tensor silu(Tensor input) => input.silu();
            public static Tensor tanh(Tensor input) => input.tanh();
            public static Tensor sigmoid(Tensor input) => input.sigmoid();
            public static Tensor softplus(Tensor input) => input.softplus();
            /// <summary>x for x &gt; 0, alpha·(eˣ − 1) otherwise.</summary>
            public static Tensor elu(Tensor input, double alpha = 1.0) => where(input > 0, input, input.expm1() * alpha);
            /// <summary>Clamps to [min_val, max_val].</summary>
            public static Tensor hardtanh(Tensor input, double min_val = -1, double max_val = 1) => input.clamp(min_val, max_val);
            /// <summary>log(sigmoid(x)), computed without overflow.</summary>
            public static Tensor logsigmoid(Tensor input) => -(-input).softplus();

            /// <summary>exp(x) / Σ exp(x) along dim.</summary>
            public static Tensor softmax(Tensor input, long dim) => Softmax(input, dim, log: false);

            /// <summary>log(softmax(x)) along dim, computed as x − logsumexp(x).</summary>
            public static Tensor log_softmax(Tensor input, long dim) => Softmax(input, dim, log: true);

            static Tensor Softmax(Tensor input, long dim, bool log)
            {
                string op = log ? "log_softmax" : "softmax";
                if (input.dtype != ScalarType.Float32) throw new ArgumentException($"{op}: needs float32, got {input.dtype.Name()}.");
                input.ThrowIfDisposed(op);
                if (input.dim() == 0) return Softmax(input.unsqueeze(0), 0, log).squeeze(0);
                int d = Tensor.NormalizeDim((int)dim, input.dim(), op);
                var moved = input.movedim(d, -1).contiguous();
                int n = input.Shape[d], rows = n == 0 ? 0 : (int)input.numel() / n;
                var y = Tensor.Empty(moved.Shape, ScalarType.Float32, input.device);
                input.Backend.SoftmaxRows(moved, rows, n, log, y);
                var result = y.movedim(-1, d);
                // softmax: dx = y ⊙ (g − Σ g⊙y);  log_softmax: dx = g − softmax ⊙ Σ g.
                return Engine.Record(op, result, [input], [result], (g, s) => log
                    ? [g - s[0].exp() * g.sum(d, keepdim: true)]
                    : [s[0] * (g - (g * s[0]).sum(d, keepdim: true))]);
            }
        }
    }
}
