using System.Text.Json.Nodes;

namespace Stadtkern.Host.OpenData;

/// <summary>
/// An error of the CKAN Action API, answered in CKAN's own form (<c>success: false</c> with an <c>error</c> object whose
/// <c>__type</c> a CKAN client dispatches on) rather than as an NGSI-LD problem document.
/// </summary>
internal sealed class CkanError(int status, string type, string message, JsonObject? fields = null) : Exception(message)
{
    public int Status => status;

    public static CkanError NotFound(string message) => new(404, "Not Found Error", message);

    /// <summary>A parameter's value is wrong: 409 and the parameter with its complaints, as CKAN's validators report it.</summary>
    public static CkanError Validation(string parameter, string complaint) =>
        new(409, "Validation Error", $"{parameter}: {complaint}", new JsonObject { [parameter] = new JsonArray(complaint) });

    /// <summary>A search CKAN's Solr index would refuse (an unknown field, a query it cannot parse).</summary>
    public static CkanError Search(string message) => new(409, "Search Query Error", $"Search error: {message}");

    public static CkanError UnknownAction(string action) => new(400, "Bad Request", $"Bad request - Action name not known: {action}");

    public JsonObject Body()
    {
        var error = new JsonObject { ["__type"] = type, ["message"] = Message };
        foreach (var (name, value) in fields ?? []) error[name] = value?.DeepClone();
        return error;
    }
}
