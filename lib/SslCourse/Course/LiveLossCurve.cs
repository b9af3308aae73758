using SslCourse.Plotting;
using SslCourse.Training;

namespace SslCourse.Course;

/// <summary>
/// A loss curve that redraws itself in place while a model trains (about once a second), ending with every step.
/// Pass it as a Trainer's Progress, or combine it with a progress bar through <see cref="Both"/>.
/// </summary>
public sealed class LiveLossCurve(string title = "Training loss") : IProgress<TrainingProgress>
{
    readonly List<double> _losses = new();
    Action<object>? _update;
    DateTime _last = DateTime.MinValue;

    /// <summary>The loss of every step reported so far.</summary>
    public IReadOnlyList<double> Losses => _losses;

    public void Report(TrainingProgress value)
    {
        _losses.Add(value.Loss);
        if (!value.Done && _update is not null && DateTime.UtcNow - _last < TimeSpan.FromSeconds(1)) return;
        _last = DateTime.UtcNow;
        var figure = new Figure(title, "step", "loss").Line(_losses, "train");
        if (_update is null) _update = Notebook.Display(figure); else _update(figure);
    }

    /// <summary>Reports to several receivers at once (e.g. a progress bar and a live curve).</summary>
    public static IProgress<TrainingProgress> Both(params IProgress<TrainingProgress>[] receivers) => new Fanout(receivers);

    sealed class Fanout(IProgress<TrainingProgress>[] receivers) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) { foreach (var r in receivers) r.Report(value); }
    }
}
