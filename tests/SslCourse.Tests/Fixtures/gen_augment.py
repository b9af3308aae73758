"""PyTorch reference values for the deterministic kernels behind the augmentations (lib/SslCourse/Data/Augment):
bilinear crop-and-resize, rotation, Gaussian blur and hue rotation at fixed parameters. The random draws
themselves are tested by their properties instead. torchvision is not needed: each reference is written here
from plain torch operations the way torchvision's tensor transforms compute it.

    /usr/bin/python3 tests/SslCourse.Tests/Fixtures/gen_augment.py   ->   augment.json
"""
import math

import torch
import torch.nn.functional as F

from fixturegen import Const, Fixtures

fx = Fixtures("augment")


def resized_crop(img, top, left, height, width, size):
    return F.interpolate(img[:, :, top:top + height, left:left + width], size=size, mode="bilinear", align_corners=False)


def rotate(img, degrees):
    # Counter-clockwise about the image centre, bilinear, zeros outside. The grid is in coordinates normalised to
    # [-1, 1] per axis, so a rotation in pixels needs the aspect ratio on its off-diagonal terms.
    n, _, h, w = img.shape
    a = math.radians(degrees)
    theta = torch.tensor([[math.cos(a), -math.sin(a) * h / w, 0.0], [math.sin(a) * w / h, math.cos(a), 0.0]]).expand(n, 2, 3)
    grid = F.affine_grid(theta, list(img.shape), align_corners=False)
    return F.grid_sample(img, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


def gaussian_blur(img, kernel_size, sigma):
    x = torch.arange(kernel_size, dtype=torch.float64) - kernel_size // 2
    k = torch.exp(-0.5 * (x / sigma) ** 2)
    k = (k / k.sum()).float()
    c = img.shape[1]
    weight = torch.outer(k, k).expand(c, 1, kernel_size, kernel_size)
    padded = F.pad(img, [kernel_size // 2] * 4, mode="reflect")
    return F.conv2d(padded, weight, groups=c)


def shift_hue(img, shift):
    r, g, b = img.unbind(-3)
    maxc, minc = img.max(-3).values, img.min(-3).values
    grey = maxc == minc
    chroma = maxc - minc
    saturation = chroma / torch.where(grey, torch.ones_like(maxc), maxc)
    divisor = torch.where(grey, torch.ones_like(chroma), chroma)
    rc, gc, bc = (maxc - r) / divisor, (maxc - g) / divisor, (maxc - b) / divisor
    hue = ((maxc == r) * (bc - gc) + ((maxc == g) & (maxc != r)) * (2.0 + rc - bc)
           + ((maxc != g) & (maxc != r)) * (4.0 + gc - rc))
    hue = torch.remainder(hue / 6.0 + shift, 1.0)
    sector = torch.floor(hue * 6.0)
    f = hue * 6.0 - sector
    i = sector.long() % 6
    v = maxc
    p = (v * (1 - saturation)).clamp(0, 1)
    q = (v * (1 - saturation * f)).clamp(0, 1)
    t = (v * (1 - saturation * (1 - f))).clamp(0, 1)
    choices = [(v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q)]
    out = torch.zeros_like(img)
    for k, (cr, cg, cb) in enumerate(choices):
        mask = i == k
        out[:, 0][mask], out[:, 1][mask], out[:, 2][mask] = cr[mask], cg[mask], cb[mask]
    return out


fx.case("resized_crop_up", lambda x: resized_crop(x, 1, 2, 5, 6, (8, 11)), Const(torch.rand(2, 3, 7, 9)), grad=False)
fx.case("resized_crop_down", lambda x: resized_crop(x, 0, 3, 7, 6, (4, 3)), Const(torch.rand(1, 1, 7, 9)), grad=False)
fx.case("rotate_square", lambda x: rotate(x, 30), Const(torch.rand(2, 3, 9, 9)), grad=False)
fx.case("rotate_wide", lambda x: rotate(x, -50), Const(torch.rand(1, 1, 6, 10)), grad=False)
fx.case("gaussian_blur", lambda x: gaussian_blur(x, 5, 1.3), Const(torch.rand(2, 3, 8, 7)), grad=False)
colours = torch.rand(1, 3, 6, 6)
colours[0, :, 0, :] = torch.rand(6)  # a row of greys: equal channels
fx.case("hue_shift", lambda x: shift_hue(x, 0.27), Const(colours), grad=False)
fx.case("hue_shift_negative", lambda x: shift_hue(x, -0.4), Const(colours), grad=False)
fx.save()
