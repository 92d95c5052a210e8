using System.Text;

namespace Stadtkern.Ingest.Import;

/// <summary>One CSV record (RFC 4180): its fields, the physical line it starts on, or why it cannot be read.</summary>
internal sealed record CsvRecord(long Line, IReadOnlyList<string> Fields, string? Error);

/// <summary>
/// Reads CSV records (RFC 4180: quoted fields with doubled quotes, delimiters and line breaks inside quotes) from text in
/// blocks, so that a file of any size streams through. Each record knows the line it starts on, counted as an editor counts.
/// </summary>
internal sealed class CsvReader(TextReader text, char delimiter)
{
    public const int MaxRecordChars = 1024 * 1024;
    private readonly char[] _block = new char[16 * 1024];
    private int _at;
    private int _end;
    private long _line = 1;

    public async Task<CsvRecord?> NextAsync(CancellationToken cancellation)
    {
        while (true)
        {
            var record = await ReadRecordAsync(cancellation);
            // A blank line is no record.
            if (record is null || record.Error is not null || record.Fields is not [""]) return record;
        }
    }

    private async Task<CsvRecord?> ReadRecordAsync(CancellationToken cancellation)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var start = _line;
        var inQuotes = false;
        var afterQuote = false;
        var any = false;
        var chars = 0;
        string? error = null;
        while (true)
        {
            if (_at == _end)
            {
                _end = await text.ReadAsync(_block.AsMemory(), cancellation);
                _at = 0;
                if (_end == 0)
                {
                    if (!any) return null;
                    if (inQuotes) error ??= $"The quoted field opened in the record starting on line {start} is never closed.";
                    fields.Add(field.ToString());
                    return new CsvRecord(start, fields, error);
                }
            }
            any = true;
            var c = _block[_at++];
            if (c == '\n') _line++;
            if (++chars > MaxRecordChars && error is null)
            {
                error = $"The record is longer than {MaxRecordChars} characters.";
                field.Clear();
            }
            if (inQuotes)
            {
                if (c == '"')
                {
                    inQuotes = false;
                    afterQuote = true;
                }
                else if (error is null) field.Append(c);
                continue;
            }
            if (c == '"')
            {
                // A doubled quote inside a quoted field is one quote; a quote inside an unquoted field is taken as it is.
                if (field.Length > 0 && !afterQuote)
                {
                    if (error is null) field.Append(c);
                    continue;
                }
                if (afterQuote && error is null) field.Append('"');
                inQuotes = true;
                afterQuote = false;
                continue;
            }
            if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                afterQuote = false;
                continue;
            }
            if (c == '\n')
            {
                fields.Add(field.ToString());
                return new CsvRecord(start, fields, error);
            }
            if (c == '\r') continue;
            if (afterQuote && error is null) error = $"Field {fields.Count + 1} goes on after its closing quote.";
            else if (error is null) field.Append(c);
        }
    }
}
