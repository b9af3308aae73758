using static SslCourse.torch.optim;
using static SslCourse.torch.optim.lr_scheduler;

namespace SslCourse.Optim;

/// <summary>Rises linearly from 0 to the base rate over warmup_steps, then follows a cosine down to 0 at total_steps.</summary>
public sealed class LinearWarmupCosineLR(Optimizer optimizer, long warmup_steps, long total_steps) : LRScheduler(optimizer)
{
    protected override double LearningRate(double baseLr, long t) => baseLr * (t < warmup_steps
        ? (t + 1.0) / (warmup_steps + 1)
        : 0.5 * (1 + Math.Cos(Math.PI * Math.Min(t - warmup_steps, total_steps - warmup_steps) / Math.Max(1, total_steps - warmup_steps))));
}

