"""PyTorch reference values for the core tensor ops (elementwise, reductions, matmul, views).

    /usr/bin/python3 tests/SslCourse.Tests/Fixtures/gen_core.py   ->   core.json
"""
import torch
import torch.nn.functional as F

from fixturegen import Fixtures

fx = Fixtures("core")
r = lambda *s: torch.rand(*s) * 2 - 1          # values in [-1, 1)
pos = lambda *s: torch.rand(*s) + 0.5           # values in [0.5, 1.5)

unary = {
    "neg": torch.neg, "exp": torch.exp, "abs": torch.abs, "sin": torch.sin, "cos": torch.cos,
    "tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu, "silu": F.silu,
    "softplus": F.softplus, "erf": torch.erf, "square": torch.square, "floor": torch.floor,
    "round": torch.round, "sign": torch.sign, "gelu": F.gelu,
    "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"),
    "leaky_relu": lambda x: F.leaky_relu(x, 0.1),
    "pow3": lambda x: x.pow(3), "clamp": lambda x: x.clamp(-0.5, 0.3),
}
for name, fn in unary.items():
    fx.case(name, fn, r(3, 4) * 3)
for name, fn in {"log": torch.log, "sqrt": torch.sqrt, "rsqrt": torch.rsqrt,
                 "reciprocal": torch.reciprocal, "pow_half": lambda x: x.pow(0.5)}.items():
    fx.case(name, fn, pos(3, 4))

fx.case("add_broadcast", lambda a, b: a + b, r(2, 3, 4), r(3, 1))
fx.case("sub_broadcast", lambda a, b: a - b, r(4), r(2, 3, 4))
fx.case("mul_broadcast", lambda a, b: a * b, r(2, 1, 4), r(3, 1))
fx.case("div_broadcast", lambda a, b: a / b, r(2, 3), pos(3))
fx.case("pow_tensor", lambda a, b: a.pow(b), pos(2, 3), r(2, 3))
fx.case("maximum", torch.maximum, r(3, 4), r(4))
fx.case("minimum", torch.minimum, r(3, 4), r(3, 1))
fx.case("where", lambda a, b: torch.where(a > 0, a, b), r(3, 4), r(4))
fx.case("scalar_ops", lambda a: (2 - a) * 3 / (a + 4) - 1 / (a + 2), r(5))
fx.case("transpose_mul", lambda a, b: a.t() * b, r(4, 3), r(3, 4))

fx.case("sum_all", lambda x: x.sum(), r(3, 4))
fx.case("sum_dim", lambda x: x.sum(1), r(3, 4, 5))
fx.case("sum_dims_keep", lambda x: x.sum((0, 2), keepdim=True), r(3, 4, 5))
fx.case("mean_dim", lambda x: x.mean(-1), r(3, 4))
fx.case("var_dim", lambda x: x.var(1), r(3, 6))
fx.case("var_biased", lambda x: x.var(1, unbiased=False, keepdim=True), r(3, 6))
fx.case("std_all", lambda x: x.std(), r(4, 5))
fx.case("max_dim", lambda x: x.max(1).values, r(4, 6))
fx.case("min_dim_keep", lambda x: x.min(0, keepdim=True).values, r(4, 6))
fx.case("max_all", lambda x: x.max(), r(4, 6))
fx.case("argmax_dim", lambda x: x.argmax(1), r(4, 6), grad=False)
fx.case("logsumexp", lambda x: x.logsumexp(1), r(3, 5) * 10)
fx.case("norm2", lambda x: x.norm(), r(3, 4))
fx.case("norm1_dim", lambda x: x.norm(p=1, dim=1), r(3, 4))
fx.case("prod_all", lambda x: x.prod(), pos(5), grad=False)

fx.case("matmul_2d", torch.matmul, r(3, 4), r(4, 5))
fx.case("matmul_1d_1d", torch.matmul, r(4), r(4))
fx.case("matmul_1d_2d", torch.matmul, r(4), r(4, 3))
fx.case("matmul_2d_1d", torch.matmul, r(3, 4), r(4))
fx.case("matmul_batched_broadcast", torch.matmul, r(2, 1, 3, 4), r(5, 4, 2))
fx.case("matmul_transposed", lambda a, b: a.t() @ b.t(), r(4, 3), r(5, 4))
fx.case("outer", torch.outer, r(3), r(4))

fx.case("permute_reshape", lambda x: x.permute(2, 0, 1).reshape(4, -1) * 2, r(2, 3, 4))
fx.case("slice_step", lambda x: x[:, 1::2] * 3, r(3, 6))
fx.case("select_unsqueeze", lambda x: x[1].unsqueeze(0) + x[2], r(3, 4))
fx.case("expand", lambda x: x.expand(3, 2, 4) * torch.arange(24.0).reshape(3, 2, 4), r(2, 1))
fx.case("narrow", lambda x: x.narrow(1, 1, 2).exp(), r(3, 4))
fx.case("index_select", lambda x: x.index_select(1, torch.tensor([2, 0, 2])), r(3, 4))
fx.case("masked_select", lambda x: x.masked_select(x > 0), r(3, 4))
fx.save()
