using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.EntityQueryKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption.Entity;

/// <summary>Retrieve Entity with linked entity retrieval (<c>join</c>, <c>joinLevel</c>), suite 018_10 to 018_14, 018_20, 018_21.</summary>
/// <remarks>
/// The expectations name fixed ids, so these cases create the suite's fixed ids (not random ones) and compare the body
/// as written ("Check Response Body Content": no id rewriting, <c>instanceId</c> ignored). 018_11 and 018_12 check
/// only that <c>createdAt</c> is present, so they use random ids.
/// Suite vs. spec: 018_14_02 expects a single entity object for <c>join=flat</c> when the linked entity does not
/// exist, while 018_10_02 expects an array for <c>join=flat</c>; the response shape then depends on the data.
/// </remarks>
public static partial class RetrieveEntity
{
    private const string Paris = CityPrefix + "Paris";
    private const string France = CountryPrefix + "France";

    private static Payload LinkedExpectation(string file) => Payload.FromFile("entities/expectations/linked-entity-retrieval/" + file);

    private static IEnumerable<ConformanceCase> Linked()
    {
        // 018_10: one level; the building's locatedAt already points at City:Paris in the data file.
        foreach (var (id, title, join, options, expectation) in new[]
        {
            ("018_10_01", "Linked entity inline, normalized", "inline", "", "building-one-level-inline-018-10.json"),
            ("018_10_02", "Linked entity flat, normalized", "flat", "", "building-one-level-flat-018-10.json"),
            ("018_10_03", "Linked entity inline, simplified", "inline", "keyValues", "building-one-level-inline-simplified-018-10.json"),
            ("018_10_04", "Linked entity flat, simplified", "flat", "keyValues", "building-one-level-flat-simplified-018-10.json"),
        })
        {
            const string building = BuildingPrefix + "018-10";
            yield return OneLevel(id, title, building)
                .Then(Http.Get(Url("entities/" + building, P("options", options), P("join", join), P("joinLevel", "1"))).WithSuiteContext(),
                    Expect.Status(200), Expect.Body(LinkedExpectation(expectation)));
        }

        yield return RandomOneLevel("018_11_01", "Inline linked entity with sysAttrs")
            .Then(Http.Get(Url("entities/{b}", P("options", "sysAttrs"), P("join", "inline"), P("joinLevel", "1"))).WithSuiteContext(),
                Expect.Status(200), Has("$.locatedAt.entity.createdAt"));

        yield return RandomOneLevel("018_12_01", "Flat linked entity with sysAttrs")
            .Then(Http.Get(Url("entities/{b}", P("options", "sysAttrs"), P("join", "flat"), P("joinLevel", "1"))).WithSuiteContext(),
                Expect.Status(200), Has("$[0].createdAt"), Has("$[1].createdAt"));

        // 018_13: two levels, Building -> City:Paris -> Country:France as written in the data files.
        foreach (var (id, title, join, options, expectation) in new[]
        {
            ("018_13_01", "Two linked levels inline, normalized", "inline", "", "building-two-levels-inline-018-13.json"),
            ("018_13_02", "Two linked levels flat, normalized", "flat", "", "building-two-levels-flat-018-13.json"),
            ("018_13_03", "Two linked levels inline, simplified", "inline", "keyValues", "building-two-levels-inline-simplified-018-13.json"),
            ("018_13_04", "Two linked levels flat, simplified", "flat", "keyValues", "building-two-levels-flat-simplified-018-13.json"),
        })
        {
            const string building = BuildingPrefix + "018-13";
            yield return TwoLevels(id, title, building, "city-relationship.jsonld", "country-minimal.jsonld")
                .Then(Http.Get(Url("entities/" + building, P("options", options), P("join", join), P("joinLevel", "2"))).WithSuiteContext(),
                    Expect.Status(200), Expect.Body(LinkedExpectation(expectation)));
        }

        // 018_14: the linked City:Paris does not exist.
        foreach (var (id, title, join) in new[]
        {
            ("018_14_01", "Non-existent linked entity inline", "inline"),
            ("018_14_02", "Non-existent linked entity flat", "flat"),
        })
        {
            const string building = BuildingPrefix + "018-14";
            yield return new ConformanceCase(Clause, id, title)
                .Then(CreateLdFixed("building-relationship.jsonld", building), Created)
                .Then(Http.Get(Url("entities/" + building, P("join", join), P("joinLevel", "1"))).WithSuiteContext(),
                    Expect.Status(200), Expect.Body(LinkedExpectation("building-non-existent-inline-flat-018-14.json")))
                .Finally(Delete(building));
        }

        // 018_20 and 018_21: two levels with pick / omit (and local=true).
        foreach (var (id, title, join, name, value, expectation) in new[]
        {
            ("018_20_01", "Inline with pick on linked entity", "inline", "pick", "id,locatedAt{id,name}", "building-two-levels-inline-pick-id-locatedAt-018-20.json"),
            ("018_20_02", "Flat with pick on linked entity", "flat", "pick", "id,locatedAt{id,name}", "building-two-levels-flat-pick-id-locatedAt-018-20.json"),
            ("018_20_03", "Inline with pick on second-level linked entity", "inline", "pick", "id,locatedAt{id,name,isInCountry{id,description}}", "building-two-levels-inline-pick-id-locatedAt-isInCountry-018-20.json"),
            ("018_20_04", "Flat with pick on second-level linked entity", "flat", "pick", "id,locatedAt{id,name,isInCountry{id,description}}", "building-two-levels-flat-pick-id-locatedAt-isInCountry-018-20.json"),
            ("018_21_01", "Inline with omit on linked entity", "inline", "omit", "type,locatedAt{name}", "building-two-levels-inline-omit-id-locateAt-018-21.json"),
            ("018_21_02", "Flat with omit on linked entity", "flat", "omit", "type,locatedAt{name}", "building-two-levels-flat-omit-id-locateAt-018-21.json"),
            ("018_21_03", "Inline with omit on second-level linked entity", "inline", "omit", "type,locatedAt{name,isInCountry{description}}", "building-two-levels-inline-omit-id-locateAt-isInCountry-018-21.json"),
            ("018_21_04", "Flat with omit on second-level linked entity", "flat", "omit", "type,locatedAt{name,isInCountry{description}}", "building-two-levels-flat-omit-id-locateAt-isInCountry-018-21.json"),
        })
        {
            var building = BuildingPrefix + id[..6].Replace('_', '-');
            yield return TwoLevels(id, title, building, "city-simple-attributes.jsonld", "country-simple-attributes.jsonld")
                .Then(Http.Get(Url("entities/" + building, P("join", join), P("joinLevel", "2"), P(name, value), P("local", "true"))).WithSuiteContext(),
                    Expect.Status(200), Expect.Body(LinkedExpectation(expectation)));
        }
    }

    /// <summary>The building (locatedAt City:Paris, as in the data file) and City:Paris.</summary>
    private static ConformanceCase OneLevel(string id, string title, string building) =>
        new ConformanceCase(Clause, id, title)
            .Then(CreateLdFixed("building-relationship.jsonld", building), Created)
            .Then(CreateLdFixed("city-minimal.jsonld", Paris), Created)
            .Finally(Delete(building, Paris));

    /// <summary>A building locatedAt a city, both with random ids.</summary>
    private static ConformanceCase RandomOneLevel(string id, string title) =>
        new ConformanceCase(Clause, id, title)
            .NewId("b", BuildingPrefix).NewId("c", CityPrefix)
            .Then(CreateLinking("building-relationship.jsonld", "{b}", "{c}"), Created)
            .Then(CreateLd("city-minimal.jsonld", "c"), Created)
            .Finally(Delete("{b}", "{c}"));

    /// <summary>The building, City:Paris and Country:France, linked as written in the data files.</summary>
    private static ConformanceCase TwoLevels(string id, string title, string building, string cityFile, string countryFile) =>
        new ConformanceCase(Clause, id, title)
            .Then(CreateLdFixed("building-relationship.jsonld", building), Created)
            .Then(CreateLdFixed(cityFile, Paris), Created)
            .Then(CreateLdFixed(countryFile, France), Created)
            .Finally(Delete(building, Paris, France));
}
