using SslCourse.Autograd;

namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            static (int, int) Pair(long[] v, string name, string op) => v.Length switch
            {
                1 => ((int)v[0], (int)v[0]),
                2 => ((int)v[0], (int)v[1]),
                _ => throw new ArgumentException($"{op}: {name} must have one or two values, got {ShapeUtil.Format(v)}."),
            };

            static ConvGeometry Geometry(Tensor input, long[] kernel, long[] stride, long[] padding, long[] dilation, string op)
            {
                if (input.dim() != 4) throw new ArgumentException($"{op}: expected a batch of images [N, C, H, W], got {ShapeUtil.Format(input.Shape)}.");
                var (kh, kw) = Pair(kernel, "kernel_size", op);
                var (sh, sw) = Pair(stride, "stride", op);
                var (ph, pw) = Pair(padding, "padding", op);
                var (dh, dw) = Pair(dilation, "dilation", op);
                return new ConvGeometry(input.Shape[1], input.Shape[2], input.Shape[3], kh, kw, sh, sw, ph, pw, dh, dw).Validate(op, input.Shape);
            }

            /// <summary>Patches of every sliding window as columns: [N, C, H, W] → [N, C·kh·kw, L], with gradient <see cref="fold"/>.</summary>
            public static Tensor unfold(Tensor input, long[] kernel_size, long[]? dilation = null, long[]? padding = null, long[]? stride = null) =>
                Unfold(input, Geometry(input, kernel_size, stride ?? [1], padding ?? [0], dilation ?? [1], "unfold"), 0f);

            internal static Tensor Unfold(Tensor input, ConvGeometry g, float padValue)
            {
                input.ThrowIfDisposed("unfold");
                var x = input.contiguous();
                var columns = Tensor.Empty([input.Shape[0], g.Patch, g.OutH * g.OutW], ScalarType.Float32, input.device);
                input.Backend.Im2Col(x, g, padValue, columns);
                return Engine.Record("unfold", columns, [input], [], (grad, _) => [Fold(grad, g, input.Shape[0])]);
            }

            /// <summary>Sums columns [N, C·kh·kw, L] back into images [N, C, H, W] (the adjoint of <see cref="unfold"/>).</summary>
            public static Tensor fold(Tensor input, long[] output_size, long[] kernel_size, long[]? dilation = null, long[]? padding = null, long[]? stride = null)
            {
                var (h, w) = Pair(output_size, "output_size", "fold");
                var (kh, kw) = Pair(kernel_size, "kernel_size", "fold");
                if (input.dim() != 3 || input.shape[1] % (kh * kw) != 0)
                    throw new ArgumentException($"fold: expected columns [N, C·{kh}·{kw}, L], got {ShapeUtil.Format(input.Shape)}.");
                var probe = zeros([1, input.shape[1] / (kh * kw), h, w], device: input.device);
                var g = Geometry(probe, kernel_size, stride ?? [1], padding ?? [0], dilation ?? [1], "fold");
                if (input.shape[2] != g.OutH * g.OutW)
                    throw new ArgumentException($"fold: {input.shape[2]} columns, but a {h}x{w} output with these windows has {g.OutH * g.OutW}.");
                return Fold(input, g, input.Shape[0]);
            }

            static Tensor Fold(Tensor columns, ConvGeometry g, int batch)
            {
                var images = Tensor.Empty([batch, g.Channels, g.Height, g.Width], ScalarType.Float32, columns.device);
                columns.Backend.Col2Im(columns.contiguous(), g, images);
                return Engine.Record("fold", images, [columns], [], (grad, _) => [Unfold(grad, g, 0f)]);
            }

            /// <summary>2-D convolution of [N, C, H, W] with weight [O, C/groups, kh, kw] (cross-correlation, as in PyTorch).</summary>
            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? dilation = null, long groups = 1)
            {
                if (weight.dim() != 4) throw new ArgumentException($"conv2d: weight must be [out, in/groups, kh, kw], got {ShapeUtil.Format(weight.Shape)}.");
                if (input.dim() != 4 || groups <= 0 || input.shape[1] != weight.shape[1] * groups || weight.shape[0] % groups != 0)
                    throw new ArgumentException($"conv2d: input {ShapeUtil.Format(input.Shape)} does not fit weight {ShapeUtil.Format(weight.Shape)} with {groups} group(s): " +
                        $"the input needs [N, {weight.shape[1] * groups}, H, W].");
                var g = Geometry(input, [weight.shape[2], weight.shape[3]], stride ?? [1], padding ?? [0], dilation ?? [1], "conv2d");
                Tensor y;
                using (no_grad()) y = Convolution.Forward(input, weight, g, (int)groups);
                y = Engine.Record("conv2d", y, [input, weight], [input, weight], (grad, s) =>
                [
                    input.requires_grad ? Convolution.InputGradient(grad, s[1], g, (int)groups) : null,
                    weight.requires_grad ? Convolution.WeightGradient(s[0], grad, g, (int)groups) : null,
                ]);
                return bias is null ? y : y + bias.view(1, -1, 1, 1);
            }

            /// <summary>1-D convolution of [N, C, L] with weight [O, C/groups, k].</summary>
            public static Tensor conv1d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1)
            {
                if (input.dim() != 3 || weight.dim() != 3)
                    throw new ArgumentException($"conv1d: expected input [N, C, L] and weight [out, in/groups, k], got {ShapeUtil.Format(input.Shape)} and {ShapeUtil.Format(weight.Shape)}.");
                return conv2d(input.unsqueeze(2), weight.unsqueeze(2), bias, [1, stride], [0, padding], [1, dilation], groups).squeeze(2);
            }

            /// <summary>
            /// Transposed convolution (the gradient of conv2d with respect to its input) of [N, C, H, W] with weight
            /// [C, O/groups, kh, kw]; output size (H−1)·stride − 2·padding + dilation·(kh−1) + output_padding + 1.
            /// </summary>
            public static Tensor conv_transpose2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null,
                long[]? output_padding = null, long groups = 1, long[]? dilation = null)
            {
                if (weight.dim() != 4 || input.dim() != 4 || groups <= 0 || input.shape[1] != weight.shape[0] || weight.shape[0] % groups != 0)
                    throw new ArgumentException($"conv_transpose2d: input {ShapeUtil.Format(input.Shape)} does not fit weight {ShapeUtil.Format(weight.Shape)} with {groups} group(s): " +
                        $"weight must be [in, out/groups, kh, kw] with in = {input.shape[1]}.");
                var (sh, sw) = Pair(stride ?? [1], "stride", "conv_transpose2d");
                var (ph, pw) = Pair(padding ?? [0], "padding", "conv_transpose2d");
                var (oh, ow) = Pair(output_padding ?? [0], "output_padding", "conv_transpose2d");
                var (dh, dw) = Pair(dilation ?? [1], "dilation", "conv_transpose2d");
                if (oh >= Math.Max(sh, dh) || ow >= Math.Max(sw, dw)) throw new ArgumentException("conv_transpose2d: output_padding must be smaller than stride or dilation.");
                long n = input.shape[0], c = input.shape[1], outChannels = weight.shape[1] * groups;
                int kh = (int)weight.shape[2], kw = (int)weight.shape[3];
                int h = (input.Shape[2] - 1) * sh - 2 * ph + dh * (kh - 1) + oh + 1, w = (input.Shape[3] - 1) * sw - 2 * pw + dw * (kw - 1) + ow + 1;
                var g = new ConvGeometry((int)outChannels, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
                if (g.OutH != input.Shape[2] || g.OutW != input.Shape[3])
                    throw new ArgumentException($"conv_transpose2d: input {ShapeUtil.Format(input.Shape)} is too small for a {kh}x{kw} kernel with padding {ph}x{pw}.");
                // The transposed convolution is the gradient of the convolution that maps [N, O, h, w] back to this input.
                Tensor y;
                using (no_grad()) y = Convolution.InputGradient(input, weight, g, (int)groups);
                y = Engine.Record("conv_transpose2d", y, [input, weight], [input, weight], (grad, s) =>
                [
                    input.requires_grad ? Convolution.Forward(grad, s[1], g, (int)groups) : null,
                    weight.requires_grad ? Convolution.WeightGradient(grad, s[0], g, (int)groups) : null,
                ]);
                return bias is null ? y : y + bias.view(1, -1, 1, 1);
            }
        }
    }
}
