using System.CommandLine;
using SslCourse.Runner;
using SslCourse.Runner.Notebooks;

var quick = new Option<bool>("--quick") { Description = "Quick mode: small lesson sizes (about a minute each on a 2-core CPU), as CI runs them." };
var writeOutputs = new Option<bool>("--write-outputs") { Description = "Store the outputs in the .ipynb files, as VS Code shows them." };
var html = new Option<string?>("--html") { Description = "Write one self-contained HTML report per notebook into this folder." };
var notebooks = new Argument<string[]>("notebooks") { Description = "Notebook files or folders of notebooks.", Arity = ArgumentArity.OneOrMore };
var engine = new Option<string>("--engine") { Description = "builtin (the course's C# engine, the default) or torchsharp (libtorch; build lib/SslCourse.TorchSharp first).", DefaultValueFactory = _ => "builtin" };
engine.AcceptOnlyFromAmong("builtin", "torchsharp");
var device = new Option<string>("--device") { Description = "cpu (the default) or cuda (TorchSharp with a CUDA build of libtorch and an NVIDIA GPU).", DefaultValueFactory = _ => "cpu" };
device.AcceptOnlyFromAmong("cpu", "cuda");
var run = new Command("run", "Run notebooks headless, cell by cell, and summarise every lesson's RESULT line.") { notebooks, quick, writeOutputs, html, engine, device };
run.SetAction(parse => RunCommand.Execute(parse.GetValue(notebooks)!, parse.GetValue(quick), parse.GetValue(writeOutputs), parse.GetValue(html),
    EngineChoice.Parse(parse.GetValue(engine)!), parse.GetValue(device)!));

var engineName = new Argument<string>("engine") { Description = "builtin or torchsharp." };
engineName.AcceptOnlyFromAmong("builtin", "torchsharp");
var engineNotebooks = new Argument<string[]>("notebooks") { Description = "Notebook files or folders of notebooks.", Arity = ArgumentArity.OneOrMore };
var switchEngine = new Command("engine", "Rewrite the notebooks' setup cells for an engine, so VS Code runs them on it (run it again to switch back).") { engineName, engineNotebooks };
switchEngine.SetAction(parse => EngineCommand.Execute(EngineChoice.Parse(parse.GetValue(engineName)!), parse.GetValue(engineNotebooks)!));

var workloads = new Argument<string[]>("workloads") { Description = "Workloads to time (all when none): " + string.Join(", ", SslCourse.Runner.Bench.Workloads.Names), Arity = ArgumentArity.ZeroOrMore };
var runs = new Option<int>("--runs") { Description = "Timed runs per workload, at least (each side also runs for at least two seconds; the median is reported).", DefaultValueFactory = _ => 10 };
var bench = new Command("bench", "Time the engine on standard workloads, side by side with PyTorch when /usr/bin/python3 has torch.") { workloads, runs };
bench.SetAction(parse => SslCourse.Runner.Bench.BenchCommand.Execute(parse.GetValue(workloads) ?? [], parse.GetValue(runs)));

var datasets = new Argument<string[]>("datasets") { Description = "Datasets to download (mnist, fashion-mnist, cifar-10) or all.", Arity = ArgumentArity.ZeroOrMore };
var listDatasets = new Option<bool>("--list") { Description = "List the datasets, their sizes and whether they are cached." };
var fetch = new Command("fetch", "Download real datasets into the cache ahead of a lesson, verifying every file.") { datasets, listDatasets };
fetch.SetAction(parse => FetchCommand.Execute(parse.GetValue(datasets) ?? [], parse.GetValue(listDatasets)));

var root = new RootCommand("SslCourse: run the course's notebooks headless, benchmark the engine, fetch datasets.") { run, switchEngine, bench, fetch };
return root.Parse(args).Invoke();
