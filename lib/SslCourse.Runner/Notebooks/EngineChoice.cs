using System.Text.RegularExpressions;

namespace SslCourse.Runner.Notebooks;

/// <summary>Which engine a lesson trains on: the built-in C# engine or TorchSharp (libtorch, CPU or CUDA).</summary>
public enum Engine { Builtin, TorchSharp }

/// <summary>
/// Rewrites a lesson's setup cell for an engine. The lessons are the same code on both; only the setup cell's
/// references and engine usings differ, so switching is a line-for-line rewrite that the runner applies before a run
/// (<c>run --engine</c>) and that the <c>engine</c> command writes into the notebooks, for VS Code.
/// </summary>
public static partial class EngineChoice
{
    // The lines that name the engine, in each engine's spelling; {lib} is the path to lib/ as the notebook wrote it.
    static readonly string[] Builtin =
    [
        "#r \"{lib}SslCourse/bin/Release/net8.0/SslCourse.Engine.dll\"\n#r \"{lib}SslCourse/bin/Release/net8.0/SslCourse.dll\"",
        "using static SslCourse.torch;",
        "using F = SslCourse.torch.nn.functional;",
    ];

    static readonly string[] TorchSharp =
    [
        "#r \"{lib}SslCourse.TorchSharp/bin/Release/net8.0/TorchSharp.dll\"\n#r \"{lib}SslCourse.TorchSharp/bin/Release/net8.0/SslCourse.TorchSharp.dll\"",
        "using TorchSharp;\nusing static TorchSharp.torch;",
        "using F = TorchSharp.torch.nn.functional;",
    ];

    [GeneratedRegex(@"^#r ""(?<lib>[^""]*?)SslCourse(\.TorchSharp)?/bin/Release/net8\.0/SslCourse(\.TorchSharp)?\.dll""$", RegexOptions.Multiline)]
    private static partial Regex LibraryReference();

    /// <summary>True when <paramref name="source"/> is a setup cell: it references the course library.</summary>
    public static bool IsSetupCell(string source) => LibraryReference().IsMatch(source);

    /// <summary>The setup cell <paramref name="source"/> rewritten for <paramref name="engine"/>; other cells come back unchanged.</summary>
    public static string Rewrite(string source, Engine engine)
    {
        var match = LibraryReference().Match(source);
        if (!match.Success) return source;
        var lib = match.Groups["lib"].Value;
        // Back to the built-in spelling first, so that rewriting is the same whichever engine the cell was written for.
        var builtin = source;
        for (int i = 0; i < Builtin.Length; i++) builtin = builtin.Replace(TorchSharp[i].Replace("{lib}", lib), Builtin[i].Replace("{lib}", lib));
        if (engine == Engine.Builtin) return builtin;
        var torchSharp = builtin;
        for (int i = 0; i < Builtin.Length; i++) torchSharp = torchSharp.Replace(Builtin[i].Replace("{lib}", lib), TorchSharp[i].Replace("{lib}", lib));
        return torchSharp;
    }

    /// <summary>Parses "builtin" or "torchsharp" (any case).</summary>
    public static Engine Parse(string name) => name.ToLowerInvariant() switch
    {
        "builtin" => Engine.Builtin,
        "torchsharp" => Engine.TorchSharp,
        _ => throw new ArgumentException($"unknown engine '{name}': choose builtin or torchsharp."),
    };
}
