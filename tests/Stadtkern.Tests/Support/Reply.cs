using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Stadtkern.Tests.Support;

/// <summary>A response read whole: status, headers and body text, with JSON views of the body.</summary>
public sealed class Reply(int status, string body, HttpResponseHeaders headers, HttpContentHeaders contentHeaders)
{
    public int Status { get; } = status;

    public string Body { get; } = body;

    public HttpResponseHeaders Headers { get; } = headers;

    public HttpContentHeaders ContentHeaders { get; } = contentHeaders;

    /// <summary>The media type of the body (no parameters), or null.</summary>
    public string? MediaType => ContentHeaders.ContentType?.MediaType;

    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    public JsonObject Object => Json as JsonObject ?? throw new Xunit.Sdk.XunitException($"Expected a JSON object, got: {this}");

    public JsonArray Array => Json as JsonArray ?? throw new Xunit.Sdk.XunitException($"Expected a JSON array, got: {this}");

    /// <summary>The first value of a response or content header, or null.</summary>
    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) || ContentHeaders.TryGetValues(name, out values) ? values.FirstOrDefault() : null;

    public override string ToString() => $"HTTP {Status} {MediaType}: {(Body.Length > 2000 ? Body[..2000] + "..." : Body)}";
}
