namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>One-hot rows (int64) for class indices; num_classes -1 means the largest index + 1.</summary>
            public static Tensor one_hot(Tensor tensor, long num_classes = -1)
            {
                if (tensor.dtype != ScalarType.Int64) throw new ArgumentException($"one_hot: class indices must be int64, got {tensor.dtype.Name()}.");
                if (num_classes < 0) num_classes = tensor.numel() == 0 ? 0 : tensor.max().ToInt64() + 1;
                if (tensor.numel() > 0 && (tensor.min().ToInt64() < 0 || tensor.max().ToInt64() >= num_classes))
                    throw new ArgumentException($"one_hot: class indices must lie in [0, {num_classes}), got values from {tensor.min().ToInt64()} to {tensor.max().ToInt64()}.");
                return tensor.unsqueeze(-1).eq(arange(num_classes, device: tensor.device)).to(ScalarType.Int64);
            }
        }
    }
}
