using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Stadtkern.Ledger;

namespace Stadtkern.Host.Verify;

/// <summary>
/// Checks a published file as an outsider who trusts nothing but the log's key: the signed checkpoint, the release
/// manifest's inclusion in it, the file's SHA-256 in that manifest, and the log's consistency with the checkpoint this
/// verifier saw before. The server's own release document only says where to look (the ledger index).
/// </summary>
public sealed class DistributionVerifier(HttpClient http, CheckpointMemory memory, string? pinnedKey = null)
{
    public async Task<VerifyOutcome> VerifyAsync(Uri server, string datasetId, int release, string fileName, byte[] file, CancellationToken cancellation)
    {
        var passed = new List<string>();
        VerifyOutcome Fail(VerifyVerdict verdict, string reason) => new(verdict, passed, reason);
        var root = server.ToString().TrimEnd('/');

        var described = await GetJsonAsync($"{root}/stadtkern/v1/datasets/{Uri.EscapeDataString(datasetId)}/releases/{release}", cancellation);
        if (described is null) return Fail(VerifyVerdict.Unavailable, $"The server has no release {release} of '{datasetId}'.");
        if (described["ledgerIndex"]?.GetValue<long>() is not { } index)
            return Fail(VerifyVerdict.HistoryRewritten, $"Release {release} of '{datasetId}' is not in the ledger (status {described["status"]}): it is not published.");

        var key = pinnedKey ?? (await GetTextAsync($"{root}/stadtkern/v1/ledger/key", cancellation))?.Trim();
        var note = await GetTextAsync($"{root}/.well-known/stadtkern/checkpoint", cancellation);
        if (key is null || note is null) return Fail(VerifyVerdict.Unavailable, "The server does not publish its ledger key or checkpoint.");
        if (!SignedNote.TryVerify(note, key, out var text, out var why) || !Checkpoint.TryParse(text, out var checkpoint))
            return Fail(VerifyVerdict.BadSignature, $"The checkpoint is not signed by the key {(pinnedKey is null ? "the server names" : "given")}: {why}");
        var (knownKey, earlier) = memory.Recall(checkpoint.Origin);
        if (pinnedKey is null && knownKey is not null && knownKey != key)
            return Fail(VerifyVerdict.BadSignature, $"The log '{checkpoint.Origin}' is now signed by another key than the one seen before ({knownKey}).");
        passed.Add(Invariant($"checkpoint of '{checkpoint.Origin}' at size {checkpoint.Size} signed by {key}{(knownKey is null && pinnedKey is null ? " (first use: key remembered)" : "")}"));

        if (earlier is not null)
        {
            var consistent = earlier.Size == checkpoint.Size ? earlier.Root.AsSpan().SequenceEqual(checkpoint.Root)
                : earlier.Size < checkpoint.Size && await ConsistentAsync(root, earlier, checkpoint, cancellation);
            if (!consistent)
                return Fail(VerifyVerdict.LogForked, Invariant($"The log at size {checkpoint.Size} is not an extension of the checkpoint seen before (size {earlier.Size}, root {Convert.ToBase64String(earlier.Root)}): forked or rolled back."));
            passed.Add(Invariant($"consistent with the checkpoint seen before (size {earlier.Size})"));
        }

        var entry = await GetJsonAsync(Invariant($"{root}/stadtkern/v1/ledger/entries/{index}"), cancellation);
        var inclusion = await GetJsonAsync(Invariant($"{root}/stadtkern/v1/ledger/proofs/inclusion?index={index}&size={checkpoint.Size}"), cancellation);
        if (entry?["body"] is null || inclusion?["proof"] is not JsonArray proof)
            return Fail(VerifyVerdict.HistoryRewritten, Invariant($"The log has no entry {index} in its tree of {checkpoint.Size}."));
        var body = Convert.FromBase64String(entry["body"]!.GetValue<string>());
        if (!MerkleProof.VerifyInclusion(MerkleHash.Leaf(body), index, checkpoint.Size, [.. proof.Select(p => Convert.FromBase64String(p!.GetValue<string>()))], checkpoint.Root))
            return Fail(VerifyVerdict.HistoryRewritten, Invariant($"Entry {index} as served is not the one in the signed tree: the history was rewritten."));
        passed.Add(Invariant($"release manifest is entry {index} of the signed log"));

        var manifest = JsonNode.Parse(body) as JsonObject;
        if (manifest?["dataset"]?.ToString() != datasetId || manifest["release"]?.GetValue<int>() != release)
            return Fail(VerifyVerdict.HistoryRewritten, Invariant($"Entry {index} is not the manifest of release {release} of '{datasetId}'."));
        var files = manifest["distributions"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        // A renamed download is matched by its extension (a release has one file per format).
        var listed = files.FirstOrDefault(d => d["fileName"]?.ToString() == fileName)
            ?? files.FirstOrDefault(d => System.IO.Path.GetExtension(d["fileName"]?.ToString()) == System.IO.Path.GetExtension(fileName));
        if (listed is null) return Fail(VerifyVerdict.FileChanged, $"The logged manifest names no file '{fileName}'.");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(file));
        if (listed["sha256"]!.GetValue<string>() != sha256)
            return Fail(VerifyVerdict.FileChanged, $"The file's SHA-256 is {sha256}; the logged manifest says {listed["sha256"]}: its bytes were changed.");
        passed.Add($"file SHA-256 {sha256} as logged ({file.LongLength} bytes)");

        memory.Remember(key, checkpoint);
        return new VerifyOutcome(VerifyVerdict.Verified, passed, null);
    }

    private async Task<bool> ConsistentAsync(string root, Checkpoint earlier, Checkpoint now, CancellationToken cancellation)
    {
        var answer = await GetJsonAsync(Invariant($"{root}/stadtkern/v1/ledger/proofs/consistency?from={earlier.Size}&to={now.Size}"), cancellation);
        return answer?["proof"] is JsonArray proof
            && MerkleProof.VerifyConsistency(earlier.Size, now.Size, [.. proof.Select(p => Convert.FromBase64String(p!.GetValue<string>()))], earlier.Root, now.Root);
    }

    private async Task<JsonObject?> GetJsonAsync(string url, CancellationToken cancellation) =>
        await GetTextAsync(url, cancellation) is { } text ? JsonNode.Parse(text) as JsonObject : null;

    private async Task<string?> GetTextAsync(string url, CancellationToken cancellation)
    {
        using var response = await http.GetAsync(new Uri(url), cancellation);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancellation) : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
