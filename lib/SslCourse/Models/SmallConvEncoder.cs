
namespace SslCourse.Models;

/// <summary>
/// The small CNN that lessons 04–06 pretrain in different ways: conv-BN-ReLU blocks of width w, w | pool | 2w, 2w |
/// pool | 4w, then global average pooling to a feature vector of 4w numbers. Being fully convolutional, it takes
/// any image size (28×28 digits, 32×32 shapes, 8×8 patches).
/// </summary>
public sealed class SmallConvEncoder : nn.Module<Tensor, Tensor>
{
    /// <summary>The convolutional blocks, image → [B, 4w, S/4, S/4].</summary>
    public readonly Sequential features;

    /// <summary>An encoder for images of <paramref name="channels"/> channels with base width <paramref name="width"/>.</summary>
    public SmallConvEncoder(int channels, int width = 32) : base(nameof(SmallConvEncoder))
    {
        features = nn.Sequential(
            Block(channels, width), Block(width, width), nn.MaxPool2d(2),
            Block(width, 2 * width), Block(2 * width, 2 * width), nn.MaxPool2d(2),
            Block(2 * width, 4 * width));
        FeatureSize = 4 * width;
        RegisterComponents();
    }

    static Sequential Block(int inChannels, int outChannels) =>
        nn.Sequential(nn.Conv2d(inChannels, outChannels, 3, padding: 1, bias: false), nn.BatchNorm2d(outChannels), nn.ReLU());

    /// <summary>Length of the feature vector.</summary>
    public int FeatureSize { get; }

    /// <summary>Feature vectors [B, FeatureSize].</summary>
    public override Tensor forward(Tensor x) => features.forward(x).mean([2, 3]);
}
