using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Stadtkern.Errors;

namespace Stadtkern.Ingest.Import;

/// <summary>The rows of a CSV file with a header row: each record becomes an entity through the mapping.</summary>
internal static class CsvRows
{
    /// <summary>Reads the header first, so that a mapping that does not fit the file is refused before any row is applied.</summary>
    public static async Task<IAsyncEnumerable<ImportRow>> OpenAsync(Stream file, ImportMapping mapping, CancellationToken cancellation)
    {
        var text = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        var reader = new CsvReader(text, mapping.Delimiter);
        var header = await reader.NextAsync(cancellation) ?? throw NgsiLdException.BadData("The CSV file is empty: it has no header row.");
        if (header.Error is not null) throw NgsiLdException.BadData($"The header row cannot be read: {header.Error}");
        var columns = header.Fields.Select(f => f.Trim()).ToList();
        var mapper = new RowMapper(mapping);
        mapper.CheckHeader(columns);
        return RowsAsync(text, reader, columns, mapper, cancellation);
    }

    private static async IAsyncEnumerable<ImportRow> RowsAsync(StreamReader text, CsvReader reader, List<string> columns, RowMapper mapper,
        [EnumeratorCancellation] CancellationToken cancellation)
    {
        using var _ = text;
        var position = columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        long index = 0;
        while (await reader.NextAsync(cancellation) is { } record)
            yield return Row(record, index++, columns, position, mapper);
    }

    private static ImportRow Row(CsvRecord record, long index, List<string> columns, Dictionary<string, int> position, RowMapper mapper)
    {
        if (record.Error is not null) return new ImportRow(record.Line, index, null, NgsiLdException.BadData(record.Error));
        if (record.Fields.Count != columns.Count)
            return new ImportRow(record.Line, index, null,
                NgsiLdException.BadData($"The record has {record.Fields.Count} fields; the header has {columns.Count}."));
        try
        {
            var entity = mapper.Map(columns, column =>
            {
                var value = record.Fields[position[column]].Trim();
                return value.Length == 0 ? null : JsonValue.Create(value);
            }, fromText: true);
            return new ImportRow(record.Line, index, entity, null);
        }
        catch (NgsiLdException e)
        {
            return new ImportRow(record.Line, index, null, e);
        }
    }
}
