namespace SslCourse.Tests.Tensors;

public class ViewTests
{
    static Tensor Grid() => arange(24.0).reshape(2, 3, 4);

    [Fact]
    public void ViewsShareStorageWithTheirBase()
    {
        var x = Grid();
        var views = new[] { x.reshape(6, 4), x.permute(2, 0, 1), x.transpose(0, 1), x[1], x[.., 1..3], x.unsqueeze(0), x.narrow(2, 1, 2), x.flatten() };
        foreach (var v in views) Xunit.Assert.Same(x.Storage, v.Storage);
        using (no_grad()) x[1, 2, 3] = tensor(-1f);
        Xunit.Assert.Equal(-1f, x.flatten()[23].ToSingle());
        Xunit.Assert.Equal(-1f, x.permute(2, 0, 1)[3, 1, 2].ToSingle());
    }

    [Fact]
    public void ReshapeOfATransposeCopiesWhenItMust()
    {
        var x = Grid().transpose(1, 2);          // [2,4,3], not contiguous
        Xunit.Assert.False(x.is_contiguous());
        var merged = x.reshape(2, 12);            // cannot be a view
        Xunit.Assert.NotSame(x.Storage, merged.Storage);
        TensorAssert.Values([0, 4, 8, 1, 5, 9], merged[0][..6]);
        var split = x.reshape(2, 2, 2, 3);        // splitting a dimension stays a view
        Xunit.Assert.Same(x.Storage, split.Storage);
        TensorAssert.Throws<InvalidOperationException>(() => x.view(2, 12), "view", "reshape()");
    }

    [Fact]
    public void ExpandUsesZeroStrides()
    {
        var x = tensor(new float[] { 1, 2, 3 }).reshape(3, 1).expand(3, 4);
        Xunit.Assert.Equal(new long[] { 1, 0 }, x.stride());
        TensorAssert.Values([2, 2, 2, 2], x[1]);
    }

    [Fact]
    public void IndexingMatchesPythonSemantics()
    {
        var x = Grid();
        Xunit.Assert.Equal(new long[] { 3, 2 }, x[1, .., TensorIndex.Slice(1, null, 2)].shape);
        Xunit.Assert.Equal(new long[] { 2, 3, 1, 4 }, x[TensorIndex.Ellipsis, TensorIndex.None, ..].shape);
        Xunit.Assert.Equal(23f, x[^1, ^1, ^1].ToSingle());
        TensorAssert.Values([20, 21, 22, 23], x[-1][-1]);
        TensorAssert.Values([4, 6], x[0, 1, TensorIndex.Slice(0, null, 2)]);
    }

    [Fact]
    public void DtypeConversionsRoundTrip()
    {
        var x = tensor(new float[] { -1.7f, 0, 2.5f });
        Xunit.Assert.Equal(new long[] { -1, 0, 2 }, x.to(int64).data<long>());
        Xunit.Assert.Equal(new[] { true, false, true }, x.to(@bool).data<bool>());
        Xunit.Assert.Equal(new float[] { 1, 0, 1 }, x.to(@bool).to(float32).data<float>());
    }

    [Fact]
    public void BadShapesAreReportedWithTheShapes()
    {
        TensorAssert.Throws<ArgumentException>(() => Grid().reshape(5, 5), "reshape", "[5,5]", "24");
        TensorAssert.Throws<ArgumentException>(() => _ = ones(2, 3) + ones(4, 3), "add", "[2,3]", "[4,3]");
        TensorAssert.Throws<ArgumentException>(() => ones(64, 784).matmul(ones(128, 256)), "matmul: [64,784] @ [128,256]: inner sizes 784 and 128 differ");
        TensorAssert.Throws<ArgumentException>(() => ones(2, 3).permute(0, 0), "permute", "twice");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => ones(2, 3).sum(2), "sum", "dimension 2", "out of range");
        TensorAssert.Throws<IndexOutOfRangeException>(() => _ = ones(2, 3)[5], "select", "index 5");
        TensorAssert.Throws<ArgumentException>(() => ones(2, 3).expand(4, 3), "expand", "size 2");
    }

    [Fact]
    public void WrongDtypesAreReported()
    {
        TensorAssert.Throws<ArgumentException>(() => arange(3).matmul(arange(3)), "matmul", "float32", "int64");
        TensorAssert.Throws<ArgumentException>(() => where(ones(2), ones(2), zeros(2)), "where", "bool");
        TensorAssert.Throws<InvalidOperationException>(() => ones(2).data<long>(), "float32", ".to(int64)");
        TensorAssert.Throws<ArgumentException>(() => arange(4).mean(), "mean", "float32");
    }

    [Fact]
    public void IntegerArithmeticKeepsIntegers()
    {
        var a = arange(5);
        Xunit.Assert.Equal(int64, (a + 1).dtype);
        Xunit.Assert.Equal(new long[] { 0, 2, 4, 6, 8 }, (a * 2).data<long>());
        Xunit.Assert.Equal(float32, (a / 2).dtype);
        Xunit.Assert.Equal(float32, (a + 0.5).dtype);
        Xunit.Assert.Equal(new long[] { 10 }, new[] { a.sum().ToInt64() });
        Xunit.Assert.Equal(new long[] { 2, 0, 1, 2, 0 }, (tensor(new long[] { -1, 0, 1, 2, 3 }) % 3).data<long>());
    }

    [Fact]
    public void ComparisonsAndLogicProduceBools()
    {
        var x = tensor(new float[] { 1, float.NaN, 3 });
        Xunit.Assert.Equal(new[] { false, false, true }, (x > 2).data<bool>());
        Xunit.Assert.Equal(new[] { false, true, false }, x.isnan().data<bool>());
        Xunit.Assert.Equal(new[] { true, false, false }, ((x < 2) & !(x > 2)).data<bool>());
        Xunit.Assert.True((x > 0).any().ToBoolean());
        Xunit.Assert.False((x > 0).all().ToBoolean());
    }

    [Fact]
    public void ToStringShowsShapeTypeAndValues()
    {
        var s = tensor(new float[] { 1.5f, -2, 3 }, requires_grad: true).ToString();
        Xunit.Assert.StartsWith("[3] float32, requires_grad", s);
        Xunit.Assert.Contains("[ 1.5000, -2.0000,  3.0000]", s);
        var big = arange(2000).reshape(40, 50).ToString();
        Xunit.Assert.Contains("...", big);
        Xunit.Assert.True(big.Length < 1000, "a large tensor prints summarised");
        Xunit.Assert.Contains("1999", big);
    }
}
