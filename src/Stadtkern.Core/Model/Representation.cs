using System.Text.Json.Nodes;
using Stadtkern.JsonLd;

namespace Stadtkern.Model;

/// <summary>The representation formats of NGSI-LD (clause 4.5).</summary>
public enum RepresentationFormat
{
    Normalized,
    Concise,
    KeyValues,
}

/// <summary>How an entity is rendered for a client.</summary>
public sealed record RenderOptions(JsonLdContext Context)
{
    public RepresentationFormat Format { get; init; } = RepresentationFormat.Normalized;

    public bool SysAttrs { get; init; }

    /// <summary>Show <c>deletedAt</c> on instances even without sysAttrs (the temporal API's deletion records).</summary>
    public bool DeletedAt { get; init; }

    /// <summary>Expanded attribute names to keep (attrs/pick); null keeps all.</summary>
    public IReadOnlySet<string>? Attributes { get; init; }

    /// <summary>Expanded attribute names to drop (omit).</summary>
    public IReadOnlySet<string>? Omitted { get; init; }

    /// <summary>pick/omit may also name <c>id</c> and <c>type</c>.</summary>
    public bool PickId { get; init; } = true;

    public bool PickType { get; init; } = true;

    /// <summary>The pick/omit projection the options were derived from (its children apply to linked entities).</summary>
    public Projection? Projection { get; init; }

    /// <summary>Only attribute instances with these datasetIds (<c>@none</c> is the default instance); null keeps all.</summary>
    public IReadOnlySet<string>? DatasetIds { get; init; }

    /// <summary>Language filter for LanguageProperty (<c>lang</c> parameter).</summary>
    public string? Lang { get; init; }

    /// <summary>When set, an <c>@context</c> member with this value is added (application/ld+json responses).</summary>
    public JsonNode? BodyContext { get; init; }

    /// <summary>Expanded name of the GeoProperty that becomes a GeoJSON Feature's geometry.</summary>
    public string GeometryProperty { get; init; } = CoreTerms.NgsiLd + "location";
}
