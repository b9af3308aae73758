namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>Rows of <paramref name="weight"/> [V, D] picked by int64 indices; no gradient reaches row padding_idx.</summary>
            public static Tensor embedding(Tensor input, Tensor weight, long? padding_idx = null)
            {
                if (input.dtype != ScalarType.Int64) throw new ArgumentException($"embedding: indices must be int64, got {input.dtype.Name()}.");
                if (weight.dim() != 2) throw new ArgumentException($"embedding: weight must be [num_embeddings, dim], got {ShapeUtil.Format(weight.Shape)}.");
                var rows = weight.index_select(0, input.flatten());
                if (padding_idx is long pad)
                {
                    var isPad = input.flatten().eq(pad < 0 ? pad + weight.shape[0] : pad).unsqueeze(1);
                    rows = where(isPad, rows.detach(), rows);
                }
                return rows.reshape(input.shape.Append(weight.shape[1]).ToArray());
            }
        }
    }
}
