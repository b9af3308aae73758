using System.Reflection;

namespace SslCourse.Course;

/// <summary>
/// Shows values in whatever is running the code: the course runner (which sets <see cref="Host"/>), Polyglot Notebooks
/// (found by reflection, so the library needs no package), or plain console output. A shown value can be replaced in
/// place through the returned handle — that is how progress bars and live plots update without flooding a cell.
/// </summary>
public static class Notebook
{
    /// <summary>
    /// Set by a host that renders outputs itself: it receives a value to show and returns the action that replaces it.
    /// </summary>
    public static Func<object, Action<object>>? Host { get; set; }

    /// <summary>Displays <paramref name="value"/> and returns an action that replaces it with a newer value.</summary>
    public static Action<object> Display(object value)
    {
        if (Host is { } host) return host(value);
        if (PolyglotDisplay(value) is { } update) return update;
        Console.WriteLine(value);
        return v => Console.WriteLine(v);
    }

    /// <summary>True inside Polyglot Notebooks (the .NET Interactive kernel is loaded).</summary>
    public static bool InPolyglot => KernelType() is not null;

    static Type? KernelType() => AppDomain.CurrentDomain.GetAssemblies()
        .FirstOrDefault(a => a.GetName().Name == "Microsoft.DotNet.Interactive")?.GetType("Microsoft.DotNet.Interactive.Kernel");

    // Kernel.display(object value, params string[] mimeTypes) returns a DisplayedValue whose Update(object) replaces it.
    static Action<object>? PolyglotDisplay(object value)
    {
        var display = KernelType()?.GetMethod("display", BindingFlags.Public | BindingFlags.Static, [typeof(object), typeof(string[])]);
        if (display?.Invoke(null, [value, Array.Empty<string>()]) is not { } handle) return null;
        var update = handle.GetType().GetMethod("Update", [typeof(object)]);
        return update is null ? null : v => update.Invoke(handle, [v]);
    }
}

/// <summary>Lesson settings shared by every notebook.</summary>
public static class Lesson
{
    /// <summary>
    /// Quick mode (about a minute per lesson on a 2-core CPU, used by CI) instead of the full run; set by the runner's
    /// --quick or by the environment variable SSLCOURSE_QUICK=1.
    /// </summary>
    public static bool Quick { get; set; } = Environment.GetEnvironmentVariable("SSLCOURSE_QUICK") is "1" or "true";

    static torch.Device? _device;

    /// <summary>
    /// Where the lesson puts its models and batches: CUDA when the run asks for it (the runner's <c>--device cuda</c>,
    /// or the environment variable SSLCOURSE_DEVICE=cuda) and the engine sees a GPU, else the CPU. A lesson can also
    /// set it, e.g. <c>Lesson.Device = torch.CPU</c>.
    /// </summary>
    public static torch.Device Device
    {
        get => _device ??= Environment.GetEnvironmentVariable("SSLCOURSE_DEVICE") switch
        {
            null or "" or "cpu" => torch.CPU,
            "cuda" when torch.cuda.is_available() => torch.device("cuda"),
            "cuda" => throw new InvalidOperationException(
                "SSLCOURSE_DEVICE is cuda, but this engine sees no CUDA device. Train on a GPU with the TorchSharp engine built " +
                "with a CUDA package (README, \"Training on a GPU\") and an NVIDIA driver, or unset SSLCOURSE_DEVICE for the CPU."),
            var other => torch.device(other),   // e.g. the built-in engine's "test" device, which the course's tests use
        };
        set => _device = value;
    }

    /// <summary>Picks the quick or the full value of a setting.</summary>
    public static T Size<T>(T quick, T full) => Quick ? quick : full;

    /// <summary>Prints the lesson's measured result as one line the runner collects: RESULT lesson=NN key=value …</summary>
    public static string Result(int lesson, params (string key, double value)[] values)
    {
        var line = $"RESULT lesson={lesson:00} " + string.Join(" ", values.Select(v => $"{v.key}={v.value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}"));
        Console.WriteLine(line);
        return line;
    }
}
