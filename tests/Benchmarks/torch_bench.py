"""The PyTorch side of `SslCourse.Runner bench`: the same workloads, timed the same way.

    /usr/bin/python3 tests/Benchmarks/torch_bench.py [NAMES...]

Prints `threads N` (PyTorch's intra-op threads, its default unless set), then one line per workload: `name ms`
(median of the timed runs after warm-up), which the runner reads.
Each workload mirrors lib/SslCourse.Runner/Bench/Workloads.cs; change both together.
"""
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def timed(step, runs=10, seconds=2.0):
    """Median step time after a warm-up; both phases last at least `seconds`, as on the C# side."""
    def repeat(minimum):
        times, start = [], time.perf_counter()
        while len(times) < minimum or (time.perf_counter() - start < seconds and len(times) < 1000):
            t = time.perf_counter()
            step()
            times.append((time.perf_counter() - t) * 1000)
        return times
    repeat(3)
    return statistics.median(repeat(runs))


def gemm(n):
    a, b = torch.randn(n, n), torch.randn(n, n)
    return lambda: a @ b


def conv():
    x = torch.randn(128, 64, 32, 32, requires_grad=True)
    w = torch.randn(64, 64, 3, 3, requires_grad=True)

    def step():
        x.grad = w.grad = None
        F.conv2d(x, w, padding=1).sum().backward()
    return step


def train_step(model, optimizer, loss_fn):
    def step():
        optimizer.zero_grad(set_to_none=True)
        loss_fn(model).backward()
        optimizer.step()
    return step


def mlp_ae():
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 32),
                          nn.Linear(32, 256), nn.ReLU(), nn.Linear(256, 784))
    x = torch.rand(128, 784)
    return train_step(model, torch.optim.Adam(model.parameters(), lr=1e-3), lambda m: F.mse_loss(m(x), x))


def conv_bn_relu(cin, cout):
    return [nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU()]


def nt_xent(z1, z2, temperature=0.5):
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    n = z1.shape[0]
    sim = z @ z.t() / temperature
    sim.fill_diagonal_(float("-inf"))
    targets = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    return F.cross_entropy(sim, targets)


def simclr_cnn():
    encoder = nn.Sequential(*conv_bn_relu(3, 32), *conv_bn_relu(32, 32), nn.MaxPool2d(2),
                            *conv_bn_relu(32, 64), *conv_bn_relu(64, 64), nn.MaxPool2d(2),
                            *conv_bn_relu(64, 128), nn.AdaptiveAvgPool2d(1), nn.Flatten())
    head = nn.Sequential(nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 64))
    model = nn.Sequential(encoder, head)
    views = torch.rand(2, 256, 3, 32, 32)
    return train_step(model, torch.optim.Adam(model.parameters(), lr=1e-3),
                      lambda m: nt_xent(m(views[0]), m(views[1])))


class Block(nn.Module):
    def __init__(self, width, heads, context):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(width), nn.LayerNorm(width)
        self.qkv, self.proj = nn.Linear(width, 3 * width), nn.Linear(width, width)
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), nn.GELU(), nn.Linear(4 * width, width))
        self.heads = heads

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(c, dim=2)
        q, k, v = (y.view(b, t, self.heads, c // self.heads).transpose(1, 2) for y in (q, k, v))
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True) if hasattr(F, "scaled_dot_product_attention") \
            else self.attention(q, k, v, t)
        x = x + self.proj(y.transpose(1, 2).reshape(b, t, c))
        return x + self.mlp(self.ln2(x))

    @staticmethod
    def attention(q, k, v, t):
        att = q @ k.transpose(-2, -1) / (k.shape[-1] ** 0.5)
        att = att.masked_fill(torch.ones(t, t, dtype=torch.bool).triu(1), float("-inf"))
        return att.softmax(-1) @ v


class Gpt(nn.Module):
    def __init__(self, vocab=65, width=128, layers=4, heads=4, context=64):
        super().__init__()
        self.tok, self.pos = nn.Embedding(vocab, width), nn.Embedding(context, width)
        self.blocks = nn.Sequential(*[Block(width, heads, context) for _ in range(layers)])
        self.ln, self.head = nn.LayerNorm(width), nn.Linear(width, vocab, bias=False)

    def forward(self, idx):
        x = self.tok(idx) + self.pos(torch.arange(idx.shape[1]))
        return self.head(self.ln(self.blocks(x)))


def gpt_char():
    model = Gpt()
    idx = torch.randint(0, 65, (12, 64))
    targets = torch.randint(0, 65, (12, 64))
    return train_step(model, torch.optim.AdamW(model.parameters(), lr=1e-3),
                      lambda m: F.cross_entropy(m(idx).view(-1, 65), targets.view(-1)))


WORKLOADS = {**{f"gemm-{n}": (lambda n=n: gemm(n)) for n in (256, 512, 1024, 2048)},
             "conv": conv, "mlp-ae": mlp_ae, "simclr-cnn": simclr_cnn, "gpt-char": gpt_char}

if __name__ == "__main__":
    torch.manual_seed(0)
    print("threads", torch.get_num_threads(), flush=True)
    # Names only ours has (the data loader) are skipped: the runner asks for every workload it times.
    for name in (n for n in sys.argv[1:] or WORKLOADS if n in WORKLOADS):
        print(name, f"{timed(WORKLOADS[name]()):.3f}", flush=True)
