namespace SslCourse;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// softmax(Q·Kᵀ·scale + mask)·V for query [..., L, E], key [..., S, E] and value [..., S, Ev] (leading
            /// dimensions broadcast). <paramref name="attn_mask"/> broadcasts to [..., L, S]: a bool mask says where to
            /// attend (true), a float mask is added to the scores. <paramref name="is_causal"/> lets position i attend
            /// to positions 0…i only. <paramref name="scale"/> defaults to 1/√E; <paramref name="dropout_p"/> drops
            /// attention weights (pass 0 when evaluating).
            /// </summary>
            public static Tensor scaled_dot_product_attention(Tensor query, Tensor key, Tensor value, Tensor? attn_mask = null,
                double dropout_p = 0.0, bool is_causal = false, double? scale = null, Generator? generator = null)
            {
                const string op = "scaled_dot_product_attention";
                if (query.dim() < 2 || key.dim() < 2 || value.dim() < 2 || query.shape[^1] != key.shape[^1] || key.shape[^2] != value.shape[^2])
                    throw new ArgumentException(
                        $"{op}: query {ShapeUtil.Format(query.Shape)}, key {ShapeUtil.Format(key.Shape)} and value {ShapeUtil.Format(value.Shape)} " +
                        "must be [..., L, E], [..., S, E] and [..., S, Ev].");
                if (is_causal && attn_mask is not null)
                    throw new ArgumentException($"{op}: give either attn_mask or is_causal, not both.");
                long l = query.shape[^2], s = key.shape[^2];
                var scores = query.matmul(key.transpose(-2, -1)) * (scale ?? 1 / Math.Sqrt(query.shape[^1]));
                if (is_causal)
                {
                    Tensor causal;
                    using (no_grad()) causal = arange(l, device: scores.device).unsqueeze(1) >= arange(s, device: scores.device).unsqueeze(0);
                    scores = where(causal, scores, double.NegativeInfinity);
                }
                else if (attn_mask is not null)
                {
                    try { ShapeUtil.Broadcast(attn_mask.Shape, scores.Shape, op); }
                    catch (ArgumentException) { throw new ArgumentException($"{op}: attn_mask {ShapeUtil.Format(attn_mask.Shape)} does not broadcast to the attention scores [..., L, S] = {ShapeUtil.Format(scores.Shape)}."); }
                    scores = attn_mask.dtype switch
                    {
                        ScalarType.Bool => where(attn_mask, scores, double.NegativeInfinity),
                        ScalarType.Float32 => scores + attn_mask,
                        _ => throw new ArgumentException($"{op}: attn_mask must be bool or float32, got {attn_mask.dtype.Name()}."),
                    };
                }
                var weights = scores.softmax(-1);
                if (dropout_p > 0) weights = dropout(weights, dropout_p, training: true, generator);
                return weights.matmul(value);
            }
        }
    }
}
