namespace SslCourse.Autograd;

/// <summary>
/// One recorded operation on the tape: the inputs it read, the tensors it saved for its backward, and the
/// function that turns the gradient of its output into gradients of its inputs.
/// </summary>
internal sealed class Node
{
    public readonly string Name;
    public readonly Tensor[] Inputs;
    readonly Func<Tensor, Tensor[], Tensor?[]> _backward;
    Tensor[]? _saved;

    public Node(string name, Tensor[] inputs, Tensor[] saved, Func<Tensor, Tensor[], Tensor?[]> backward)
    {
        Name = name; Inputs = inputs; _backward = backward;
        // Saved tensors are private aliases: they keep the storage alive even if a dispose scope
        // disposes the tensors the user sees, and are released when the graph is freed.
        _saved = Array.ConvertAll(saved, t => new Tensor(t.Storage, t.Shape, t.Strides, t.Offset, registerInScope: false));
    }

    public Tensor?[] Backward(Tensor gradOutput)
    {
        if (_saved is null)
            throw new InvalidOperationException(
                $"backward: the graph through '{Name}' was already freed by an earlier backward(). " +
                "Call backward(retain_graph: true) the first time if you need to go through the graph twice.");
        return _backward(gradOutput, _saved);
    }

    /// <summary>Drops the saved tensors; a later backward through this node fails with a clear message.</summary>
    public void Free()
    {
        if (_saved is null) return;
        foreach (var t in _saved) t.Dispose();
        _saved = null;
    }
}
