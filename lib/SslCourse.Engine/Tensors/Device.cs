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

    /// <summary>The CPU device; every tensor lives here unless moved.</summary>
    public static readonly Device CPU = new("cpu", new Cpu.CpuBackend());

    /// <summary>
    /// A second device for tests, computed on the CPU but kept apart from it: an op that mixes its tensors with the
    /// CPU's fails, as it would on a GPU. Running a lesson on it shows any tensor the course forgot to put on the
    /// lesson's device. Named "test"; a 0-dimensional CPU tensor may still combine with it, as PyTorch allows.
    /// </summary>
    internal static readonly Device Test = new("test", new Cpu.CpuBackend());

    /// <summary>Looks a device up by name: "cpu" (and "test", the CPU-backed device that the course's tests use).</summary>
    public static Device device(string name) => name switch
    {
        "cpu" => CPU,
        "test" => Test,
        _ => throw new ArgumentException($"device: '{name}' is not available; the built-in engine has only 'cpu' (train on a GPU with the TorchSharp engine)."),
    };

    /// <summary>Throws unless every tensor given (nulls are skipped) is on <paramref name="device"/> or is a 0-dimensional CPU tensor.</summary>
    internal static void CheckSameDevice(string op, Device device, params Tensor?[] tensors)
    {
        foreach (var t in tensors)
            if (t is not null && t.device != device && !IsCpuScalar(t))
                throw new InvalidOperationException(
                    $"{op}: expected all tensors on one device, but found {device} and {t.device}. Put models and batches on one " +
                    "device with .to(device) (the lessons use Lesson.Device), and create new tensors with device: x.device.");
    }

    /// <summary>
    /// The device an op on <paramref name="tensors"/> runs on and puts its result on: that of the first one that is not a
    /// 0-dimensional CPU tensor (those join any device), or the CPU when all are; throws unless the others are there too.
    /// </summary>
    internal static Device CommonDevice(string op, params Tensor[] tensors)
    {
        var device = tensors.FirstOrDefault(t => !IsCpuScalar(t))?.device ?? CPU;
        CheckSameDevice(op, device, tensors);
        return device;
    }

    /// <summary>Whether <paramref name="t"/> is a 0-dimensional CPU tensor, which may take part in an op on any device.</summary>
    internal static bool IsCpuScalar(Tensor t) => t.device == CPU && t.dim() == 0;

    /// <summary>Whether a CUDA backend is present (not in this build).</summary>
    public static class cuda
    {
        public static bool is_available() => false;
    }
}
