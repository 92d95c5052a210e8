namespace Stadtkern.Conformance.Cases.CommonBehaviours;

/// <summary>
/// Requests shared by the common-behaviour cases, shaped like the suite's provision, subscription and temporal
/// keywords: payloads get a fresh top-level id (temporal ones every <c>id</c>, as "Create Or Update Temporal
/// Representation" does), and "Delete Entity" also deletes the temporal representation (the suite's default
/// <c>delete_temporal_on_core_delete</c>).
/// </summary>
internal static class CommonKit
{
    public const string BuildingPrefix = "urn:ngsi-ld:Building:";
    public const string VehiclePrefix = "urn:ngsi-ld:Vehicle:";
    public const string SubscriptionPrefix = "urn:ngsi-ld:Subscription:";

    /// <summary>The temporal query of 045 and 049: Vehicles after 2020-08-01T12:05:00Z.</summary>
    public const string TemporalQuery = "temporal/entities?type=Vehicle&timerel=after&timeAt=2020-08-01T12:05:00Z";

    /// <summary>"Create Entity Selecting Content Type": POST /entities with a file below <c>entities/</c>.</summary>
    public static Request CreateEntity(string file, string idVariable, string contentType = MediaTypes.LdJson) =>
        Http.Post("entities").Json(Payload.Entity("entities/" + file, idVariable), contentType);

    /// <summary>"Create Subscription": POST /subscriptions with a file below <c>data/</c>.</summary>
    public static Request CreateSubscription(string file, string idVariable, string contentType = MediaTypes.LdJson) =>
        Http.Post("subscriptions").Json(Payload.Entity(file, idVariable), contentType);

    /// <summary>"Retrieve Subscription": the suite sends <c>Content-Type: application/json</c> even on this GET.</summary>
    public static Request RetrieveSubscription(string idVariable) =>
        Http.Get($"subscriptions/{{{idVariable}}}").WithContentType(MediaTypes.Json);

    /// <summary>"Create Or Update Temporal Representation Of Entity Selecting Content Type": every <c>id</c> of the file set.</summary>
    public static Request CreateTemporal(string file, string idVariable, string contentType = MediaTypes.LdJson) =>
        Http.Post("temporal/entities/").Json(Payload.FromFile("temporalEntities/" + file).SetAllIds(idVariable), contentType);

    /// <summary>A batch of entities made from one file, each with its own id.</summary>
    public static Payload Batch(string file, params string[] idVariables) =>
        Payload.Array([.. idVariables.Select(v => Payload.Entity("entities/" + file, v))]);

    /// <summary>"Delete Entity": the entity and its temporal representation.</summary>
    public static Request[] DeleteEntity(string idVariable) =>
        [Http.Delete($"entities/{{{idVariable}}}"), Http.Delete($"temporal/entities/{{{idVariable}}}")];

    /// <summary>"Batch Delete Entities".</summary>
    public static Request BatchDelete(params string[] idVariables) =>
        Http.Post("entityOperations/delete").LdJson(Payload.Raw("[" + string.Join(",", idVariables.Select(v => $"\"{{{v}}}\"")) + "]"));
}
