using System.Reflection;

namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {

        /// <summary>
        /// A layer or model: it owns named parameters (tensors that train), buffers (state that does not, like running
        /// statistics) and submodules, and knows whether it is training. Subclasses keep their parts in fields and call
        /// <see cref="RegisterComponents"/>, so a field <c>fc1</c> holding a Linear yields parameters "fc1.weight" and "fc1.bias".
        /// </summary>
        public abstract class Module : IDisposable
        {
            readonly List<(string name, Tensor? tensor)> _parameters = new();
            readonly List<(string name, Tensor? tensor)> _buffers = new();
            readonly List<(string name, Module module)> _modules = new();

            readonly string _name;

            protected Module(string name) { _name = name; }

            /// <summary>The module's type name, e.g. "Linear".</summary>
            public virtual string GetName() => _name;

            /// <summary>Whether the module is in training mode (dropout active, batch statistics used).</summary>
            public bool training { get; private set; } = true;

            /// <summary>Registers a parameter under <paramref name="name"/>; it becomes a leaf that requires grad.</summary>
            public void register_parameter(string name, Tensor? parameter)
            {
                CheckName(name);
                if (parameter is not null) parameter.DetachFromDisposeScope().requires_grad = true;
                _parameters.Add((name, parameter));
            }

            /// <summary>Registers a buffer: state saved with the module that the optimizer does not train.</summary>
            public void register_buffer(string name, Tensor? buffer)
            {
                CheckName(name);
                buffer?.DetachFromDisposeScope();
                _buffers.Add((name, buffer));
            }

            /// <summary>Registers a submodule under <paramref name="name"/>.</summary>
            public void register_module(string name, Module module)
            {
                CheckName(name);
                _modules.Add((name, module));
            }

            void CheckName(string name)
            {
                if (string.IsNullOrEmpty(name) || name.Contains('.'))
                    throw new ArgumentException($"{GetName()}: '{name}' is not a valid name for a parameter, buffer or submodule (non-empty, no '.').");
                if (_parameters.Any(p => p.name == name) || _buffers.Any(b => b.name == name) || _modules.Any(m => m.name == name))
                    throw new ArgumentException($"{GetName()}: '{name}' is already registered.");
            }

            /// <summary>
            /// Registers every field holding a Module or a Tensor (as a parameter if it requires grad, else as a buffer),
            /// in declaration order, under the field's name. Call it at the end of a subclass constructor.
            /// </summary>
            protected void RegisterComponents()
            {
                // Fields of base classes first (e.g. ConvBase's weight before anything Conv2d adds), each in declaration order.
                var types = new List<Type>();
                for (var t = GetType(); t is not null && t != typeof(Module); t = t.BaseType) types.Insert(0, t);
                var fields = types.SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly));
                foreach (var f in fields)
                {
                    string name = f.Name.StartsWith("<") ? f.Name[1..f.Name.IndexOf('>')] : f.Name;  // auto-properties' backing fields
                    switch (f.GetValue(this))
                    {
                        case Module m when !_modules.Any(x => ReferenceEquals(x.module, m)): register_module(name, m); break;
                        case Tensor t when t.requires_grad && !_parameters.Any(x => ReferenceEquals(x.tensor, t)): register_parameter(name, t); break;
                        case Tensor t when !t.requires_grad && !_buffers.Any(x => ReferenceEquals(x.tensor, t)): register_buffer(name, t); break;
                    }
                }
            }

            /// <summary>Replaces a registered parameter or buffer tensor (used when loading state).</summary>
            internal void ReplaceTensor(string name, Tensor value)
            {
                int i = _parameters.FindIndex(p => p.name == name);
                if (i >= 0) { _parameters[i] = (name, value); return; }
                i = _buffers.FindIndex(b => b.name == name);
                if (i >= 0) _buffers[i] = (name, value);
            }

            /// <summary>Direct submodules with their names.</summary>
            public IEnumerable<(string name, Module module)> named_children() => _modules;
            /// <summary>Direct submodules.</summary>
            public IEnumerable<Module> children() => _modules.Select(m => m.module);

            /// <summary>This module and all below it, with dotted names ("" for this one).</summary>
            public IEnumerable<(string name, Module module)> named_modules()
            {
                yield return ("", this);
                foreach (var (name, child) in _modules)
                    foreach (var (sub, m) in child.named_modules())
                        yield return (sub.Length == 0 ? name : name + "." + sub, m);
            }
            public IEnumerable<Module> modules() => named_modules().Select(m => m.module);

            /// <summary>Every parameter with its dotted name, e.g. "encoder.0.weight".</summary>
            public IEnumerable<(string name, Tensor parameter)> named_parameters(bool recurse = true) =>
                Named(m => m._parameters, recurse);
            public IEnumerable<Tensor> parameters(bool recurse = true) => named_parameters(recurse).Select(p => p.parameter);

            /// <summary>Every buffer with its dotted name.</summary>
            public IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true) => Named(m => m._buffers, recurse);
            public IEnumerable<Tensor> buffers(bool recurse = true) => named_buffers(recurse).Select(b => b.buffer);

            IEnumerable<(string, Tensor)> Named(Func<Module, List<(string name, Tensor? tensor)>> pick, bool recurse)
            {
                var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
                foreach (var (prefix, m) in recurse ? named_modules() : [("", this)])
                    foreach (var (name, t) in pick(m))
                        if (t is not null && seen.Add(t)) yield return (prefix.Length == 0 ? name : prefix + "." + name, t);
            }

            /// <summary>Switches this module and all below it to training (true) or evaluation (false) mode.</summary>
            public Module train(bool mode = true)
            {
                foreach (var m in modules()) m.training = mode;
                return this;
            }

            /// <summary>Switches to evaluation mode: dropout off, running statistics used.</summary>
            public Module eval() => train(false);

            /// <summary>Clears every parameter's gradient.</summary>
            public void zero_grad()
            {
                foreach (var p in parameters()) { p.grad?.Dispose(); p.grad = null; }
            }

            /// <summary>Calls <paramref name="fn"/> on every module below this one, then on this one (as PyTorch's apply).</summary>
            public Module apply(Action<Module> fn)
            {
                foreach (var c in children()) c.apply(fn);
                fn(this);
                return this;
            }

            /// <summary>Parameters and buffers by dotted name; the tensors are the module's own (not copies).</summary>
            public Dictionary<string, Tensor> state_dict()
            {
                var state = new Dictionary<string, Tensor>();
                foreach (var (name, p) in named_parameters()) state[name] = p;
                foreach (var (name, b) in named_buffers()) state[name] = b;
                return state;
            }

            /// <summary>
            /// Copies values from <paramref name="state"/> into the module's tensors. With strict, any missing or unexpected
            /// key is an error; a shape mismatch always is. The message lists every problem at once.
            /// </summary>
            public (IList<string> missing, IList<string> unexpected) load_state_dict(IDictionary<string, Tensor> state, bool strict = true)
            {
                var own = state_dict();
                var missing = own.Keys.Where(k => !state.ContainsKey(k)).ToList();
                var unexpected = state.Keys.Where(k => !own.ContainsKey(k)).ToList();
                var misshaped = own.Keys.Where(k => state.ContainsKey(k) && !own[k].shape.SequenceEqual(state[k].shape))
                    .Select(k => $"{k} (model {ShapeUtil.Format(own[k].shape)}, state {ShapeUtil.Format(state[k].shape)})").ToList();
                if (misshaped.Count > 0 || (strict && (missing.Count > 0 || unexpected.Count > 0)))
                {
                    var problems = new List<string>();
                    if (missing.Count > 0) problems.Add("missing keys: " + string.Join(", ", missing));
                    if (unexpected.Count > 0) problems.Add("unexpected keys: " + string.Join(", ", unexpected));
                    if (misshaped.Count > 0) problems.Add("shape mismatches: " + string.Join(", ", misshaped));
                    throw new ArgumentException($"load_state_dict into {GetName()}: " + string.Join("; ", problems) + ".");
                }
                using (torch.no_grad())
                    foreach (var (key, value) in state)
                        if (own.TryGetValue(key, out var target)) target.copy_(value.to(target.dtype));
                return (missing, unexpected);
            }

            /// <summary>A one-line description; containers list their children.</summary>
            public override string ToString() => GetName();

            public virtual void Dispose()
            {
                foreach (var (_, t) in _parameters) t?.Dispose();
                foreach (var (_, t) in _buffers) t?.Dispose();
                foreach (var (_, m) in _modules) m.Dispose();
                GC.SuppressFinalize(this);
            }
        }

        /// <summary>A module with one input.</summary>
        public abstract class Module<T, TResult>(string name) : Module(name)
        {
            /// <summary>Computes the module's output.</summary>
            public abstract TResult forward(T input);

            /// <summary>Same as <see cref="forward"/> (TorchSharp's spelling for running hooks).</summary>
            public TResult call(T input) => forward(input);
        }

        /// <summary>A module with two inputs.</summary>
        public abstract class Module<T1, T2, TResult>(string name) : Module(name)
        {
            public abstract TResult forward(T1 input1, T2 input2);
            public TResult call(T1 input1, T2 input2) => forward(input1, input2);
        }
    }
}
