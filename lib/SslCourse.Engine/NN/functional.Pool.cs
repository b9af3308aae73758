namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>Window geometry for pooling; ceil_mode adds a last partial window that starts inside the input or left padding.</summary>
            static ConvGeometry PoolGeometry(Tensor input, long[] kernel_size, long[]? stride, long[] padding, long[] dilation, bool ceil_mode, string op)
            {
                var g = Geometry(input, kernel_size, stride ?? kernel_size, padding, dilation, op);
                if (g.PadH * 2 > g.KernelH || g.PadW * 2 > g.KernelW)
                    throw new ArgumentException($"{op}: padding {g.PadH}x{g.PadW} must be at most half the kernel {g.KernelH}x{g.KernelW}.");
                if (!ceil_mode) return g;
                int Extra(int size, int k, int s, int p, int d, int outFloor)
                {
                    int span = size + 2 * p - d * (k - 1) - 1;
                    int outCeil = (span + s - 1) / s + 1;
                    if ((outCeil - 1) * s >= size + p) outCeil--;   // the last window must start inside the input
                    return Math.Max(0, outCeil - outFloor);
                }
                int extraH = Extra(g.Height, g.KernelH, g.StrideH, g.PadH, g.DilationH, g.OutH);
                int extraW = Extra(g.Width, g.KernelW, g.StrideW, g.PadW, g.DilationW, g.OutW);
                return extraH == 0 && extraW == 0 ? g : g with { Height = g.Height + extraH * g.StrideH, Width = g.Width + extraW * g.StrideW };
            }

            /// <summary>Pads the input on the bottom/right so that ceil-mode windows exist; the padding never wins a max nor counts in a mean.</summary>
            static Tensor ExtendForCeil(Tensor input, ConvGeometry g, double value) =>
                g.Height == input.Shape[2] && g.Width == input.Shape[3] ? input
                    : pad(input, [0, g.Width - input.Shape[3], 0, g.Height - input.Shape[2]], value: value);

            /// <summary>Largest value in each window of [N, C, H, W]; the gradient goes to that position.</summary>
            public static Tensor max_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null, long[]? dilation = null, bool ceil_mode = false)
            {
                var g = PoolGeometry(input, kernel_size, stride, padding ?? [0], dilation ?? [1], ceil_mode, "max_pool2d");
                int n = input.Shape[0], c = input.Shape[1], h = input.Shape[2], w = input.Shape[3];
                var planes = input.contiguous().view(n * c, h, w);
                var y = Tensor.Uninitialized([n, c, g.OutH, g.OutW], ScalarType.Float32, input.device);
                var argmax = Tensor.Uninitialized([n * c * g.OutH * g.OutW], ScalarType.Int64, input.device);
                input.Backend.MaxPool2d(planes, g, y, argmax);
                return Autograd.Engine.Record("max_pool2d", y, [input], [], (grad, _) =>
                {
                    var dx = zeros([n * c, h, w], device: grad.device);
                    grad.Backend.MaxPool2dBackward(grad.contiguous(), argmax, dx);
                    return [dx.view(n, c, h, w)];
                });
            }

            /// <summary>Mean of each window of [N, C, H, W]; count_include_pad decides whether padding counts in the mean.</summary>
            public static Tensor avg_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null, bool ceil_mode = false, bool count_include_pad = true)
            {
                var g = PoolGeometry(input, kernel_size, stride, padding ?? [0], [1], ceil_mode, "avg_pool2d");
                long n = input.shape[0], c = input.shape[1];
                var sums = Unfold(ExtendForCeil(input, g, 0).reshape(n * c, 1, g.Height, g.Width), g with { Channels = 1 }, 0f).sum(1);
                var divisor = AverageDivisors(g, input.Shape[2], input.Shape[3], count_include_pad, input.device);
                return (sums / divisor).view(n, c, g.OutH, g.OutW);
            }

            /// <summary>
            /// How many pixels each average-pooling window divides by: its area clipped to the padded input, or with
            /// count_include_pad false, only the real pixels inside it.
            /// </summary>
            static Tensor AverageDivisors(ConvGeometry g, int height, int width, bool countPadding, Device device)
            {
                var divisors = new float[g.OutH * g.OutW];
                for (int oy = 0; oy < g.OutH; oy++)
                    for (int ox = 0; ox < g.OutW; ox++)
                    {
                        int y0 = oy * g.StrideH - g.PadH, x0 = ox * g.StrideW - g.PadW;
                        int y1 = Math.Min(y0 + g.KernelH, height + g.PadH), x1 = Math.Min(x0 + g.KernelW, width + g.PadW);
                        if (!countPadding) { y0 = Math.Max(y0, 0); x0 = Math.Max(x0, 0); y1 = Math.Min(y1, height); x1 = Math.Min(x1, width); }
                        divisors[oy * g.OutW + ox] = (y1 - y0) * (x1 - x0);
                    }
                return tensor(divisors, device: device);
            }

            /// <summary>Largest value in each window of [N, C, L].</summary>
            public static Tensor max_pool1d(Tensor input, long kernel_size, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false) =>
                max_pool2d(input.unsqueeze(2), [1, kernel_size], [1, stride ?? kernel_size], [0, padding], [1, dilation], ceil_mode).squeeze(2);

            /// <summary>Mean of each window of [N, C, L].</summary>
            public static Tensor avg_pool1d(Tensor input, long kernel_size, long? stride = null, long padding = 0, bool ceil_mode = false, bool count_include_pad = true) =>
                avg_pool2d(input.unsqueeze(2), [1, kernel_size], [1, stride ?? kernel_size], [0, padding], ceil_mode, count_include_pad).squeeze(2);

            /// <summary>Averages [N, C, H, W] into an output_size grid; cell i covers rows ⌊i·H/out⌋ … ⌈(i+1)·H/out⌉ − 1.</summary>
            public static Tensor adaptive_avg_pool2d(Tensor input, long[] output_size)
            {
                if (input.dim() != 4) throw new ArgumentException($"adaptive_avg_pool2d: expected [N, C, H, W], got {ShapeUtil.Format(input.Shape)}.");
                var (oh, ow) = Pair(output_size, "output_size", "adaptive_avg_pool2d");
                // Along the width first, where rows are contiguous: the height pass then works on the smaller result
                // (for global pooling, on [N, C, H, 1], which needs no transposed copy at all).
                return AdaptiveAverage(AdaptiveAverage(input, 3, ow), 2, oh);
            }

            /// <summary>Averages [N, C, L] into output_size cells.</summary>
            public static Tensor adaptive_avg_pool1d(Tensor input, long output_size)
            {
                if (input.dim() != 3) throw new ArgumentException($"adaptive_avg_pool1d: expected [N, C, L], got {ShapeUtil.Format(input.Shape)}.");
                return AdaptiveAverage(input, 2, (int)output_size);
            }

            /// <summary>Adaptive averaging along one dim as a matrix product with the cells' averaging weights.</summary>
            static Tensor AdaptiveAverage(Tensor input, int dim, int cells)
            {
                int size = input.Shape[dim];
                if (cells <= 0) throw new ArgumentException($"adaptive pooling: output size must be positive, got {cells}.");
                if (cells == size) return input;
                if (cells == 1) return input.mean([dim], keepdim: true);   // global pooling: no weights to build
                var weights = new float[size * cells];
                for (int i = 0; i < cells; i++)
                {
                    int start = i * size / cells, end = ((i + 1) * size + cells - 1) / cells;
                    for (int j = start; j < end; j++) weights[j * cells + i] = 1f / (end - start);
                }
                return input.movedim(dim, -1).matmul(tensor(weights, [size, cells], input.device)).movedim(-1, dim);
            }
        }
    }
}
