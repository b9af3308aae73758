using System.Collections;
using static SslCourse.torch;

namespace SslCourse.Modules;

/// <summary>Applies its modules in order, each to the output of the one before; they are named "0", "1", … unless named.</summary>
public sealed class Sequential : nn.Module<Tensor, Tensor>, IEnumerable<nn.Module<Tensor, Tensor>>
{
    readonly List<nn.Module<Tensor, Tensor>> _layers = new();

    public Sequential(params nn.Module<Tensor, Tensor>[] modules) : base(nameof(Sequential))
    {
        foreach (var m in modules) append(m);
    }

    public Sequential(params (string name, nn.Module<Tensor, Tensor> module)[] modules) : base(nameof(Sequential))
    {
        foreach (var (name, m) in modules) { register_module(name, m); _layers.Add(m); }
    }

    /// <summary>Adds a module at the end.</summary>
    public Sequential append(nn.Module<Tensor, Tensor> module)
    {
        register_module(_layers.Count.ToString(), module);
        _layers.Add(module);
        return this;
    }

    public int Count => _layers.Count;
    public nn.Module<Tensor, Tensor> this[int index] => _layers[index];

    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var layer in _layers) x = layer.forward(x);
        return x;
    }

    public IEnumerator<nn.Module<Tensor, Tensor>> GetEnumerator() => _layers.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() =>
        "Sequential(\n" + string.Join("\n", named_children().Select(c => $"  ({c.name}): {c.module.ToString()!.Replace("\n", "\n  ")}")) + "\n)";
}

/// <summary>A list of modules registered as "0", "1", …; the owner decides how to call them.</summary>
public sealed class ModuleList<T> : nn.Module, IReadOnlyList<T> where T : nn.Module
{
    readonly List<T> _items = new();

    public ModuleList(params T[] modules) : base(nameof(ModuleList<T>)) { foreach (var m in modules) append(m); }

    public ModuleList<T> append(T module)
    {
        register_module(_items.Count.ToString(), module);
        _items.Add(module);
        return this;
    }

    public T this[int index] => _items[index];
    public int Count => _items.Count;
    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Modules by name, registered under those names.</summary>
public sealed class ModuleDict<T> : nn.Module, IReadOnlyDictionary<string, T> where T : nn.Module
{
    readonly Dictionary<string, T> _items = new();

    public ModuleDict(params (string name, T module)[] modules) : base(nameof(ModuleDict<T>)) { foreach (var (n, m) in modules) Add(n, m); }

    public void Add(string name, T module) { register_module(name, module); _items[name] = module; }

    public T this[string key] => _items[key];
    public IEnumerable<string> Keys => _items.Keys;
    public IEnumerable<T> Values => _items.Values;
    public int Count => _items.Count;
    public bool ContainsKey(string key) => _items.ContainsKey(key);
    public bool TryGetValue(string key, out T value) => _items.TryGetValue(key, out value!);
    public IEnumerator<KeyValuePair<string, T>> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
