using System.Text.Json;
using System.Text.Json.Nodes;

namespace SslCourse.Plotting;

/// <summary>
/// A chart rendered by plotly.js from a Plotly figure description (the public JSON schema: data traces and a layout).
/// Every figure has a title and labelled axes. Add traces with Line, <c>Scatter</c>, <see cref="Bar"/>,
/// <see cref="Histogram"/> and <see cref="Heatmap"/>; show it by making it a cell's last value.
/// </summary>
public sealed class Figure : Displayable
{
    /// <summary>Where plotly.js comes from: its CDN unless SSLCOURSE_PLOTLY_URL (or this property) says otherwise.</summary>
    public static string PlotlyUrl { get; set; } = Environment.GetEnvironmentVariable("SSLCOURSE_PLOTLY_URL") ?? "https://cdn.plot.ly/plotly-2.35.2.min.js";

    readonly JsonArray _traces = new();
    readonly JsonObject _layout;

    public Figure(string title, string xTitle, string yTitle, int width = 640, int height = 400)
    {
        Title = title;
        _layout = new JsonObject
        {
            ["title"] = new JsonObject { ["text"] = title },
            ["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = xTitle } },
            ["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = yTitle } },
            ["width"] = width, ["height"] = height,
            ["margin"] = new JsonObject { ["t"] = 50, ["r"] = 20 },
        };
    }

    public string Title { get; }

    /// <summary>The traces, as Plotly JSON.</summary>
    public JsonArray Data => _traces;

    /// <summary>The layout, as Plotly JSON (adjust anything plotly.js supports).</summary>
    public JsonObject Layout => _layout;

    // JSON has no NaN or infinity; plotly.js draws null as a gap, which is what a diverged loss curve should show.
    static JsonArray Array<T>(IEnumerable<T> values) => new(values.Select(v => v switch
    {
        double d when !double.IsFinite(d) => null,
        float f when !float.IsFinite(f) => null,
        _ => (JsonNode?)JsonValue.Create(v),
    }).ToArray());

    Figure Add(JsonObject trace) { _traces.Add(trace); return this; }

    /// <summary>A line through (x, y).</summary>
    public Figure Line(IEnumerable<double> x, IEnumerable<double> y, string? name = null) =>
        Add(new JsonObject { ["type"] = "scatter", ["mode"] = "lines", ["x"] = Array(x), ["y"] = Array(y), ["name"] = name });

    /// <summary>A line through y against 0, 1, 2, ….</summary>
    public Figure Line(IEnumerable<double> y, string? name = null) { var ys = y.ToList(); return Line(Enumerable.Range(0, ys.Count).Select(i => (double)i), ys, name); }

    /// <summary>Points, one colour per distinct label when <paramref name="labels"/> is given (e.g. classes in a t-SNE plot).</summary>
    /// <remarks>Arrays rather than lists: TorchSharp converts arrays to tensors implicitly, and only an exact match keeps
    /// a call with arrays from being ambiguous with the tensor overload below.</remarks>
    public Figure Scatter(double[] x, double[] y, long[]? labels = null, string? name = null, IReadOnlyList<string>? labelNames = null)
    {
        if (x.Length != y.Length || (labels is not null && labels.Length != x.Length))
            throw new ArgumentException($"Scatter: x ({x.Length}), y ({y.Length}) and labels ({labels?.Length}) must have the same length.");
        if (labels is null) return Add(new JsonObject { ["type"] = "scatter", ["mode"] = "markers", ["x"] = Array(x), ["y"] = Array(y), ["name"] = name, ["marker"] = new JsonObject { ["size"] = 5 } });
        foreach (var label in labels.Distinct().OrderBy(l => l))
        {
            var idx = Enumerable.Range(0, x.Length).Where(i => labels[i] == label).ToList();
            Add(new JsonObject
            {
                ["type"] = "scatter", ["mode"] = "markers",
                ["x"] = Array(idx.Select(i => x[i])), ["y"] = Array(idx.Select(i => y[i])),
                ["name"] = labelNames is not null && label < labelNames.Count ? labelNames[(int)label] : label.ToString(),
                ["marker"] = new JsonObject { ["size"] = 5 },
            });
        }
        return this;
    }

    /// <summary>
    /// The rows of <paramref name="points"/> [N, 2] (an embedding from PCA or t-SNE) as points, one colour per class of
    /// <paramref name="labels"/> (int64 [N]) when given, named from <paramref name="labelNames"/>.
    /// </summary>
    public Figure Scatter(Tensor points, Tensor? labels = null, IReadOnlyList<string>? labelNames = null, string? name = null)
    {
        if (points.dim() != 2 || points.shape[1] != 2)
            throw new ArgumentException($"Scatter: expected points [N, 2], got {points.ShapeText()}; project to two dimensions first (Pca(2) or Tsne).");
        using var scope = torch.NewDisposeScope();
        var xy = points.to(torch.float32).ToFloatArray();
        var x = Enumerable.Range(0, xy.Length / 2).Select(i => (double)xy[2 * i]).ToArray();
        var y = Enumerable.Range(0, xy.Length / 2).Select(i => (double)xy[2 * i + 1]).ToArray();
        return Scatter(x, y, labels?.to(torch.int64).ToLongArray(), name, labelNames);
    }

    /// <summary>Bars of the given heights.</summary>
    public Figure Bar(IEnumerable<string> categories, IEnumerable<double> values, string? name = null) =>
        Add(new JsonObject { ["type"] = "bar", ["x"] = Array(categories), ["y"] = Array(values), ["name"] = name });

    /// <summary>A histogram of <paramref name="values"/>.</summary>
    public Figure Histogram(IEnumerable<double> values, int bins = 30, string? name = null) =>
        Add(new JsonObject { ["type"] = "histogram", ["x"] = Array(values), ["nbinsx"] = bins, ["name"] = name, ["opacity"] = 0.75 });

    /// <summary>A heatmap of z[row][column] (e.g. a confusion matrix), with optional axis labels.</summary>
    public Figure Heatmap(double[,] z, IEnumerable<string>? xLabels = null, IEnumerable<string>? yLabels = null, string colorscale = "Viridis")
    {
        var rows = new JsonArray();
        for (int i = 0; i < z.GetLength(0); i++) rows.Add(Array(Enumerable.Range(0, z.GetLength(1)).Select(j => z[i, j])));
        var trace = new JsonObject { ["type"] = "heatmap", ["z"] = rows, ["colorscale"] = colorscale };
        if (xLabels is not null) trace["x"] = Array(xLabels);
        if (yLabels is not null) trace["y"] = Array(yLabels);
        return Add(trace);
    }

    /// <summary>
    /// Several figures side by side in a rows × columns grid, each keeping its title (as an annotation), its axis
    /// labels and its traces.
    /// </summary>
    public static Figure Subplots(int rows, int columns, string title, params Figure[] panels)
    {
        if (rows <= 0 || columns <= 0 || panels.Length == 0 || panels.Length > rows * columns)
            throw new ArgumentException($"Subplots: {panels.Length} panels do not fit a {rows}x{columns} grid.");
        int width = panels.Max(p => (int)p._layout["width"]!) * columns, height = panels.Max(p => (int)p._layout["height"]!) * rows;
        var grid = new Figure(title, "", "", width, height);
        grid._layout.Remove("xaxis"); grid._layout.Remove("yaxis");
        grid._layout["grid"] = new JsonObject { ["rows"] = rows, ["columns"] = columns, ["pattern"] = "independent" };
        var annotations = new JsonArray();
        for (int i = 0; i < panels.Length; i++)
        {
            string suffix = i == 0 ? "" : (i + 1).ToString();
            grid._layout["xaxis" + suffix] = panels[i]._layout["xaxis"]!.DeepClone();
            grid._layout["yaxis" + suffix] = panels[i]._layout["yaxis"]!.DeepClone();
            foreach (var trace in panels[i]._traces)
            {
                var copy = trace!.DeepClone().AsObject();
                copy["xaxis"] = "x" + suffix; copy["yaxis"] = "y" + suffix;
                grid._traces.Add(copy);
            }
            annotations.Add(new JsonObject
            {
                ["text"] = panels[i].Title, ["showarrow"] = false, ["xref"] = $"x{suffix} domain", ["yref"] = $"y{suffix} domain",
                ["x"] = 0.5, ["y"] = 1.08, ["xanchor"] = "center", ["font"] = new JsonObject { ["size"] = 13 },
            });
        }
        grid._layout["annotations"] = annotations;
        return grid;
    }

    /// <summary>The figure as Plotly JSON: {"data": [...], "layout": {...}}.</summary>
    public string ToJson() => new JsonObject { ["data"] = _traces.DeepClone(), ["layout"] = _layout.DeepClone() }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    /// <summary>A div and a script that loads plotly.js once per page (from <see cref="PlotlyUrl"/>) and draws the figure.</summary>
    public override string ToHtml()
    {
        var id = Html.NewId("figure");
        return $$"""
            <div id="{{id}}" class="sslcourse-figure" style="width:{{_layout["width"]}}px;height:{{_layout["height"]}}px"></div>
            <script>
            (function () {
              var figure = {{ToJson()}};
              function draw() { Plotly.newPlot("{{id}}", figure.data, figure.layout, {responsive: true}); }
              if (window.Plotly) { draw(); return; }
              var pending = window.__sslcoursePlotly = window.__sslcoursePlotly || [];
              pending.push(draw);
              if (pending.length > 1) return;
              var script = document.createElement("script");
              script.src = "{{PlotlyUrl}}";
              script.onload = function () { pending.splice(0).forEach(function (f) { f(); }); };
              document.head.appendChild(script);
            })();
            </script>
            """;
    }

    public override string ToString() => $"Figure \"{Title}\" with {_traces.Count} trace(s)";
}
