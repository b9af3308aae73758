"""PyTorch reference values for convolution, pooling and resampling.

    /usr/bin/python3 tests/SslCourse.Tests/Fixtures/gen_conv.py   ->   conv.json
"""
import torch
import torch.nn.functional as F

from fixturegen import Fixtures

fx = Fixtures("conv", seed=3)
r = lambda *s: torch.rand(*s) * 2 - 1

fx.case("unfold", lambda x: F.unfold(x, (2, 3), padding=1, stride=(2, 1)), r(2, 2, 4, 5))
fx.case("fold", lambda x: F.fold(x, (4, 5), (2, 3), padding=1, stride=(2, 1)), r(2, 12, 15))
fx.case("conv2d", lambda x, w, b: F.conv2d(x, w, b, padding=1), r(2, 3, 5, 5), r(4, 3, 3, 3), r(4))
fx.case("conv2d_stride_dilation", lambda x, w: F.conv2d(x, w, stride=2, padding=(1, 2), dilation=(2, 1)), r(2, 2, 7, 6), r(3, 2, 3, 2))
fx.case("conv2d_groups", lambda x, w, b: F.conv2d(x, w, b, groups=2), r(1, 4, 4, 4), r(6, 2, 2, 2), r(6))
fx.case("conv1d", lambda x, w, b: F.conv1d(x, w, b, stride=2, padding=1), r(2, 3, 9), r(4, 3, 3), r(4))
fx.case("conv_transpose2d", lambda x, w, b: F.conv_transpose2d(x, w, b, stride=2, padding=1, output_padding=1), r(2, 3, 3, 4), r(3, 2, 3, 3), r(2))
fx.case("conv_transpose2d_groups", lambda x, w: F.conv_transpose2d(x, w, stride=(1, 2), groups=2, dilation=2), r(1, 4, 3, 3), r(4, 1, 2, 2))
fx.case("max_pool2d", lambda x: F.max_pool2d(x, 2), r(2, 3, 4, 6))
fx.case("max_pool2d_pad_ceil", lambda x: F.max_pool2d(x, 3, stride=2, padding=1, ceil_mode=True), r(1, 2, 6, 7))
fx.case("avg_pool2d", lambda x: F.avg_pool2d(x, (2, 3), stride=1), r(2, 2, 4, 5))
fx.case("avg_pool2d_pad", lambda x: F.avg_pool2d(x, 3, stride=2, padding=1), r(1, 2, 5, 6))
fx.case("avg_pool2d_pad_exclude_ceil", lambda x: F.avg_pool2d(x, 3, stride=2, padding=1, ceil_mode=True, count_include_pad=False), r(1, 2, 6, 6))
fx.case("max_pool1d", lambda x: F.max_pool1d(x, 3, stride=2), r(2, 3, 9))
fx.case("avg_pool1d", lambda x: F.avg_pool1d(x, 2), r(2, 3, 8))
fx.case("adaptive_avg_pool2d", lambda x: F.adaptive_avg_pool2d(x, (3, 2)), r(2, 2, 7, 5))
fx.case("adaptive_avg_pool2d_global", lambda x: F.adaptive_avg_pool2d(x, 1), r(2, 3, 4, 4))
fx.case("adaptive_avg_pool1d", lambda x: F.adaptive_avg_pool1d(x, 4), r(2, 2, 10))
fx.case("interpolate_nearest", lambda x: F.interpolate(x, scale_factor=2), r(1, 2, 3, 4))
fx.case("interpolate_nearest_size", lambda x: F.interpolate(x, size=(5, 3)), r(1, 2, 3, 4))
fx.case("interpolate_bilinear", lambda x: F.interpolate(x, size=(5, 7), mode="bilinear", align_corners=False), r(2, 2, 3, 4))
fx.case("interpolate_bilinear_align", lambda x: F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=True), r(1, 2, 3, 4))
fx.case("interpolate_linear_down", lambda x: F.interpolate(x, size=3, mode="linear"), r(2, 2, 8))
fx.case("affine_grid", lambda t: F.affine_grid(t, [2, 1, 3, 4], align_corners=False), r(2, 2, 3))
fx.case("affine_grid_align", lambda t: F.affine_grid(t, [1, 1, 2, 3], align_corners=True), r(1, 2, 3))
fx.case("grid_sample", lambda x, g: F.grid_sample(x, g, align_corners=False), r(2, 2, 4, 5), r(2, 3, 3, 2) * 1.2)
fx.case("grid_sample_border_align", lambda x, g: F.grid_sample(x, g, padding_mode="border", align_corners=True), r(1, 2, 4, 4), r(1, 2, 3, 2) * 1.3)
fx.case("grid_sample_nearest", lambda x, g: F.grid_sample(x, g, mode="nearest", align_corners=False), r(1, 2, 4, 4), r(1, 2, 3, 2))
fx.save()
