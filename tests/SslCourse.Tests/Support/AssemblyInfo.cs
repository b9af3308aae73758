// The library has process-wide state on purpose, as PyTorch does: the default random generator (which manual_seed
// resets and checkpoints restore), the display host and Console.Out. Tests that seed or capture it must not interleave
// with others, so test classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
