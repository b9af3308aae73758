namespace SslCourse.Tests.Tensors;

public class MemoryTests
{
    [Fact]
    public void ADisposeScopeDisposesWhatWasCreatedInIt()
    {
        var outside = ones(3);
        Tensor inside, kept;
        using (var scope = NewDisposeScope())
        {
            inside = outside * 2;
            kept = (inside + 1).MoveToOuterDisposeScope();
            Xunit.Assert.Equal(1, scope.Count);
        }
        Xunit.Assert.True(inside.IsInvalid);
        Xunit.Assert.False(kept.IsInvalid);
        Xunit.Assert.False(outside.IsInvalid);
        TensorAssert.Values([3, 3, 3], kept);
    }

    [Fact]
    public void NestedScopesMoveTensorsOutwardOneLevel()
    {
        Tensor t;
        using (var outer = NewDisposeScope())
        {
            using (var inner = NewDisposeScope()) t = ones(2).MoveToOuterDisposeScope();
            Xunit.Assert.False(t.IsInvalid);
        }
        Xunit.Assert.True(t.IsInvalid);
    }

    [Fact]
    public void AViewKeepsItsStorageAliveAfterTheBaseIsDisposed()
    {
        var x = arange(6.0);
        var v = x.reshape(2, 3);
        x.Dispose();
        TensorAssert.Values([3, 4, 5], v[1]);
    }

    [Fact]
    public void UsingADisposedTensorSaysWhatHappened()
    {
        var x = ones(2, 2);
        x.Dispose();
        TensorAssert.Throws<ObjectDisposedException>(() => x.exp(), "exp", "[2,2]", "disposed");
    }

    [Fact]
    public void UndisposedTensorsAreReclaimedByTheGarbageCollector()
    {
        static WeakReference Make() => new(ones(1000, 1000).Storage.F);
        var weak = Make();
        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
        Xunit.Assert.False(weak.IsAlive);
    }

    [Fact]
    public void TrainingStepsInAScopeLeaveNothingBehind()
    {
        var w = randn(64, 64).requires_grad_();
        long before = 0;
        for (int step = 0; step < 50; step++)
        {
            using var scope = NewDisposeScope();
            var loss = (randn(32, 64).matmul(w).tanh() - 0.5).pow(2).mean();
            loss.backward();
            using (no_grad()) w.sub_(w.grad!, alpha: 0.01);
            w.grad = null;
            if (step == 9) { GC.Collect(); before = GC.GetTotalMemory(true); }
        }
        GC.Collect();
        Xunit.Assert.InRange(GC.GetTotalMemory(true) - before, long.MinValue, 2_000_000);
    }
}

public class StoragePoolTests
{
    [Fact]
    public void ASteadyTrainingStepTakesItsBuffersFromThePool()
    {
        var w = randn(256, 256).requires_grad_();
        var x = randn(256, 256);
        long Step()
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            using (var scope = NewDisposeScope())
            {
                var loss = x.matmul(w).relu().pow(2).mean();
                loss.backward();
                using (no_grad()) w.sub_(w.grad!, alpha: 1e-3);
                w.grad!.Dispose(); w.grad = null;
            }
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        for (int i = 0; i < 3; i++) Step();  // warm the pool
        long steady = Enumerable.Range(0, 5).Select(_ => Step()).Max();
        // Each step touches about ten 256x256 float buffers (256 KiB each); only bookkeeping may be new.
        Xunit.Assert.True(steady < 256 * 1024, $"a steady step allocated {steady} bytes from the GC");
    }

    [Fact]
    public void RentedBuffersComeBackZeroed()
    {
        var pool = new SslCourse.Cpu.StoragePool<float>();
        var a = pool.Rent(10);
        a[3] = 5;
        pool.Return(a);
        Xunit.Assert.Equal(5, pool.PooledBytes / 8);
        var b = pool.Rent(10);
        Xunit.Assert.Same(a, b);
        Xunit.Assert.All(b, v => Xunit.Assert.Equal(0f, v));
        Xunit.Assert.Equal(0, pool.PooledBytes);
    }

    [Fact]
    public void OutputsThatSkipClearingShowOnlyTheirOwnValues()
    {
        // Fill buffers of the size under test with NaN and hand them back, so the outputs below reuse them uncleared.
        var x = randn([3, 4, 5, 6], new Generator(7));
        var weight = randn([4], new Generator(8)).requires_grad_();
        using (NewDisposeScope())
            for (int i = 0; i < 8; i++) full([3, 4, 5, 6], float.NaN);
        var y = F.batch_norm(x.relu() + x.exp(), null, null, weight, training: true);
        var copy = x.transpose(1, 3).contiguous();
        y.sum().backward();
        foreach (var t in new[] { y, copy, weight.grad! })
            Xunit.Assert.False(t.isnan().any().ToBoolean(), "a reused buffer's old contents showed through");
    }
}
