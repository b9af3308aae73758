using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace SslCourse.Runner.Notebooks;

/// <summary>How a notebook run ended: its time, the RESULT lines it printed, and the failure if a cell threw.</summary>
public sealed record NotebookResult(Notebook Notebook, TimeSpan Elapsed, IReadOnlyList<string> Results, string? Failure)
{
    public bool Succeeded => Failure is null;
}

/// <summary>
/// Executes a notebook's C# cells in order with the semantics of the .NET Interactive C# kernel that the lessons
/// use: one Roslyn script whose submissions share state, <c>#r "path"</c> resolved against the notebook's folder,
/// <c>#!csharp</c> cell magics, the setup cell rewritten for the chosen engine, <c>display(...)</c> with updatable handles, the value of a trailing expression
/// shown, and standard output captured per cell.
/// </summary>
public sealed partial class NotebookRunner(TextWriter console, Engine engine = Engine.Builtin)
{
    static readonly string[] Imports = ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Threading.Tasks"];

    // Like .NET Interactive, notebooks see the whole shared framework, not just the few assemblies Roslyn adds.
    static readonly Lazy<MetadataReference[]> FrameworkReferences = new(() =>
        Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Where(f => Path.GetFileName(f) is var n && (n.StartsWith("System.") || n is "netstandard.dll" or "mscorlib.dll" or "Microsoft.CSharp.dll"))
            .Select(f => { try { return MetadataReference.CreateFromFile(f); } catch (BadImageFormatException) { return null; } })
            .OfType<MetadataReference>().ToArray());

    public NotebookResult Run(Notebook notebook)
    {
        var globals = new NotebookGlobals(console);
        var options = Options(notebook);
        var clock = Stopwatch.StartNew();
        var results = new List<string>();
        ScriptState<object>? state = null;
        int count = 0;
        var stdout = Console.Out;
        // The library's displays (progress bars, live plots) go to this notebook: connect copies already loaded, and
        // any that a cell's #r loads, as soon as it loads.
        Func<object, Action<object>> host = value => globals.display(value).Update;
        Formatting.AttachHost(host);
        AssemblyLoadEventHandler onLoad = (_, e) => { if (Formatting.IsCourseLibrary(e.LoadedAssembly)) Formatting.AttachHost(host); };
        AppDomain.CurrentDomain.AssemblyLoad += onLoad;
        try
        {
            foreach (var cell in notebook.Cells.Where(c => c.IsCode))
            {
                cell.Outputs.Clear();
                cell.ExecutionCount = ++count;
                if (cell.Language is not ("csharp" or "C#"))
                    return Fail(cell, "NotSupportedException", $"this runner executes C# cells; this one is '{cell.Language}'", null);
                var code = WithoutKernelMagics(EngineChoice.Rewrite(cell.Source, engine));
                var cellOptions = options.WithFilePath($"{Path.GetFileName(notebook.Path)}#cell{cell.Number}");
                var writer = new CellWriter(cell, console);
                globals.Begin(cell);
                Console.SetOut(writer);
                try
                {
                    state = state is null
                        ? CSharpScript.RunAsync(code, cellOptions, globals, typeof(NotebookGlobals)).GetAwaiter().GetResult()
                        : state.ContinueWithAsync(code, cellOptions).GetAwaiter().GetResult();
                    if (state.ReturnValue is { } value && EndsWithExpression(code))
                        cell.Outputs.Add(new DisplayOutput(Formatting.ToMime(value), null, IsResult: true));
                }
                catch (CompilationErrorException e)
                {
                    var first = e.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
                    int line = first.Location.GetLineSpan().StartLinePosition.Line + 1;
                    return Fail(cell, "CompilationError", first.GetMessage(), line);
                }
                catch (Exception e)
                {
                    var inner = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e;
                    return Fail(cell, inner.GetType().Name, inner.Message, LineOf(inner, cell.Number), inner.ToString());
                }
                finally
                {
                    writer.Flush();
                    Console.SetOut(stdout);
                    results.AddRange(writer.ResultLines);
                    globals.End(cell);
                }
            }
            return new NotebookResult(notebook, clock.Elapsed, results, null);
        }
        finally
        {
            AppDomain.CurrentDomain.AssemblyLoad -= onLoad;
            Formatting.AttachHost(null);
        }

        NotebookResult Fail(Cell cell, string name, string message, int? line, string? detail = null)
        {
            var where = $"{Path.GetFileName(notebook.Path)}, cell {cell.Number}" + (line is int l ? $", line {l}" : "");
            cell.Outputs.Add(new ErrorOutput(name, message, [$"{where}: {name}: {message}", .. detail is null ? Array.Empty<string>() : detail.Split('\n')]));
            return new NotebookResult(notebook, clock.Elapsed, results, $"{where}: {message}");
        }
    }

    /// <summary>
    /// Compiles the notebook's C# cells for <paramref name="engine"/> without running them, each cell on top of the ones
    /// before, and returns the first error of each cell that has one ("cell N, line L: message"). This is how a test
    /// holds every lesson to the API both engines share.
    /// </summary>
    public static List<string> CompileErrors(Notebook notebook, Engine engine)
    {
        var options = Options(notebook);
        var errors = new List<string>();
        Script? previous = null;
        foreach (var cell in notebook.Cells.Where(c => c.IsCode))
        {
            var code = WithoutKernelMagics(EngineChoice.Rewrite(cell.Source, engine));
            var cellOptions = options.WithFilePath($"{Path.GetFileName(notebook.Path)}#cell{cell.Number}");
            var script = previous is null ? CSharpScript.Create(code, cellOptions, typeof(NotebookGlobals)) : previous.ContinueWith(code, cellOptions);
            var first = script.Compile().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
            if (first is not null)
                errors.Add($"cell {cell.Number}, line {first.Location.GetLineSpan().StartLinePosition.Line + 1}: {first.GetMessage()}");
            previous = script;
        }
        return errors;
    }

    static ScriptOptions Options(Notebook notebook)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(notebook.Path))!;
        return ScriptOptions.Default
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(directory))
            .WithSourceResolver(new SourceFileResolver([], directory))
            .WithImports(Imports)
            .WithReferences(FrameworkReferences.Value)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest);
    }

    /// <summary>Drops Polyglot's "#!csharp"-style kernel lines, keeping line numbers by leaving the lines empty.</summary>
    static string WithoutKernelMagics(string source) =>
        string.Join("\n", source.Split('\n').Select(l => l.TrimStart().StartsWith("#!") ? "" : l));

    /// <summary>True when the last statement has no semicolon, so its value is the cell's result.</summary>
    static bool EndsWithExpression(string code)
    {
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(code, Microsoft.CodeAnalysis.CSharp.CSharpParseOptions.Default.WithKind(SourceCodeKind.Script));
        var last = tree.GetRoot().ChildNodes().LastOrDefault();
        return last is Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax { Statement: Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionStatementSyntax s } && s.SemicolonToken.IsMissing;
    }

    [GeneratedRegex(@"#cell(\d+):line (\d+)")]
    private static partial Regex CellLine();

    static int? LineOf(Exception e, int cell)
    {
        foreach (Match m in CellLine().Matches(e.StackTrace ?? ""))
            if (int.Parse(m.Groups[1].Value) == cell) return int.Parse(m.Groups[2].Value);
        return null;
    }

    /// <summary>Collects what a cell prints into one stream output, echoes it to the console, and picks out RESULT lines.</summary>
    sealed class CellWriter(Cell cell, TextWriter console) : TextWriter
    {
        readonly StringBuilder _text = new();
        readonly StringBuilder _line = new();
        public List<string> ResultLines { get; } = new();
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            _text.Append(value);
            if (value == '\n')
            {
                var line = _line.ToString().TrimEnd('\r');
                if (line.StartsWith("RESULT ")) ResultLines.Add(line);
                console.WriteLine("    " + line);
                _line.Clear();
            }
            else _line.Append(value);
        }

        public override void Flush()
        {
            if (_line.Length > 0) { console.WriteLine("    " + _line); if (_line.ToString().StartsWith("RESULT ")) ResultLines.Add(_line.ToString()); _line.Clear(); }
            if (_text.Length == 0) return;
            if (cell.Outputs.LastOrDefault() is StreamOutput previous)
                cell.Outputs[^1] = previous with { Text = previous.Text + _text };
            else cell.Outputs.Add(new StreamOutput("stdout", _text.ToString()));
            _text.Clear();
        }
    }
}
