namespace SslCourse;

/// <summary>
/// Collects the tensors created while it is the innermost scope on this thread and disposes them when it ends,
/// so a training step's temporaries go back to the storage pool at once rather than when the GC runs.
/// Create one with <see cref="torch.NewDisposeScope"/> in a <c>using</c> statement.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] static DisposeScope? _current;
    [ThreadStatic] static int _suspended;

    readonly DisposeScope? _outer;
    readonly HashSet<Tensor> _tensors = new(ReferenceEqualityComparer.Instance);
    bool _ended;

    internal DisposeScope() { _outer = _current; _current = this; }

    /// <summary>How many tensors this scope will dispose.</summary>
    public int Count => _tensors.Count;

    internal static void Register(Tensor t)
    {
        if (_suspended > 0 || _current is null) return;
        _current._tensors.Add(t);
        t.OwnerScope = _current;
    }

    internal static void MoveToOuter(Tensor t)
    {
        var owner = t.OwnerScope;
        if (owner is null) return;
        owner._tensors.Remove(t);
        t.OwnerScope = owner._outer;
        owner._outer?._tensors.Add(t);
    }

    internal static void Detach(Tensor t)
    {
        t.OwnerScope?._tensors.Remove(t);
        t.OwnerScope = null;
    }

    /// <summary>Within the returned scope, new tensors are registered in no dispose scope (used for gradients).</summary>
    internal static IDisposable Suspend() { _suspended++; return new Resume(); }

    sealed class Resume : IDisposable { public void Dispose() => _suspended--; }

    /// <summary>Disposes every tensor still registered here and makes the enclosing scope current again.</summary>
    public void Dispose()
    {
        if (_ended) return;
        _ended = true;
        foreach (var t in _tensors) { t.OwnerScope = null; t.Dispose(); }
        _tensors.Clear();
        if (_current == this) _current = _outer;
    }
}

public sealed partial class Tensor
{
    internal DisposeScope? OwnerScope;
}

public static partial class torch
{
    /// <summary>Starts a dispose scope: tensors created until it is disposed are disposed with it.</summary>
    public static DisposeScope NewDisposeScope() => new();
}
