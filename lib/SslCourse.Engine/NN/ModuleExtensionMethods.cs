namespace SslCourse;

/// <summary>TorchSharp's extension methods on modules: like theirs, they return the module as its own type.</summary>
public static class ModuleExtensionMethods
{
    /// <summary>
    /// Puts the module's parameters and buffers on <paramref name="device"/> and returns the module. The built-in engine
    /// has one device, the CPU, so this checks the device and moves nothing; TorchSharp moves them to a GPU.
    /// </summary>
    public static T to<T>(this T module, torch.Device device, bool non_blocking = false) where T : torch.nn.Module
    {
        foreach (var t in module.parameters().Concat(module.buffers())) t.to(device);
        return module;
    }
}
