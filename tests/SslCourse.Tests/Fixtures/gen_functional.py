"""PyTorch reference values for torch.nn.functional: activations, softmax, losses, embedding,
normalisation and attention. Dropout and gumbel_softmax are random and are tested by their statistics instead.

    /usr/bin/python3 tests/SslCourse.Tests/Fixtures/gen_functional.py   ->   functional.json
"""
import math

import torch
import torch.nn.functional as F

from fixturegen import Fixtures

fx = Fixtures("functional")
r = lambda *s: torch.rand(*s) * 2 - 1          # values in [-1, 1)
pos = lambda *s: torch.rand(*s) * 0.8 + 0.1     # values in [0.1, 0.9)

# ---- activations
for name, fn in {
    "relu": F.relu, "leaky_relu": lambda x: F.leaky_relu(x, 0.2), "gelu": F.gelu,
    "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"), "silu": F.silu, "tanh": torch.tanh,
    "sigmoid": torch.sigmoid, "softplus": F.softplus, "softplus_beta": lambda x: F.softplus(x, beta=2, threshold=5),
    "logsigmoid": F.logsigmoid, "elu": lambda x: F.elu(x, alpha=0.5), "hardtanh": lambda x: F.hardtanh(x, -0.5, 0.7),
    "relu6": F.relu6,
}.items():
    fx.case(name, fn, r(3, 4) * 4)

# ---- softmax
fx.case("softmax_dim1", lambda x: F.softmax(x, 1), r(3, 5) * 3)
fx.case("softmax_dim0_3d", lambda x: F.softmax(x, 0), r(4, 3, 2) * 3)
fx.case("softmax_transposed", lambda x: F.softmax(x.t(), 1), r(5, 3) * 3)
fx.case("log_softmax_large", lambda x: F.log_softmax(x, -1), r(3, 5) * 50)
fx.case("log_softmax_mid", lambda x: F.log_softmax(x, 1), r(2, 3, 4) * 3)

# ---- cross-entropy and nll
logits = r(4, 5) * 3
classes = torch.tensor([1, 0, 4, 2])
w5 = torch.tensor([0.5, 1.0, 2.0, 1.5, 0.8])
fx.case("ce_basic", lambda x, t: F.cross_entropy(x, t), logits, classes)
fx.case("ce_weight", lambda x, t: F.cross_entropy(x, t, weight=w5), logits, classes)
fx.case("ce_ignore", lambda x, t: F.cross_entropy(x, t, weight=w5, ignore_index=2), logits, torch.tensor([1, 2, 4, 2]))
fx.case("ce_none", lambda x, t: F.cross_entropy(x, t, reduction="none"), logits, classes)
fx.case("ce_sum", lambda x, t: F.cross_entropy(x, t, reduction="sum"), logits, classes)
fx.case("ce_smoothing", lambda x, t: F.cross_entropy(x, t, label_smoothing=0.1), logits, classes)
fx.case("ce_smoothing_weight_ignore", lambda x, t: F.cross_entropy(x, t, weight=w5, ignore_index=0, label_smoothing=0.2),
        logits, classes)
fx.case("ce_smoothing_none", lambda x, t: F.cross_entropy(x, t, reduction="none", ignore_index=4, label_smoothing=0.3),
        logits, classes)
fx.case("ce_spatial", lambda x, t: F.cross_entropy(x, t), r(2, 3, 2, 2) * 3, torch.randint(0, 3, (2, 2, 2)))
fx.case("ce_spatial_none", lambda x, t: F.cross_entropy(x, t, reduction="none"), r(2, 3, 4) * 3, torch.randint(0, 3, (2, 4)))
fx.case("ce_probs", lambda x, t: F.cross_entropy(x, t.detach()), logits, F.softmax(r(4, 5) * 2, 1))
fx.case("ce_probs_smoothing_weight", lambda x, t: F.cross_entropy(x, t.detach(), weight=w5, label_smoothing=0.1, reduction="sum"),
        logits, F.softmax(r(4, 5) * 2, 1))
fx.case("ce_unbatched", lambda x, t: F.cross_entropy(x, t), r(5) * 3, torch.tensor(3))
fx.case("nll_basic", lambda x, t: F.nll_loss(x, t), F.log_softmax(logits, 1), classes)
fx.case("nll_weight_sum", lambda x, t: F.nll_loss(x, t, weight=w5, reduction="sum"), F.log_softmax(logits, 1), classes)
fx.case("nll_spatial_none", lambda x, t: F.nll_loss(x, t, reduction="none"), r(2, 3, 4), torch.randint(0, 3, (2, 4)))

# ---- regression and binary losses
a, b = r(3, 4) * 2, r(3, 4) * 2
fx.case("mse", F.mse_loss, a, b)
fx.case("mse_sum", lambda x, y: F.mse_loss(x, y, reduction="sum"), a, b)
fx.case("l1_none", lambda x, y: F.l1_loss(x, y, reduction="none"), a, b)
fx.case("smooth_l1", lambda x, y: F.smooth_l1_loss(x, y, beta=0.5), a, b)
fx.case("smooth_l1_default_none", lambda x, y: F.smooth_l1_loss(x, y, reduction="none"), a, b)
fx.case("bce", lambda x, t: F.binary_cross_entropy(x, t.detach()), pos(3, 4), torch.rand(3, 4))
fx.case("bce_weight_sum", lambda x, t: F.binary_cross_entropy(x, t.detach(), weight=torch.arange(1.0, 5.0), reduction="sum"),
        pos(3, 4), torch.rand(3, 4))
fx.case("bce_logits", lambda x, t: F.binary_cross_entropy_with_logits(x, t), r(3, 4) * 30, torch.rand(3, 4))
fx.case("bce_logits_pos_weight", lambda x, t: F.binary_cross_entropy_with_logits(
    x, t, weight=torch.tensor([1.0, 0.5, 2.0, 1.0]), pos_weight=torch.tensor([2.0, 1.0, 3.0, 0.5]), reduction="none"),
    r(3, 4) * 5, torch.rand(3, 4))
p_in, p_tg = F.log_softmax(r(3, 5) * 2, 1), F.softmax(r(3, 5) * 2, 1)
fx.case("kl_batchmean", lambda x, t: F.kl_div(x, t, reduction="batchmean"), p_in, p_tg)
fx.case("kl_none", lambda x, t: F.kl_div(x, t, reduction="none"), p_in, p_tg)
fx.case("kl_log_target_sum", lambda x, t: F.kl_div(x, t, reduction="sum", log_target=True), p_in, p_tg.log())
fx.case("kl_zero_target", lambda x, t: F.kl_div(x, t.detach(), reduction="mean"), p_in, torch.tensor([[0.0, 0.5, 0.5, 0.0, 0.0]] * 3))

# ---- similarity and normalisation of vectors
fx.case("cosine_similarity", lambda x, y: F.cosine_similarity(x, y), r(4, 6), r(4, 6))
fx.case("cosine_similarity_broadcast", lambda x, y: F.cosine_similarity(x, y, dim=-1), r(3, 1, 5), r(4, 5))
fx.case("cosine_similarity_tiny_norms", lambda x, y: F.cosine_similarity(x, y, eps=1e-8),
        torch.tensor([[1e-5, 0.0], [3.0, 4.0], [0.0, 0.0]]), torch.tensor([[1e-5, 0.0], [1e-9, 0.0], [1.0, 2.0]]), grad=False)
fx.case("normalize", lambda x: F.normalize(x), r(4, 6))
fx.case("normalize_p1_dim0", lambda x: F.normalize(x, p=1.0, dim=0), r(4, 6))

# ---- embedding
fx.case("embedding", lambda w, i: F.embedding(i, w), r(6, 3), torch.tensor([[1, 2], [2, 5], [1, 1]]))
fx.case("embedding_padding", lambda w, i: F.embedding(i, w, padding_idx=2), r(6, 3), torch.tensor([[1, 2], [2, 5], [0, 2]]))

# ---- batch, layer and group norm (running statistics are closed over, not inputs)
rm3, rv3 = torch.linspace(-0.5, 0.5, 3), torch.linspace(0.5, 1.5, 3)
fx.case("bn_train_2d", lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True), r(4, 3) * 2 + 1, r(3) + 1, r(3))
fx.case("bn_train_3d", lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True), r(2, 3, 4) * 2, r(3) + 1, r(3))
fx.case("bn_train_4d_noaffine", lambda x: F.batch_norm(x, None, None, training=True, eps=1e-3), r(2, 3, 2, 2) * 3)
fx.case("bn_eval", lambda x, w, b: F.batch_norm(x, rm3.clone(), rv3.clone(), w, b, training=False), r(2, 3, 4), r(3) + 1, r(3))
bn_in = r(4, 3, 2) * 2 + 0.5
def running(x, which):
    rm, rv = torch.zeros(3), torch.ones(3)
    F.batch_norm(x, rm, rv, training=True, momentum=0.2)
    return rm if which == 0 else rv
fx.case("bn_running_mean", lambda x: running(x, 0), bn_in, grad=False)
fx.case("bn_running_var", lambda x: running(x, 1), bn_in, grad=False)
fx.case("ln_last", lambda x, w, b: F.layer_norm(x, [4], w, b), r(2, 3, 4) * 2 + 1, r(4) + 1, r(4))
fx.case("ln_two_dims", lambda x: F.layer_norm(x, [3, 4], eps=1e-3), r(2, 3, 4) * 2)
fx.case("ln_transposed", lambda x, w: F.layer_norm(x.transpose(0, 1), [3], w), r(3, 4), r(3) + 1)
fx.case("gn", lambda x, w, b: F.group_norm(x, 2, w, b), r(2, 4, 3) * 2, r(4) + 1, r(4))
fx.case("gn_4d", lambda x: F.group_norm(x, 3), r(2, 6, 2, 2) * 2)

# ---- attention (PyTorch 1.13 has no F.scaled_dot_product_attention: this is its documented math)
def sdpa(q, k, v, mask=None, causal=False, scale=None):
    s = q @ k.transpose(-2, -1) * (scale if scale is not None else 1 / math.sqrt(q.shape[-1]))
    if causal:
        mask = torch.ones(q.shape[-2], k.shape[-2], dtype=torch.bool).tril()
    if mask is not None:
        s = s.masked_fill(~mask, float("-inf")) if mask.dtype == torch.bool else s + mask
    return torch.softmax(s, -1) @ v

fx.case("sdpa", lambda q, k, v: sdpa(q, k, v), r(2, 3, 4), r(2, 5, 4), r(2, 5, 6))
fx.case("sdpa_bool_mask", lambda q, k, v, m: sdpa(q, k, v, m), r(2, 3, 4), r(2, 5, 4), r(2, 5, 6),
        torch.tensor([[True, True, False, True, False], [False, True, True, True, True], [True, False, False, False, False]]))
fx.case("sdpa_float_mask_scale", lambda q, k, v, m: sdpa(q, k, v, m.detach(), scale=0.3), r(2, 3, 4), r(2, 5, 4), r(2, 5, 6), r(3, 5))
fx.case("sdpa_causal_heads", lambda q, k, v: sdpa(q, k, v, causal=True), r(2, 2, 4, 3), r(2, 2, 4, 3), r(2, 2, 4, 3))
fx.save()
