using System.Diagnostics;
using System.Globalization;

namespace SslCourse.IO;

/// <summary>
/// Writes a file so that readers see either the old file or the whole new one, never a part: the content goes to a
/// temporary file of its own beside the target (".{file}.{process id}.{random}.tmp"), which is then renamed over it.
/// The random part keeps two saves of one process apart; the process id tells which leftovers a killed save abandoned.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/> and replaces the old file only once the new one is
    /// complete and flushed to disk. Temporary files that killed saves left beside it are removed first.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new IOException($"{path} is a folder; give the path of a file to write, e.g. {Path.Combine(path, "model.safetensors")}.");
        var directory = Path.GetDirectoryName(full)!;
        try { Directory.CreateDirectory(directory); }
        catch (IOException e) { throw new IOException($"Cannot write {path}: its folder {directory} cannot be created ({e.Message}). Is part of the path a file?", e); }
        RemoveAbandoned(full);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(file);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally { if (File.Exists(temporary)) File.Delete(temporary); }
    }

    // A leftover belongs to a process that no longer runs; those of running processes, this one included, may be a save
    // still in progress. Names with only a process id are what earlier versions of the course wrote.
    static void RemoveAbandoned(string target)
    {
        var prefix = $".{Path.GetFileName(target)}.";
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(target)!, prefix + "*.tmp"))
        {
            var parts = Path.GetFileName(file)[prefix.Length..].Split('.');
            if (parts.Length is not (2 or 3) || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
            if (IsRunning(pid)) continue;
            try { File.Delete(file); }
            catch (IOException) { }                    // another process is removing it too
            catch (UnauthorizedAccessException) { }    // not ours to remove
        }
    }

    static bool IsRunning(int pid)
    {
        try { using var process = Process.GetProcessById(pid); return !process.HasExited; }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
}
