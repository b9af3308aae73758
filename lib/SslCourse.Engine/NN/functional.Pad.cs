namespace SslCourse;

/// <summary>How <see cref="torch.nn.functional.pad(Tensor, long[], PaddingModes, double)"/> fills the border (TorchSharp's enum).</summary>
public enum PaddingModes
{
    /// <summary>The constant value (0 unless given): the same as <see cref="Constant"/>.</summary>
    Zeros = 0,
    /// <summary>The input mirrored about its edge element, which is not repeated: [a b c] padded by 2 → [c b a b c b a].</summary>
    Reflect = 1,
    /// <summary>The edge element repeated: [a b c] padded by 2 → [a a a b c c c].</summary>
    Replicate = 2,
    /// <summary>The input wrapped around, as if periodic: [a b c] padded by 2 → [b c a b c a b].</summary>
    Circular = 3,
    /// <summary>A constant value.</summary>
    Constant = 4,
}

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// Pads the last dimensions of <paramref name="input"/>: <paramref name="pad"/> lists (before, after) pairs
            /// starting from the last dimension, as in PyTorch, so (1, 2, 3, 4) adds 1 left, 2 right, 3 above and 4 below.
            /// Constant padding takes any number of dimensions and crops where a size is negative. Reflect, replicate and
            /// circular padding pad the 1, 2 or 3 dimensions after the batch and channel dimensions — (N, C, L) or (C, L)
            /// for 1-D signals, (N, C, H, W) or (C, H, W) for images — by sizes that are not negative; reflect padding must
            /// stay below the padded dimension's size and circular padding may not exceed it.
            /// </summary>
            public static Tensor pad(Tensor input, long[] pad, PaddingModes mode = PaddingModes.Constant, double value = 0)
            {
                int dims = pad.Length / 2;
                if (pad.Length % 2 != 0 || dims > input.dim())
                    throw new ArgumentException($"pad: expected (before, after) pairs for at most {input.dim()} dimensions of {ShapeUtil.Format(input.Shape)}, got {ShapeUtil.Format(pad)}.");
                if (mode is PaddingModes.Constant or PaddingModes.Zeros) return PadConstant(input, pad, value);
                if (!Enum.IsDefined(mode)) throw new ArgumentException($"pad: {(int)mode} is not a padding mode; use one of PaddingModes' values.");
                if (dims is < 1 or > 3 || (input.dim() != dims + 1 && input.dim() != dims + 2))
                    throw new ArgumentException($"pad: {mode} padding of {dims} dimension(s) {ShapeUtil.Format(pad)} needs an input of {dims + 1} or {dims + 2} dimensions " +
                        $"([C, ...] or [N, C, ...] with {dims} padded), got {ShapeUtil.Format(input.Shape)}.");
                if (pad.Any(p => p < 0))
                    throw new ArgumentException($"pad: {mode} padding cannot be negative, got {ShapeUtil.Format(pad)}; use narrow() to crop.");
                var x = input;
                for (int i = 0; i < dims; i++)
                {
                    int d = input.dim() - 1 - i;
                    long before = pad[2 * i], after = pad[2 * i + 1], n = input.shape[d];
                    if (before == 0 && after == 0) continue;
                    Func<long, long> source = mode switch
                    {
                        PaddingModes.Reflect when before < n && after < n => j => j < 0 ? -j : j >= n ? 2 * (n - 1) - j : j,
                        PaddingModes.Reflect => throw new ArgumentException(
                            $"pad: reflect padding ({before}, {after}) must be smaller than the size {n} of dimension {d} in {ShapeUtil.Format(input.Shape)}."),
                        PaddingModes.Replicate when n > 0 => j => Math.Clamp(j, 0, n - 1),
                        PaddingModes.Circular when before <= n && after <= n && n > 0 => j => (j + n) % n,
                        _ => throw new ArgumentException(
                            $"pad: {mode} padding ({before}, {after}) cannot be taken from the size {n} of dimension {d} in {ShapeUtil.Format(input.Shape)}" +
                            (mode == PaddingModes.Circular ? "; circular padding may wrap around at most once." : "."))
                    };
                    var positions = new long[before + n + after];
                    for (long j = 0; j < positions.Length; j++) positions[j] = source(j - before);
                    x = x.index_select(d, tensor(positions, device: x.device));
                }
                return x;
            }

            /// <summary>Pads the last dimension by (before, after) (see <see cref="pad(Tensor, long[], PaddingModes, double)"/>).</summary>
            public static Tensor pad(Tensor input, (long, long) pad, PaddingModes mode = PaddingModes.Constant, double value = 0) =>
                functional.pad(input, [pad.Item1, pad.Item2], mode, value);

            /// <summary>Pads the last two dimensions by (left, right, top, bottom) (see <see cref="pad(Tensor, long[], PaddingModes, double)"/>).</summary>
            public static Tensor pad(Tensor input, (long, long, long, long) pad, PaddingModes mode = PaddingModes.Constant, double value = 0) =>
                functional.pad(input, [pad.Item1, pad.Item2, pad.Item3, pad.Item4], mode, value);

            /// <summary>Pads both sides of every dimension by <paramref name="pad"/>, as TorchSharp's overload does.</summary>
            public static Tensor pad(Tensor input, long pad, PaddingModes mode = PaddingModes.Constant, double value = 0) =>
                functional.pad(input, Enumerable.Repeat(pad, 2 * input.dim()).ToArray(), mode, value);

            /// <summary>Constant padding of any trailing dimensions; negative sizes crop.</summary>
            static Tensor PadConstant(Tensor input, long[] pad, double value)
            {
                var x = input;
                for (int i = 0; i < pad.Length / 2; i++)
                {
                    int d = input.dim() - 1 - i;
                    long before = pad[2 * i], after = pad[2 * i + 1], n = x.shape[d];
                    if (before == 0 && after == 0) continue;
                    if (n + Math.Min(before, 0) + Math.Min(after, 0) < 0)
                        throw new ArgumentException($"pad: padding ({before}, {after}) crops more than the size {n} of dimension {d} in {ShapeUtil.Format(input.Shape)}.");
                    x = x.narrow(d, -Math.Min(before, 0), n + Math.Min(before, 0) + Math.Min(after, 0));
                    var edge = x.shape;
                    edge[d] = Math.Max(before, 0);
                    var head = full(edge, value, x.dtype, x.device);
                    edge[d] = Math.Max(after, 0);
                    x = cat([head, x, full(edge, value, x.dtype, x.device)], d);
                }
                return x;
            }
        }
    }
}
