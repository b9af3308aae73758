using SslCourse.Runner.Notebooks;

namespace SslCourse.Runner;

/// <summary>The `engine` command: rewrites notebooks' setup cells for the built-in engine or TorchSharp.</summary>
public static class EngineCommand
{
    public static int Execute(Engine engine, string[] paths)
    {
        var files = NotebookFiles.Find(paths, "engine");
        if (files is null) return 2;
        foreach (var file in files)
        {
            Notebook notebook;
            try { notebook = Notebook.Load(file); }
            catch (InvalidDataException e) { Console.Error.WriteLine(e.Message); return 2; }
            var setup = notebook.Cells.Where(c => c.IsCode && EngineChoice.IsSetupCell(c.Source)).ToList();
            bool changed = false;
            foreach (var cell in setup)
            {
                var rewritten = EngineChoice.Rewrite(cell.Source, engine);
                if (rewritten == cell.Source) continue;
                cell.Source = rewritten;
                changed = true;
            }
            if (changed) notebook.Save(file);
            Console.WriteLine(setup.Count == 0 ? $"{file}: no setup cell (no #r of the course library); left as it was."
                : changed ? $"{file}: now runs on {(engine == Engine.TorchSharp ? "TorchSharp" : "the built-in engine")}." : $"{file}: already set for that engine.");
        }
        if (engine == Engine.TorchSharp)
            Console.WriteLine("Build the TorchSharp library before running them: dotnet build lib/SslCourse.TorchSharp -c Release");
        return 0;
    }
}
