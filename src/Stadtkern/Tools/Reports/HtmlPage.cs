using System.Net;
using System.Text;

namespace Stadtkern.Host.Tools.Reports;

/// <summary>A self-contained HTML page (inline style, no scripts, no external resources) for the reports of <c>check</c> and <c>bench</c>.</summary>
internal sealed class HtmlPage
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1b1b}
        table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
        td.n,th.n{text-align:right}.pass{color:#176b2c}.fail{color:#a3161d;font-weight:600}
        pre{background:#f5f5f5;padding:.5rem;overflow-x:auto;white-space:pre-wrap}details{margin:.25rem 0}
        svg{background:#fafafa;border:1px solid #ddd;margin:.5rem 0}
        """;

    private readonly StringBuilder body = new();
    private readonly string title;

    public HtmlPage(string title) => this.title = title;

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Appends markup as it is; callers encode what came from outside with <see cref="Encode"/>.</summary>
    public HtmlPage Raw(string html)
    {
        body.Append(html).Append('\n');
        return this;
    }

    public HtmlPage Heading(int level, string text) => Raw($"<h{level}>{Encode(text)}</h{level}>");

    public HtmlPage Paragraph(string text) => Raw($"<p>{Encode(text)}</p>");

    /// <summary>A table; cells are encoded, and a cell starting with a digit or minus sign is right-aligned.</summary>
    public HtmlPage Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, Func<IReadOnlyList<string>, string?>? rowClass = null)
    {
        var html = new StringBuilder("<table><thead><tr>");
        foreach (var h in header) html.Append("<th>").Append(Encode(h)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            var css = rowClass?.Invoke(row);
            html.Append(css is null ? "<tr>" : $"<tr class=\"{css}\">");
            foreach (var cell in row) html.Append(IsNumber(cell) ? "<td class=\"n\">" : "<td>").Append(Encode(cell)).Append("</td>");
            html.Append("</tr>");
        }
        return Raw(html.Append("</tbody></table>").ToString());
    }

    public override string ToString() =>
        $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Encode(title)}</title><style>{Style}</style></head>\n<body>\n<h1>{Encode(title)}</h1>\n{body}</body></html>\n";

    private static bool IsNumber(string cell) => cell.Length > 0 && (char.IsAsciiDigit(cell[0]) || (cell[0] == '-' && cell.Length > 1 && char.IsAsciiDigit(cell[1])));
}
