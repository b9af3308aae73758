using SslCourse.Modules;
using static SslCourse.torch.optim;

namespace SslCourse.Optim;

/// <summary>
/// LARS (You et al. 2017), as used by SimCLR: SGD with momentum whose step for each weight matrix is scaled by the
/// trust ratio η·‖w‖/‖g + λw‖. Groups with option "lars_exclude" = 1 (biases, norms) take plain momentum SGD steps.
/// </summary>
public sealed class LARS(IEnumerable<ParamGroup> groups, double lr, double momentum = 0.9, double weight_decay = 0, double trust_coefficient = 0.001, double eps = 1e-8)
    : Optimizer(groups, new() { ["lr"] = lr, ["momentum"] = momentum, ["weight_decay"] = weight_decay, ["trust_coefficient"] = trust_coefficient, ["eps"] = eps, ["lars_exclude"] = 0 })
{
    protected override void Update(ParamGroup group, Tensor p, Tensor grad, Dictionary<string, Tensor> state)
    {
        var o = group.Options;
        var d = o["weight_decay"] != 0 ? grad + p * o["weight_decay"] : grad;
        if (o["lars_exclude"] == 0)
        {
            double wNorm = p.norm().ToDouble(), dNorm = d.norm().ToDouble();
            double trust = wNorm > 0 && dNorm > 0 ? o["trust_coefficient"] * wNorm / (dNorm + o["eps"]) : 1;
            d = d * trust;
        }
        var buf = Buffer(state, "momentum_buffer", p).mul_(o["momentum"]).add_(d);
        p.sub_(buf, alpha: o["lr"]);
    }
}
