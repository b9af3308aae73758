using SslCourse.Data.Augment;
using static SslCourse.Tests.Data.Augment.TestImages;

namespace SslCourse.Tests.Data.Augment;

public class ColorAugmentationTests
{
    /// <summary>Colourful images squeezed into [0.3, 0.7], so that factors up to 1.5 never clip.</summary>
    static Tensor MidRange(int n) => Colourful(n, size: 8) * 0.4 + 0.3;

    static float[] Luma(Tensor images, int i)
    {
        var img = Image(images, i);
        int plane = img.Length / 3;
        return Enumerable.Range(0, plane).Select(k => 0.299f * img[k] + 0.587f * img[plane + k] + 0.114f * img[2 * plane + k]).ToArray();
    }

    [Fact]
    public void JitterWithAllParametersZeroIsTheIdentity()
    {
        var images = Colourful(4, size: 8);
        Xunit.Assert.True(Same(images, new ColorJitter(brightness: 0).forward(images, new Generator(1))));
        Xunit.Assert.True(Same(images, new ColorJitter(0, 0, 0, 0).forward(images, new Generator(1))));
    }

    [Fact]
    public void BrightnessScalesEachImageByOneFactorWithinTheRange()
    {
        var images = MidRange(16);
        var result = new ColorJitter(brightness: 0.5).forward(images, new Generator(2));
        var factors = new List<double>();
        for (int i = 0; i < 16; i++)
        {
            var (before, after) = (Image(images, i), Image(result, i));
            double factor = after[0] / before[0];
            Xunit.Assert.InRange(factor, 0.5, 1.5);
            for (int k = 0; k < before.Length; k++) Xunit.Assert.Equal(before[k] * factor, after[k], 1e-5);
            factors.Add(factor);
        }
        Xunit.Assert.True(factors.Distinct().Count() == 16, "images should draw factors of their own");
    }

    [Fact]
    public void ContrastKeepsTheMeanGreyAndSaturationKeepsEachPixelsGrey()
    {
        var images = MidRange(6);
        var contrast = new ColorJitter(contrast: 0.5).forward(images, new Generator(3));
        var saturation = new ColorJitter(saturation: 0.5).forward(images, new Generator(4));
        for (int i = 0; i < 6; i++)
        {
            Xunit.Assert.Equal(Luma(images, i).Average(), Luma(contrast, i).Average(), 1e-5);
            Xunit.Assert.False(Image(images, i).SequenceEqual(Image(contrast, i)));
            var (before, after) = (Luma(images, i), Luma(saturation, i));
            for (int k = 0; k < before.Length; k++) Xunit.Assert.Equal(before[k], after[k], 1e-5);
            Xunit.Assert.False(Image(images, i).SequenceEqual(Image(saturation, i)));
        }
    }

    [Fact]
    public void HueTurnsPrimariesIntoEachOtherKeepsGreysAndShiftZeroIsTheIdentity()
    {
        float r = 1, g = 0, b = 0;
        Rgb.ShiftHue(ref r, ref g, ref b, 1 / 3f);
        Xunit.Assert.Equal((0f, 1f, 0f), (MathF.Round(r, 5), MathF.Round(g, 5), MathF.Round(b, 5)));
        Rgb.ShiftHue(ref r, ref g, ref b, -2 / 3f);
        Xunit.Assert.Equal((0f, 0f, 1f), (MathF.Round(r, 5), MathF.Round(g, 5), MathF.Round(b, 5)));

        var images = Colourful(3, size: 8);
        var data = images.data<float>().ToArray();
        for (int k = 0; k < data.Length / 3; k++)
        {
            int plane = 64, at = k / plane * 3 * plane + k % plane;
            var (r0, g0, b0) = (data[at], data[at + plane], data[at + 2 * plane]);
            (r, g, b) = (r0, g0, b0);
            Rgb.ShiftHue(ref r, ref g, ref b, 0);
            Xunit.Assert.True(Math.Abs(r - r0) < 1e-6 && Math.Abs(g - g0) < 1e-6 && Math.Abs(b - b0) < 1e-6, $"pixel {k} changes under a zero shift");
        }

        var greys = rand([5, 1, 6, 6], generator: new Generator(5)).expand(5, 3, 6, 6);
        Xunit.Assert.True(Same(greys.contiguous(), new ColorJitter(hue: 0.5).forward(greys, new Generator(6))));
        var colours = Colourful(5, size: 6);
        var turned = new ColorJitter(hue: 0.5).forward(colours, new Generator(6));
        for (int i = 0; i < 5; i++) Xunit.Assert.False(Image(colours, i).SequenceEqual(Image(turned, i)));
    }

    [Fact]
    public void JitterOrderAndFactorsDifferBetweenImagesButRepeatWithTheSeed()
    {
        var images = Colourful(1, size: 8).expand(32, 3, 8, 8);
        var jitter = new ColorJitter(0.4, 0.4, 0.4, 0.1);
        var result = jitter.forward(images, new Generator(7));
        Xunit.Assert.Equal(32, Enumerable.Range(0, 32).Select(i => string.Join(",", Image(result, i))).Distinct().Count());
        Xunit.Assert.True(Same(result, jitter.forward(images, new Generator(7))));
        Xunit.Assert.All(result.data<float>(), v => Xunit.Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void JitterOnGreyImagesChangesBrightnessAndContrastOnly()
    {
        var images = Colourful(4, size: 8, channels: 1);
        Xunit.Assert.True(Same(images, new ColorJitter(saturation: 0.8, hue: 0.3).forward(images, new Generator(8))));
        Xunit.Assert.False(Same(images, new ColorJitter(contrast: 0.8).forward(images, new Generator(8))));
    }

    [Fact]
    public void GreyscaleGivesThreeEqualChannelsOfLuma()
    {
        var images = Colourful(4, size: 8);
        var result = new RandomGrayscale(p: 1).forward(images, new Generator(9));
        Xunit.Assert.Equal([4L, 3, 8, 8], result.shape);
        for (int i = 0; i < 4; i++)
        {
            var (img, luma) = (Image(result, i), Luma(images, i));
            for (int k = 0; k < 64; k++)
            {
                Xunit.Assert.Equal(img[k], img[64 + k]);
                Xunit.Assert.Equal(img[k], img[128 + k]);
                Xunit.Assert.Equal(luma[k], img[k], 1e-6);
            }
        }
        var grey = Colourful(2, size: 8, channels: 1);
        Xunit.Assert.True(Same(grey, new RandomGrayscale(p: 1).forward(grey)));
    }

    [Fact]
    public void ColourAugmentationsRejectBadParameters()
    {
        TensorAssert.Throws<ArgumentException>(() => new ColorJitter(0.4).forward(ones(2, 4, 8, 8)), "ColorJitter", "[N, 1 or 3, H, W]", "[2,4,8,8]");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => new ColorJitter(hue: 0.7), "ColorJitter", "hue", "0.7");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => new ColorJitter(contrast: -1), "ColorJitter", "contrast", "-1");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => new RandomGrayscale(-0.1), "RandomGrayscale", "p");
    }
}
