"""Shared helpers for the PyTorch fixture scripts beside this file.

Each gen_*.py script builds cases with `Fixtures.case(...)` and writes one JSON file that the C# parity
tests read (see Support/Parity.cs). A case stores its inputs, PyTorch's output, a fixed upstream gradient
and the gradients of every input that requires grad, so the C# side replays exactly the same numbers.

Run with the system interpreter after `apt-get install -y python3-torch`:
    /usr/bin/python3 tests/SslCourse.Tests/Fixtures/gen_core.py
"""
import json
import os

import torch


def encode(t):
    if t is None:
        return None
    t = t.detach()
    dtype = {torch.float32: "float32", torch.int64: "int64", torch.bool: "bool"}[t.dtype]
    values = t.reshape(-1).tolist()
    if dtype == "float32":
        values = [v if v == v and abs(v) != float("inf") else str(v) for v in values]
    return {"shape": list(t.shape), "dtype": dtype, "data": values}


class Const:
    """Marks a case input that is data, not a variable: PyTorch gets it without requires_grad."""

    def __init__(self, tensor):
        self.tensor = tensor


class Fixtures:
    def __init__(self, name, seed=0):
        self.name = name
        self.cases = {}
        torch.manual_seed(seed)

    def case(self, name, fn, *inputs, grad=True):
        """Runs fn(*inputs); float inputs get gradients of sum(output * grad_output)."""
        leaves = []
        for t in inputs:
            const = isinstance(t, Const)
            t = (t.tensor if const else t).detach().clone()
            if grad and not const and t.dtype == torch.float32:
                t.requires_grad_(True)
            leaves.append(t)
        out = fn(*leaves)
        entry = {"inputs": [encode(t) for t in leaves], "output": encode(out)}
        if grad and out.dtype == torch.float32 and any(t.requires_grad for t in leaves):
            upstream = torch.randn(out.shape)
            (out * upstream).sum().backward()
            entry["grad_output"] = encode(upstream)
            entry["grads"] = [encode(t.grad) if t.requires_grad else None for t in leaves]
        if name in self.cases:
            raise ValueError("duplicate case " + name)
        self.cases[name] = entry

    def save(self):
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), self.name + ".json")
        with open(path, "w") as f:
            json.dump(self.cases, f, separators=(",", ":"))
        print(f"wrote {len(self.cases)} cases to {path}")
