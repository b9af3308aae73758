using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace SslCourse.Data;

/// <summary>
/// Batches a <see cref="Dataset"/>, in the shape of TorchSharp's <c>DataLoader</c>: each enumeration is one epoch,
/// shuffled (when asked) in a new order drawn from the loader's own seeded generator. A background worker prepares
/// the next <c>prefetch</c> batches — including the <c>transform</c>, where augmentations belong — while the
/// training step runs, so the step never waits on data that could have been ready.
/// </summary>
public sealed class DataLoader : IReadOnlyCollection<Batch>
{
    readonly Dataset _dataset;
    readonly Func<Batch, Generator, Batch>? _transform;

    /// <summary>
    /// A loader over <paramref name="dataset"/> in batches of <paramref name="batch_size"/>. With
    /// <paramref name="drop_last"/> an incomplete final batch is skipped. <paramref name="transform"/> maps each
    /// batch (on the worker) with the loader's generator. <paramref name="prefetch"/> batches are prepared ahead
    /// (0: none, everything on the caller's thread). With <paramref name="dispose_batch"/>, a batch is disposed when
    /// the next one is taken, so a training loop keeps memory flat; turn it off to keep batches.
    /// </summary>
    public DataLoader(Dataset dataset, int batch_size, bool shuffle = false, long seed = 0, bool drop_last = false,
        Func<Batch, Generator, Batch>? transform = null, int prefetch = 2, bool dispose_batch = true)
    {
        if (batch_size < 1) throw new ArgumentOutOfRangeException(nameof(batch_size), $"DataLoader: batch_size must be at least 1, got {batch_size}.");
        if (prefetch < 0) throw new ArgumentOutOfRangeException(nameof(prefetch), $"DataLoader: prefetch must be 0 or more, got {prefetch}.");
        if (dataset.Count == 0) throw new ArgumentException("DataLoader: the dataset is empty.");
        if (drop_last && dataset.Count < batch_size)
            throw new ArgumentException($"DataLoader: with drop_last, a dataset of {dataset.Count} examples gives no batch of {batch_size}; lower batch_size.");
        (_dataset, BatchSize, Shuffle, DropLast, _transform, Prefetch, DisposeBatch) =
            (dataset, batch_size, shuffle, drop_last, transform, prefetch, dispose_batch);
        Generator = new Generator().manual_seed(seed);
    }

    /// <summary>A loader over the images and labels of <paramref name="set"/>; see the main constructor.</summary>
    public DataLoader(ImageSet set, int batch_size, bool shuffle = false, long seed = 0, bool drop_last = false,
        Func<Batch, Generator, Batch>? transform = null, int prefetch = 2, bool dispose_batch = true)
        : this(new TensorDataset(set), batch_size, shuffle, seed, drop_last, transform, prefetch, dispose_batch) { }

    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch visits the examples in a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether an incomplete final batch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>Batches prepared ahead by the background worker.</summary>
    public int Prefetch { get; }

    /// <summary>Whether a batch is disposed when the next one is taken.</summary>
    public bool DisposeBatch { get; }

    /// <summary>The generator behind shuffling and transforms; save its state with a checkpoint to resume exactly.</summary>
    public Generator Generator { get; }

    /// <summary>Batches per epoch (so a progress bar knows the length of an epoch before the first one ends).</summary>
    public int Count => (int)(DropLast ? _dataset.Count / BatchSize : (_dataset.Count + BatchSize - 1) / BatchSize);

    /// <summary>The batches of one epoch.</summary>
    public IEnumerator<Batch> GetEnumerator()
    {
        var batches = Prefetch == 0 ? Produce(CancellationToken.None) : Prefetched();
        Batch? previous = null;
        try
        {
            foreach (var batch in batches)
            {
                if (DisposeBatch) previous?.Dispose();
                previous = batch;
                yield return batch;
            }
        }
        finally
        {
            if (DisposeBatch) previous?.Dispose();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    IEnumerable<Batch> Produce(CancellationToken cancel)
    {
        long n = _dataset.Count;
        using var order = Shuffle ? randperm(n, generator: Generator) : arange(n);
        for (int b = 0; b < Count && !cancel.IsCancellationRequested; b++)
        {
            long start = (long)b * BatchSize;
            using var indices = order.narrow(0, start, Math.Min(BatchSize, n - start));
            var batch = new Batch(_dataset.GetBatch(indices));
            if (_transform is null) yield return batch;
            else
            {
                var transformed = _transform(batch, Generator);
                if (!ReferenceEquals(transformed, batch)) DisposeUnshared(batch, transformed);
                yield return transformed;
            }
        }
    }

    // A transform may pass some tensors through (the labels, typically): dispose only those it replaced.
    static void DisposeUnshared(Batch before, Batch after)
    {
        for (int i = 0; i < before.Count; i++)
        {
            bool kept = false;
            for (int j = 0; j < after.Count; j++) kept |= ReferenceEquals(before[i], after[j]);
            if (!kept) before[i].Dispose();
        }
    }

    // The worker fills a bounded queue; the consumer takes from it. An error on the worker is rethrown to the
    // consumer with its original stack, and leaving the loop early stops the worker and frees what it had queued.
    IEnumerable<Batch> Prefetched()
    {
        using var queue = new BlockingCollection<Batch>(Prefetch);
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        var worker = Task.Run(() =>
        {
            try
            {
                foreach (var batch in Produce(stop.Token))
                    if (!TryAdd(queue, batch, stop.Token)) { batch.Dispose(); break; }
            }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
            finally { queue.CompleteAdding(); }
        });
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable())
                yield return batch;
            failure?.Throw();
        }
        finally
        {
            stop.Cancel();
            worker.Wait();
            while (queue.TryTake(out var left)) left.Dispose();
        }
    }

    static bool TryAdd(BlockingCollection<Batch> queue, Batch batch, CancellationToken cancel)
    {
        try { queue.Add(batch, cancel); return true; }
        catch (OperationCanceledException) { return false; }
    }
}
