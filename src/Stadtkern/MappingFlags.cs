using System.CommandLine;
using Stadtkern.Ingest.Import;

namespace Stadtkern.Host;

/// <summary>The import mapping as command-line flags; a <c>--mapping</c> file is read first and the flags given override it.</summary>
internal sealed class MappingFlags
{
    private readonly Option<FileInfo?> _file = new("--mapping") { Description = "A JSON mapping file (docs/import.md)." };
    private readonly Option<string?> _type = new("--type") { Description = "Entity type of the rows." };
    private readonly Option<string?> _idColumn = new("--id-column") { Description = "Column holding the entity id (a non-URI value becomes urn:ngsi-ld:TYPE:VALUE)." };
    private readonly Option<string?> _idTemplate = new("--id-template") { Description = "Entity id with {column} placeholders, e.g. urn:ngsi-ld:WasteContainer:{nr}." };
    private readonly Option<string?> _lat = new("--lat") { Description = "Column holding the latitude (WGS 84)." };
    private readonly Option<string?> _lon = new("--lon") { Description = "Column holding the longitude (WGS 84)." };
    private readonly Option<string?> _observedAt = new("--observed-at") { Description = "Column holding the time of observation." };
    private readonly Option<string[]> _units = new("--unit") { Description = "Unit of an attribute's values: ATTRIBUTE=CODE (UN/CEFACT), repeatable.", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string[]> _ignore = new("--ignore") { Description = "Column that is not imported, repeatable." };
    private readonly Option<string?> _delimiter = new("--delimiter") { Description = "CSV delimiter: ',' (default), ';', '|' or 'tab'." };
    private readonly Option<bool> _decimalComma = new("--decimal-comma") { Description = "Numbers are written with a decimal comma (12,5)." };
    private readonly Option<string?> _context = new("--context") { Description = "JSON-LD @context URL for types and attributes." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _file, _type, _idColumn, _idTemplate, _lat, _lon, _observedAt, _units, _ignore, _delimiter, _decimalComma, _context })
            command.Options.Add(option);
    }

    public async Task<ImportMapping> ReadAsync(ParseResult result, CancellationToken cancellation)
    {
        var mapping = result.GetValue(_file) is { } file ? ImportMapping.Parse(await File.ReadAllTextAsync(file.FullName, cancellation)) : new ImportMapping();
        var columns = new Dictionary<string, ColumnMapping>(mapping.Columns, StringComparer.Ordinal);
        foreach (var unit in result.GetValue(_units) ?? [])
        {
            var (attribute, code) = unit.Split('=', 2) is [var a, var c] && a.Length > 0 && c.Length > 0
                ? (a, c) : throw ImportMapping.Bad($"has a --unit '{unit}' that is not ATTRIBUTE=CODE.");
            // The attribute is named as the file's column or as the mapping renames it.
            var column = columns.FirstOrDefault(p => p.Value.Name == attribute).Key ?? attribute;
            columns[column] = (columns.GetValueOrDefault(column) ?? new ColumnMapping()) with { UnitCode = code };
        }
        var ignore = new HashSet<string>(mapping.Ignore, StringComparer.Ordinal);
        ignore.UnionWith(result.GetValue(_ignore) ?? []);
        return mapping with
        {
            Type = result.GetValue(_type) ?? mapping.Type,
            IdColumn = result.GetValue(_idColumn) ?? mapping.IdColumn,
            IdTemplate = result.GetValue(_idTemplate) ?? mapping.IdTemplate,
            Latitude = result.GetValue(_lat) ?? mapping.Latitude,
            Longitude = result.GetValue(_lon) ?? mapping.Longitude,
            ObservedAt = result.GetValue(_observedAt) ?? mapping.ObservedAt,
            Delimiter = result.GetValue(_delimiter) switch
            {
                null => mapping.Delimiter,
                "tab" or "\\t" => '\t',
                [var one] => one,
                var other => throw ImportMapping.Bad($"has a --delimiter '{other}' that is not one character."),
            },
            DecimalComma = result.GetValue(_decimalComma) || mapping.DecimalComma,
            Context = result.GetValue(_context) ?? mapping.Context,
            Columns = columns,
            Ignore = ignore,
        };
    }
}
