"""PyTorch reference values for einsum, padding modes, diagonal, unique, cdist and weight_norm.

    /usr/bin/python3 tests/SslCourse.Tests/Fixtures/gen_ops.py   ->   ops.json

Op cases are Fixtures cases (see fixturegen.py). The weight_norm cases store a layer like gen_modules.py does: the
state dict (weight_g, weight_v, bias), an input, the output, an upstream gradient and the gradients of the input and
of every parameter.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import weight_norm

from fixturegen import Fixtures, encode

fx = Fixtures("ops", seed=5)
r = lambda *s: torch.rand(*s) * 2 - 1
ein = lambda eq: (lambda *xs: torch.einsum(eq, *xs))

fx.case("einsum_row_dots", ein("nc,nc->n"), r(4, 5), r(4, 5))
fx.case("einsum_matmul", ein("nc,ck->nk"), r(4, 5), r(5, 3))
fx.case("einsum_bmm", ein("bij,bjk->bik"), r(2, 3, 4), r(2, 4, 5))
fx.case("einsum_attention", ein("bhqd,bhkd->bhqk"), r(2, 2, 3, 4), r(2, 2, 5, 4))
fx.case("einsum_outer", ein("i,j->ij"), r(3), r(4))
fx.case("einsum_hadamard", ein("ij,ij->ij"), r(3, 4), r(3, 4))
fx.case("einsum_diagonal", ein("ii->i"), r(3, 3))
fx.case("einsum_batch_diagonal", ein("bii->bi"), r(2, 3, 3))
fx.case("einsum_trace", ein("ii"), r(3, 3))
fx.case("einsum_total", ein("ij->"), r(3, 4))
fx.case("einsum_transpose", ein("ij->ji"), r(3, 4))
fx.case("einsum_permute3", ein("abc->cab"), r(2, 3, 4))
fx.case("einsum_implicit", ein("bA,ab"), r(2, 3), r(3, 2))
fx.case("einsum_three", ein("ij,jk,kl->il"), r(2, 3), r(3, 4), r(4, 5))
fx.case("einsum_ellipsis", ein("...ij,...jk->...ik"), r(2, 1, 3, 4), r(3, 4, 2))
fx.case("einsum_sum_ellipsis", ein("...ij->ij"), r(2, 3, 4))
fx.case("einsum_broadcast_label", ein("ij,jk->ik"), r(2, 1), r(3, 4))
fx.case("einsum_bilinear", ein("bn,anm,bm->ba"), r(2, 3), r(4, 3, 5), r(2, 5))

fx.case("pad_reflect_1d", lambda x: F.pad(x, (3, 2), mode="reflect"), r(2, 3, 6))
fx.case("pad_reflect_2d", lambda x: F.pad(x, (1, 2, 3, 1), mode="reflect"), r(1, 2, 4, 5))
fx.case("pad_reflect_unbatched", lambda x: F.pad(x, (2, 2), mode="reflect"), r(3, 6))
fx.case("pad_replicate_1d", lambda x: F.pad(x, (2, 4), mode="replicate"), r(2, 3, 5))
fx.case("pad_circular_1d", lambda x: F.pad(x, (2, 3), mode="circular"), r(2, 3, 5))
fx.case("pad_circular_2d", lambda x: F.pad(x, (1, 2, 3, 0), mode="circular"), r(1, 2, 3, 4))
fx.case("pad_circular_full_wrap", lambda x: F.pad(x, (4, 4), mode="circular"), r(1, 2, 4))
fx.case("pad_constant_crop", lambda x: F.pad(x, (-1, 2, 1, -1), value=0.25), r(2, 3, 5))

fx.case("diagonal_main", lambda x: x.diagonal(), r(3, 4))
fx.case("diagonal_offset", lambda x: x.diagonal(1, 1, 2), r(2, 4, 5))
fx.case("diagonal_negative_offset", lambda x: x.diagonal(-1, 2, 0), r(3, 4, 5))
fx.case("diagonal_past_the_end", lambda x: x.diagonal(5), r(3, 4))

u = torch.tensor([2.5, -1.0, 2.5, 0.0, -1.0, 7.0, 2.5])
fx.case("unique_values", lambda x: torch.unique(x), u, grad=False)
fx.case("unique_inverse", lambda x: torch.unique(x, return_inverse=True)[1], u.reshape(7, 1), grad=False)
fx.case("unique_counts", lambda x: torch.unique(x, return_counts=True)[1], u, grad=False)
rows = torch.tensor([[1, 2], [0, 5], [1, 2], [0, 3]])
fx.case("unique_dim0", lambda x: torch.unique(x, dim=0), rows, grad=False)
fx.case("unique_dim0_inverse", lambda x: torch.unique(x, dim=0, return_inverse=True)[1], rows, grad=False)
fx.case("unique_dim1_counts", lambda x: torch.unique(x, dim=1, return_counts=True)[1], rows.t().contiguous(), grad=False)

fx.case("cdist_p2", lambda a, b: torch.cdist(a, b), r(5, 3), r(4, 3))
fx.case("cdist_p2_batched", lambda a, b: torch.cdist(a, b), r(2, 5, 3), r(1, 4, 3))
fx.case("cdist_p2_by_products", lambda a, b: torch.cdist(a, b), r(30, 3), r(27, 3))
fx.case("cdist_p1", lambda a, b: torch.cdist(a, b, p=1), r(5, 3), r(4, 3))
fx.case("cdist_p3", lambda a, b: torch.cdist(a, b, p=3), r(5, 3), r(4, 3))
fx.case("cdist_p_half", lambda a, b: torch.cdist(a, b, p=0.5), r(5, 3), r(4, 3))
fx.case("cdist_pinf", lambda a, b: torch.cdist(a, b, p=float("inf")), r(5, 3), r(4, 3))
fx.case("cdist_p0", lambda a, b: torch.cdist(a, b, p=0), r(5, 3), torch.tensor([[0.5, 0.5, 0.5]]))
# Rows 0 and 2 of x1 are rows of x2: their distance is 0, where the gradient is taken as 0.
a = r(4, 3)
b = torch.cat([a[2:3], r(1, 3), a[0:1]])
fx.case("cdist_zero_distance", lambda a, b: torch.cdist(a, b), a, b)
fx.case("cdist_zero_distance_p3", lambda a, b: torch.cdist(a, b, p=3), a, b)


def layer(name, module, x):
    x = x.detach().clone().requires_grad_(True)
    state = {k: encode(v) for k, v in module.state_dict().items()}
    out = module(x)
    upstream = torch.randn(out.shape)
    (out * upstream).sum().backward()
    fx.cases[name] = {
        "state": state, "input": encode(x), "output": encode(out), "grad_output": encode(upstream),
        "input_grad": encode(x.grad), "param_grads": {k: encode(p.grad) for k, p in module.named_parameters()},
    }


# wav2vec 2.0's positional convolution: grouped, padded to keep the length, one length per kernel tap (dim 2).
layer("weight_norm_conv1d_dim2", weight_norm(nn.Conv1d(4, 4, 5, padding=2, groups=2), name="weight", dim=2), r(2, 4, 7))
layer("weight_norm_conv1d_dim0", weight_norm(nn.Conv1d(3, 2, 3, stride=2)), r(2, 3, 8))
# DINO's last layer: a Linear without bias, one length per output.
layer("weight_norm_linear_dim0", weight_norm(nn.Linear(5, 4, bias=False)), r(3, 5))
layer("weight_norm_linear_whole", weight_norm(nn.Linear(5, 4), dim=None), r(3, 5))
fx.save()
