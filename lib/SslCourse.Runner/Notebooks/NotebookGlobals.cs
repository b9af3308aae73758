namespace SslCourse.Runner.Notebooks;

/// <summary>What notebook code can call without a using: <c>display(value)</c>, as in .NET Interactive.</summary>
public sealed class NotebookGlobals(TextWriter console)
{
    Cell? _cell;
    readonly Dictionary<string, (Cell cell, DisplayOutput output)> _shown = new();
    int _next;

    internal void Begin(Cell cell) => _cell = cell;

    internal void End(Cell cell)
    {
        _cell = null;
        // Print the final state of displays that were updated while output went to a file or pipe.
        if (Console.IsOutputRedirected)
            foreach (var (_, output) in _shown.Values.Where(s => s.cell == cell && s.output.DisplayId is not null))
                if (_updated.Remove(output.DisplayId!)) console.WriteLine("    " + output.Data["text/plain"]);
    }

    readonly HashSet<string> _updated = new();

    /// <summary>Shows a value below the running cell and returns a handle that can replace it later.</summary>
    public DisplayedValue display(object? value, params string[] mimeTypes)
    {
        var cell = _cell ?? throw new InvalidOperationException("display: called outside a running cell.");
        Console.Out.Flush();   // text printed before this display stays before it
        var id = $"display-{++_next}";
        var output = new DisplayOutput(Filter(Formatting.ToMime(value), mimeTypes), id);
        cell.Outputs.Add(output);
        _shown[id] = (cell, output);
        console.WriteLine("    " + output.Data.GetValueOrDefault("text/plain", ""));
        return new DisplayedValue(this, id);
    }

    static Dictionary<string, string> Filter(Dictionary<string, string> data, string[] mimeTypes) =>
        mimeTypes.Length == 0 ? data : data.Where(kv => mimeTypes.Contains(kv.Key) || kv.Key == "text/plain").ToDictionary();

    internal void Update(string id, object? value)
    {
        var (cell, old) = _shown[id];
        var updated = old with { Data = Formatting.ToMime(value) };
        int index = cell.Outputs.IndexOf(old);
        if (index >= 0) cell.Outputs[index] = updated;
        _shown[id] = (cell, updated);
        if (!Console.IsOutputRedirected) console.Write("\r    " + updated.Data["text/plain"]);
        else _updated.Add(id);
    }
}

/// <summary>A displayed output that <see cref="Update"/> replaces in place (progress bars, live plots).</summary>
public sealed class DisplayedValue
{
    readonly NotebookGlobals _owner;

    internal DisplayedValue(NotebookGlobals owner, string id) { _owner = owner; DisplayId = id; }

    public string DisplayId { get; }

    public void Update(object? value) => _owner.Update(DisplayId, value);
}
