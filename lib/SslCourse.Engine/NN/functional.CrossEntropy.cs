using SslCourse.Autograd;

namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// Cross-entropy between logits <paramref name="input"/> ([C], [N,C] or [N,C,d1,…]) and either class indices
            /// (int64 target [], [N] or [N,d1,…]) or class probabilities (float32 target shaped like input).
            /// <paramref name="weight"/> [C] rescales each class; targets equal to <paramref name="ignore_index"/> add
            /// nothing; <paramref name="label_smoothing"/> mixes the target with the uniform distribution.
            /// </summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100,
                string reduction = "mean", double label_smoothing = 0.0)
            {
                const string op = "cross_entropy";
                CheckReduction(reduction, op);
                if (!(label_smoothing >= 0 && label_smoothing <= 1))
                    throw new ArgumentException($"{op}: label_smoothing must lie in [0, 1], got {label_smoothing}.");
                if (input.dim() == 1) return Unbatched(input, target, reduction, (x, t) => cross_entropy(x, t, weight, ignore_index, reduction, label_smoothing));
                CheckClassInput(input, weight, op);
                int classes = input.Shape[1];
                var logp = input.log_softmax(1);
                if (target.dtype == ScalarType.Float32)
                {
                    if (!ShapeUtil.SameShape(target.Shape, input.Shape)) throw TargetShapeError(input, target, op);
                    var p = label_smoothing > 0 ? target * (1 - label_smoothing) + label_smoothing / classes : target;
                    var weighted = weight is null ? logp * p : logp * p * ClassView(weight, input);
                    return Reduce(-weighted.sum(1), reduction, op);
                }
                var (nll, perWeight) = NllLoss(logp, target, weight, ignore_index, op);
                var loss = ReduceNll(nll, perWeight, reduction);
                if (label_smoothing == 0) return loss;
                // The smoothing part spreads the target over all classes: -Σ_c w_c·logp_c / C per position,
                // zero where the target is ignored and normalised like the NLL part.
                var all = weight is null ? logp : logp * ClassView(weight, input);
                Tensor kept;
                using (no_grad()) kept = target.ne(ignore_index);
                var smooth = where(kept, -all.sum(1), 0.0);
                var smoothReduced = reduction switch
                {
                    "none" => smooth,
                    "sum" => smooth.sum(),
                    _ => smooth.sum() / perWeight.sum(),
                };
                return loss * (1 - label_smoothing) + smoothReduced * (label_smoothing / classes);
            }

            /// <summary>
            /// Negative log-likelihood of class-index targets given log-probabilities <paramref name="input"/> ([C], [N,C]
            /// or [N,C,d1,…]); with "mean" the sum is divided by the total weight of the targets that count.
            /// </summary>
            public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100, string reduction = "mean")
            {
                const string op = "nll_loss";
                CheckReduction(reduction, op);
                if (input.dim() == 1) return Unbatched(input, target, reduction, (x, t) => nll_loss(x, t, weight, ignore_index, reduction));
                CheckClassInput(input, weight, op);
                var (nll, perWeight) = NllLoss(input, target, weight, ignore_index, op);
                return ReduceNll(nll, perWeight, reduction);
            }

            /// <summary>An unbatched [C] input with a 0-d target runs as a batch of one.</summary>
            static Tensor Unbatched(Tensor input, Tensor target, string reduction, Func<Tensor, Tensor, Tensor> batched)
            {
                var loss = batched(input.unsqueeze(0), target.unsqueeze(0));
                return reduction == "none" ? loss.squeeze(0) : loss;
            }

            static void CheckClassInput(Tensor input, Tensor? weight, string op)
            {
                if (input.dim() < 1 || input.dtype != ScalarType.Float32)
                    throw new ArgumentException($"{op}: input must be float32 scores [C], [N,C] or [N,C,d1,...], got {input.dtype.Name()} {ShapeUtil.Format(input.Shape)}.");
                if (weight is not null && (weight.dim() != 1 || weight.Shape[0] != input.Shape[1]))
                    throw new ArgumentException($"{op}: weight {ShapeUtil.Format(weight.Shape)} must have one entry per class ([{input.Shape[1]}]) for input {ShapeUtil.Format(input.Shape)}.");
            }

            static ArgumentException TargetShapeError(Tensor input, Tensor target, string op)
            {
                var indexShape = input.Shape.Where((_, i) => i != 1).ToArray();
                return new ArgumentException(
                    $"{op}: target {target.dtype.Name()} {ShapeUtil.Format(target.Shape)} does not fit input {ShapeUtil.Format(input.Shape)}: " +
                    $"expected int64 class indices {ShapeUtil.Format(indexShape)} or float32 class probabilities {ShapeUtil.Format(input.Shape)}.");
            }

            /// <summary>A [C] per-class tensor shaped [1, C, 1, …] to broadcast over input's class dimension.</summary>
            static Tensor ClassView(Tensor perClass, Tensor input)
            {
                var shape = Enumerable.Repeat(1L, input.dim()).ToArray();
                shape[1] = input.Shape[1];
                return perClass.reshape(shape);
            }

            /// <summary>
            /// Per-position loss -w[t]·logp[t] for logp [N,C,d…] and int64 target [N,d…], plus the weight w[t]
            /// each position carries (0 where ignored), for the "mean" reduction.
            /// </summary>
            static (Tensor loss, Tensor weights) NllLoss(Tensor logp, Tensor target, Tensor? weight, long ignoreIndex, string op)
            {
                var indexShape = logp.Shape.Where((_, i) => i != 1).ToArray();
                if (target.dtype != ScalarType.Int64 || !ShapeUtil.SameShape(target.Shape, indexShape)) throw TargetShapeError(logp, target, op);
                CheckSameDevice(op, logp.device, target, weight);   // the kernel reads them directly
                int n = logp.Shape[0], c = logp.Shape[1], s = n == 0 ? 0 : logp.Numel / (n * Math.Max(c, 1));
                var classes = target.data<long>();
                foreach (var t in classes)
                    if (t != ignoreIndex && (t < 0 || t >= c))
                        throw new IndexOutOfRangeException($"{op}: target class {t} is out of range for input {ShapeUtil.Format(logp.Shape)} with {c} classes (expected 0..{c - 1}, or ignore_index {ignoreIndex}).");
                var loss = Tensor.Empty(indexShape, ScalarType.Float32, logp.device);
                var weights = Tensor.Empty(indexShape, ScalarType.Float32, logp.device);
                var w = weight?.to(ScalarType.Float32).contiguous().detach();
                using (GradMode.Set(false)) logp.Backend.NllLoss(logp.contiguous(), n, c, s, classes, w, ignoreIndex, loss, weights);
                var inputShape = logp.Shape;
                var saved = w is null ? Array.Empty<Tensor>() : [w];
                loss = Engine.Record("nll_loss", loss, [logp], saved, (g, sv) =>
                {
                    var dx = Tensor.Empty(inputShape, ScalarType.Float32, g.device);
                    g.Backend.NllLossBackward(g.contiguous(), n, c, s, classes, sv.Length > 0 ? sv[0] : null, ignoreIndex, dx);
                    return [dx];
                });
                return (loss, weights);
            }

            static Tensor ReduceNll(Tensor loss, Tensor weights, string reduction) => reduction switch
            {
                "none" => loss,
                "sum" => loss.sum(),
                _ => loss.sum() / weights.sum(),
            };
        }
    }
}
