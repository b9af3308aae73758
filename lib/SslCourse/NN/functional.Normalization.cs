namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>Statistics dims of a [N, C, ...] input: every dim but the channel dim 1.</summary>
            static long[] AllButChannels(Tensor x) => Enumerable.Range(0, x.dim()).Where(d => d != 1).Select(d => (long)d).ToArray();
            /// <summary>A [C] tensor shaped to broadcast along the channel dim of x.</summary>
            static Tensor PerChannel(Tensor t, Tensor x) => t.reshape(new long[] { 1, -1 }.Concat(Enumerable.Repeat(1L, x.dim() - 2)).ToArray());
            /// <summary>
            /// Batch normalisation of [N, C], [N, C, L] or [N, C, H, W]. In training, normalises with the batch's statistics and
            /// moves the running estimates toward them (running_var with the unbiased variance); in eval, uses the running estimates.
            /// </summary>
            public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null, Tensor? bias = null,
                bool training = false, double momentum = 0.1, double eps = 1e-5)
            {
                if (input.dim() < 2) throw new ArgumentException($"batch_norm: expected [N, C, ...], got {ShapeUtil.Format(input.Shape)}.");
                long channels = input.shape[1];
                foreach (var (t, name) in new[] { (running_mean, "running_mean"), (running_var, "running_var"), (weight, "weight"), (bias, "bias") })
                    if (t is not null && (t.dim() != 1 || t.shape[0] != channels))
                        throw new ArgumentException($"batch_norm: {name} {ShapeUtil.Format(t.Shape)} must have {channels} entries, one per channel of input {ShapeUtil.Format(input.Shape)}.");
                var dims = AllButChannels(input);
                Tensor mean, variance;
                if (training || running_mean is null || running_var is null)
                {
                    long count = input.numel() / channels;
                    if (training && count <= 1)
                        throw new ArgumentException($"batch_norm: training needs more than one value per channel, got input {ShapeUtil.Format(input.Shape)}.");
                    mean = input.mean(dims, keepdim: true);
                    variance = (input - mean).square().mean(dims, keepdim: true);
                    if (training && running_mean is not null && running_var is not null)
                        using (no_grad())
                        {
                            running_mean.mul_(1 - momentum).add_(mean.reshape(-1), alpha: momentum);
                            running_var.mul_(1 - momentum).add_(variance.reshape(-1) * ((double)count / (count - 1)), alpha: momentum);
                        }
                }
                else
                {
                    mean = PerChannel(running_mean, input);
                    variance = PerChannel(running_var, input);
                }
                var y = (input - mean) * (variance + eps).rsqrt();
                if (weight is not null) y = y * PerChannel(weight, input);
                if (bias is not null) y = y + PerChannel(bias, input);
                return y;
            }
            /// <summary>Normalises over the trailing <paramref name="normalized_shape"/> dims, then scales and shifts elementwise.</summary>
            public static Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
            {
                int k = normalized_shape.Length;
                if (k == 0 || k > input.dim() || !input.shape[^k..].SequenceEqual(normalized_shape))
                    throw new ArgumentException($"layer_norm: normalized_shape {ShapeUtil.Format(normalized_shape)} must match the last dimensions of input {ShapeUtil.Format(input.Shape)}.");
                var dims = Enumerable.Range(input.dim() - k, k).Select(d => (long)d).ToArray();
                var mean = input.mean(dims, keepdim: true);
                var centred = input - mean;
                var y = centred * (centred.square().mean(dims, keepdim: true) + eps).rsqrt();
                if (weight is not null) y = y * weight;
                if (bias is not null) y = y + bias;
                return y;
            }
            /// <summary>Normalises each group of channels of [N, C, ...] over its channels and positions, then scales per channel.</summary>
            public static Tensor group_norm(Tensor input, long num_groups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
            {
                if (input.dim() < 2 || num_groups <= 0 || input.shape[1] % num_groups != 0)
                    throw new ArgumentException($"group_norm: {num_groups} groups must divide the channels of input {ShapeUtil.Format(input.Shape)}.");
                var grouped = input.reshape(input.shape[0], num_groups, -1);
                var mean = grouped.mean(2, keepdim: true);
                var centred = grouped - mean;
                var y = (centred * (centred.square().mean(2, keepdim: true) + eps).rsqrt()).reshape(input.shape);
                if (weight is not null) y = y * PerChannel(weight, input);
                if (bias is not null) y = y + PerChannel(bias, input);
                return y;
            }
            /// <summary>x / max(‖x‖_p, eps) along dim.</summary>
            public static Tensor normalize(Tensor input, double p = 2, long dim = 1, double eps = 1e-12) =>
                input / input.norm(p, dim, keepdim: true).clamp(min: eps);
            /// <summary>Cosine of the angle between x1 and x2 along dim (each norm clamped at eps).</summary>
            public static Tensor cosine_similarity(Tensor x1, Tensor x2, long dim = 1, double eps = 1e-8) =>
                (x1 * x2).sum(dim) / (x1.norm(2, dim).clamp(min: eps) * x2.norm(2, dim).clamp(min: eps));
        }
    }
}
