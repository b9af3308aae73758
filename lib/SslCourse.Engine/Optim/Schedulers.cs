namespace SslCourse;

public static partial class torch
{
    public static partial class optim
    {
        public static partial class lr_scheduler
        {
            /// <summary>
            /// Sets each group's learning rate as a function of the step (or epoch) count. Call <see cref="step"/> after each
            /// optimizer step (or epoch); the rate after t calls is <see cref="LearningRate"/>(base_lr, t).
            /// </summary>
            public abstract class LRScheduler
            {
                readonly double[] _baseLrs;

                protected LRScheduler(Optimizer optimizer)
                {
                    Optimizer = optimizer;
                    _baseLrs = optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();
                    Apply();
                }

                public Optimizer Optimizer { get; }

                /// <summary>How many times <see cref="step"/> has been called.</summary>
                public long last_epoch { get; private set; }

                /// <summary>The learning rate of a group whose initial rate is <paramref name="baseLr"/>, after <paramref name="t"/> steps.</summary>
                protected abstract double LearningRate(double baseLr, long t);

                public void step() { last_epoch++; Apply(); }

                void Apply()
                {
                    for (int i = 0; i < _baseLrs.Length; i++) Optimizer.ParamGroups[i].LearningRate = LearningRate(_baseLrs[i], last_epoch);
                }

                /// <summary>The current learning rate of each group.</summary>
                public IEnumerable<double> get_last_lr() => Optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();
            }

            /// <summary>The schedules that the factory methods above return.</summary>
            public static class impl
            {
                /// <summary>Multiplies the rate by gamma every step_size steps.</summary>
                public sealed class StepLR(Optimizer optimizer, long step_size, double gamma = 0.1) : LRScheduler(optimizer)
                {
                    protected override double LearningRate(double baseLr, long t) => baseLr * Math.Pow(gamma, t / step_size);
                }

                /// <summary>Anneals from the base rate to eta_min along half a cosine over T_max steps (PyTorch's closed form).</summary>
                public sealed class CosineAnnealingLR(Optimizer optimizer, double T_max, double eta_min = 0) : LRScheduler(optimizer)
                {
                    // Past T_max the cosine carries on (the rate rises again), as PyTorch's does.
                    protected override double LearningRate(double baseLr, long t) => eta_min + (baseLr - eta_min) * (1 + Math.Cos(Math.PI * t / T_max)) / 2;
                }
            }
        }
    }
}
