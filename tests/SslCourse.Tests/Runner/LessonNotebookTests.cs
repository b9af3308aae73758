using SslCourse.Runner.Notebooks;

namespace SslCourse.Tests.Runner;

/// <summary>Every notebook in notebooks/ runs top to bottom in quick mode and states its result.</summary>
[Collection("Console")]
public class LessonNotebookTests
{
    static string NotebooksFolder() => Repository.PathOf("notebooks");

    public static TheoryData<string> Lessons => new(Directory.GetFiles(NotebooksFolder(), "*.ipynb").Select(Path.GetFileName).Order()!);

    public static TheoryData<string, string> LessonsOnEngines
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var lesson in Directory.GetFiles(NotebooksFolder(), "*.ipynb").Select(Path.GetFileName).Order())
                foreach (var engine in new[] { "builtin", "torchsharp" }) data.Add(lesson!, engine);
            return data;
        }
    }

    /// <summary>Every cell compiles on both engines: the lessons use only the API the built-in engine shares with TorchSharp.</summary>
    [Theory, MemberData(nameof(LessonsOnEngines))]
    public void CompilesOnBothEngines(string name, string engine)
    {
        var errors = NotebookRunner.CompileErrors(Notebook.Load(Path.Combine(NotebooksFolder(), name)), EngineChoice.Parse(engine));
        Xunit.Assert.True(errors.Count == 0, $"{name} on {engine}:\n" + string.Join("\n", errors));
    }

    /// <summary>
    /// Every lesson runs top to bottom in quick mode on both engines and states its result. The TorchSharp build of the
    /// library reads quick mode from the environment when it loads, so the variable is set for both.
    /// </summary>
    [Theory, MemberData(nameof(LessonsOnEngines))]
    public void RunsInQuickModeAndPrintsItsResult(string name, string engine)
    {
        var library = engine == "builtin"
            ? Path.Combine(NotebooksFolder(), "..", "lib", "SslCourse", "bin", "Release", "net8.0", "SslCourse.dll")
            : Path.Combine(NotebooksFolder(), "..", "lib", "SslCourse.TorchSharp", "bin", "Release", "net8.0", "SslCourse.TorchSharp.dll");
        Xunit.Assert.True(File.Exists(library), $"the notebooks load {Path.GetFullPath(library)}; build it with `dotnet build {(engine == "builtin" ? "lib/SslCourse" : "lib/SslCourse.TorchSharp")} -c Release` (dotnet test -c Release does).");
        var (quick, variable) = (SslCourse.Course.Lesson.Quick, Environment.GetEnvironmentVariable("SSLCOURSE_QUICK"));
        try
        {
            SslCourse.Course.Lesson.Quick = true;
            Environment.SetEnvironmentVariable("SSLCOURSE_QUICK", "1");
            var result = new NotebookRunner(TextWriter.Null, EngineChoice.Parse(engine)).Run(Notebook.Load(Path.Combine(NotebooksFolder(), name)));
            Xunit.Assert.True(result.Succeeded, result.Failure);
            int lesson = int.Parse(name[..2]);
            Xunit.Assert.Contains(result.Results, line => line.StartsWith($"RESULT lesson={lesson:00} "));
        }
        finally
        {
            SslCourse.Course.Lesson.Quick = quick;
            Environment.SetEnvironmentVariable("SSLCOURSE_QUICK", variable);
        }
    }

    /// <summary>
    /// Every lesson runs on the built-in engine's test device, which refuses to mix with the CPU as a GPU would: a model,
    /// batch or new tensor left on the CPU fails here instead of on a learner's GPU.
    /// </summary>
    [Theory, MemberData(nameof(Lessons))]
    public void RunsOnALessonDeviceApartFromTheCpu(string name)
    {
        var (quick, device) = (SslCourse.Course.Lesson.Quick, SslCourse.Course.Lesson.Device);
        try
        {
            SslCourse.Course.Lesson.Quick = true;
            SslCourse.Course.Lesson.Device = torch.device("test");
            var result = new NotebookRunner(TextWriter.Null).Run(Notebook.Load(Path.Combine(NotebooksFolder(), name)));
            Xunit.Assert.True(result.Succeeded, result.Failure);
        }
        finally { (SslCourse.Course.Lesson.Quick, SslCourse.Course.Lesson.Device) = (quick, device); }
    }
}
