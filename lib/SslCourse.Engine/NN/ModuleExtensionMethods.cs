namespace SslCourse;

/// <summary>TorchSharp's extension methods on modules: like theirs, they return the module as its own type.</summary>
public static class ModuleExtensionMethods
{
    /// <summary>
    /// Moves the module's parameters and buffers to <paramref name="device"/> in place (the same tensor objects, as
    /// TorchSharp keeps its Parameter objects) and returns the module.
    /// </summary>
    public static T to<T>(this T module, torch.Device device, bool non_blocking = false) where T : torch.nn.Module
    {
        foreach (var t in module.parameters().Concat(module.buffers())) t.MoveTo(device);
        return module;
    }
}
