using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.EntityQueryKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption.Entity;

/// <summary>
/// Query Entities (<c>GET /entities</c> and <c>POST /entityOperations/query</c>), suite 019_*. This part: queries by
/// id, type, id pattern, attributes, geoquery and scope (019_01) and the POST form (019_02).
/// </summary>
/// <remarks>
/// All 120 cases of the folder are ported; none needs notifications, MQTT or context sources.
/// <para>
/// The suite runs against an otherwise empty broker: many of its queries select by type only (all Buildings) and
/// expect exactly the entities the case made, or count them. The cases therefore must not run in parallel with other
/// cases that create entities of the same types. Where the expectations name fixed ids (019_02_05, 019_05, 019_13,
/// 019_16, 019_17, 019_19 to 019_24), the cases create those fixed ids; elsewhere ids are random.
/// </para>
/// <para>
/// 019_01_06 has six rows that all carry the id <c>019_01_06</c> in the suite; here each gets the row's name as a
/// suffix (<c>019_01_06-QueryWithFullScope</c>, ...) so that keys stay unique.
/// </para>
/// </remarks>
public static partial class QueryEntities
{
    private const string Clause = "ContextInformation/Consumption/Entity/QueryEntities";

    public static IEnumerable<ConformanceCase> All() =>
        [.. ByIdTypeAndAttributes(), .. ViaPost(), .. Errors(), .. RepresentationsAndCounts(), .. Selections(), .. Linked(), .. PickOmitAndOrder()];

    /// <summary>A case with <paramref name="count"/> Buildings made from one file, named <c>a</c>, <c>b</c>, <c>c</c>, ...</summary>
    private static ConformanceCase WithBuildings(string id, string title, int count, string file = "building-minimal.jsonld")
    {
        var names = Enumerable.Range(0, count).Select(i => ((char)('a' + i)).ToString()).ToArray();
        var @case = new ConformanceCase(Clause, id, title);
        foreach (var name in names)
        {
            @case = @case.NewId(name, BuildingPrefix);
        }

        foreach (var name in names)
        {
            @case = @case.Then(CreateLd(file, name), Created);
        }

        return @case.Finally(Delete([.. names.Select(n => "{" + n + "}")]));
    }

    private static IEnumerable<ConformanceCase> ByIdTypeAndAttributes()
    {
        yield return WithBuildings("019_01_01", "Query several entities based on ids", 3)
            .Then(Http.Get(Url("entities", IdList("{a}", "{b}"), P("type", BuildingType))),
                Expect.Status(200), Expect.Ids("{a}", "{b}"), ContainsEntities("building-minimal.json", "a", "b"));

        // The expectation is a list of both entities, compared as a whole with any core context version accepted.
        yield return new ConformanceCase(Clause, "019_01_02", "Query several entities based on types")
            .NewId("building", BuildingPrefix).NewId("vehicle", VehiclePrefix).NewId("parking", ParkingPrefix)
            .Then(CreateLd("building-minimal.jsonld", "building"), Created)
            .Then(CreateLd("vehicle-simple-attributes.jsonld", "vehicle"), Created)
            .Then(CreateLd("parking-simple-attributes.jsonld", "parking"), Created)
            .Then(Http.Get(Url("entities", P("type", VehicleType + "," + ParkingType))).Accept(MediaTypes.LdJson),
                Expect.Status(200),
                Expect.Body(Payload.FromFile("entities/expectations/two-types-vehicle-offstreetparking.jsonld")
                    .Set("$[0].id", Str("{vehicle}")).Set("$[1].id", Str("{parking}"))))
            .Finally(Delete("{building}", "{vehicle}", "{parking}"));

        yield return WithBuildings("019_01_03", "Query several entities based on an id pattern", 2)
            .Then(Http.Get(Url("entities", P("type", BuildingType), P("idPattern", BuildingPrefix + ".*"))),
                Expect.Status(200), ContainsEntities("building-minimal.json", "b", "a"));

        // Only the first Building has the attributes; the query gives no type.
        yield return new ConformanceCase(Clause, "019_01_04", "Query several entities based on attribute names")
            .NewId("a", BuildingPrefix).NewId("b", BuildingPrefix)
            .Then(CreateLd("building-simple-attributes.jsonld", "a"), Created)
            .Then(CreateLd("building-minimal.jsonld", "b"), Created)
            .Then(Http.Get(Url("entities", P("attrs", SuiteContexts.Vocab + "airQualityLevel," + SuiteContexts.Vocab + "subCategory"))),
                Expect.Status(200), ContainsEntities("building-attributes-query.json", "a"))
            .Finally(Delete("{a}", "{b}"));

        yield return WithBuildings("019_01_05", "Query entities based on a geoquery", 2, "building-location-attribute.jsonld")
            .Then(Http.Get(Url("entities", P("type", BuildingType), P("georel", "equals"), P("coordinates", "[13.3986, 52.5547]"), P("geometry", "Point")))
                    .Accept(MediaTypes.LdJson),
                Expect.Status(200), ContainsEntities("building-geoproperty-query.jsonld", "a", "b"));

        // 019_01_06: scopes; one Building has one scope, the other two.
        foreach (var (name, scopeQ, count) in new[]
        {
            ("QueryWithFullScope", "/Madrid/Gardens/ParqueNorte", 2),
            ("QueryWithPlusMatching", "/Madrid/+/ParqueNorte", 2),
            ("QueryWithHashMatching", "/CompanyA/#", 1),
            ("QueryNonEmptyScope", "/#", 2),
            ("QueryWithAndScope", "/Madrid/Gardens/ParqueNorte;/CompanyA/OrganizationB/UnitC", 1),
            ("QueryWithOrScope", "/Madrid/Gardens/ParqueNorte,/CompanyA/OrganizationB/UnitC", 2),
        })
        {
            yield return new ConformanceCase(Clause, "019_01_06-" + name, "Query entities based on scopes: " + scopeQ)
                .NewId("one", BuildingPrefix).NewId("many", BuildingPrefix)
                .Then(CreateJson("building-minimal-with-one-scope.json", "one"), Created)
                .Then(CreateJson("building-minimal-with-many-scopes.json", "many"), Created)
                .Then(Http.Get(Url("entities", P("type", BuildingType), P("scopeQ", scopeQ))),
                    [Expect.Status(200), .. EntitiesOfType(count, BuildingType)])
                .Finally(Delete("{one}", "{many}"));
        }
    }

    private static IEnumerable<ConformanceCase> ViaPost()
    {
        yield return WithBuildings("019_02_01", "Query one entity via POST based on id", 3)
            .Then(PostQuery(QueryBody().Set("$.entities", $$"""[{ "id": "{a}", "type": {{Str(BuildingType)}} }]""")),
                Expect.Status(200), Expect.Ids("{a}"), ContainsEntities("building-minimal.json", "a"));

        yield return new ConformanceCase(Clause, "019_02_02", "Query several entities via POST based on type")
            .NewId("building", BuildingPrefix).NewId("v1", VehiclePrefix).NewId("v2", VehiclePrefix)
            .Then(CreateLd("building-minimal.jsonld", "building"), Created)
            .Then(CreateLd("vehicle-simple-attributes.jsonld", "v1"), Created)
            .Then(CreateLd("vehicle-simple-attributes.jsonld", "v2"), Created)
            .Then(PostQuery(QueryBody().Set("$.entities", $$"""[{ "type": {{Str(VehicleType)}} }]"""), MediaTypes.LdJson),
                Expect.Status(200),
                Expect.Body(Payload.FromFile("entities/expectations/two-vehicles.jsonld")
                    .Set("$[0].id", Str("{v1}")).Set("$[1].id", Str("{v2}"))))
            .Finally(Delete("{building}", "{v1}", "{v2}"));

        yield return WithBuildings("019_02_03", "Query several entities via POST based on an id pattern", 2)
            .Then(PostQuery(QueryBody().Set("$.entities", $$"""[{ "idPattern": {{Str(BuildingPrefix + ".*")}}, "type": {{Str(BuildingType)}} }]""")),
                Expect.Status(200), ContainsEntities("building-minimal.json", "a", "b"));

        // No entity selector, only attrs (the isParked term is not in the suite context, so it is in the default vocabulary).
        yield return new ConformanceCase(Clause, "019_02_04", "Query several entities via POST based on attribute names")
            .NewId("building", BuildingPrefix).NewId("vehicle", VehiclePrefix)
            .Then(CreateLd("building-minimal.jsonld", "building"), Created)
            .Then(CreateLd("vehicle-simple-attributes.jsonld", "vehicle"), Created)
            .Then(PostQuery(QueryBody().Set("$.attrs",
                    $"[{Str(SuiteContexts.Vocab + "brandName")}, {Str("https://uri.etsi.org/ngsi-ld/default-context/isParked")}]")),
                Expect.Status(200), ContainsEntities("vehicle-simple-attributes-core-context.json", "vehicle"))
            .Finally(Delete("{building}", "{vehicle}"));

        const string vehicle = VehiclePrefix + "019-02-05";
        const string parking = ParkingPrefix + "019-02-05";
        yield return new ConformanceCase(Clause, "019_02_05", "Query entities via POST asking for GeoJSON")
            .Then(CreateLdFixed("vehicle-simple-attributes.jsonld", vehicle), Created)
            .Then(CreateLdFixed("parking-simple-attributes.jsonld", parking), Created)
            .Then(PostQuery(QueryBody().Set("$.entities", $$"""[{ "type": {{Str(VehicleType + "," + ParkingType)}} }]"""), MediaTypes.GeoJson)
                    .WithSuiteContext(),
                Expect.Status(200),
                AnyOf("vehicle-parking-019-02-05.geojson", "vehicle-parking-019-02-05.alternative.geojson", "vehicle-parking-019-02-05.alternative2.geojson"))
            .Finally(Delete(vehicle, parking));

        yield return WithBuildings("019_02_06", "Query two entities via POST based on ids", 3)
            .Then(PostQuery(QueryBody().Set("$.entities",
                    $$"""[{ "id": "{a}", "type": {{Str(BuildingType)}} }, { "id": "{b}", "type": {{Str(BuildingType)}} }]""")),
                Expect.Status(200), Expect.Ids("{a}", "{b}"), ContainsEntities("building-minimal.json", "a", "b"));
    }
}
