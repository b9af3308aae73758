namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>Applies a loss reduction: "none" keeps every element, "mean" averages, "sum" adds up.</summary>
            static Tensor Reduce(Tensor loss, string reduction, string op) => reduction switch
            {
                "none" => loss,
                "mean" => loss.mean(),
                "sum" => loss.sum(),
                _ => throw BadReduction(reduction, op),
            };

            static ArgumentException BadReduction(string reduction, string op, bool batchmean = false) =>
                new($"{op}: reduction must be \"none\", \"mean\"{(batchmean ? ", \"batchmean\"" : "")} or \"sum\", got \"{reduction}\".");

            static void CheckReduction(string reduction, string op)
            {
                if (reduction is not ("none" or "mean" or "sum")) throw BadReduction(reduction, op);
            }

            static void CheckSameShape(Tensor input, Tensor target, string op)
            {
                if (!ShapeUtil.SameShape(input.Shape, target.Shape))
                    throw new ArgumentException($"{op}: target {ShapeUtil.Format(target.Shape)} must have the same shape as input {ShapeUtil.Format(input.Shape)}.");
            }

            /// <summary>Mean squared error (x - y)².</summary>
            public static Tensor mse_loss(Tensor input, Tensor target, string reduction = "mean")
            {
                CheckReduction(reduction, "mse_loss");
                return Reduce((input - target).square(), reduction, "mse_loss");
            }

            /// <summary>Mean absolute error |x - y|.</summary>
            public static Tensor l1_loss(Tensor input, Tensor target, string reduction = "mean")
            {
                CheckReduction(reduction, "l1_loss");
                return Reduce((input - target).abs(), reduction, "l1_loss");
            }

            /// <summary>0.5·d²/β where d = |x - y| is below β, else d - 0.5·β: quadratic near 0, linear further out.</summary>
            public static Tensor smooth_l1_loss(Tensor input, Tensor target, string reduction = "mean", double beta = 1.0)
            {
                CheckReduction(reduction, "smooth_l1_loss");
                if (beta < 0) throw new ArgumentException($"smooth_l1_loss: beta must be non-negative, got {beta}.");
                var d = (input - target).abs();
                if (beta == 0) return Reduce(d, reduction, "smooth_l1_loss");
                return Reduce(where(d < beta, d.square() * (0.5 / beta), d - 0.5 * beta), reduction, "smooth_l1_loss");
            }

            /// <summary>
            /// -(y·log x + (1 - y)·log(1 - x)) for probabilities x in [0, 1]; each log is clamped at -100, as in PyTorch,
            /// so a confident mistake costs 100 instead of infinity.
            /// </summary>
            public static Tensor binary_cross_entropy(Tensor input, Tensor target, Tensor? weight = null, string reduction = "mean")
            {
                const string op = "binary_cross_entropy";
                CheckReduction(reduction, op);
                CheckSameShape(input, target, op);
                using (no_grad())
                    if (!(input >= 0).logical_and(input <= 1).all().ToBoolean())
                        throw new ArgumentException($"{op}: every element of input must lie in [0, 1] (apply sigmoid first, or use binary_cross_entropy_with_logits); input {ShapeUtil.Format(input.Shape)} has values outside.");
                var loss = -(target * input.log().clamp_min(-100) + (1.0 - target) * (1.0 - input).log().clamp_min(-100));
                if (weight is not null) loss = loss * weight;
                return Reduce(loss, reduction, op);
            }

            /// <summary>
            /// Binary cross-entropy of sigmoid(x) against y, computed from the logits x without overflow.
            /// <paramref name="pos_weight"/> multiplies the loss of positive targets (broadcast over the last dimension).
            /// </summary>
            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null, string reduction = "mean", Tensor? pos_weight = null)
            {
                const string op = "binary_cross_entropy_with_logits";
                CheckReduction(reduction, op);
                CheckSameShape(input, target, op);
                // -log σ(x) = softplus(-x) and -log(1 - σ(x)) = x + softplus(-x), and softplus is stable.
                var negLogSigmoid = (-input).softplus();
                var loss = pos_weight is null
                    ? (1.0 - target) * input + negLogSigmoid
                    : (1.0 - target) * input + ((pos_weight - 1.0) * target + 1.0) * negLogSigmoid;
                if (weight is not null) loss = loss * weight;
                return Reduce(loss, reduction, op);
            }

            /// <summary>
            /// Kullback–Leibler divergence KL(target ‖ input) with <paramref name="input"/> given as log-probabilities
            /// (and <paramref name="target"/> too when <paramref name="log_target"/>). Use reduction "batchmean"
            /// for the true KL per sample; "mean" divides by the number of elements instead.
            /// </summary>
            public static Tensor kl_div(Tensor input, Tensor target, string reduction = "mean", bool log_target = false)
            {
                const string op = "kl_div";
                if (reduction is not ("none" or "mean" or "sum" or "batchmean")) throw BadReduction(reduction, op, batchmean: true);
                Tensor loss;
                if (log_target) loss = target.exp() * (target - input);
                else
                {
                    // target·log(target), taken as 0 where target is 0; log sees 1 there so nothing becomes NaN.
                    Tensor safe;
                    using (no_grad()) safe = target > 0;
                    loss = target * (where(safe, target, 1.0).log() - input);
                }
                if (reduction == "batchmean") return input.dim() == 0 ? loss.sum() : loss.sum() / input.shape[0];
                return Reduce(loss, reduction, op);
            }
        }
    }
}
