using System.Text.Json.Nodes;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>
/// Requests, payloads and checks shared by the provision cases, shaped like what the suite's
/// provision and consumption keywords send: <c>Create Entity</c> posts <c>application/ld+json</c>,
/// <c>Retrieve Entity</c> sends Accept and Link only when asked, expectations are read from
/// <c>entities/expectations/</c>.
/// </summary>
internal static class EntityProvisionKit
{
    public const string BuildingPrefix = "urn:ngsi-ld:Building:";
    public const string VehiclePrefix = "urn:ngsi-ld:Vehicle:";

    /// <summary>A data file below <c>entities/</c> with its top-level id set to the variable.</summary>
    public static Payload EntityFile(string file, string idVariable) => Payload.Entity("entities/" + file, idVariable);

    /// <summary>A data file below <c>entities/</c>, sent or expected as it is.</summary>
    public static Payload DataFile(string file) => Payload.FromFile("entities/" + file);

    /// <summary>A fragment below <c>entities/fragmentEntities/</c>, sent as it is.</summary>
    public static Payload Fragment(string file) => Payload.FromFile("entities/fragmentEntities/" + file);

    /// <summary>An expectation below <c>entities/expectations/</c> with only <c>$.id</c> set ("Load Test Sample").</summary>
    public static Payload Expectation(string file, string idVariable) => Payload.Entity("entities/expectations/" + file, idVariable);

    /// <summary>An expectation below <c>entities/expectations/</c> with every <c>id</c> set ("Check Response Body Containing Entity element").</summary>
    public static Payload ExpectationAllIds(string file, string idVariable) =>
        Payload.FromFile("entities/expectations/" + file).SetAllIds(idVariable);

    /// <summary>POST /entities with a data file whose id is set to the variable; optionally with the suite context in a Link header.</summary>
    public static Request CreateEntity(string file, string idVariable, string contentType = MediaTypes.LdJson, bool suiteLink = false)
    {
        var request = Http.Post("entities").Json(EntityFile(file, idVariable), contentType);
        return suiteLink ? request.WithSuiteContext() : request;
    }

    /// <summary>GET /entities/{id}, with Accept, the suite Link context and options only when given.</summary>
    public static Request Retrieve(string idVariable, string? accept = null, bool suiteLink = false, string? options = null)
    {
        var request = Http.Get($"entities/{{{idVariable}}}" + (options is null ? "" : $"?options={options}"));
        if (accept is not null)
        {
            request = request.Accept(accept);
        }

        return suiteLink ? request.WithSuiteContext() : request;
    }

    /// <summary>DELETE /entities/{id}.</summary>
    public static Request DeleteEntity(string idVariable) => Http.Delete($"entities/{{{idVariable}}}");

    /// <summary>
    /// The suite's "Delete Entity" teardown for each id variable: the entity and, as the suite's default
    /// settings do (<c>delete_temporal_on_core_delete</c>), its temporal representation.
    /// </summary>
    public static Request[] Teardown(params string[] idVariables) =>
        [.. idVariables.SelectMany(v => new[] { DeleteEntity(v), Http.Delete($"temporal/entities/{{{v}}}") })];

    /// <summary>The status and a problem document of this type with a non-empty <c>title</c> (the suite's two ProblemDetails checks).</summary>
    public static Check[] Error(int status, string errorType) => [Expect.Status(status), Expect.ProblemWithTitle(errorType)];

    /// <summary>POST /entityOperations/delete with the given id variables, as the suite's batch teardowns do.</summary>
    public static Request BatchDelete(params string[] idVariables) =>
        Http.Post("entityOperations/delete").LdJson(IdArray(idVariables));

    /// <summary>A JSON array of entity ids, e.g. <c>["{a}","{b}"]</c>.</summary>
    public static Payload IdArray(params string[] idVariables) =>
        Payload.Raw("[" + string.Join(",", idVariables.Select(v => $"\"{{{v}}}\"")) + "]");

    /// <summary>The body has this member and its value is not empty ("Check Response Body Containing an Attribute set to").</summary>
    public static Check HasMember(string name) => new Check.Custom(
        $"the body has a non-empty member \"{name}\"",
        (body, _) => body is JsonObject entity && entity[name] is { } value && !IsEmpty(value)
            ? null
            : $"the body has no non-empty member \"{name}\"");

    /// <summary>The body is an object with this member, whatever its value ("Dictionary Should Contain Key").</summary>
    public static Check HasKey(string name) => new Check.Custom(
        $"the body has a member \"{name}\"",
        (body, _) => body is JsonObject entity && entity.ContainsKey(name)
            ? null
            : $"the body is not an object with a member \"{name}\"");

    /// <summary>The body is an object without this member ("Dictionary Should Not Contain Key").</summary>
    public static Check LacksMember(string name) => new Check.Custom(
        $"the body has no member \"{name}\"",
        (body, _) => body is JsonObject entity && !entity.ContainsKey(name)
            ? null
            : $"the body is not an object without a member \"{name}\"");

    /// <summary>
    /// A batch operation result: <c>success</c> holds exactly these ids (any order) and <c>errors</c> has one
    /// entry per expected failure, each naming one of the failed ids and carrying a non-empty <c>error</c>
    /// ("Check Response Body Containing Batch Operation Result").
    /// </summary>
    public static Check BatchResult(string[] successVariables, string[] errorVariables) => new Check.Custom(
        $"batch result with {successVariables.Length} successes and {errorVariables.Length} errors",
        (body, variables) =>
        {
            if (body is not JsonObject result || result["success"] is not JsonArray success || result["errors"] is not JsonArray errors)
            {
                return "the body is not a batch operation result with 'success' and 'errors' arrays";
            }

            var expectedSuccess = successVariables.Select(v => variables[v]).Order(StringComparer.Ordinal).ToList();
            var actualSuccess = success.Select(n => n?.ToString() ?? "").Order(StringComparer.Ordinal).ToList();
            if (!expectedSuccess.SequenceEqual(actualSuccess))
            {
                return $"success is [{string.Join(", ", actualSuccess)}], expected [{string.Join(", ", expectedSuccess)}]";
            }

            if (errors.Count != errorVariables.Length)
            {
                return $"errors has {errors.Count} entries, expected {errorVariables.Length}";
            }

            var failedIds = errorVariables.Select(v => variables[v]).ToHashSet(StringComparer.Ordinal);
            foreach (var error in errors)
            {
                var entityId = error?["entityId"]?.ToString();
                if (entityId is null || !failedIds.Contains(entityId))
                {
                    return $"errors names entity '{entityId}', which is not one of the expected failures";
                }

                if (error?["error"] is not { } detail || IsEmpty(detail))
                {
                    return $"the error for '{entityId}' is empty";
                }
            }

            return null;
        });

    /// <summary>The first entry of a batch result's <c>errors</c> carries a problem of this type with a title.</summary>
    public static Check FirstBatchErrorIs(string errorType) => Expect.ProblemAt("$.errors[0].error", errorType);

    /// <summary>An update result: <c>updated</c> holds exactly these names and <c>notUpdated</c> names exactly these, each with a reason.</summary>
    public static Check UpdateResult(string[] updated, string[] notUpdated) => new Check.Custom(
        $"update result with updated [{string.Join(", ", updated)}] and notUpdated [{string.Join(", ", notUpdated)}]",
        (body, _) =>
        {
            if (body is not JsonObject result || result["updated"] is not JsonArray done || result["notUpdated"] is not JsonArray failed)
            {
                return "the body is not an update result with 'updated' and 'notUpdated' arrays";
            }

            var actualUpdated = done.Select(n => n?.ToString() ?? "").Order(StringComparer.Ordinal);
            if (!actualUpdated.SequenceEqual(updated.Order(StringComparer.Ordinal)))
            {
                return $"updated is [{string.Join(", ", actualUpdated)}]";
            }

            if (failed.Count != notUpdated.Length)
            {
                return $"notUpdated has {failed.Count} entries, expected {notUpdated.Length}";
            }

            foreach (var entry in failed)
            {
                var name = entry?["attributeName"]?.ToString();
                if (name is null || !notUpdated.Contains(name))
                {
                    return $"notUpdated names '{name}', which is not expected";
                }

                if (entry?["reason"] is not { } reason || IsEmpty(reason))
                {
                    return $"notUpdated entry for '{name}' has no reason";
                }
            }

            return null;
        });

    private static bool IsEmpty(JsonNode value) => value switch
    {
        JsonObject o => o.Count == 0,
        JsonArray a => a.Count == 0,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
        _ => false,
    };
}
