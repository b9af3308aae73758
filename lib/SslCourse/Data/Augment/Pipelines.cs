namespace SslCourse.Data.Augment;

/// <summary>Augmentation pipelines of published methods, ready to use.</summary>
public static class Pipelines
{
    /// <summary>
    /// SimCLR's augmentation (Chen et al., 2020): a random resized crop to <paramref name="size"/>, a horizontal flip,
    /// colour jitter of strength s (0.8s, 0.8s, 0.8s, 0.2s) with probability 0.8, and greyscale with probability 0.2;
    /// and, when <paramref name="blur_p"/> &gt; 0, a Gaussian blur with a kernel of a tenth of the image size. The paper
    /// uses s = 1 on ImageNet and s = 0.5 on CIFAR-10, where it leaves the blur out.
    /// </summary>
    public static Compose SimClr(int size = 32, double strength = 0.5, double blur_p = 0)
    {
        var steps = new List<Augmentation>
        {
            new RandomResizedCrop(size),
            new RandomHorizontalFlip(),
            new ColorJitter(0.8 * strength, 0.8 * strength, 0.8 * strength, 0.2 * strength, p: 0.8),
            new RandomGrayscale(0.2),
        };
        if (blur_p > 0) steps.Add(new GaussianBlur(size / 20 * 2 + 1, p: blur_p));
        return new Compose([.. steps]);
    }
}
