namespace SslCourse;

/// <summary>Elementwise functions of one float32 argument (plus an optional scalar parameter).</summary>
internal enum UnaryOp
{
    Neg, Exp, Log, Sqrt, Rsqrt, Abs, Sign, Sin, Cos, Tanh, Sigmoid, Relu, LeakyRelu, Gelu, GeluTanh,
    Silu, Softplus, Floor, Round, Ceil, Erf, Reciprocal, Square, PowScalar, ClampMin, ClampMax,
    AddScalar, MulScalar, RSubScalar, RDivScalar, Log1p, Expm1, Trunc,
    // Derivatives, so that an activation's backward is one pass for f'(x) and one multiply by the gradient.
    ReluGrad, LeakyReluGrad, GeluGrad, GeluTanhGrad, SiluGrad, TanhGradFromOutput, SigmoidGradFromOutput,
}

/// <summary>Elementwise functions of two operands of the same (broadcast) shape.</summary>
internal enum BinaryOp
{
    Add, Sub, Mul, Div, Pow, Minimum, Maximum, Atan2, Remainder, FloorDivide,
    Eq, Ne, Lt, Le, Gt, Ge, And, Or, Xor,
}

/// <summary>Reductions over the last axis of a [rows, n] contiguous block.</summary>
internal enum ReduceOp { Sum, Prod, Max, Min, ArgMax, ArgMin, All, Any }

/// <summary>
/// The kernels a device provides. Ops validate shapes, allocate results and record autograd, then call
/// these; a new device (say CUDA) implements this interface and nothing above it changes.
/// Unless a parameter says otherwise, outputs are contiguous and inputs may have any strides.
/// </summary>
internal partial interface IBackend
{
    /// <summary>A buffer of <paramref name="length"/> elements, zero-filled unless the caller will overwrite all of it.</summary>
    Storage Allocate(torch.Device device, torch.ScalarType dtype, int length, bool zeroed = true);

    /// <summary>Takes a buffer back once no tensor refers to it.</summary>
    void Free(Storage storage);

    /// <summary>Copies src into dst elementwise (same shape, any strides on both), converting the dtype.</summary>
    void Copy(Tensor src, Tensor dst);

    /// <summary>Sets every element of dst (any strides) to value.</summary>
    void Fill(Tensor dst, double value);

    /// <summary>dst = op(src, arg) for float32 tensors of equal shape.</summary>
    void Unary(UnaryOp op, Tensor src, Tensor dst, float arg);

    /// <summary>
    /// dst = grad · f'(x) in one pass, where <paramref name="derivative"/> is one of the derivative ops (ReluGrad …):
    /// an activation's backward. x, grad and dst are contiguous float32 tensors of one shape.
    /// </summary>
    void UnaryGrad(UnaryOp derivative, Tensor x, Tensor grad, Tensor dst, float arg);

    /// <summary>dst = op(a, b) where a and b are (possibly broadcast) views with dst's shape.</summary>
    void Binary(BinaryOp op, Tensor a, Tensor b, Tensor dst);

    /// <summary>Reduces each row of a contiguous [rows, n] src into dst[rows].</summary>
    void ReduceRows(ReduceOp op, Tensor src, int rows, int n, Tensor dst);
    /// <summary>Column sums of a contiguous float [rows, cols] block into dst [cols]: the sum over leading dimensions (a bias gradient).</summary>
    void SumColumns(Tensor src, int rows, int cols, Tensor dst);

    /// <summary>dst[b] = a[b] @ b[b] for a [B,M,K], b [B,K,N] (any strides) and contiguous dst [B,M,N].</summary>
    void MatMul(Tensor a, Tensor b, Tensor dst);

    /// <summary>dst = cond ? a : b elementwise, all four with dst's shape (broadcast views allowed).</summary>
    void Where(Tensor cond, Tensor a, Tensor b, Tensor dst);
}

internal partial interface IBackend
{
    /// <summary>dst = src gathered at <paramref name="index"/> along dim; src contiguous, indices already validated.</summary>
    void IndexSelect(Tensor src, int dim, long[] index, Tensor dst);

    /// <summary>dst[..., index[j], ...] += src[..., j, ...] along dim (float32, both contiguous); repeated indices add up.</summary>
    void IndexAdd(Tensor dst, int dim, long[] index, Tensor src);
}
