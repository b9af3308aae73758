namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// Pads the last dimensions: <paramref name="pad"/> lists (before, after) pairs starting from the last dimension,
            /// as in PyTorch. Modes: "constant" (with value), "reflect" (mirror without repeating the edge), "replicate" (repeat the edge).
            /// </summary>
            public static Tensor pad(Tensor input, long[] pad, string mode = "constant", double value = 0)
            {
                if (pad.Length % 2 != 0 || pad.Length / 2 > input.dim())
                    throw new ArgumentException($"pad: expected (before, after) pairs for at most {input.dim()} dimensions, got {ShapeUtil.Format(pad)}.");
                if (pad.Any(p => p < 0)) throw new ArgumentException($"pad: negative padding {ShapeUtil.Format(pad)} is not supported; use narrow() to crop.");
                var x = input;
                for (int i = 0; i < pad.Length / 2; i++)
                {
                    int d = input.dim() - 1 - i;
                    long before = pad[2 * i], after = pad[2 * i + 1], n = input.Shape[d];
                    if (before == 0 && after == 0) continue;
                    x = mode switch
                    {
                        "constant" => PadConstant(x, d, before, after, value),
                        "reflect" when before < n && after < n => x.index_select(d, tensor(Positions(n, before, after, j => Reflect(j, n)), device: x.device)),
                        "reflect" => throw new ArgumentException($"pad: reflect padding ({before}, {after}) must be smaller than the dimension's size {n} in {ShapeUtil.Format(input.Shape)}."),
                        "replicate" => x.index_select(d, tensor(Positions(n, before, after, j => Math.Clamp(j, 0, n - 1)), device: x.device)),
                        _ => throw new ArgumentException($"pad: mode must be \"constant\", \"reflect\" or \"replicate\", got \"{mode}\"."),
                    };
                }
                return x;
            }

            static long[] Positions(long n, long before, long after, Func<long, long> map) =>
                Enumerable.Range(0, (int)(before + n + after)).Select(j => map(j - before)).ToArray();

            static long Reflect(long j, long n) => j < 0 ? -j : j >= n ? 2 * (n - 1) - j : j;

            static Tensor PadConstant(Tensor x, int d, long before, long after, double value)
            {
                var edge = x.shape;
                edge[d] = before;
                var head = full(edge, value, x.dtype, x.device);
                edge[d] = after;
                return cat([head, x, full(edge, value, x.dtype, x.device)], d);
            }

            /// <summary>One-hot rows (int64) for class indices; num_classes -1 means the largest index + 1.</summary>
            public static Tensor one_hot(Tensor tensor, long num_classes = -1)
            {
                if (tensor.dtype != ScalarType.Int64) throw new ArgumentException($"one_hot: class indices must be int64, got {tensor.dtype.Name()}.");
                if (num_classes < 0) num_classes = tensor.numel() == 0 ? 0 : tensor.max().ToInt64() + 1;
                if (tensor.numel() > 0 && (tensor.min().ToInt64() < 0 || tensor.max().ToInt64() >= num_classes))
                    throw new ArgumentException($"one_hot: class indices must lie in [0, {num_classes}), got values from {tensor.min().ToInt64()} to {tensor.max().ToInt64()}.");
                return tensor.unsqueeze(-1).eq(arange(num_classes, device: tensor.device)).to(ScalarType.Int64);
            }
        }
    }
}
