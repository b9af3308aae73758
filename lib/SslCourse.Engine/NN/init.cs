namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>In-place initialisers with PyTorch's formulas (fans, gains, bounds).</summary>
        public static class init
        {
            /// <summary>Fan-in and fan-out: the input and output sizes of a weight times its receptive field.</summary>
            public static (long fanIn, long fanOut) calculate_fan_in_and_fan_out(Tensor t)
            {
                if (t.dim() < 2) throw new ArgumentException($"init: fans need a weight with at least 2 dimensions, got {ShapeUtil.Format(t.Shape)}.");
                long receptive = t.shape.Skip(2).Aggregate(1L, (a, b) => a * b);
                return (t.shape[1] * receptive, t.shape[0] * receptive);
            }

            /// <summary>The recommended gain for a nonlinearity ("linear", "relu", "leaky_relu", "tanh", "sigmoid", "selu").</summary>
            public static double calculate_gain(string nonlinearity, double param = 0.01) => nonlinearity switch
            {
                "linear" or "conv1d" or "conv2d" or "conv_transpose2d" or "sigmoid" => 1,
                "tanh" => 5.0 / 3,
                "relu" => Math.Sqrt(2),
                "leaky_relu" => Math.Sqrt(2 / (1 + param * param)),
                "selu" => 0.75,
                _ => throw new ArgumentException($"calculate_gain: unknown nonlinearity '{nonlinearity}'."),
            };

            public static Tensor uniform_(Tensor t, double a = 0, double b = 1, Generator? generator = null) { using (no_grad()) return t.uniform_(a, b, generator); }
            public static Tensor normal_(Tensor t, double mean = 0, double std = 1, Generator? generator = null) { using (no_grad()) return t.normal_(mean, std, generator); }
            public static Tensor constant_(Tensor t, double value) { using (no_grad()) return t.fill_(value); }
            public static Tensor zeros_(Tensor t) => constant_(t, 0);
            public static Tensor ones_(Tensor t) => constant_(t, 1);

            /// <summary>Glorot: U(−a, a) with a = gain·√(6 / (fan_in + fan_out)).</summary>
            public static Tensor xavier_uniform_(Tensor t, double gain = 1, Generator? generator = null)
            {
                var (fanIn, fanOut) = calculate_fan_in_and_fan_out(t);
                double a = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
                return uniform_(t, -a, a, generator);
            }

            /// <summary>Glorot: N(0, std²) with std = gain·√(2 / (fan_in + fan_out)).</summary>
            public static Tensor xavier_normal_(Tensor t, double gain = 1, Generator? generator = null)
            {
                var (fanIn, fanOut) = calculate_fan_in_and_fan_out(t);
                return normal_(t, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), generator);
            }

            static double KaimingStd(Tensor t, double a, string mode, string nonlinearity)
            {
                var (fanIn, fanOut) = calculate_fan_in_and_fan_out(t);
                long fan = mode switch { "fan_in" => fanIn, "fan_out" => fanOut, _ => throw new ArgumentException($"kaiming: mode must be fan_in or fan_out, got '{mode}'.") };
                return calculate_gain(nonlinearity, a) / Math.Sqrt(fan);
            }

            /// <summary>He: U(−b, b) with b = gain·√(3 / fan). PyTorch's Linear and Conv use a = √5, giving b = 1/√fan_in.</summary>
            public static Tensor kaiming_uniform_(Tensor t, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu", Generator? generator = null)
            {
                double bound = Math.Sqrt(3) * KaimingStd(t, a, mode, nonlinearity);
                return uniform_(t, -bound, bound, generator);
            }

            /// <summary>He: N(0, std²) with std = gain / √fan.</summary>
            public static Tensor kaiming_normal_(Tensor t, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu", Generator? generator = null) =>
                normal_(t, 0, KaimingStd(t, a, mode, nonlinearity), generator);

            /// <summary>N(mean, std²) restricted to [a, b] by redrawing values that fall outside.</summary>
            public static Tensor trunc_normal_(Tensor t, double mean = 0, double std = 1, double a = -2, double b = 2, Generator? generator = null)
            {
                if (!(a < b)) throw new ArgumentException($"trunc_normal_: need a < b, got [{a}, {b}].");
                var g = generator ?? default_generator;
                var values = new float[t.numel()];
                for (int i = 0; i < values.Length; i++)
                {
                    double v;
                    do v = mean + std * g.NextNormal(); while (v < a || v > b);
                    values[i] = (float)v;
                }
                using (no_grad()) t.copy_(tensor(values, t.shape, t.device));
                return t;
            }
        }
    }
}
