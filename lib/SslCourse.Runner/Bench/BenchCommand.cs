using System.Diagnostics;
using System.Globalization;

namespace SslCourse.Runner.Bench;

/// <summary>
/// The `bench` command: times each workload (median of at least <c>runs</c> runs and two seconds, after a warm-up as
/// long) and the same workloads in PyTorch (where /usr/bin/python3 has torch) and in TorchSharp (where
/// tests/Benchmarks/TorchSharpBench is built), each in its own process, printing one BENCH line per workload.
/// </summary>
public static class BenchCommand
{
    public static int Execute(string[] names, int runs)
    {
        if (names.Length == 0) names = Workloads.Names;
        foreach (var name in names)
            if (!Workloads.Names.Contains(name)) { Console.Error.WriteLine($"bench: unknown workload '{name}'; choose from {string.Join(", ", Workloads.Names)}."); return 2; }
        var pytorch = OtherSide.PyTorch(names);
        var torchSharp = OtherSide.TorchSharp(names, runs);
        // Default thread counts differ between machines and libraries: say what was compared.
        Console.WriteLine($"# threads: ours {torch.get_num_threads()}" + (pytorch.Threads is int p ? $", PyTorch {p}" : "") + (torchSharp.Threads is int t ? $", TorchSharp {t}" : ""));
        var process = Process.GetCurrentProcess();
        foreach (var name in names)
        {
            torch.manual_seed(0);
            var workload = Workloads.Create(name);
            StepTimer.Repeat(workload.Step, 3);   // warm-up long enough for the JIT's optimised tier to replace the first one
            GC.Collect();
            long allocated = GC.GetTotalAllocatedBytes(true);
            var times = StepTimer.Repeat(workload.Step, runs);
            double ms = StepTimer.Median(times), allocatedMb = (GC.GetTotalAllocatedBytes(true) - allocated) / (double)times.Count / (1 << 20);
            process.Refresh();
            var line = $"BENCH name={name} ours_ms={StepTimer.Format(ms)}";
            if (pytorch.Times.TryGetValue(name, out var pt)) line += $" torch_ms={StepTimer.Format(pt)} ratio={ms / pt:0.00}";
            if (torchSharp.Times.TryGetValue(name, out var ts)) line += $" torchsharp_ms={StepTimer.Format(ts)} ratio_torchsharp={ms / ts:0.00}";
            if (workload.Flops is double flops) line += $" gflops={flops / ms / 1e6:0.0}";
            if (workload.Items is int items) line += $" items_per_s={items / ms * 1000:0}";
            line += $" alloc_mb_per_step={allocatedMb:0.00} peak_ws_mb={process.PeakWorkingSet64 / (1 << 20)}";
            Console.WriteLine(line);
        }
        return 0;
    }
}

/// <summary>
/// Another library's times for the same workloads, from a process that prints "threads N" and then "name ms" lines:
/// tests/Benchmarks/torch_bench.py for PyTorch, tests/Benchmarks/TorchSharpBench for TorchSharp.
/// </summary>
sealed record OtherSide(Dictionary<string, double> Times, int? Threads)
{
    static readonly OtherSide None = new([], null);

    public static OtherSide PyTorch(string[] names)
    {
        var script = FindInRepository("tests", "Benchmarks", "torch_bench.py");
        if (script is null || !File.Exists("/usr/bin/python3")) return None;
        return Run("PyTorch", "/usr/bin/python3", [script, .. names]);
    }

    public static OtherSide TorchSharp(string[] names, int runs)
    {
        var bench = FindInRepository("tests", "Benchmarks", "TorchSharpBench", "bin", "Release", "net10.0", "TorchSharpBench.dll");
        if (bench is null)
        {
            Console.Error.WriteLine("bench: no TorchSharp column: build it with `dotnet build tests/Benchmarks/TorchSharpBench -c Release`.");
            return None;
        }
        return Run("TorchSharp", "dotnet", [bench, runs.ToString(CultureInfo.InvariantCulture), .. names]);
    }

    static OtherSide Run(string side, string program, string[] arguments)
    {
        var times = new Dictionary<string, double>();
        int? threads = null;
        try
        {
            var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"bench: {side} side unavailable ({error.Result.Trim().Split('\n')[^1]})");
                return None;
            }
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                if (line.Split(' ') is ["threads", var count]) threads = int.Parse(count, CultureInfo.InvariantCulture);
                else if (line.Split(' ') is [var name, var ms]) times[name] = double.Parse(ms, CultureInfo.InvariantCulture);
        }
        catch (System.ComponentModel.Win32Exception) { return None; }
        return new(times, threads);
    }

    static string? FindInRepository(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, .. parts]);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
