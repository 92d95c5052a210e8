using System.Text.Json.Nodes;
using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.EntityQueryKit;
using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.TemporalEntity.TemporalKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption.TemporalEntity;

/// <summary>
/// The two files at the top of the suite's TemporalEntity folder, both fork-only "Antares extension" cases
/// (<c>since_v1.9.1</c>): 5734_01, EntityMaps on the temporal retrieve and query (clauses 5.7.3.4, 5.7.4.4, 5.5.14),
/// and 5743_01, <c>expandValues</c> on the temporal query (5.7.4.3, 4.9 example 12).
/// </summary>
/// <remarks>
/// The fixtures are current-state entities (<c>POST /entities</c>, JSON without Link header) found through the
/// temporal API by their <c>createdAt</c>. The suite's fixed ids (<c>urn:ngsi-ld:Vehicle:em5734one</c>, …) are
/// random ids here; nothing compares them with a file.
/// </remarks>
public static class TemporalEntityMapAndExpandValues
{
    private const string Clause = "ContextInformation/Consumption/TemporalEntity";

    public static IEnumerable<ConformanceCase> All() => [.. EntityMaps(), .. ExpandValues()];

    private static Request CreateVehicle(string idVariable, int speed) =>
        Http.Post("entities").Json(Payload.Raw(
            """{"id": "{""" + idVariable + """}", "type": "Vehicle", "speed": {"type": "Property", "value": """
            + speed.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}"));

    private static ConformanceCase WithVehicles(string id, string title) =>
        new ConformanceCase(Clause, id, title)
            .NewId("one", VehiclePrefix)
            .NewId("two", VehiclePrefix)
            .Then(CreateVehicle("one", 30), Created)
            .Then(CreateVehicle("two", 90), Created)
            .Finally(Http.Delete("entityMaps/{map|url}"))
            .Finally(Cleanup("{one}", "{two}"));

    private static IEnumerable<ConformanceCase> EntityMaps()
    {
        yield return WithVehicles("5734_01_01", "A temporal retrieve with the entityMap flag creates a map")
            .Then(Http.Get("temporal/entities/{one}?" + CreatedWindow + "&entityMap=true").Capture("map", "header:NGSILD-EntityMap|lastSegment"),
                Expect.Status(200), Expect.Header("NGSILD-EntityMap"))
            .Then(Http.Get("entityMaps/{map|url}"), Expect.Status(200), MapHolds("one", "two"));

        // The map, narrowed to one id when it is made, fixes the result set of a broader query; its location is echoed.
        yield return WithVehicles("5734_01_02", "A live EntityMap fixes the temporal query's result set")
            .Then(Http.Get("temporal/entities?type=Vehicle&id={one}&" + CreatedWindow + "&entityMap=true")
                    .Capture("location", "header:NGSILD-EntityMap").Capture("map", "header:NGSILD-EntityMap|lastSegment"),
                Expect.Status(201))
            .Then(Http.Get("temporal/entities?type=Vehicle&" + CreatedWindow).Header("NGSILD-EntityMap", "{location}"),
                Expect.Status(200), Expect.Ids("{one}"), Expect.Header("NGSILD-EntityMap", "{location}"));

        yield return WithVehicles("5734_01_03", "An unknown EntityMap reference makes a new map on the temporal query")
            .Then(Http.Get("temporal/entities?type=Vehicle&" + CreatedWindow).Header("NGSILD-EntityMap", "urn:ngsi-ld:entitymap:em5734dead")
                    .Capture("map", "header:NGSILD-EntityMap|lastSegment"),
                Expect.Status(201), HeaderLacks("NGSILD-EntityMap", "em5734dead"));
    }

    // 5734_01_01: the map's entityMap lists the first entity under ["@none"] and not the second.
    private static Check MapHolds(string included, string excluded) => new Check.Custom($"entityMap holds {{{included}}} as [\"@none\"], not {{{excluded}}}", (body, variables) =>
    {
        if (body?["entityMap"] is not JsonObject map)
        {
            return "no entityMap object";
        }

        if (!map.TryGetPropertyValue(variables[included], out var sources) || sources?.ToJsonString() != """["@none"]""")
        {
            return $"{variables[included]} maps to {sources?.ToJsonString() ?? "nothing"}";
        }

        return map.ContainsKey(variables[excluded]) ? $"{variables[excluded]} is in the map" : null;
    });

    private static IEnumerable<ConformanceCase> ExpandValues()
    {
        foreach (var (id, title, expandValues, found) in new[]
        {
            ("5743_01_01", "expandValues coerces the temporal query term", "&expandValues=category", true),
            ("5743_01_02", "without expandValues the literal does not match", "", false),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("shop", "urn:ngsi-ld:Shop:ev5743-")
                .Then(Http.Post("entities").Json(Payload.Raw("""{"id": "{shop}", "type": "Shop", "category": {"type": "VocabProperty", "vocab": "commercial"}}""")),
                    Created)
                .Then(Http.Get("temporal/entities?type=Shop&q=category%3D%3Dcommercial" + expandValues + "&" + CreatedWindow),
                    Expect.Status(200), found ? TextContains("{shop}") : TextLacks("{shop}"))
                .Finally(Cleanup("{shop}"));
        }
    }
}
