using System.Diagnostics;
using SslCourse.Plotting;
using SslCourse.Runner.Notebooks;
using Xunit.Abstractions;

namespace SslCourse.Tests.Runner;

/// <summary>
/// Opens an exported HTML report in headless Chromium with plotly.js served from a local copy and checks that every
/// figure rendered and the page logged no error; keeps a screenshot as an artifact. Needs Debian's chromium and
/// npm's plotly.js-dist-min in tests/.browser, which .ci/run installs; outside CI it says so and checks nothing else.
/// </summary>
[Collection("Console")]
public class BrowserTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryFigureInAReportRendersWithoutConsoleErrors()
    {
        var plotly = Repository.PathOf("tests", ".browser", "node_modules", "plotly.js-dist-min", "plotly.min.js");
        const string chromium = "/usr/bin/chromium";
        if (!File.Exists(chromium) || !File.Exists(plotly))
        {
            Xunit.Assert.True(Environment.GetEnvironmentVariable("CI") is null,
                "CI must run the browser test: .ci/run installs chromium and tests/.browser/node_modules/plotly.js-dist-min.");
            output.WriteLine("Browser test not run: install chromium and run `npm install --prefix tests/.browser plotly.js-dist-min@2` (as .ci/run does).");
            return;
        }

        var dir = Directory.CreateTempSubdirectory("sslcourse-browser-").FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Runner", "Notebooks", "figures.ipynb"), Path.Combine(dir, "figures.ipynb"));
        CourseLibrary.CopyTo(dir);
        var previous = Figure.PlotlyUrl;
        string html;
        try
        {
            Figure.PlotlyUrl = new Uri(plotly).AbsoluteUri;
            var result = new NotebookRunner(TextWriter.Null).Run(Notebook.Load(Path.Combine(dir, "figures.ipynb")));
            Xunit.Assert.True(result.Succeeded, result.Failure);
            html = Path.Combine(dir, "figures.html");
            File.WriteAllText(html, HtmlReport.Render(result.Notebook, result));
        }
        finally { Figure.PlotlyUrl = previous; }

        var (dom, log) = Chromium(chromium, dir, "--dump-dom", new Uri(html).AbsoluteUri);
        int figures = html.Length > 0 ? File.ReadAllText(html).Split("class=\"sslcourse-figure\"").Length - 1 : 0;
        Xunit.Assert.Equal(6, figures);
        int rendered = dom.Split("class=\"main-svg\"").Length - 1;
        Xunit.Assert.True(rendered >= figures, $"only {rendered} plotly SVGs for {figures} figures");
        var errors = log.Split('\n').Where(l => l.Contains("CONSOLE") && (l.Contains("Error") || l.Contains("error"))).ToList();
        Xunit.Assert.True(errors.Count == 0, "console errors:\n" + string.Join("\n", errors));

        var artifacts = Repository.PathOf("tests", "SslCourse.Tests", "TestResults");
        Directory.CreateDirectory(artifacts);
        var screenshot = Path.Combine(artifacts, "report-figures.png");
        Chromium(chromium, dir, $"--screenshot={screenshot}", "--window-size=1100,2600", new Uri(html).AbsoluteUri);
        Xunit.Assert.True(File.Exists(screenshot) && new FileInfo(screenshot).Length > 10_000, "no screenshot was written");
        output.WriteLine($"screenshot: {screenshot}");
    }

    static (string stdout, string stderr) Chromium(string chromium, string profileParent, params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("sslcourse-chromium-").FullName;
        var start = new ProcessStartInfo(chromium,
            ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--allow-file-access-from-files", "--enable-logging=stderr", "--v=0",
             "--virtual-time-budget=15000", $"--user-data-dir={profile}", .. arguments])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000)) { process.Kill(true); throw new TimeoutException("chromium did not finish within two minutes"); }
        return (stdout.Result, stderr.Result);
    }
}
