namespace SslCourse;

public static partial class torch
{
    /// <summary>Neural-network building blocks: modules (layers), initialisation and the functional API.</summary>
    public static partial class nn
    {
        /// <summary>Stateless functions behind the layers: activations, losses, convolution, normalisation, attention.</summary>
        public static partial class functional
        {
            /// <summary>x @ weightᵀ + bias, for x [..., in] and weight [out, in].</summary>
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null)
            {
                if (weight.dim() != 2 || input.dim() == 0 || input.shape[^1] != weight.shape[1])
                    throw new ArgumentException($"linear: input {ShapeUtil.Format(input.shape)} does not fit weight {ShapeUtil.Format(weight.shape)} (expected input [..., {(weight.dim() == 2 ? weight.shape[1] : -1)}]).");
                var y = input.matmul(weight.t());
                return bias is null ? y : y + bias;
            }
        }
    }
}
