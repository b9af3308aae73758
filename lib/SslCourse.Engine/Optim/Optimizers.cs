using static SslCourse.torch.optim;

namespace SslCourse.Modules;

/// <summary>Stochastic gradient descent with optional momentum (heavy-ball or Nesterov) and L2 weight decay.</summary>
public sealed class SGD(IEnumerable<ParamGroup> groups, double learningRate, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false)
    : Optimizer(groups, new() { ["lr"] = learningRate, ["momentum"] = momentum, ["dampening"] = dampening, ["weight_decay"] = weight_decay, ["nesterov"] = nesterov ? 1 : 0 })
{
    protected override void Update(ParamGroup group, Tensor p, Tensor grad, Dictionary<string, Tensor> state)
    {
        var o = group.Options;
        var d = o["weight_decay"] != 0 ? grad + p * o["weight_decay"] : grad;
        if (o["momentum"] != 0)
        {
            bool first = !state.ContainsKey("momentum_buffer");
            var buf = Buffer(state, "momentum_buffer", p);
            if (first) buf.copy_(d); else buf.mul_(o["momentum"]).add_(d, alpha: 1 - o["dampening"]);
            d = o["nesterov"] != 0 ? d + buf * o["momentum"] : buf;
        }
        p.sub_(d, alpha: o["lr"]);
    }
}

/// <summary>Adam (Kingma &amp; Ba), or AdamW when weight decay is decoupled from the gradient (Loshchilov &amp; Hutter).</summary>
public class Adam : Optimizer
{
    readonly bool _decoupled;

    public Adam(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0)
        : this(groups, lr, beta1, beta2, eps, weight_decay, decoupled: false) { }

    protected Adam(IEnumerable<ParamGroup> groups, double lr, double beta1, double beta2, double eps, double weight_decay, bool decoupled)
        : base(groups, new() { ["lr"] = lr, ["beta1"] = beta1, ["beta2"] = beta2, ["eps"] = eps, ["weight_decay"] = weight_decay })
    {
        _decoupled = decoupled;
    }

    protected override void Update(ParamGroup group, Tensor p, Tensor grad, Dictionary<string, Tensor> state)
    {
        var o = group.Options;
        var m = Buffer(state, "exp_avg", p);
        var v = Buffer(state, "exp_avg_sq", p);
        long t = (long)Buffer(state, "step", torch.zeros(1)).add_(1).ToDouble();
        if (!p.is_contiguous() || !grad.is_contiguous())
            throw new InvalidOperationException($"{GetType().Name}: parameters and gradients must be contiguous, got a parameter {ShapeUtil.Format(p.shape)} that is not.");
        torch.CheckSameDevice(GetType().Name, p.device, grad, m, v);   // the kernel reads them directly
        p.Backend.AdamStep(p, grad, m, v, o["lr"], o["beta1"], o["beta2"], o["eps"], o["weight_decay"], _decoupled, t);
    }
}

/// <summary>Adam with decoupled weight decay (default 0, as in TorchSharp; PyTorch's default is 0.01).</summary>
public sealed class AdamW(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0)
    : Adam(groups, lr, beta1, beta2, eps, weight_decay, decoupled: true);

