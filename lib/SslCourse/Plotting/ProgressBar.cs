namespace SslCourse.Plotting;

/// <summary>A progress bar's current state: how far along, and a line of text (epoch, loss, speed, ETA).</summary>
public sealed class ProgressBar(string description, double fraction, string status) : Displayable
{
    public string Description { get; } = description;
    public double Fraction { get; } = Math.Clamp(fraction, 0, 1);
    public string Status { get; } = status;

    public override string ToHtml() =>
        $"<div style=\"font-family:monospace\"><b>{Html.Encode(Description)}</b> <progress value=\"{Fraction:0.###}\" max=\"1\" style=\"width:220px;vertical-align:middle\"></progress> " +
        $"{Fraction * 100:0}%  {Html.Encode(Status)}</div>";

    /// <summary>A text bar: "train [#########-----------]  45%  epoch 2/5 ...".</summary>
    public override string ToString()
    {
        const int width = 24;
        int filled = (int)Math.Round(Fraction * width);
        return $"{Description} [{new string('#', filled)}{new string('-', width - filled)}] {Fraction * 100,3:0}%  {Status}";
    }
}

/// <summary>A table of named rows (e.g. a lesson's results or an ablation).</summary>
public sealed class ResultTable(string title, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<object>> rows) : Displayable
{
    public string Title { get; } = title;
    public IReadOnlyList<string> Columns { get; } = columns;
    public IReadOnlyList<IReadOnlyList<object>> Rows { get; } = rows;

    static string Cell(object value) => value switch
    {
        double d => d.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
        float f => f.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public override string ToHtml() =>
        $"{Html.Caption(Title)}<table><thead><tr>{string.Concat(Columns.Select(c => $"<th>{Html.Encode(c)}</th>"))}</tr></thead><tbody>" +
        string.Concat(Rows.Select(r => "<tr>" + string.Concat(r.Select(v => $"<td>{Html.Encode(Cell(v))}</td>")) + "</tr>")) + "</tbody></table>";

    public override string ToString()
    {
        var cells = Rows.Select(r => r.Select(Cell).ToList()).ToList();
        var widths = Columns.Select((c, i) => Math.Max(c.Length, cells.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToList();
        string Line(IEnumerable<string> values) => string.Join("  ", values.Select((v, i) => v.PadRight(widths[i])));
        return Title + "\n" + Line(Columns) + "\n" + string.Join("\n", cells.Select(Line));
    }
}
