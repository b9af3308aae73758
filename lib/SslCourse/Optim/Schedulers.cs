namespace SslCourse.Optim;

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
    public double[] get_last_lr() => Optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();

    /// <summary>Jumps to count <paramref name="epoch"/> (used when resuming from a checkpoint).</summary>
    public void load_state(long epoch) { last_epoch = epoch; Apply(); }
}

/// <summary>Multiplies the rate by gamma every step_size steps.</summary>
public sealed class StepLR(Optimizer optimizer, long step_size, double gamma = 0.1) : LRScheduler(optimizer)
{
    protected override double LearningRate(double baseLr, long t) => baseLr * Math.Pow(gamma, t / step_size);
}

/// <summary>Anneals from the base rate to eta_min along half a cosine over T_max steps (PyTorch's closed form).</summary>
public sealed class CosineAnnealingLR(Optimizer optimizer, long T_max, double eta_min = 0) : LRScheduler(optimizer)
{
    // Past T_max the cosine carries on (the rate rises again), as PyTorch's does.
    protected override double LearningRate(double baseLr, long t) => eta_min + (baseLr - eta_min) * (1 + Math.Cos(Math.PI * t / T_max)) / 2;
}

/// <summary>Rises linearly from 0 to the base rate over warmup_steps, then follows a cosine down to 0 at total_steps.</summary>
public sealed class LinearWarmupCosineLR(Optimizer optimizer, long warmup_steps, long total_steps) : LRScheduler(optimizer)
{
    protected override double LearningRate(double baseLr, long t) => baseLr * (t < warmup_steps
        ? (t + 1.0) / (warmup_steps + 1)
        : 0.5 * (1 + Math.Cos(Math.PI * Math.Min(t - warmup_steps, total_steps - warmup_steps) / Math.Max(1, total_steps - warmup_steps))));
}

/// <summary>Exponential moving averages of weights, for momentum encoders (MoCo, BYOL) and EMA models.</summary>
public static class ExponentialMovingAverage
{
    /// <summary>target ← momentum · target + (1 − momentum) · online, for every parameter; buffers are copied.</summary>
    public static void Update(torch.nn.Module target, torch.nn.Module online, double momentum)
    {
        var t = target.named_parameters().ToList(); var o = online.named_parameters().ToList();
        if (t.Count != o.Count || t.Zip(o).Any(p => p.First.name != p.Second.name || !p.First.parameter.shape.SequenceEqual(p.Second.parameter.shape)))
            throw new ArgumentException($"ExponentialMovingAverage: {target.GetName} and {online.GetName} do not have the same parameters.");
        using var noGrad = torch.no_grad();
        foreach (var (a, b) in t.Zip(o)) a.parameter.lerp_(b.parameter, 1 - momentum);
        foreach (var (a, b) in target.named_buffers().Zip(online.named_buffers())) a.buffer.copy_(b.buffer);
    }
}
