using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Ingest;
using Stadtkern.JsonLd;
using Stadtkern.Lake;
using Stadtkern.Model;

namespace Stadtkern.Host.Api;

/// <summary>/stadtkern/v1/ingest/dead-letters: what the tenant's ingestion refused, newest first, with the reason and the payload.</summary>
internal static class DeadLettersEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    private static readonly FrozenSet<string> Parameters = FrozenSet.Create(StringComparer.Ordinal, "since", "source", "limit", "offset");

    public static void MapDeadLetters(this RouteGroupBuilder ingest) =>
        ingest.MapGet("/dead-letters", List).WithSummary("List the dead letters of the tenant, newest first (since, source, limit, offset)");

    private static async Task<IResult> List(HttpContext http, ContextResolver resolver, IServiceProvider services)
    {
        var ngsi = new NgsiLdRequest(http, resolver);
        QueryString.Check(http.Request, Parameters);
        var limit = QueryString.Int(http.Request, "limit") ?? DefaultLimit;
        var offset = QueryString.Int(http.Request, "offset") ?? 0;
        if (offset < 0 || limit is < 1 or > MaxLimit) throw NgsiLdException.BadData($"offset must not be negative and limit between 1 and {MaxLimit}.");
        DateTimeOffset? since = null;
        if (QueryString.Get(http.Request, "since") is { } text)
            since = Validation.TryParseDateTime(text, out var at) ? at : throw NgsiLdException.BadData($"since '{text}' is not a DateTime.");
        var letters = new JsonArray();
        // Without a lake nothing is kept to list: the letters are only counted (/metrics).
        if (services.GetService<RawLake>() is { } lake)
        {
            var index = 0;
            await foreach (var letter in DeadLetter.NewestFirstAsync(lake, ngsi.Tenant, since, QueryString.Get(http.Request, "source"), http.RequestAborted))
            {
                if (index++ < offset) continue;
                if (letters.Count == limit)
                {
                    http.Response.Headers.Link = $"<{NextPage(http, offset + limit, limit)}>; rel=\"next\"";
                    break;
                }
                letters.Add(Render(letter));
            }
        }
        return Results.Content(letters.ToJsonString(), "application/json");
    }

    private static JsonObject Render(DeadLetter letter)
    {
        var json = letter.ToJson();
        if (json["lake"] is JsonObject reference)
            reference["href"] = $"/stadtkern/v1/lake/partitions/{Uri.EscapeDataString(letter.Source)}/{reference["day"]}";
        return json;
    }

    private static string NextPage(HttpContext http, int offset, int limit)
    {
        var query = http.Request.Query.Where(q => q.Key is not ("offset" or "limit"))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append(string.Create(CultureInfo.InvariantCulture, $"offset={offset}&limit={limit}"));
        return $"{http.Request.Path}?{string.Join('&', query)}";
    }
}
