namespace SslCourse;

public static partial class torch
{
    /// <summary>Where a tensor's storage lives and which backend runs its kernels.</summary>
    public sealed class Device
    {
        internal Device(string type, IBackend backend) { this.type = type; Backend = backend; }

        /// <summary>The device type, e.g. "cpu".</summary>
        public string type { get; }

        internal IBackend Backend { get; }

        public override string ToString() => type;
    }

    /// <summary>The CPU device; every tensor lives here unless a future backend says otherwise.</summary>
    public static readonly Device CPU = new("cpu", new Cpu.CpuBackend());

    /// <summary>Looks a device up by name ("cpu").</summary>
    public static Device device(string name) => name switch
    {
        "cpu" => CPU,
        _ => throw new ArgumentException($"device: '{name}' is not available; this build of SslCourse has only 'cpu'."),
    };

    /// <summary>Whether a CUDA backend is present (not in this build).</summary>
    public static class cuda
    {
        public static bool is_available() => false;
    }
}
