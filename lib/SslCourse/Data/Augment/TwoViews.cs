namespace SslCourse.Data.Augment;

/// <summary>
/// Two independently augmented views of the same batch, the positive pairs of contrastive methods (SimCLR, MoCo,
/// BYOL). Both views use <c>first</c> unless a different <c>second</c> pipeline is given (BYOL's views are asymmetric).
/// </summary>
public sealed class TwoViews(Augmentation first, Augmentation? second = null)
{
    /// <summary>The pipeline of the first view.</summary>
    public Augmentation first { get; } = first;
    /// <summary>The pipeline of the second view.</summary>
    public Augmentation second { get; } = second ?? first;

    /// <summary>Both views of <paramref name="images"/> [N, C, H, W]: the first view's draws, then the second's.</summary>
    public (Tensor first, Tensor second) forward(Tensor images, torch.Generator? generator = null) =>
        (first.forward(images, generator), second.forward(images, generator));

    public override string ToString() => ReferenceEquals(first, second) ? $"TwoViews({first})" : $"TwoViews({first}, {second})";
}
