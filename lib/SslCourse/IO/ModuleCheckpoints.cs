namespace SslCourse.IO;

/// <summary>
/// Saves and loads a module's state dict as safetensors on either engine, so a checkpoint written by the built-in
/// engine loads on TorchSharp and the other way round (TorchSharp's own <c>Module.save</c> uses its own format).
/// </summary>
public static class ModuleCheckpoints
{
    /// <summary>Writes the state dict as a safetensors file (readable by PyTorch, Hugging Face and both engines).</summary>
    public static TModule SaveSafetensors<TModule>(this TModule module, string path) where TModule : nn.Module
    {
        SafetensorsWriter.Save(path, module.state_dict());
        return module;
    }

    /// <summary>Loads a safetensors file (written by <see cref="SaveSafetensors"/>, PyTorch or Hugging Face) into the module.</summary>
    public static TModule LoadSafetensors<TModule>(this TModule module, string path, bool strict = true) where TModule : nn.Module
    {
        var state = SafetensorsReader.Load(path);
        try { module.load_state_dict(state, strict); }
        finally { foreach (var t in state.Values) t.Dispose(); }
        return module;
    }
}
