namespace SslCourse.Training;

/// <summary>
/// An optimizer's state as named tensors, for <see cref="Trainer"/>'s checkpoints. TorchSharp's state dict holds
/// objects rather than tensors, so it travels as the bytes of TorchSharp's own serialisation in one uint8 tensor;
/// lib/SslCourse compiles OptimizerState.Builtin.cs instead.
/// </summary>
internal static class OptimizerState
{
    const string Key = "torchsharp";

    public static Dictionary<string, Tensor> Save(torch.optim.Optimizer optimizer)
    {
        using var bytes = new MemoryStream();
        using (var writer = new BinaryWriter(bytes, System.Text.Encoding.UTF8, leaveOpen: true)) Serializable(optimizer).save_state_dict(writer);
        return new() { [Key] = torch.tensor(bytes.ToArray()) };
    }

    public static void Load(torch.optim.Optimizer optimizer, Dictionary<string, Tensor> state)
    {
        if (!state.TryGetValue(Key, out var bytes))
            throw new InvalidDataException("The checkpoint's optimizer state was not written on TorchSharp (the built-in engine writes its own kind); delete the checkpoint to start afresh.");
        using var reader = new BinaryReader(new MemoryStream(bytes.data<byte>().ToArray()));
        Serializable(optimizer).load_state_dict(reader);
    }

    static OptimizerHelper Serializable(torch.optim.Optimizer optimizer) => optimizer as OptimizerHelper
        ?? throw new NotSupportedException($"Trainer checkpoints: TorchSharp cannot save the state of {optimizer.GetType().Name}; use one of its managed optimizers (SGD, Adam, AdamW…).");
}
