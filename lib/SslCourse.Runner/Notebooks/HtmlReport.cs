using System.Net;
using System.Text;
using Markdig;

namespace SslCourse.Runner.Notebooks;

/// <summary>
/// Writes an executed notebook as one self-contained HTML page: markdown rendered (formulas by KaTeX), code with its
/// outputs inline. Figures load plotly.js from the URL they were rendered with.
/// </summary>
public static class HtmlReport
{
    static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    const string Style = """
        body { font-family: system-ui, sans-serif; max-width: 980px; margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #1f2328; }
        pre { background: #f6f8fa; padding: 0.8em; overflow-x: auto; border-radius: 6px; }
        .code { border-left: 3px solid #0969da; }
        .output { margin: 0.4em 0 1.2em 0; }
        .output pre { background: #fff; border: 1px solid #d0d7de; }
        .error pre { color: #cf222e; border-color: #cf222e; }
        table { border-collapse: collapse; } td, th { border: 1px solid #d0d7de; padding: 2px 8px; }
        """;

    public static string Render(Notebook notebook, NotebookResult? result = null)
    {
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(notebook.Title)}</title>
            <style>{Style}</style>
            <link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/katex@0.16.11/dist/katex.min.css">
            <script defer src="https://cdn.jsdelivr.net/npm/katex@0.16.11/dist/katex.min.js"></script>
            <script defer src="https://cdn.jsdelivr.net/npm/katex@0.16.11/dist/contrib/auto-render.min.js" onload="renderMathInElement(document.body)"></script>
            </head><body>
            """);
        if (result is { Failure: { } failure }) html.Append($"<div class=\"error\"><pre>{WebUtility.HtmlEncode(failure)}</pre></div>");
        foreach (var cell in notebook.Cells)
        {
            if (cell.IsMarkdown) { html.Append(Markdig.Markdown.ToHtml(cell.Source, Markdown)); continue; }
            html.Append($"<pre class=\"code\"><code class=\"language-csharp\">{WebUtility.HtmlEncode(cell.Source)}</code></pre>");
            foreach (var output in cell.Outputs) html.Append("<div class=\"output\">").Append(RenderOutput(output)).Append("</div>");
        }
        return html.Append("</body></html>\n").ToString();
    }

    static string RenderOutput(Output output) => output switch
    {
        StreamOutput s => $"<pre>{WebUtility.HtmlEncode(s.Text)}</pre>",
        DisplayOutput d when d.Data.TryGetValue("text/html", out var h) => h,
        DisplayOutput d => $"<pre>{WebUtility.HtmlEncode(d.Data.GetValueOrDefault("text/plain", ""))}</pre>",
        ErrorOutput e => $"<div class=\"error\"><pre>{WebUtility.HtmlEncode(string.Join("\n", e.Traceback))}</pre></div>",
        _ => "",
    };
}
