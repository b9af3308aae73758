using SslCourse.Data.Augment;
// The course's kernel, not torch.nn.Bilinear (the layer, which TorchSharp's global using brings in).
using Bilinear = SslCourse.Data.Augment.Bilinear;

namespace SslCourse.Tests.Data.Augment;

/// <summary>The deterministic kernels behind the augmentations against PyTorch at fixed parameters (Fixtures/gen_augment.py).</summary>
public class AugmentParityTests
{
    /// <summary>The box (top, left, height, width) of every image resized to (outH, outW) by the crop's bilinear kernel.</summary>
    static Tensor ResizedCrop(Tensor images, int top, int left, int height, int width, int outH, int outW)
    {
        int n = (int)images.size(0), c = (int)images.size(1), h = (int)images.size(2), w = (int)images.size(3);
        var source = images.data<float>().ToArray();
        var result = new float[n * c * outH * outW];
        var (rows, columns) = (Bilinear.Axis(top, height, outH), Bilinear.Axis(left, width, outW));
        for (int plane = 0; plane < n * c; plane++)
            Bilinear.Resample(source, plane * h * w, w, rows, columns, result.AsSpan(plane * outH * outW, outH * outW));
        return tensor(result, [n, c, outH, outW]);
    }

    [Fact]
    public void CropResizeMatchesInterpolateOnTheCroppedBox()
    {
        Parity.Check("augment", "resized_crop_up", x => ResizedCrop(x[0], 1, 2, 5, 6, 8, 11));
        Parity.Check("augment", "resized_crop_down", x => ResizedCrop(x[0], 0, 3, 7, 6, 4, 3));
    }

    [Fact]
    public void RotationMatchesAnAffineGridSample()
    {
        Parity.Check("augment", "rotate_square", x => new RandomRotation((30, 30)).forward(x[0]));
        Parity.Check("augment", "rotate_wide", x => new RandomRotation((-50, -50)).forward(x[0]));
    }

    [Fact]
    public void BlurMatchesAReflectPaddedConvolution() =>
        Parity.Check("augment", "gaussian_blur", x => new GaussianBlur(5, sigma: (1.3, 1.3)).forward(x[0]));

    [Fact]
    public void HueShiftMatchesTheHsvRoundTrip()
    {
        foreach (var (name, shift) in new[] { ("hue_shift", 0.27f), ("hue_shift_negative", -0.4f) })
            Parity.Check("augment", name, x =>
            {
                var data = x[0].data<float>().ToArray();
                int plane = data.Length / 3;
                for (int k = 0; k < plane; k++) Rgb.ShiftHue(ref data[k], ref data[plane + k], ref data[2 * plane + k], shift);
                return tensor(data, x[0].shape);
            });
    }
}
