using SslCourse.Modules;

namespace SslCourse.Optim;

/// <summary>Parameter groups for the usual weight-decay recipe (built-in engine; TorchSharp has its own ParamGroup types).</summary>
public static class WeightDecayGroups
{
    /// <summary>
    /// Two groups, the usual recipe for transformers and SimCLR: weight decay on weight matrices and kernels, none
    /// on biases and normalisation parameters (the 1-D tensors), which LARS also leaves out of its trust ratio.
    /// </summary>
    public static ParamGroup[] Of(torch.nn.Module model, double weight_decay)
    {
        var all = model.parameters().ToList();
        return [new ParamGroup(all.Where(p => p.dim() >= 2), weight_decay: weight_decay),
                new ParamGroup(all.Where(p => p.dim() < 2), weight_decay: 0) { Options = { ["lars_exclude"] = 1 } }];
    }
}
