namespace SslCourse.Tests.Tensors;

public class AutogradTests
{
    [Fact]
    public void GradientsAccumulateAcrossBackwardCalls()
    {
        var x = tensor(new float[] { 1, 2, 3 }, requires_grad: true);
        (x * x).sum().backward();
        (x * 3).sum().backward();
        TensorAssert.Values([5, 7, 9], x.grad!);
    }

    [Fact]
    public void ReusedInputsSumTheirGradients()
    {
        var x = tensor(new float[] { 2 }, requires_grad: true);
        var y = x * x + x * 4 - x.exp();  // dy/dx = 2x + 4 - e^x
        y.sum().backward();
        TensorAssert.Values([8 - MathF.Exp(2)], x.grad!, 1e-5);
    }

    [Fact]
    public void BackwardWithExplicitGradient()
    {
        var x = tensor(new float[] { 1, 2, 3 }, requires_grad: true);
        (x * 2).backward(tensor(new float[] { 1, 10, 100 }));
        TensorAssert.Values([2, 20, 200], x.grad!);
    }

    [Fact]
    public void NoGradRecordsNothingAndRestoresOnDispose()
    {
        var x = ones(2).requires_grad_();
        Tensor y;
        using (no_grad())
        {
            Xunit.Assert.False(is_grad_enabled());
            y = x * 2;
            using (enable_grad()) Xunit.Assert.True((x * 2).requires_grad);
        }
        Xunit.Assert.True(is_grad_enabled());
        Xunit.Assert.False(y.requires_grad);
        Xunit.Assert.Null(y.grad_fn_name);
    }

    [Fact]
    public void DetachCutsTheGraphButSharesStorage()
    {
        var x = tensor(new float[] { 1, 2 }, requires_grad: true);
        var d = x.detach();
        Xunit.Assert.False(d.requires_grad);
        (x * d).sum().backward();
        TensorAssert.Values([1, 2], x.grad!);  // d is a constant: d(x*d)/dx = d
        using (no_grad()) x.add_(1);
        TensorAssert.Values([2, 3], d);
    }

    [Fact]
    public void RetainGradKeepsTheGradientOfANonLeaf()
    {
        var x = tensor(new float[] { 1, 2 }, requires_grad: true);
        var h = x * 3; h.retain_grad();
        var other = x * 5;
        (h * h + other).sum().backward();
        TensorAssert.Values([6, 12], h.grad!);   // 2h
        Xunit.Assert.Null(other.grad);
        TensorAssert.Values([23, 41], x.grad!);  // 18x + 5
    }

    [Fact]
    public void BackwardTwiceThroughAFreedGraphSaysSo()
    {
        var x = ones(3).requires_grad_();
        var y = (x.exp() * 2).sum();
        y.backward();
        TensorAssert.Throws<InvalidOperationException>(() => y.backward(), "already freed", "retain_graph");
    }

    [Fact]
    public void RetainGraphAllowsASecondBackward()
    {
        var x = ones(3).requires_grad_();
        var y = (x.exp() * 2).sum();
        y.backward(retain_graph: true);
        y.backward();
        TensorAssert.Values(Enumerable.Repeat(4 * MathF.E, 3).ToArray(), x.grad!, 1e-5);
    }

    [Fact]
    public void BackwardOnANonScalarNeedsAGradient() =>
        TensorAssert.Throws<InvalidOperationException>(() => (ones(2, 3).requires_grad_() * 2).backward(), "scalar", "[2,3]");

    [Fact]
    public void BackwardWithoutGradSaysWhy() =>
        TensorAssert.Throws<InvalidOperationException>(() => ones(2).sum().backward(), "does not require grad");

    [Fact]
    public void InPlaceOnALeafThatRequiresGradIsRefused() =>
        TensorAssert.Throws<InvalidOperationException>(() => ones(2).requires_grad_().add_(1), "add_", "no_grad");

    [Fact]
    public void OnlyFloatTensorsRequireGrad() =>
        TensorAssert.Throws<InvalidOperationException>(() => arange(3).requires_grad_(), "float32", "int64");

    [Fact]
    public void SavedTensorsOutliveTheirDisposeScope()
    {
        var x = tensor(new float[] { 1, 2 }, requires_grad: true);
        Tensor loss;
        using (var scope = NewDisposeScope())
        {
            var h = x.exp();                  // saved by the next op, then disposed with the scope
            loss = (h * h).sum().MoveToOuterDisposeScope();
        }
        loss.backward();
        TensorAssert.Values([2 * MathF.Exp(2), 2 * MathF.Exp(4)], x.grad!, 1e-4);
    }

    [Fact]
    public void GradientsAreNotDisposedByTheScopeBackwardRanIn()
    {
        var w = ones(3).requires_grad_();
        using (var scope = NewDisposeScope()) (w * 2).sum().backward();
        TensorAssert.Values([2, 2, 2], w.grad!);
    }
}
