using SslCourse.Cpu;

namespace SslCourse.Tests.Tensors;

/// <summary>The packed SIMD GEMM against the reference triple loop over odd sizes, strides and transposes.</summary>
public class GemmTests
{
    public static TheoryData<int, int, int, bool, bool> Sizes()
    {
        var data = new TheoryData<int, int, int, bool, bool>();
        int[] sizes = [1, 7, 33, 257];
        foreach (var m in sizes)
            foreach (var n in sizes)
                foreach (var k in new[] { 1, 7, 300 })
                    data.Add(m, n, k, (m + n + k) % 2 == 0, (m * n + k) % 3 == 0);
        data.Add(100, 50, 513, true, true);   // k spans three packed panels
        data.Add(6, 32, 256, false, false);    // exactly one full micro-tile
        data.Add(200, 300, 600, false, true);  // a Linear layer's x·Wᵀ, large enough to pack and compute on all threads
        data.Add(200, 300, 600, true, false);
        return data;
    }

    [Theory, MemberData(nameof(Sizes))]
    public void MatchesTheReferenceKernel(int m, int n, int k, bool transposeA, bool transposeB)
    {
        var rng = new Random(m * 1000 + n * 10 + k);
        var a = Enumerable.Range(0, m * k + 3).Select(_ => (float)rng.NextDouble() * 2 - 1).ToArray();
        var b = Enumerable.Range(0, k * n + 5).Select(_ => (float)rng.NextDouble() * 2 - 1).ToArray();
        // A stored at offset 3, row-major or transposed; B at offset 5 likewise.
        var (rsA, csA) = transposeA ? (1, m) : (k, 1);
        var (rsB, csB) = transposeB ? (1, k) : (n, 1);
        var initial = Enumerable.Range(0, m * n).Select(i => (float)(i % 5)).ToArray();  // C is accumulated into
        var fast = (float[])initial.Clone();
        var reference = (float[])initial.Clone();
        Gemm.Multiply(m, n, k, a, 3, rsA, csA, b, 5, rsB, csB, fast, 0, n);
        Gemm.Reference(m, n, k, a, 3, rsA, csA, b, 5, rsB, csB, reference, 0, n);
        for (int i = 0; i < fast.Length; i++)
            Xunit.Assert.True(Math.Abs(fast[i] - reference[i]) <= 1e-4 * (1 + Math.Sqrt(k)), $"C[{i / n},{i % n}] = {fast[i]}, reference {reference[i]}");
    }

    [Theory]
    [InlineData(16, 144, 4000, false, true)]   // a convolution's weight gradient: the depth is split over the threads
    [InlineData(7, 250, 3001, true, false)]
    [InlineData(40, 5000, 300, false, false)]  // a convolution's forward pass: the threads take whole blocks of columns
    public void ProductsSplitOverThreadsMatchTheReference(int m, int n, int k, bool transposeA, bool transposeB)
    {
        int threads = get_num_threads();
        try
        {
            set_num_threads(2);
            MatchesTheReferenceKernel(m, n, k, transposeA, transposeB);
        }
        finally { set_num_threads(threads); }
    }

    [Fact]
    public void MultithreadedResultEqualsSingleThreaded()
    {
        var x = randn([300, 400], new Generator(1));
        var y = randn([400, 500], new Generator(2));
        int threads = get_num_threads();
        try
        {
            set_num_threads(1);
            var single = x.matmul(y).data<float>();
            set_num_threads(4);
            Xunit.Assert.Equal(single, x.matmul(y).data<float>());
        }
        finally { set_num_threads(threads); }
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => set_num_threads(0), "at least 1");
    }

    [Fact]
    public void SmallBatchedProductsSharedOutOverThreadsEqualTheProductsOneByOne()
    {
        // 48 heads' 64x32 @ 32x64 products: each too small to thread inside, so the batch is spread over the threads.
        var q = randn([48, 64, 32], new Generator(3));
        var k = randn([48, 32, 64], new Generator(4));
        int threads = get_num_threads();
        try
        {
            set_num_threads(2);
            var batched = q.matmul(k);
            for (int h = 0; h < 48; h++) Xunit.Assert.Equal(q[h].matmul(k[h]).data<float>(), batched[h].data<float>());
        }
        finally { set_num_threads(threads); }
    }
}
