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
                    // The borders are views of the input (flipped, stretched or wrapped), joined to it by one copy.
                    var (head, tail) = mode switch
                    {
                        PaddingModes.Reflect when before < n && after < n =>
                            (x.narrow(d, 1, before).flip(d), x.narrow(d, n - 1 - after, after).flip(d)),
                        PaddingModes.Reflect => throw new ArgumentException(
                            $"pad: reflect padding ({before}, {after}) must be smaller than the size {n} of dimension {d} in {ShapeUtil.Format(input.Shape)}."),
                        PaddingModes.Replicate when n > 0 => (Stretch(x.narrow(d, 0, 1), d, before), Stretch(x.narrow(d, n - 1, 1), d, after)),
                        PaddingModes.Circular when before <= n && after <= n => (x.narrow(d, n - before, before), x.narrow(d, 0, after)),
                        _ => throw new ArgumentException(
                            $"pad: {mode} padding ({before}, {after}) cannot be taken from the size {n} of dimension {d} in {ShapeUtil.Format(input.Shape)}" +
                            (mode == PaddingModes.Circular ? "; circular padding may wrap around at most once." : "."))
                    };
                    x = cat([head, x, tail], d);
                }
                return x;
            }

            /// <summary>A size-1 dimension <paramref name="d"/> of <paramref name="edge"/> repeated <paramref name="size"/> times (a view).</summary>
            static Tensor Stretch(Tensor edge, int d, long size)
            {
                var shape = edge.shape;
                shape[d] = size;
                return edge.expand(shape);
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
