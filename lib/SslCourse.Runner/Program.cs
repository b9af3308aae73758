using System.CommandLine;
using SslCourse.Runner;

var quick = new Option<bool>("--quick") { Description = "Quick mode: small lesson sizes (about a minute each on a 2-core CPU), as CI runs them." };
var writeOutputs = new Option<bool>("--write-outputs") { Description = "Store the outputs in the .ipynb files, as VS Code shows them." };
var html = new Option<string?>("--html") { Description = "Write one self-contained HTML report per notebook into this folder." };
var notebooks = new Argument<string[]>("notebooks") { Description = "Notebook files or folders of notebooks.", Arity = ArgumentArity.OneOrMore };
var run = new Command("run", "Run notebooks headless, cell by cell, and summarise every lesson's RESULT line.") { notebooks, quick, writeOutputs, html };
run.SetAction(parse => RunCommand.Execute(parse.GetValue(notebooks)!, parse.GetValue(quick), parse.GetValue(writeOutputs), parse.GetValue(html)));

var root = new RootCommand("SslCourse: run the course's notebooks headless, benchmark the engine, fetch datasets.") { run };
return root.Parse(args).Invoke();
