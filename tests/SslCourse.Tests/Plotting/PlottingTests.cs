using System.Buffers.Binary;
using System.Text.Json;
using SslCourse.Plotting;

namespace SslCourse.Tests.Plotting;

public class PlottingTests
{
    [Fact]
    public void NaNAndInfinityBecomeGapsInsteadOfBreakingTheFigure()
    {
        var figure = new Figure("A diverged run", "step", "loss").Line([1.0, 0.5, double.NaN, double.PositiveInfinity])
            .Heatmap(new double[,] { { 1, double.NaN } });
        var traces = JsonDocument.Parse(figure.ToJson()).RootElement.GetProperty("data");
        Xunit.Assert.Equal([JsonValueKind.Number, JsonValueKind.Number, JsonValueKind.Null, JsonValueKind.Null],
            traces[0].GetProperty("y").EnumerateArray().Select(v => v.ValueKind));
        Xunit.Assert.Equal(JsonValueKind.Null, traces[1].GetProperty("z")[0][1].ValueKind);
    }

    [Fact]
    public void FiguresAreValidPlotlyJsonWithTitlesAndAxisLabels()
    {
        var figure = new Figure("Probe accuracy", "epoch", "accuracy")
            .Line([0.1, 0.5, 0.7], "SimCLR")
            .Scatter([0, 1, 2, 3], [1, 2, 3, 4], labels: [0, 1, 1, 0], labelNames: ["cat", "dog"]);
        var json = JsonDocument.Parse(figure.ToJson()).RootElement;
        var layout = json.GetProperty("layout");
        Xunit.Assert.Equal("Probe accuracy", layout.GetProperty("title").GetProperty("text").GetString());
        Xunit.Assert.Equal("epoch", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Xunit.Assert.Equal("accuracy", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        var traces = json.GetProperty("data").EnumerateArray().ToList();
        Xunit.Assert.Equal(3, traces.Count);                           // the line and one trace per label
        Xunit.Assert.Equal(["SimCLR", "cat", "dog"], traces.Select(t => t.GetProperty("name").GetString()));
        Xunit.Assert.Equal([1.0, 4.0], traces[1].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Xunit.Assert.Contains("Plotly.newPlot", figure.ToHtml());
        TensorAssert.Throws<ArgumentException>(() => new Figure("t", "x", "y").Scatter([1, 2], [1]), "Scatter", "same length");
    }

    [Fact]
    public void ImageGridsArePngsOfTheRightSize()
    {
        var grid = new ImageGrid(ones(5, 3, 8, 8) * 0.5, columns: 3, scale: 2, title: "grey");
        var png = grid.Png;
        Xunit.Assert.Equal(new byte[] { 137, 80, 78, 71 }, png[..4]);
        int width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        Xunit.Assert.Equal(3 * (8 * 2 + 2) + 2, width);
        Xunit.Assert.Equal(2 * (8 * 2 + 2) + 2, height);
        Xunit.Assert.Contains("data:image/png;base64,", grid.ToHtml());
        TensorAssert.Throws<ArgumentException>(() => new ImageGrid(ones(2, 2, 4, 4)), "ImageGrid", "[2,2,4,4]");
    }

    [Fact]
    public void AudioIsA16BitPcmWav()
    {
        var wave = (arange(0.0, 800) * (2 * Math.PI * 440 / 8000)).sin();
        var wav = new Audio(wave, 8000).Wav;
        Xunit.Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));
        Xunit.Assert.Equal(8000, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)));
        Xunit.Assert.Equal(44 + 1600, wav.Length);
        short peak = Enumerable.Range(0, 800).Select(i => BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(44 + 2 * i))).Max();
        Xunit.Assert.InRange(peak, 32000, short.MaxValue);
    }

    [Fact]
    public void ProgressBarsAndTablesReadAsText()
    {
        Xunit.Assert.StartsWith("train [############------------]  50%  epoch 1/2", new ProgressBar("train", 0.5, "epoch 1/2").ToString());
        var table = new ResultTable("Probe", ["encoder", "accuracy"], [["random", 0.31], ["SimCLR", 0.8125]]);
        Xunit.Assert.Equal("Probe\nencoder  accuracy\nrandom   0.31    \nSimCLR   0.8125  ", table.ToString());
        Xunit.Assert.Contains("<td>0.8125</td>", table.ToHtml());
    }
}

[Collection("Console")]   // it sets the library's display host, which the runner tests also use
public class LayoutAndLiveTests
{
    [Fact]
    public void SubplotsKeepEachPanelsAxesTitleAndTraces()
    {
        var a = new Figure("Loss", "step", "loss").Line([3, 2, 1]);
        var b = new Figure("Accuracy", "epoch", "accuracy").Bar(["a", "b"], [0.5, 0.9]);
        var json = JsonDocument.Parse(Figure.Subplots(1, 2, "Training", a, b).ToJson()).RootElement;
        var layout = json.GetProperty("layout");
        Xunit.Assert.Equal("Training", layout.GetProperty("title").GetProperty("text").GetString());
        Xunit.Assert.Equal("epoch", layout.GetProperty("xaxis2").GetProperty("title").GetProperty("text").GetString());
        Xunit.Assert.Equal(["x", "x2"], json.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("xaxis").GetString()));
        Xunit.Assert.Equal(["Loss", "Accuracy"], layout.GetProperty("annotations").EnumerateArray().Select(n => n.GetProperty("text").GetString()));
        TensorAssert.Throws<ArgumentException>(() => Figure.Subplots(1, 1, "t", a, b), "2 panels", "1x1");
    }

    [Fact]
    public void ALiveCurveIsShownOnceAndReplacedInPlace()
    {
        var shown = new List<object>();
        int displays = 0;
        var host = SslCourse.Course.Notebook.Host;
        try
        {
            SslCourse.Course.Notebook.Host = v => { displays++; shown.Add(v); return u => shown[^1] = u; };
            var curve = new SslCourse.Course.LiveLossCurve();
            for (int step = 1; step <= 50; step++)
                curve.Report(new SslCourse.Training.TrainingProgress(1, 1, step, 50, 1.0 / step, 0, TimeSpan.Zero, TimeSpan.Zero, new Dictionary<string, double>()));
            Xunit.Assert.Equal(1, displays);
            var final = Xunit.Assert.IsType<Figure>(shown.Single());
            var y = JsonDocument.Parse(final.ToJson()).RootElement.GetProperty("data")[0].GetProperty("y");
            Xunit.Assert.Equal(50, y.GetArrayLength());   // the last update has every step
        }
        finally { SslCourse.Course.Notebook.Host = host; }
    }
}
