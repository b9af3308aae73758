namespace SslCourse.Autograd;

/// <summary>Whether operations are recorded for backward on this thread.</summary>
internal static class GradMode
{
    [ThreadStatic] static bool _disabled;

    public static bool Enabled => !_disabled;

    public static IDisposable Set(bool enabled)
    {
        var restore = new Restore(!_disabled);
        _disabled = !enabled;
        return restore;
    }

    sealed class Restore(bool wasEnabled) : IDisposable
    {
        public void Dispose() => _disabled = !wasEnabled;
    }
}
