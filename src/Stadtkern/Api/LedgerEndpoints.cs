using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stadtkern.Errors;
using Stadtkern.Ledger;

namespace Stadtkern.Host.Api;

/// <summary>
/// The integrity ledger: the signed checkpoint (also at <c>/.well-known/stadtkern/checkpoint</c>), the verifier key,
/// entries, and inclusion and consistency proofs; hashes in standard base64, as the checkpoint has them.
/// </summary>
internal static class LedgerEndpoints
{
    private static readonly FrozenSet<string> InclusionParameters = FrozenSet.Create(StringComparer.Ordinal, "index", "leafHash", "size");
    private static readonly FrozenSet<string> ConsistencyParameters = FrozenSet.Create(StringComparer.Ordinal, "from", "to");

    public static void MapLedger(this IEndpointRouteBuilder app)
    {
        var ledger = app.MapGroup("/stadtkern/v1/ledger").WithTags("Ledger");
        ledger.MapGet("/", Describe).WithSummary("The log's origin, size, root hash and verifier key");
        ledger.MapGet("/checkpoint", Checkpoint).WithSummary("The signed checkpoint (C2SP signed note)");
        ledger.MapGet("/key", (TransparencyLog log) => Results.Text(log.VerifierKey + "\n", "text/plain; charset=utf-8")).WithSummary("The verifier key");
        ledger.MapGet("/entries/{index}", Entry).WithSummary("One entry of the log");
        ledger.MapGet("/proofs/inclusion", Inclusion).WithSummary("Audit path of an entry (by index or leaf hash) in a tree size");
        ledger.MapGet("/proofs/consistency", Consistency).WithSummary("Consistency proof between two tree sizes");
        app.MapGet("/.well-known/stadtkern/checkpoint", Checkpoint).ExcludeFromDescription();
    }

    private static async Task<IResult> Describe(HttpContext http, TransparencyLog log)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        var signed = await log.CheckpointAsync(http.RequestAborted);
        return Json(new JsonObject
        {
            ["origin"] = signed.Checkpoint.Origin,
            ["size"] = signed.Checkpoint.Size,
            ["rootHash"] = Convert.ToBase64String(signed.Checkpoint.Root),
            ["verifierKey"] = log.VerifierKey,
        });
    }

    private static async Task<IResult> Checkpoint(HttpContext http, TransparencyLog log)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        var signed = await log.CheckpointAsync(http.RequestAborted);
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Text(signed.Note, "text/plain; charset=utf-8");
    }

    private static async Task<IResult> Entry(HttpContext http, string index, TransparencyLog log)
    {
        QueryString.Check(http.Request, FrozenSet<string>.Empty);
        var entry = await log.EntryAsync(Number(index, "index"), http.RequestAborted);
        var rendered = new JsonObject
        {
            ["index"] = entry.Index,
            ["kind"] = entry.Kind,
            ["leafHash"] = Convert.ToBase64String(entry.LeafHash),
            ["recordedAt"] = Model.Validation.Format(entry.RecordedAt),
            // The logged bytes exactly, so that anyone can recompute the leaf hash.
            ["body"] = Convert.ToBase64String(entry.Body),
        };
        if (TryJson(entry.Body) is { } json) rendered["content"] = json;
        return Json(rendered);
    }

    private static async Task<IResult> Inclusion(HttpContext http, TransparencyLog log)
    {
        QueryString.Check(http.Request, InclusionParameters);
        var request = http.Request;
        var byIndex = QueryString.Get(request, "index");
        var byHash = QueryString.Get(request, "leafHash");
        if ((byIndex is null) == (byHash is null)) throw NgsiLdException.BadData("Give exactly one of 'index' and 'leafHash'.");
        var index = byIndex is not null ? Number(byIndex, "index") : await log.IndexOfAsync(Hash(byHash!, "leafHash"), http.RequestAborted);
        var size = QueryString.Get(request, "size") is { } s ? Number(s, "size") : (long?)null;
        var (treeSize, proof) = await log.InclusionAsync(index, size, http.RequestAborted);
        return Json(new JsonObject
        {
            ["index"] = index,
            ["treeSize"] = treeSize,
            ["proof"] = Hashes(proof),
        });
    }

    private static async Task<IResult> Consistency(HttpContext http, TransparencyLog log)
    {
        QueryString.Check(http.Request, ConsistencyParameters);
        var from = Number(QueryString.Get(http.Request, "from") ?? throw NgsiLdException.BadData("'from' is required."), "from");
        var to = Number(QueryString.Get(http.Request, "to") ?? throw NgsiLdException.BadData("'to' is required."), "to");
        var proof = await log.ConsistencyAsync(from, to, http.RequestAborted);
        return Json(new JsonObject { ["from"] = from, ["to"] = to, ["proof"] = Hashes(proof) });
    }

    private static JsonArray Hashes(IEnumerable<byte[]> hashes) => new([.. hashes.Select(h => (JsonNode)Convert.ToBase64String(h))]);

    private static long Number(string text, string name) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw NgsiLdException.BadData($"'{name}' must be a whole number ≥ 0.");

    private static byte[] Hash(string text, string name)
    {
        try
        {
            var hash = Convert.FromBase64String(text);
            if (hash.Length == MerkleHash.Size) return hash;
        }
        catch (FormatException)
        {
            // reported below
        }
        throw NgsiLdException.BadData($"'{name}' must be a SHA-256 hash in standard base64 (URL-encoded).");
    }

    private static JsonNode? TryJson(byte[] body)
    {
        try
        {
            return JsonNode.Parse(Encoding.UTF8.GetString(body));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult Json(JsonObject body) => Results.Content(body.ToJsonString(), "application/json");
}
