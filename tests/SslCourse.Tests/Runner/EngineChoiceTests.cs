using SslCourse.Runner;
using SslCourse.Runner.Notebooks;

namespace SslCourse.Tests.Runner;

/// <summary>Switching a lesson between engines: the setup cell's rewrite, and the `engine` command on a folder.</summary>
[Collection("Console")]   // the command writes to Console.Out
public class EngineChoiceTests
{
    const string BuiltinSetup =
        "#r \"../lib/SslCourse/bin/Release/net8.0/SslCourse.Engine.dll\"\n" +
        "#r \"../lib/SslCourse/bin/Release/net8.0/SslCourse.dll\"\n" +
        "using SslCourse;\nusing SslCourse.Data;\nusing static SslCourse.torch;\nusing F = SslCourse.torch.nn.functional;\n";

    [Fact]
    public void TheSetupCellNamesTorchSharpAndComesBackUnchanged()
    {
        var torchSharp = EngineChoice.Rewrite(BuiltinSetup, Engine.TorchSharp);
        Xunit.Assert.Equal(
            "#r \"../lib/SslCourse.TorchSharp/bin/Release/net8.0/TorchSharp.dll\"\n" +
            "#r \"../lib/SslCourse.TorchSharp/bin/Release/net8.0/SslCourse.TorchSharp.dll\"\n" +
            "using SslCourse;\nusing SslCourse.Data;\nusing TorchSharp;\nusing static TorchSharp.torch;\nusing F = TorchSharp.torch.nn.functional;\n",
            torchSharp);
        Xunit.Assert.Equal(torchSharp, EngineChoice.Rewrite(torchSharp, Engine.TorchSharp));   // already there
        Xunit.Assert.Equal(BuiltinSetup, EngineChoice.Rewrite(torchSharp, Engine.Builtin));
        Xunit.Assert.Equal(BuiltinSetup, EngineChoice.Rewrite(BuiltinSetup, Engine.Builtin));
    }

    [Fact]
    public void OnlyTheSetupCellIsTouched()
    {
        const string cell = "using static SslCourse.torch;   // not a setup cell: it references no library\nvar x = randn(3);";
        Xunit.Assert.False(EngineChoice.IsSetupCell(cell));
        Xunit.Assert.Equal(cell, EngineChoice.Rewrite(cell, Engine.TorchSharp));
        Xunit.Assert.Throws<ArgumentException>(() => EngineChoice.Parse("libtorch"));
    }

    [Fact]
    public void TheEngineCommandRewritesEveryLessonOfAFolderAndBack()
    {
        var dir = Directory.CreateTempSubdirectory("sslcourse-engine-").FullName;
        foreach (var lesson in Directory.GetFiles(Repository.PathOf("notebooks"), "*.ipynb")) File.Copy(lesson, Path.Combine(dir, Path.GetFileName(lesson)));
        var before = Directory.GetFiles(dir).ToDictionary(f => f, File.ReadAllText);
        var output = Console.Out;
        try
        {
            Console.SetOut(TextWriter.Null);
            Xunit.Assert.Equal(0, EngineCommand.Execute(Engine.TorchSharp, [dir]));
            foreach (var file in before.Keys)
            {
                var setup = Notebook.Load(file).Cells.Single(c => c.IsCode && EngineChoice.IsSetupCell(c.Source)).Source;
                Xunit.Assert.Contains("SslCourse.TorchSharp.dll", setup);
                Xunit.Assert.DoesNotContain("SslCourse.torch", setup);
            }
            Xunit.Assert.Equal(0, EngineCommand.Execute(Engine.Builtin, [dir]));
        }
        finally { Console.SetOut(output); }
        foreach (var (file, text) in before) Xunit.Assert.Equal(text, File.ReadAllText(file));
        Directory.Delete(dir, recursive: true);
    }
}
