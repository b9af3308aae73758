
namespace SslCourse.Models;

/// <summary>
/// Context prediction (Doersch et al., 2015): shown a patch and one of its eight neighbours, say where the neighbour
/// is. Both patches go through the same encoder; a small MLP on the two feature vectors picks one of the eight
/// positions (<see cref="RelativePatchPositions"/> numbers them).
/// </summary>
public sealed class RelativePositionNet : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>The encoder being pretrained, shared by both patches.</summary>
    public readonly SmallConvEncoder encoder;
    /// <summary>Concatenated features → eight position logits.</summary>
    public readonly Sequential head;

    /// <summary>A relative-position classifier on <paramref name="encoder"/>.</summary>
    public RelativePositionNet(SmallConvEncoder encoder, int hidden = 256) : base(nameof(RelativePositionNet))
    {
        this.encoder = encoder;
        head = Blocks.Mlp(2 * encoder.FeatureSize, hidden, 8);
        RegisterComponents();
    }

    /// <summary>Position logits [B, 8] for centre patches and neighbour patches, each [B, C, P, P].</summary>
    public override Tensor forward(Tensor centre, Tensor neighbour) =>
        head.forward(cat([encoder.forward(centre), encoder.forward(neighbour)], 1));
}
