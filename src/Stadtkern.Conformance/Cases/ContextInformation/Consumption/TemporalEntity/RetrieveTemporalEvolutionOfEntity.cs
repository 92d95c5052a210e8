using System.Text.Json.Nodes;
using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.EntityQueryKit;
using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.TemporalEntity.TemporalKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption.TemporalEntity;

/// <summary>
/// Retrieve Temporal Evolution Of An Entity (<c>GET /temporal/entities/{entityId}</c>), suite 020_* and the fork's
/// 456_01, 459_01 and 5731_01.
/// </summary>
/// <remarks>
/// Every case makes a random <c>urn:ngsi-ld:Vehicle:</c> id and creates its temporal representation with
/// <c>POST /temporal/entities</c> from a file of <c>temporalEntities/</c>, as the suite's setups do. 020_17 to 020_20
/// then delete an attribute through the <em>current-state</em> API (<c>DELETE /entities/{id}/attrs/{name}</c>, whose
/// answer the suite does not check) and read the deletion back with <c>timeproperty=deletedAt</c>. The suite's id
/// <c>02_22_03</c> is a typo for <c>020_22_03</c>, used here.
/// </remarks>
public static class RetrieveTemporalEvolutionOfEntity
{
    private const string Clause = "ContextInformation/Consumption/TemporalEntity/RetrieveTemporalEvolutionOfEntity";
    private const string Vehicle = "2020-08-vehicle-temporal-representation.jsonld";

    public static IEnumerable<ConformanceCase> All() =>
        [.. Basics(), .. Representations(), .. Pagination(), .. Deletions(), .. PickOmit(), .. Extensions()];

    private static ConformanceCase WithVehicle(string id, string title, string file = Vehicle) =>
        new ConformanceCase(Clause, id, title)
            .NewId("e", VehiclePrefix)
            .Then(Create(file, "e"), Created)
            .Finally(Cleanup("{e}"));

    private static Request Get(params QueryParam[] parameters) => Retrieve("{e}", parameters).WithSuiteContext();

    private static IEnumerable<ConformanceCase> Basics()
    {
        // Without Link header the core context applies: the expectation has the expanded type and attribute names.
        yield return WithVehicle("020_01_01", "Retrieve the temporal evolution of an entity")
            .Then(Retrieve("{e}"), Expect.Status(200), Temporal("vehicle-temporal-representation-020-01.jsonld", "e"));

        yield return WithVehicle("020_02_01", "Retrieve the temporal evolution of an entity using a context")
            .Then(Get(), Expect.Status(200), Temporal("vehicle-temporal-representation-020-02.jsonld", "e"));

        foreach (var (id, title, attrs, expectation) in new[]
        {
            ("020_03_01", "Temporal evolution of one attribute", "fuelLevel", "vehicle-temporal-representation-020-03-01.jsonld"),
            ("020_03_02", "Temporal evolution of two attributes", "fuelLevel,speed", "vehicle-temporal-representation-020-03-02.jsonld"),
        })
        {
            yield return WithVehicle(id, title)
                .Then(Get(P("attrs", attrs)), Expect.Status(200), Temporal(expectation, "e"));
        }

        foreach (var (id, title, timerel, timeAt, endTimeAt, expectation) in new[]
        {
            ("020_04_01", "Temporal query after", "after", "2020-08-01T13:03:00Z", "", "vehicle-temporal-representation-020-04-01.jsonld"),
            ("020_04_02", "Temporal query before", "before", "2020-08-01T12:05:00Z", "", "vehicle-temporal-representation-020-04-02.jsonld"),
            ("020_04_03", "Temporal query between", "between", "2020-08-01T12:00:00Z", "2020-08-01T13:00:00Z", "vehicle-temporal-representation-020-04-03.jsonld"),
        })
        {
            yield return WithVehicle(id, title)
                .Then(Get(P("timerel", timerel), P("timeAt", timeAt), P("endTimeAt", endTimeAt)),
                    Expect.Status(200), Temporal(expectation, "e"));
        }

        foreach (var (id, title, lastN, expectation) in new[]
        {
            ("020_05_01", "The last N instances: some of them", "4", "vehicle-temporal-representation-020-05-01.jsonld"),
            ("020_05_02", "The last N instances: all of them", "7", "vehicle-temporal-representation-020-05-02.jsonld"),
        })
        {
            yield return WithVehicle(id, title, "2020-08-vehicle-temporal-representation-multiple-instances.jsonld")
                .Then(Get(P("lastN", lastN)), Expect.Status(200), Temporal(expectation, "e"));
        }

        yield return new ConformanceCase(Clause, "020_06_01", "The entity id is not a valid URI")
            .Then(Retrieve("invalidUri"), Error(400, "BadRequestData"));

        yield return new ConformanceCase(Clause, "020_07_01", "The entity does not exist")
            .Then(Retrieve("urn:ngsi-ld:Vehicle:unknowEntity"), Error(404, "ResourceNotFound"));

        yield return WithVehicle("020_08_01", "The requested attributes do not exist")
            .Then(Get(P("attrs", "unknownAttribute")), Error(404, "ResourceNotFound"));

        // 020_09: an incomplete temporal query, without Link header.
        foreach (var (id, title, timerel, timeAt) in new[]
        {
            ("020_09_01", "timerel after without timeAt", "after", ""),
            ("020_09_02", "timerel before without timeAt", "before", ""),
            ("020_09_03", "timerel between without endTimeAt", "between", "2020-08-01T12:00:00Z"),
        })
        {
            yield return WithVehicle(id, title)
                .Then(Retrieve("{e}", P("timerel", timerel), P("timeAt", timeAt)), Error(400, "BadRequestData"));
        }
    }

    private static IEnumerable<ConformanceCase> Representations()
    {
        yield return WithVehicle("020_10_01", "The simplified temporal representation")
            .Then(Get(P("options", "temporalValues")), Expect.Status(200), Temporal("vehicle-temporal-representation-020-10.jsonld", "e"));

        foreach (var (id, title, methods, period, attrs, expectation) in new[]
        {
            ("020_11_01", "Aggregated: one method by one hour", "avg", "PT1H", "", "vehicle-temporal-representation-aggregated-avg-PT1H.json"),
            ("020_11_02", "Aggregated: one method by one hour, one attribute", "avg", "PT1H", "fuelLevel", "vehicle-temporal-representation-aggregated-avg-PT1H-fuelLevel.json"),
            ("020_11_03", "Aggregated: two methods by one hour", "avg,max", "PT1H", "", "vehicle-temporal-representation-aggregated-avg-max-PT1H.json"),
            ("020_11_04", "Aggregated: two methods by one day", "min,max", "P1D", "", "vehicle-temporal-representation-aggregated-min-max-P1D.json"),
        })
        {
            yield return WithVehicle(id, title)
                .Then(Get(P("attrs", attrs), P("options", "aggregatedValues"), P("aggrMethods", methods), P("aggrPeriodDuration", period)),
                    Expect.Status(200), Temporal(expectation, "e"));
        }

        foreach (var (id, title, file, options, expectation) in new[]
        {
            ("020_12_01", "LanguageProperty, normalized", "vehicle-language-property-temporal-representation.jsonld", "", "vehicle-language-property-normalized-temporal-representation.jsonld"),
            ("020_12_02", "LanguageProperty, simplified", "vehicle-language-property-temporal-representation.jsonld", "temporalValues", "vehicle-language-property-simplified-temporal-representation.jsonld"),
            ("020_15_01", "JsonProperty, normalized", "vehicle-json-property-temporal-representation.jsonld", "", "vehicle-json-property-temporal-representation.json"),
            ("020_15_02", "JsonProperty, simplified", "vehicle-json-property-temporal-representation.jsonld", "temporalValues", "vehicle-json-property-simplified-temporal-representation.json"),
            ("020_16_01", "VocabProperty, normalized", "vehicle-vocab-property-temporal-representation.jsonld", "", "vehicle-vocab-property-temporal-representation.json"),
            ("020_16_02", "VocabProperty, simplified", "vehicle-vocab-property-temporal-representation.jsonld", "temporalValues", "vehicle-vocab-property-simplified-temporal-representation.json"),
        })
        {
            // 020_15 and 020_16 do not check the answer to the create; 020_12 does.
            var create = id.StartsWith("020_12", StringComparison.Ordinal) ? new[] { Created } : [];
            yield return new ConformanceCase(Clause, id, title)
                .NewId("e", VehiclePrefix)
                .Then(Create(file, "e"), create)
                .Then(Get(P("options", options)), Expect.Status(200), Temporal(expectation, "e"))
                .Finally(Cleanup("{e}"));
        }
    }

    private static IEnumerable<ConformanceCase> Pagination()
    {
        // 020_13: 20 instances on each of two attributes; the broker pages them (206) and says which time range it sent.
        const string before = "2019-01-01T01:01:00Z";
        const string after = "2021-01-01T01:01:00Z";
        foreach (var (id, title, options, lastN, timerel, timeAt, endTimeAt, check) in new (string, string, string, string, string, string, string, Check)[]
        {
            ("020_13_01", "20 instances on two attributes", "", "", "", "", "", ContentRange(Lrt, Mrt, "*")),
            ("020_13_02", "lastN", "", "20", "", "", "", ContentRange(Mrt, Lrt, "20")),
            ("020_13_03", "lastN and timerel before", "", "20", "before", after, "", ContentRange(At(after), Lrt, "20")),
            ("020_13_04", "lastN and timerel between", "", "20", "between", before, after, ContentRange(At(after), Lrt)),
            ("020_13_05", "lastN and timerel after", "", "20", "after", before, "", ContentRange(Mrt, Lrt, "20")),
            ("020_13_06", "timerel before", "", "", "before", after, "", ContentRange(null, Mrt, "*")),
            ("020_13_07", "timerel between", "", "", "between", before, after, ContentRange(At(before), Mrt)),
            ("020_13_08", "timerel after", "", "", "after", before, "", ContentRange(At(before), Mrt)),
            ("020_13_09", "temporalValues and timerel after", "temporalValues", "", "after", before, "", ContentRange(At(before), Mrt, temporalValues: true)),
            ("020_13_10", "temporalValues, lastN and timerel between", "temporalValues", "20", "between", before, after, ContentRange(At(after), Lrt, temporalValues: true)),
        })
        {
            yield return WithVehicle(id, "Temporal pagination: " + title, "pagination/2020-01-vehicule-temporal-representation-twenty-instances.jsonld")
                .Then(Get(P("options", options), P("timerel", timerel), P("timeAt", timeAt), P("endTimeAt", endTimeAt), P("lastN", lastN)),
                    Expect.Status(206), check);
        }

        // 020_14: 59 instances of speed on 2020-01-01, then 59 of fuelLevel on 2020-01-02; the page is cut so that the
        // attribute away from the start of the traversal is empty. The suite checks nothing else, not even the status.
        foreach (var (id, title, lastN, timerel, timeAt, empty) in new[]
        {
            ("020_14_01", "60 instances of unsynchronized attributes", "", "after", before, "fuelLevel"),
            ("020_14_02", "60 instances of unsynchronized attributes, lastN", "100", "before", after, "speed"),
        })
        {
            yield return WithVehicle(id, "Temporal pagination: " + title, "pagination/2020-01-vehicule-temporal-representation-sixty-instances.jsonld")
                .Then(Get(P("timerel", timerel), P("timeAt", timeAt), P("lastN", lastN)), EmptyMember(empty));
        }
    }

    private static IEnumerable<ConformanceCase> Deletions()
    {
        const string types = "vehicle-temporal-representation-different-attributes-types.jsonld";
        const string scope = "vehicle-temporal-representation-scope.jsonld";

        // 020_17 and 020_19: normalized; deletedAt is only checked to be there (the comparison takes any valid date).
        foreach (var (id, title, file, attribute, expectation) in new[]
        {
            ("020_17_01", "deletedAt of a Property", types, "fuelLevel", "vehicle-temporal-representation-property-020-17.jsonld"),
            ("020_17_02", "deletedAt of a Relationship", types, "isParkedIn", "vehicle-temporal-representation-relationship-020-17.jsonld"),
            ("020_17_03", "deletedAt of a LanguageProperty", types, "name", "vehicle-temporal-representation-languageproperty-020-17.jsonld"),
            ("020_19_01", "deletedAt of the scope", scope, "scope", "vehicle-temporal-representation-property-020-19.jsonld"),
        })
        {
            yield return WithVehicle(id, title, file)
                .Then(DeleteAttribute(attribute))
                .Then(Get(P("timeproperty", "deletedAt")),
                    Expect.Status(200), Temporal(expectation, "e"), Has($"$.{attribute}[0].deletedAt"));
        }

        // 020_18 and 020_20: simplified; the time of the pair is the deletedAt, only checked to be there.
        foreach (var (id, title, file, attribute, key, expectation) in new[]
        {
            ("020_18_01", "deletedAt of a Property, simplified", types, "fuelLevel", "values", "vehicle-temporal-values-representation-property-020-18.jsonld"),
            ("020_18_02", "deletedAt of a Relationship, simplified", types, "isParkedIn", "objects", "vehicle-temporal-values-representation-relationship-020-18.jsonld"),
            ("020_18_03", "deletedAt of a LanguageProperty, simplified", types, "name", "languageMaps", "vehicle-temporal-values-representation-languageproperty-020-18.jsonld"),
            ("020_20_01", "deletedAt of the scope, simplified", scope, "scope", "values", "vehicle-temporal-representation-property-020-20.jsonld"),
        })
        {
            yield return WithVehicle(id, title, file)
                .Then(DeleteAttribute(attribute))
                .Then(Get(P("timeproperty", "deletedAt"), P("options", "temporalValues")),
                    Expect.Status(200), TemporalIgnoring(expectation, "e", $"$.{attribute}.{key}[0][1]"));
        }
    }

    /// <summary>"Delete Entity Attributes" of the current-state API, JSON with the suite context; its answer is not checked.</summary>
    private static Request DeleteAttribute(string attribute) =>
        Http.Delete(Url("entities/{e}/attrs/" + attribute, P("deleteAll", "false"))).WithContentType(MediaTypes.Json).WithSuiteContext();

    private static IEnumerable<ConformanceCase> PickOmit()
    {
        foreach (var (id, title, pick, omit, expectation) in new[]
        {
            ("020_21_01", "pick on attributes", "speed", "", "pick-omit/vehicle-pick-speed.json"),
            ("020_21_02", "omit on attributes", "", "speed", "pick-omit/vehicle-omit-speed.json"),
            ("020_21_03", "pick on attributes and core members", "id,speed", "", "pick-omit/vehicle-pick-id-speed.json"),
            ("020_21_04", "omit on attributes and core members", "", "type,speed", "pick-omit/vehicle-omit-type-speed.json"),
        })
        {
            yield return WithVehicle(id, "Retrieve with " + title)
                .Then(Get(P("pick", pick), P("omit", omit)), Expect.Status(200), Temporal(expectation, "e"));
        }

        foreach (var (id, title, pick, omit, attrs) in new[]
        {
            ("020_22_01", "The same member in pick and omit", "speed", "speed", ""),
            ("020_22_02", "pick together with attrs", "speed", "", "fuelLevel"),
            ("020_22_03", "omit together with attrs", "", "speed", "fuelLevel"),
        })
        {
            yield return WithVehicle(id, title)
                .Then(Get(P("attrs", attrs), P("pick", pick), P("omit", omit)).Accept(MediaTypes.Json), Error(400, "BadRequestData"));
        }

        foreach (var (id, title, pick, omit) in new[]
        {
            ("020_23_01", "pick matches no member", "unknown", ""),
            ("020_23_02", "omit leaves no member", "", "id,type,fuelLevel,speed"),
        })
        {
            yield return WithVehicle(id, title)
                .Then(Get(P("pick", pick), P("omit", omit)).Accept(MediaTypes.Json), Error(404, "ResourceNotFound"));
        }
    }

    private static IEnumerable<ConformanceCase> Extensions()
    {
        // 456_01: a scope change through the current-state API becomes a temporal Property instance whose observedAt
        // copies its modifiedAt, with no other members than the non-reified temporal ones.
        yield return new ConformanceCase(Clause, "456_01", "A scope update from the core API becomes a temporal Property instance")
            .NewId("e", VehiclePrefix)
            .Then(Http.Post("entities").LdJson(Payload.Raw("""
                {"id": "{e}", "type": "Vehicle", "@context": ["https://forge.etsi.org/rep/cim/ngsi-ld-test-suite/-/raw/develop/resources/jsonld-contexts/ngsi-ld-test-suite-compound.jsonld"],
                 "scope": "/Old", "speed": {"type": "Property", "value": 1, "observedAt": "2026-08-10T00:00:00Z"}}
                """)), Created)
            .Then(Http.Patch("entities/{e}").Json(Payload.Raw("""{"type": "Vehicle", "scope": "/New"}""")), Expect.Status(204))
            .Then(Get(P("options", "sysAttrs")), Expect.Status(200), new Check.Custom("the /New scope instance", (body, _) => ScopeInstance(body)))
            .Finally(Cleanup("{e}"));

        // 459_01: simplified pairs of GeoProperty, ListProperty and ListRelationship.
        yield return new ConformanceCase(Clause, "459_01", "Simplified temporal pairs of GeoProperty, ListProperty and ListRelationship")
            .NewId("e", VehiclePrefix)
            .Then(Http.Post("temporal/entities").LdJson(Payload.Raw("""
                {"id": "{e}", "type": "Vehicle", "@context": ["https://forge.etsi.org/rep/cim/ngsi-ld-test-suite/-/raw/develop/resources/jsonld-contexts/ngsi-ld-test-suite-compound.jsonld"],
                 "location": [{"type": "GeoProperty", "value": {"type": "Point", "coordinates": [1.0, 2.0]}, "observedAt": "2026-08-10T00:00:01Z"},
                              {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [3.0, 4.0]}, "observedAt": "2026-08-10T00:00:02Z"}],
                 "tyreTreadDepths": {"type": "ListProperty", "valueList": [1.2, 3.4], "observedAt": "2026-08-10T00:00:01Z"},
                 "route": {"type": "ListRelationship", "objectList": ["urn:ngsi-ld:Road:1", "urn:ngsi-ld:Road:2"], "observedAt": "2026-08-10T00:00:01Z"}}
                """)), Created)
            .Then(Get(P("options", "temporalValues")), Expect.Status(200),
                Expect.Value("$.location.type", "\"GeoProperty\""),
                new Check.Custom("location has two pairs", (body, _) =>
                    body?["location"]?["values"] is JsonArray { Count: 2 } ? null : "location.values is not a list of two pairs"),
                Expect.Value("$.location.values[0][0].type", "\"Point\""),
                Expect.Value("$.tyreTreadDepths.valueLists[0][0]", "[1.2, 3.4]"),
                Expect.Value("$.route.objectLists[0][0]", """["urn:ngsi-ld:Road:1", "urn:ngsi-ld:Road:2"]"""),
                OnlyMembers("location", "values"), OnlyMembers("tyreTreadDepths", "valueLists"), OnlyMembers("route", "objectLists"))
            .Finally(Cleanup("{e}"));

        // 5731_01: a Linked Entity projection on the temporal resource is refused before the entity is looked up.
        yield return new ConformanceCase(Clause, "5731_01_01", "A temporal retrieve with a Linked Entity projection is BadRequestData")
            .Then(Http.Get("temporal/entities/urn:ngsi-ld:Building:5731?pick=owner%7Bname%7D").Accept(MediaTypes.LdJson),
                Expect.Status(400), Expect.Problem("BadRequestData"));
    }

    // 459_01: the simplified attribute has no members beyond type, datasetId and its pair list.
    private static Check OnlyMembers(string attribute, string pairs) => new Check.Custom($"{attribute} has only type, datasetId and {pairs}", (body, _) =>
        body?[attribute] is JsonObject o
            ? o.Select(p => p.Key).FirstOrDefault(k => k is not ("type" or "datasetId") && k != pairs) is { } extra ? $"{attribute} has {extra}" : null
            : $"{attribute} is not an object");

    // 456_01: among the scope instances exactly one holds /New; it is a Property, its observedAt equals its modifiedAt,
    // and it has no members other than the value and the non-reified temporal ones.
    private static string? ScopeInstance(JsonNode? body)
    {
        var scope = body?["scope"];
        var instances = (scope is JsonArray a ? a.ToList() : [scope]).OfType<JsonObject>().ToList();
        if (instances.Count == 0)
        {
            return "no scope instances";
        }

        var fresh = instances.Where(i => i["value"]?.ToJsonString() is "\"/New\"" or "[\"/New\"]").ToList();
        if (fresh.Count != 1)
        {
            return $"{fresh.Count} instances hold /New";
        }

        var instance = fresh[0];
        if (instance["type"]?.ToJsonString() != "\"Property\"")
        {
            return $"the /New instance has type {instance["type"]?.ToJsonString() ?? "none"}";
        }

        if (instance["observedAt"]?.ToJsonString() is not { } observed || observed != instance["modifiedAt"]?.ToJsonString())
        {
            return $"observedAt {instance["observedAt"]?.ToJsonString() ?? "none"} differs from modifiedAt {instance["modifiedAt"]?.ToJsonString() ?? "none"}";
        }

        string[] allowed = ["type", "value", "instanceId", "createdAt", "modifiedAt", "deletedAt", "observedAt"];
        return instance.Select(p => p.Key).FirstOrDefault(k => !allowed.Contains(k)) is { } extra ? $"the /New instance has {extra}" : null;
    }
}
