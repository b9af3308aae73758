using Spectre.Console;
using SslCourse.Runner.Notebooks;

namespace SslCourse.Runner;

/// <summary>The `run` command: executes notebooks, optionally writes outputs and HTML, prints a summary table.</summary>
public static class RunCommand
{
    public static int Execute(string[] paths, bool quick, bool writeOutputs, string? htmlDirectory, Engine engine = Engine.Builtin, string device = "cpu")
    {
        if (quick) Environment.SetEnvironmentVariable("SSLCOURSE_QUICK", "1");
        if (device is not ("cpu" or "cuda")) { Console.Error.WriteLine($"run: unknown device '{device}': choose cpu or cuda."); return 2; }
        if (device == "cuda" && engine != Engine.TorchSharp) { Console.Error.WriteLine("run: --device cuda needs --engine torchsharp (the built-in engine runs on the CPU)."); return 2; }
        Environment.SetEnvironmentVariable("SSLCOURSE_DEVICE", device);
        var files = NotebookFiles.Find(paths, "run");
        if (files is null) return 2;
        if (htmlDirectory is not null) Directory.CreateDirectory(htmlDirectory);

        var results = new List<NotebookResult>();
        foreach (var file in files)
        {
            Console.WriteLine($"▶ {file}{(quick ? " (quick)" : "")} on {EngineName(engine)}, {device}");
            Notebook notebook;
            try { notebook = Notebook.Load(file); }
            catch (InvalidDataException e) { Console.Error.WriteLine(e.Message); return 2; }
            var result = new NotebookRunner(Console.Out, engine).Run(notebook);
            results.Add(result);
            if (result.Failure is not null) Console.Error.WriteLine($"✗ {result.Failure}");
            if (writeOutputs)
            {
                foreach (var cell in notebook.Cells) cell.StoreOutputs();
                notebook.Save(file);
            }
            if (htmlDirectory is not null)
                File.WriteAllText(Path.Combine(htmlDirectory, Path.GetFileNameWithoutExtension(file) + ".html"), HtmlReport.Render(notebook, result));
        }
        PrintSummary(results, $"{EngineName(engine)}, {device}");
        return results.All(r => r.Succeeded) ? 0 : 1;
    }

    static string EngineName(Engine engine) => engine == Engine.TorchSharp ? "TorchSharp" : "built-in engine";

    static void PrintSummary(List<NotebookResult> results, string where)
    {
        var table = new Table().Title($"Course summary ({Markup.Escape(where)})").AddColumns("Notebook", "Time", "Result");
        foreach (var r in results)
        {
            var outcome = r.Succeeded ? string.Join("\n", r.Results.Select(l => l["RESULT ".Length..])) : "FAILED: " + r.Failure;
            table.AddRow(Markup.Escape(Path.GetFileName(r.Notebook.Path)), $"{r.Elapsed.TotalSeconds:0.0} s", Markup.Escape(outcome.Length == 0 ? "(no RESULT line)" : outcome));
        }
        AnsiConsole.Write(table);
        // The same lines in plain text, for logs and for tools that read them.
        foreach (var r in results) foreach (var line in r.Results) Console.WriteLine(line);
    }
}
