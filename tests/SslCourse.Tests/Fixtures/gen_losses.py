"""PyTorch reference values for the course's SSL losses (lib/SslCourse/Losses), each written here from its paper:
NT-Xent (SimCLR), InfoNCE against a queue (MoCo), negative cosine (SimSiam/BYOL), alignment and uniformity
(Wang & Isola), and the triplet loss with batch-hard and semi-hard mining.

    /usr/bin/python3 tests/SslCourse.Tests/Fixtures/gen_losses.py   ->   losses.json
"""
import math

import torch
import torch.nn.functional as F

from fixturegen import Const, Fixtures

fx = Fixtures("losses", seed=5)
r = lambda *s: torch.rand(*s) * 2 - 1


def nt_xent(z1, z2, tau):
    n = z1.shape[0]
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    sim = z @ z.t() / tau
    sim = sim.masked_fill(torch.eye(2 * n, dtype=torch.bool), float("-inf"))
    target = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    return F.cross_entropy(sim, target)


def info_nce(q, k, queue, tau):
    q, k, queue = F.normalize(q, dim=1), F.normalize(k, dim=1), F.normalize(queue, dim=1)
    logits = torch.cat([(q * k).sum(1, keepdim=True), q @ queue.t()], dim=1) / tau
    return F.cross_entropy(logits, torch.zeros(q.shape[0], dtype=torch.long))


def alignment(z1, z2, alpha):
    return (F.normalize(z1, dim=1) - F.normalize(z2, dim=1)).norm(dim=1).pow(alpha).mean()


def uniformity(z, t):
    return torch.pdist(F.normalize(z, dim=1), p=2).pow(2).mul(-t).exp().mean().log()


def triplet(e, labels, margin, semi_hard):
    d = torch.cdist(e.detach(), e.detach())
    a_idx, p_idx, n_idx = [], [], []
    n = e.shape[0]
    for i in range(n):
        pos = [j for j in range(n) if j != i and labels[j] == labels[i]]
        neg = [j for j in range(n) if labels[j] != labels[i]]
        if not pos or not neg:
            continue
        if not semi_hard:
            a_idx.append(i); p_idx.append(max(pos, key=lambda j: d[i, j])); n_idx.append(min(neg, key=lambda j: d[i, j]))
            continue
        for p in pos:
            farther = [j for j in neg if d[i, j] > d[i, p]]
            a_idx.append(i); p_idx.append(p)
            n_idx.append(min(farther, key=lambda j: d[i, j]) if farther else max(neg, key=lambda j: d[i, j]))
    a, p, ng = e[a_idx], e[p_idx], e[n_idx]
    return F.relu(F.pairwise_distance(a, p) - F.pairwise_distance(a, ng) + margin).mean()


fx.case("ntxent_t05", lambda a, b: nt_xent(a, b, 0.5), r(6, 4), r(6, 4))
fx.case("ntxent_t01", lambda a, b: nt_xent(a, b, 0.1), r(8, 5), r(8, 5))
fx.case("infonce", lambda q, k, queue: info_nce(q, k, queue, 0.2), r(5, 4), r(5, 4), r(7, 4))
fx.case("negcos", lambda p, z: -F.cosine_similarity(p, z.detach(), dim=1).mean(), r(5, 4), r(5, 4))
fx.case("negcos_no_stop", lambda p, z: -F.cosine_similarity(p, z, dim=1).mean(), r(5, 4), r(5, 4))
fx.case("alignment", lambda a, b: alignment(a, b, 2.0), r(6, 3), r(6, 3))
fx.case("alignment_a1", lambda a, b: alignment(a, b, 1.0), r(6, 3), r(6, 3))
fx.case("uniformity", lambda z: uniformity(z, 2.0), r(7, 3))
labels = torch.tensor([0, 1, 0, 2, 1, 0, 2, 3])
fx.case("triplet_batch_hard", lambda e, y: triplet(e, y, 0.2, False), r(8, 4), Const(labels))
fx.case("triplet_semi_hard", lambda e, y: triplet(e, y, 0.5, True), r(8, 4), Const(labels))
fx.save()
