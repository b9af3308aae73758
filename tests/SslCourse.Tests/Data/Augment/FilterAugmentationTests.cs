using SslCourse.Data.Augment;
using static SslCourse.Tests.Data.Augment.TestImages;

namespace SslCourse.Tests.Data.Augment;

public class FilterAugmentationTests
{
    [Fact]
    public void BlurKeepsAConstantImageAndSmoothsACheckerboard()
    {
        var constant = full([3, 3, 9, 9], 0.37);
        var blurred = new GaussianBlur(5, sigma: (0.5, 2)).forward(constant, new Generator(1));
        Xunit.Assert.All(blurred.data<float>(), v => Xunit.Assert.Equal(0.37f, v, 1e-6));
        Xunit.Assert.Equal(0.37, blurred.mean().ToDouble(), 1e-6);

        var checker = tensor(Enumerable.Range(0, 64).Select(k => (float)((k / 8 + k % 8) % 2)).ToArray(), [1, 1, 8, 8]);
        var smooth = new GaussianBlur(3, sigma: (1, 1)).forward(checker, new Generator(2));
        Xunit.Assert.True(smooth.var().ToDouble() < 0.25 * checker.var().ToDouble(), "the blur does not smooth a checkerboard");
        Xunit.Assert.All(smooth.data<float>(), v => Xunit.Assert.InRange(v, 0f, 1f));
        var kernelOne = new GaussianBlur(1).forward(checker, new Generator(2));
        Xunit.Assert.True(Same(checker, kernelOne), "a one-tap kernel is the identity");
    }

    [Fact]
    public void BlurAtTheBorderReflectsAboutTheEdgePixel()
    {
        // Row [1, 0, 0, 0] with a 3-tap kernel (a, b, a): reflect padding sees 0 left of the edge pixel, so the first
        // output is b·1 + 2a·0 and the second a·1.
        var image = tensor(new float[] { 1, 0, 0, 0 }, [1, 1, 1, 4]).expand(1, 1, 4, 4);
        var result = new GaussianBlur(3, sigma: (1, 1)).forward(image, new Generator(3)).data<float>();
        double a = Math.Exp(-0.5), b = 1, total = 2 * a + b;
        Xunit.Assert.Equal(b / total, result[0], 1e-6);
        Xunit.Assert.Equal(a / total, result[1], 1e-6);
        Xunit.Assert.Equal(0, result[3], 1e-6);
    }

    [Fact]
    public void NoiseHasTheRequestedSpreadAndClipping()
    {
        var grey = full([8, 3, 16, 16], 0.5);
        var noisy = new GaussianNoise(std: 0.05).forward(grey, new Generator(4));
        var difference = (noisy - grey).data<float>();
        double mean = difference.Average(), std = Math.Sqrt(difference.Select(d => (d - mean) * (d - mean)).Average());
        Xunit.Assert.InRange(mean, -0.005, 0.005);
        Xunit.Assert.InRange(std, 0.045, 0.055);
        var clipped = new GaussianNoise(std: 1).forward(grey, new Generator(5)).data<float>();
        Xunit.Assert.All(clipped, v => Xunit.Assert.InRange(v, 0f, 1f));
        Xunit.Assert.Contains(clipped, v => v == 0f);
        var unclipped = new GaussianNoise(std: 1, clip: false).forward(grey, new Generator(5)).data<float>();
        Xunit.Assert.Contains(unclipped, v => v < 0f);
    }

    [Fact]
    public void ErasingChangesOnlyOneRectangleInEveryChannel()
    {
        var images = Colourful(20, size: 16);
        var result = new RandomErasing(p: 1, value: -1).forward(images, new Generator(6));
        int erased = 0;
        for (int i = 0; i < 20; i++)
        {
            var (before, after) = (Image(images, i), Image(result, i));
            var changed = Enumerable.Range(0, 256).Where(k => after[k] != before[k]).ToList();
            if (changed.Count == 0) continue;  // ten draws that did not fit leave the image alone
            erased++;
            int top = changed.Min(k => k / 16), bottom = changed.Max(k => k / 16), left = changed.Min(k => k % 16), right = changed.Max(k => k % 16);
            Xunit.Assert.Equal((bottom - top + 1) * (right - left + 1), changed.Count);  // the changed pixels fill their bounding box
            Xunit.Assert.InRange(changed.Count, 1, (int)(0.33 * 256) + 32);
            for (int c = 0; c < 3; c++)
                for (int k = 0; k < 256; k++)
                {
                    bool inside = k / 16 >= top && k / 16 <= bottom && k % 16 >= left && k % 16 <= right;
                    Xunit.Assert.Equal(inside ? -1f : before[c * 256 + k], after[c * 256 + k]);
                }
        }
        Xunit.Assert.True(erased >= 18, $"only {erased} of 20 images were erased with p = 1");
    }

    [Fact]
    public void NormalizeMatchesSubtractingTheMeanAndDividingByTheStd()
    {
        var images = Colourful(3, size: 8);
        var result = new Normalize([0.49, 0.48, 0.45], [0.25, 0.24, 0.26]).forward(images);
        var expected = (images - tensor(new[] { 0.49f, 0.48f, 0.45f }, [1, 3, 1, 1])) / tensor(new[] { 0.25f, 0.24f, 0.26f }, [1, 3, 1, 1]);
        TensorAssert.Close(expected, result, atol: 1e-6);
    }

    [Fact]
    public void FiltersRejectBadParameters()
    {
        TensorAssert.Throws<ArgumentException>(() => new GaussianBlur(9).forward(ones(1, 3, 4, 4)), "GaussianBlur", "kernel_size 9", "4x4");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => new GaussianBlur(4), "GaussianBlur", "odd", "4");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => new GaussianBlur(3, sigma: (0, 1)), "GaussianBlur", "sigma", "(0, 1)");
        TensorAssert.Throws<ArgumentException>(() => new Normalize([0.5, 0.5, 0.5], [0.2, 0.2, 0.2]).forward(ones(2, 1, 4, 4)), "Normalize", "3 means", "1 channel");
        TensorAssert.Throws<ArgumentException>(() => new Normalize([0.5], [0.2, 0.2]), "Normalize", "1 means and 2 stds");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => new Normalize([0.5], [0]), "Normalize", "positive");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise(std: -1), "GaussianNoise", "std");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => new RandomErasing(scale: (0.2, 1.5)), "RandomErasing", "scale");
    }
}
