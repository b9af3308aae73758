using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Lets TorchSharp's native library load on Linux hosts whose libstdc++ is older than the one it was built with.
/// libLibTorchSharp.so asks for GLIBCXX_3.4.32 (libstdc++ 13) only because GCC 13's &lt;iostream&gt; references
/// <c>std::ios_base_library_init()</c>, a symbol nothing calls: no relocation uses it. Marking that version
/// requirement weak (VER_FLG_WEAK in .gnu.version_r) makes the dynamic loader accept a libstdc++ without it.
/// The task edits the copies in a build output only, never the NuGet cache (it writes a new file, so a hard link
/// into the cache is replaced, not written through), and only for versions the host's libstdc++ lacks whose every
/// symbol is one known to be unused; any other missing version is an error naming it.
/// </summary>
public sealed class WeakenMissingLibstdcxxVersions : Microsoft.Build.Utilities.Task
{
    /// <summary>The native libraries to check (libLibTorchSharp.so in an output folder).</summary>
    [Required] public ITaskItem[] Libraries { get; set; } = [];

    // Symbols that a library may reference at a version the host lacks without ever using them.
    static readonly HashSet<string> UnusedSymbols = ["_ZSt21ios_base_library_initv"];

    public override bool Execute()
    {
        var host = FindHostLibstdcxx();
        if (host is null) { Log.LogMessage(MessageImportance.Low, "No libstdc++.so.6 found; nothing to weaken."); return true; }
        var provided = Elf.Read(File.ReadAllBytes(host)).DefinedVersions();
        foreach (var item in Libraries)
        {
            var path = item.ItemSpec;
            try
            {
                var changed = Weaken(path, provided, out var weakened);
                if (changed) Log.LogMessage(MessageImportance.High,
                    $"{path}: marked {string.Join(", ", weakened)} weak ({host} lacks it; its only symbol is never called).");
            }
            catch (InvalidDataException e) { Log.LogError($"{path}: {e.Message}"); }
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>
    /// Marks weak every libstdc++ version that <paramref name="path"/> needs and <paramref name="provided"/> lacks.
    /// Returns whether the file changed; throws <see cref="InvalidDataException"/> when a missing version carries a
    /// symbol the library may really use.
    /// </summary>
    public static bool Weaken(string path, ICollection<string> provided, out List<string> weakened)
    {
        var bytes = File.ReadAllBytes(path);
        var elf = Elf.Read(bytes);
        weakened = [];
        foreach (var need in elf.NeededVersions().Where(n => n.File == "libstdc++.so.6" && !provided.Contains(n.Version)))
        {
            var used = need.Symbols.Where(s => !UnusedSymbols.Contains(s)).ToList();
            if (used.Count > 0)
                throw new InvalidDataException(
                    $"needs {need.Version} from libstdc++ for {string.Join(", ", used)}, and this system's libstdc++ does " +
                    "not provide it. Install libstdc++ from GCC 13 or newer (Debian 13, Ubuntu 24.04).");
            if (need.IsWeak) continue;
            elf.SetWeak(need);
            weakened.Add(need.Version);
        }
        if (weakened.Count == 0) return false;
        // A new file replaces the old one (File.Copy keeps its permissions), so a hard link into the cache is
        // broken rather than written through.
        var temp = path + ".weakening";
        File.Copy(path, temp, overwrite: true);
        File.WriteAllBytes(temp, bytes);
        File.Delete(path);
        File.Move(temp, path);
        return true;
    }

    static string? FindHostLibstdcxx()
    {
        var dirs = (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "").Split(new[] { ':' }, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
                     "/lib64", "/usr/lib64", "/lib", "/usr/lib"]);
        return dirs.Select(d => Path.Combine(d, "libstdc++.so.6")).FirstOrDefault(File.Exists);
    }

    /// <summary>One version requirement of an ELF file: the library it names, the version, and the symbols bound to it.</summary>
    public sealed class VersionNeed(string file, string version, bool isWeak, int auxOffset)
    {
        public string File { get; } = file;
        public string Version { get; } = version;
        public bool IsWeak { get; } = isWeak;
        public int AuxOffset { get; } = auxOffset;
        public List<string> Symbols { get; } = [];
    }

    /// <summary>The parts of a 64-bit little-endian ELF shared object that symbol versioning uses.</summary>
    public sealed class Elf
    {
        const uint ShtDynsym = 11, ShtVerdef = 0x6ffffffd, ShtVerneed = 0x6ffffffe, ShtVersym = 0x6fffffff;
        const ushort VerFlgWeak = 0x2;
        readonly byte[] _b;
        readonly List<Section> _sections = [];
        
        sealed class Section(uint type, long offset, long size, uint link, uint info)
        {
            public readonly uint Type = type, Link = link, Info = info;
            public readonly long Offset = offset, Size = size;
        }

        Elf(byte[] bytes) { _b = bytes; }

        public static Elf Read(byte[] bytes)
        {
            if (bytes.Length < 64 || bytes[0] != 0x7F || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F')
                throw new InvalidDataException("not an ELF file.");
            if (bytes[4] != 2 || bytes[5] != 1) throw new InvalidDataException("not a 64-bit little-endian ELF file.");
            var elf = new Elf(bytes);
            long shoff = elf.U64(0x28);
            int shentsize = elf.U16(0x3A), shnum = elf.U16(0x3C);
            if (shoff <= 0 || shoff + (long)shentsize * shnum > bytes.Length) throw new InvalidDataException("section headers lie outside the file.");
            for (int i = 0; i < shnum; i++)
            {
                long h = shoff + (long)i * shentsize;
                elf._sections.Add(new Section(elf.U32(h + 4), elf.U64(h + 24), elf.U64(h + 32), elf.U32(h + 40), elf.U32(h + 44)));
            }
            return elf;
        }

        /// <summary>The version names a library defines (.gnu.version_d), e.g. GLIBCXX_3.4.30.</summary>
        public HashSet<string> DefinedVersions()
        {
            var names = new HashSet<string>();
            foreach (var s in _sections.Where(s => s.Type == ShtVerdef))
            {
                long strtab = _sections[(int)s.Link].Offset, d = s.Offset;
                for (uint i = 0; i < s.Info; i++)
                {
                    names.Add(Str(strtab + U32(d + U32(d + 12))));  // the first verdaux names the version
                    uint next = U32(d + 16);
                    if (next == 0) break;
                    d += next;
                }
            }
            return names;
        }

        /// <summary>The version requirements (.gnu.version_r), each with the undefined symbols bound to it.</summary>
        public List<VersionNeed> NeededVersions()
        {
            var needs = new List<VersionNeed>();
            var byIndex = new Dictionary<int, VersionNeed>();
            foreach (var s in _sections.Where(s => s.Type == ShtVerneed))
            {
                long strtab = _sections[(int)s.Link].Offset, n = s.Offset;
                for (uint i = 0; i < s.Info; i++)
                {
                    string file = Str(strtab + U32(n + 4));
                    long a = n + U32(n + 8);
                    for (int j = 0; j < U16(n + 2); j++)
                    {
                        var need = new VersionNeed(file, Str(strtab + U32(a + 8)), (U16(a + 4) & VerFlgWeak) != 0, (int)a);
                        needs.Add(need);
                        byIndex[U16(a + 6)] = need;
                        a += U32(a + 12);
                    }
                    n += U32(n + 12);
                }
            }
            var dynsym = _sections.FirstOrDefault(s => s.Type == ShtDynsym);
            var versym = _sections.FirstOrDefault(s => s.Type == ShtVersym);
            if (dynsym is not null && versym is not null)
            {
                long strtab = _sections[(int)dynsym.Link].Offset;
                for (long k = 0; k < dynsym.Size / 24; k++)
                {
                    long sym = dynsym.Offset + k * 24;
                    if (U16(sym + 6) != 0) continue;  // defined here, not needed from elsewhere
                    if (byIndex.TryGetValue(U16(versym.Offset + 2 * k) & 0x7FFF, out var need))
                        need.Symbols.Add(Str(strtab + U32(sym)));
                }
            }
            return needs;
        }

        /// <summary>Sets VER_FLG_WEAK on one requirement, in the bytes this was read from.</summary>
        public void SetWeak(VersionNeed need) =>
            _b[need.AuxOffset + 4] |= (byte)VerFlgWeak;  // vna_flags, little-endian

        ushort U16(long at) { Check(at, 2); return BitConverter.ToUInt16(_b, (int)at); }
        uint U32(long at) { Check(at, 4); return BitConverter.ToUInt32(_b, (int)at); }
        long U64(long at) { Check(at, 8); return (long)BitConverter.ToUInt64(_b, (int)at); }

        void Check(long at, int size)
        {
            if (at < 0 || at + size > _b.Length) throw new InvalidDataException($"a field at offset {at} lies outside the file.");
        }

        string Str(long at)
        {
            Check(at, 1);
            int end = Array.IndexOf(_b, (byte)0, (int)at);
            if (end < 0) throw new InvalidDataException($"the string at offset {at} is not terminated.");
            return Encoding.ASCII.GetString(_b, (int)at, end - (int)at);
        }
    }
}
