namespace SslCourse.Tests.Eval;

/// <summary>Labelled Gaussian blobs for the evaluation tests.</summary>
internal static class Blobs
{
    /// <summary>
    /// <paramref name="perClass"/> points around each of <paramref name="classes"/> random centres in
    /// <paramref name="dims"/> dimensions (centre entries N(0, separation²), noise N(0, noise²)), interleaved by class.
    /// </summary>
    public static (Tensor features, Tensor labels, Tensor centres) Make(int classes, int perClass, int dims, double separation, double noise, long seed)
    {
        var g = new torch.Generator().manual_seed(seed);
        var centres = randn([classes, dims], generator: g) * separation;
        var labels = arange(classes * perClass) % classes;
        var features = centres.index_select(0, labels) + randn([classes * perClass, dims], generator: g) * noise;
        return (features, labels, centres);
    }

    /// <summary>Uniformly random labels in [0, classes), unrelated to any features.</summary>
    public static Tensor RandomLabels(int n, int classes, long seed) => randint(classes, [n], generator: new torch.Generator().manual_seed(seed));
}
