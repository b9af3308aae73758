namespace SslCourse.Tests.Tensors;

public class CreationTests
{
    [Fact]
    public void ConstantsAndRanges()
    {
        Xunit.Assert.Equal(new float[] { 7, 7 }, full([2], 7).data<float>());
        Xunit.Assert.Equal(new long[] { 2, 5, 8 }, arange(2, 10, 3).data<long>());
        Xunit.Assert.Equal(new long[] { 5, 3, 1 }, arange(5, 0, -2).data<long>());
        TensorAssert.Values([0, 0.25f, 0.5f, 0.75f, 1], linspace(0, 1, 5));
        TensorAssert.Values([1, 0, 0, 0, 1, 0], eye(2, 3).flatten());
        Xunit.Assert.Equal(int64, zeros_like(arange(3)).dtype);
    }

    [Fact]
    public void ASeedFixesEveryDraw()
    {
        manual_seed(42);
        var a = (randn(5), rand(5), randint(0, 10, [5]), randperm(5));
        manual_seed(42);
        var b = (randn(5), rand(5), randint(0, 10, [5]), randperm(5));
        Xunit.Assert.Equal(a.Item1.data<float>(), b.Item1.data<float>());
        Xunit.Assert.Equal(a.Item2.data<float>(), b.Item2.data<float>());
        Xunit.Assert.Equal(a.Item3.data<long>(), b.Item3.data<long>());
        Xunit.Assert.Equal(a.Item4.data<long>(), b.Item4.data<long>());
        Xunit.Assert.NotEqual(a.Item1.data<float>(), randn(5).data<float>());
    }

    [Fact]
    public void GeneratorStateRoundTrips()
    {
        var g = new Generator(7);
        randn([3], g);
        var state = g.get_state();
        var first = randn([4], g).data<float>();
        g.set_state(state);
        Xunit.Assert.Equal(first, randn([4], g).data<float>());
    }

    [Fact]
    public void DistributionsHaveTheirMoments()
    {
        var g = new Generator(3);
        var n = randn([20000], g);
        Xunit.Assert.InRange(n.mean().ToSingle(), -0.03f, 0.03f);
        Xunit.Assert.InRange(n.std().ToSingle(), 0.97f, 1.03f);
        var u = rand([20000], g);
        Xunit.Assert.InRange(u.min().ToSingle(), 0f, 0.001f);
        Xunit.Assert.InRange(u.max().ToSingle(), 0.999f, 1f);
        Xunit.Assert.InRange(bernoulli(u, 0.3, g).mean().ToSingle(), 0.28f, 0.32f);
        var r = randint(3, 6, [3000], g).data<long>();
        Xunit.Assert.Equal(new long[] { 3, 4, 5 }, r.Distinct().OrderBy(v => v).ToArray());
        var p = randperm(50, g).data<long>();
        Xunit.Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), p.OrderBy(v => v));
    }

    [Fact]
    public void MultinomialFollowsTheWeights()
    {
        var g = new Generator(5);
        var draws = multinomial(tensor(new float[] { 1, 0, 3 }), 4000, replacement: true, generator: g).data<long>();
        Xunit.Assert.DoesNotContain(1L, draws);
        Xunit.Assert.InRange(draws.Count(d => d == 2) / 4000.0, 0.72, 0.78);
        var noRepeat = multinomial(ones(2, 6), 6, generator: g);
        foreach (var row in new[] { noRepeat[0], noRepeat[1] })
            Xunit.Assert.Equal(6, row.data<long>().Distinct().Count());
        TensorAssert.Throws<ArgumentException>(() => multinomial(ones(3), 4), "without replacement", "3 categories");
    }
}
