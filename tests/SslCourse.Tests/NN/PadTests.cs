namespace SslCourse.Tests.NN;

/// <summary>F.pad's modes by hand, their gradients and errors; values against PyTorch are in Models/OpsUsedByLessonsTests.</summary>
public class PadTests
{
    static readonly Tensor Abc = tensor(new float[] { 1, 2, 3 }, [1, 1, 3]);

    [Fact]
    public void EachModeFillsTheBorderAsDocumented()
    {
        TensorAssert.Values([3, 2, 1, 2, 3, 2, 1], F.pad(Abc, [2, 2], PaddingModes.Reflect));
        TensorAssert.Values([1, 1, 1, 2, 3, 3, 3], F.pad(Abc, [2, 2], PaddingModes.Replicate));
        TensorAssert.Values([2, 3, 1, 2, 3, 1, 2], F.pad(Abc, [2, 2], PaddingModes.Circular));
        TensorAssert.Values([7, 7, 1, 2, 3, 7, 7], F.pad(Abc, [2, 2], PaddingModes.Constant, 7));
        TensorAssert.Values([0, 1, 2, 3, 0], F.pad(Abc, [1, 1], PaddingModes.Zeros));
        TensorAssert.Values([2, 3, 0], F.pad(Abc, [-1, 1]));                       // a negative constant padding crops
    }

    [Fact]
    public void TheTupleAndSingleNumberOverloadsReadAsTorchSharps()
    {
        var x = arange(24.0).reshape(2, 3, 4);
        TensorAssert.Close(F.pad(x, [1, 2], PaddingModes.Reflect), F.pad(x, (1, 2), PaddingModes.Reflect), 0, 0);
        TensorAssert.Close(F.pad(x, [1, 2, 2, 1], PaddingModes.Circular), F.pad(x, (1, 2, 2, 1), PaddingModes.Circular), 0, 0);
        Assert.Equal([4L, 5, 6], F.pad(x, 1).shape);                               // every dimension, both sides
    }

    public static readonly Dictionary<string, (Func<Tensor[], Tensor> f, long[] shape)> Padded = new()
    {
        ["reflect_1d"] = (x => F.pad(x[0], [3, 2], PaddingModes.Reflect), [2, 3, 5]),
        ["reflect_2d"] = (x => F.pad(x[0], [1, 2, 2, 1], PaddingModes.Reflect), [1, 2, 4, 4]),
        ["replicate_2d"] = (x => F.pad(x[0], [3, 1, 0, 2], PaddingModes.Replicate), [2, 3, 4]),
        ["circular_1d"] = (x => F.pad(x[0], [4, 2], PaddingModes.Circular), [3, 4]),
        ["circular_2d"] = (x => F.pad(x[0], [1, 2, 3, 1], PaddingModes.Circular), [1, 2, 3, 4]),
        ["constant_crop"] = (x => F.pad(x[0], [-1, 2, 1, -2], value: 0.5), [2, 3, 4]),
    };

    public static TheoryData<string> Names => new(Padded.Keys);

    [Theory, MemberData(nameof(Names))]
    public void GradientsMatchCentralDifferences(string name)
    {
        var (f, shape) = Padded[name];
        GradCheck.CheckBothLayouts(f, [shape]);
    }

    [Fact]
    public void BadPaddingIsReportedWithWhatToDo()
    {
        var signal = ones(2, 3, 4);
        TensorAssert.Throws<ArgumentException>(() => F.pad(signal, [1, 2, 3]), "pad", "(before, after) pairs");
        TensorAssert.Throws<ArgumentException>(() => F.pad(signal, [1, 1, 1, 1, 1, 1, 1, 1]), "pad", "at most 3 dimensions");
        TensorAssert.Throws<ArgumentException>(() => F.pad(ones(4), [1, 1], PaddingModes.Reflect), "pad", "Reflect", "2 or 3 dimensions", "[4]");
        TensorAssert.Throws<ArgumentException>(() => F.pad(signal, [4, 0], PaddingModes.Reflect), "pad", "reflect", "smaller than the size 4");
        TensorAssert.Throws<ArgumentException>(() => F.pad(signal, [0, 5], PaddingModes.Circular), "pad", "Circular", "at most once");
        TensorAssert.Throws<ArgumentException>(() => F.pad(signal, [-1, 0], PaddingModes.Replicate), "pad", "negative", "narrow()");
        TensorAssert.Throws<ArgumentException>(() => F.pad(signal, [-3, -2]), "pad", "crops more than the size 4");
        TensorAssert.Throws<ArgumentException>(() => F.pad(signal, [1, 1], (PaddingModes)9), "pad", "9 is not a padding mode");
    }
}
