namespace SslCourse.Tests;

/// <summary>Tensor assertions with messages that say where two tensors differ.</summary>
public static class TensorAssert
{
    public static void Close(Tensor expected, Tensor actual, double atol = 1e-5, double rtol = 1e-4, string what = "tensor")
    {
        Xunit.Assert.True(expected.shape.SequenceEqual(actual.shape),
            $"{what}: shape [{string.Join(",", actual.shape)}] differs from the expected [{string.Join(",", expected.shape)}]");
        if (expected.dtype != float32)
        {
            Xunit.Assert.True(expected.dtype == actual.dtype, $"{what}: dtype {actual.dtype} differs from the expected {expected.dtype}");
            var ok = expected.eq(actual).all().ToBoolean();
            Xunit.Assert.True(ok, $"{what}: values differ\nexpected {expected}\nactual {actual}");
            return;
        }
        var e = expected.data<float>().ToArray(); var a = actual.to(float32).data<float>().ToArray();
        for (int i = 0; i < e.Length; i++)
        {
            bool same = float.IsNaN(e[i]) ? float.IsNaN(a[i]) : float.IsInfinity(e[i]) ? e[i] == a[i] : Math.Abs(e[i] - a[i]) <= atol + rtol * Math.Abs(e[i]);
            Xunit.Assert.True(same, $"{what}: element {i} is {a[i]} but should be {e[i]} (atol {atol}, rtol {rtol})");
        }
    }

    public static void Values(float[] expected, Tensor actual, double atol = 1e-6)
    {
        var a = actual.data<float>().ToArray();
        Xunit.Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
            Xunit.Assert.True(Math.Abs(expected[i] - a[i]) <= atol, $"element {i} is {a[i]} but should be {expected[i]}");
    }

    /// <summary>Asserts that <paramref name="action"/> throws <typeparamref name="T"/> with a message containing every fragment.</summary>
    public static T Throws<T>(Action action, params string[] fragments) where T : Exception
    {
        var ex = Xunit.Assert.Throws<T>(action);
        foreach (var f in fragments)
            Xunit.Assert.True(ex.Message.Contains(f), $"message \"{ex.Message}\" does not mention \"{f}\"");
        return ex;
    }
}
