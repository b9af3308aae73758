namespace SslCourse.Models;

/// <summary>
/// Multi-head self-attention as GPT-2 writes it: one linear layer makes queries, keys and values for every head at
/// once (<c>c_attn</c>), scaled dot-product attention runs per head, and <c>c_proj</c> mixes the heads back together.
/// Inputs are [B, T, E]; with <c>causal</c>, position t attends to positions 0…t only.
/// </summary>
public sealed class SelfAttention : nn.Module<Tensor, Tensor>
{
    public readonly Linear c_attn, c_proj;
    readonly long _heads;
    readonly double _dropout;
    readonly bool _causal;

    public SelfAttention(long embed_dim, long num_heads, double dropout = 0, bool causal = false) : base(nameof(SelfAttention))
    {
        if (embed_dim % num_heads != 0) throw new ArgumentException($"SelfAttention: embed_dim {embed_dim} is not divisible by num_heads {num_heads}.");
        c_attn = nn.Linear(embed_dim, 3 * embed_dim);
        c_proj = nn.Linear(embed_dim, embed_dim);
        (_heads, _dropout, _causal) = (num_heads, dropout, causal);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var (q, k, v) = Heads(x);                                                              // each [B, H, T, D]
        var y = F.scaled_dot_product_attention(q, k, v, null, training ? _dropout : 0, _causal); // [B, H, T, D]
        return c_proj.forward(y.transpose(1, 2).reshape(x.shape));                           // [B, T, E]
    }

    /// <summary>The attention weights softmax(q·kᵀ/√D) of every head, [B, H, T, T], for attention-map plots.</summary>
    public Tensor attention_weights(Tensor x)
    {
        var (q, k, _) = Heads(x);
        var scores = q.matmul(k.transpose(-2, -1)) / Math.Sqrt(q.shape[^1]);
        if (_causal)
        {
            long t = x.shape[1];
            scores = scores.masked_fill(ones(new long[] { t, t }, dtype: ScalarType.Bool, device: x.device).triu(1), double.NegativeInfinity);
        }
        return scores.softmax(-1);
    }

    (Tensor q, Tensor k, Tensor v) Heads(Tensor x)
    {
        long b = x.shape[0], t = x.shape[1], e = x.shape[2];
        var qkv = c_attn.forward(x).view(b, t, 3, _heads, e / _heads).permute(2, 0, 3, 1, 4);  // [3, B, H, T, D]
        return (qkv[0], qkv[1], qkv[2]);
    }
}

/// <summary>
/// A pre-LayerNorm transformer block (GPT-2): x + attention(LN(x)), then x + MLP(LN(x)) with a 4× wide GELU MLP.
/// Inputs are [B, T, E].
/// </summary>
public sealed class TransformerBlock : nn.Module<Tensor, Tensor>
{
    public readonly LayerNorm ln_1, ln_2;
    public readonly SelfAttention attn;
    public readonly Sequential mlp;

    public TransformerBlock(long embed_dim, long num_heads, double dropout = 0, bool causal = false) : base(nameof(TransformerBlock))
    {
        ln_1 = nn.LayerNorm(embed_dim);
        attn = new SelfAttention(embed_dim, num_heads, dropout, causal);
        ln_2 = nn.LayerNorm(embed_dim);
        mlp = nn.Sequential(nn.Linear(embed_dim, 4 * embed_dim), nn.GELU(), nn.Linear(4 * embed_dim, embed_dim), nn.Dropout(dropout));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = x + attn.forward(ln_1.forward(x));
        return x + mlp.forward(ln_2.forward(x));
    }
}
