using SslCourse.Losses;

namespace SslCourse.Models;

/// <summary>
/// BYOL (Grill et al., 2020): an online network (encoder, projector, predictor) learns to predict, from one view, the
/// target network's projection of the other view. The target is a moving average of the online encoder and projector,
/// never trained by gradient. There are no negatives: the predictor and the slowly moving target keep the online
/// network from collapsing. The loss is ‖p̄ − z̄‖² = 2 − 2·cos(p, z) for unit vectors, summed over both directions.
/// </summary>
public sealed class Byol : nn.Module<Tensor, Tensor>
{
    /// <summary>The online encoder, the representation kept after pretraining.</summary>
    public readonly nn.Module<Tensor, Tensor> encoder;
    /// <summary>The online projection head (Linear-BN-ReLU-Linear).</summary>
    public readonly Sequential projector;
    /// <summary>The online prediction head, same shape as the projector.</summary>
    public readonly Sequential predictor;
    /// <summary>The target network: moving averages of the encoder and projector.</summary>
    public readonly nn.Module<Tensor, Tensor> targetEncoder;
    /// <summary>The target's projection head.</summary>
    public readonly Sequential targetProjector;

    /// <summary>
    /// BYOL on encoders made by <paramref name="makeEncoder"/> (called twice: online and target). Train only the
    /// parameters that require grad; the target has none.
    /// </summary>
    public Byol(Func<nn.Module<Tensor, Tensor>> makeEncoder, int featureSize, int hiddenSize = 256, int projectionSize = 64, double momentum = 0.99)
        : base(nameof(Byol))
    {
        encoder = makeEncoder();
        projector = Heads.Mlp(featureSize, hiddenSize, projectionSize, batchNorm: true);
        predictor = Heads.Mlp(projectionSize, hiddenSize, projectionSize, batchNorm: true);
        targetEncoder = makeEncoder();
        targetProjector = Heads.Mlp(featureSize, hiddenSize, projectionSize, batchNorm: true);
        Momentum = momentum;
        RegisterComponents();
        MomentumCopy.Start(targetEncoder, encoder);
        MomentumCopy.Start(targetProjector, projector);
    }

    /// <summary>τ of the target's moving average (the paper starts at 0.996 and raises it to 1 on a cosine schedule).</summary>
    public double Momentum { get; set; }

    /// <summary>Online predictions p [B, projectionSize].</summary>
    public override Tensor forward(Tensor x) => predictor.forward(projector.forward(encoder.forward(x)));

    /// <summary>One step's loss: the target catches up (moving average), then each view's prediction regresses the other's target.</summary>
    public Tensor Loss(Tensor view1, Tensor view2)
    {
        Tensor t1, t2;
        using (torch.no_grad())
        {
            ExponentialMovingAverage.Update(targetEncoder, encoder, Momentum);
            ExponentialMovingAverage.Update(targetProjector, projector, Momentum);
            t1 = targetProjector.forward(targetEncoder.forward(view1));
            t2 = targetProjector.forward(targetEncoder.forward(view2));
        }
        // 2 − 2·cos, averaged over the batch, in each direction.
        return 4 + 2 * (NegativeCosine.Loss(forward(view1), t2) + NegativeCosine.Loss(forward(view2), t1));
    }
}
