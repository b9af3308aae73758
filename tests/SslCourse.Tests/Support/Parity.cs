using System.Text.Json;

namespace SslCourse.Tests;

/// <summary>
/// Replays a case from a PyTorch fixture file (Fixtures/*.json, written by the gen_*.py scripts beside it):
/// the same inputs go through our op, and the output and input gradients must match PyTorch's.
/// </summary>
public static class Parity
{
    static readonly Dictionary<string, JsonElement> Files = new();

    public static JsonElement Case(string file, string name)
    {
        lock (Files)
        {
            if (!Files.TryGetValue(file, out var root))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", file + ".json");
                root = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
                Files[file] = root;
            }
            return root.TryGetProperty(name, out var c) ? c
                : throw new KeyNotFoundException($"fixture {file}.json has no case '{name}'; add it to gen_{file}.py and regenerate.");
        }
    }

    public static Tensor Decode(JsonElement e)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray();
        var data = e.GetProperty("data").EnumerateArray();
        return e.GetProperty("dtype").GetString() switch
        {
            "float32" => tensor(data.Select(x => x.ValueKind == JsonValueKind.String ? float.Parse(x.GetString()!.Replace("inf", "Infinity"), System.Globalization.CultureInfo.InvariantCulture) : x.GetSingle()).ToArray(), shape),
            "int64" => tensor(data.Select(x => x.GetInt64()).ToArray(), shape),
            _ => tensor(data.Select(x => x.GetBoolean()).ToArray(), shape),
        };
    }

    /// <summary>Checks <paramref name="op"/> against the case: output, then the gradient of every float input.</summary>
    public static void Check(string file, string name, Func<Tensor[], Tensor> op, double atol = 1e-5, double rtol = 1e-4)
    {
        var c = Case(file, name);
        var inputs = c.GetProperty("inputs").EnumerateArray().Select(Decode).ToArray();
        bool hasGrads = c.TryGetProperty("grads", out var grads);
        if (hasGrads) foreach (var t in inputs) if (t.dtype == float32) t.requires_grad = true;
        var output = op(inputs);
        TensorAssert.Close(Decode(c.GetProperty("output")), output, atol, rtol, $"{file}/{name}: output");
        if (!hasGrads) return;
        var upstream = Decode(c.GetProperty("grad_output"));
        (output * upstream).sum().backward();
        int i = 0;
        foreach (var g in grads.EnumerateArray())
        {
            if (g.ValueKind != JsonValueKind.Null)
            {
                // PyTorch sometimes materialises an all-zero gradient where no path leads back; no gradient means the same.
                var expected = Decode(g);
                var actual = inputs[i].grad ?? (expected.eq(0).all().ToBoolean() ? zeros_like(expected) : null);
                Xunit.Assert.True(actual is not null, $"{file}/{name}: input {i} got no gradient");
                TensorAssert.Close(expected, actual!, atol, rtol, $"{file}/{name}: gradient of input {i}");
            }
            i++;
        }
    }
}
