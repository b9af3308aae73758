namespace SslCourse.Runner;

/// <summary>The notebooks a command was given: files as named, folders as their *.ipynb in name order.</summary>
public static class NotebookFiles
{
    /// <summary>The notebooks under <paramref name="paths"/>, or null (after saying why on stderr) when a path is wrong or none is found.</summary>
    public static List<string>? Find(string[] paths, string command)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path)) files.AddRange(Directory.GetFiles(path, "*.ipynb").Order(StringComparer.Ordinal));
            else if (File.Exists(path)) files.Add(path);
            else { Console.Error.WriteLine($"{command}: '{path}' is neither a notebook nor a folder."); return null; }
        }
        if (files.Count == 0) { Console.Error.WriteLine($"{command}: no notebooks found in " + string.Join(", ", paths)); return null; }
        return files;
    }
}
