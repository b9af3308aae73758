using System.Text.Json;
using System.Text.Json.Nodes;

namespace SslCourse.Runner.Notebooks;

/// <summary>
/// A Polyglot (.NET Interactive) notebook in nbformat 4: cells with sources and outputs, metadata kept as it was read
/// so that writing outputs back changes nothing else.
/// </summary>
public sealed class Notebook
{
    readonly JsonObject _root;

    Notebook(string path, JsonObject root)
    {
        Path = path;
        _root = root;
        var cells = root["cells"] as JsonArray ?? throw new InvalidDataException($"{path}: no \"cells\" array; is this a Jupyter/Polyglot notebook?");
        Cells = cells.Select((c, i) => new Cell(c as JsonObject ?? throw new InvalidDataException($"{path}: cell {i + 1} is not an object."), i + 1)).ToList();
    }

    public string Path { get; }
    public IReadOnlyList<Cell> Cells { get; }

    public static Notebook Load(string path)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not valid notebook JSON ({e.Message})."); }
        return new Notebook(path, root as JsonObject ?? throw new InvalidDataException($"{path}: the notebook is not a JSON object."));
    }

    /// <summary>The notebook's title: its first markdown heading, else the file name.</summary>
    public string Title => Cells.Where(c => c.IsMarkdown).SelectMany(c => c.Source.Split('\n'))
        .FirstOrDefault(l => l.StartsWith("# "))?[2..].Trim() ?? System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>Writes the notebook (with its current outputs) as VS Code does: one-space indentation, trailing newline; atomically.</summary>
    public void Save(string path)
    {
        var options = new JsonSerializerOptions { WriteIndented = true, IndentSize = 1, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var json = System.Text.Encoding.UTF8.GetBytes(_root.ToJsonString(options) + "\n");
        SslCourse.IO.AtomicFile.Write(path, file => file.Write(json));   // an interrupted save must not cost the learner the notebook
    }
}

/// <summary>One cell: markdown or code, its source, and (for code) the outputs of its last run.</summary>
public sealed class Cell(JsonObject json, int number)
{
    public int Number { get; } = number;
    public string Type => json["cell_type"]?.GetValue<string>() ?? "code";
    public bool IsMarkdown => Type == "markdown";
    public bool IsCode => Type == "code";

    /// <summary>The source text (nbformat stores it as a string or as a list of lines; it is written back as lines).</summary>
    public string Source
    {
        get => json["source"] switch
        {
            JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
            JsonValue v => v.GetValue<string>(),
            _ => "",
        };
        set
        {
            var lines = value.Split('\n');
            json["source"] = new JsonArray(lines.Select((l, i) => i < lines.Length - 1 ? l + "\n" : l).Where(l => l.Length > 0)
                .Select(l => (JsonNode)JsonValue.Create(l)).ToArray());
        }
    }

    /// <summary>The kernel language of a code cell (Polyglot metadata), "csharp" when unspecified.</summary>
    public string Language =>
        json["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
        ?? json["metadata"]?["dotnet_interactive"]?["language"]?.GetValue<string>()
        ?? "csharp";

    public List<Output> Outputs { get; } = new();
    public int? ExecutionCount { get; set; }

    /// <summary>Copies <see cref="Outputs"/> and the execution count into the notebook's JSON.</summary>
    public void StoreOutputs()
    {
        if (!IsCode) return;
        json["execution_count"] = ExecutionCount;
        json["outputs"] = new JsonArray(Outputs.Select(o => (JsonNode)o.ToJson(ExecutionCount)).ToArray());
    }
}
