using Stadtkern.Errors;

namespace Stadtkern.Ingest.Import;

/// <summary>The kinds of file an import reads.</summary>
public enum ImportFormat
{
    Csv,
    GeoJson,
    NgsiLd,
}

/// <summary>Names, media types and file extensions of <see cref="ImportFormat"/>.</summary>
public static class ImportFormats
{
    public static string Name(this ImportFormat format) => format switch
    {
        ImportFormat.Csv => "csv",
        ImportFormat.GeoJson => "geojson",
        _ => "ngsi-ld",
    };

    public static string MediaType(this ImportFormat format) => format switch
    {
        ImportFormat.Csv => "text/csv",
        ImportFormat.GeoJson => "application/geo+json",
        _ => "application/ld+json",
    };

    /// <summary>Reads a format name (<c>csv</c>, <c>geojson</c>, <c>ngsi-ld</c>).</summary>
    public static ImportFormat Parse(string name) => name.ToLowerInvariant() switch
    {
        "csv" => ImportFormat.Csv,
        "geojson" => ImportFormat.GeoJson,
        "ngsi-ld" or "json" or "jsonld" or "ndjson" => ImportFormat.NgsiLd,
        _ => throw NgsiLdException.BadData($"'{name}' is not an import format; use csv, geojson or ngsi-ld."),
    };

    /// <summary>The format a file name suggests, or null.</summary>
    public static ImportFormat? FromFileName(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" or ".tsv" or ".txt" => ImportFormat.Csv,
        ".geojson" => ImportFormat.GeoJson,
        ".json" or ".jsonld" or ".ndjson" or ".jsonl" => ImportFormat.NgsiLd,
        _ => null,
    };
}
