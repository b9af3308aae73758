namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// While <paramref name="training"/>, zeroes each element with probability <paramref name="p"/> and scales the
            /// rest by 1/(1-p), so the expected value is unchanged and evaluation needs no rescaling.
            /// </summary>
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true, Generator? generator = null) =>
                MaskedDropout(input, p, training, generator, input.shape, "dropout");

            /// <summary>Zeroes whole channels of [N, C, L] (or [C, L]) input with probability p, scaling the rest by 1/(1-p).</summary>
            public static Tensor dropout1d(Tensor input, double p = 0.5, bool training = true, Generator? generator = null) =>
                ChannelDropout(input, p, training, generator, spatialDims: 1, "dropout1d");

            /// <summary>Zeroes whole channels of [N, C, H, W] (or [C, H, W]) input with probability p, scaling the rest by 1/(1-p).</summary>
            public static Tensor dropout2d(Tensor input, double p = 0.5, bool training = true, Generator? generator = null) =>
                ChannelDropout(input, p, training, generator, spatialDims: 2, "dropout2d");

            static Tensor ChannelDropout(Tensor input, double p, bool training, Generator? generator, int spatialDims, string op)
            {
                int rank = input.dim();
                if (rank != spatialDims + 1 && rank != spatialDims + 2)
                    throw new ArgumentException($"{op}: expected input with {spatialDims + 1} (unbatched) or {spatialDims + 2} (batched) dimensions, got {ShapeUtil.Format(input.Shape)}.");
                // One draw per channel, broadcast over the spatial dimensions.
                var maskShape = input.shape;
                for (int d = rank - spatialDims; d < rank; d++) maskShape[d] = 1;
                return MaskedDropout(input, p, training, generator, maskShape, op);
            }

            static Tensor MaskedDropout(Tensor input, double p, bool training, Generator? generator, long[] maskShape, string op)
            {
                if (!(p >= 0 && p <= 1)) throw new ArgumentException($"{op}: probability p must lie in [0, 1], got {p}.");
                if (!training || p == 0) return input;
                if (p == 1) return input * 0.0;
                Tensor mask;
                using (no_grad()) mask = bernoulli(zeros(maskShape, device: input.device), 1 - p, generator) * (1 / (1 - p));
                return input * mask;
            }
        }
    }
}
