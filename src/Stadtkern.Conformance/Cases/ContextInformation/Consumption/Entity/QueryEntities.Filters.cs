using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.EntityQueryKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption.Entity;

/// <summary>
/// Query Entities: representations, limit and count (019_04 to 019_07), the entity type selection language (019_08),
/// q (019_09), geoqueries (019_10, 019_11) and datasetId filtering (019_12).
/// </summary>
public static partial class QueryEntities
{
    private static IEnumerable<ConformanceCase> RepresentationsAndCounts()
    {
        yield return WithBuildings("019_04_01", "Query entities in the simplified representation", 3, "building-simple-attributes.jsonld")
            .Then(Http.Get(Url("entities", P("options", "keyValues"), IdList("{a}", "{b}"), P("type", BuildingType))),
                Expect.Status(200), Expect.Ids("{a}", "{b}"), ContainsEntities("building-simple-attributes-simplified.json", "a", "b"));

        // The expectations name fixed ids; the suite does not check the creations here.
        const string first = BuildingPrefix + "019-05-01";
        const string second = BuildingPrefix + "019-05-02";
        yield return new ConformanceCase(Clause, "019_05_01", "Query entities by id in GeoJSON")
            .Then(CreateLdFixed("building-location-attribute.jsonld", first))
            .Then(CreateLdFixed("building-location-attribute.jsonld", second))
            .Then(Http.Get(Url("entities", IdList(first, second), P("type", BuildingType))).Accept(MediaTypes.GeoJson).WithSuiteContext(),
                Expect.Status(200),
                AnyOf("two-buildings-location-attribute-normalized-019-05.geojson",
                    "two-buildings-location-attribute-normalized-019-05.alternative.geojson",
                    "two-buildings-location-attribute-normalized-019-05.alternative2.geojson"))
            .Finally(Delete(first, second));

        yield return WithBuildings("019_06_01", "Query entities with a maximum number of results", 3)
            .Then(Http.Get(Url("entities", IdList("{a}", "{b}", "{c}"), P("type", BuildingType), P("limit", "2"))),
                [Expect.Status(200), .. EntitiesOfType(2, BuildingType)]);

        foreach (var (id, title, q, count) in new[]
        {
            ("019_07_01", "Count with only the entity type", "", "2"),
            ("019_07_02", "Count with a q parameter", "airQualityLevel==6", "1"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("a", BuildingPrefix).NewId("b", BuildingPrefix)
                .Then(CreateLd("building-simple-attributes.jsonld", "a"), Created)
                .Then(CreateLd("building-simple-attributes-second.jsonld", "b"), Created)
                .Then(Http.Get(Url("entities", P("type", "Building"), P("count", "true"), P("q", q))).WithSuiteContext(),
                    Expect.Status(200), Expect.Header("NGSILD-Results-Count", count))
                .Finally(Delete("{a}", "{b}"));
        }
    }

    private static IEnumerable<ConformanceCase> Selections()
    {
        // 019_08: entity type selection language. a is a Building, b a Parking, c both a Building and a TouristDestination.
        foreach (var (id, title, selection, expected) in new[]
        {
            ("019_08_01", "Type selection with one type", "Building", new[] { "{a}", "{c}" }),
            ("019_08_02", "Type selection with AND", "(Building;TouristDestination)", new[] { "{c}" }),
            ("019_08_03", "Type selection with OR", "Building,Parking", new[] { "{a}", "{b}", "{c}" }),
            ("019_08_04", "Type selection with another OR", "Parking,TouristDestination", new[] { "{b}", "{c}" }),
            ("019_08_05", "Type selection with two operators", "(Building;Parking),TouristDestination", new[] { "{c}" }),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("a", "urn:ngsi-ld:MultiTypes:").NewId("b", "urn:ngsi-ld:MultiTypes:").NewId("c", "urn:ngsi-ld:MultiTypes:")
                .Then(CreateLd("building-simple-attributes.jsonld", "a"), Created)
                .Then(CreateLd("building-with-different-type.jsonld", "b"), Created)
                .Then(CreateLd("building-with-two-types.jsonld", "c"), Created)
                .Then(Http.Get(Url("entities", P("type", selection))).WithSuiteContext(), Expect.Status(200), Expect.Ids(expected))
                .Finally(Delete("{a}", "{b}", "{c}"));
        }

        // 019_09: q without a type, counted over the whole broker. 019_09_02 and 019_09_03 are the same query in the suite.
        foreach (var (id, title, q, count) in new[]
        {
            ("019_09_01", "q on name", "name==\"Eiffel Tower\"", "1"),
            ("019_09_02", "q on name and almostFull", "name==\"Pisa Tower\";almostFull==false", "1"),
            ("019_09_03", "q on name and almostFull (again)", "name==\"Pisa Tower\";almostFull==false", "1"),
            ("019_09_04", "q on name or almostFull", "name==\"Pisa Tower\"|almostFull==false", "3"),
            ("019_09_05", "q on names and almostFull", "(name==\"Pisa Tower\"|name==\"Eiffel Tower\");almostFull==false", "2"),
            ("019_09_06", "q on airQualityLevel", "airQualityLevel==4", "1"),
            ("019_09_07", "q on an airQualityLevel range", "airQualityLevel>=4;airQualityLevel<7", "2"),
            ("019_09_08", "q on an existing locatedIn", "locatedIn==urn:ngsi-ld:City:Pisa", "1"),
            ("019_09_09", "q on a non-existing locatedIn", "locatedIn==urn:ngsi-ld:City:Paris", "0"),
            ("019_09_10", "q on locatedIn with two cities", "locatedIn==urn:ngsi-ld:City:Pisa|locatedIn==urn:ngsi-ld:City:Paris", "1"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("a", BuildingPrefix).NewId("b", BuildingPrefix).NewId("c", BuildingPrefix)
                .Then(CreateLd("building-simple-attributes.jsonld", "a"), Created)
                .Then(CreateLd("building-simple-attributes-second.jsonld", "b"), Created)
                .Then(CreateLd("building-simple-attributes-third.jsonld", "c"), Created)
                .Then(Http.Get(Url("entities", P("count", "true"), P("q", q))).WithSuiteContext(),
                    Expect.Status(200), Expect.Header("NGSILD-Results-Count", count))
                .Finally(Delete("{a}", "{b}", "{c}"));
        }

        // 019_10: geoqueries against three Buildings located by Points.
        foreach (var (id, title, georel, geometry, coordinates, count) in new[]
        {
            ("019_10_01", "equals Point", "equals", "Point", "[13.3986, 52.5547]", "1"),
            ("019_10_02", "near Point with maxDistance", "near;maxDistance==15000", "Point", "[13.388930, 52.534473]", "2"),
            ("019_10_03", "near Point with minDistance", "near;minDistance==15000", "Point", "[13.388930, 52.534473]", "1"),
            ("019_10_04", "within Polygon", "within", "Polygon", "[[[13.1616211,52.5438124],[13.597641,52.4840224],[13.5948944,52.3402782],[13.142395,52.386428],[13.1616211,52.5438124]]]", "2"),
            ("019_10_05", "disjoint Polygon", "disjoint", "Polygon", "[[[13.1616211,52.5438124],[13.597641,52.4840224],[13.5948944,52.3402782],[13.142395,52.386428],[13.1616211,52.5438124]]]", "1"),
            ("019_10_06", "disjoint Point", "disjoint", "Point", "[13.3986, 52.5547]", "2"),
            ("019_10_07", "contains Point", "contains", "Point", "[13.3986, 52.5547]", "1"),
            ("019_10_08", "intersects Point", "intersects", "Point", "[13.3986, 52.5547]", "1"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("a", BuildingPrefix).NewId("b", BuildingPrefix).NewId("c", BuildingPrefix)
                .Then(CreateLd("building-location-attribute.jsonld", "a"), Created)
                .Then(CreateLd("building-location-attribute-second.jsonld", "b"), Created)
                .Then(CreateLd("building-location-attribute-third.jsonld", "c"), Created)
                .Then(GeoCount(georel, geometry, coordinates), Expect.Status(200), Expect.Header("NGSILD-Results-Count", count))
                .Finally(Delete("{a}", "{b}", "{c}"));
        }

        // 019_11: geoqueries against two Buildings located by Polygons.
        foreach (var (id, title, georel, geometry, coordinates, count) in new[]
        {
            ("019_11_01", "equals Polygon", "equals", "Polygon", "[[[13.2865906,52.5648645],[13.2879639,52.5648645],[13.2797241,52.4988679],[13.477478,52.4712703],[13.5049438,52.5373084],[13.2865906,52.5648645]]]", "1"),
            ("019_11_02", "intersects Polygon", "intersects", "Polygon", "[[[13.3456421,52.4794848],[13.3641815,52.4428773],[13.4177399,52.4730023],[13.3459854,52.479903],[13.3456421,52.4794848]]]", "1"),
            ("019_11_03", "contains Polygon, matching", "contains", "Polygon", "[[[13.3844376,52.5356966],[13.3844376,52.5356966],[13.381691,52.5123012],[13.4235764,52.5100027],[13.4331894,52.5273425],[13.3844376,52.5356966]]]", "1"),
            ("019_11_04", "contains Polygon, not matching", "contains", "Polygon", "[[[13.1369019,52.5198225],[13.1365585,52.5200314],[13.131752,52.4980907],[13.1832504,52.5026887],[13.1369019,52.5198225]]]", "0"),
            ("019_11_05", "disjoint Polygon", "disjoint", "Polygon", "[[[13.1369019,52.5198225],[13.1365585,52.5200314],[13.131752,52.4980907],[13.1832504,52.5026887],[13.1369019,52.5198225]]]", "2"),
            ("019_11_06", "within Polygon", "within", "Polygon", "[[[13.3023834,52.4903066],[13.3027267,52.4905156],[13.2745743,52.465632],[13.3343124,52.4185447],[13.4311295,52.47107],[13.3023834,52.4903066]]]", "1"),
            ("019_11_07", "overlaps Polygon", "overlaps", "Polygon", "[[[13.3456421,52.4794848],[13.3641815,52.4428773],[13.4177399,52.4730023],[13.3459854,52.479903],[13.3456421,52.4794848]]]", "1"),
            ("019_11_08", "contains Point", "contains", "Point", "[13.3442688,52.4650045]", "1"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("a", BuildingPrefix).NewId("b", BuildingPrefix)
                .Then(CreateLd("building-location-polygon.jsonld", "a"), Created)
                .Then(CreateLd("building-location-polygon-second.jsonld", "b"), Created)
                .Then(GeoCount(georel, geometry, coordinates), Expect.Status(200), Expect.Header("NGSILD-Results-Count", count))
                .Finally(Delete("{a}", "{b}"));
        }

        // 019_12: attribute instances filtered by datasetId; the first entity of the answer is compared.
        foreach (var (id, title, attrs, datasetId, expectation) in new[]
        {
            ("019_12_01", "Filter on attrs only", "name", "", "building-name-attribute.jsonld"),
            ("019_12_02", "Filter on datasetId only", "", "urn:ngsi-ld:Dataset:french-name", "building-french-datasetid-only.jsonld"),
            ("019_12_03", "Filter on two datasetIds", "", "urn:ngsi-ld:Dataset:french-name,urn:ngsi-ld:Dataset:spanish-name", "building-two-datasetids.jsonld"),
            ("019_12_04", "Filter on the default instance", "", "@none", "building-default-instances.jsonld"),
            ("019_12_05", "Filter on attrs and the default instance", "name", "@none", "building-name-attribute-default-instance.jsonld"),
            ("019_12_06", "Filter on attrs and a datasetId", "name", "urn:ngsi-ld:Dataset:german-name", "building-name-attribute-german-instance.jsonld"),
            ("019_12_07", "Filter on attrs and a datasetId without match", "name", "urn:ngsi-ld:Dataset:spanish-name", "building-no-attributes.jsonld"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("e", BuildingPrefix)
                .Then(CreateLd("building-multi-instances-attributes.jsonld", "e"), Created)
                .Then(Http.Get(Url("entities", P("attrs", attrs), P("type", "Building"), P("datasetId", datasetId)))
                        .Accept(MediaTypes.LdJson).WithSuiteContext(),
                    Expect.Status(200), FirstElement(expectation, "e"))
                .Finally(Delete("{e}"));
        }
    }

    /// <summary>The count of Buildings matching a geoquery (019_10, 019_11).</summary>
    private static Request GeoCount(string georel, string geometry, string coordinates) =>
        Http.Get(Url("entities", P("type", "Building"), P("georel", georel), P("coordinates", coordinates), P("geometry", geometry), P("count", "true")))
            .WithSuiteContext();
}
