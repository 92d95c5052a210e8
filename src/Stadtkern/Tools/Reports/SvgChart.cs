using System.Globalization;
using System.Text;

namespace Stadtkern.Host.Tools.Reports;

/// <summary>A small line chart as inline SVG (no scripts, no external resources): one or more series over a shared x axis.</summary>
internal static class SvgChart
{
    private const int Width = 720;
    private const int Height = 220;
    private const int Left = 60;
    private const int Bottom = 30;
    private const int Top = 24;
    private static readonly string[] Colours = ["#1f5fa8", "#c2410c", "#15803d", "#7c3aed"];

    public sealed record Series(string Name, IReadOnlyList<(double X, double Y)> Points);

    public static string Lines(string title, string xLabel, string yLabel, params Series[] series)
    {
        var points = series.SelectMany(s => s.Points).ToList();
        var svg = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{HtmlPage.Encode(title)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"16\" font-size=\"13\" font-weight=\"600\">{HtmlPage.Encode(title)}</text>");
        if (points.Count == 0) return svg.Append("</svg>").ToString();
        var (x0, x1) = (points.Min(p => p.X), points.Max(p => p.X));
        var y1 = Math.Max(points.Max(p => p.Y), 1e-9) * 1.1;
        if (x1 <= x0) x1 = x0 + 1;
        double X(double x) => Left + (x - x0) / (x1 - x0) * (Width - Left - 10);
        double Y(double y) => Height - Bottom - y / y1 * (Height - Bottom - Top);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - 10}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>");
        foreach (var fraction in new[] { 0.0, 0.5, 1.0 })
        {
            var value = y1 / 1.1 * fraction;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Y(value) + 4:0.#}\" font-size=\"10\" text-anchor=\"end\">{Label(value)}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 8}\" font-size=\"10\">{Label(x0)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - 10}\" y=\"{Height - 8}\" font-size=\"10\" text-anchor=\"end\">{Label(x1)} {HtmlPage.Encode(xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{Top - 6}\" font-size=\"10\">{HtmlPage.Encode(yLabel)}</text>");
        for (var i = 0; i < series.Length; i++)
        {
            var colour = Colours[i % Colours.Length];
            var path = string.Join(" ", series[i].Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.X):0.#},{Y(p.Y):0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{path}\"/>");
            foreach (var p in series[i].Points.Count <= 40 ? series[i].Points : [])
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(p.X):0.#}\" cy=\"{Y(p.Y):0.#}\" r=\"2.5\" fill=\"{colour}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - 180}\" y=\"{16 + 14 * i}\" font-size=\"11\" fill=\"{colour}\">— {HtmlPage.Encode(series[i].Name)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Label(double value) => value.ToString(value < 10 ? "0.##" : "N0", CultureInfo.InvariantCulture);
}
