namespace SslCourse.Autograd;

/// <summary>Records operations on the tape and runs backward over it in reverse topological order.</summary>
internal static class Engine
{
    /// <summary>
    /// Attaches a node to <paramref name="result"/> when grad mode is on and an input requires grad.
    /// <paramref name="backward"/> gets the output's gradient and the saved tensors and returns one gradient
    /// (or null) per input; gradients of broadcast inputs are summed back to the input's shape here.
    /// </summary>
    public static Tensor Record(string name, Tensor result, Tensor[] inputs, Tensor[] saved,
        Func<Tensor, Tensor[], Tensor?[]> backward, bool movesDevice = false)
    {
        if (!movesDevice) torch.CheckSameDevice(name, result.device, inputs);
        if (!GradMode.Enabled) return result;
        bool any = false;
        foreach (var t in inputs) any |= t.requires_grad;
        if (!any) return result;
        result.grad_fn = new Node(name, inputs, saved, backward);
        result.requires_grad = true;
        return result;
    }

    public static void Backward(Tensor root, Tensor? gradient, bool retainGraph)
    {
        if (!root.requires_grad)
            throw new InvalidOperationException(
                $"backward: this tensor {ShapeUtil.Format(root.Shape)} does not require grad and has no grad_fn. " +
                "Set requires_grad = true on the inputs (parameters do this already) and do not compute it under no_grad().");
        if (gradient is null && root.Numel != 1)
            throw new InvalidOperationException(
                $"backward: a gradient can be created implicitly only for a scalar output, but this tensor has shape {ShapeUtil.Format(root.Shape)}; " +
                "reduce it (e.g. .sum() or .mean()) or pass backward(gradient).");
        if (gradient is not null && !ShapeUtil.SameShape(gradient.Shape, root.Shape))
            throw new ArgumentException($"backward: gradient of shape {ShapeUtil.Format(gradient.Shape)} does not match the output's shape {ShapeUtil.Format(root.Shape)}.");
        if (gradient is not null) torch.CheckSameDevice("backward", root.device, gradient);

        using var noGrad = GradMode.Set(false);
        using var scope = new DisposeScope();   // the intermediate gradients die with it
        var seed = gradient ?? torch.ones_like(root);
        if (root.grad_fn is null) { Accumulate(root, seed); return; }

        var order = TopologicalOrder(root.grad_fn);
        var pending = new Dictionary<Node, Tensor>(ReferenceEqualityComparer.Instance) { [root.grad_fn] = seed };
        if (root.RetainsGrad) Accumulate(root, seed);
        foreach (var node in order)
        {
            if (!pending.Remove(node, out var g)) continue;
            var grads = node.Backward(g);
            for (int i = 0; i < node.Inputs.Length; i++)
            {
                var input = node.Inputs[i];
                var gi = grads[i];
                if (gi is null || !input.requires_grad) continue;
                if (!ShapeUtil.SameShape(gi.Shape, input.Shape)) gi = SumToShape(gi, input.Shape, node.Name);
                if (gi.device != input.device) gi = ToInputDevice(gi, input, node.Name);
                if (input.grad_fn is null) { Accumulate(input, gi); continue; }
                pending[input.grad_fn] = pending.TryGetValue(input.grad_fn, out var acc) ? acc + gi : gi;
                if (input.RetainsGrad) Accumulate(input, gi);
            }
            if (!retainGraph) node.Free();
        }
    }

    /// <summary>Adds g into t.grad, giving t a gradient tensor of its own the first time.</summary>
    static void Accumulate(Tensor t, Tensor g)
    {
        if (t.grad is null || t.grad.IsInvalid)
        {
            using (DisposeScope.Suspend()) t.grad = g.clone();
        }
        else t.grad.add_(g);
    }

    /// <summary>
    /// A gradient computed on another device than its input's: a 0-dimensional CPU input that took part in an op on
    /// another device gets its gradient back on the CPU (as in PyTorch); any other case is a backward that forgot to
    /// create its tensors on its inputs' device.
    /// </summary>
    static Tensor ToInputDevice(Tensor g, Tensor input, string op) =>
        torch.IsCpuScalar(input) ? g.to(torch.CPU)
            : throw new InvalidOperationException($"backward of '{op}': the gradient is on {g.device} but its input is on {input.device}.");

    /// <summary>Sums a broadcast gradient back down to the shape of the input it belongs to.</summary>
    internal static Tensor SumToShape(Tensor g, int[] shape, string op)
    {
        int lead = g.Shape.Length - shape.Length;
        if (lead < 0) throw new InvalidOperationException($"backward of '{op}': gradient {ShapeUtil.Format(g.Shape)} has fewer dimensions than its input {ShapeUtil.Format(shape)}.");
        var dims = new List<long>();
        for (int d = 0; d < g.Shape.Length; d++)
        {
            if (d < lead) dims.Add(d);
            else if (shape[d - lead] == 1 && g.Shape[d] != 1) dims.Add(d);
            else if (shape[d - lead] != g.Shape[d])
                throw new InvalidOperationException($"backward of '{op}': gradient {ShapeUtil.Format(g.Shape)} does not broadcast from its input {ShapeUtil.Format(shape)}.");
        }
        var s = dims.Count > 0 ? g.sum(dims.ToArray(), keepdim: true) : g;
        return s.reshape(Array.ConvertAll(shape, x => (long)x));
    }

    /// <summary>Nodes reachable from root, each before every node it feeds into (root first).</summary>
    static List<Node> TopologicalOrder(Node root)
    {
        var visited = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var postorder = new List<Node>();
        var stack = new Stack<(Node node, int next)>();
        stack.Push((root, 0)); visited.Add(root);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.Inputs.Length)
            {
                stack.Push((node, next + 1));
                var child = node.Inputs[next].grad_fn;
                if (child is not null && visited.Add(child)) stack.Push((child, 0));
            }
            else postorder.Add(node);
        }
        postorder.Reverse();
        return postorder;
    }
}
