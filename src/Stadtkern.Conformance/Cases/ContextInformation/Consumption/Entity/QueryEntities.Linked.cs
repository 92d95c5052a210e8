using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.EntityQueryKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption.Entity;

/// <summary>Query Entities with linked entity retrieval (<c>join</c>, <c>joinLevel</c>), suite 019_13 to 019_16 and 019_20 to 019_24.</summary>
/// <remarks>
/// The expectations are lists naming fixed ids, compared as a whole ("Check Response Body Content"), so these cases
/// create the suite's fixed ids and expect them to be the only Buildings. 019_14 and 019_15 check only that
/// <c>createdAt</c> is present, so they use random ids. In 019_16 and 019_22/019_23 the suite re-checks the status of
/// the first pair's creations where it meant the second pair's; here every creation must give 201.
/// </remarks>
public static partial class QueryEntities
{
    private static Payload LinkedList(string file) => Payload.FromFile("entities/expectations/linked-entity-retrieval/" + file);

    private static IEnumerable<ConformanceCase> Linked()
    {
        foreach (var (id, title, join, options, expectation) in new[]
        {
            ("019_13_01", "Linked entities inline, normalized", "inline", "", "buildings-one-level-inline-019-13.json"),
            ("019_13_02", "Linked entities flat, normalized", "flat", "", "buildings-one-level-flat-019-13.json"),
            ("019_13_03", "Linked entities inline, simplified", "inline", "keyValues", "buildings-one-level-inline-simplified-019-13.json"),
            ("019_13_04", "Linked entities flat, simplified", "flat", "keyValues", "buildings-one-level-flat-simplified-019-13.json"),
        })
        {
            yield return OneLevelPairs(id, title, "019-13", "building-relationship.jsonld", "city-minimal.jsonld")
                .Then(Http.Get(Url("entities", P("options", options), P("type", "Building"), P("join", join), P("joinLevel", "1"))).WithSuiteContext(),
                    Expect.Status(200), Expect.Body(LinkedList(expectation)));
        }

        yield return RandomOneLevelPairs("019_14_01", "Inline linked entities with sysAttrs")
            .Then(Http.Get(Url("entities", P("options", "sysAttrs"), P("type", "Building"), P("join", "inline"), P("joinLevel", "1"))).WithSuiteContext(),
                Expect.Status(200), Has("$[0].locatedAt.entity.createdAt"), Has("$[1].locatedAt.entity.createdAt"));

        yield return RandomOneLevelPairs("019_15_01", "Flat linked entities with sysAttrs")
            .Then(Http.Get(Url("entities", P("options", "sysAttrs"), P("type", "Building"), P("join", "flat"), P("joinLevel", "1"))).WithSuiteContext(),
                Expect.Status(200), Has("$[0].createdAt"), Has("$[1].createdAt"), Has("$[2].createdAt"), Has("$[3].createdAt"));

        foreach (var (id, title, join, options, expectation) in new[]
        {
            ("019_16_01", "Two linked levels inline, normalized", "inline", "", "buildings-two-levels-inline-019-16.json"),
            ("019_16_02", "Two linked levels flat, normalized", "flat", "", "buildings-two-levels-flat-019-16.json"),
            ("019_16_03", "Two linked levels inline, simplified", "inline", "keyValues", "buildings-two-levels-inline-simplified-019-16.json"),
            ("019_16_04", "Two linked levels flat, simplified", "flat", "keyValues", "buildings-two-levels-flat-simplified-019-16.json"),
        })
        {
            yield return TwoLevelPairs(id, title, "019-16", "city-relationship.jsonld", "$.locatedAt.object", "country-minimal.jsonld")
                .Then(Http.Get(Url("entities", P("options", options), P("type", "Building"), P("join", join), P("joinLevel", "2"))).WithSuiteContext(),
                    Expect.Status(200), Expect.Body(LinkedList(expectation)));
        }

        // 019_20 and 019_21: one level with pick / omit and local=true.
        foreach (var (id, title, join, name, value, expectation) in new[]
        {
            ("019_20_01", "Inline with pick on linking entity", "inline", "pick", "id,name", "buildings-one-level-inline-pick-id-name-019-20.json"),
            ("019_20_02", "Flat with pick on linking entity", "flat", "pick", "id,name", "buildings-one-level-flat-pick-id-name-019-20.json"),
            ("019_20_03", "Inline with pick on linked entity", "inline", "pick", "id,locatedAt{id,name}", "buildings-one-level-inline-pick-id-locatedAt-019-20.json"),
            ("019_20_04", "Flat with pick on linked entity", "flat", "pick", "id,locatedAt{id,name}", "buildings-one-level-flat-pick-id-locatedAt-019-20.json"),
            ("019_21_01", "Inline with omit on linking entity", "inline", "omit", "name", "buildings-one-level-inline-omit-name-019-21.json"),
            ("019_21_02", "Flat with omit on linking entity", "flat", "omit", "name", "buildings-one-level-flat-omit-name-019-21.json"),
            ("019_21_03", "Inline with omit on linked entity", "inline", "omit", "name,locatedAt{name}", "buildings-one-level-inline-omit-id-locatedAt-019-21.json"),
            ("019_21_04", "Flat with omit on linked entity", "flat", "omit", "name,locatedAt{name}", "buildings-one-level-flat-omit-id-locatedAt-019-21.json"),
        })
        {
            yield return OneLevelPairs(id, title, id[..6].Replace('_', '-'), "building-different-attributes-types.jsonld", "city-simple-attributes.jsonld")
                .Then(Http.Get(Url("entities", P("type", "Building"), P("join", join), P("joinLevel", "1"), P(name, value), P("local", "true")))
                        .WithSuiteContext(),
                    Expect.Status(200), Expect.Body(LinkedList(expectation)));
        }

        // 019_22 and 019_23: two levels with pick / omit and local=true; the City links to the Country by isInCountry.
        foreach (var (id, title, join, name, value, expectation) in new[]
        {
            ("019_22_01", "Inline with pick on linked entity", "inline", "pick", "id,locatedAt{id,name}", "buildings-two-levels-inline-pick-id-locatedAt-019-22.json"),
            ("019_22_02", "Flat with pick on linked entity", "flat", "pick", "id,locatedAt{id,name}", "buildings-two-levels-flat-pick-id-locatedAt-019-22.json"),
            ("019_22_03", "Inline with pick on second-level linked entity", "inline", "pick", "id,locatedAt{id,name,isInCountry{id,description}}", "buildings-two-levels-inline-pick-id-locatedAt-isInCountry-019-22.json"),
            ("019_22_04", "Flat with pick on second-level linked entity", "flat", "pick", "id,locatedAt{id,name,isInCountry{id,description}}", "buildings-two-levels-flat-pick-id-locatedAt-isInCountry-019-22.json"),
            ("019_23_01", "Inline with omit on linked entity", "inline", "omit", "type,locatedAt{name}", "buildings-two-levels-inline-omit-id-locatedAt-019-23.json"),
            ("019_23_02", "Flat with omit on linked entity", "flat", "omit", "type,locatedAt{name}", "buildings-two-levels-flat-omit-id-locatedAt-019-23.json"),
            ("019_23_03", "Inline with omit on second-level linked entity", "inline", "omit", "type,locatedAt{name,isInCountry{description}}", "buildings-two-levels-inline-omit-id-locatedAt-isInCountry-019-23.json"),
            ("019_23_04", "Flat with omit on second-level linked entity", "flat", "omit", "type,locatedAt{name,isInCountry{description}}", "buildings-two-levels-flat-omit-id-locatedAt-isInCountry-019-23.json"),
        })
        {
            yield return TwoLevelPairs(id, title, id[..6].Replace('_', '-'), "city-simple-attributes.jsonld", "$.isInCountry.object", "country-simple-attributes.jsonld")
                .Then(Http.Get(Url("entities", P("type", "Building"), P("join", join), P("joinLevel", "2"), P(name, value), P("local", "true")))
                        .WithSuiteContext(),
                    Expect.Status(200), Expect.Body(LinkedList(expectation)));
        }

        // 019_24: as 019_13 through POST /entityOperations/query (same ids and expectations; no joinLevel is sent).
        foreach (var (id, title, join, options, expectation) in new[]
        {
            ("019_24_01", "Linked entities via POST inline, normalized", "inline", "", "buildings-one-level-inline-019-13.json"),
            ("019_24_02", "Linked entities via POST flat, normalized", "flat", "", "buildings-one-level-flat-019-13.json"),
            ("019_24_03", "Linked entities via POST inline, simplified", "inline", "keyValues", "buildings-one-level-inline-simplified-019-13.json"),
            ("019_24_04", "Linked entities via POST flat, simplified", "flat", "keyValues", "buildings-one-level-flat-simplified-019-13.json"),
        })
        {
            var body = QueryBody().Set("$.entities", """[{ "type": "Building" }]""").Set("$.join", Str(join));
            yield return OneLevelPairs(id, title, "019-13", "building-relationship.jsonld", "city-minimal.jsonld")
                .Then(PostQuery(body, MediaTypes.Json, P("options", options)).WithSuiteContext(),
                    Expect.Status(200), Expect.Body(LinkedList(expectation)));
        }
    }

    /// <summary>Two Buildings <c>{tag}-1</c>, <c>{tag}-2</c>, each locatedAt its City of the same suffix.</summary>
    private static ConformanceCase OneLevelPairs(string id, string title, string tag, string buildingFile, string cityFile)
    {
        var @case = new ConformanceCase(Clause, id, title);
        foreach (var n in new[] { "-1", "-2" })
        {
            string building = BuildingPrefix + tag + n, city = CityPrefix + tag + n;
            @case = @case
                .Then(CreateLinking(buildingFile, building, city), Created)
                .Then(CreateLdFixed(cityFile, city), Created)
                .Finally(Delete(building, city));
        }

        return @case;
    }

    /// <summary>As <see cref="OneLevelPairs"/> with random ids (for the cases whose checks name no id).</summary>
    private static ConformanceCase RandomOneLevelPairs(string id, string title)
    {
        var @case = new ConformanceCase(Clause, id, title);
        foreach (var n in new[] { "1", "2" })
        {
            @case = @case
                .NewId("b" + n, BuildingPrefix).NewId("c" + n, CityPrefix)
                .Then(CreateLinking("building-relationship.jsonld", "{b" + n + "}", "{c" + n + "}"), Created)
                .Then(CreateLd("city-minimal.jsonld", "c" + n), Created)
                .Finally(Delete("{b" + n + "}", "{c" + n + "}"));
        }

        return @case;
    }

    /// <summary>Two chains Building <c>{tag}-n</c> → City <c>{tag}-n</c> → Country <c>{tag}-n</c>.</summary>
    private static ConformanceCase TwoLevelPairs(string id, string title, string tag, string cityFile, string cityLinkPath, string countryFile)
    {
        var @case = new ConformanceCase(Clause, id, title);
        foreach (var n in new[] { "-1", "-2" })
        {
            string building = BuildingPrefix + tag + n, city = CityPrefix + tag + n, country = CountryPrefix + tag + n;
            @case = @case
                .Then(CreateLinking("building-relationship.jsonld", building, city), Created)
                .Then(CreateLinking(cityFile, city, country, cityLinkPath), Created)
                .Then(CreateLdFixed(countryFile, country), Created)
                .Finally(Delete(building, city, country));
        }

        return @case;
    }
}
