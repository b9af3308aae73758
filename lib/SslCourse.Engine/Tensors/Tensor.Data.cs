namespace SslCourse;

public sealed partial class Tensor
{
    /// <summary>A copy of the elements in row-major order.</summary>
    public T[] data<T>()
    {
        ThrowIfDisposed("data");
        var wanted = typeof(T) == typeof(float) ? torch.ScalarType.Float32
            : typeof(T) == typeof(long) ? torch.ScalarType.Int64
            : typeof(T) == typeof(bool) ? torch.ScalarType.Bool
            : throw new ArgumentException($"data<{typeof(T).Name}>: use float, long or bool.");
        if (wanted != dtype)
            throw new InvalidOperationException($"data<{typeof(T).Name}>: this tensor is {dtype.Name()}; convert it with .to({wanted.Name()}) first.");
        var src = this;
        if (!is_contiguous() || Offset != 0 || Storage.Length != Numel)
        {
            src = Empty(Shape, dtype, device);
            Backend.Copy(this, src);
        }
        Array buffer = dtype switch
        {
            torch.ScalarType.Float32 => src.Storage.F!,
            torch.ScalarType.Int64 => src.Storage.L!,
            _ => src.Storage.B!,
        };
        var result = new T[Numel];
        Array.Copy(buffer, result, Numel);
        return result;
    }

    /// <summary>The single value of a one-element tensor.</summary>
    public T item<T>()
    {
        var value = Element("item");
        if (value is T typed) return typed;
        throw new InvalidCastException(
            $"item<{typeof(T).Name}>(): this tensor is {dtype.Name()}, and item<T> takes its element type ({value.GetType().Name}), as " +
            "TorchSharp's does; use ToDouble(), ToSingle() or ToInt64() to convert.");
    }

    /// <summary>The one element, boxed as the tensor's element type.</summary>
    object Element(string op)
    {
        ThrowIfDisposed(op);
        if (Numel != 1) throw new InvalidOperationException($"{op}: only a one-element tensor has an item; this one has shape {ShapeUtil.Format(Shape)}.");
        return dtype switch
        {
            torch.ScalarType.Float32 => Storage.F![Offset],
            torch.ScalarType.Int64 => Storage.L![Offset],
            _ => Storage.B![Offset],
        };
    }

    /// <summary>The value of a one-element tensor as float.</summary>
    public float ToSingle() => Convert.ToSingle(Element("ToSingle"), System.Globalization.CultureInfo.InvariantCulture);
    /// <summary>The value of a one-element tensor as double.</summary>
    public double ToDouble() => Convert.ToDouble(Element("ToDouble"), System.Globalization.CultureInfo.InvariantCulture);
    /// <summary>The value of a one-element tensor as long.</summary>
    public long ToInt64() => Convert.ToInt64(Element("ToInt64"), System.Globalization.CultureInfo.InvariantCulture);
    /// <summary>The value of a one-element tensor as bool.</summary>
    public bool ToBoolean() => Convert.ToBoolean(Element("ToBoolean"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Shape, type and the values (summarised beyond 1000 elements, as PyTorch prints them).</summary>
    public override string ToString() => TensorFormatter.Format(this);

    /// <summary>
    /// The tensor as text with its values, as TorchSharp's <c>str()</c> gives it (TorchSharp's ToString() shows only the
    /// shape, so code that prints values on both engines calls this).
    /// </summary>
    public string str() => ToString();
}
