namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// Resizes [N, C, L] or [N, C, H, W] to <paramref name="size"/> (or by <paramref name="scale_factor"/>) with "nearest",
            /// "linear" (3-D) or "bilinear" (4-D) sampling, following PyTorch's coordinate conventions.
            /// </summary>
            public static Tensor interpolate(Tensor input, long[]? size = null, double[]? scale_factor = null, string mode = "nearest", bool? align_corners = null)
            {
                int spatial = input.dim() - 2;
                if (spatial is not (1 or 2)) throw new ArgumentException($"interpolate: expected [N, C, L] or [N, C, H, W], got {ShapeUtil.Format(input.Shape)}.");
                if ((size is null) == (scale_factor is null)) throw new ArgumentException("interpolate: give exactly one of size and scale_factor.");
                bool linear = mode switch
                {
                    "nearest" => false,
                    "linear" when spatial == 1 => true,
                    "bilinear" when spatial == 2 => true,
                    _ => throw new ArgumentException($"interpolate: mode \"{mode}\" does not fit a {input.dim()}-D input; use \"nearest\", \"linear\" (3-D) or \"bilinear\" (4-D)."),
                };
                if (!linear && align_corners is not null) throw new ArgumentException("interpolate: align_corners applies only to linear modes.");
                var x = input;
                for (int i = 0; i < spatial; i++)
                {
                    int dim = 2 + i, inSize = input.Shape[dim];
                    double? scale = scale_factor is null ? null : scale_factor[scale_factor.Length == 1 ? 0 : i];
                    int outSize = size is not null ? (int)size[size.Length == 1 ? 0 : i] : (int)Math.Floor(inSize * scale!.Value);
                    if (outSize <= 0) throw new ArgumentException($"interpolate: output size {outSize} along dimension {dim} must be positive.");
                    // PyTorch maps output to input positions with the user's scale when one is given, else in/out.
                    double ratio = scale is double s ? 1 / s : (double)inSize / outSize;
                    x = linear ? ResampleLinear(x, dim, outSize, ratio, align_corners ?? false) : ResampleNearest(x, dim, outSize, ratio);
                }
                return x;
            }

            static Tensor ResampleNearest(Tensor x, int dim, int outSize, double ratio)
            {
                int inSize = x.Shape[dim];
                var index = Enumerable.Range(0, outSize).Select(o => (long)Math.Min((int)Math.Floor(o * ratio), inSize - 1)).ToArray();
                return x.index_select(dim, tensor(index, device: x.device));
            }

            static Tensor ResampleLinear(Tensor x, int dim, int outSize, double ratio, bool alignCorners)
            {
                int inSize = x.Shape[dim];
                var lo = new long[outSize]; var hi = new long[outSize]; var frac = new float[outSize];
                for (int o = 0; o < outSize; o++)
                {
                    double src = alignCorners
                        ? (outSize > 1 ? o * (double)(inSize - 1) / (outSize - 1) : 0)
                        : Math.Max((o + 0.5) * ratio - 0.5, 0);
                    lo[o] = Math.Min((long)Math.Floor(src), inSize - 1);
                    hi[o] = Math.Min(lo[o] + 1, inSize - 1);
                    frac[o] = (float)(src - lo[o]);
                }
                var shape = Enumerable.Repeat(1L, x.dim()).ToArray(); shape[dim] = outSize;
                var w = tensor(frac, device: x.device).reshape(shape);
                return x.index_select(dim, tensor(lo, device: x.device)) * (1.0 - w) + x.index_select(dim, tensor(hi, device: x.device)) * w;
            }

            /// <summary>
            /// The sampling grid [N, H, W, 2] of (x, y) positions in [-1, 1] that the affine maps theta [N, 2, 3] send the
            /// output pixels of an image of size [N, C, H, W] to; feed it to <see cref="grid_sample"/>.
            /// </summary>
            public static Tensor affine_grid(Tensor theta, long[] size, bool align_corners = false)
            {
                if (theta.dim() != 3 || theta.shape[1] != 2 || theta.shape[2] != 3 || size.Length != 4 || size[0] != theta.shape[0])
                    throw new ArgumentException($"affine_grid: expected theta [N, 2, 3] and size [N, C, H, W] with the same N, got {ShapeUtil.Format(theta.Shape)} and {ShapeUtil.Format(size)}.");
                long n = size[0], h = size[2], w = size[3];
                var xs = PixelCentres(w, align_corners, theta.device).reshape(1, w).expand(h, w);
                var ys = PixelCentres(h, align_corners, theta.device).reshape(h, 1).expand(h, w);
                var homogeneous = stack([xs, ys, ones([h, w], device: theta.device)], 2).reshape(1, h * w, 3);
                return homogeneous.matmul(theta.mT).reshape(n, h, w, 2);
            }

            /// <summary>Normalised coordinates of n pixels: their centres in (-1, 1), or from -1 to 1 exactly with align_corners.</summary>
            static Tensor PixelCentres(long n, bool alignCorners, Device device) =>
                alignCorners ? (n > 1 ? linspace(-1, 1, n, device) : zeros([1], device: device)) : (arange(0.0, n, device: device) * 2 + 1) / n - 1;

            /// <summary>
            /// Samples input [N, C, H, W] at the normalised (x, y) positions of grid [N, Ho, Wo, 2], bilinearly or from the nearest
            /// pixel; outside the image it reads zeros or the border. Gradients flow to the input and (bilinear) to the grid.
            /// </summary>
            public static Tensor grid_sample(Tensor input, Tensor grid, string mode = "bilinear", string padding_mode = "zeros", bool align_corners = false)
            {
                if (input.dim() != 4 || grid.dim() != 4 || grid.shape[3] != 2 || grid.shape[0] != input.shape[0])
                    throw new ArgumentException($"grid_sample: expected input [N, C, H, W] and grid [N, Ho, Wo, 2] with the same N, got {ShapeUtil.Format(input.Shape)} and {ShapeUtil.Format(grid.Shape)}.");
                if (mode is not ("bilinear" or "nearest")) throw new ArgumentException($"grid_sample: mode must be \"bilinear\" or \"nearest\", got \"{mode}\".");
                if (padding_mode is not ("zeros" or "border")) throw new ArgumentException($"grid_sample: padding_mode must be \"zeros\" or \"border\", got \"{padding_mode}\".");
                long n = input.shape[0], c = input.shape[1], h = input.shape[2], w = input.shape[3], ho = grid.shape[1], wo = grid.shape[2];
                var ix = Unnormalise(grid[TensorIndex.Ellipsis, 0], w, align_corners);
                var iy = Unnormalise(grid[TensorIndex.Ellipsis, 1], h, align_corners);
                if (padding_mode == "border") { ix = ix.clamp(0, w - 1); iy = iy.clamp(0, h - 1); }
                var flat = input.reshape(n, c, h * w);

                // Reads pixel (y, x) of every image for every grid point: zero (with no gradient) where it lies outside.
                Tensor Read(Tensor y, Tensor x)
                {
                    var inside = (x >= 0) & (x <= w - 1) & (y >= 0) & (y <= h - 1);
                    var at = (y.clamp(0, h - 1) * w + x.clamp(0, w - 1)).to(ScalarType.Int64).reshape(n, 1, ho * wo).expand(n, c, ho * wo);
                    return flat.gather(2, at) * inside.to(ScalarType.Float32).reshape(n, 1, ho * wo);
                }

                if (mode == "nearest")
                    return Read(iy.round().detach(), ix.round().detach()).reshape(n, c, ho, wo);  // no gradient reaches the grid
                var x0 = ix.floor().detach(); var y0 = iy.floor().detach();
                var fx = (ix - x0).reshape(n, 1, ho * wo); var fy = (iy - y0).reshape(n, 1, ho * wo);
                var top = Read(y0, x0) * (1.0 - fx) + Read(y0, x0 + 1) * fx;
                var bottom = Read(y0 + 1, x0) * (1.0 - fx) + Read(y0 + 1, x0 + 1) * fx;
                return (top * (1.0 - fy) + bottom * fy).reshape(n, c, ho, wo);
            }

            /// <summary>Pixel coordinate of a normalised position: -1 and 1 are the outer edges, or the corner pixels' centres with align_corners.</summary>
            static Tensor Unnormalise(Tensor position, long size, bool alignCorners) =>
                alignCorners ? (position + 1) * ((size - 1) / 2.0) : ((position + 1) * size - 1) / 2;
        }
    }
}
