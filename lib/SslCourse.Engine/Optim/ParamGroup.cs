namespace SslCourse.Modules;

/// <summary>A set of parameters that share hyper-parameters (learning rate, weight decay, ...).</summary>
public sealed class ParamGroup
{
    public ParamGroup(IEnumerable<Tensor> parameters, double? lr = null, double? weight_decay = null)
    {
        Parameters = parameters.ToList();
        if (lr is double l) Options["lr"] = l;
        if (weight_decay is double w) Options["weight_decay"] = w;
    }

    public List<Tensor> Parameters { get; }

    /// <summary>The group's hyper-parameters by PyTorch's names; unset ones take the optimizer's defaults.</summary>
    public Dictionary<string, double> Options { get; } = new();

    public double LearningRate { get => Options["lr"]; set => Options["lr"] = value; }
}
