using SslCourse.Modules;
using static SslCourse.torch;

namespace SslCourse.Models;

/// <summary>
/// RotNet (Gidaris et al., 2018): an encoder and a linear head that tell by how many quarter turns an image was
/// rotated. To answer, the encoder has to know which way up a digit or object goes — what its parts are and where
/// they sit — and that is the representation we keep.
/// </summary>
public sealed class RotationNet : nn.Module<Tensor, Tensor>
{
    /// <summary>The encoder being pretrained.</summary>
    public readonly SmallConvEncoder encoder;
    /// <summary>Features → four rotation logits.</summary>
    public readonly Linear head;

    /// <summary>A rotation classifier on <paramref name="encoder"/>.</summary>
    public RotationNet(SmallConvEncoder encoder) : base(nameof(RotationNet))
    {
        this.encoder = encoder;
        head = nn.Linear(encoder.FeatureSize, 4);
        RegisterComponents();
    }

    /// <summary>Rotation logits [B, 4] for images [B, C, H, W].</summary>
    public override Tensor forward(Tensor x) => head.forward(encoder.forward(x));

    /// <summary>
    /// Every image of a square batch [B, C, S, S] in all four rotations, as Gidaris et al. train: the images turned by
    /// k quarter turns counter-clockwise for k = 0…3, stacked to [4B, C, S, S], with the labels k (int64 [4B]).
    /// </summary>
    public static (Tensor images, Tensor labels) AllRotations(Tensor images)
    {
        if (images.dim() != 4 || images.shape[2] != images.shape[3])
            throw new ArgumentException($"RotationNet.AllRotations: expected square images [B, C, S, S], got {ShapeUtil.Format(images.shape)}.");
        var quarter = images.transpose(2, 3).flip(2);      // one quarter turn counter-clockwise
        var half = images.flip(2, 3);
        var threeQuarters = images.transpose(2, 3).flip(3);
        long b = images.shape[0];
        return (cat([images, quarter, half, threeQuarters]), arange(4).repeat_interleave(b));
    }
}
