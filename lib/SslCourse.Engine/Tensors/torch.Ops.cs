using SslCourse.Autograd;

namespace SslCourse;

// The functional spellings of Tensor's methods (torch.exp(x) for x.exp()), as in PyTorch and TorchSharp.
public static partial class torch
{
    /// <summary>Turns off recording for backward until the returned scope is disposed.</summary>
    public static IDisposable no_grad() => GradMode.Set(false);
    /// <summary>Turns recording back on inside a no_grad scope until the returned scope is disposed.</summary>
    public static IDisposable enable_grad() => GradMode.Set(true);
    /// <summary>Turns recording on or off until the returned scope is disposed.</summary>
    public static IDisposable set_grad_enabled(bool enabled) => GradMode.Set(enabled);
    /// <summary>Whether operations are being recorded for backward on this thread.</summary>
    public static bool is_grad_enabled() => GradMode.Enabled;

    public static Tensor add(Tensor a, Tensor b, double alpha = 1) => Tensor.add(a, b, alpha);
    public static Tensor sub(Tensor a, Tensor b, double alpha = 1) => Tensor.sub(a, b, alpha);
    public static Tensor mul(Tensor a, Tensor b) => Tensor.mul(a, b);
    public static Tensor div(Tensor a, Tensor b) => Tensor.div(a, b);
    public static Tensor pow(Tensor a, Tensor b) => Tensor.pow(a, b);
    public static Tensor pow(Tensor a, double b) => a.pow(b);
    public static Tensor atan2(Tensor a, Tensor b) => Tensor.atan2(a, b);
    public static Tensor remainder(Tensor a, Tensor b) => Tensor.remainder(a, b);
    public static Tensor floor_divide(Tensor a, Tensor b) => Tensor.floor_divide(a, b);
    public static Tensor minimum(Tensor a, Tensor b) => Tensor.minimum(a, b);
    public static Tensor maximum(Tensor a, Tensor b) => Tensor.maximum(a, b);
    public static Tensor neg(Tensor x) => x.neg();
    public static Tensor exp(Tensor x) => x.exp();
    public static Tensor log(Tensor x) => x.log();
    public static Tensor log1p(Tensor x) => x.log1p();
    public static Tensor expm1(Tensor x) => x.expm1();
    public static Tensor sqrt(Tensor x) => x.sqrt();
    public static Tensor rsqrt(Tensor x) => x.rsqrt();
    public static Tensor abs(Tensor x) => x.abs();
    public static Tensor sign(Tensor x) => x.sign();
    public static Tensor sin(Tensor x) => x.sin();
    public static Tensor cos(Tensor x) => x.cos();
    public static Tensor tanh(Tensor x) => x.tanh();
    public static Tensor sigmoid(Tensor x) => x.sigmoid();
    public static Tensor relu(Tensor x) => x.relu();
    public static Tensor erf(Tensor x) => x.erf();
    public static Tensor square(Tensor x) => x.square();
    public static Tensor reciprocal(Tensor x) => x.reciprocal();
    public static Tensor floor(Tensor x) => x.floor();
    public static Tensor ceil(Tensor x) => x.ceil();
    public static Tensor round(Tensor x) => x.round();
    public static Tensor trunc(Tensor x) => x.trunc();
    public static Tensor clamp(Tensor x, double? min = null, double? max = null) => x.clamp(min, max);
    public static Tensor clip(Tensor x, double? min = null, double? max = null) => x.clamp(min, max);
    public static Tensor eq(Tensor a, Tensor b) => a.eq(b);
    public static Tensor ne(Tensor a, Tensor b) => a.ne(b);
    public static Tensor lt(Tensor a, Tensor b) => a.lt(b);
    public static Tensor le(Tensor a, Tensor b) => a.le(b);
    public static Tensor gt(Tensor a, Tensor b) => a.gt(b);
    public static Tensor ge(Tensor a, Tensor b) => a.ge(b);
    public static Tensor logical_and(Tensor a, Tensor b) => a.logical_and(b);
    public static Tensor logical_or(Tensor a, Tensor b) => a.logical_or(b);
    public static Tensor logical_xor(Tensor a, Tensor b) => a.logical_xor(b);
    public static Tensor logical_not(Tensor a) => a.logical_not();
    public static Tensor isnan(Tensor a) => a.isnan();
    public static Tensor isfinite(Tensor a) => a.isfinite();

    public static Tensor sum(Tensor x) => x.sum();
    public static Tensor sum(Tensor x, long dim, bool keepdim = false) => x.sum(dim, keepdim);
    public static Tensor sum(Tensor x, long[] dims, bool keepdim = false) => x.sum(dims, keepdim);
    public static Tensor mean(Tensor x) => x.mean();
    public static Tensor mean(Tensor x, long dim, bool keepdim = false) => x.mean(dim, keepdim);
    public static Tensor mean(Tensor x, long[] dims, bool keepdim = false) => x.mean(dims, keepdim);
    public static Tensor var(Tensor input, long dimensions, bool unbiased = true, bool keepdim = false) => input.var(dimensions, unbiased, keepdim);
    public static Tensor std(Tensor input, long dimensions, bool unbiased = true, bool keepdim = false) => input.std(dimensions, unbiased, keepdim);
    public static Tensor max(Tensor x) => x.max();
    public static (Tensor values, Tensor indexes) max(Tensor x, long dim, bool keepdim = false) => x.max(dim, keepdim);
    public static Tensor min(Tensor x) => x.min();
    public static (Tensor values, Tensor indexes) min(Tensor x, long dim, bool keepdim = false) => x.min(dim, keepdim);
    public static Tensor argmax(Tensor x) => x.argmax();
    public static Tensor argmax(Tensor x, long dim, bool keepdim = false) => x.argmax(dim, keepdim);
    public static Tensor argmin(Tensor x) => x.argmin();
    public static Tensor argmin(Tensor x, long dim, bool keepdim = false) => x.argmin(dim, keepdim);
    public static Tensor amax(Tensor x, long[] dims, bool keepdim = false) => x.amax(dims, keepdim);
    public static Tensor logsumexp(Tensor x, long dim, bool keepdim = false) => x.logsumexp(dim, keepdim);
    public static Tensor norm(Tensor x, double p = 2) => x.norm(p);
    public static Tensor all(Tensor x) => x.all();
    public static Tensor any(Tensor x) => x.any();

    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);
    public static Tensor mm(Tensor a, Tensor b) => a.mm(b);
    public static Tensor bmm(Tensor a, Tensor b) => a.bmm(b);
    public static Tensor dot(Tensor a, Tensor b) => a.dot(b);
    public static Tensor outer(Tensor a, Tensor b) => a.outer(b);

    public static Tensor reshape(Tensor x, params long[] shape) => x.reshape(shape);
    public static Tensor permute(Tensor x, params long[] dims) => x.permute(dims);
    public static Tensor transpose(Tensor x, long dim0, long dim1) => x.transpose(dim0, dim1);
    public static Tensor t(Tensor x) => x.t();
    public static Tensor squeeze(Tensor x) => x.squeeze();
    public static Tensor squeeze(Tensor x, long dim) => x.squeeze(dim);
    public static Tensor unsqueeze(Tensor x, long dim) => x.unsqueeze(dim);
    public static Tensor flatten(Tensor x, long start_dim = 0, long end_dim = -1) => x.flatten(start_dim, end_dim);
    public static Tensor narrow(Tensor x, long dim, long start, long length) => x.narrow(dim, start, length);
    public static Tensor clone(Tensor x) => x.clone();
}
