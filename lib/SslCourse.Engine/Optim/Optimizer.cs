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

            /// <summary>
            /// Restores a state written by <see cref="state_dict"/> for the same parameters in the same order. Every entry is
            /// checked first (names, group and parameter indices, each state tensor's shape against its parameter), so a
            /// state written for another model is refused and leaves this optimizer as it was.
            /// </summary>
            public void load_state_dict(IDictionary<string, Tensor> state)
            {
                string name = GetType().Name;
                if (!state.TryGetValue("step", out var step)) throw new ArgumentException($"{name}.load_state_dict: no 'step' entry; this is not an optimizer state.");
                var all = ParamGroups.SelectMany(g => g.Parameters).ToList();
                var options = new List<(int group, string option, double value)>();
                var buffers = new List<(Tensor parameter, string buffer, Tensor value)>();
                foreach (var (key, value) in state)
                {
                    if (key == "step") continue;
                    var parts = key.Split('.');
                    if (parts.Length == 3 && parts[0] == "group" && int.TryParse(parts[1], out int g) && g >= 0 && g < ParamGroups.Count && value.numel() == 1)
                        options.Add((g, parts[2], BitConverter.Int64BitsToDouble(value.ToInt64())));
                    else if (parts.Length == 3 && parts[0] == "state" && int.TryParse(parts[1], out int i) && i >= 0 && i < all.Count)
                    {
                        // Every state tensor is shaped like its parameter (momentum, moments), except a one-element step counter.
                        bool fits = parts[2] == "step" ? value.numel() == 1 : value.shape.SequenceEqual(all[i].shape);
                        if (!fits)
                            throw new ArgumentException($"{name}.load_state_dict: '{key}' has shape {ShapeUtil.Format(value.shape)} but parameter {i} has shape " +
                                $"{ShapeUtil.Format(all[i].shape)}; the state was saved for a different model. Load it into the optimizer of the model it was saved with.");
                        buffers.Add((all[i], parts[2], value));
                    }
                    else throw new ArgumentException($"{name}.load_state_dict: unexpected entry '{key}'; this optimizer has {ParamGroups.Count} group(s) " +
                        $"and {all.Count} parameters. The state was saved for a different optimizer or model.");
                }
                StepCount = step.ToInt64();
                foreach (var (g, option, value) in options) ParamGroups[g].Options[option] = value;
                // On the parameter's device, wherever the checkpoint was read (PyTorch's optimizers do the same).
                foreach (var (p, buffer, value) in buffers) StateOf(p)[buffer] = value.to(p.device).clone().DetachFromDisposeScope();
            }
        }
    }
}
