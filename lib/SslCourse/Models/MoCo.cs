using SslCourse.Losses;

namespace SslCourse.Models;

/// <summary>
/// MoCo v2 (He et al., 2020; Chen et al., 2020): a query encoder learns by InfoNCE to match each image's other view as
/// encoded by a key encoder, against a queue of keys from earlier batches. The key encoder is not trained by gradients:
/// it follows the query encoder as an exponential moving average, θ_k ← m·θ_k + (1 − m)·θ_q, so the keys in the queue
/// stay consistent with each other. With m = 0 the key encoder jumps with every step and the queue goes stale.
/// (The paper also shuffles BatchNorm across GPUs; on one device the batch statistics are shared, a small leak.)
/// </summary>
public sealed class MoCo : nn.Module<Tensor, Tensor>
{
    /// <summary>The query encoder, the representation kept after pretraining.</summary>
    public readonly nn.Module<Tensor, Tensor> encoder;
    /// <summary>The query side's projection head (MoCo v2's MLP).</summary>
    public readonly Sequential projector;
    /// <summary>The momentum copies: no gradients, updated by <see cref="ExponentialMovingAverage"/>.</summary>
    public readonly nn.Module<Tensor, Tensor> keyEncoder;
    /// <summary>The momentum copy of the projection head.</summary>
    public readonly Sequential keyProjector;
    /// <summary>The negatives.</summary>
    public readonly FeatureQueue queue;

    /// <summary>
    /// MoCo on encoders made by <paramref name="makeEncoder"/> (called twice: query and key), whose outputs have
    /// <paramref name="featureSize"/> numbers. Train only the parameters that require grad; the key side has none.
    /// </summary>
    public MoCo(Func<nn.Module<Tensor, Tensor>> makeEncoder, int featureSize, int projectionSize = 128, int queueSize = 4096,
        double momentum = 0.99, double temperature = 0.2) : base(nameof(MoCo))
    {
        encoder = makeEncoder();
        projector = Heads.Mlp(featureSize, featureSize, projectionSize);
        keyEncoder = makeEncoder();
        keyProjector = Heads.Mlp(featureSize, featureSize, projectionSize);
        queue = new FeatureQueue(queueSize, projectionSize);
        Momentum = momentum;
        Temperature = temperature;
        RegisterComponents();
        MomentumCopy.Start(keyEncoder, encoder);
        MomentumCopy.Start(keyProjector, projector);
    }

    /// <summary>m of the key encoder's moving average.</summary>
    public double Momentum { get; set; }

    /// <summary>τ of InfoNCE.</summary>
    public double Temperature { get; set; }

    /// <summary>Query projections q [B, projectionSize].</summary>
    public override Tensor forward(Tensor x) => projector.forward(encoder.forward(x));

    /// <summary>
    /// One step's loss: the key encoder first catches up (moving average), then queries from <paramref name="view1"/>
    /// are matched with keys from <paramref name="view2"/> against the queue, and the keys join the queue.
    /// </summary>
    public Tensor Loss(Tensor view1, Tensor view2)
    {
        var q = forward(view1);
        Tensor k;
        using (torch.no_grad())
        {
            ExponentialMovingAverage.Update(keyEncoder, encoder, Momentum);
            ExponentialMovingAverage.Update(keyProjector, projector, Momentum);
            k = keyProjector.forward(keyEncoder.forward(view2));
        }
        // The negatives are copied: the queue changes below, before backward needs them.
        var loss = InfoNce.Loss(q, k, queue.Keys.clone(), Temperature);
        queue.Enqueue(k);
        return loss;
    }
}
