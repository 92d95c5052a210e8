using System.Globalization;
using System.Text.Json;
using Stadtkern.Catalog.Harvesting;
using Stadtkern.Host.OpenData;

namespace Stadtkern.Host.Api;

/// <summary>
/// One CKAN action call: its parameters (from the query string, or a JSON object body on POST, as CKAN takes them),
/// read with CKAN's validation errors. Parameters an action does not know are ignored, as CKAN does.
/// </summary>
internal sealed class CkanRequest(IReadOnlyDictionary<string, string> parameters, PublishedCatalog published, StadtkernOptions options,
    string baseUrl, DateTimeOffset now, CancellationToken cancellation)
{
    private const int MaxBodyBytes = 64 * 1024;
    private IReadOnlyList<PublishedDataset>? _datasets;

    public PublishedCatalog Published => published;

    public StadtkernOptions Options => options;

    public string BaseUrl => baseUrl;

    public DateTimeOffset Now => now;

    public CancellationToken Cancellation => cancellation;

    public async Task<IReadOnlyList<PublishedDataset>> DatasetsAsync() => _datasets ??= await published.ListAsync(cancellation);

    public string? Text(string name) => parameters.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public string Required(string name) => Text(name) ?? throw CkanError.Validation(name, "Missing value");

    public int? Natural(string name) => Text(name) switch
    {
        null => null,
        var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => throw CkanError.Validation(name, "Must be a natural number"),
    };

    /// <summary>A boolean as CKAN reads one (true/false, yes/no, on/off, 1/0).</summary>
    public bool Bool(string name) => Text(name)?.ToLowerInvariant() switch
    {
        null or "false" or "no" or "off" or "0" => false,
        "true" or "yes" or "on" or "1" => true,
        _ => throw CkanError.Validation(name, "Must be a boolean (true or false)"),
    };

    /// <summary>The <c>limit</c> and <c>offset</c> window of a list action.</summary>
    public IEnumerable<T> Page<T>(IEnumerable<T> items)
    {
        var offset = Natural("offset") ?? 0;
        var limit = Natural("limit");
        var rest = items.Skip(offset);
        return limit is { } l ? rest.Take(l) : rest;
    }

    public static async Task<IReadOnlyDictionary<string, string>> ParametersAsync(HttpContext http)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in http.Request.Query)
        {
            if (values.Count > 1) throw CkanError.Validation(key, "Given more than once");
            parameters[key] = values.ToString();
        }
        if (!HttpMethods.IsPost(http.Request.Method) || http.Request.ContentLength == 0) return parameters;
        if (http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            throw CkanError.Validation("body", "A POST body must be a JSON object (Content-Type: application/json)");
        if (http.Request.ContentLength > MaxBodyBytes) throw CkanError.Validation("body", $"At most {MaxBodyBytes / 1024} KiB");
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException e)
        {
            throw CkanError.Validation("body", $"Not JSON: {e.Message}");
        }
        using (body)
        {
            if (body.RootElement.ValueKind != JsonValueKind.Object) throw CkanError.Validation("body", "Must be a JSON object");
            foreach (var member in body.RootElement.EnumerateObject())
                parameters[member.Name] = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString()! : member.Value.GetRawText();
        }
        return parameters;
    }
}
