namespace SslCourse;

/// <summary>Formats tensors as text (shape, type, values) and as the same text in an HTML &lt;pre&gt; block.</summary>
internal sealed class TensorFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new ConventionFormatter(typeof(Tensor), "text/html", t => "<pre>" + System.Net.WebUtility.HtmlEncode(t.ToString()) + "</pre>"),
        new ConventionFormatter(typeof(Tensor), "text/plain", t => t.ToString()),
    ];
}
