namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            static Tensor Reduce(Tensor loss, string reduction, string op) => reduction switch
            {
                "mean" => loss.mean(),
                "sum" => loss.sum(),
                "none" => loss,
                _ => throw new ArgumentException($"{op}: reduction must be \"mean\", \"sum\" or \"none\", got \"{reduction}\"."),
            };

            static void SameShape(Tensor input, Tensor target, string op)
            {
                if (!input.shape.SequenceEqual(target.shape))
                    throw new ArgumentException($"{op}: input {ShapeUtil.Format(input.Shape)} and target {ShapeUtil.Format(target.Shape)} must have the same shape.");
            }

            /// <summary>Mean squared error.</summary>
            public static Tensor mse_loss(Tensor input, Tensor target, string reduction = "mean")
            {
                SameShape(input, target, "mse_loss");
                return Reduce((input - target).square(), reduction, "mse_loss");
            }

            /// <summary>Mean absolute error.</summary>
            public static Tensor l1_loss(Tensor input, Tensor target, string reduction = "mean")
            {
                SameShape(input, target, "l1_loss");
                return Reduce((input - target).abs(), reduction, "l1_loss");
            }

            /// <summary>Squared error below <paramref name="beta"/>, absolute error above it (Huber-like).</summary>
            public static Tensor smooth_l1_loss(Tensor input, Tensor target, string reduction = "mean", double beta = 1.0)
            {
                SameShape(input, target, "smooth_l1_loss");
                var d = (input - target).abs();
                var loss = beta == 0 ? d : where(d < beta, d.square() * (0.5 / beta), d - 0.5 * beta);
                return Reduce(loss, reduction, "smooth_l1_loss");
            }

            /// <summary>Binary cross-entropy of probabilities; the logs are clamped at -100 as in PyTorch.</summary>
            public static Tensor binary_cross_entropy(Tensor input, Tensor target, Tensor? weight = null, string reduction = "mean")
            {
                SameShape(input, target, "binary_cross_entropy");
                var loss = -(target * input.log().clamp(min: -100) + (1.0 - target) * (1.0 - input).log().clamp(min: -100));
                return Reduce(weight is null ? loss : loss * weight, reduction, "binary_cross_entropy");
            }

            /// <summary>Binary cross-entropy on logits, stable for any magnitude; pos_weight scales the positive term.</summary>
            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null, string reduction = "mean", Tensor? pos_weight = null)
            {
                SameShape(input, target, "binary_cross_entropy_with_logits");
                // -[p·y·log σ(x) + (1−y)·log(1−σ(x))] with log σ(x) = −softplus(−x) and log(1−σ(x)) = −softplus(x).
                var positive = (-input).softplus() * target;
                if (pos_weight is not null) positive = positive * pos_weight;
                var loss = positive + (1.0 - target) * input.softplus();
                return Reduce(weight is null ? loss : loss * weight, reduction, "binary_cross_entropy_with_logits");
            }

            /// <summary>
            /// KL(target ‖ exp(input)) pointwise, for input given as log-probabilities. "batchmean" divides the sum by the
            /// batch size, which is the true KL divergence per example.
            /// </summary>
            public static Tensor kl_div(Tensor input, Tensor target, string reduction = "mean", bool log_target = false)
            {
                SameShape(input, target, "kl_div");
                var loss = log_target
                    ? target.exp() * (target - input)
                    : where(target > 0, target * (target.clamp(min: 1e-38).log() - input), zeros_like(input));
                return reduction == "batchmean" ? loss.sum() / input.shape[0] : Reduce(loss, reduction, "kl_div");
            }

            /// <summary>Negative log-likelihood of class indices given log-probabilities [N, C] or [N, C, d1, ...].</summary>
            public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100, string reduction = "mean") =>
                ClassIndexLoss(input, target, weight, ignore_index, reduction, 0, "nll_loss");

            /// <summary>
            /// Cross-entropy between logits [N, C] (or [N, C, d1, ...]) and either class indices [N] ([N, d1, ...]) or
            /// class probabilities shaped like the input; with optional class weights, ignore_index and label smoothing.
            /// </summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100, string reduction = "mean", double label_smoothing = 0)
            {
                if (label_smoothing < 0 || label_smoothing > 1) throw new ArgumentException($"cross_entropy: label_smoothing must be in [0, 1], got {label_smoothing}.");
                if (input.dim() == 1)
                {
                    var single = cross_entropy(input.unsqueeze(0), target.unsqueeze(0), weight, ignore_index, reduction, label_smoothing);
                    return reduction == "none" ? single.squeeze(0) : single;
                }
                var logp = log_softmax(input, 1);
                if (target.dtype == ScalarType.Int64) return ClassIndexLoss(logp, target, weight, ignore_index, reduction, label_smoothing, "cross_entropy");
                SameShape(input, target, "cross_entropy");
                long classes = input.shape[1];
                var p = label_smoothing > 0 ? target * (1 - label_smoothing) + label_smoothing / classes : target;
                var w = weight is null ? logp : logp * ClassAxis(weight, input.dim());
                return Reduce(-(p * w).sum(1), reduction, "cross_entropy");
            }

            /// <summary>A [C] weight shaped to broadcast along dimension 1 of a rank-<paramref name="rank"/> tensor.</summary>
            static Tensor ClassAxis(Tensor weight, int rank) =>
                weight.reshape(new long[] { 1, -1 }.Concat(Enumerable.Repeat(1L, rank - 2)).ToArray());

            static Tensor ClassIndexLoss(Tensor logp, Tensor target, Tensor? weight, long ignore_index, string reduction, double smoothing, string op)
            {
                if (logp.dim() < 2) throw new ArgumentException($"{op}: input must be [N, C] or [N, C, d1, ...], got {ShapeUtil.Format(logp.Shape)}.");
                long classes = logp.shape[1];
                var expected = logp.shape.Where((_, i) => i != 1).ToArray();
                if (!target.shape.SequenceEqual(expected))
                    throw new ArgumentException($"{op}: target {ShapeUtil.Format(target.Shape)} does not fit input {ShapeUtil.Format(logp.Shape)}; expected class indices of shape {ShapeUtil.Format(expected)}.");
                if (weight is not null && (weight.dim() != 1 || weight.shape[0] != classes))
                    throw new ArgumentException($"{op}: weight {ShapeUtil.Format(weight.Shape)} must have one entry per class ({classes}).");
                var valid = target.ne(ignore_index);
                var t = where(valid, target, 0L);
                var values = t.masked_select(valid);
                if (values.numel() > 0 && (values.min().ToInt64() < 0 || values.max().ToInt64() >= classes))
                    throw new ArgumentException($"{op}: target class {(values.min().ToInt64() < 0 ? values.min().ToInt64() : values.max().ToInt64())} is out of range for {classes} classes.");
                var picked = -logp.gather(1, t.unsqueeze(1)).squeeze(1);              // −log p(target)
                var w = weight is null ? ones_like(picked) : weight.index_select(0, t.flatten()).reshape(t.shape);
                w = w * valid.to(ScalarType.Float32);
                var loss = picked * w;
                if (smoothing > 0)
                {
                    // The smoothed target puts ε/C on every class: add ε·mean_c(−log p_c), weighted like the main term.
                    var all = weight is null ? -logp.sum(1) : -(logp * ClassAxis(weight, logp.dim())).sum(1);
                    loss = loss * (1 - smoothing) + all * valid.to(ScalarType.Float32) * (smoothing / classes);
                }
                return reduction == "mean" ? loss.sum() / w.sum() : Reduce(loss, reduction, op);
            }
        }
    }
}
