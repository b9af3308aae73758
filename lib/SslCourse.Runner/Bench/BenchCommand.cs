using System.Diagnostics;
using System.Globalization;

namespace SslCourse.Runner.Bench;

/// <summary>
/// The `bench` command: times each workload (median of at least <c>runs</c> runs and two seconds, after a warm-up as long) and, where /usr/bin/python3 has torch,
/// the same workload in PyTorch in the same run, printing one BENCH line per workload.
/// </summary>
public static class BenchCommand
{
    public static int Execute(string[] names, int runs)
    {
        if (names.Length == 0) names = Workloads.Names;
        foreach (var name in names)
            if (!Workloads.Names.Contains(name)) { Console.Error.WriteLine($"bench: unknown workload '{name}'; choose from {string.Join(", ", Workloads.Names)}."); return 2; }
        var (torchTimes, torchThreads) = TorchTimes(names);
        // PyTorch's default thread count differs between machines (one here, all cores elsewhere): say what was compared.
        Console.WriteLine($"# threads: ours {torch.get_num_threads()}" + (torchThreads is int n ? $", PyTorch {n}" : ""));
        var process = Process.GetCurrentProcess();
        foreach (var name in names)
        {
            torch.manual_seed(0);
            var workload = Workloads.Create(name);
            Repeat(workload.Step, 3);   // warm-up long enough for the JIT's optimised tier to replace the first one
            GC.Collect();
            long allocated = GC.GetTotalAllocatedBytes(true);
            var times = Repeat(workload.Step, runs);
            double ms = Median(times), allocatedMb = (GC.GetTotalAllocatedBytes(true) - allocated) / (double)times.Count / (1 << 20);
            process.Refresh();
            var line = $"BENCH name={name} ours_ms={F(ms)}";
            if (torchTimes.TryGetValue(name, out var t)) line += $" torch_ms={F(t)} ratio={ms / t:0.00}";
            if (workload.Flops is double flops) line += $" gflops={flops / ms / 1e6:0.0}";
            if (workload.Items is int items) line += $" items_per_s={items / ms * 1000:0}";
            line += $" alloc_mb_per_step={allocatedMb:0.00} peak_ws_mb={process.PeakWorkingSet64 / (1 << 20)}";
            Console.WriteLine(line);
        }
        return 0;
    }

    /// <summary>Step times in ms: at least <paramref name="minimum"/> runs and at least two seconds (up to 1000 runs).</summary>
    static List<double> Repeat(Action step, int minimum)
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

    static string F(double ms) => ms.ToString(ms < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture);

    static double Median(List<double> values) { values.Sort(); return values[values.Count / 2]; }

    /// <summary>PyTorch's times by workload name and its thread count, or none when /usr/bin/python3 has no torch.</summary>
    static (Dictionary<string, double> Times, int? Threads) TorchTimes(string[] names)
    {
        var result = new Dictionary<string, double>();
        int? threads = null;
        var script = FindScript();
        if (script is null || !File.Exists("/usr/bin/python3")) return (result, threads);
        try
        {
            var start = new ProcessStartInfo("/usr/bin/python3", [script, .. names]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var python = Process.Start(start)!;
            var output = python.StandardOutput.ReadToEnd();
            python.WaitForExit();
            if (python.ExitCode != 0) { Console.Error.WriteLine("bench: PyTorch side unavailable (" + python.StandardError.ReadToEnd().Trim().Split('\n')[^1] + ")"); return (result, threads); }
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                if (line.Split(' ') is ["threads", var count]) threads = int.Parse(count, CultureInfo.InvariantCulture);
                else if (line.Split(' ') is [var name, var ms]) result[name] = double.Parse(ms, CultureInfo.InvariantCulture);
        }
        catch (System.ComponentModel.Win32Exception) { }
        return (result, threads);
    }

    static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Benchmarks", "torch_bench.py");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
