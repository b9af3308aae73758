"""PyTorch reference values for joining, splitting, indexing and ordering ops.

    /usr/bin/python3 tests/SslCourse.Tests/Fixtures/gen_shape.py   ->   shape.json
"""
import torch
import torch.nn.functional as F

from fixturegen import Fixtures

fx = Fixtures("shape", seed=1)
r = lambda *s: torch.rand(*s) * 2 - 1
idx = torch.tensor

fx.case("cat", lambda a, b: torch.cat([a, b], 1) * 2, r(2, 3), r(2, 2))
fx.case("stack", lambda a, b: torch.stack([a, b], 1), r(2, 3), r(2, 3))
fx.case("split", lambda x: x.split([1, 3], 1)[1] * x.split(2, 1)[1].sum(), r(2, 4))
fx.case("chunk", lambda x: x.chunk(3, 0)[2], r(7, 2))
fx.case("gather", lambda x: x.gather(1, idx([[2, 0, 2], [1, 1, 0]])), r(2, 4))
fx.case("scatter", lambda x, s: x.scatter(0, idx([[1, 0, 2]]), s), r(3, 3), r(1, 3))
fx.case("scatter_add", lambda x, s: x.scatter_add(1, idx([[0, 0, 2], [1, 1, 1]]), s), r(2, 4), r(2, 3))
fx.case("masked_fill", lambda x: x.masked_fill(x > 0.2, -3.0) * 2, r(3, 4))
fx.case("flip", lambda x: x.flip(0, 2), r(2, 3, 4))
fx.case("roll", lambda x: x.roll(shifts=(1, -2), dims=(0, 1)), r(3, 4))
fx.case("roll_flat", lambda x: x.roll(5), r(3, 4))
fx.case("unfold", lambda x: x.unfold(1, 3, 2) * torch.arange(18.0).reshape(2, 3, 3), r(2, 7))
fx.case("pad_constant", lambda x: F.pad(x, (1, 2, 0, 1), value=0.5), r(2, 3, 4))
fx.case("pad_reflect", lambda x: F.pad(x, (2, 1), mode="reflect"), r(2, 3, 4))
fx.case("pad_replicate", lambda x: F.pad(x, (1, 2, 2, 0), mode="replicate"), r(1, 2, 3, 4))
fx.case("tril", lambda x: x.tril(), r(3, 4))
fx.case("triu_offset", lambda x: x.triu(1), r(2, 4, 4))
fx.case("sort", lambda x: x.sort(1, descending=True).values, r(3, 5))
fx.case("argsort", lambda x: x.argsort(0), r(4, 3), grad=False)
fx.case("topk", lambda x: x.topk(2, 1).values, r(3, 5))
fx.case("topk_smallest_idx", lambda x: x.topk(2, 0, largest=False).indices, r(5, 3), grad=False)
fx.case("one_hot", lambda x: F.one_hot(x, 5), idx([0, 3, 4, 3]), grad=False)
fx.case("repeat", lambda x: x.repeat(2, 1, 3), r(2, 2))
fx.case("repeat_interleave", lambda x: x.repeat_interleave(2, 1), r(2, 3))
fx.case("cumsum", lambda x: x.cumsum(1), r(3, 4))
fx.case("movedim", lambda x: x.movedim(0, 2) * torch.arange(24.0).reshape(3, 4, 2), r(2, 3, 4))
fx.save()
