using System.Text.Json;
using System.Text.Json.Serialization;

namespace SslCourse.Training;

/// <summary>What a run recorded, for plots: the loss of every step and each epoch's metrics (its mean loss included).</summary>
public sealed class TrainingHistory
{
    /// <summary>The loss after each step.</summary>
    public List<double> StepLoss { get; init; } = new();

    /// <summary>Per-epoch values by name: "loss" (the epoch's mean) and whatever the evaluation hook returns.</summary>
    public Dictionary<string, List<double>> Epochs { get; init; } = new();

    internal void AddEpoch(IReadOnlyDictionary<string, double> values)
    {
        foreach (var (k, v) in values)
        {
            if (!Epochs.TryGetValue(k, out var list)) Epochs[k] = list = new List<double>();
            list.Add(v);
        }
    }

    // An evaluation may return NaN (an undefined metric) or infinity; JSON has no literal for them, so they are written as
    // the strings "NaN" and "Infinity".
    static readonly JsonSerializerOptions Options = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    internal string ToJson() => JsonSerializer.Serialize(this, Options);

    internal static TrainingHistory FromJson(string json, string source)
    {
        try { return JsonSerializer.Deserialize<TrainingHistory>(json, Options) ?? throw new JsonException("the history is null"); }
        catch (JsonException e) { throw new InvalidDataException($"{source}: the training history in the checkpoint is damaged ({e.Message}); delete the checkpoint to start afresh.", e); }
    }
}

/// <summary>Thrown when the loss stops being a finite number; the model and optimizer keep their last good state.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
