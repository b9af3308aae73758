namespace SslCourse.Models;

/// <summary>Exponential moving averages of weights, for momentum encoders (MoCo, BYOL) and EMA models.</summary>
public static class ExponentialMovingAverage
{
    /// <summary>target ← momentum · target + (1 − momentum) · online, for every parameter; buffers are copied.</summary>
    public static void Update(torch.nn.Module target, torch.nn.Module online, double momentum)
    {
        var t = target.named_parameters().ToList(); var o = online.named_parameters().ToList();
        if (t.Count != o.Count || t.Zip(o).Any(p => p.First.name != p.Second.name || !p.First.parameter.shape.SequenceEqual(p.Second.parameter.shape)))
            throw new ArgumentException($"ExponentialMovingAverage: {target.GetName()} and {online.GetName()} do not have the same parameters.");
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();   // on TorchSharp, lerp_ takes its weight as a tensor made per call
        foreach (var (a, b) in t.Zip(o)) a.parameter.lerp_(b.parameter, 1 - momentum);
        foreach (var (a, b) in target.named_buffers().Zip(online.named_buffers())) a.buffer.copy_(b.buffer);
    }
}
