using System.Runtime.InteropServices;

namespace SslCourse.Tests.Build;

/// <summary>
/// The build step that lets TorchSharp load on a libstdc++ older than 13 (lib/build/WeakenMissingLibstdcxxVersions.cs),
/// on copies of TorchSharp's real native library from the NuGet cache.
/// </summary>
public class WeakenLibstdcxxTests
{
    const string Unused = "GLIBCXX_3.4.32";

    static string CachedLibrary()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Xunit.Assert.True(File.Exists(path), $"{path} is missing: restore the test project first (dotnet test does).");
        return path;
    }

    static WeakenMissingLibstdcxxVersions.VersionNeed Need(string path, string version) =>
        WeakenMissingLibstdcxxVersions.Elf.Read(File.ReadAllBytes(path)).NeededVersions().Single(n => n.Version == version);

    static HashSet<string> AllNeededBut(string path, string missing) =>
        WeakenMissingLibstdcxxVersions.Elf.Read(File.ReadAllBytes(path)).NeededVersions().Select(n => n.Version).Where(v => v != missing).ToHashSet();

    [DllImport("libc", SetLastError = true)]
    static extern int link(string existing, string created);

    [Fact]
    public void TheUnusedVersionCarriesOnlyTheIostreamInitialiser()
    {
        var need = Need(CachedLibrary(), Unused);
        Xunit.Assert.Equal("libstdc++.so.6", need.File);
        Xunit.Assert.Equal(["_ZSt21ios_base_library_initv"], need.Symbols);
        Xunit.Assert.False(need.IsWeak);
    }

    [Fact]
    public void MarksTheMissingVersionWeakInANewFileAndLeavesAHardLinkedOriginalAlone()
    {
        var dir = Directory.CreateTempSubdirectory("sslcourse-elf-").FullName;
        var original = Path.Combine(dir, "cache.so"); var output = Path.Combine(dir, "output.so");
        File.Copy(CachedLibrary(), original);
        Xunit.Assert.Equal(0, link(original, output));     // as the build's copy-local makes it: one file, two names
        var before = File.ReadAllBytes(original);

        Xunit.Assert.True(WeakenMissingLibstdcxxVersions.Weaken(output, AllNeededBut(original, Unused), out var weakened));
        Xunit.Assert.Equal([Unused], weakened);
        Xunit.Assert.Equal(before, File.ReadAllBytes(original));
        var after = File.ReadAllBytes(output);
        Xunit.Assert.Single(Enumerable.Range(0, before.Length), i => before[i] != after[i]);
        Xunit.Assert.True(Need(output, Unused).IsWeak);
        Xunit.Assert.False(WeakenMissingLibstdcxxVersions.Weaken(output, AllNeededBut(original, Unused), out _));   // once is enough
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void ChangesNothingWhenTheSystemHasEveryVersion()
    {
        var dir = Directory.CreateTempSubdirectory("sslcourse-elf-").FullName;
        var copy = Path.Combine(dir, "lib.so");
        File.Copy(CachedLibrary(), copy);
        Xunit.Assert.False(WeakenMissingLibstdcxxVersions.Weaken(copy, AllNeededBut(copy, missing: ""), out _));
        Xunit.Assert.Equal(File.ReadAllBytes(CachedLibrary()), File.ReadAllBytes(copy));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void RefusesToWeakenAVersionWhoseSymbolsAreUsed()
    {
        var dir = Directory.CreateTempSubdirectory("sslcourse-elf-").FullName;
        var copy = Path.Combine(dir, "lib.so");
        File.Copy(CachedLibrary(), copy);
        var e = Xunit.Assert.Throws<InvalidDataException>(() => WeakenMissingLibstdcxxVersions.Weaken(copy, AllNeededBut(copy, "GLIBCXX_3.4.26"), out _));
        Xunit.Assert.Contains("GLIBCXX_3.4.26", e.Message);
        Xunit.Assert.Contains("GCC 13", e.Message);
        Xunit.Assert.Equal(File.ReadAllBytes(CachedLibrary()), File.ReadAllBytes(copy));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void ATruncatedOrForeignFileIsAClearError()
    {
        var bytes = File.ReadAllBytes(CachedLibrary());
        Xunit.Assert.Contains("not an ELF file", Xunit.Assert.Throws<InvalidDataException>(() => WeakenMissingLibstdcxxVersions.Elf.Read([1, 2, 3])).Message);
        var truncated = bytes[..4096];
        Xunit.Assert.Throws<InvalidDataException>(() => WeakenMissingLibstdcxxVersions.Elf.Read(truncated).NeededVersions());
    }

    [Fact]
    public void TheBuildOutputLoadsOnThisSystem()
    {
        // The copy beside this test's TorchSharp.dll was weakened by the build where the system lacks the version.
        var built = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        Xunit.Assert.True(File.Exists(built));
        using var x = ones(3);
        Xunit.Assert.Equal(3f, x.sum().item<float>());
    }
}
