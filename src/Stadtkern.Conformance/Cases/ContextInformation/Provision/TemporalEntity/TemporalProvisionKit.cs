using System.Text.Json.Nodes;

namespace Stadtkern.Conformance.Cases.ContextInformation.Provision;

/// <summary>
/// Requests, payloads and checks shared by the temporal provision cases, shaped like the suite's temporal keywords:
/// "Create Or Update Temporal Representation Of Entity" posts to <c>temporal/entities/</c> (with the trailing slash)
/// after setting every <c>id</c> of the file; "Retrieve Temporal Representation Of Entity" sends Accept, Link and
/// options only when asked; expectations are read from <c>temporalEntities/expectations/</c> with <c>$.id</c> set.
/// </summary>
/// <remarks>
/// The files of this kit serve TemporalEntity (5.6.11, 5.6.16) and TemporalEntityAttributes (5.6.12–5.6.15).
/// Every follow-up retrieval reads the whole history (no <c>timerel</c>); its comparison ignores <c>instanceId</c>
/// and <c>@context</c> as the suite's does.
/// </remarks>
internal static class TemporalProvisionKit
{
    public const string VehiclePrefix = "urn:ngsi-ld:Vehicle:";

    /// <summary>The suite's usual seed: speed 120@12:03, 80@12:05; fuelLevel 67, 53 and 40 (datasetId …12345-fuel).</summary>
    public const string Vehicle = "vehicle-temporal-representation.jsonld";

    /// <summary>The instanceId the suite takes for its instance cases: the first (oldest) speed instance.</summary>
    public const string FirstSpeedInstance = "json:$.speed[0].instanceId";

    /// <summary>A file below <c>temporalEntities/</c> with every <c>id</c> set to the variable (the suite's <c>$..id</c>).</summary>
    public static Payload TemporalFile(string file, string idVariable) =>
        Payload.FromFile("temporalEntities/" + file).SetAllIds(idVariable);

    /// <summary>A file below <c>temporalEntities/</c>, sent as it is (the suite's "Get File": malformed or empty bodies).</summary>
    public static Payload RawTemporalFile(string file) => Payload.FromFile("temporalEntities/" + file);

    /// <summary>A fragment below <c>temporalEntities/fragments/</c>, sent as it is.</summary>
    public static Payload Fragment(string file) => Payload.FromFile("temporalEntities/fragments/" + file);

    /// <summary>An expectation below <c>temporalEntities/expectations/</c> with <c>$.id</c> set ("Load Test Sample").</summary>
    public static Payload Expectation(string file, string idVariable) => Payload.Entity("temporalEntities/expectations/" + file, idVariable);

    /// <summary>"Create Or Update Temporal Representation Of Entity Selecting Content Type": POST temporal/entities/ with every id set.</summary>
    public static Request CreateTemporal(string file, string idVariable, string contentType = MediaTypes.LdJson) =>
        Http.Post("temporal/entities/").Json(TemporalFile(file, idVariable), contentType);

    /// <summary>"Retrieve Temporal Representation Of Entity": GET temporal/entities/{id}, Accept, suite Link and options only when given.</summary>
    public static Request RetrieveTemporal(string idVariable, string? accept = null, bool suiteLink = false, string? options = null)
    {
        var request = Http.Get($"temporal/entities/{{{idVariable}}}" + (options is null ? "" : $"?options={options}"));
        if (accept is not null)
        {
            request = request.Accept(accept);
        }

        return suiteLink ? request.WithSuiteContext() : request;
    }

    /// <summary>The retrieval the suite's checks use: suite Link and Accept application/ld+json.</summary>
    public static Request RetrieveLd(string idVariable) => RetrieveTemporal(idVariable, MediaTypes.LdJson, suiteLink: true);

    /// <summary>
    /// The setup of the instance cases: the suite reads <c>speed[0].instanceId</c> from a retrieval with
    /// <c>options=sysAttrs</c> (or without options in 016_01 and 017_01), Accept ld+json and the suite Link.
    /// </summary>
    public static Request CaptureFirstSpeedInstance(string idVariable, string instanceVariable, bool sysAttrs = true) =>
        RetrieveTemporal(idVariable, MediaTypes.LdJson, suiteLink: true, options: sysAttrs ? "sysAttrs" : null)
            .Capture(instanceVariable, FirstSpeedInstance);

    /// <summary>"Delete Temporal Representation Of Entity": DELETE temporal/entities/{id} (also the teardown).</summary>
    public static Request DeleteTemporal(string idVariable) => Http.Delete($"temporal/entities/{{{idVariable}}}");

    /// <summary>"Append Attribute To Temporal Entity": POST temporal/entities/{entity}/attrs with a fragment file sent as it is.</summary>
    /// <param name="entity">The path segment: <c>{id}</c>, a literal, or empty (the suite's URL then reads <c>entities//attrs</c>).</param>
    public static Request AppendTemporalAttributes(string entity, string fragment) =>
        Http.Post($"temporal/entities/{entity}/attrs").Json(Fragment(fragment), MediaTypes.LdJson);

    /// <summary>
    /// "Delete Attribute From Temporal Entity": DELETE temporal/entities/{entity}/attrs/{attribute}?[datasetId=…&amp;]deleteAll=…,
    /// with the <c>Content-Type: application/json</c> the suite sends on this bodiless request, and the suite Link when asked.
    /// </summary>
    public static Request DeleteTemporalAttribute(string entity, string attribute, string deleteAll = "false", string? datasetId = null, bool suiteLink = false)
    {
        var query = (datasetId is null ? "" : $"datasetId={datasetId}&") + $"deleteAll={deleteAll}";
        var request = Http.Delete($"temporal/entities/{entity}/attrs/{attribute}?{query}").WithContentType(MediaTypes.Json);
        return suiteLink ? request.WithSuiteContext() : request;
    }

    /// <summary>"Modify Attribute Instance From Temporal Entity": PATCH …/attrs/{attribute}/{instance}, application/json, suite Link.</summary>
    public static Request ModifyInstance(string entity, string attribute, string instance) =>
        Http.Patch($"temporal/entities/{entity}/attrs/{attribute}/{instance}")
            .Json(Fragment("vehicle-temporal-modify-attribute-instance-fragment.jsonld"))
            .WithSuiteContext();

    /// <summary>"Delete Attribute Instance From Temporal Entity": DELETE …/attrs/{attribute}/{instance} with the suite Link only.</summary>
    public static Request DeleteInstance(string entity, string attribute, string instance) =>
        Http.Delete($"temporal/entities/{entity}/attrs/{attribute}/{instance}").WithSuiteContext();

    /// <summary>The status and a problem document of this type with a non-empty <c>title</c> (the suite's two ProblemDetails checks).</summary>
    public static Check[] Error(int status, string errorType) => [Expect.Status(status), Expect.ProblemWithTitle(errorType)];

    /// <summary>The follow-up comparison of the suite: the expectation with <c>instanceId</c> and <c>@context</c> ignored (plus any further keys).</summary>
    public static Check Matches(string expectation, string idVariable, params string[] alsoIgnored) =>
        Expect.Body(Expectation(expectation, idVariable), ["@context", .. alsoIgnored]);

    /// <summary>The body's JSON text contains this text ("Should Contain ${response.text}").</summary>
    public static Check TextContains(string text) => new Check.Custom(
        $"the body contains \"{text}\"",
        (body, _) => body?.ToJsonString().Contains(text, StringComparison.Ordinal) == true
            ? null
            : $"the body does not contain \"{text}\"");

    /// <summary>The body's JSON text does not contain this text ("Should Not Contain ${response.text}").</summary>
    public static Check TextLacks(string text) => new Check.Custom(
        $"the body does not contain \"{text}\"",
        (body, _) => body?.ToJsonString().Contains(text, StringComparison.Ordinal) == true
            ? $"the body contains \"{text}\""
            : null);

    /// <summary>The body is an object whose member is an array of exactly this many elements.</summary>
    public static Check InstanceCount(string member, int count) => new Check.Custom(
        $"\"{member}\" has {count} instances",
        (body, _) => body is JsonObject entity && entity[member] is JsonArray instances
            ? instances.Count == count ? null : $"\"{member}\" has {instances.Count} instances, expected {count}"
            : $"the body is not an object with an array \"{member}\"");
}
