using SslCourse.Data.Augment;
using static SslCourse.Tests.Data.Augment.TestImages;

namespace SslCourse.Tests.Data.Augment;

public class GeometricAugmentationTests
{
    [Fact]
    public void FlippingTwiceGivesBackTheImagesAndOneFlipMirrorsEachRow()
    {
        var images = Colourful(6, size: 12);
        var flip = new RandomHorizontalFlip(p: 1);
        var once = flip.forward(images, new Generator(1));
        Xunit.Assert.True(Same(images.flip(3), once), "one flip is not the mirror image");
        Xunit.Assert.True(Same(images, flip.forward(once, new Generator(2))), "two flips do not give back the images");
    }

    [Fact]
    public void FlipWithHalfProbabilityFlipsSomeImagesAndLeavesTheOthers()
    {
        var images = Colourful(64, size: 8);
        var result = new RandomHorizontalFlip().forward(images, new Generator(3));
        var mirrored = images.flip(3);
        int flipped = 0;
        for (int i = 0; i < 64; i++)
        {
            bool isMirror = Image(result, i).SequenceEqual(Image(mirrored, i)), isSame = Image(result, i).SequenceEqual(Image(images, i));
            Xunit.Assert.True(isMirror ^ isSame, $"image {i} is neither the original nor its mirror");
            if (isMirror) flipped++;
        }
        Xunit.Assert.InRange(flipped, 16, 48);
    }

    [Fact]
    public void CropOfTheWholeSquareImageAtItsOwnSizeIsTheIdentity()
    {
        var images = Colourful(5, size: 16);
        var crop = new RandomResizedCrop(16, scale: (1, 1), ratio: (1, 1));
        Xunit.Assert.True(Same(images, crop.forward(images, new Generator(4))));
    }

    [Fact]
    public void CropsHaveTheRequestedSizeStayInRangeAndResizeBilinearly()
    {
        var images = Colourful(8, size: 20);
        var result = new RandomResizedCrop((12, 10)).forward(images, new Generator(5));
        Xunit.Assert.Equal([8L, 3, 12, 10], result.shape);
        var values = result.data<float>();
        var (low, high) = (images.min().ToSingle(), images.max().ToSingle());
        Xunit.Assert.All(values, v => Xunit.Assert.InRange(v, low, high));  // bilinear weights are convex

        // A horizontal ramp stays a ramp: every output row is non-decreasing and rows are equal.
        var ramp = arange(0.0, 20.0).div(19).view(1, 1, 1, 20).expand(3, 1, 20, 20);
        var cropped = new RandomResizedCrop(8).forward(ramp, new Generator(6));
        for (int i = 0; i < 3; i++)
        {
            var img = Image(cropped, i);
            for (int y = 0; y < 8; y++)
                for (int x = 0; x < 8; x++)
                {
                    Xunit.Assert.Equal(img[x], img[y * 8 + x]);
                    if (x > 0) Xunit.Assert.True(img[y * 8 + x] >= img[y * 8 + x - 1], $"image {i} row {y} decreases at {x}");
                }
        }
    }

    [Fact]
    public void CropUpsamplingInterpolatesBetweenNeighbours()
    {
        // A 2x2 crop of [[0, 1], [2, 3]] enlarged to 4x4: half-pixel centres give weights ¼ and ¾ inside, clamp at the edges.
        var image = tensor(new float[] { 0, 1, 2, 3 }, [1, 1, 2, 2]);
        var result = new RandomResizedCrop(4, scale: (1, 1), ratio: (1, 1)).forward(image, new Generator(0));
        float[] row = [0, 0.25f, 0.75f, 1];
        var expected = new float[16];
        float[] rowOffset = [0, 0.5f, 1.5f, 2];
        for (int y = 0; y < 4; y++) for (int x = 0; x < 4; x++) expected[y * 4 + x] = row[x] + rowOffset[y];
        TensorAssert.Values(expected, result.view(16), 1e-6);
    }

    [Fact]
    public void RightAngleRotationLabelsSayHowToTurnEachImageBack()
    {
        var images = Colourful(40, size: 10);
        var (rotated, labels) = new RandomRightAngleRotation().forward_with_labels(images, new Generator(7));
        Xunit.Assert.Equal(int64, labels.dtype);
        var k = labels.data<long>();
        Xunit.Assert.Equal([0L, 1, 2, 3], k.Distinct().Order());
        for (int i = 0; i < 40; i++)
        {
            Xunit.Assert.True(Image(Rot90(images.narrow(0, i, 1), k[i]), 0).SequenceEqual(Image(rotated, i)), $"image {i} is not turned {k[i]} times");
            Xunit.Assert.True(Image(Rot90(rotated.narrow(0, i, 1), 4 - k[i]), 0).SequenceEqual(Image(images, i)), $"image {i} does not turn back");
        }
    }

    [Fact]
    public void AllRotationsListsEveryImageInEachOfTheFourTurns()
    {
        var images = Colourful(3, size: 6, channels: 1);
        var (rotated, labels) = RandomRightAngleRotation.all_rotations(images);
        Xunit.Assert.Equal([12L, 1, 6, 6], rotated.shape);
        Xunit.Assert.Equal([0L, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3], labels.data<long>());
        for (int k = 0; k < 4; k++)
            Xunit.Assert.True(Same(Rot90(images, k).contiguous(), rotated.narrow(0, 3 * k, 3).contiguous()), $"turn {k}");
    }

    [Fact]
    public void RotationByZeroIsTheIdentityAndByNinetyDegreesMatchesRot90()
    {
        var images = Colourful(4, size: 9);
        Xunit.Assert.True(Same(images, new RandomRotation(0).forward(images)));
        TensorAssert.Close(Rot90(images, 1).contiguous(), new RandomRotation((90, 90)).forward(images), atol: 1e-5);
        TensorAssert.Close(Rot90(images, 3).contiguous(), new RandomRotation((-90, -90)).forward(images), atol: 1e-5);
    }

    [Fact]
    public void RotationFillsTheCornersAndKeepsTheCentre()
    {
        var images = ones(3, 1, 11, 11);
        var result = new RandomRotation((30, 45), fill: 0).forward(images, new Generator(8));
        for (int i = 0; i < 3; i++)
        {
            var img = Image(result, i);
            Xunit.Assert.Equal(0f, img[0]);                  // a corner comes from outside the image
            Xunit.Assert.Equal(1f, img[5 * 11 + 5], 5);      // the centre stays
            Xunit.Assert.All(img, v => Xunit.Assert.InRange(v, 0f, 1.000001f));
        }
    }

    [Fact]
    public void GeometricAugmentationsRejectBadInput()
    {
        TensorAssert.Throws<ArgumentException>(() => new RandomRightAngleRotation().forward(ones(2, 3, 4, 5)), "RandomRightAngleRotation", "square", "4x5");
        TensorAssert.Throws<ArgumentException>(() => new RandomHorizontalFlip().forward(ones(3, 8, 8)), "RandomHorizontalFlip", "[N, 1 or 3, H, W]", "[3,8,8]");
        TensorAssert.Throws<ArgumentException>(() => new RandomResizedCrop(8).forward(ones(new long[] { 2, 1, 4, 4 }, int64)), "RandomResizedCrop", "float32");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => new RandomResizedCrop(8, scale: (0.5, 0.2)), "RandomResizedCrop", "scale", "(0.5, 0.2)");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => new RandomResizedCrop(8, ratio: (0, 2)), "RandomResizedCrop", "ratio");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => new RandomResizedCrop(0), "RandomResizedCrop", "size");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => new RandomRotation((10, -10)), "RandomRotation", "degrees");
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => new RandomHorizontalFlip(1.5), "RandomHorizontalFlip", "p must lie in [0, 1]", "1.5");
    }
}
