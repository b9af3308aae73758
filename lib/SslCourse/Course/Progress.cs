using SslCourse.Plotting;
using SslCourse.Training;

namespace SslCourse.Course;

/// <summary>
/// A training progress bar for notebooks and the terminal: shown once, then replaced in place after every step
/// (at most a few times a second), so a cell keeps one line however long the run.
/// </summary>
public sealed class Progress(string description = "training") : IProgress<TrainingProgress>
{
    Action<object>? _update;
    DateTime _last = DateTime.MinValue;

    public void Report(TrainingProgress value)
    {
        if (!value.Done && _update is not null && DateTime.UtcNow - _last < TimeSpan.FromMilliseconds(250)) return;
        _last = DateTime.UtcNow;
        long total = Math.Max(1, (long)value.Epochs * Math.Max(1, value.StepsPerEpoch));
        double fraction = value.StepsPerEpoch > 0 ? ((value.Epoch - 1) * value.StepsPerEpoch + value.Step) / (double)total : (value.Epoch - 1.0) / value.Epochs;
        var bar = new ProgressBar(description, fraction, value.ToString());
        if (_update is null) _update = Notebook.Display(bar); else _update(bar);
    }
}
