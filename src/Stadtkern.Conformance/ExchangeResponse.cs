using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Stadtkern.Conformance;

/// <summary>A response as the checks see it: status, headers (names case-insensitive), the body text and its JSON when it parses.</summary>
public sealed class ExchangeResponse
{
    public required HttpMethod Method { get; init; }

    public required Uri RequestUri { get; init; }

    public required int Status { get; init; }

    public string? ReasonPhrase { get; init; }

    /// <summary>Response and content headers; repeated headers are joined with <c>", "</c>.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required string Body { get; init; }

    /// <summary>The parsed body, or null when it is empty or not JSON (see <see cref="BodyIsJson"/>).</summary>
    public JsonNode? Json { get; init; }

    /// <summary>Whether the body parsed as JSON (a JSON <c>null</c> body too).</summary>
    public bool BodyIsJson { get; init; }

    /// <summary>The media type of Content-Type, without parameters, or null.</summary>
    public string? MediaType =>
        Headers.TryGetValue("Content-Type", out var value) ? value.Split(';')[0].Trim() : null;

    /// <summary>Reads a response into a snapshot.</summary>
    public static async Task<ExchangeResponse> ReadAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellation)
    {
        var body = await response.Content.ReadAsStringAsync(cancellation);
        var isJson = body.Length > 0 && SuiteData.TryParse(body, out _);
        return new ExchangeResponse
        {
            Method = request.Method,
            RequestUri = request.RequestUri!,
            Status = (int)response.StatusCode,
            ReasonPhrase = response.ReasonPhrase,
            Headers = Collect(response.Headers, response.Content.Headers),
            Body = body,
            Json = isJson ? JsonNode.Parse(body) : null,
            BodyIsJson = isJson,
        };
    }

    /// <summary>What came back, for failure messages: the status line, the Content-Type and an excerpt of the body.</summary>
    public string Describe(int maxBody = 1500)
    {
        var text = new StringBuilder().Append("HTTP ").Append(Status);
        if (ReasonPhrase is { Length: > 0 })
        {
            text.Append(' ').Append(ReasonPhrase);
        }

        if (Headers.TryGetValue("Content-Type", out var type))
        {
            text.Append(" (").Append(type).Append(')');
        }

        if (Headers.TryGetValue("Location", out var location))
        {
            text.Append(", Location: ").Append(location);
        }

        text.AppendLine();
        text.Append(Body.Length == 0 ? "(empty body)" : Body.Length <= maxBody ? Body : Body[..maxBody] + "…");
        return text.ToString();
    }

    private static Dictionary<string, string> Collect(params HttpHeaders[] sources)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in sources.SelectMany(s => s.NonValidated))
        {
            var joined = string.Join(", ", values);
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + joined : joined;
        }

        return headers;
    }
}
