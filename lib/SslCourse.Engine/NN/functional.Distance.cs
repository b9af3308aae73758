namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// x1·x2 / (‖x1‖·‖x2‖) along <paramref name="dim"/> (the two broadcast against each other); each norm is
            /// kept at least <paramref name="eps"/> so a zero vector gives 0 rather than NaN.
            /// </summary>
            public static Tensor cosine_similarity(Tensor x1, Tensor x2, long dim = 1, double eps = 1e-8)
            {
                var shape = ShapeUtil.Broadcast(x1.Shape, x2.Shape, "cosine_similarity");
                int d = Tensor.NormalizeDim((int)dim, shape.Length, "cosine_similarity");
                var ls = Array.ConvertAll(shape, x => (long)x);
                var a = x1.expand(ls); var b = x2.expand(ls);
                return (a * b).sum(d) / (a.norm(2, d).clamp_min(eps) * b.norm(2, d).clamp_min(eps));
            }

            /// <summary>x / max(‖x‖_p, eps) along <paramref name="dim"/>: unit-length vectors (the default: L2 along dim 1).</summary>
            public static Tensor normalize(Tensor input, double p = 2.0, long dim = 1, double eps = 1e-12) =>
                input / input.norm(p, dim, keepdim: true).clamp_min(eps);
        }
    }
}
