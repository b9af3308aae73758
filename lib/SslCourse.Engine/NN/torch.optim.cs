using SslCourse.Modules;

namespace SslCourse;

public static partial class torch
{
    /// <summary>Optimizers and learning-rate schedules with TorchSharp's names.</summary>
    public static partial class optim
    {
        static IEnumerable<ParamGroup> One(IEnumerable<Tensor> parameters) => [new ParamGroup(parameters)];

        public static SGD SGD(IEnumerable<Tensor> parameters, double learningRate, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false) =>
            new(One(parameters), learningRate, momentum, dampening, weight_decay, nesterov);
        public static SGD SGD(IEnumerable<ParamGroup> groups, double learningRate, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false) =>
            new(groups, learningRate, momentum, dampening, weight_decay, nesterov);
        public static Adam Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0) =>
            new(One(parameters), lr, beta1, beta2, eps, weight_decay);
        public static Adam Adam(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0) =>
            new(groups, lr, beta1, beta2, eps, weight_decay);
        public static AdamW AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0) =>
            new(One(parameters), lr, beta1, beta2, eps, weight_decay);
        public static AdamW AdamW(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0) =>
            new(groups, lr, beta1, beta2, eps, weight_decay);

        public static partial class lr_scheduler
        {
            public static LRScheduler StepLR(Optimizer optimizer, int step_size, double gamma = 0.1) => new impl.StepLR(optimizer, step_size, gamma);
            public static LRScheduler CosineAnnealingLR(Optimizer optimizer, double T_max, double eta_min = 0) => new impl.CosineAnnealingLR(optimizer, T_max, eta_min);
        }
    }

    public static partial class nn
    {
        public static class utils
        {
            /// <summary>Scales all gradients together so their global p-norm is at most max_norm; returns the norm before clipping.</summary>
            public static double clip_grad_norm_(IEnumerable<Tensor> parameters, double max_norm, double norm_type = 2)
            {
                var grads = parameters.Select(p => p.grad).OfType<Tensor>().ToList();
                if (grads.Count == 0) return 0;
                using var noGrad = no_grad();
                double total = double.IsPositiveInfinity(norm_type)
                    ? grads.Max(g => g.abs().max().ToDouble())
                    : Math.Pow(grads.Sum(g => Math.Pow(g.norm(norm_type).ToDouble(), norm_type)), 1 / norm_type);
                double scale = max_norm / (total + 1e-6);
                if (scale < 1) foreach (var g in grads) g.mul_(scale);
                return total;
            }
        }
    }
}
