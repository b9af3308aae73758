using SslCourse.Autograd;

namespace SslCourse;

public sealed partial class Tensor
{
    // ---------------------------------------------------------------- one operand

    Tensor Unary(UnaryOp op, string name, float arg, Func<Tensor, Tensor, Tensor, Tensor>? backward)
    {
        ThrowIfDisposed(name);
        var x = dtype == torch.ScalarType.Float32 ? this : to(torch.ScalarType.Float32);
        var y = Uninitialized(Shape, torch.ScalarType.Float32, device);
        Backend.Unary(op, x, y, arg);
        if (backward is null) return Engine.Record(name, y, [x], [], (g, _) => [torch.zeros_like(g)]);
        return Engine.Record(name, y, [x], [x, y], (g, s) => [backward(g, s[0], s[1])]);
    }

    /// <summary>g·f'(this) in one pass for one of the derivative kernels (used inside backward, never recorded).</summary>
    Tensor TimesDerivative(Tensor g, UnaryOp op, float arg = 0)
    {
        var d = Uninitialized(Shape, torch.ScalarType.Float32, device);
        Backend.UnaryGrad(op, contiguous(), g.contiguous(), d, arg);
        return d;
    }

    // Each backward below gets (gradient of output, input x, output y).
    public Tensor neg() => Unary(UnaryOp.Neg, "neg", 0, (g, x, y) => -g);
    public Tensor exp() => Unary(UnaryOp.Exp, "exp", 0, (g, x, y) => g * y);
    public Tensor log() => Unary(UnaryOp.Log, "log", 0, (g, x, y) => g / x);
    public Tensor log1p() => Unary(UnaryOp.Log1p, "log1p", 0, (g, x, y) => g / (x + 1.0));
    public Tensor expm1() => Unary(UnaryOp.Expm1, "expm1", 0, (g, x, y) => g * (y + 1.0));
    public Tensor sqrt() => Unary(UnaryOp.Sqrt, "sqrt", 0, (g, x, y) => g * 0.5 / y);
    public Tensor rsqrt() => Unary(UnaryOp.Rsqrt, "rsqrt", 0, (g, x, y) => g * -0.5 * y * y * y);
    public Tensor abs() => Unary(UnaryOp.Abs, "abs", 0, (g, x, y) => g * x.sign());
    public Tensor sign() => Unary(UnaryOp.Sign, "sign", 0, null);
    public Tensor sin() => Unary(UnaryOp.Sin, "sin", 0, (g, x, y) => g * x.cos());
    public Tensor cos() => Unary(UnaryOp.Cos, "cos", 0, (g, x, y) => -g * x.sin());
    public Tensor tanh() => Unary(UnaryOp.Tanh, "tanh", 0, (g, x, y) => y.TimesDerivative(g, UnaryOp.TanhGradFromOutput));
    public Tensor sigmoid() => Unary(UnaryOp.Sigmoid, "sigmoid", 0, (g, x, y) => y.TimesDerivative(g, UnaryOp.SigmoidGradFromOutput));
    public Tensor relu() => Unary(UnaryOp.Relu, "relu", 0, (g, x, y) => x.TimesDerivative(g, UnaryOp.ReluGrad));
    public Tensor leaky_relu(double negative_slope = 0.01) =>
        Unary(UnaryOp.LeakyRelu, "leaky_relu", (float)negative_slope, (g, x, y) => x.TimesDerivative(g, UnaryOp.LeakyReluGrad, (float)negative_slope));
    public Tensor silu() => Unary(UnaryOp.Silu, "silu", 0, (g, x, y) => x.TimesDerivative(g, UnaryOp.SiluGrad));
    public Tensor softplus() => Unary(UnaryOp.Softplus, "softplus", 0, (g, x, y) => g * x.sigmoid());
    public Tensor erf() => Unary(UnaryOp.Erf, "erf", 0, (g, x, y) => g * (2 / Math.Sqrt(Math.PI)) * (-x * x).exp());
    public Tensor reciprocal() => Unary(UnaryOp.Reciprocal, "reciprocal", 0, (g, x, y) => -g * y * y);
    public Tensor square() => Unary(UnaryOp.Square, "square", 0, (g, x, y) => g * 2.0 * x);
    public Tensor floor() => dtype == torch.ScalarType.Int64 ? clone() : Unary(UnaryOp.Floor, "floor", 0, null);
    public Tensor ceil() => dtype == torch.ScalarType.Int64 ? clone() : Unary(UnaryOp.Ceil, "ceil", 0, null);
    public Tensor round() => dtype == torch.ScalarType.Int64 ? clone() : Unary(UnaryOp.Round, "round", 0, null);
    public Tensor trunc() => dtype == torch.ScalarType.Int64 ? clone() : Unary(UnaryOp.Trunc, "trunc", 0, null);

    /// <summary>GELU, exact (<c>approximate: "none"</c>, with erf) or the tanh approximation (<c>"tanh"</c>).</summary>
    public Tensor gelu(string approximate = "none") => approximate switch
    {
        "none" => Unary(UnaryOp.Gelu, "gelu", 0, (g, x, y) => x.TimesDerivative(g, UnaryOp.GeluGrad)),
        "tanh" => Unary(UnaryOp.GeluTanh, "gelu", 0, (g, x, y) => x.TimesDerivative(g, UnaryOp.GeluTanhGrad)),
        _ => throw new ArgumentException($"gelu: approximate must be \"none\" or \"tanh\", got \"{approximate}\"."),
    };

    /// <summary>Raises every element to a constant power.</summary>
    public Tensor pow(double exponent) => exponent switch
    {
        1 => clone(),
        2 => square(),
        _ => Unary(UnaryOp.PowScalar, "pow", (float)exponent, (g, x, y) => g * exponent * x.pow(exponent - 1)),
    };

    /// <summary>Limits values to [min, max]; the gradient flows where the input was inside the range.</summary>
    public Tensor clamp(double? min = null, double? max = null)
    {
        if (min is null && max is null) throw new ArgumentException("clamp: give at least one of min and max.");
        if (dtype != torch.ScalarType.Float32)
        {
            var r = this;
            if (min is double lo) r = torch.maximum(r, torch.tensor((long)lo));
            if (max is double hi) r = torch.minimum(r, torch.tensor((long)hi));
            return r;
        }
        var y = this;
        if (min is double a) y = y.Unary(UnaryOp.ClampMin, "clamp", (float)a, (g, x, _) => g * (x >= a).to(torch.ScalarType.Float32));
        if (max is double b) y = y.Unary(UnaryOp.ClampMax, "clamp", (float)b, (g, x, _) => g * (x <= b).to(torch.ScalarType.Float32));
        return y;
    }

    /// <summary>Same as <see cref="clamp(double?, double?)"/>.</summary>
    public Tensor clip(double? min = null, double? max = null) => clamp(min, max);
    public Tensor clamp_min(double min) => clamp(min, null);
    public Tensor clamp_max(double max) => clamp(null, max);

    // ---------------------------------------------------------------- two operands

    static torch.ScalarType Promote(torch.ScalarType a, torch.ScalarType b) =>
        a == torch.ScalarType.Float32 || b == torch.ScalarType.Float32 ? torch.ScalarType.Float32
        : a == torch.ScalarType.Int64 || b == torch.ScalarType.Int64 ? torch.ScalarType.Int64
        : torch.ScalarType.Bool;

    /// <summary>Broadcasts a and b to a common shape and type and applies a kernel, without recording autograd.</summary>
    internal static Tensor BinaryKernel(BinaryOp op, Tensor a, Tensor b, torch.ScalarType operandType, torch.ScalarType resultType, string name)
    {
        a.ThrowIfDisposed(name); b.ThrowIfDisposed(name);
        var device = torch.CommonDevice(name, a, b);   // a CPU scalar joins the other's device
        var shape = ShapeUtil.Broadcast(a.Shape, b.Shape, name);
        var longShape = Array.ConvertAll(shape, x => (long)x);
        using var noGrad = GradMode.Set(false);
        var ea = a.to(operandType).expand(longShape);
        var eb = b.to(operandType).expand(longShape);
        var y = Uninitialized(shape, resultType, device);
        device.Backend.Binary(op, ea, eb, y);
        return y;
    }

    static Tensor Arithmetic(BinaryOp op, Tensor a, Tensor b, string name, Func<Tensor, Tensor, Tensor, Tensor, Tensor?[]>? backward)
    {
        var type = Promote(a.dtype, b.dtype);
        if (type == torch.ScalarType.Bool) type = torch.ScalarType.Int64;
        if (op is BinaryOp.Div or BinaryOp.Pow or BinaryOp.Atan2) type = torch.ScalarType.Float32;
        var y = BinaryKernel(op, a, b, type, type, name);
        if (backward is null || type != torch.ScalarType.Float32) return y;
        return Engine.Record(name, y, [a, b], [a, b, y], (g, s) => backward(g, s[0], s[1], s[2]));
    }

    public static Tensor add(Tensor a, Tensor b, double alpha = 1) => alpha == 1
        ? Arithmetic(BinaryOp.Add, a, b, "add", (g, x, z, y) => [g, g])
        : add(a, b * alpha);
    public static Tensor sub(Tensor a, Tensor b, double alpha = 1) => alpha == 1
        ? Arithmetic(BinaryOp.Sub, a, b, "sub", (g, x, z, y) => [g, -g])
        : sub(a, b * alpha);
    public static Tensor mul(Tensor a, Tensor b) => Arithmetic(BinaryOp.Mul, a, b, "mul", (g, x, z, y) => [g * z, g * x]);
    public static Tensor div(Tensor a, Tensor b) => Arithmetic(BinaryOp.Div, a, b, "div", (g, x, z, y) => [g / z, -g * y / z]);
    public static Tensor pow(Tensor a, Tensor b) => Arithmetic(BinaryOp.Pow, a, b, "pow",
        (g, x, z, y) => [g * z * x.pow(z - 1.0), b.requires_grad ? g * y * x.log() : null]);
    public static Tensor atan2(Tensor a, Tensor b) => Arithmetic(BinaryOp.Atan2, a, b, "atan2",
        (g, x, z, y) => { var r2 = x * x + z * z; return [g * z / r2, -g * x / r2]; });
    public static Tensor remainder(Tensor a, Tensor b) => Arithmetic(BinaryOp.Remainder, a, b, "remainder",
        (g, x, z, y) => [g, -g * (x / z).floor()]);
    public static Tensor floor_divide(Tensor a, Tensor b) => Arithmetic(BinaryOp.FloorDivide, a, b, "floor_divide", null);

    /// <summary>Elementwise minimum; at ties each side gets half the gradient, as in PyTorch.</summary>
    public static Tensor minimum(Tensor a, Tensor b) => Arithmetic(BinaryOp.Minimum, a, b, "minimum", (g, x, z, y) => SplitAtTies(g, x, z, x < z));
    /// <summary>Elementwise maximum; at ties each side gets half the gradient, as in PyTorch.</summary>
    public static Tensor maximum(Tensor a, Tensor b) => Arithmetic(BinaryOp.Maximum, a, b, "maximum", (g, x, z, y) => SplitAtTies(g, x, z, x > z));

    static Tensor?[] SplitAtTies(Tensor g, Tensor x, Tensor z, Tensor xWins)
    {
        var tie = x.eq(z).to(torch.ScalarType.Float32) * 0.5;
        var wx = xWins.to(torch.ScalarType.Float32) + tie;
        return [g * wx, g * (1.0 - wx)];
    }

    public Tensor add(Tensor other, double alpha = 1) => add(this, other, alpha);
    public Tensor sub(Tensor other, double alpha = 1) => sub(this, other, alpha);
    public Tensor mul(Tensor other) => mul(this, other);
    public Tensor div(Tensor other) => div(this, other);
    public Tensor pow(Tensor exponent) => pow(this, exponent);
    public Tensor remainder(Tensor other) => remainder(this, other);
    public Tensor maximum(Tensor other) => maximum(this, other);
    public Tensor minimum(Tensor other) => minimum(this, other);

    // Scalar forms: float tensors use a one-operand kernel; int64 tensors keep their type for whole numbers.
    Tensor Scalar(UnaryOp op, string name, double value, Func<Tensor, Tensor, Tensor, Tensor> backward, BinaryOp fallback, bool reversed = false)
    {
        if (dtype == torch.ScalarType.Float32) return Unary(op, name, (float)value, backward);
        var s = value == Math.Floor(value) && dtype != torch.ScalarType.Bool ? torch.tensor((long)value) : torch.tensor((float)value);
        return reversed ? Arithmetic(fallback, s, this, name, null) : Arithmetic(fallback, this, s, name, null);
    }

    public Tensor add(double value) => Scalar(UnaryOp.AddScalar, "add", value, (g, x, y) => g, BinaryOp.Add);
    public Tensor sub(double value) => add(-value);
    public Tensor mul(double value) => Scalar(UnaryOp.MulScalar, "mul", value, (g, x, y) => g * value, BinaryOp.Mul);
    public Tensor div(double value) => dtype == torch.ScalarType.Float32 ? mul(1.0 / value) : Arithmetic(BinaryOp.Div, this, torch.tensor((float)value), "div", null);
    Tensor RSub(double value) => Scalar(UnaryOp.RSubScalar, "rsub", value, (g, x, y) => -g, BinaryOp.Sub, reversed: true);
    Tensor RDiv(double value) => dtype == torch.ScalarType.Float32
        ? Unary(UnaryOp.RDivScalar, "rdiv", (float)value, (g, x, y) => -g * y / x)
        : Arithmetic(BinaryOp.Div, torch.tensor((float)value), this, "rdiv", null);

    public static Tensor operator +(Tensor a, Tensor b) => add(a, b);
    public static Tensor operator -(Tensor a, Tensor b) => sub(a, b);
    public static Tensor operator *(Tensor a, Tensor b) => mul(a, b);
    public static Tensor operator /(Tensor a, Tensor b) => div(a, b);
    public static Tensor operator %(Tensor a, Tensor b) => remainder(a, b);
    public static Tensor operator -(Tensor a) => a.neg();
    public static Tensor operator +(Tensor a, double b) => a.add(b);
    public static Tensor operator +(double a, Tensor b) => b.add(a);
    public static Tensor operator -(Tensor a, double b) => a.sub(b);
    public static Tensor operator -(double a, Tensor b) => b.RSub(a);
    public static Tensor operator *(Tensor a, double b) => a.mul(b);
    public static Tensor operator *(double a, Tensor b) => b.mul(a);
    public static Tensor operator /(Tensor a, double b) => a.div(b);
    public static Tensor operator /(double a, Tensor b) => b.RDiv(a);
    public static Tensor operator %(Tensor a, double b) => remainder(a, a.dtype == torch.ScalarType.Int64 && b == Math.Floor(b) ? torch.tensor((long)b) : torch.tensor((float)b));

    // ---------------------------------------------------------------- comparisons and logic (no gradients)

    Tensor Compare(BinaryOp op, Tensor other, string name) => BinaryKernel(op, this, other, Promote(dtype, other.dtype), torch.ScalarType.Bool, name);
    Tensor Compare(BinaryOp op, double other, string name) =>
        Compare(op, dtype == torch.ScalarType.Float32 || other != Math.Floor(other) ? torch.tensor((float)other) : torch.tensor((long)other), name);

    public Tensor eq(Tensor other) => Compare(BinaryOp.Eq, other, "eq");
    public Tensor ne(Tensor other) => Compare(BinaryOp.Ne, other, "ne");
    public Tensor lt(Tensor other) => Compare(BinaryOp.Lt, other, "lt");
    public Tensor le(Tensor other) => Compare(BinaryOp.Le, other, "le");
    public Tensor gt(Tensor other) => Compare(BinaryOp.Gt, other, "gt");
    public Tensor ge(Tensor other) => Compare(BinaryOp.Ge, other, "ge");
    public Tensor eq(double other) => Compare(BinaryOp.Eq, other, "eq");
    public Tensor ne(double other) => Compare(BinaryOp.Ne, other, "ne");
    public Tensor lt(double other) => Compare(BinaryOp.Lt, other, "lt");
    public Tensor le(double other) => Compare(BinaryOp.Le, other, "le");
    public Tensor gt(double other) => Compare(BinaryOp.Gt, other, "gt");
    public Tensor ge(double other) => Compare(BinaryOp.Ge, other, "ge");

    public static Tensor operator <(Tensor a, Tensor b) => a.lt(b);
    public static Tensor operator >(Tensor a, Tensor b) => a.gt(b);
    public static Tensor operator <=(Tensor a, Tensor b) => a.le(b);
    public static Tensor operator >=(Tensor a, Tensor b) => a.ge(b);
    public static Tensor operator <(Tensor a, double b) => a.lt(b);
    public static Tensor operator >(Tensor a, double b) => a.gt(b);
    public static Tensor operator <=(Tensor a, double b) => a.le(b);
    public static Tensor operator >=(Tensor a, double b) => a.ge(b);

    Tensor Logical(BinaryOp op, Tensor other, string name) => BinaryKernel(op, @bool(), other.@bool(), torch.ScalarType.Bool, torch.ScalarType.Bool, name);
    public Tensor logical_and(Tensor other) => Logical(BinaryOp.And, other, "logical_and");
    public Tensor logical_or(Tensor other) => Logical(BinaryOp.Or, other, "logical_or");
    public Tensor logical_xor(Tensor other) => Logical(BinaryOp.Xor, other, "logical_xor");
    public Tensor logical_not() => Logical(BinaryOp.Eq, torch.tensor(false), "logical_not");
    public static Tensor operator &(Tensor a, Tensor b) => a.logical_and(b);
    public static Tensor operator |(Tensor a, Tensor b) => a.logical_or(b);
    public static Tensor operator ^(Tensor a, Tensor b) => a.logical_xor(b);
    public static Tensor operator !(Tensor a) => a.logical_not();

    /// <summary>True where the value is NaN.</summary>
    public Tensor isnan() => ne(this);
    /// <summary>True where the value is finite.</summary>
    public Tensor isfinite() => dtype != torch.ScalarType.Float32 ? torch.ones_like(this, torch.ScalarType.Bool) : abs().lt(float.PositiveInfinity);
}

public static partial class torch
{
    /// <summary>Takes a where <paramref name="condition"/> is true and b elsewhere (all three broadcast).</summary>
    public static Tensor where(Tensor condition, Tensor a, Tensor b)
    {
        const string name = "where";
        if (condition.dtype != ScalarType.Bool) throw new ArgumentException($"where: the condition must be a bool tensor, got {condition.dtype.Name()}.");
        var shape = ShapeUtil.Broadcast(ShapeUtil.Broadcast(condition.Shape, a.Shape, name), b.Shape, name);
        var type = a.dtype == b.dtype ? a.dtype : (a.dtype == ScalarType.Float32 || b.dtype == ScalarType.Float32 ? ScalarType.Float32 : ScalarType.Int64);
        var ls = Array.ConvertAll(shape, x => (long)x);
        var device = CommonDevice(name, condition, a, b);   // scalar operands (masked_fill's value) join the others' device
        Tensor y;
        using (Autograd.GradMode.Set(false))
        {
            y = Tensor.Empty(shape, type, device);
            device.Backend.Where(condition.expand(ls), a.to(type).expand(ls), b.to(type).expand(ls), y);
        }
        if (type != ScalarType.Float32) return y;
        // Only the operands that need a gradient get one: masked_fill's fill value never does.
        return Autograd.Engine.Record(name, y, [a, b], [condition], (g, s) =>
        {
            var zero = tensor(0f);
            return [a.requires_grad ? where(s[0], g, zero) : null, b.requires_grad ? where(s[0], zero, g) : null];
        });
    }

    public static Tensor where(Tensor condition, double a, double b) => where(condition, tensor((float)a), tensor((float)b));
    public static Tensor where(Tensor condition, Tensor a, double b) => where(condition, a, a.dtype == ScalarType.Int64 && b == Math.Floor(b) ? tensor((long)b) : tensor((float)b));
    public static Tensor where(Tensor condition, double a, Tensor b) => where(condition, b.dtype == ScalarType.Int64 && a == Math.Floor(a) ? tensor((long)a) : tensor((float)a), b);
}
