using System.Diagnostics;
using System.Globalization;

namespace SslCourse.Runner.Bench;

/// <summary>The timing rule every side of the bench shares (ours here, TorchSharp in tests/Benchmarks/TorchSharpBench).</summary>
public static class StepTimer
{
    /// <summary>Step times in ms: at least <paramref name="minimum"/> runs and at least two seconds (up to 1000 runs).</summary>
    public static List<double> Repeat(Action step, int minimum)
    {
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < minimum || (total.Elapsed.TotalSeconds < 2 && times.Count < 1000))
        {
            var clock = Stopwatch.StartNew();
            step();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    public static string Format(double ms) => ms.ToString(ms < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture);

    public static double Median(List<double> values) { values.Sort(); return values[values.Count / 2]; }
}
