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
    public const string FormatHelp = "Report format: md, json or html (default: from each --output file's extension, else md).";

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

    /// <summary>
    /// Writes the report to every output file, each in the format its extension names (or <c>--format</c> when given),
    /// or to standard output when there is none; null when a format is not known, with the reason.
    /// </summary>
    public static async Task WriteAsync(Func<ReportFormat, string> render, string? format, IReadOnlyList<string> outputFiles, TextWriter standardOutput,
        CancellationToken cancellation)
    {
        if (outputFiles.Count == 0)
        {
            await standardOutput.WriteAsync(render(Parse(format, null)!.Value));
            return;
        }
        foreach (var file in outputFiles)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (folder is not null) Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(file, render(Parse(format, file)!.Value), cancellation);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <c>--format</c> names no known format.</summary>
    public static void Validate(string? format)
    {
        if (format is not null && Parse(format, null) is null) throw new ArgumentException($"--format '{format}' is not one of md, json, html.");
    }

    private static string? ExtensionOf(string? file) => file is null ? null : Path.GetExtension(file).TrimStart('.') is { Length: > 0 } e ? e : null;
}
