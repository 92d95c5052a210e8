using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stadtkern.Conformance.Cases.ContextInformation.Consumption;

/// <summary>A query parameter; an empty value is left out, as the suite's keywords do.</summary>
/// <param name="Verbatim">Send the value as written (it holds <c>{variables}</c> or is already encoded) instead of percent-encoding it.</param>
internal readonly record struct QueryParam(string Name, string Value, bool Verbatim = false);

/// <summary>
/// Steps and checks shared by the Entity and Discovery consumption cases, named after what the suite's keywords
/// (<c>ContextInformationConsumption.resource</c>, <c>ContextInformationProvision.resource</c>,
/// <c>AssertionUtils.resource</c>) do.
/// </summary>
internal static class EntityQueryKit
{
    public const string BuildingType = SuiteContexts.Vocab + "Building";
    public const string VehicleType = SuiteContexts.Vocab + "Vehicle";
    public const string ParkingType = SuiteContexts.Vocab + "OffStreetParking";

    public const string BuildingPrefix = "urn:ngsi-ld:Building:";
    public const string VehiclePrefix = "urn:ngsi-ld:Vehicle:";
    public const string ParkingPrefix = "urn:ngsi-ld:OffStreetParking:";
    public const string CityPrefix = "urn:ngsi-ld:City:";
    public const string CountryPrefix = "urn:ngsi-ld:Country:";

    /// <summary>A query parameter whose value is percent-encoded (as the suite's HTTP library encodes <c>params</c>).</summary>
    public static QueryParam P(string name, string value) => new(name, value);

    /// <summary>The <c>id</c> parameter with a comma-separated list of ids or <c>{variables}</c>, sent as written.</summary>
    public static QueryParam IdList(params string[] ids) => new("id", string.Join(',', ids), Verbatim: true);

    /// <summary>A path with its query string; parameters with empty values are left out.</summary>
    public static string Url(string path, params QueryParam[] parameters)
    {
        var query = string.Join('&', parameters
            .Where(p => p.Value.Length > 0)
            .Select(p => p.Name + "=" + (p.Verbatim ? p.Value : Uri.EscapeDataString(p.Value))));
        return query.Length == 0 ? path : path + "?" + query;
    }

    /// <summary>A JSON string literal for <see cref="Payload.Set"/> (a <c>{variable}</c> inside stays a variable).</summary>
    public static string Str(string value) => JsonSerializer.Serialize(value);

    /// <summary>"Create Entity Selecting Content Type" with <c>application/ld+json</c>: the file's own <c>@context</c> applies.</summary>
    public static Request CreateLd(string file, string idVariable) =>
        Http.Post("entities").LdJson(Payload.Entity("entities/" + file, idVariable));

    /// <summary>As <see cref="CreateLd"/>, for the cases whose expectations name a fixed id.</summary>
    public static Request CreateLdFixed(string file, string id) =>
        Http.Post("entities").LdJson(Payload.FromFile("entities/" + file).Set("$.id", Str(id)));

    /// <summary>"Create Linking Entity": a fixed id, and the relationship at <paramref name="objectPath"/> pointing at <paramref name="linkedId"/>.</summary>
    public static Request CreateLinking(string file, string id, string linkedId, string objectPath = "$.locatedAt.object") =>
        Http.Post("entities").LdJson(Payload.FromFile("entities/" + file).Set("$.id", Str(id)).Set(objectPath, Str(linkedId)));

    /// <summary>"Create Entity Selecting Content Type" with <c>application/json</c> and the suite context in a Link header.</summary>
    public static Request CreateJson(string file, string idVariable) =>
        Http.Post("entities").Json(Payload.Entity("entities/" + file, idVariable)).WithSuiteContext();

    /// <summary>"Delete Entity" for each id (a literal or <c>{variable}</c>): the entity and, as the suite's default settings do, its temporal representation.</summary>
    public static Request[] Delete(params string[] ids) =>
        [.. ids.SelectMany(id => new[] { Http.Delete("entities/" + id), Http.Delete("temporal/entities/" + id) })];

    /// <summary>"Query Entities Via POST": <c>POST entityOperations/query</c> with JSON in and out by default.</summary>
    public static Request PostQuery(Payload query, string accept = MediaTypes.Json, params QueryParam[] parameters) =>
        Http.Post(Url("entityOperations/query", parameters)).Json(query).Accept(accept);

    /// <summary>A <c>Query</c> body; the entity selectors and other members are added with <see cref="Payload.Set"/>.</summary>
    public static Payload QueryBody() => Payload.Raw("""{ "type": "Query" }""");

    public static Check Created => Expect.Status(201);

    /// <summary>The status, and a problem document of this type with a non-empty <c>title</c> (the suite's two ProblemDetails checks).</summary>
    public static Check[] Error(int status, string errorType) => [Expect.Status(status), Expect.ProblemWithTitle(errorType)];

    /// <summary>"Check Response Body Containing Number Of Entities": exactly <paramref name="count"/> entities, each of this type.</summary>
    public static Check[] EntitiesOfType(int count, string type) =>
        [Expect.Count(count), .. Enumerable.Range(0, count).Select(i => Expect.Value($"$[{i}].type", Str(type)))];

    /// <summary>"Dictionary Should Contain Key": a member exists at a simple path (<c>$[0].locatedAt.entity.createdAt</c>).</summary>
    public static Check Has(string path) => new Check.Custom($"{path} is present", (body, _) =>
        JsonPath.TryGet(body, path, out var _) ? null : $"nothing at {path}");

    /// <summary>
    /// "Check Response Body Containing List Containing Entity Elements": for each id, the body (an array) holds an entity
    /// with that id equal to the expectation file (below <c>entities/expectations/</c>) with every <c>id</c> set to it.
    /// Other entities in the body are allowed, as in the suite.
    /// </summary>
    public static Check ContainsEntities(string expectationFile, params string[] idVariables) =>
        new Check.Custom($"holds {string.Join(", ", idVariables.Select(v => "{" + v + "}"))} as in {expectationFile}", (body, vars) =>
        {
            if (body is not JsonArray list)
            {
                return "the body is not an array";
            }

            foreach (var variable in idVariables)
            {
                var id = vars[variable];
                var actual = list.FirstOrDefault(e => e is JsonObject o && o["id"]?.GetValueKind() == JsonValueKind.String && (string?)o["id"] == id);
                if (actual is null)
                {
                    return $"no entity {id} in the body";
                }

                if (SuiteExpectations.Compare(Payload.FromFile("entities/expectations/" + expectationFile).SetAllIds(variable), actual) is { } difference)
                {
                    return $"entity {id}: {difference}";
                }
            }

            return null;
        });

    /// <summary>"Check Response Body Containing Entity element" on the first element of an array body, as 019_12 does.</summary>
    public static Check FirstElement(string expectationFile, string idVariable) =>
        new Check.Custom($"first element as in {expectationFile}", (body, _) =>
        {
            if (body is not JsonArray { Count: > 0 } list)
            {
                return "the body is not a non-empty array";
            }

            return SuiteExpectations.Compare(Payload.FromFile("entities/expectations/" + expectationFile).SetAllIds(idVariable), list[0]);
        });

    /// <summary>"Check Body With Alternatives": the body equals one of these expectation files (below <c>entities/expectations/</c>).</summary>
    public static Check AnyOf(params string[] expectationFiles) =>
        new Check.Custom($"equals one of {string.Join(", ", expectationFiles)}", (body, _) =>
        {
            var differences = new List<string>();
            foreach (var file in expectationFiles)
            {
                if (SuiteExpectations.Compare(Payload.FromFile("entities/expectations/" + file), body) is not { } difference)
                {
                    return null;
                }

                differences.Add($"{file}: {difference}");
            }

            return string.Join("; ", differences);
        });
}

/// <summary>Expectations of the custom checks, built and compared as the runner does for <see cref="Check.Body"/>.</summary>
internal static class SuiteExpectations
{
    /// <summary>
    /// Null when <paramref name="actual"/> matches the expectation under the suite's rules (<see cref="JsonComparer"/>),
    /// otherwise the differences. The expectation is built by the running case (<see cref="CaseContext.Current"/>): its
    /// context URLs rewritten as the broker saw them and its variables substituted.
    /// </summary>
    public static string? Compare(Payload expected, JsonNode? actual)
    {
        if (CaseContext.Current is not { } context)
        {
            return "no case is running, so the expectation cannot be built";
        }

        return JsonComparer.Compare(context.BuildJson(expected), actual) is { Count: > 0 } differences
            ? string.Join("; ", differences)
            : null;
    }
}
