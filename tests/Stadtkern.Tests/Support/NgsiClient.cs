using System.Text;
using System.Text.Json.Nodes;

namespace Stadtkern.Tests.Support;

/// <summary>Sends NGSI-LD requests to a test broker (optionally on one tenant) and reads the whole response.</summary>
public sealed class NgsiClient(HttpClient http, string? tenant = null)
{
    public const string Json = "application/json";
    public const string LdJson = "application/ld+json";
    public const string GeoJson = "application/geo+json";
    public const string MergePatch = "application/merge-patch+json";
    public const string Entities = "ngsi-ld/v1/entities";
    public const string ContextRel = "http://www.w3.org/ns/json-ld#context";

    public HttpClient Http => http;

    public string? Tenant => tenant;

    /// <summary>The same broker, addressed on another tenant.</summary>
    public NgsiClient ForTenant(string name) => new(http, name);

    /// <summary>A JSON-LD Link header value naming a context URL.</summary>
    public static string LinkTo(string contextUrl) => $"<{contextUrl}>; rel=\"{ContextRel}\"; type=\"{LdJson}\"";

    /// <summary>A query string from name/value pairs, each value percent-encoded.</summary>
    public static string QueryString(params (string Name, string Value)[] parameters) =>
        string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}"));

    public static string EntityPath(string id) => $"{Entities}/{Uri.EscapeDataString(id)}";

    public static string AttributePath(string id, string attribute) => $"{EntityPath(id)}/attrs/{Uri.EscapeDataString(attribute)}";

    public Task<Reply> GetAsync(string path, string? accept = null, string? link = null) =>
        SendAsync(HttpMethod.Get, path, null, null, accept, link);

    public Task<Reply> DeleteAsync(string path, string? link = null) => SendAsync(HttpMethod.Delete, path, null, null, null, link);

    public Task<Reply> PostAsync(string path, JsonNode body, string contentType = Json, string? link = null, string? accept = null) =>
        SendAsync(HttpMethod.Post, path, body.ToJsonString(), contentType, accept, link);

    public Task<Reply> PatchAsync(string path, JsonNode body, string contentType = Json, string? link = null) =>
        SendAsync(HttpMethod.Patch, path, body.ToJsonString(), contentType, null, link);

    public Task<Reply> PutAsync(string path, JsonNode body, string contentType = Json, string? link = null) =>
        SendAsync(HttpMethod.Put, path, body.ToJsonString(), contentType, null, link);

    /// <summary>Sends any request; <paramref name="body"/> is sent as-is (it may be deliberately broken).</summary>
    public async Task<Reply> SendAsync(HttpMethod method, string path, string? body, string? contentType, string? accept = null, string? link = null,
        IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        if (link is not null) request.Headers.TryAddWithoutValidation("Link", link);
        if (tenant is not null) request.Headers.TryAddWithoutValidation("NGSILD-Tenant", tenant);
        foreach (var (name, value) in headers ?? [])
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply((int)response.StatusCode, text, response.Headers, response.Content.Headers);
    }

    // --- Entity shortcuts -------------------------------------------------------------------------

    public Task<Reply> CreateAsync(JsonObject entity, string contentType = Json, string? link = null) =>
        PostAsync(Entities, entity, contentType, link);

    /// <summary>Creates an entity and fails the test unless the broker answers 201.</summary>
    public async Task CreateOkAsync(JsonObject entity, string? link = null)
    {
        var reply = await CreateAsync(entity, link: link);
        reply.ShouldHaveStatus(201);
    }

    public Task<Reply> RetrieveAsync(string id, string query = "", string? accept = null, string? link = null) =>
        GetAsync(EntityPath(id) + (query.Length > 0 ? "?" + query : ""), accept, link);

    /// <summary>Retrieves an entity (normalized unless the query says otherwise) and fails the test unless the broker answers 200.</summary>
    public async Task<JsonObject> RetrieveOkAsync(string id, string query = "", string? link = null)
    {
        var reply = await RetrieveAsync(id, query, link: link);
        reply.ShouldHaveStatus(200);
        return reply.Object;
    }

    public Task<Reply> QueryAsync(string query, string? accept = null, string? link = null) =>
        GetAsync($"{Entities}?{query}", accept, link);

    public Task<Reply> QueryAsync(params (string Name, string Value)[] parameters) => QueryAsync(QueryString(parameters));

    /// <summary>Runs a query that must answer 200 and returns the ids found, in order.</summary>
    public async Task<IReadOnlyList<string>> QueryIdsAsync(params (string Name, string Value)[] parameters)
    {
        var reply = await QueryAsync(parameters);
        reply.ShouldHaveStatus(200);
        return reply.Array.Select(e => e!["id"]!.GetValue<string>()).ToList();
    }

    public Task<Reply> BatchAsync(string operation, JsonArray body, string query = "", string contentType = Json, string? link = null) =>
        PostAsync($"ngsi-ld/v1/entityOperations/{operation}{(query.Length > 0 ? "?" + query : "")}", body, contentType, link);

    /// <summary>Creates many entities in batches of at most 500, failing the test on anything but 201.</summary>
    public async Task SeedAsync(IEnumerable<JsonObject> entities)
    {
        foreach (var chunk in entities.Chunk(500))
        {
            var reply = await BatchAsync("create", new JsonArray(chunk.Select(e => (JsonNode)e).ToArray()));
            reply.ShouldHaveStatus(201);
        }
    }
}
