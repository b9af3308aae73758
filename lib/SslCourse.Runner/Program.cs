using System.CommandLine;
using SslCourse.Runner;

var quick = new Option<bool>("--quick") { Description = "Quick mode: small lesson sizes (about a minute each on a 2-core CPU), as CI runs them." };
var writeOutputs = new Option<bool>("--write-outputs") { Description = "Store the outputs in the .ipynb files, as VS Code shows them." };
var html = new Option<string?>("--html") { Description = "Write one self-contained HTML report per notebook into this folder." };
var notebooks = new Argument<string[]>("notebooks") { Description = "Notebook files or folders of notebooks.", Arity = ArgumentArity.OneOrMore };
var run = new Command("run", "Run notebooks headless, cell by cell, and summarise every lesson's RESULT line.") { notebooks, quick, writeOutputs, html };
run.SetAction(parse => RunCommand.Execute(parse.GetValue(notebooks)!, parse.GetValue(quick), parse.GetValue(writeOutputs), parse.GetValue(html)));

var workloads = new Argument<string[]>("workloads") { Description = "Workloads to time (all when none): " + string.Join(", ", SslCourse.Runner.Bench.Workloads.Names), Arity = ArgumentArity.ZeroOrMore };
var runs = new Option<int>("--runs") { Description = "Timed runs per workload, at least (each side also runs for at least two seconds; the median is reported).", DefaultValueFactory = _ => 10 };
var bench = new Command("bench", "Time the engine on standard workloads, side by side with PyTorch when /usr/bin/python3 has torch.") { workloads, runs };
bench.SetAction(parse => SslCourse.Runner.Bench.BenchCommand.Execute(parse.GetValue(workloads) ?? [], parse.GetValue(runs)));

var datasets = new Argument<string[]>("datasets") { Description = "Datasets to download (mnist, fashion-mnist, cifar-10) or all.", Arity = ArgumentArity.ZeroOrMore };
var listDatasets = new Option<bool>("--list") { Description = "List the datasets, their sizes and whether they are cached." };
var fetch = new Command("fetch", "Download real datasets into the cache ahead of a lesson, verifying every file.") { datasets, listDatasets };
fetch.SetAction(parse => FetchCommand.Execute(parse.GetValue(datasets) ?? [], parse.GetValue(listDatasets)));

var root = new RootCommand("SslCourse: run the course's notebooks headless, benchmark the engine, fetch datasets.") { run, bench, fetch };
return root.Parse(args).Invoke();
