using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.EntityQueryKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption.Entity;

/// <summary>Retrieve Entity with <c>format</c>/<c>options</c> and <c>pick</c>/<c>omit</c>, suite 018_15 to 018_19.</summary>
public static partial class RetrieveEntity
{
    private static IEnumerable<ConformanceCase> FormatAndProjection()
    {
        // 018_15: format and options; format wins when both are given.
        foreach (var (id, title, format, options, expectation) in new[]
        {
            ("018_15_01", "format=keyValues", "keyValues", "", "building-simple-attributes-simplified.jsonld"),
            ("018_15_02", "format=simplified", "simplified", "", "building-simple-attributes-simplified.jsonld"),
            ("018_15_03", "format=normalized", "normalized", "", "building-simple-attributes.jsonld"),
            ("018_15_04", "options=keyValues", "", "keyValues", "building-simple-attributes-simplified.jsonld"),
            ("018_15_05", "options=simplified", "", "simplified", "building-simple-attributes-simplified.jsonld"),
            ("018_15_06", "options=normalized", "", "normalized", "building-simple-attributes.jsonld"),
            ("018_15_07", "format=keyValues with options=normalized", "keyValues", "normalized", "building-simple-attributes-simplified.jsonld"),
        })
        {
            yield return WithBuilding(id, title)
                .Then(Http.Get(Url("entities/{e}", P("options", options), P("format", format))).Accept(MediaTypes.LdJson),
                    Expect.Status(200), Expect.Body(Expected(expectation)));
        }

        // 018_16: faulty format or options; the entity is never created (the parameters are rejected first).
        // The suite checks only the status and the problem type here, not the title.
        foreach (var (id, title, format, options) in new[]
        {
            ("018_16_01", "Invalid format", "invalidFormat", ""),
            ("018_16_02", "Invalid options", "", "invalidOptions"),
            ("018_16_03", "One invalid value among options", "", "keyValues,invalid"),
            ("018_16_04", "Valid format with invalid options", "keyValues", "invalid"),
        })
        {
            yield return new ConformanceCase(Clause, id, title)
                .NewId("e", BuildingPrefix)
                .Then(Http.Get(Url("entities/{e}", P("options", options), P("format", format))).Accept(MediaTypes.LdJson),
                    Expect.Status(400), Expect.Problem("InvalidRequest"));
        }

        // 018_17: pick and omit, JSON with the suite context in a Link header.
        foreach (var (id, title, pick, omit, expectation) in new[]
        {
            ("018_17_01", "Pick on attributes", "name", "", "building-simple-attributes-pick-name.json"),
            ("018_17_02", "Omit on attributes", "", "name", "building-simple-attributes-omit-name.json"),
            ("018_17_03", "Pick on core members", "id", "", "building-simple-attributes-pick-id.json"),
            ("018_17_04", "Omit on core members", "", "id", "building-simple-attributes-omit-id.json"),
            ("018_17_05", "Pick on attributes and core members", "id,name", "", "building-simple-attributes-pick-id-name.json"),
            ("018_17_06", "Omit on attributes and core members", "", "type,name", "building-simple-attributes-omit-type-name.json"),
        })
        {
            yield return WithBuilding(id, title)
                .Then(Http.Get(Url("entities/{e}", P("pick", pick), P("omit", omit))).Accept(MediaTypes.Json).WithSuiteContext(),
                    Expect.Status(200), Expect.Body(Expected("pick-omit/" + expectation)));
        }

        // 018_18: invalid pick/omit usage.
        foreach (var (id, title, pick, omit, attrs) in new[]
        {
            ("018_18_01", "Same member in pick and omit", "name", "name", ""),
            ("018_18_02", "pick together with attrs", "name", "", "category"),
            ("018_18_03", "omit together with attrs", "", "name", "category"),
            ("018_18_04", "Invalid character in pick", "id;name", "", ""),
            ("018_18_05", "Unclosed brace in pick", "id,locatedAt{name", "", ""),
            ("018_18_06", "Double brace in pick", "id,locatedAt{{name}", "", ""),
            ("018_18_07", "Consecutive separators in pick", "id,,name", "", ""),
            ("018_18_08", "Expression starting with a separator", "id,locatedAt{,name}", "", ""),
            ("018_18_09", "Expression without an attribute", "id,locatedAt{}", "", ""),
        })
        {
            yield return WithBuilding(id, title)
                .Then(Http.Get(Url("entities/{e}", P("attrs", attrs), P("pick", pick), P("omit", omit))).Accept(MediaTypes.Json).WithSuiteContext(),
                    Error(400, "BadRequestData"));
        }

        // 018_19: nothing left after pick/omit.
        foreach (var (id, title, pick, omit) in new[]
        {
            ("018_19_01", "pick matching no member", "unknown", ""),
            ("018_19_02", "omit of every member", "", "id,type,name,subCategory,airQualityLevel,almostFull"),
        })
        {
            yield return WithBuilding(id, title)
                .Then(Http.Get(Url("entities/{e}", P("pick", pick), P("omit", omit))).Accept(MediaTypes.Json).WithSuiteContext(),
                    Error(404, "ResourceNotFound"));
        }
    }
}
