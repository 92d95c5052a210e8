namespace Stadtkern.Host.Tools.Reports;

/// <summary>The forms a report of <c>check</c> or <c>bench</c> is written in.</summary>
internal enum ReportFormat
{
    Markdown,
    Json,
    Html,
}

/// <summary>Reads <c>--format</c> and writes a report to <c>--output</c> or standard output.</summary>
internal static class ReportOutput
{
    public const string FormatHelp = "Report format: md (default, or from the --output file's extension), json or html.";

    /// <summary>The format named, else the one the output file's extension implies, else Markdown; null for a name it does not know.</summary>
    public static ReportFormat? Parse(string? name, string? outputFile) =>
        (name ?? ExtensionOf(outputFile))?.ToLowerInvariant() switch
        {
            null or "md" or "markdown" => ReportFormat.Markdown,
            "json" => ReportFormat.Json,
            "html" or "htm" => ReportFormat.Html,
            _ when name is null => ReportFormat.Markdown,
            _ => null,
        };

    public static async Task WriteAsync(string text, string? outputFile, TextWriter standardOutput, CancellationToken cancellation)
    {
        if (outputFile is null)
        {
            await standardOutput.WriteAsync(text);
            return;
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(outputFile));
        if (folder is not null) Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(outputFile, text, cancellation);
    }

    private static string? ExtensionOf(string? file) => file is null ? null : Path.GetExtension(file).TrimStart('.') is { Length: > 0 } e ? e : null;
}
