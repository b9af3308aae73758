using SslCourse.Modules;

namespace SslCourse;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>
        /// Updates parameters from their gradients. Subclasses implement the update of one group; state per parameter (momentum
        /// buffers, Adam's moments) lives in <see cref="State"/> so that checkpoints can save and restore it.
        /// </summary>
        public abstract class Optimizer
        {
            protected Optimizer(IEnumerable<ParamGroup> groups, Dictionary<string, double> defaults)
            {
                ParamGroups = groups.ToList();
                if (ParamGroups.Count == 0 || ParamGroups.All(g => g.Parameters.Count == 0))
                    throw new ArgumentException($"{GetType().Name}: got no parameters to optimise.");
                foreach (var g in ParamGroups)
                {
                    foreach (var (key, value) in defaults) g.Options.TryAdd(key, value);
                    foreach (var p in g.Parameters)
                        if (!p.requires_grad) throw new ArgumentException($"{GetType().Name}: a parameter {ShapeUtil.Format(p.shape)} does not require grad.");
                }
            }

            public List<ParamGroup> ParamGroups { get; }

            /// <summary>Per-parameter state tensors by name (e.g. "exp_avg"), plus the step count.</summary>
            protected Dictionary<Tensor, Dictionary<string, Tensor>> State { get; } = new(ReferenceEqualityComparer.Instance);

            /// <summary>How many steps have been taken.</summary>
            public long StepCount { get; protected set; }

            /// <summary>Applies one update to every parameter that has a gradient.</summary>
            public void step()
            {
                StepCount++;
                using var noGrad = torch.no_grad();
                using var scope = torch.NewDisposeScope();
                foreach (var group in ParamGroups)
                    foreach (var p in group.Parameters)
                        if (p.grad is not null) Update(group, p, p.grad, StateOf(p));
            }

            /// <summary>Updates one parameter in place.</summary>
            protected abstract void Update(ParamGroup group, Tensor parameter, Tensor grad, Dictionary<string, Tensor> state);

            Dictionary<string, Tensor> StateOf(Tensor p)
            {
                if (!State.TryGetValue(p, out var s)) State[p] = s = new Dictionary<string, Tensor>();
                return s;
            }

            /// <summary>A state tensor, created as zeros like the parameter on first use (outside every dispose scope).</summary>
            protected static Tensor Buffer(Dictionary<string, Tensor> state, string name, Tensor like)
            {
                if (!state.TryGetValue(name, out var t)) state[name] = t = torch.zeros_like(like).DetachFromDisposeScope();
                return t;
            }

            /// <summary>Clears the gradients of every parameter.</summary>
            public void zero_grad()
            {
                foreach (var p in ParamGroups.SelectMany(g => g.Parameters)) { p.grad?.Dispose(); p.grad = null; }
            }

            /// <summary>The optimizer's state as tensors named "state.{param index}.{name}" plus options, for checkpoints.</summary>
            public Dictionary<string, Tensor> state_dict()
            {
                var result = new Dictionary<string, Tensor> { ["step"] = torch.tensor(StepCount) };
                int index = 0;
                for (int g = 0; g < ParamGroups.Count; g++)
                {
                    // Options are stored as the bits of the double (an int64), so a resumed run uses exactly the same values.
                    foreach (var (key, value) in ParamGroups[g].Options) result[$"group.{g}.{key}"] = torch.tensor(BitConverter.DoubleToInt64Bits(value));
                    foreach (var p in ParamGroups[g].Parameters)
                    {
                        if (State.TryGetValue(p, out var s)) foreach (var (name, t) in s) result[$"state.{index}.{name}"] = t;
                        index++;
                    }
                }
                return result;
            }

            /// <summary>Restores a state written by <see cref="state_dict"/> for the same parameters in the same order.</summary>
            public void load_state_dict(IDictionary<string, Tensor> state)
            {
                if (!state.TryGetValue("step", out var step)) throw new ArgumentException($"{GetType().Name}.load_state_dict: no 'step' entry; this is not an optimizer state.");
                StepCount = step.ToInt64();
                var all = ParamGroups.SelectMany(g => g.Parameters).ToList();
                foreach (var (key, value) in state)
                {
                    var parts = key.Split('.');
                    if (parts[0] == "group" && parts.Length == 3) ParamGroups[int.Parse(parts[1])].Options[parts[2]] = BitConverter.Int64BitsToDouble(value.ToInt64());
                    else if (parts[0] == "state" && parts.Length == 3)
                    {
                        int i = int.Parse(parts[1]);
                        if (i >= all.Count) throw new ArgumentException($"{GetType().Name}.load_state_dict: state for parameter {i}, but the optimizer has {all.Count}.");
                        // On the parameter's device, wherever the checkpoint was read (PyTorch's optimizers do the same).
                        StateOf(all[i])[parts[2]] = value.to(all[i].device).clone().DetachFromDisposeScope();
                    }
                }
            }
        }
    }
}
