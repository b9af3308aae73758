"""PyTorch reference values for torch.nn.functional: activations, losses, normalisation, embedding, attention.

    /usr/bin/python3 tests/SslCourse.Tests/Fixtures/gen_functional.py   ->   functional.json
"""
import torch
import torch.nn.functional as F

from fixturegen import Const, Fixtures

fx = Fixtures("functional", seed=2)
r = lambda *s: torch.rand(*s) * 2 - 1
pos = lambda *s: torch.rand(*s) * 0.9 + 0.05
idx = torch.tensor
probs = lambda *s: torch.softmax(torch.randn(*s), dim=1)

fx.case("softmax", lambda x: F.softmax(x, 1), r(3, 5) * 4)
fx.case("softmax_dim0", lambda x: F.softmax(x, 0), r(3, 5) * 4)
fx.case("log_softmax", lambda x: F.log_softmax(x, -1), r(2, 3, 4) * 4)
fx.case("linear", lambda x, w, b: F.linear(x, w, b), r(2, 3, 4), r(5, 4), r(5))
fx.case("linear_no_bias", lambda x, w: F.linear(x, w), r(3, 4), r(2, 4))
fx.case("elu", lambda x: F.elu(x, 0.7), r(3, 4) * 3)
fx.case("hardtanh", lambda x: F.hardtanh(x, -0.5, 0.5), r(3, 4))
fx.case("logsigmoid", F.logsigmoid, r(3, 4) * 5)

labels = idx([1, 0, 4, 2])
fx.case("cross_entropy", lambda x: F.cross_entropy(x, labels), r(4, 5) * 3)
fx.case("cross_entropy_weight_ignore", lambda x, w: F.cross_entropy(x, idx([1, -100, 4, 2]), weight=w), r(4, 5) * 3, Const(pos(5)))
fx.case("cross_entropy_smoothing", lambda x: F.cross_entropy(x, labels, label_smoothing=0.2), r(4, 5) * 3)
fx.case("cross_entropy_smoothing_weight", lambda x, w: F.cross_entropy(x, idx([1, 3, -1, 2]), weight=w, ignore_index=-1, label_smoothing=0.1), r(4, 5) * 3, Const(pos(5)))
fx.case("cross_entropy_none", lambda x: F.cross_entropy(x, labels, reduction="none"), r(4, 5) * 3)
fx.case("cross_entropy_sum", lambda x: F.cross_entropy(x, labels, reduction="sum"), r(4, 5) * 3)
fx.case("cross_entropy_spatial", lambda x: F.cross_entropy(x, idx([[0, 2, 1], [2, 2, 0]])), r(2, 3, 3) * 3)
fx.case("cross_entropy_probs", lambda x, p: F.cross_entropy(x, p), r(4, 5) * 3, probs(4, 5))
fx.case("nll_loss", lambda x: F.nll_loss(F.log_softmax(x, 1), labels, reduction="sum"), r(4, 5))
fx.case("mse_loss", F.mse_loss, r(3, 4), r(3, 4))
fx.case("l1_loss", lambda a, b: F.l1_loss(a, b, reduction="sum"), r(3, 4), r(3, 4))
fx.case("smooth_l1_loss", lambda a, b: F.smooth_l1_loss(a, b, beta=0.5), r(3, 4) * 2, r(3, 4))
fx.case("binary_cross_entropy", lambda p, y: F.binary_cross_entropy(p, y), pos(3, 4), Const(torch.rand(3, 4).round()))
fx.case("bce_with_logits", lambda x, y, w: F.binary_cross_entropy_with_logits(x, y, pos_weight=w), r(3, 4) * 10, Const(torch.rand(3, 4)), Const(pos(4) * 3))
fx.case("kl_div_batchmean", lambda x, t: F.kl_div(F.log_softmax(x, 1), t, reduction="batchmean"), r(3, 4), probs(3, 4))
fx.case("kl_div_log_target", lambda x, t: F.kl_div(x, t, reduction="sum", log_target=True), r(3, 4), r(3, 4))
fx.case("cosine_similarity", lambda a, b: F.cosine_similarity(a, b, dim=1), r(4, 3), r(4, 3))
fx.case("normalize", lambda x: F.normalize(x, dim=1), r(4, 3))
fx.case("embedding", lambda w: F.embedding(idx([[1, 0, 3], [3, 3, 2]]), w, padding_idx=3), r(4, 2))
fx.case("batch_norm_train", lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True), r(4, 3, 2, 2), pos(3), r(3))
fx.case("batch_norm_eval", lambda x, w, b: F.batch_norm(x, torch.tensor([0.1, -0.2, 0.3]), torch.tensor([0.5, 1.5, 2.0]), w, b), r(4, 3, 5), pos(3), r(3))
fx.case("layer_norm", lambda x, w, b: F.layer_norm(x, [4], w, b), r(2, 3, 4) * 3, pos(4), r(4))
fx.case("layer_norm_2d", lambda x: F.layer_norm(x, [3, 4]), r(2, 3, 4) * 3)
fx.case("group_norm", lambda x, w, b: F.group_norm(x, 2, w, b), r(2, 4, 3), pos(4), r(4))


def attention(q, k, v, mask=None, causal=False):
    # PyTorch 1.13 has no F.scaled_dot_product_attention; this is its documented definition.
    s = q @ k.transpose(-2, -1) / q.shape[-1] ** 0.5
    if causal:
        s = s.masked_fill(torch.ones(q.shape[-2], k.shape[-2], dtype=torch.bool).triu(1), float("-inf"))
    if mask is not None:
        s = s.masked_fill(~mask, float("-inf")) if mask.dtype == torch.bool else s + mask
    return torch.softmax(s, -1) @ v


fx.case("sdpa", attention, r(2, 3, 4), r(2, 5, 4), r(2, 5, 2))
fx.case("sdpa_causal", lambda q, k, v: attention(q, k, v, causal=True), r(2, 2, 4, 3), r(2, 2, 4, 3), r(2, 2, 4, 3))
fx.case("sdpa_bool_mask", lambda q, k, v: attention(q, k, v, mask=idx([[True, False, True], [True, True, False]])), r(2, 3), r(3, 3), r(3, 2))
fx.save()
