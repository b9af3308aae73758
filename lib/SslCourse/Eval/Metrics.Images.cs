namespace SslCourse.Eval;

public static partial class Metrics
{
    /// <summary>
    /// Peak signal-to-noise ratio in decibels, 10·log10(maxValue² / MSE), with the mean squared error taken over all
    /// elements of the two same-shaped tensors (images in [0, 1] by default). Identical inputs give +∞.
    /// </summary>
    public static double Psnr(Tensor prediction, Tensor target, double maxValue = 1.0)
    {
        if (prediction.dtype != torch.ScalarType.Float32 || target.dtype != torch.ScalarType.Float32 || !prediction.shape.SequenceEqual(target.shape))
            throw new ArgumentException($"Metrics.Psnr: prediction and target must be float32 tensors of the same shape, got {prediction.ShapeText()} {prediction.dtype.DtypeName()} and {target.ShapeText()} {target.dtype.DtypeName()}.");
        if (prediction.numel() == 0) throw new ArgumentException("Metrics.Psnr: the images are empty.");
        if (!(maxValue > 0)) throw new ArgumentException($"Metrics.Psnr: maxValue must be positive, got {maxValue}.");
        using var noGrad = torch.no_grad();
        double mse = (prediction - target).square().mean().ToDouble();
        return 10 * Math.Log10(maxValue * maxValue / mse);
    }
}
