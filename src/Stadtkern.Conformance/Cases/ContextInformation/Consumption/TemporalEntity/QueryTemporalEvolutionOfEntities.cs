using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.EntityQueryKit;
using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.TemporalEntity.TemporalKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption.TemporalEntity;

/// <summary>
/// Query Temporal Evolution Of Entities (<c>GET /temporal/entities</c>, <c>POST /temporal/entityOperations/query</c>),
/// suite 021_*. This part: the official cases 021_01 to 021_25.
/// </summary>
/// <remarks>
/// The expectation files name fixed ids (<c>urn:ngsi-ld:Vehicle:021-01-A</c>, <c>urn:ngsi-ld:Bus:021-13-A</c>, …), so
/// those cases use them, and since the suite compares whole result lists, a query sees exactly the entities the case
/// made: the cases cannot run in parallel with other cases that make Vehicles or Buses. The suite has two cases named
/// <c>021_14_02</c>; the second (between) is <c>021_14_03</c> here, after its expectation file. 021_23 is the fork's
/// rewritten version (ordering by <c>id</c> only), 021_25 expects both entities it makes (the fork's
/// <c>vehicles-temporal-representation-021-25.jsonld</c> is not in the shared data; it equals the 021-04 expectation
/// with the ids of 021_25).
/// </remarks>
public static partial class QueryTemporalEvolutionOfEntities
{
    private const string Clause = "ContextInformation/Consumption/TemporalEntity/QueryTemporalEvolutionOfEntities";

    private const string August = "2020-08-vehicle-temporal-representation.jsonld";
    private const string September = "2020-09-vehicle-temporal-representation.jsonld";
    private const string Bus = "2020-08-bus-temporal-representation.jsonld";
    private const string AfterJuly = "2020-07-01T12:05:00Z";

    public static IEnumerable<ConformanceCase> All() =>
        [.. Filters(), .. Representations(), .. Pagination(), .. PickOmitOrder(), .. Errors(), .. Extensions()];

    /// <summary>A case that makes temporal entities with fixed ids: (variable, id, payload file) each, deleted afterwards.</summary>
    private static ConformanceCase With(string id, string title, params (string Variable, string Id, string File)[] entities)
    {
        var @case = new ConformanceCase(Clause, id, title);
        foreach (var (variable, entityId, file) in entities)
        {
            @case = (entityId.Length == 0 ? @case.NewId(variable, VehiclePrefix) : @case.Let(variable, entityId))
                .Then(Create(file, variable), Created);
        }

        return @case.Finally(Cleanup([.. entities.Select(e => "{" + e.Variable + "}")]));
    }

    /// <summary>The usual pair: vehicle A from August and vehicle B from September, with the case's fixed ids.</summary>
    private static (string, string, string)[] Pair(string key, string firstFile = August) =>
        [("a", VehiclePrefix + key + "-A", firstFile), ("b", VehiclePrefix + key + "-B", September)];

    private static Request QueryVehicles(params QueryParam[] parameters) =>
        Query([P("type", "Vehicle"), .. parameters]).WithSuiteContext();

    private static IEnumerable<ConformanceCase> Filters()
    {
        // 021_01 makes the bus with the id of 021_13 (the suite's "Generate Bus Entity Id 021-13-A").
        foreach (var (id, title, timerel, timeAt, endTimeAt, expectation) in new[]
        {
            ("021_01_01", "after", "after", "2020-08-01T12:04:00Z", "", "vehicles-temporal-representation-021-01-01.jsonld"),
            ("021_01_02", "before", "before", "2020-09-01T13:06:00Z", "", "vehicles-temporal-representation-021-01-02.jsonld"),
            ("021_01_03", "between", "between", "2020-08-01T12:04:00Z", "2020-09-01T13:06:00Z", "vehicles-temporal-representation-021-01-03.jsonld"),
        })
        {
            yield return With(id, "Temporal evolution of entities, " + title, [.. Pair("021-01"), ("bus", BusPrefix + "021-13-A", Bus)])
                .Then(QueryVehicles(P("timerel", timerel), P("timeAt", timeAt), P("endTimeAt", endTimeAt)),
                    Expect.Status(200), TemporalList(expectation));
        }

        yield return With("021_02_01", "Temporal evolution of certain attributes of entities", Pair("021-02"))
            .Then(QueryVehicles(P("timerel", "after"), P("timeAt", AfterJuly), P("attrs", "speed")),
                Expect.Status(200), TemporalList("vehicles-temporal-representation-021-02.jsonld"));

        yield return With("021_03_01", "Temporal evolution of the last N instances", Pair("021-03", "2020-08-vehicle-temporal-representation-multiple-instances.jsonld"))
            .Then(QueryVehicles(P("timerel", "after"), P("timeAt", AfterJuly), P("lastN", "4")),
                Expect.Status(200), TemporalList("vehicles-temporal-representation-021-03.jsonld"));

        yield return With("021_04_01", "Temporal evolution of entities using a context", Pair("021-04"))
            .Then(QueryVehicles(P("timerel", "after"), P("timeAt", AfterJuly)),
                Expect.Status(200), TemporalList("vehicles-temporal-representation-021-04.jsonld"));

        yield return With("021_05_01", "Temporal evolution of entities of the given type",
                ("a", VehiclePrefix + "021-05-A", August), ("bus", BusPrefix + "021-05-A", Bus))
            .Then(Query(P("type", "Bus"), P("timerel", "after"), P("timeAt", AfterJuly)).WithSuiteContext(),
                Expect.Status(200), TemporalList("vehicles-temporal-representation-021-05.jsonld"));

        yield return With("021_06_01", "Temporal evolution of entities with the given ids", Pair("021-06"))
            .Then(QueryVehicles(IdList("{a}"), P("timerel", "after"), P("timeAt", AfterJuly)),
                Expect.Status(200), TemporalList("vehicles-temporal-representation-021-06.jsonld"));

        yield return With("021_07_01", "Temporal evolution of entities matching an id pattern", Pair("021-07"))
            .Then(QueryVehicles(P("idPattern", "urn:ngsi-ld:Vehicle:.*"), P("timerel", "after"), P("timeAt", AfterJuly)),
                Expect.Status(200), TemporalList("vehicles-temporal-representation-021-07.jsonld"));

        yield return With("021_08_01", "Temporal evolution of entities matching a query", Pair("021-08"))
            .Then(QueryVehicles(P("q", "speed>90"), P("timerel", "after"), P("timeAt", AfterJuly)),
                Expect.Status(200), TemporalList("vehicles-temporal-representation-021-08.jsonld"));

        foreach (var (id, title, georel, geometry, coordinates, geoproperty, expectation) in new[]
        {
            ("021_09_01", "near a point", "near;maxDistance==2000", "Point", "[-8.503,41.202]", "", "vehicles-temporal-representation-021-09-01.jsonld"),
            ("021_09_02", "within a polygon", "within", "Polygon",
                "[[[-13.503,47.202],[6.541, 52.961],[20.37,44.653],[9.46,32.57],[-13.503,32.57],[-13.503,47.202]]]", "location",
                "vehicles-temporal-representation-021-09-02.jsonld"),
        })
        {
            yield return With(id, "Temporal evolution of entities matching a geo-query: " + title,
                    Pair("021-09").Select((e, i) => i == 1 ? e with { Item3 = "2020-10-vehicle-temporal-representation-with-location.jsonld" } : e).ToArray())
                .Then(QueryVehicles(P("georel", georel), P("geometry", geometry), P("coordinates", coordinates), P("geoproperty", geoproperty),
                        P("timerel", "after"), P("timeAt", AfterJuly)),
                    Expect.Status(200), TemporalList(expectation));
        }

        foreach (var (id, title, limit) in new[] { ("021_11_01", "Query some entities", 2), ("021_11_02", "Query all entities", 3) })
        {
            yield return With(id, "Limit the number of entities: " + title, ("v1", "", August), ("v2", "", September), ("v3", "", September))
                .Then(Query(P("type", "Bus,Vehicle"), P("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        P("timerel", "after"), P("timeAt", AfterJuly)).WithSuiteContext(),
                    [Expect.Status(200), .. EntitiesOfType(limit, "Vehicle")]);
        }

        foreach (var (id, title, file, expectation) in new[]
        {
            ("021_13_01", "after, one entity type", "entity-operations-after-query.jsonld", "vehicles-temporal-representation-021-13-01.jsonld"),
            ("021_13_02", "before, one entity type", "entity-operations-before-query.jsonld", "vehicles-temporal-representation-021-13-02.jsonld"),
            ("021_13_03", "between, one entity type", "entity-operations-between-query.jsonld", "vehicles-temporal-representation-021-13-03.jsonld"),
            ("021_13_04", "after, two entity types", "entity-operations-after-query-two-entities.jsonld", "vehicles-bus-temporal-representation-021-13-04.jsonld"),
        })
        {
            yield return With(id, "Temporal evolution of entities via POST, " + title, [.. Pair("021-13"), ("bus", BusPrefix + "021-13-A", Bus)])
                .Then(PostQuery(file), Expect.Status(200), TemporalList(expectation));
        }

        // 021_18: filtering instances by datasetId, in the simplified representation.
        foreach (var (id, title, attrs, datasetId, expectation) in new[]
        {
            ("021_18_01", "attrs only", "speed", "", "vehicle-temporal-representation-speed-attribute.json"),
            ("021_18_02", "datasetId only", "", "urn:ngsi-ld:Dataset:Common", "vehicle-temporal-representation-common-datasetid.json"),
            ("021_18_03", "two datasetIds", "", "urn:ngsi-ld:Dataset:Common,urn:ngsi-ld:Dataset:Speed", "vehicle-temporal-representation-two-datasetids.json"),
            ("021_18_04", "the default instance", "", "@none", "vehicle-temporal-representation-default-instances.json"),
            ("021_18_05", "attrs and the default instance", "speed", "@none", "vehicle-temporal-representation-speed-default-instance.json"),
            ("021_18_06", "attrs and datasetId", "fuelLevel", "urn:ngsi-ld:Dataset:fuel", "vehicle-temporal-representation-fuellevel-attribute-fuel-datasetid.json"),
            ("021_18_07", "attrs and datasetId with no match", "speed", "urn:ngsi-ld:Dataset:fuel", "empty.json"),
        })
        {
            yield return With(id, "Filter instances by datasetId: " + title,
                    ("a", VehiclePrefix + "021-18-A", "vehicle-temporal-representation-with-multi-attributes-instances.jsonld"))
                .Then(Query(P("type", "Vehicle"), P("attrs", attrs), P("timerel", "after"), P("timeAt", "2020-08-01T12:04:00Z"),
                        P("options", "temporalValues"), P("datasetId", datasetId)).WithSuiteContext(),
                    Expect.Status(200), TemporalList(expectation));
        }

        // 021_25: local=true waives the need for a type, attrs or q.
        yield return With("021_25", "Query all temporal entities with the local flag", Pair("021-06"))
            .Then(Query(P("timerel", "after"), P("timeAt", AfterJuly), P("local", "true")).WithSuiteContext(),
                Expect.Status(200),
                Expect.Body(Expectation("vehicles-temporal-representation-021-04.jsonld")
                    .Set("$[0].id", Str("{a}")).Set("$[1].id", Str("{b}"))));
    }

    private static IEnumerable<ConformanceCase> Representations()
    {
        foreach (var (id, title, timerel, timeAt, endTimeAt, expectation) in new[]
        {
            ("021_14_01", "after", "after", "2020-08-01T12:04:00Z", "", "vehicles-temporal-representation-021-14-01.json"),
            ("021_14_02", "before", "before", "2020-09-01T13:06:00Z", "", "vehicles-temporal-representation-021-14-02.json"),
            ("021_14_03", "between", "between", "2020-08-01T12:04:00Z", "2020-09-01T13:06:00Z", "vehicles-temporal-representation-021-14-03.json"),
        })
        {
            yield return With(id, "Simplified temporal representation, " + title, [.. Pair("021-14"), ("bus", BusPrefix + "021-14-A", Bus)])
                .Then(QueryVehicles(P("timerel", timerel), P("timeAt", timeAt), P("endTimeAt", endTimeAt), P("options", "temporalValues")),
                    Expect.Status(200), TemporalList(expectation));
        }

        // 021_17: aggregated values; the suite compares the first entity of the answer.
        foreach (var (id, title, methods, period, attrs, expectation) in new[]
        {
            ("021_17_01", "one method by one hour", "avg", "PT1H", "", "vehicle-temporal-representation-aggregated-avg-PT1H.json"),
            ("021_17_02", "one method by one hour, one attribute", "avg", "PT1H", "fuelLevel", "vehicle-temporal-representation-aggregated-avg-PT1H-fuelLevel.json"),
            ("021_17_03", "two methods by one hour", "avg,max", "PT1H", "", "vehicle-temporal-representation-aggregated-avg-max-PT1H.json"),
            ("021_17_04", "two methods by one day", "min,max", "P1D", "", "vehicle-temporal-representation-aggregated-min-max-P1D.json"),
        })
        {
            yield return With(id, "Aggregated temporal representation: " + title, ("a", "", August))
                .Then(QueryVehicles(P("attrs", attrs), P("options", "aggregatedValues"), P("aggrMethods", methods), P("aggrPeriodDuration", period),
                        P("timerel", "after"), P("timeAt", "2020-01-01T12:03:00Z")),
                    Expect.Status(200), FirstTemporal(expectation, "a"));
        }

        // 021_19: format takes precedence over options.
        foreach (var (id, title, format, options, methods) in new[]
        {
            ("021_19_01", "format only", "temporalValues", "", ""),
            ("021_19_02", "format and options: format wins", "temporalValues", "aggregatedValues", "sum"),
            ("021_19_03", "options only", "", "temporalValues", ""),
        })
        {
            yield return With(id, "Query with " + title, Pair("021-19"))
                .Then(QueryVehicles(P("options", options), P("format", format), P("aggrMethods", methods), P("timerel", "after"), P("timeAt", "2020-01-01T12:03:00Z")),
                    Expect.Status(200), TemporalList("vehicles-temporal-representation-021-19-01.json"));
        }
    }

    private static IEnumerable<ConformanceCase> Pagination()
    {
        // 021_15: the twenty-instance vehicle and the September vehicle; the broker pages (206) and says which time range it sent.
        const string before = "2019-01-01T01:01:00Z";
        const string after = "2021-01-01T01:01:00Z";
        (string, string, string)[] twentyAndSeptember =
            [("v1", "", "pagination/2020-01-vehicule-temporal-representation-twenty-instances.jsonld"), ("v2", "", September)];
        foreach (var (id, title, options, lastN, timerel, timeAt, endTimeAt, check) in new (string, string, string, string, string, string, string, Check)[]
        {
            ("021_15_01", "lastN and timerel before", "", "20", "before", after, "", ContentRange(At(after), Lrt, "20", entities: 2)),
            ("021_15_02", "lastN and timerel between", "", "20", "between", before, after, ContentRange(At(after), Lrt, entities: 2)),
            ("021_15_03", "lastN and timerel after", "", "20", "after", before, "", ContentRange(Mrt, Lrt, "20", entities: 2)),
            ("021_15_04", "timerel before", "", "", "before", after, "", ContentRange(null, Mrt, "*", entities: 2)),
            ("021_15_05", "timerel between", "", "", "between", before, after, ContentRange(At(before), Mrt, entities: 2)),
            ("021_15_06", "timerel after", "", "", "after", before, "", ContentRange(At(before), Mrt, entities: 2)),
            ("021_15_07", "temporalValues and timerel after", "temporalValues", "", "after", before, "", ContentRange(At(before), Mrt, temporalValues: true, entities: 2)),
            ("021_15_08", "temporalValues, lastN and timerel between", "temporalValues", "20", "between", before, after, ContentRange(At(after), Lrt, temporalValues: true, entities: 2)),
        })
        {
            yield return With(id, "Temporal pagination: " + title, twentyAndSeptember)
                .Then(QueryVehicles(P("options", options), P("timerel", timerel), P("timeAt", timeAt), P("endTimeAt", endTimeAt), P("lastN", lastN)),
                    Expect.Status(206), check);
        }

        yield return With("021_16_01", "Temporal pagination of a query via POST", twentyAndSeptember)
            .Then(PostQuery("entity-operations-before-query.jsonld"), Expect.Status(206), ContentRange());
    }

    private static IEnumerable<ConformanceCase> PickOmitOrder()
    {
        foreach (var (id, title, pick, omit, expectation) in new[]
        {
            ("021_21_01", "pick on attributes", "speed", "", "pick-omit/temporal-entities-pick-speed.json"),
            ("021_21_02", "omit on attributes", "", "speed", "pick-omit/temporal-entities-omit-speed.json"),
            ("021_21_03", "pick on core members", "id", "", "pick-omit/temporal-entities-pick-id.json"),
            ("021_21_04", "omit on core members", "", "type", "pick-omit/temporal-entities-omit-type.json"),
            ("021_21_05", "pick on attributes and core members", "id,speed", "", "pick-omit/temporal-entities-pick-id-speed.json"),
            ("021_21_06", "omit on attributes and core members", "", "type,speed", "pick-omit/temporal-entities-omit-type-speed.json"),
        })
        {
            yield return With(id, "Query with " + title, [.. Pair("021-21"), ("bus", BusPrefix + "021-21-C", Bus)])
                .Then(Query(P("type", "Bus,Vehicle"), P("timerel", "after"), P("timeAt", "1970-01-01T00:00:00Z"), P("pick", pick), P("omit", omit))
                        .WithSuiteContext(),
                    Expect.Status(200), TemporalList(expectation));
        }

        // 021_23 (the fork's version): the temporal query may order by id only. The entities are made through the
        // current-state API and found by their createdAt.
        const string first = BuildingPrefix + "1";
        const string second = BuildingPrefix + "2";
        const string third = BuildingPrefix + "3";
        foreach (var (id, title, orderBy, order) in new[]
        {
            ("021_23_01", "orderBy an attribute is rejected", "name", (string[]?)null),
            ("021_23_02", "orderBy id", "id", [first, second, third]),
            ("021_23_03", "orderBy id descending", "id;desc", [third, second, first]),
            ("021_23_04", "orderBy createdAt is rejected", "createdAt", null),
            ("021_23_05", "orderBy a sub-attribute is rejected", "name.subProperty", null),
            ("021_23_06", "orderBy id and another member is rejected", "id,name", null),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .Then(CreateLdFixed("orderBy/building_2.jsonld", second), Created)
                .Then(CreateLdFixed("orderBy/building_1.jsonld", first), Created)
                .Then(CreateLdFixed("orderBy/building_3.jsonld", third), Created)
                .Then(Query(P("type", "Building"), P("orderBy", orderBy), P("timerel", "after"), P("timeAt", "1970-01-01T00:00:00Z"),
                        P("timeproperty", "createdAt")).WithSuiteContext(),
                    order is null ? [Expect.Status(400)] : [Expect.Status(200), Expect.OrderedIds(order)])
                .Finally(Delete(first, second, third));
        }
    }

    private static IEnumerable<ConformanceCase> Errors()
    {
        yield return With("021_12_01", "A query without entity selection is refused", ("e", "", August))
            .Then(Query(P("timerel", "after"), P("timeAt", AfterJuly)).WithSuiteContext(), Error(400, "BadRequestData"));

        // 021_20: the suite makes an id but no entity; it checks the problem type only.
        foreach (var (id, title, format, options) in new[]
        {
            ("021_20_01", "an invalid format", "invalidFormat", ""),
            ("021_20_02", "an invalid options", "", "invalidOptions"),
            ("021_20_03", "options with one invalid value", "", "temporalValues,invalidOptions"),
            ("021_20_04", "a valid format with invalid options", "temporalValues", "aggregatedValues,invalidOptions"),
        })
        {
            yield return new ConformanceCase(Clause, id, "Query with " + title)
                .Then(QueryVehicles(P("options", options), P("format", format), P("timerel", "after"), P("timeAt", "2020-01-01T12:03:00Z")),
                    Expect.Status(400), Expect.Problem("InvalidRequest"));
        }

        foreach (var (id, title, pick, omit, attrs) in new[]
        {
            ("021_22_01", "The same member in pick and omit", "speed", "speed", ""),
            ("021_22_02", "pick together with attrs", "speed", "", "fuelLevel"),
            ("021_22_03", "omit together with attrs", "", "speed", "fuelLevel"),
        })
        {
            yield return With(id, title, [.. Pair("021-22"), ("bus", BusPrefix + "021-22-C", Bus)])
                .Then(Query(P("type", "Building,Vehicle"), P("timerel", "after"), P("timeAt", "1970-01-01T00:00:00Z"),
                        P("pick", pick), P("omit", omit), P("attrs", attrs)).WithSuiteContext(),
                    Error(400, "BadRequestData"));
        }

        yield return new ConformanceCase(Clause, "021_24", "A query with ids only (no type, attrs or q) is refused")
            .Then(Query(P("id", "urn:ngsi-ld:Entity:01,urn:ngsi-ld:Entity:02"), P("timerel", "after"), P("timeAt", AfterJuly)).WithSuiteContext(),
                Error(400, "BadRequestData"));
    }
}
