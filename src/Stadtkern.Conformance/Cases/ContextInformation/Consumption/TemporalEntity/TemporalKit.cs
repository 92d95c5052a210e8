using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Stadtkern.Conformance.Cases.ContextInformation.Consumption.EntityQueryKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption.TemporalEntity;

/// <summary>
/// Steps and checks shared by the temporal consumption cases, named after what the suite's keywords
/// (<c>TemporalContextInformationConsumption.resource</c>, <c>TemporalContextInformationProvision.resource</c>,
/// <c>AssertionUtils.resource</c>) do.
/// </summary>
/// <remarks>
/// The suite compares temporal bodies with its usual rules (<see cref="JsonComparer"/>): order ignored everywhere
/// (also inside <c>[value, time]</c> pairs), <c>instanceId</c> ignored, entities in lists paired by id, an extra
/// entity or member is a difference.
/// </remarks>
internal static partial class TemporalKit
{
    public const string BusPrefix = "urn:ngsi-ld:Bus:";

    /// <summary>The suite's default window of the Antares extension cases: every instance from 2000 on, by <c>createdAt</c>.</summary>
    public const string CreatedWindow = "timerel=after&timeAt=2000-01-01T00:00:00Z&timeproperty=createdAt";

    /// <summary>
    /// "Create Temporal Representation Of Entity": <c>POST /temporal/entities</c> as <c>application/ld+json</c> with the
    /// file of <c>temporalEntities/</c> whose every <c>id</c> is set to the variable (the suite's <c>$..id</c>).
    /// </summary>
    public static Request Create(string file, string idVariable) =>
        Http.Post("temporal/entities").LdJson(Payload.FromFile("temporalEntities/" + file).SetAllIds(idVariable));

    /// <summary><c>POST /temporal/entities</c> as <c>application/json</c> without Link header (the extension cases' inline fixtures).</summary>
    public static Request CreateJson(string json) => Http.Post("temporal/entities").Json(Payload.Raw(json));

    /// <summary>
    /// What the suite's teardown does ("Delete Temporal Representation Of Entity"), and the current-state entity too:
    /// a broker that also makes the current state from a temporal create must not keep it, or the next run's create of
    /// the same fixed id would not be a creation.
    /// </summary>
    public static Request[] Cleanup(params string[] ids) =>
        [.. ids.SelectMany(id => new[] { Http.Delete("temporal/entities/" + id), Http.Delete("entities/" + id) })];

    /// <summary>"Retrieve Temporal Representation Of Entity": <c>GET /temporal/entities/{id}</c> with these parameters.</summary>
    public static Request Retrieve(string id, params QueryParam[] parameters) => Http.Get(Url("temporal/entities/" + id, parameters));

    /// <summary>"Query Temporal Representation Of Entities": <c>GET /temporal/entities</c> with these parameters.</summary>
    public static Request Query(params QueryParam[] parameters) => Http.Get(Url("temporal/entities", parameters));

    /// <summary>A query whose query string is written out as the extension cases do (<c>params=type=Vehicle&amp;…</c>).</summary>
    public static Request QueryRaw(string queryString) => Http.Get("temporal/entities?" + queryString);

    /// <summary>"Query Temporal Representation Of Entities Via Post": <c>application/json</c> with the suite context in a Link header.</summary>
    public static Request PostQuery(Payload query) =>
        Http.Post("temporal/entityOperations/query").Json(query).WithSuiteContext();

    /// <summary><see cref="PostQuery(Payload)"/> with a query file of <c>temporalEntities/</c>.</summary>
    public static Request PostQuery(string file) => PostQuery(Payload.FromFile("temporalEntities/" + file));

    /// <summary>An expectation file of <c>temporalEntities/expectations/</c>.</summary>
    public static Payload Expectation(string file) => Payload.FromFile("temporalEntities/expectations/" + file);

    /// <summary>
    /// "Check Response Body Containing EntityTemporal element": the body equals the expectation with its top-level
    /// <c>id</c> set to the variable (only <c>$.id</c>, and only when the file has one, as the suite's JSON update does).
    /// </summary>
    public static Check Temporal(string file, string idVariable) => new Check.Custom($"body as {file} with id {{{idVariable}}}", (body, _) =>
        SuiteCompare(WithTopId(file, idVariable), body));

    /// <summary>"Check Response Body Containing List Containing EntityTemporal elements": the body equals the list of the file (fixed ids).</summary>
    public static Check TemporalList(string file) => Expect.Body(Expectation(file));

    /// <summary>021_17: the first element of the body (an array) equals the expectation with its <c>id</c> set to the variable.</summary>
    public static Check FirstTemporal(string file, string idVariable) => new Check.Custom($"first element as {file} with id {{{idVariable}}}", (body, _) =>
        body is JsonArray { Count: > 0 } list ? SuiteCompare(WithTopId(file, idVariable), list[0]) : "the body is not a non-empty array");

    /// <summary>
    /// 020_18 and 020_20: as <see cref="Temporal"/>, except that the element at <paramref name="ignoredPath"/> (the
    /// <c>deletedAt</c> time of a simplified pair) is not compared, but must be there with a value (the suite's
    /// <c>excluded_regex</c> plus <c>Should Have Value In Json</c>).
    /// </summary>
    public static Check TemporalIgnoring(string file, string idVariable, string ignoredPath) =>
        new Check.Custom($"body as {file} with id {{{idVariable}}}, {ignoredPath} only present", (body, variables) =>
        {
            if (!JsonPath.TryGet(body, ignoredPath, out var value) || value is null)
            {
                return $"no value at {ignoredPath}";
            }

            if (CaseContext.Current is not { } context)
            {
                return "no case is running, so the expectation cannot be built";
            }

            var expected = context.BuildJson(WithTopId(file, idVariable));
            var actual = body!.DeepClone();
            if (expected is null || !JsonPath.TryGet(expected, ignoredPath, out _))
            {
                return $"the expectation has nothing at {ignoredPath}";
            }

            JsonPath.Set(expected, ignoredPath, "(ignored)");
            JsonPath.Set(actual, ignoredPath, "(ignored)");
            var differences = JsonComparer.Compare(expected, actual);
            return differences.Count == 0 ? null : string.Join("; ", differences);
        });

    /// <summary>The body has a member <paramref name="name"/> that is empty (the suite's <c>Check Data Is Empty</c>).</summary>
    public static Check EmptyMember(string name) => new Check.Custom($"{name} is present and empty", (body, _) =>
        (body as JsonObject)?[name] switch
        {
            JsonArray { Count: 0 } or JsonObject { Count: 0 } => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0 => null,
            null when body is JsonObject o && o.ContainsKey(name) => $"{name} is null",
            null => $"no member {name}",
            var other => $"{name} is {JsonComparer.Excerpt(other)}",
        });

    /// <summary>"Should Contain ${response.text}": the body text contains each value (variables allowed).</summary>
    public static Check TextContains(params string[] values) => new ResponseCheck($"body text contains {string.Join(", ", values)}", (response, context) =>
        values.Select(v => context.Text(v)).FirstOrDefault(v => !response.Body.Contains(v, StringComparison.Ordinal)) is { } missing
            ? $"'{missing}' is not in the body"
            : null);

    /// <summary>"Should Not Contain ${response.text}": the body text contains none of the values (variables allowed).</summary>
    public static Check TextLacks(params string[] values) => new ResponseCheck($"body text lacks {string.Join(", ", values)}", (response, context) =>
        values.Select(v => context.Text(v)).FirstOrDefault(v => response.Body.Contains(v, StringComparison.Ordinal)) is { } present
            ? $"'{present}' is in the body"
            : null);

    /// <summary>A header's value does not contain the text (5734_01_03).</summary>
    public static Check HeaderLacks(string header, string text) => new ResponseCheck($"header {header} without '{text}'", (response, _) =>
        !response.Headers.TryGetValue(header, out var value) ? $"no {header} header"
        : value.Contains(text, StringComparison.Ordinal) ? $"'{value}' contains '{text}'"
        : null);

    /// <summary>An expected bound of the Content-Range of temporal pagination (020_13, 021_15).</summary>
    public abstract record Bound
    {
        /// <summary>A fixed instant.</summary>
        public sealed record At(string Instant) : Bound;

        /// <summary>The least recent instance time in the body (the suite's <c>lrt</c>).</summary>
        public sealed record LeastRecent : Bound;

        /// <summary>The most recent instance time in the body (the suite's <c>mrt</c>).</summary>
        public sealed record MostRecent : Bound;
    }

    /// <summary>The suite's <c>${lrt}</c>.</summary>
    public static Bound Lrt { get; } = new Bound.LeastRecent();

    /// <summary>The suite's <c>${mrt}</c>.</summary>
    public static Bound Mrt { get; } = new Bound.MostRecent();

    /// <summary>A fixed expected bound.</summary>
    public static Bound At(string instant) => new Bound.At(instant);

    /// <summary>
    /// The temporal pagination checks of 020_13, 021_15 and 021_16: a <c>Content-Range</c> header read with the suite's
    /// regex <c>([a-zA-Z\-]+) (.*-.*-.*)-(.*-.*-.*)\/(.*)</c>, unit <c>date-time</c>, and — when given — start, end and
    /// size. <c>lrt</c>/<c>mrt</c> are the least/most recent times of the <c>speed</c> and <c>fuelLevel</c> instances
    /// of the body (of its first two entities when <paramref name="entities"/> is 2), read from <c>observedAt</c> or,
    /// in the simplified representation, from the second element of the <c>values</c> pairs; the least recent starts
    /// from 2021-01-01T01:01:00Z and the most recent from 2019-01-01T01:01:00Z, as in the suite.
    /// </summary>
    public static Check ContentRange(Bound? start = null, Bound? end = null, string? size = null, bool temporalValues = false, int entities = 1) =>
        new ResponseCheck("Content-Range " + string.Join(", ", new[] { "date-time", Describe("start", start), Describe("end", end), size is null ? null : "size " + size }
            .Where(s => s is not null)), (response, context) =>
        {
            if (!response.Headers.TryGetValue("Content-Range", out var header))
            {
                return "no Content-Range header";
            }

            var match = ContentRangePattern().Match(header);
            if (!match.Success)
            {
                return $"'{header}' does not read as '<unit> <start>-<end>/<size>'";
            }

            if (match.Groups[1].Value != "date-time")
            {
                return $"unit '{match.Groups[1].Value}', expected 'date-time'";
            }

            var times = new Lazy<List<DateTime>>(() => InstanceTimes(response.Json, temporalValues, entities));
            foreach (var (name, bound, text) in new[] { ("start", start, match.Groups[2].Value), ("end", end, match.Groups[3].Value) })
            {
                if (bound is null)
                {
                    continue;
                }

                if (!TryInstant(text, out var actual))
                {
                    return $"the range {name} '{text}' is not a date-time";
                }

                DateTime expected;
                switch (bound)
                {
                    case Bound.At at:
                        _ = TryInstant(at.Instant, out expected);
                        break;
                    case Bound.LeastRecent:
                        expected = times.Value.Aggregate(Instant("2021-01-01T01:01:00Z"), (min, t) => t <= min ? t : min);
                        break;
                    default:
                        expected = times.Value.Aggregate(Instant("2019-01-01T01:01:00Z"), (max, t) => t >= max ? t : max);
                        break;
                }

                if (actual != expected)
                {
                    return $"range {name} {text}, expected {expected:yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'}";
                }
            }

            return size is not null && match.Groups[4].Value != size ? $"size '{match.Groups[4].Value}', expected '{size}'" : null;
        });

    private static string? Describe(string name, Bound? bound) => bound switch
    {
        null => null,
        Bound.At at => $"{name} {at.Instant}",
        Bound.LeastRecent => $"{name} = least recent instance",
        _ => $"{name} = most recent instance",
    };

    // The instance times of speed and fuelLevel of the body or of its first `entities` elements; as in the suite, an
    // entity or attribute that is not there is an error (the suite's Combine Lists would fail on it).
    private static List<DateTime> InstanceTimes(JsonNode? body, bool temporalValues, int entities)
    {
        var roots = body is JsonArray list ? [.. list] : new List<JsonNode?> { body };
        if (roots.Count < entities)
        {
            throw new InvalidOperationException($"the body holds {roots.Count} entities, the suite reads {entities}");
        }

        var times = new List<DateTime>();
        foreach (var entity in roots.Take(entities))
        {
            foreach (var attribute in new[] { "speed", "fuelLevel" })
            {
                var member = entity?[attribute];
                var instances = (temporalValues ? member?["values"] : member) as JsonArray
                    ?? throw new InvalidOperationException($"an entity has no {(temporalValues ? attribute + ".values" : attribute)} list");
                foreach (var instance in instances)
                {
                    var time = temporalValues ? (instance as JsonArray)?.ElementAtOrDefault(1) : (instance as JsonObject)?["observedAt"];
                    if (time is not JsonValue v || v.GetValueKind() != JsonValueKind.String || !TryInstant(v.GetValue<string>(), out var t))
                    {
                        throw new InvalidOperationException($"an instance of {attribute} has no date-time: {JsonComparer.Excerpt(instance)}");
                    }

                    times.Add(t);
                }
            }
        }

        return times;
    }

    // As Robot's Convert Date: an ISO date-time, with or without fraction and zone.
    private static bool TryInstant(string text, out DateTime instant)
    {
        if (NgsiLdDate.TryParse(text, out instant))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var offset))
        {
            instant = offset.UtcDateTime;
            return true;
        }

        return false;
    }

    private static DateTime Instant(string text) => TryInstant(text, out var instant) ? instant : throw new FormatException(text);

    private static Payload WithTopId(string file, string idVariable) =>
        CaseContext.Current is { } context && context.LoadJson("temporalEntities/expectations/" + file) is JsonObject o && o.ContainsKey("id")
            ? Expectation(file).Set("$.id", Str("{" + idVariable + "}"))
            : Expectation(file);

    private static string? SuiteCompare(Payload expected, JsonNode? actual) => SuiteExpectations.Compare(expected, actual);

    [GeneratedRegex(@"([a-zA-Z\-]+) (.*-.*-.*)-(.*-.*-.*)\/(.*)")]
    private static partial Regex ContentRangePattern();
}
