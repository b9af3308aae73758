using SslCourse.Losses;

namespace SslCourse.Models;

/// <summary>
/// SimSiam (Chen &amp; He, 2021): BYOL without the moving average. One encoder and projector f embed both views, a
/// predictor h maps one view's projection to the other's, and the loss ½D(h(z₁), z₂) + ½D(h(z₂), z₁) uses the negative
/// cosine D with the gradient stopped at the target z. The paper's finding: without the stop-gradient the network
/// collapses at once to a constant output (watch <see cref="Eval.Metrics.NormalizedOutputStd"/> fall to 0).
/// </summary>
public sealed class SimSiam : nn.Module<Tensor, Tensor>
{
    /// <summary>The encoder being pretrained.</summary>
    public readonly nn.Module<Tensor, Tensor> encoder;
    /// <summary>The projector: three layers with BatchNorm, the last one normalised too.</summary>
    public readonly Sequential projector;
    /// <summary>The predictor: a two-layer bottleneck MLP.</summary>
    public readonly Sequential predictor;

    /// <summary>SimSiam on <paramref name="encoder"/>, whose outputs have <paramref name="featureSize"/> numbers.</summary>
    public SimSiam(nn.Module<Tensor, Tensor> encoder, int featureSize, int projectionSize = 128, int predictorHidden = 32) : base(nameof(SimSiam))
    {
        this.encoder = encoder;
        projector = Heads.Mlp(featureSize, projectionSize, projectionSize, layers: 3, batchNorm: true, normalizeOutput: true);
        predictor = Heads.Mlp(projectionSize, predictorHidden, projectionSize, batchNorm: true);
        RegisterComponents();
    }

    /// <summary>Whether the loss stops the gradient at the target (true, as in the paper; false is the ablation that collapses).</summary>
    public bool StopGradient { get; set; } = true;

    /// <summary>Projections z [B, projectionSize] (what the collapse monitor watches).</summary>
    public override Tensor forward(Tensor x) => projector.forward(encoder.forward(x));

    /// <summary>The symmetric loss of two views [B, C, H, W]: −1 when every prediction points at the other view's projection.</summary>
    public Tensor Loss(Tensor view1, Tensor view2)
    {
        var z1 = forward(view1);
        var z2 = forward(view2);
        return 0.5 * NegativeCosine.Loss(predictor.forward(z1), z2, StopGradient) + 0.5 * NegativeCosine.Loss(predictor.forward(z2), z1, StopGradient);
    }
}
