using static SslCourse.torch;

namespace SslCourse.Modules;

/// <summary>A module without parameters that applies a function (activations, reshapes, pooling).</summary>
public class Lambda(string name, Func<Tensor, Tensor> function) : nn.Module<Tensor, Tensor>(name)
{
    public override Tensor forward(Tensor input) => function(input);
}

/// <summary>Looks up rows of a [num_embeddings, embedding_dim] table, initialised N(0, 1) (the padding row zero).</summary>
public sealed class Embedding : nn.Module<Tensor, Tensor>
{
    public readonly Tensor weight;
    readonly long? _padding;

    public Embedding(long num_embeddings, long embedding_dim, long? padding_idx = null, Generator? generator = null) : base(nameof(Embedding))
    {
        weight = randn([num_embeddings, embedding_dim], generator);
        if (padding_idx is long p) using (no_grad()) weight[p < 0 ? p + num_embeddings : p].zero_();
        weight.requires_grad_();
        _padding = padding_idx;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => nn.functional.embedding(input, weight, _padding);
}

/// <summary>Zeroes activations with probability p while training, scaling the rest by 1/(1−p).</summary>
public sealed class Dropout(double p = 0.5, Generator? generator = null) : nn.Module<Tensor, Tensor>(nameof(Dropout))
{
    public override Tensor forward(Tensor input) => nn.functional.dropout(input, p, training, generator);
}
