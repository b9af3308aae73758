using SslCourse.Runner.Bench;

namespace SslCourse.Tests.Runner;

/// <summary>The `bench` command's output contract: a thread line, then one BENCH line per workload.</summary>
[Collection("Console")]   // these tests redirect Console.Out
public class BenchCommandTests
{
    static (int code, string output, string error) Bench(params string[] names)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(output); Console.SetError(error);
        try { return (BenchCommand.Execute(names, 3), output.ToString(), error.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldError); }
    }

    [Fact]
    public void PrintsTheThreadsComparedAndOneLinePerWorkload()
    {
        var (code, output, _) = Bench("gemm-256");
        Xunit.Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Xunit.Assert.Equal(2, lines.Length);
        Xunit.Assert.Matches(@"^# threads: ours \d+(, PyTorch \d+)?, TorchSharp \d+$", lines[0]);
        // torch_ms and ratio appear only where /usr/bin/python3 has torch; the TorchSharp side is built with the tests.
        Xunit.Assert.Matches(@"^BENCH name=gemm-256 ours_ms=\d+\.\d+( torch_ms=\d+\.\d+ ratio=\d+\.\d\d)? torchsharp_ms=\d+\.\d+ ratio_torchsharp=\d+\.\d\d gflops=\d+\.\d alloc_mb_per_step=\d+\.\d\d peak_ws_mb=\d+$", lines[1]);
        Xunit.Assert.Equal(lines[0].Contains("PyTorch"), lines[1].Contains("torch_ms="));
    }

    [Fact]
    public void AnUnknownWorkloadIsReportedWithTheChoices()
    {
        var (code, output, error) = Bench("gemm-3");
        Xunit.Assert.Equal(2, code);
        Xunit.Assert.Equal("", output);
        Xunit.Assert.Contains("unknown workload 'gemm-3'", error);
        Xunit.Assert.Contains("gpt-char", error);
    }
}
