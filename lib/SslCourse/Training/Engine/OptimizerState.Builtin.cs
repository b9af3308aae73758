namespace SslCourse.Training;

/// <summary>
/// An optimizer's state as named tensors, for <see cref="Trainer"/>'s checkpoints. On the built-in engine that is the
/// optimizer's own state dict; lib/SslCourse.TorchSharp compiles OptimizerState.TorchSharp.cs instead.
/// </summary>
internal static class OptimizerState
{
    public static Dictionary<string, Tensor> Save(torch.optim.Optimizer optimizer) => optimizer.state_dict();

    public static void Load(torch.optim.Optimizer optimizer, Dictionary<string, Tensor> state) => optimizer.load_state_dict(state);
}
