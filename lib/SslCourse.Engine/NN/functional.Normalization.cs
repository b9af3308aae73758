using SslCourse.Autograd;

namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// Normalises each channel of <paramref name="input"/> ([N,C], [N,C,L] or [N,C,H,W]) to zero mean and unit
            /// variance, then scales by <paramref name="weight"/> and shifts by <paramref name="bias"/> (both [C]).
            /// While <paramref name="training"/> the batch's statistics are used and the running estimates (when given)
            /// move towards them by <paramref name="momentum"/> (the variance unbiased); otherwise the running estimates are used.
            /// </summary>
            public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null, Tensor? bias = null,
                bool training = false, double momentum = 0.1, double eps = 1e-5)
            {
                const string op = "batch_norm";
                if (input.dim() < 2 || input.dtype != ScalarType.Float32)
                    throw new ArgumentException($"{op}: expected float32 input [N,C] or [N,C,...], got {input.dtype.Name()} {ShapeUtil.Format(input.Shape)}.");
                int n = input.Shape[0], c = input.Shape[1], s = n * c == 0 ? 0 : input.Numel / (n * c);
                foreach (var (t, name) in new[] { (running_mean, "running_mean"), (running_var, "running_var"), (weight, "weight"), (bias, "bias") })
                    if (t is not null && (t.dim() != 1 || t.Shape[0] != c))
                        throw new ArgumentException($"{op}: {name} {ShapeUtil.Format(t.Shape)} must have one entry per channel ([{c}]) for input {ShapeUtil.Format(input.Shape)}.");
                CheckSameDevice(op, input.device, running_mean, running_var, weight, bias);   // the kernels read them directly
                Tensor mean, invstd, x;
                using (GradMode.Set(false))
                {
                    x = input.contiguous();
                    if (training)
                    {
                        long count = (long)n * s;
                        if (count <= 1) throw new ArgumentException($"{op}: expected more than 1 value per channel when training, got input {ShapeUtil.Format(input.Shape)}.");
                        mean = Tensor.Empty([c], ScalarType.Float32, input.device);
                        var variance = Tensor.Empty([c], ScalarType.Float32, input.device);
                        input.Backend.BatchNormStatistics(x, n, c, s, mean, variance);
                        invstd = (variance + eps).rsqrt();
                        running_mean?.mul_(1 - momentum).add_(mean * momentum);
                        running_var?.mul_(1 - momentum).add_(variance * (momentum * count / (count - 1)));
                    }
                    else
                    {
                        if (running_mean is null || running_var is null)
                            throw new ArgumentException($"{op}: running_mean and running_var are needed when not training.");
                        mean = running_mean.contiguous().clone();
                        invstd = (running_var + eps).rsqrt();
                    }
                }
                var w = weight?.contiguous().detach(); var b = bias?.contiguous().detach();
                var y = Tensor.Uninitialized(input.Shape, ScalarType.Float32, input.device);
                input.Backend.BatchNormApply(x, n, c, s, mean, invstd, w, b, y);
                var (inputs, saved) = AffineOperands(input, weight, bias, [x, mean, invstd], w);
                bool hasWeight = weight is not null, hasBias = bias is not null;
                return Engine.Record(op, y, inputs, saved, (g, sv) =>
                {
                    var dx = Tensor.Uninitialized(sv[0].Shape, ScalarType.Float32, g.device);
                    var dw = hasWeight ? Tensor.Empty([c], ScalarType.Float32, g.device) : null;
                    var db = hasBias ? Tensor.Empty([c], ScalarType.Float32, g.device) : null;
                    g.Backend.BatchNormBackward(g.contiguous(), sv[0], n, c, s, sv[1], sv[2], hasWeight ? sv[3] : null, training, dx, dw, db);
                    return AffineGradients(dx, dw, db);
                });
            }

            /// <summary>
            /// Normalises over the last dimensions given by <paramref name="normalized_shape"/> (each sample on its own),
            /// then applies the elementwise affine <paramref name="weight"/> and <paramref name="bias"/> of that shape.
            /// </summary>
            public static Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
            {
                const string op = "layer_norm";
                int k = normalized_shape.Length;
                bool fits = input.dtype == ScalarType.Float32 && k >= 1 && k <= input.dim()
                    && input.shape.Skip(input.dim() - k).SequenceEqual(normalized_shape);
                if (!fits)
                    throw new ArgumentException($"{op}: input {input.dtype.Name()} {ShapeUtil.Format(input.Shape)} does not end in normalized_shape {ShapeUtil.Format(normalized_shape)}.");
                foreach (var (t, name) in new[] { (weight, "weight"), (bias, "bias") })
                    if (t is not null && !t.shape.SequenceEqual(normalized_shape))
                        throw new ArgumentException($"{op}: {name} {ShapeUtil.Format(t.Shape)} must have normalized_shape {ShapeUtil.Format(normalized_shape)}.");
                int width = (int)normalized_shape.Aggregate(1L, (a, v) => a * v);
                int rows = width == 0 ? 0 : input.Numel / width;
                var x = input.contiguous().detach();
                var w = weight?.contiguous().detach(); var b = bias?.contiguous().detach();
                var mean = Tensor.Empty([rows], ScalarType.Float32, input.device);
                var rstd = Tensor.Empty([rows], ScalarType.Float32, input.device);
                var y = Tensor.Empty(input.Shape, ScalarType.Float32, input.device);
                // The kernels see [rows, width]; views of the contiguous operands give them that shape.
                var x2 = x.view(rows, width);
                input.Backend.LayerNorm(x2, w?.view(width), b?.view(width), eps, y.view(rows, width), mean, rstd);
                var (inputs, saved) = AffineOperands(input, weight, bias, [x2, mean, rstd], w);
                var inputShape = input.Shape;
                bool hasWeight = weight is not null, hasBias = bias is not null;
                return Engine.Record(op, y, inputs, saved, (g, sv) =>
                {
                    var dx = Tensor.Empty(inputShape, ScalarType.Float32, g.device);
                    var dw = hasWeight ? Tensor.Empty([width], ScalarType.Float32, g.device) : null;
                    var db = hasBias ? Tensor.Empty([width], ScalarType.Float32, g.device) : null;
                    g.Backend.LayerNormBackward(g.contiguous().view(rows, width), sv[0], sv[1], sv[2], hasWeight ? sv[3].view(width) : null,
                        dx.view(rows, width), dw, db);
                    return AffineGradients(dx, dw?.view(normalized_shape), db?.view(normalized_shape));
                });
            }

            /// <summary>
            /// Splits the C channels of [N, C, ...] input into <paramref name="num_groups"/> groups and normalises each
            /// group of each sample, then applies per-channel <paramref name="weight"/> and <paramref name="bias"/> ([C]).
            /// </summary>
            public static Tensor group_norm(Tensor input, long num_groups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
            {
                const string op = "group_norm";
                if (input.dim() < 2) throw new ArgumentException($"{op}: expected input [N, C, ...], got {ShapeUtil.Format(input.Shape)}.");
                long c = input.shape[1];
                if (num_groups <= 0 || c % num_groups != 0)
                    throw new ArgumentException($"{op}: {c} channels of input {ShapeUtil.Format(input.Shape)} cannot be split into {num_groups} groups.");
                foreach (var (t, name) in new[] { (weight, "weight"), (bias, "bias") })
                    if (t is not null && (t.dim() != 1 || t.Shape[0] != c))
                        throw new ArgumentException($"{op}: {name} {ShapeUtil.Format(t.Shape)} must have one entry per channel ([{c}]).");
                // A group of a sample is one row of [N, G, rest]: layer norm over that row, then the per-channel affine.
                var grouped = input.reshape(input.shape[0], num_groups, -1);
                var y = layer_norm(grouped, [grouped.shape[2]], eps: eps).reshape(input.shape);
                var channel = Enumerable.Repeat(1L, input.dim()).ToArray();
                channel[1] = c;
                if (weight is not null) y = y * weight.reshape(channel);
                if (bias is not null) y = y + bias.reshape(channel);
                return y;
            }

            /// <summary>The recorded inputs (input, then weight and bias when given) and the saved tensors (stats, then weight).</summary>
            static (Tensor[] inputs, Tensor[] saved) AffineOperands(Tensor input, Tensor? weight, Tensor? bias, Tensor[] stats, Tensor? w)
            {
                var inputs = new List<Tensor> { input };
                if (weight is not null) inputs.Add(weight);
                if (bias is not null) inputs.Add(bias);
                return (inputs.ToArray(), w is null ? stats : [.. stats, w]);
            }

            /// <summary>Gradients in the order of <see cref="AffineOperands"/>'s inputs.</summary>
            static Tensor?[] AffineGradients(Tensor dx, Tensor? dw, Tensor? db)
            {
                var grads = new List<Tensor?> { dx };
                if (dw is not null) grads.Add(dw);
                if (db is not null) grads.Add(db);
                return grads.ToArray();
            }
        }
    }
}
