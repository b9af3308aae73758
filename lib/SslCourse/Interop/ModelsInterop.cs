namespace SslCourse;

/// <summary>What the models ask of the engines beyond their shared API, written once on that API.</summary>
internal static class ModelsInterop
{
    /// <summary>
    /// A uniform integer in [<paramref name="low"/>, <paramref name="high"/>) from <paramref name="generator"/> (the
    /// default one when null): one torch.randint draw, since neither engine's generator hands out numbers itself.
    /// </summary>
    public static long RandomInteger(long low, long high, Generator? generator)
    {
        using var draw = randint(low, high, [1], generator: generator);
        return draw.item<long>();
    }
}
