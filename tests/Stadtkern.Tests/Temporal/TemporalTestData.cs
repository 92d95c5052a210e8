using System.Text.Json.Nodes;
using Stadtkern.Tests.Support;

namespace Stadtkern.Tests.Temporal;

/// <summary>Paths and bodies of the temporal API.</summary>
internal static class TemporalTestData
{
    public const string Entities = "ngsi-ld/v1/temporal/entities";

    public static string EntityPath(string id) => $"{Entities}/{Uri.EscapeDataString(id)}";

    /// <summary>A temporal entity with one numeric attribute observed at the given instants.</summary>
    public static JsonObject Series(string id, string type, string attribute, params (double Value, string At)[] readings)
    {
        var instances = new JsonArray();
        foreach (var (value, at) in readings)
            instances.Add(new JsonObject { ["type"] = "Property", ["value"] = value, ["observedAt"] = at });
        return new JsonObject { ["id"] = id, ["type"] = type, [attribute] = instances };
    }

    public static async Task CreateOkAsync(NgsiClient client, JsonObject temporalEntity)
    {
        var reply = await client.PostAsync(Entities, temporalEntity);
        reply.ShouldHaveStatus(201);
    }

    /// <summary>The [value, instant] pairs of an attribute in the temporalValues representation.</summary>
    public static List<(double Value, string At)> Pairs(JsonObject entity, string attribute) =>
        entity[attribute]!["values"]!.AsArray().Select(p => (p![0]!.GetValue<double>(), p[1]!.GetValue<string>())).ToList();

    /// <summary>Every method's periods in <paramref name="actual"/> equal those in <paramref name="expected"/>: value (to a precision), start and end.</summary>
    public static void AssertSameAggregates(JsonObject expected, JsonObject actual, string attribute, string methods, int precision)
    {
        foreach (var method in methods.Split(','))
        {
            var a = actual[attribute]![method]!.AsArray();
            var b = expected[attribute]![method]!.AsArray();
            Assert.NotEmpty(b);
            Assert.Equal(b.Count, a.Count);
            for (var i = 0; i < a.Count; i++)
            {
                Assert.Equal(b[i]![0]!.GetValue<double>(), a[i]![0]!.GetValue<double>(), precision);
                Assert.Equal(b[i]![1]!.GetValue<string>(), a[i]![1]!.GetValue<string>());
                Assert.Equal(b[i]![2]!.GetValue<string>(), a[i]![2]!.GetValue<string>());
            }
        }
    }
}
