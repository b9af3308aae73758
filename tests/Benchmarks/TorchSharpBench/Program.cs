// Usage: TorchSharpBench RUNS [WORKLOADS...]. Prints "threads N", then "name ms" per workload (median step time),
// as tests/Benchmarks/torch_bench.py does for PyTorch; the runner's `bench` reads both.
using System.Globalization;
using SslCourse.Runner.Bench;

int runs = int.Parse(args[0], CultureInfo.InvariantCulture);
Console.WriteLine($"threads {torch.get_num_threads()}");
foreach (var name in args.Length > 1 ? args[1..] : Workloads.Names)
{
    torch.manual_seed(0);
    var workload = Workloads.Create(name);
    StepTimer.Repeat(workload.Step, 3);
    Console.WriteLine($"{name} {StepTimer.Median(StepTimer.Repeat(workload.Step, runs)).ToString("0.000", CultureInfo.InvariantCulture)}");
}
