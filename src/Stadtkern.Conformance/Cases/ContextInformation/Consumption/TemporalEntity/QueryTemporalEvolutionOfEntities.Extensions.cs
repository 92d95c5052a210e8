using System.Text.Json.Nodes;
using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.EntityQueryKit;
using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.TemporalEntity.TemporalKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption.TemporalEntity;

/// <summary>
/// The fork's "Antares extension" cases of the folder (<c>since_v1.9.1</c>): 021_26 (timerel bounds), 021_27 and
/// 5244_01 (the JSON TemporalQuery and AggregationParams of a POST query), 5741_01 (more BadRequestData), 5744_01 to
/// 5744_06 (values filter, scopeQ, geoquery and paging on windowed instances).
/// </summary>
/// <remarks>
/// The suite makes their fixtures once per file with fixed ids; here every case makes its own, with ids built from a
/// random tag that keeps the suite's suffixes (so that "the body does not contain <c>qs5744</c>" becomes "does not
/// contain the tag"). The query bodies of 021_27 and 5244_01 are not in the shared data, so they are written here.
/// Most checks are the suite's <c>Should (Not) Contain</c> on the body text.
/// </remarks>
public static partial class QueryTemporalEvolutionOfEntities
{
    private const string Window2026 = "timerel=between&timeAt=2026-03-01T00:00:00Z&endTimeAt=2026-03-02T00:00:00Z";
    private const string In = "2026-03-01T12:00:00Z";
    private const string Out = "2026-01-05T00:00:00Z";

    private static IEnumerable<ConformanceCase> Extensions() =>
        [.. Bounds(), .. JsonTemporalQuery(), .. MoreBadRequests(), .. ValuesFilter(), .. ValuesFilterSecondBatch(), .. ScopeQuery(),
         .. GeoQuery(), .. PagingWithQuery(), .. ValuesFilterCompiler()];

    private static IEnumerable<ConformanceCase> Bounds()
    {
        foreach (var (id, title, timerel, timeAt, endTimeAt, status, observedAts) in new[]
        {
            ("021_26_01", "after includes the instance at exactly timeAt", "after", "2020-08-01T12:05:00Z", "", 200, "2020-08-01T12:05:00Z,2020-08-01T12:07:00Z"),
            ("021_26_02", "after: the same instant spelled with a fraction", "after", "2020-08-01T12:05:00.000Z", "", 200, "2020-08-01T12:05:00Z,2020-08-01T12:07:00Z"),
            ("021_26_03", "before excludes the instance at exactly timeAt", "before", "2020-08-01T12:05:00Z", "", 200, "2020-08-01T12:03:00Z"),
            ("021_26_04", "before: the same instant spelled with a fraction", "before", "2020-08-01T12:05:00.000Z", "", 200, "2020-08-01T12:03:00Z"),
            ("021_26_05", "between is lower-inclusive and upper-exclusive", "between", "2020-08-01T12:03:00Z", "2020-08-01T12:05:00Z", 200, "2020-08-01T12:03:00Z"),
            ("021_26_06", "between: bounds spelled with fractions", "between", "2020-08-01T12:03:00.000Z", "2020-08-01T12:05:00.000Z", 200, "2020-08-01T12:03:00Z"),
            ("021_26_07", "an unknown timerel is rejected", "during", "2020-08-01T12:05:00Z", "", 400, null),
            ("021_26_08", "between without endTimeAt is rejected", "between", "2020-08-01T12:05:00Z", "", 400, null),
            ("021_26_09", "a date is not a date-time", "after", "2020-08-01", "", 400, null),
        })
        {
            var checks = observedAts is null
                ? new[] { Expect.Status(status) }
                : [Expect.Status(status), SpeedObservedAts(observedAts.Split(','))];
            yield return With(id, "Temporal query bounds: " + title, ("e", "", August))
                .Then(Query(IdList("{e}"), P("timerel", timerel), P("timeAt", timeAt), P("endTimeAt", endTimeAt), P("attrs", "speed")).WithSuiteContext(),
                    checks);
        }
    }

    // 021_26: the observedAt values of the speed instances of the first entity, as a sorted list of strings.
    private static Check SpeedObservedAts(string[] expected) => new Check.Custom($"speed instances observed at {string.Join(", ", expected)}", (body, _) =>
    {
        var speed = (body as JsonArray)?.FirstOrDefault()?["speed"];
        var instances = speed is JsonArray list ? [.. list] : speed is null ? [] : new List<JsonNode?> { speed };
        var actual = instances.Select(i => (i as JsonObject)?["observedAt"]?.ToString() ?? "(none)").Order(StringComparer.Ordinal).ToList();
        var wanted = expected.Order(StringComparer.Ordinal).ToList();
        return actual.SequenceEqual(wanted) ? null : $"got [{string.Join(", ", actual)}]";
    });

    private static IEnumerable<ConformanceCase> JsonTemporalQuery()
    {
        static string Body(string temporalQ, string extra = "") =>
            $$"""{"type": "Query", "entities": [{"type": "Vehicle"}], "temporalQ": {"timerel": "after", "timeAt": "2020-08-01T12:00:00Z"{{temporalQ}}}{{extra}}}""";

        foreach (var (id, title, query, status, contains, lacks) in new[]
        {
            ("021_27_01", "lastN in the JSON TemporalQuery is honoured", Body(""", "lastN": 1"""), 200, "2020-08-01T12:07:00Z", "2020-08-01T12:03:00Z"),
            ("021_27_02", "lastN 0 is not a positive integer", Body(""", "lastN": 0"""), 400, "BadRequestData", null),
            ("021_27_03", "a fractional lastN is not an integer", Body(""", "lastN": 2.5"""), 400, "BadRequestData", null),
            ("021_27_04", "timerel is one of before, after, between",
                """{"type": "Query", "entities": [{"type": "Vehicle"}], "temporalQ": {"timerel": "during", "timeAt": "2020-08-01T12:00:00Z"}}""", 400, "BadRequestData", null),
            ("021_27_05", "between requires endTimeAt",
                """{"type": "Query", "entities": [{"type": "Vehicle"}], "temporalQ": {"timerel": "between", "timeAt": "2020-08-01T12:00:00Z"}}""", 400, "BadRequestData", null),
            ("021_27_06", "timeproperty is one of the four temporal properties", Body(", \"timeproperty\": \"expiresAt\""), 400, "BadRequestData", null),
            ("021_27_07", "aggrMethods as a string array is honoured", Body(""", "aggrMethods": ["avg"]"""), 200, "avg", "instanceId"),
            ("021_27_08", "aggrMethods as a comma-separated string is honoured", Body(", \"aggrMethods\": \"avg,max\""), 200, "avg", "instanceId"),
            ("021_27_09", "an invalid aggrPeriodDuration is rejected", Body(", \"aggrMethods\": [\"avg\"], \"aggrPeriodDuration\": \"bogus\""), 400, "aggrPeriodDuration", null),
            ("5244_01_01", "a conformant aggrParams yields aggregated values",
                Body("", """, "aggrParams": {"aggrMethods": ["avg"], "aggrPeriodDuration": "PT0S"}"""), 200, "avg", "instanceId"),
            ("5244_01_02", "an unknown aggregation method is rejected", Body("", """, "aggrParams": {"aggrMethods": ["bogus"]}"""), 400, "aggrMethods", null),
            ("5244_01_03", "an invalid aggrPeriodDuration is rejected",
                Body("", """, "aggrParams": {"aggrMethods": ["avg"], "aggrPeriodDuration": "bogus"}"""), 400, "aggrPeriodDuration", null),
        })
        {
            var fixedId = VehiclePrefix + (id.StartsWith("5244", StringComparison.Ordinal) ? "5244-A" : "021-27-A");
            var checks = new List<Check> { Expect.Status(status), TextContains(contains) };
            if (lacks is not null)
            {
                checks.Add(TextLacks(lacks));
            }

            yield return With(id, "JSON temporal query: " + title, ("e", fixedId, August))
                .Then(PostQuery(Payload.Raw(query)), [.. checks]);
        }
    }

    private static IEnumerable<ConformanceCase> MoreBadRequests()
    {
        const string window = "timerel=after&timeAt=2020-01-01T00:00:00Z";
        foreach (var (id, title, query) in new[]
        {
            ("5741_01_01", "system attrs alone are too wide", window + "&attrs=createdAt"),
            ("5741_01_02", "a Linked Entity projection", window + "&type=Building&pick=owner%7Bname%7D"),
            ("5741_01_03", "a Linked Entity filter", window + "&type=Building&q=owner%7Bname%7D==%22x%22"),
            ("5741_01_04", "an invalid id URI", window + "&type=Building&id=not%20a%20uri"),
            ("5741_01_05", "an invalid context source filter", window + "&type=Building&csf=))bad(("),
            ("5741_01_06", "orderBy other than id", window + "&type=Building&orderBy=name"),
        })
        {
            yield return new ConformanceCase(Clause, id, "BadRequestData: " + title)
                .Then(QueryRaw(query).Accept(MediaTypes.LdJson), Expect.Status(400), Expect.Problem("BadRequestData"));
        }
    }

    /// <summary>A case with inline temporal fixtures (JSON, no Link), ids <c>urn:ngsi-ld:Vehicle:{tag}-suffix</c> in the variables named like the suffixes.</summary>
    private static ConformanceCase Fixtures(string id, string title, string tagPrefix, (string Name, string Json)[] fixtures, params string[] extraIds)
    {
        var @case = new ConformanceCase(Clause, id, title).NewId("tag", tagPrefix);
        var names = fixtures.Select(f => f.Name).Concat(extraIds).Distinct().ToList();
        foreach (var name in names)
        {
            @case = @case.Let(name, VehiclePrefix + "{tag}-" + name);
        }

        foreach (var (name, json) in fixtures)
        {
            @case = @case.Then(CreateJson("""{"id": "{""" + name + """}", "type": "Vehicle", """ + json + "}"), Created);
        }

        return @case.Finally(Cleanup([.. names.Select(n => "{" + n + "}")]));
    }

    private static string Member(string name, string json) => $"\"{name}\": {json}";

    private static string Speed(params (object Value, string At)[] instances) => Attribute("speed", instances);

    private static string Attribute(string name, params (object Value, string At)[] instances) =>
        $"\"{name}\": [" + string.Join(", ", instances.Select(i => $$"""{"type": "Property", "value": {{Json(i.Value)}}, "observedAt": "{{i.At}}"}""")) + "]";

    private static string Json(object value) => value switch
    {
        string s when s.StartsWith('[') => s,
        string s => Str(s),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    private static Request QueryWindow(string filter, string window = Window2026) => QueryRaw("type=Vehicle&" + filter + "&" + window);

    private static IEnumerable<ConformanceCase> ValuesFilter()
    {
        (string, string)[] fixtures =
        [
            ("fast", Speed((30, In), (90, Out)) + ", " + Attribute("heading", (45, In)) + ", " + Attribute("route", ("550", In))),
            ("slow", Speed((10, In), (80, Out)) + ", " + Attribute("heading", (170, In))),
            ("shapes", Attribute("name", ("m", In)) + $$""", "ref": [{"type": "Relationship", "object": "urn:dest:qp1", "observedAt": "{{In}}"}], """
                + Attribute("tags", ("[\"a\", \"b\"]", In))),
            ("nowin", Speed((99, Out))),
            ("multi", Speed((5, In)) .TrimEnd(']') + $$""", {"type": "Property", "value": 60, "observedAt": "{{In}}", "datasetId": "urn:ngsi-ld:Dataset:qp1"}]"""),
        ];

        ConformanceCase Case(string id, string title) => Fixtures(id, "Values filter on windowed instances: " + title, "qp5744-", fixtures, "offset");

        yield return Case("5744_01_01", "an out-of-window instance never satisfies q")
            .Then(QueryWindow("q=speed%3E25"), Expect.Status(200), TextContains("{fast}"), TextLacks("{slow}", "{nowin}"));
        yield return Case("5744_01_02", "returned instances respect the window")
            .Then(QueryWindow("q=speed%3E25"), Expect.Status(200), TextContains(In), TextLacks(Out));
        yield return Case("5744_01_03", "an offset timestamp is rejected on creation")
            .Then(CreateJson($$"""{"id": "{offset}", "type": "Vehicle", "speed": [{"type": "Property", "value": 50, "observedAt": "2026-03-01T02:00:00+03:00"}]}"""),
                Expect.Status(400), TextContains("BadRequestData"));
        yield return Case("5744_01_04", "and across attributes")
            .Then(QueryWindow("q=speed%3E%3D5%3Bheading%3C90"), Expect.Status(200), TextContains("{fast}"), TextLacks("{slow}", "{multi}"));
        yield return Case("5744_01_05", "or of comparisons")
            .Then(QueryWindow("q=speed%3E25%7Cheading%3E100"), Expect.Status(200), TextContains("{fast}", "{slow}"), TextLacks("{shapes}"));
        yield return Case("5744_01_06", "or with a regex branch")
            .Then(QueryWindow("q=speed%3E25%7Cname~%3D%22%5Em%22"), Expect.Status(200), TextContains("{fast}", "{shapes}"), TextLacks("{nowin}"));
        yield return Case("5744_01_07", "unequal comparison")
            .Then(QueryWindow("q=speed%21%3D10"), Expect.Status(200), TextContains("{fast}"), TextLacks("{nowin}"));
        yield return Case("5744_01_08", "negated existence in a conjunction")
            .Then(QueryWindow("q=%21heading%3Bspeed%3E25"), Expect.Status(200), TextContains("{multi}"), TextLacks("{fast}"));
        yield return Case("5744_01_09", "equality against a value range")
            .Then(QueryWindow("q=speed%3D%3D10..40"), Expect.Status(200), TextContains("{fast}", "{slow}"), TextLacks("{nowin}", "{shapes}"));
        yield return Case("5744_01_10", "equality against a value list")
            .Then(QueryWindow("q=route%3D%3D%22550%22,%22551%22"), Expect.Status(200), TextContains("{fast}"), TextLacks("{slow}", "{shapes}"));
        yield return Case("5744_01_11", "relationship object comparison")
            .Then(QueryWindow("q=ref%3D%3D%22urn:dest:qp1%22"), Expect.Status(200), TextContains("{shapes}"), TextLacks("{fast}"));
        yield return Case("5744_01_12", "array value element match")
            .Then(QueryWindow("q=tags%3D%3D%22a%22"), Expect.Status(200), TextContains("{shapes}"), TextLacks("{fast}"));
        yield return Case("5744_01_13", "a datasetId instance qualifies the entity")
            .Then(QueryWindow("q=speed%3E50"), Expect.Status(200), TextContains("{multi}"), TextLacks("{fast}", "{slow}"));
    }

    private static IEnumerable<ConformanceCase> ValuesFilterSecondBatch()
    {
        (string, string)[] fixtures =
        [
            ("typed", Speed((30, In)) + ", " + Attribute("route", ("550", In)) + ", " + Attribute("active", (true, In)) + ", "
                + Attribute("departure", ("2026-03-01T06:00:00Z", In))),
            ("second", Attribute("active", (false, In)) + ", " + Attribute("departure", ("2026-02-01T00:00:00Z", In))),
            ("langv", Member("label", $$"""[{"type": "LanguageProperty", "languageMap": {"en": "red", "fr": "rouge"}, "observedAt": "{{In}}"}]""")),
            ("langother", Member("label", $$"""[{"type": "LanguageProperty", "languageMap": {"en": "black", "fr": "rouge"}, "observedAt": "{{In}}"}]""")),
            ("relv", Member("ref", $$"""[{"type": "Relationship", "object": "urn:dest:qpA", "observedAt": "{{In}}"}]""")),
            ("arrv", Attribute("tags", ("[\"a\", \"b\"]", In))),
            ("fastest", Speed((99, In))),
            ("geoin", Member("location", $$"""[{"type": "GeoProperty", "value": {"type": "Point", "coordinates": [17.1001, 48.1001]}, "observedAt": "{{In}}"}]""")),
            ("geoout", Member("location", $$"""[{"type": "GeoProperty", "value": {"type": "Point", "coordinates": [10.0, 40.0]}, "observedAt": "{{In}}"}, """)
                + $$"""{"type": "GeoProperty", "value": {"type": "Point", "coordinates": [17.1, 48.1]}, "observedAt": "{{Out}}"}]"""),
        ];

        ConformanceCase Case(string id, string title) => Fixtures(id, "Values filter operators: " + title, "qp5744b-", fixtures);

        yield return Case("5744_02_01", "equality requires matching datatypes")
            .Then(QueryWindow("q=speed%3D%3D%2230%22"), Expect.Status(200), TextLacks("{typed}"))
            .Then(QueryWindow("q=speed%3D%3D30"), Expect.Status(200), TextContains("{typed}"));
        yield return Case("5744_02_02", "a datatype mismatch satisfies unequal")
            .Then(QueryWindow("q=speed%21%3D%22thirty%22"), Expect.Status(200), TextContains("{typed}"), TextLacks("{second}"));
        yield return Case("5744_02_03", "ordering requires matching datatypes")
            .Then(QueryWindow("q=route%3E100"), Expect.Status(200), TextLacks("{typed}"))
            .Then(QueryWindow("q=route%3E%22200%22"), Expect.Status(200), TextContains("{typed}"));
        yield return Case("5744_02_04", "a Relationship with an ordering operator never matches")
            .Then(QueryWindow("q=ref%3E%22urn:a%22"), Expect.Status(200), TextLacks("{relv}"))
            .Then(QueryWindow("q=ref%3D%3D%22urn:dest:qpA%22"), Expect.Status(200), TextContains("{relv}"));
        yield return Case("5744_02_05", "a pattern on a non-string never matches")
            .Then(QueryWindow("q=speed~%3D%223.*%22"), Expect.Status(200), TextLacks("{typed}"))
            .Then(QueryWindow("q=route~%3D%225.*%22"), Expect.Status(200), TextContains("{typed}"));
        yield return Case("5744_02_06", "do-not-match pattern")
            .Then(QueryWindow("q=route%21~%3D%229.*%22"), Expect.Status(200), TextContains("{typed}"))
            .Then(QueryWindow("q=route%21~%3D%225.*%22"), Expect.Status(200), TextLacks("{typed}"));
        yield return Case("5744_02_07", "a language filter selects one language")
            .Then(QueryWindow("q=label%5Ben%5D%3D%3D%22red%22"), Expect.Status(200), TextContains("{langv}"), TextLacks("{langother}"))
            .Then(QueryWindow("q=label%5Bfr%5D%3D%3D%22red%22"), Expect.Status(200), TextLacks("{langv}"));
        yield return Case("5744_02_08", "the language wildcard matches any language")
            .Then(QueryWindow("q=label%5B*%5D%3D%3D%22rouge%22"), Expect.Status(200), TextContains("{langv}", "{langother}"));
        yield return Case("5744_02_09", "a value list against an array target")
            .Then(QueryWindow("q=tags%3D%3D%22b%22,%22z%22"), Expect.Status(200), TextContains("{arrv}"))
            .Then(QueryWindow("q=tags%3D%3D%22x%22,%22z%22"), Expect.Status(200), TextLacks("{arrv}"));
        yield return Case("5744_02_10", "unequal against a range")
            .Then(QueryWindow("q=speed%21%3D10..40"), Expect.Status(200), TextContains("{fastest}"), TextLacks("{typed}"));
        yield return Case("5744_02_11", "date values order temporally")
            .Then(QueryWindow("q=departure%3E%222026-02-15T00:00:00Z%22"), Expect.Status(200), TextContains("{typed}"), TextLacks("{second}"));
        yield return Case("5744_02_12", "boolean equality")
            .Then(QueryWindow("q=active%3D%3Dtrue"), Expect.Status(200), TextContains("{typed}"), TextLacks("{second}"))
            .Then(QueryWindow("q=active%3D%3Dfalse"), Expect.Status(200), TextContains("{second}"), TextLacks("{typed}"));
        yield return Case("5744_02_13", "parenthesized grouping gates the conjunction")
            .Then(QueryWindow("q=%28speed%3E25%7Croute%3D%3D%22551%22%29%3Bactive%3D%3Dtrue"), Expect.Status(200),
                TextContains("{typed}"), TextLacks("{fastest}"));
        yield return Case("5744_02_14", "the geoquery is judged on windowed instances only")
            .Then(QueryWindow("georel=near%3BmaxDistance%3D%3D1000&geometry=Point&coordinates=%5B17.1,48.1%5D"), Expect.Status(200),
                TextContains("{geoin}"), TextLacks("{geoout}"));
    }

    private static IEnumerable<ConformanceCase> ScopeQuery()
    {
        const string window = "timerel=between&timeAt=2026-03-01T12:00:00Z&endTimeAt=2026-03-01T13:00:00Z";
        static string Scope(string value, string at) => Member("scope", $$"""[{"type": "Property", "value": {{value}}, "observedAt": "{{at}}"}]""");
        static string Values(params (string Value, string At)[] instances) => Attribute("speed", [.. instances.Select(i => ((object)i.Value, i.At))]);

        (string, string)[] fixtures =
        [
            ("ab", Scope("\"/A/B\"", "2026-03-01T10:00:00Z") + ", " + Values(("abval", "2026-03-01T12:05:00Z"))),
            ("xx", Scope("\"/X\"", "2026-03-01T10:00:00Z") + ", " + Values(("xxval", "2026-03-01T12:05:00Z"))),
            ("bare", Values(("bareval", "2026-03-01T12:05:00Z"))),
            ("both", Scope("[\"/A/B\", \"/C\"]", "2026-03-01T10:00:00Z") + ", " + Values(("bothval", "2026-03-01T12:05:00Z"))),
            ("mid", Scope("\"/M\"", "2026-03-01T12:10:00Z") + ", " + Values(("midpre", "2026-03-01T12:05:00Z"), ("midpost", "2026-03-01T12:15:00Z"))),
            ("rep", Member("scope", """[{"type": "Property", "value": "/R", "observedAt": "2026-03-01T10:00:00Z"}, {"type": "Property", "value": "/S", "observedAt": "2026-03-01T12:30:00Z"}], """)
                + Values(("repold", "2026-03-01T12:15:00Z"), ("repnew", "2026-03-01T12:45:00Z"))),
            ("late", Scope("\"/Z\"", "2026-03-01T14:00:00Z") + ", " + Values(("lateval", "2026-03-01T12:05:00Z"))),
        ];

        ConformanceCase Case(string id, string title) => Fixtures(id, "scopeQ on the temporal query: " + title, "qs5744-", fixtures);
        Request Scoped(string scopeQ) => QueryWindow("scopeQ=" + scopeQ, window);

        yield return Case("5744_03_01", "an exact scope match selects entities")
            .Then(Scoped("/A/B"), Expect.Status(200), TextContains("{ab}", "{both}"), TextLacks("{xx}", "{bare}", "{late}"));
        yield return Case("5744_03_02", "a non-matching scope excludes everything")
            .Then(Scoped("/Y"), Expect.Status(200), TextLacks("{tag}"));
        yield return Case("5744_03_03", "subtree match with a hash")
            .Then(Scoped("/A/%23"), Expect.Status(200), TextContains("{ab}", "{both}"), TextLacks("{xx}"));
        yield return Case("5744_03_04", "any scope excludes the unscoped and the window-invalid")
            .Then(Scoped("/%23"), Expect.Status(200), TextContains("{ab}", "{xx}", "{both}", "{mid}", "{rep}"), TextLacks("{bare}", "{late}"));
        yield return Case("5744_03_05", "scope alternatives")
            .Then(Scoped("/X%7C/M"), Expect.Status(200), TextContains("{xx}", "{mid}"), TextLacks("{ab}"));
        yield return Case("5744_03_06", "scope conjunction")
            .Then(Scoped("(/A/B%3B/C)"), Expect.Status(200), TextContains("{both}"), TextLacks("{ab}"));
        yield return Case("5744_03_07", "a scope set mid-window bounds the instances")
            .Then(Scoped("/M"), Expect.Status(200), TextContains("{mid}", "midpost"), TextLacks("midpre"));
        yield return Case("5744_03_08", "a replaced scope: the old interval")
            .Then(Scoped("/R"), Expect.Status(200), TextContains("{rep}", "repold"), TextLacks("repnew"));
        yield return Case("5744_03_09", "a replaced scope: the new interval")
            .Then(Scoped("/S"), Expect.Status(200), TextContains("{rep}", "repnew"), TextLacks("repold"));
        yield return Case("5744_03_10", "a scope valid only after the window never matches")
            .Then(Scoped("/Z"), Expect.Status(200), TextLacks("{tag}"));
        yield return Case("5744_03_11", "the valid scope is carried into the representation")
            .Then(Scoped("/A/B"), Expect.Status(200), TextContains("/A/B"));
    }

    private static IEnumerable<ConformanceCase> GeoQuery()
    {
        static string Location(string name, string coordinates, string at) =>
            Member(name, $$"""[{"type": "GeoProperty", "value": {"type": "Point", "coordinates": {{coordinates}}}, "observedAt": "{{at}}"}]""");

        (string, string)[] fixtures =
        [
            ("paris", Location("location", "[2.29, 48.85]", In)),
            ("far", Location("location", "[10.0, 50.0]", In)),
            ("outw", Location("location", "[2.29, 48.85]", Out)),
            ("obs", Location("observationSpace", "[2.29, 48.85]", In)),
        ];

        ConformanceCase Case(string id, string title) => Fixtures(id, "Geoquery on the temporal query: " + title, "qg5744-", fixtures);
        const string near = "georel=near%3BmaxDistance%3D%3D2000&geometry=Point&coordinates=[2.29,48.85]";
        const string polygon = "geometry=Polygon&coordinates=[[[2.0,48.5],[2.6,48.5],[2.6,49.2],[2.0,49.2],[2.0,48.5]]]";

        yield return Case("5744_04_01", "near with maxDistance selects the close entity")
            .Then(QueryWindow(near), Expect.Status(200), TextContains("{paris}"), TextLacks("{far}"));
        yield return Case("5744_04_02", "an out-of-window geometry never matches")
            .Then(QueryWindow(near), Expect.Status(200), TextLacks("{outw}"));
        yield return Case("5744_04_03", "within a polygon")
            .Then(QueryWindow("georel=within&" + polygon), Expect.Status(200), TextContains("{paris}"), TextLacks("{far}", "{outw}"));
        yield return Case("5744_04_04", "intersects the query polygon")
            .Then(QueryWindow("georel=intersects&" + polygon), Expect.Status(200), TextContains("{paris}"), TextLacks("{far}"));
        yield return Case("5744_04_05", "disjoint inverts the selection")
            .Then(QueryWindow("georel=disjoint&" + polygon), Expect.Status(200), TextContains("{far}"), TextLacks("{paris}", "{outw}"));
        yield return Case("5744_04_06", "equals the exact point")
            .Then(QueryWindow("georel=equals&geometry=Point&coordinates=[2.29,48.85]"), Expect.Status(200), TextContains("{paris}"), TextLacks("{far}"));
        yield return Case("5744_04_07", "a non-default geoproperty")
            .Then(QueryWindow(near + "&geoproperty=observationSpace"), Expect.Status(200), TextContains("{obs}"), TextLacks("{paris}", "{far}"));
    }

    private static IEnumerable<ConformanceCase> PagingWithQuery()
    {
        (string, string)[] fixtures =
        [
            ("one", Speed((30, In))),
            ("two", Speed((40, In))),
            ("decoy", Speed((90, "2026-02-28T23:00:00Z"), (5, In))),
        ];

        ConformanceCase Case(string id, string title) => Fixtures(id, "Paging a temporal query with q: " + title, "qpage5744-", fixtures);

        yield return Case("5744_05_01", "the count reflects only true matches")
            .Then(QueryWindow("q=speed%3E25&count=true&limit=1"), Expect.Status(200), Expect.Header("NGSILD-Results-Count", "2"));

        // The suite checks that both matches appear once over the two pages and the decoy on neither, with "one" not on
        // page 2 and "two" not on page 1: so "one" is on page 1 and "two" on page 2.
        yield return Case("5744_05_02", "pages partition the matching set")
            .Then(QueryWindow("q=speed%3E25&limit=1&offset=0"), Expect.Status(200), TextContains("{one}"), TextLacks("{two}", "{decoy}"))
            .Then(QueryWindow("q=speed%3E25&limit=1&offset=1"), Expect.Status(200), TextContains("{two}"), TextLacks("{one}", "{decoy}"));
        yield return Case("5744_05_03", "a page past the end is empty")
            .Then(QueryWindow("q=speed%3E25&limit=1&offset=2"), Expect.Status(200), TextLacks("{tag}"));
    }

    private static IEnumerable<ConformanceCase> ValuesFilterCompiler()
    {
        (string, string)[] fixtures =
        [
            ("mm", Attribute("name", ("m", In))),
            ("zz", Attribute("name", ("z", In))),
            ("num", Attribute("name", (5, In))),
            ("arr", Attribute("tags", ("[\"a\", \"b\"]", In))),
            ("lang", Member("label", $$"""[{"type": "LanguageProperty", "languageMap": {"en": "hello", "fr": "bonjour"}, "observedAt": "{{In}}"}]""")),
        ];

        ConformanceCase Case(string id, string title) => Fixtures(id, "Values filter compiler: " + title, "qx5744-", fixtures);

        yield return Case("5744_06_01", "string ordering is code-unit comparison")
            .Then(QueryWindow("q=name%3E%22m%22"), Expect.Status(200), TextContains("{zz}"), TextLacks("{mm}", "{num}"));
        yield return Case("5744_06_02", "string ordering includes the boundary with >=")
            .Then(QueryWindow("q=name%3E%3D%22m%22"), Expect.Status(200), TextContains("{mm}", "{zz}"), TextLacks("{num}"));
        yield return Case("5744_06_03", "ordering above the highest value matches nothing")
            .Then(QueryWindow("q=name%3E%22z%22"), Expect.Status(200), TextLacks("{tag}"));
        yield return Case("5744_06_04", "unequal scalar")
            .Then(QueryWindow("q=name%21%3D%22m%22"), Expect.Status(200), TextContains("{zz}", "{num}"), TextLacks("{mm}"));
        yield return Case("5744_06_05", "unequal against an array is universal")
            .Then(QueryWindow("q=tags%21%3D%22c%22"), Expect.Status(200), TextContains("{arr}"))
            .Then(QueryWindow("q=tags%21%3D%22a%22"), Expect.Status(200), TextLacks("{arr}"));
        yield return Case("5744_06_06", "unequal value list")
            .Then(QueryWindow("q=name%21%3D%22m%22,%22z%22"), Expect.Status(200), TextContains("{num}"), TextLacks("{mm}", "{zz}"));
        yield return Case("5744_06_07", "a language filter on a specific tag")
            .Then(QueryWindow("q=label%5Ben%5D%3D%3D%22hello%22"), Expect.Status(200), TextContains("{lang}"), TextLacks("{mm}", "{arr}"));
        yield return Case("5744_06_08", "the language filter wildcard")
            .Then(QueryWindow("q=label%5B%2A%5D%3D%3D%22bonjour%22"), Expect.Status(200), TextContains("{lang}"))
            .Then(QueryWindow("q=label%5Ben%5D%3D%3D%22bonjour%22"), Expect.Status(200), TextLacks("{lang}"));
    }
}
