using System.Diagnostics;
using System.Text.Json.Nodes;
using SslCourse.Runner.Notebooks;

namespace SslCourse.Tests.Runner;

/// <summary>The notebook runner on small notebooks written for these tests (Runner/Notebooks).</summary>
[Collection("Console")]   // the runner redirects Console.Out while a cell runs
public class RunnerTests
{
    /// <summary>A copy of a test notebook in a fresh folder beside the library, so its <c>#r "SslCourse.dll"</c> resolves.</summary>
    static string Prepare(string name)
    {
        var dir = Directory.CreateTempSubdirectory("sslcourse-nb-").FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Runner", "Notebooks", name), Path.Combine(dir, name));
        CourseLibrary.CopyTo(dir);
        return Path.Combine(dir, name);
    }

    static (NotebookResult result, string console) Run(string path)
    {
        var console = new StringWriter();
        var result = new NotebookRunner(console).Run(Notebook.Load(path));
        return (result, console.ToString());
    }

    [Fact]
    public void CellsShareStateAndShowDisplaysResultsAndPrints()
    {
        var (result, console) = Run(Prepare("state-and-display.ipynb"));
        Xunit.Assert.True(result.Succeeded, result.Failure);
        var code = result.Notebook.Cells.Where(c => c.IsCode).ToList();
        Xunit.Assert.Equal("hello from cell 1\n", Xunit.Assert.IsType<StreamOutput>(code[0].Outputs.Single()).Text);
        // The handle's Update replaced the first display in place; the tensor came through the library's formatter.
        var displays = code[2].Outputs.OfType<DisplayOutput>().ToList();
        Xunit.Assert.Equal("second", displays[0].Data["text/plain"]);
        Xunit.Assert.StartsWith("<pre>[2x2] float32", displays[1].Data["text/html"]);
        Xunit.Assert.Equal(["RESULT lesson=99 answer=82 quick=0"], result.Results);
        Xunit.Assert.Contains("<progress", code[3].Outputs.OfType<DisplayOutput>().Single().Data["text/html"]);
        var last = Xunit.Assert.IsType<DisplayOutput>(code[4].Outputs.Single());
        Xunit.Assert.True(last.IsResult);
        Xunit.Assert.Equal("83", last.Data["text/plain"]);            // the trailing expression's value
        Xunit.Assert.Contains("hello from cell 1", console);
    }

    [Fact]
    public void AFailingCellReportsNotebookCellLineAndMessageAndStops()
    {
        var (result, _) = Run(Prepare("failing.ipynb"));
        Xunit.Assert.Equal("failing.ipynb, cell 3, line 3: boom at line four", result.Failure);
        var cells = result.Notebook.Cells;
        Xunit.Assert.IsType<ErrorOutput>(cells[2].Outputs.Single());
        Xunit.Assert.Empty(cells[3].Outputs);                         // nothing after the failure ran
        var (compile, _) = Run(Prepare("compile-error.ipynb"));
        Xunit.Assert.Equal("compile-error.ipynb, cell 1, line 2: Cannot implicitly convert type 'string' to 'int'", compile.Failure);
    }

    [Fact]
    public void OutputsWrittenBackAreValidNbformat()
    {
        var path = Prepare("state-and-display.ipynb");
        var (result, _) = Run(path);
        foreach (var cell in result.Notebook.Cells) cell.StoreOutputs();
        result.Notebook.Save(path);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        Xunit.Assert.Equal(".net-csharp", json["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Xunit.Assert.Equal(5, json["cells"]!.AsArray().Last()!["execution_count"]!.GetValue<int>());
        // Jupyter's own reader and validator (Debian's python3-nbformat, which .ci/run installs) accept the file.
        var check = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import nbformat, sys; nb = nbformat.read(sys.argv[1], 4); nbformat.validate(nb); print(len(nb.cells))", path])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string output = check.StandardOutput.ReadToEnd(), errors = check.StandardError.ReadToEnd();
        check.WaitForExit();
        Xunit.Assert.True(check.ExitCode == 0, "nbformat rejected the notebook: " + errors);
        Xunit.Assert.Equal("6", output.Trim());
    }

    [Fact]
    public void TheHtmlReportRendersMarkdownCodeAndOutputs()
    {
        var (result, _) = Run(Prepare("state-and-display.ipynb"));
        var html = HtmlReport.Render(result.Notebook, result);
        Xunit.Assert.Contains("<title>Runner test: state, #r, display and results</title>", html);
        Xunit.Assert.Contains("<h1", html);
        Xunit.Assert.Contains("<pre>[2x2] float32", html);
        Xunit.Assert.Contains("<progress", html);
        Xunit.Assert.Contains("int Twice(int v)", html);
    }

    [Fact]
    public void QuickModeReachesTheLibrary()
    {
        var before = SslCourse.Course.Lesson.Quick;
        try
        {
            SslCourse.Course.Lesson.Quick = true;
            var (result, _) = Run(Prepare("state-and-display.ipynb"));
            Xunit.Assert.Equal(["RESULT lesson=99 answer=82 quick=1"], result.Results);
        }
        finally { SslCourse.Course.Lesson.Quick = before; }
    }

    [Fact]
    public void ATorchSharpTensorEndingACellShowsItsValues()
    {
        var dir = Directory.CreateTempSubdirectory("sslcourse-nb-").FullName;
        var lib = Repository.PathOf("lib", "SslCourse.TorchSharp", "bin", "Release", "net8.0");
        var cells = new JsonArray(
            Code($"#r \"{Path.Combine(lib, "TorchSharp.dll")}\"\nusing static TorchSharp.torch;"),
            Code("tensor(new float[] { 1.5f, -2.25f })"));
        var path = Path.Combine(dir, "torchsharp-tensor.ipynb");
        File.WriteAllText(path, new JsonObject { ["cells"] = cells, ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 5 }.ToJsonString());
        var (result, _) = Run(path);
        Xunit.Assert.True(result.Succeeded, result.Failure);
        var text = Xunit.Assert.IsType<DisplayOutput>(result.Notebook.Cells[1].Outputs.Single()).Data["text/plain"];
        Xunit.Assert.Contains("1.5", text);
        Xunit.Assert.Contains("-2.25", text);

        static JsonObject Code(string source) => new() { ["cell_type"] = "code", ["source"] = source, ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray() };
    }
}
