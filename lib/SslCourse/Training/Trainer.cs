using System.Diagnostics;
using System.Globalization;

namespace SslCourse.Training;

/// <summary>
/// Runs the usual loop — zero grads, loss, backward, optimizer step, schedule step — with a progress report after
/// every step, a dispose scope per step (memory stays flat), a stop with a clear message when the loss is NaN or
/// infinite, an evaluation hook after every epoch, and optional checkpoints so that an interrupted run resumes
/// exactly where it stopped: model, optimizer, schedule, random state and history.
/// </summary>
public sealed class Trainer(torch.nn.Module model, torch.optim.Optimizer optimizer, torch.optim.lr_scheduler.LRScheduler? scheduler = null)
{
    // Schedule steps taken, counted here because the engines' schedulers do not expose their position alike; a resumed
    // run replays as many on its (fresh) scheduler.
    long _scheduleSteps;

    /// <summary>A safetensors file written atomically after every epoch and read back by <see cref="Fit{TBatch}"/> to resume.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Receives a report after every step (a notebook progress bar, or <see cref="ConsoleProgress"/>).</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>
    /// Trains for <paramref name="epochs"/> epochs. <paramref name="batches"/> gives an epoch's batches (it is called
    /// once per epoch with the epoch number, after the random state is restored when resuming); <paramref name="loss"/>
    /// computes a batch's scalar loss; <paramref name="evaluate"/> (optional) returns metrics after each epoch, run in
    /// eval mode without gradients; <paramref name="batchSize"/> (optional) counts items for the items/s figure.
    /// </summary>
    public TrainingHistory Fit<TBatch>(int epochs, Func<int, IEnumerable<TBatch>> batches, Func<TBatch, Tensor> loss,
        Func<int, IReadOnlyDictionary<string, double>>? evaluate = null, Func<TBatch, long>? batchSize = null, CancellationToken cancel = default)
    {
        var history = new TrainingHistory();
        int first = 1;
        if (CheckpointPath is not null && File.Exists(CheckpointPath)) (first, history) = Restore(CheckpointPath);
        var clock = Stopwatch.StartNew();
        long stepsDone = 0, itemsDone = 0, stepsPerEpoch = 0;
        model.train();
        for (int epoch = first; epoch <= epochs; epoch++)
        {
            var epochBatches = batches(epoch);
            // A collection tells its length; a lazy sequence (a loader) is assumed as long as the epoch before.
            if (epochBatches is IReadOnlyCollection<TBatch> collection) stepsPerEpoch = collection.Count;
            double sum = 0;
            long step = 0;
            foreach (var batch in epochBatches)
            {
                cancel.ThrowIfCancellationRequested();
                step++;
                double value = Step(batch, loss, epoch, step);
                sum += value;
                history.StepLoss.Add(value);
                stepsDone++;
                itemsDone += batchSize?.Invoke(batch) ?? 0;
                double seconds = clock.Elapsed.TotalSeconds;
                long remainingSteps = (epochs - epoch) * stepsPerEpoch + Math.Max(0, stepsPerEpoch - step);
                Progress?.Report(new TrainingProgress(epoch, epochs, step, stepsPerEpoch, value,
                    seconds > 0 ? itemsDone / seconds : 0, clock.Elapsed,
                    TimeSpan.FromSeconds(seconds / stepsDone * remainingSteps), new Dictionary<string, double>()));
            }
            if (step == 0)
                throw new InvalidOperationException(
                    $"Trainer: epoch {epoch} gave no batches, so nothing would train. Is the dataset smaller than one batch (with drop_last), " +
                    "or the batches' enumerable already used up? Give Fit a function that returns a fresh sequence of batches for every epoch.");
            stepsPerEpoch = step;
            var metrics = new Dictionary<string, double> { ["loss"] = sum / step };
            if (evaluate is not null)
            {
                model.eval();
                using (torch.no_grad()) foreach (var (k, v) in evaluate(epoch)) metrics[k] = v;
                model.train();
            }
            history.AddEpoch(metrics);
            if (CheckpointPath is not null) Save(CheckpointPath, epoch, history);
        }
        return history;
    }

    double Step<TBatch>(TBatch batch, Func<TBatch, Tensor> loss, int epoch, long step)
    {
        using var scope = torch.NewDisposeScope();
        optimizer.zero_grad();
        var value = loss(batch);
        if (value.numel() != 1) throw new ArgumentException($"Trainer: the loss must be a scalar, got shape {value.ShapeText()}.");
        double v = value.ToDouble();
        if (!double.IsFinite(v))
            throw new TrainingDivergedException(
                $"The loss became {v} at epoch {epoch}, step {step}; training stopped before applying that step. " +
                "Lower the learning rate, check the inputs for NaN, or clip gradients (torch.nn.utils.clip_grad_norm_).");
        value.backward();
        optimizer.step();
        if (scheduler is not null)
        {
            scheduler.step();
            _scheduleSteps++;
        }
        return v;
    }

    // Checkpoint layout: "model.<name>" and "optim.<name>" tensors and the default random generator's state as "rng";
    // epoch, schedule steps and history in metadata.
    void Save(string path, int epoch, TrainingHistory history)
    {
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor> { ["rng"] = torch.get_rng_state() };
        foreach (var (k, v) in model.state_dict()) tensors["model." + k] = v;
        foreach (var (k, v) in OptimizerState.Save(optimizer)) tensors["optim." + k] = v;
        var metadata = new Dictionary<string, string>
        {
            ["epoch"] = epoch.ToString(CultureInfo.InvariantCulture),
            ["scheduler"] = _scheduleSteps.ToString(CultureInfo.InvariantCulture),
            ["history"] = history.ToJson(),
        };
        IO.SafetensorsWriter.Save(path, tensors, metadata);
    }

    (int firstEpoch, TrainingHistory history) Restore(string path)
    {
        var (tensors, metadata) = IO.SafetensorsReader.LoadWithMetadata(path);
        try
        {
            if (!metadata.TryGetValue("epoch", out var epochText))
                throw new InvalidDataException($"{path} is a safetensors file but not a training checkpoint (no epoch); delete it or choose another CheckpointPath.");
            // Everything is read before anything is restored, so a damaged checkpoint leaves the model as it was.
            Exception Missing(string entry) => new InvalidDataException(
                $"{path} is a training checkpoint without its '{entry}' entry (damaged, or written by another program); delete it to start afresh, or choose another CheckpointPath.");
            int epoch = int.Parse(epochText, CultureInfo.InvariantCulture);
            long scheduleSteps = metadata.TryGetValue("scheduler", out var steps) ? long.Parse(steps, CultureInfo.InvariantCulture) : throw Missing("scheduler");
            var history = metadata.TryGetValue("history", out var json) ? TrainingHistory.FromJson(json, path) : throw Missing("history");
            var rng = tensors.TryGetValue("rng", out var state) ? state : throw Missing("rng");

            model.load_state_dict(Prefixed(tensors, "model."));
            // The schedule is replayed before the optimizer state returns: a schedule that scales the current rate
            // (TorchSharp's StepLR, say) would otherwise scale the restored rate again.
            _scheduleSteps = scheduleSteps;
            for (long i = 0; i < _scheduleSteps; i++) scheduler?.step();
            OptimizerState.Load(optimizer, Prefixed(tensors, "optim."));
            torch.set_rng_state(rng);
            return (epoch + 1, history);
        }
        finally { foreach (var t in tensors.Values) t.Dispose(); }
    }

    static Dictionary<string, Tensor> Prefixed(Dictionary<string, Tensor> all, string prefix) =>
        all.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
}
