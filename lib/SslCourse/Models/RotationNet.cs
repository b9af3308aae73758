
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

    /// <summary>Rotation logits [B, 4] for images [B, C, H, W]; <c>RandomRightAngleRotation.all_rotations</c> makes the training batches.</summary>
    public override Tensor forward(Tensor x) => head.forward(encoder.forward(x));
}
