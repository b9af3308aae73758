using System.Text.Json.Nodes;

namespace SslCourse.Runner.Notebooks;

/// <summary>One output of a code cell, in nbformat's four kinds.</summary>
public abstract record Output
{
    public abstract JsonObject ToJson(int? executionCount);

    /// <summary>nbformat stores text as a list of lines, each keeping its newline.</summary>
    protected static JsonArray Lines(string text) => new(SplitKeepingNewlines(text).Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());

    static IEnumerable<string> SplitKeepingNewlines(string text)
    {
        int start = 0;
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\n') { yield return text[start..(i + 1)]; start = i + 1; }
        if (start < text.Length) yield return text[start..];
    }

    protected static JsonObject Bundle(IReadOnlyDictionary<string, string> data) =>
        new(data.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)Lines(kv.Value))));
}

/// <summary>Text the cell printed.</summary>
public sealed record StreamOutput(string Name, string Text) : Output
{
    public override JsonObject ToJson(int? executionCount) => new() { ["output_type"] = "stream", ["name"] = Name, ["text"] = Lines(Text) };
}

/// <summary>A displayed value as MIME type → content; <see cref="DisplayId"/> lets a later update replace it.</summary>
public sealed record DisplayOutput(IReadOnlyDictionary<string, string> Data, string? DisplayId, bool IsResult = false) : Output
{
    public override JsonObject ToJson(int? executionCount)
    {
        var json = new JsonObject { ["output_type"] = IsResult ? "execute_result" : "display_data", ["data"] = Bundle(Data), ["metadata"] = new JsonObject() };
        if (IsResult) json["execution_count"] = executionCount;
        return json;   // the display id is transient: nbformat does not store it
    }
}

/// <summary>The exception that stopped the cell.</summary>
public sealed record ErrorOutput(string Name, string Message, string[] Traceback) : Output
{
    public override JsonObject ToJson(int? executionCount) => new()
    {
        ["output_type"] = "error", ["ename"] = Name, ["evalue"] = Message,
        ["traceback"] = new JsonArray(Traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
    };
}
