using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Api.BadInput;

/// <summary>Random strings from the query languages' own tokens, sent as q, type, scopeQ, attrs and geo-query parameters: never a server error.</summary>
public sealed class QueryFuzzTests(TargetFixture fixture) : IClassFixture<TargetFixture>
{
    private readonly NgsiClient _client = fixture.Client;

    private static readonly string[] QTokens =
    [
        "temperature", "name", "location", "speed.accuracy", "a[k]", "[0]", "==", "!=", ">", "<", ">=", "~=", "!~=", "\"", "\"x\"", "(", ")",
        ";", "|", "1", "2.5", "..", ",", "'", "\\", "2026-01-01T00:00:00Z", "urn:ngsi-ld:X:1", " ", "true", "-", ".", "[", "]", "observedAt", "%",
    ];

    private static readonly string[] OtherTokens = ["Thing", "/a", "/", "+", "#", ";", ",", "|", "(", ")", "x", "@", ":", " ", "'", "\""];

    private static IEnumerable<string> Strings(string[] tokens, int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
            yield return string.Concat(Enumerable.Range(0, 1 + random.Next(12)).Select(_ => tokens[random.Next(tokens.Length)]));
    }

    private async Task SweepAsync(IEnumerable<string> values, Func<string, (string, string)[]> parameters)
    {
        var before = StoreSnapshot.Take(fixture.Broker);
        var failures = new List<string>();
        foreach (var value in values)
        {
            var reply = await _client.QueryAsync(parameters(value));
            if (reply.Status is not (200 or 400 or 403)) failures.Add($"{reply.Status} for '{value}': {reply.Body}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        Assert.Equal(before, StoreSnapshot.Take(fixture.Broker));
    }

    [Fact]
    public Task Random_q_expressions_never_cause_a_server_error() =>
        SweepAsync(Strings(QTokens, 11, 400), q => [("type", "Thing"), ("q", q)]);

    [Fact]
    public Task Random_type_expressions_never_cause_a_server_error() =>
        SweepAsync(Strings(OtherTokens, 12, 200), t => [("type", t)]);

    [Fact]
    public Task Random_scope_queries_never_cause_a_server_error() =>
        SweepAsync(Strings(OtherTokens, 13, 200), s => [("type", "Thing"), ("scopeQ", s)]);

    [Fact]
    public Task Random_attrs_and_pick_lists_never_cause_a_server_error() =>
        SweepAsync(Strings(OtherTokens, 14, 200), a => [("type", "Thing"), ("attrs", a), ("pick", a)]);

    [Fact]
    public Task Random_geo_queries_never_cause_a_server_error()
    {
        string[] georels = ["near;maxDistance==100", "near;minDistance==1", "within", "contains", "intersects", "disjoint", "equals", "overlaps", "near", "near;maxDistance==-1"];
        string[] geometries = ["Point", "Polygon", "LineString", "MultiPolygon", "GeometryCollection", "Circle"];
        string[] coordinates = ["[8.65,49.87]", "[[8.6,49.8],[8.7,49.9]]", "[[[8.6,49.8],[8.7,49.8],[8.7,49.9],[8.6,49.8]]]", "[]", "[[]]", "[1e400,1]", "[\"a\",1]", "{}", "[8.65]", "[[[[1,2]]]]"];
        var random = new Random(15);
        var cases = Enumerable.Range(0, 200).Select(_ => (georels[random.Next(georels.Length)], geometries[random.Next(geometries.Length)], coordinates[random.Next(coordinates.Length)]));

        return SweepAsync(cases.Select(c => $"{c.Item1}\n{c.Item2}\n{c.Item3}"), v =>
        {
            var parts = v.Split('\n');
            return [("type", "Thing"), ("georel", parts[0]), ("geometry", parts[1]), ("coordinates", parts[2])];
        });
    }
}
