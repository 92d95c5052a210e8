using Stadtkern.Errors;
using Stadtkern.Model;

namespace Stadtkern.Ingest.Import;

/// <summary>How the value of a column (or GeoJSON property) becomes an attribute value.</summary>
public enum ValueKind
{
    /// <summary>Numbers detected in text, everything else kept as it is.</summary>
    Auto,
    Number,
    String,
    Boolean,
    DateTime,
    Relationship,
}

/// <summary>What one column becomes: the attribute's name, the kind of its value and its unit (UN/CEFACT code).</summary>
public sealed record ColumnMapping(string? Name = null, ValueKind Kind = ValueKind.Auto, string? UnitCode = null);

/// <summary>
/// How the rows of an imported file become entities: their type, id, location and attributes. It is given as flags or as a
/// JSON document (docs/import.md), and kept in the raw lake with the file so that a replay reads the file the same way.
/// </summary>
public sealed partial record ImportMapping
{
    public ImportFormat Format { get; init; } = ImportFormat.Csv;

    /// <summary>The entity type of every row (CSV, GeoJSON).</summary>
    public string? Type { get; init; }

    /// <summary>The column holding the id; a value that is not a URI becomes <c>urn:ngsi-ld:{Type}:{value}</c>.</summary>
    public string? IdColumn { get; init; }

    /// <summary>An id with <c>{column}</c> placeholders, e.g. <c>urn:ngsi-ld:WasteContainer:{nr}</c>.</summary>
    public string? IdTemplate { get; init; }

    public string? Latitude { get; init; }

    public string? Longitude { get; init; }

    /// <summary>The column holding the time of observation of every attribute of the row.</summary>
    public string? ObservedAt { get; init; }

    public char Delimiter { get; init; } = ',';

    /// <summary>Numbers are written with a decimal comma (<c>12,5</c>), as in many German files.</summary>
    public bool DecimalComma { get; init; }

    /// <summary>The JSON-LD @context URL that names types and attributes (default: the core context).</summary>
    public string? Context { get; init; }

    public IReadOnlyDictionary<string, ColumnMapping> Columns { get; init; } = new Dictionary<string, ColumnMapping>(StringComparer.Ordinal);

    public IReadOnlySet<string> Ignore { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    private static readonly string[] Delimiters = [",", ";", "\t", "|"];

    /// <summary>Checks what can be checked before the file is read; a bad mapping changes nothing.</summary>
    public ImportMapping Validate()
    {
        if (Format != ImportFormat.NgsiLd && !Validation.IsName(Type))
            throw Bad("needs the entity type of the rows ('type').");
        if (IdColumn is not null && IdTemplate is not null) throw Bad("gives both 'idColumn' and 'idTemplate'; use one.");
        if (IdTemplate is not null && TemplateColumns(IdTemplate).Count == 0)
            throw Bad($"has an idTemplate '{IdTemplate}' without a {{column}} placeholder.");
        if (Latitude is null != Longitude is null) throw Bad("needs both 'latitude' and 'longitude', or neither.");
        if (!Delimiters.Contains(Delimiter.ToString())) throw Bad("has a delimiter other than ',', ';', tab or '|'.");
        if (Context is not null && !Uri.TryCreate(Context, UriKind.Absolute, out _)) throw Bad($"has a context '{Context}' that is not a URL.");
        foreach (var (column, target) in Columns)
            if (target.Name is { } name) CheckAttributeName(column, name);
        return this;
    }

    /// <summary>Refuses an attribute name that NGSI-LD does not allow or that would overwrite the entity's own members.</summary>
    public void CheckAttributeName(string column, string name)
    {
        if (!Validation.IsName(name))
            throw Bad($"makes column '{column}' an attribute named '{name}', which is not a valid attribute name; rename or ignore the column.");
        if (Members.EntityReserved.Contains(name) || name == "location" && Latitude is not null)
            throw Bad($"makes column '{column}' an attribute named '{name}', which the entity already has; rename or ignore the column.");
    }

    /// <summary>The column names in <c>{...}</c> placeholders of an id template.</summary>
    public static IReadOnlyList<string> TemplateColumns(string template)
    {
        var names = new List<string>();
        var at = 0;
        while ((at = template.IndexOf('{', at)) >= 0)
        {
            var end = template.IndexOf('}', at);
            if (end < 0) break;
            names.Add(template[(at + 1)..end]);
            at = end + 1;
        }
        return names;
    }

    public static NgsiLdException Bad(string detail) => NgsiLdException.BadData("The import mapping " + detail);
}
