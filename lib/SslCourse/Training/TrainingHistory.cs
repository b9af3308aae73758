using System.Text.Json;

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

    internal string ToJson() => JsonSerializer.Serialize(this);
    internal static TrainingHistory FromJson(string json) => JsonSerializer.Deserialize<TrainingHistory>(json) ?? new();
}

/// <summary>Thrown when the loss stops being a finite number; the model and optimizer keep their last good state.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
