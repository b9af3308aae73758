"""PyTorch reference values for torch.nn layers, optimizers and learning-rate schedules.

    /usr/bin/python3 tests/SslCourse.Tests/Fixtures/gen_modules.py   ->   modules.json

Each layer case stores the layer's state dict (so the C# layer gets the same weights), an input, the output, a
fixed upstream gradient, and the gradients of the input and of every parameter. Optimizer cases store the
parameters after a few steps on a fixed quadratic; schedule cases the learning rate at every step.
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

from fixturegen import encode

torch.manual_seed(4)
cases = {}


def layer(name, module, x, forward=None, train=True):
    module.train(train)
    module.zero_grad(set_to_none=True)
    x = x.detach().clone()
    if x.dtype == torch.float32:
        x.requires_grad_(True)
    state = {k: encode(v) for k, v in module.state_dict().items()}
    out = (forward or module)(x)
    upstream = torch.randn(out.shape)
    (out * upstream).sum().backward()
    cases[name] = {
        "state": state, "input": encode(x), "output": encode(out), "grad_output": encode(upstream),
        "input_grad": encode(x.grad) if x.dtype == torch.float32 else None,
        "param_grads": {k: encode(p.grad) for k, p in module.named_parameters()},
        "state_after": {k: encode(v) for k, v in module.state_dict().items()},
    }


r = lambda *s: torch.rand(*s) * 2 - 1
layer("Linear", nn.Linear(4, 3), r(2, 4))
layer("Conv1d", nn.Conv1d(2, 3, 3, stride=2, padding=1), r(2, 2, 7))
layer("Conv2d", nn.Conv2d(2, 4, 3, stride=1, padding=1), r(2, 2, 5, 5))
layer("Conv2d_groups", nn.Conv2d(4, 4, 3, stride=2, groups=2, bias=False), r(1, 4, 5, 5))
layer("ConvTranspose2d", nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1, output_padding=1), r(2, 3, 3, 3))
layer("BatchNorm1d", nn.BatchNorm1d(3), r(5, 3))
bn = nn.BatchNorm2d(3)
with torch.no_grad():
    bn.running_mean.copy_(torch.tensor([0.1, -0.2, 0.3])); bn.running_var.copy_(torch.tensor([0.5, 1.5, 2.0]))
    bn.weight.copy_(torch.tensor([1.5, 0.5, 2.0])); bn.bias.copy_(torch.tensor([0.1, 0.2, -0.3]))
layer("BatchNorm2d_train", bn, r(4, 3, 2, 2))
layer("BatchNorm2d_eval", bn, r(4, 3, 2, 2), train=False)
layer("LayerNorm", nn.LayerNorm(4), r(2, 3, 4))
layer("GroupNorm", nn.GroupNorm(2, 4), r(2, 4, 3))
layer("Embedding", nn.Embedding(5, 3, padding_idx=0), torch.tensor([[1, 0, 4], [4, 2, 2]]))
layer("Sequential", nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2)), r(3, 4))

mha = nn.MultiheadAttention(8, 2, batch_first=True)
pad = torch.tensor([[False, False, False, True], [False, False, False, False]])
layer("MultiheadAttention", mha, r(2, 4, 8), forward=lambda x: mha(x, x, x, key_padding_mask=pad)[0])
layer("MultiheadAttention_causal", mha, r(2, 4, 8),
      forward=lambda x: mha(x, x, x, attn_mask=torch.ones(4, 4, dtype=torch.bool).triu(1))[0])


class SelfAttention(nn.Module):
    """GPT-2's attention, named as SslCourse.Models.SelfAttention names its parts (c_attn, c_proj)."""

    def __init__(self, e, h):
        super().__init__()
        self.c_attn, self.c_proj, self.h = nn.Linear(e, 3 * e), nn.Linear(e, e), h

    def forward(self, x):
        b, t, e = x.shape
        q, k, v = self.c_attn(x).view(b, t, 3, self.h, e // self.h).permute(2, 0, 3, 1, 4)
        scores = (q @ k.transpose(-2, -1) / (e // self.h) ** 0.5).masked_fill(torch.ones(t, t, dtype=torch.bool).triu(1), float("-inf"))
        return self.c_proj((scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, e))


class Block(nn.Module):
    """The pre-LayerNorm block of SslCourse.Models.TransformerBlock (causal)."""

    def __init__(self, e, h):
        super().__init__()
        self.ln_1, self.attn = nn.LayerNorm(e), SelfAttention(e, h)
        self.ln_2, self.mlp = nn.LayerNorm(e), nn.Sequential(nn.Linear(e, 4 * e), nn.GELU(), nn.Linear(4 * e, e), nn.Dropout(0.0))

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


layer("TransformerBlock", Block(8, 2), r(2, 5, 8))

# Optimizers: minimise sum((w * x - y)^2) for a fixed x, y and report w after each step.
x, y, w0 = torch.randn(3, 4), torch.randn(3, 4), torch.randn(3, 4)


def optimise(name, make):
    w = w0.clone().requires_grad_(True)
    opt = make([w])
    trajectory = []
    for _ in range(5):
        opt.zero_grad()
        ((w * x - y) ** 2).sum().backward()
        opt.step()
        trajectory.append(encode(w))
    cases[name] = {"x": encode(x), "y": encode(y), "w0": encode(w0), "trajectory": trajectory}


optimise("SGD", lambda p: torch.optim.SGD(p, lr=0.05))
optimise("SGD_momentum_nesterov_wd", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.1))
optimise("SGD_momentum_dampening", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8, dampening=0.3))
optimise("Adam", lambda p: torch.optim.Adam(p, lr=0.1))
optimise("Adam_wd", lambda p: torch.optim.Adam(p, lr=0.1, betas=(0.8, 0.9), weight_decay=0.5))
optimise("AdamW", lambda p: torch.optim.AdamW(p, lr=0.1, weight_decay=0.5))


def schedule(name, make, steps=12):
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.5)
    sched = make(opt)
    lrs = []
    for _ in range(steps):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    cases[name] = {"lrs": lrs}


schedule("StepLR", lambda o: torch.optim.lr_scheduler.StepLR(o, 3, 0.5))
schedule("CosineAnnealingLR", lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, 10, eta_min=0.05))

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "modules.json"), "w") as f:
    json.dump(cases, f, separators=(",", ":"))
print(f"wrote {len(cases)} cases")
