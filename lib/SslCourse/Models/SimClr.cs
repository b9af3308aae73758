using SslCourse.Losses;

namespace SslCourse.Models;

/// <summary>
/// SimCLR (Chen et al., 2020): two random augmentations of each image go through one encoder f and a projection head
/// g; NT-Xent pulls each pair together and pushes it away from the other 2N − 2 views in the batch. The encoder's
/// output h = f(x) is the representation; z = g(h) exists only for the loss.
/// </summary>
public sealed class SimClr : nn.Module<Tensor, Tensor>
{
    /// <summary>The encoder f being pretrained.</summary>
    public readonly nn.Module<Tensor, Tensor> encoder;
    /// <summary>The projection head g: features → the space NT-Xent compares.</summary>
    public readonly Sequential projector;

    /// <summary>SimCLR on <paramref name="encoder"/>, whose outputs have <paramref name="featureSize"/> numbers.</summary>
    public SimClr(nn.Module<Tensor, Tensor> encoder, int featureSize, int projectionSize = 128, double temperature = 0.5) : base(nameof(SimClr))
    {
        this.encoder = encoder;
        projector = Heads.Mlp(featureSize, featureSize, projectionSize);
        Temperature = temperature;
        RegisterComponents();
    }

    /// <summary>τ of NT-Xent.</summary>
    public double Temperature { get; set; }

    /// <summary>Projections z = g(f(x)) [B, projectionSize].</summary>
    public override Tensor forward(Tensor x) => projector.forward(encoder.forward(x));

    /// <summary>NT-Xent of two views [B, C, H, W] of the same B images.</summary>
    public Tensor Loss(Tensor view1, Tensor view2) => NtXent.Loss(forward(view1), forward(view2), Temperature);
}
