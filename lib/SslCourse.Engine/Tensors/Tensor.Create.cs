namespace SslCourse;

public sealed partial class Tensor
{
    /// <summary>A new zero-filled, contiguous tensor.</summary>
    internal static Tensor Empty(int[] shape, torch.ScalarType dtype, torch.Device? device = null) => New(shape, dtype, device, zeroed: true);

    /// <summary>
    /// A new contiguous tensor whose contents are left over from an earlier one: only for an output that its kernel
    /// writes in full (a copy, an elementwise result), where clearing it first would be a wasted pass over memory.
    /// </summary>
    internal static Tensor Uninitialized(int[] shape, torch.ScalarType dtype, torch.Device? device = null) => New(shape, dtype, device, zeroed: false);

    static Tensor New(int[] shape, torch.ScalarType dtype, torch.Device? device, bool zeroed)
    {
        device ??= torch.CPU;
        var storage = device.Backend.Allocate(device, dtype, ShapeUtil.Numel(shape), zeroed);
        return new Tensor(storage, shape, ShapeUtil.ContiguousStrides(shape), 0);
    }

    /// <summary>A new tensor on <paramref name="device"/> (the CPU by default) holding a copy of <paramref name="data"/> with the given shape.</summary>
    internal static Tensor FromArray<T>(T[] data, int[] shape, torch.Device? device = null)
    {
        var dtype = data switch
        {
            float[] => torch.ScalarType.Float32,
            long[] => torch.ScalarType.Int64,
            bool[] => torch.ScalarType.Bool,
            _ => throw new ArgumentException($"tensor: element type {typeof(T).Name} is not supported; use float, long or bool."),
        };
        if (ShapeUtil.Numel(shape) != data.Length)
            throw new ArgumentException($"tensor: {data.Length} values cannot fill shape {ShapeUtil.Format(shape)} ({ShapeUtil.Numel(shape)} elements).");
        var storage = new Storage(device ?? torch.CPU, dtype, data.Length, (Array)data.Clone());
        return new Tensor(storage, shape, ShapeUtil.ContiguousStrides(shape), 0);
    }
}

public static partial class torch
{
    static Tensor Make(long[] size, ScalarType? dtype, Device? device, bool requires_grad, Action<Tensor>? fill, string op)
    {
        var t = Tensor.Empty(ShapeUtil.ToInt(size, op), dtype ?? ScalarType.Float32, device);
        fill?.Invoke(t);
        if (requires_grad) t.requires_grad = true;
        return t;
    }

    /// <summary>A tensor of zeros.</summary>
    public static Tensor zeros(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Make(size, dtype, device, requires_grad, null, "zeros");
    /// <summary>A float32 tensor of zeros.</summary>
    public static Tensor zeros(params long[] size) => zeros(size, null);
    /// <summary>A tensor of ones.</summary>
    public static Tensor ones(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Make(size, dtype, device, requires_grad, t => t.fill_(1), "ones");
    /// <summary>A float32 tensor of ones.</summary>
    public static Tensor ones(params long[] size) => ones(size, null);
    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor full(long[] size, double value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => Make(size, dtype, device, requires_grad, t => t.fill_(value), "full");
    /// <summary>A tensor whose values do not matter yet (zero-filled here).</summary>
    public static Tensor empty(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => zeros(size, dtype, device, requires_grad);
    /// <summary>A float32 tensor whose values do not matter yet.</summary>
    public static Tensor empty(params long[] size) => zeros(size, null);

    // The *_like functions put the new tensor on t's device unless given another.
    /// <summary>Zeros shaped like <paramref name="t"/>.</summary>
    public static Tensor zeros_like(Tensor t, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => zeros(t.shape, dtype ?? t.dtype, device ?? t.device, requires_grad);
    /// <summary>Ones shaped like <paramref name="t"/>.</summary>
    public static Tensor ones_like(Tensor t, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => ones(t.shape, dtype ?? t.dtype, device ?? t.device, requires_grad);
    /// <summary>A constant shaped like <paramref name="t"/>.</summary>
    public static Tensor full_like(Tensor t, double value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => full(t.shape, value, dtype ?? t.dtype, device ?? t.device, requires_grad);
    /// <summary>An uninitialised tensor shaped like <paramref name="t"/>.</summary>
    public static Tensor empty_like(Tensor t, ScalarType? dtype = null, Device? device = null) => zeros_like(t, dtype, device);
    /// <summary>Uniform [0,1) values shaped like <paramref name="t"/>.</summary>
    public static Tensor rand_like(Tensor t, Generator? generator = null, Device? device = null) => rand(t.shape, generator, device ?? t.device);
    /// <summary>Standard normal values shaped like <paramref name="t"/>.</summary>
    public static Tensor randn_like(Tensor t, Generator? generator = null, Device? device = null) => randn(t.shape, generator, device ?? t.device);

    // The tensor(...) functions take device where TorchSharp's do, before requires_grad; this engine has no dtype
    // parameter there, so pass device by name, as code that builds on both engines does anyway.
    /// <summary>A 0-d tensor holding one value.</summary>
    public static Tensor tensor(float value, Device? device = null, bool requires_grad = false) => Tensor.FromArray(new[] { value }, [], device).requires_grad_(requires_grad);
    /// <summary>A 0-d int64 tensor.</summary>
    public static Tensor tensor(long value, Device? device = null) => Tensor.FromArray(new[] { value }, [], device);
    /// <summary>A 0-d bool tensor.</summary>
    public static Tensor tensor(bool value, Device? device = null) => Tensor.FromArray(new[] { value }, [], device);
    /// <summary>A tensor copied from <paramref name="data"/>, 1-D unless <paramref name="dimensions"/> gives a shape.</summary>
    public static Tensor tensor(float[] data, long[]? dimensions = null, Device? device = null, bool requires_grad = false) =>
        Tensor.FromArray(data, dimensions is null ? [data.Length] : ShapeUtil.ToInt(dimensions, "tensor"), device).requires_grad_(requires_grad);
    /// <summary>An int64 tensor copied from <paramref name="data"/>.</summary>
    public static Tensor tensor(long[] data, long[]? dimensions = null, Device? device = null) =>
        Tensor.FromArray(data, dimensions is null ? [data.Length] : ShapeUtil.ToInt(dimensions, "tensor"), device);
    /// <summary>Not available: TorchSharp makes an int32 tensor from an int[], a type the course does not use. Write long[].</summary>
    [Obsolete("tensor(int[]) is an int32 tensor on TorchSharp; write a long[] for int64 indices and labels.", error: true)]
    public static Tensor tensor(int[] data, long[]? dimensions = null, Device? device = null) => throw new NotSupportedException("tensor(int[]): write a long[].");
    /// <summary>An int64 tensor copied from <paramref name="data"/> (TorchSharp's is uint8, a type this engine does not have).</summary>
    public static Tensor tensor(byte[] data, long[]? dimensions = null, Device? device = null) => tensor(Array.ConvertAll(data, x => (long)x), dimensions, device);
    /// <summary>A bool tensor copied from <paramref name="data"/>.</summary>
    public static Tensor tensor(bool[] data, long[]? dimensions = null, Device? device = null) =>
        Tensor.FromArray(data, dimensions is null ? [data.Length] : ShapeUtil.ToInt(dimensions, "tensor"), device);
    /// <summary>Not available: TorchSharp makes a float64 tensor from a double[], which then mixes badly with float32. Write float[].</summary>
    [Obsolete("tensor(double[]) is a float64 tensor on TorchSharp; write a float[] for float32.", error: true)]
    public static Tensor tensor(double[] data, long[]? dimensions = null, Device? device = null, bool requires_grad = false) =>
        throw new NotSupportedException("tensor(double[]): write a float[].");
    /// <summary>A 2-D float32 tensor from a rectangular array.</summary>
    public static Tensor tensor(float[,] data, Device? device = null, bool requires_grad = false)
    {
        int r = data.GetLength(0), c = data.GetLength(1);
        var flat = new float[r * c];
        Buffer.BlockCopy(data, 0, flat, 0, flat.Length * sizeof(float));
        return Tensor.FromArray(flat, [r, c], device).requires_grad_(requires_grad);
    }
    /// <summary>A float32 tensor from <paramref name="data"/> shaped as <paramref name="dimensions"/>.</summary>
    public static Tensor from_array(float[] data, params long[] dimensions) => tensor(data, dimensions);

    /// <summary>Integers start, start+step, … below stop (int64).</summary>
    public static Tensor arange(long start, long stop, long step = 1, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        if (step == 0) throw new ArgumentException("arange: step must be non-zero.");
        long n = Math.Max(0, (stop - start + step + (step > 0 ? -1 : 1)) / step);
        var t = zeros([n], ScalarType.Int64, device);
        var l = t.Storage.L!;
        for (int i = 0; i < n; i++) l[i] = start + i * step;
        return dtype is ScalarType d && d != ScalarType.Int64 ? t.to(d).requires_grad_(requires_grad) : t;
    }
    /// <summary>Integers 0 … stop-1 (int64).</summary>
    public static Tensor arange(long stop, ScalarType? dtype = null, Device? device = null) => arange(0, stop, 1, dtype, device);
    /// <summary>Values start, start+step, … below stop (float32).</summary>
    public static Tensor arange(double start, double stop, double step = 1.0, Device? device = null, bool requires_grad = false)
    {
        if (step == 0) throw new ArgumentException("arange: step must be non-zero.");
        long n = Math.Max(0, (long)Math.Ceiling((stop - start) / step));
        var t = zeros([n], device: device);
        for (int i = 0; i < n; i++) t.Storage.F![i] = (float)(start + i * step);
        return t.requires_grad_(requires_grad);
    }
    /// <summary>Values 0, 1, … below stop (float32).</summary>
    public static Tensor arange(double stop, Device? device = null) => arange(0.0, stop, device: device);
    /// <summary><paramref name="steps"/> evenly spaced values from start to end inclusive.</summary>
    public static Tensor linspace(double start, double end, long steps, Device? device = null, bool requires_grad = false)
    {
        if (steps < 0) throw new ArgumentException($"linspace: steps must be non-negative, got {steps}.");
        var t = zeros([steps], device: device);
        double step = steps > 1 ? (end - start) / (steps - 1) : 0;
        // Fill from both ends, as PyTorch does, so the last value is exactly `end`.
        for (long i = 0; i < steps; i++) t.Storage.F![i] = (float)(i < steps / 2 ? start + i * step : end - (steps - 1 - i) * step);
        return t.requires_grad_(requires_grad);
    }
    /// <summary>An n×m identity matrix (m defaults to n).</summary>
    public static Tensor eye(long n, long m = -1, ScalarType? dtype = null, Device? device = null)
    {
        if (m < 0) m = n;
        var t = zeros([n, m], dtype ?? ScalarType.Float32, device);
        for (long i = 0; i < Math.Min(n, m); i++) t[i, i] = tensor(1f).to(t.dtype);
        return t;
    }
}
