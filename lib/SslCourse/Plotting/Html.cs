using System.Net;

namespace SslCourse.Plotting;

/// <summary>Small helpers for the HTML that figures, images and tables render to.</summary>
internal static class Html
{
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    public static string Caption(string? title) => title is null ? "" : $"<div style=\"font-weight:600;margin:4px 0\">{Encode(title)}</div>";

    public static string DataUri(string mime, byte[] bytes) => $"data:{mime};base64,{Convert.ToBase64String(bytes)}";

    static int _ids;

    /// <summary>A page-unique element id, so several outputs can live in one report.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Environment.ProcessId}-{Interlocked.Increment(ref _ids)}";
}

/// <summary>A type every plotting output shares: it renders to self-contained HTML and has a text fallback.</summary>
[TypeFormatterSource(typeof(PlottingFormatterSource), PreferredMimeTypes = ["text/html"])]
public abstract class Displayable
{
    /// <summary>Self-contained HTML for a notebook cell or a report.</summary>
    public abstract string ToHtml();
}

internal sealed class PlottingFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new ConventionFormatter(typeof(Displayable), "text/html", v => ((Displayable)v).ToHtml()),
        new ConventionFormatter(typeof(Displayable), "text/plain", v => v.ToString()),
    ];
}
