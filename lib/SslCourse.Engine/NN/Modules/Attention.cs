using static SslCourse.torch;

namespace SslCourse.Modules;

/// <summary>
/// Multi-head attention as in "Attention Is All You Need": project queries, keys and values, attend in each head
/// separately, concatenate and project back. Returns the output and, for plots, the attention weights.
/// </summary>
public sealed class MultiheadAttention : nn.Module
{
    public readonly Tensor in_proj_weight;   // [3E, E]: query, key and value projections stacked
    public readonly Tensor? in_proj_bias;    // [3E]
    public readonly Linear out_proj;
    readonly long _embed, _heads;
    readonly double _dropout;
    readonly bool _batchFirst;

    public MultiheadAttention(long embed_dim, long num_heads, double dropout = 0, bool bias = true, bool batch_first = false, Generator? generator = null) : base(nameof(MultiheadAttention))
    {
        if (num_heads <= 0 || embed_dim % num_heads != 0) throw new ArgumentException($"MultiheadAttention: {num_heads} heads must divide embed_dim {embed_dim}.");
        (_embed, _heads, _dropout, _batchFirst) = (embed_dim, num_heads, dropout, batch_first);
        in_proj_weight = nn.init.xavier_uniform_(empty([3 * embed_dim, embed_dim]), generator: generator).requires_grad_();
        if (bias) in_proj_bias = zeros(3 * embed_dim).requires_grad_();
        out_proj = new Linear(embed_dim, embed_dim, bias, generator);
        if (bias) nn.init.zeros_(out_proj.bias!);
        RegisterComponents();
    }

    /// <summary>
    /// Attends from query [B, L, E] to key/value [B, S, E] (or [L, B, E] without batch_first). key_padding_mask [B, S]
    /// is true at padding positions to ignore; attn_mask [L, S] is true where attending is NOT allowed (PyTorch's
    /// convention for this module) or an additive float mask; is_causal hides later positions. The weights are
    /// [B, L, S] averaged over heads, or [B, heads, L, S] when average_attn_weights is false.
    /// </summary>
    public (Tensor output, Tensor? weights) forward(Tensor query, Tensor key, Tensor value, Tensor? key_padding_mask = null,
        bool need_weights = true, Tensor? attn_mask = null, bool average_attn_weights = true, bool is_causal = false)
    {
        if (!_batchFirst) { query = query.transpose(0, 1); key = key.transpose(0, 1); value = value.transpose(0, 1); }
        if (query.dim() != 3 || query.shape[2] != _embed || key.shape[2] != _embed || value.shape[2] != _embed)
            throw new ArgumentException($"MultiheadAttention: expected inputs with {_embed} features, got query {ShapeUtil.Format(query.Shape)}, key {ShapeUtil.Format(key.Shape)}, value {ShapeUtil.Format(value.Shape)}.");
        long b = query.shape[0], l = query.shape[1], s = key.shape[1], d = _embed / _heads;
        var w = in_proj_weight.chunk(3, 0);
        var bs = in_proj_bias?.chunk(3, 0);
        Tensor Heads(Tensor x, int i, long len) => nn.functional.linear(x, w[i], bs?[i]).view(b, len, _heads, d).transpose(1, 2);  // [B, H, len, d]
        var q = Heads(query, 0, l); var k = Heads(key, 1, s); var v = Heads(value, 2, s);

        var scores = q.matmul(k.mT) / Math.Sqrt(d);                                   // [B, H, L, S]
        if (is_causal) scores = scores.masked_fill(ones([l, s], ScalarType.Bool, scores.device).triu(1), double.NegativeInfinity);
        if (attn_mask is not null) scores = attn_mask.dtype == ScalarType.Bool ? scores.masked_fill(attn_mask, double.NegativeInfinity) : scores + attn_mask;
        if (key_padding_mask is not null) scores = scores.masked_fill(key_padding_mask.view(b, 1, 1, s), double.NegativeInfinity);
        var weights = nn.functional.softmax(scores, -1);
        var attended = nn.functional.dropout(weights, _dropout, training).matmul(v);   // [B, H, L, d]
        var output = out_proj.forward(attended.transpose(1, 2).reshape(b, l, _embed));
        if (!_batchFirst) output = output.transpose(0, 1);
        return (output, need_weights ? (average_attn_weights ? weights.mean(1) : weights) : null);
    }
}
