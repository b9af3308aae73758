namespace SslCourse.Training;

/// <summary>Where a training run stands, reported after every step to an <see cref="IProgress{T}"/> (a progress bar).</summary>
public sealed record TrainingProgress(
    int Epoch, int Epochs, long Step, long StepsPerEpoch, double Loss,
    double ItemsPerSecond, TimeSpan Elapsed, TimeSpan Remaining, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>True for the report after the last step of the run.</summary>
    public bool Done => Epoch == Epochs && Step == StepsPerEpoch;

    /// <summary>One line such as "epoch 2/5  step 40/100  loss 0.4132  812 items/s  ETA 0:12".</summary>
    public override string ToString()
    {
        // StepsPerEpoch is 0 while the first epoch of a lazily produced sequence of batches is still running.
        var parts = new List<string> { $"epoch {Epoch}/{Epochs}", StepsPerEpoch > 0 ? $"step {Step}/{StepsPerEpoch}" : $"step {Step}", $"loss {Loss:0.0000}" };
        if (ItemsPerSecond > 0) parts.Add($"{ItemsPerSecond:0} items/s");
        parts.AddRange(Metrics.Select(m => $"{m.Key} {m.Value:0.####}"));
        parts.Add(Done ? $"took {Elapsed:m\\:ss}" : $"ETA {Remaining:m\\:ss}");
        return string.Join("  ", parts);
    }
}

/// <summary>Prints progress to the console, rewriting one line in a terminal and at most one line a second otherwise.</summary>
public sealed class ConsoleProgress : IProgress<TrainingProgress>
{
    DateTime _last = DateTime.MinValue;

    public void Report(TrainingProgress value)
    {
        bool interactive = !Console.IsOutputRedirected;
        if (!value.Done && DateTime.UtcNow - _last < TimeSpan.FromSeconds(interactive ? 0.1 : 1)) return;
        _last = DateTime.UtcNow;
        if (interactive) Console.Write("\r" + value.ToString().PadRight(Console.WindowWidth > 0 ? Console.WindowWidth - 1 : 100) + (value.Done ? "\n" : ""));
        else Console.WriteLine(value);
    }
}
