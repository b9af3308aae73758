using Spectre.Console;
using SslCourse.Runner.Notebooks;

namespace SslCourse.Runner;

/// <summary>The `run` command: executes notebooks, optionally writes outputs and HTML, prints a summary table.</summary>
public static class RunCommand
{
    public static int Execute(string[] paths, bool quick, bool writeOutputs, string? htmlDirectory)
    {
        if (quick) Environment.SetEnvironmentVariable("SSLCOURSE_QUICK", "1");
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path)) files.AddRange(Directory.GetFiles(path, "*.ipynb").Order(StringComparer.Ordinal));
            else if (File.Exists(path)) files.Add(path);
            else { Console.Error.WriteLine($"run: '{path}' is neither a notebook nor a folder."); return 2; }
        }
        if (files.Count == 0) { Console.Error.WriteLine("run: no notebooks found in " + string.Join(", ", paths)); return 2; }
        if (htmlDirectory is not null) Directory.CreateDirectory(htmlDirectory);

        var results = new List<NotebookResult>();
        foreach (var file in files)
        {
            Console.WriteLine($"▶ {file}{(quick ? " (quick)" : "")}");
            Notebook notebook;
            try { notebook = Notebook.Load(file); }
            catch (InvalidDataException e) { Console.Error.WriteLine(e.Message); return 2; }
            var result = new NotebookRunner(Console.Out).Run(notebook);
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
        PrintSummary(results);
        return results.All(r => r.Succeeded) ? 0 : 1;
    }

    static void PrintSummary(List<NotebookResult> results)
    {
        var table = new Table().Title("Course summary").AddColumns("Notebook", "Time", "Result");
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
