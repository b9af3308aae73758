using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace SslCourse.Tests.Tensors;

/// <summary>
/// Calls that compile on both engines mean the same on both: where TorchSharp reads a call differently from what the
/// built-in engine did, ours now reads it TorchSharp's way, or refuses to compile it with a message saying what to write.
/// </summary>
public class TorchSharpAlignmentTests
{
    static IEnumerable<Diagnostic> Errors(string code) =>
        CSharpScript.Create(code, ScriptOptions.Default.AddReferences(typeof(Tensor).Assembly).AddImports("SslCourse"))
            .Compile().Where(d => d.Severity == DiagnosticSeverity.Error);

    [Theory]
    [InlineData("torch.ones(3).sum(0)", "sum(dim: 0)")]                 // TorchSharp: sum(type: 0), the total
    [InlineData("torch.tensor(new int[] { 1, 2 })", "long[]")]          // TorchSharp: int32
    [InlineData("torch.tensor(new double[] { 1, 2 })", "float[]")]      // TorchSharp: float64
    public void CallsThatMeanSomethingElseOnTorchSharpDoNotCompile(string call, string advice)
    {
        var error = Xunit.Assert.Single(Errors($"var x = {call};"));
        Xunit.Assert.Contains(advice, error.GetMessage());
    }

    [Fact]
    public void TheAlternativesCompile() =>
        Xunit.Assert.Empty(Errors("var x = torch.ones(3, 2).sum(dim: 0); var y = torch.tensor(new long[] { 1 }); var z = torch.tensor(new float[] { 1 });"));

    [Fact]
    public void VarianceTakesUnbiasedBeforeKeepdim()
    {
        var x = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        TensorAssert.Values([1, 1], x.var(0, false));                       // biased: ((1-2)² + (3-2)²) / 2
        TensorAssert.Values([2, 2], x.var(0, true));
        Xunit.Assert.Equal([1L, 2], x.std(0, true, true).shape);             // keepdim third, as TorchSharp orders them
        TensorAssert.Values([1, 1], torch.var(x, 0, false));
    }

    [Fact]
    public void ItemTakesTheElementTypeAndTheToMethodsConvert()
    {
        var x = tensor(2.5f);
        Xunit.Assert.Equal(2.5f, x.item<float>());
        TensorAssert.Throws<InvalidCastException>(() => x.item<double>(), "item<Double>()", "float32", "ToDouble()");
        Xunit.Assert.Equal(2.5, x.ToDouble());
        Xunit.Assert.Equal(7L, tensor(7L).item<long>());
        Xunit.Assert.Equal(7.0, tensor(7L).ToDouble());
    }
}
