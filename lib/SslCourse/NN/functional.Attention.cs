namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// softmax(q·kᵀ·scale + mask)·v for [..., L, E] queries and [..., S, E] keys. A bool attn_mask marks the positions
            /// that may be attended (true); a float one is added to the scores. is_causal hides later positions.
            /// </summary>
            public static Tensor scaled_dot_product_attention(Tensor query, Tensor key, Tensor value, Tensor? attn_mask = null,
                double dropout_p = 0, bool is_causal = false, double? scale = null, Generator? generator = null)
            {
                if (query.dim() < 2 || key.dim() < 2 || value.dim() < 2 || query.shape[^1] != key.shape[^1] || key.shape[^2] != value.shape[^2])
                    throw new ArgumentException($"scaled_dot_product_attention: query {ShapeUtil.Format(query.Shape)}, key {ShapeUtil.Format(key.Shape)} and value {ShapeUtil.Format(value.Shape)} do not fit [..., L, E], [..., S, E], [..., S, Ev].");
                if (is_causal && attn_mask is not null) throw new ArgumentException("scaled_dot_product_attention: give either attn_mask or is_causal, not both.");
                var scores = query.matmul(key.mT) * (scale ?? 1 / Math.Sqrt(query.shape[^1]));
                if (is_causal) scores = scores.masked_fill(ones([query.shape[^2], key.shape[^2]], ScalarType.Bool).triu(1), double.NegativeInfinity);
                else if (attn_mask is not null)
                    scores = attn_mask.dtype == ScalarType.Bool ? scores.masked_fill(attn_mask.logical_not(), double.NegativeInfinity) : scores + attn_mask;
                var weights = dropout(softmax(scores, -1), dropout_p, dropout_p > 0, generator);
                return weights.matmul(value);
            }
        }
    }
}
