using System.Text;
using System.Text.Json;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.BadInput;

/// <summary>
/// Hundreds of deterministic mutations of a valid entity (characters dropped, inserted, swapped, cut off, segments doubled)
/// sent to the write endpoints: the broker never answers 5xx, and when it refuses a mutant the store is unchanged.
/// Mutants with duplicate member names are left out here: <see cref="HostileValueTests"/> covers those on their own.
/// </summary>
public sealed class MutationSweepTests(TargetFixture fixture) : IClassFixture<TargetFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    private const string Seed = """
        {"id":"urn:ngsi-ld:Thing:mutant","type":"Thing","scope":"/City/Centre",
         "temperature":{"type":"Property","value":21.5,"unitCode":"CEL","observedAt":"2026-11-28T08:00:00Z",
                        "accuracy":{"type":"Property","value":0.2}},
         "owner":{"type":"Relationship","object":"urn:ngsi-ld:Person:1"},
         "location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[8.65,49.87]}},
         "name":{"type":"LanguageProperty","languageMap":{"de":"Turm","en":"tower"}},
         "stops":{"type":"ListRelationship","objectList":[{"object":"urn:ngsi-ld:Stop:1"}]},
         "speed":[{"type":"Property","value":1,"datasetId":"urn:ngsi-ld:Dataset:a"},{"type":"Property","value":2}]}
        """;

    private const string Alphabet = "{}[]\":,0123456789.-eE \\'nulltrueabcxyz:/#@";

    private static IEnumerable<string> Mutants(int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var text = new StringBuilder(Seed);
            var edits = 1 + random.Next(3);
            for (var e = 0; e < edits && text.Length > 2; e++)
            {
                var at = random.Next(text.Length);
                switch (random.Next(6))
                {
                    case 0: text.Remove(at, 1); break;
                    case 1: text.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                    case 2: text[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                    case 3: text.Length = at + 1; break;
                    case 4:
                        var length = Math.Min(1 + random.Next(40), text.Length - at);
                        text.Insert(at, text.ToString(at, length));
                        break;
                    default:
                        var other = random.Next(text.Length);
                        (text[at], text[other]) = (text[other], text[at]);
                        break;
                }
            }
            if (!HasDuplicateMembers(text.ToString())) yield return text.ToString();
        }
    }

    private static bool HasDuplicateMembers(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return HasDuplicates(document.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool HasDuplicates(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().GroupBy(p => p.Name).Any(g => g.Count() > 1)
            || element.EnumerateObject().Any(p => HasDuplicates(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(HasDuplicates),
        _ => false,
    };

    private async Task SweepAsync(HttpMethod method, string path, Func<string, string> wrap, int seed)
    {
        var failures = new List<string>();
        foreach (var mutant in Mutants(seed, 200))
        {
            var before = StoreSnapshot.Take(fixture.Broker);
            var reply = await _client.SendAsync(method, path, wrap(mutant), NgsiClient.Json);
            if (reply.Status >= 500) failures.Add($"{reply.Status} for {mutant}");
            else if (reply.Status >= 400 && before != StoreSnapshot.Take(fixture.Broker)) failures.Add($"refused with {reply.Status} but the store changed: {mutant}");
            else if (reply.Status == 201) await _client.DeleteAsync(NgsiClient.EntityPath("urn:ngsi-ld:Thing:mutant"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    [Fact]
    public Task Mutated_entities_sent_to_create_never_cause_a_server_error() =>
        SweepAsync(HttpMethod.Post, NgsiClient.Entities, m => m, seed: 1);

    [Fact]
    public Task Mutated_fragments_sent_to_merge_never_cause_a_server_error() =>
        SweepAsync(HttpMethod.Patch, NgsiClient.EntityPath(TargetFixture.TargetId), m => m.Replace("urn:ngsi-ld:Thing:mutant", TargetFixture.TargetId), seed: 2);

    [Fact]
    public Task Mutated_entities_in_a_batch_upsert_never_cause_a_server_error() =>
        SweepAsync(HttpMethod.Post, "ngsi-ld/v1/entityOperations/upsert?options=update", m => "[" + m.Replace("urn:ngsi-ld:Thing:mutant", TargetFixture.TargetId) + "]", seed: 3);
}
