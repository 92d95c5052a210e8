using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Stadtkern.Errors;

namespace Stadtkern.Warnings;

/// <summary>The content of a CAP message as a person composes it over the API: CAP's element names, JSON shapes.</summary>
/// <remarks>
/// Identifier and sent are assigned on publication, and <see cref="References"/> names earlier warnings by their
/// identifier here; the CAP form "sender,identifier,sent" is written out on publication.
/// </remarks>
public sealed class AlertDocument
{
    public string? Sender { get; set; }

    public string? Status { get; set; }

    public string? MsgType { get; set; }

    public string? Scope { get; set; }

    /// <summary>Required when scope is Restricted.</summary>
    public string? Restriction { get; set; }

    /// <summary>Required when scope is Private: space-separated addresses.</summary>
    public string? Addresses { get; set; }

    public string? Note { get; set; }

    /// <summary>Identifiers of the published warnings an Update or Cancel replaces.</summary>
    public List<string>? References { get; set; }

    public List<InfoDocument>? Info { get; set; }

    /// <summary>Reads a document from JSON; unknown members and wrong value types are BadRequestData.</summary>
    public static AlertDocument Read(JsonNode body)
    {
        try
        {
            return body.Deserialize(WarningJson.Default.AlertDocument) ?? throw NgsiLdException.BadData("A warning must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw NgsiLdException.BadData($"The warning does not read at {e.Path}: {e.Message}");
        }
    }

    public JsonObject ToJson() => (JsonObject)JsonSerializer.SerializeToNode(this, WarningJson.Default.AlertDocument)!;

    /// <summary>A deep copy, through the JSON form.</summary>
    public AlertDocument Copy() => Read(ToJson());
}

/// <summary>One language's text of a warning (CAP <c>info</c>).</summary>
public sealed class InfoDocument
{
    /// <summary>RFC 3066 language tag such as de-DE or en-US; CAP's default is en-US.</summary>
    public string? Language { get; set; }

    public List<string>? Category { get; set; }

    public string? Event { get; set; }

    public List<string>? ResponseType { get; set; }

    public string? Urgency { get; set; }

    public string? Severity { get; set; }

    public string? Certainty { get; set; }

    public string? Audience { get; set; }

    /// <summary>Event codes, e.g. valueName <c>BBK-EVC</c> with the BBK event code.</summary>
    public List<NamedValue>? EventCode { get; set; }

    public string? Effective { get; set; }

    public string? Onset { get; set; }

    public string? Expires { get; set; }

    public string? SenderName { get; set; }

    public string? Headline { get; set; }

    public string? Description { get; set; }

    public string? Instruction { get; set; }

    public string? Web { get; set; }

    public string? Contact { get; set; }

    public List<AreaDocument>? Area { get; set; }
}

/// <summary>An affected area (CAP <c>area</c>): a description and any number of polygons, circles and geocodes.</summary>
public sealed class AreaDocument
{
    public string? AreaDesc { get; set; }

    /// <summary>Each polygon is a closed ring of points in CAP order, <c>"lat,lon"</c>.</summary>
    public List<List<string>>? Polygon { get; set; }

    public List<CircleDocument>? Circle { get; set; }

    /// <summary>Geocodes, e.g. valueName <c>ARS</c> with a 12-digit Amtlicher Regionalschlüssel.</summary>
    public List<NamedValue>? Geocode { get; set; }
}

/// <summary>A circle: centre in CAP order (<c>"lat,lon"</c>) and radius in kilometres.</summary>
public sealed class CircleDocument
{
    public string? Center { get; set; }

    public double? Radius { get; set; }
}

/// <summary>CAP's valueName/value pair (eventCode, geocode).</summary>
public sealed class NamedValue
{
    public string? ValueName { get; set; }

    public string? Value { get; set; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AlertDocument))]
internal sealed partial class WarningJson : JsonSerializerContext;
