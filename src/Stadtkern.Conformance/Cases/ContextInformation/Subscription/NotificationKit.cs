using Stadtkern.Conformance.Cases.ContextInformation.Provision;
using static Stadtkern.Conformance.Cases.ContextInformation.Subscription.SubscriptionKit;

namespace Stadtkern.Conformance.Cases.ContextInformation.Subscription;

/// <summary>
/// The set-ups, changes and checks of the notification behaviour cases, after the suite's keywords: "Add Initial
/// Entity" then "Setup Initial Subscriptions" (an entity, then a subscription to the case's mailbox, mostly selecting
/// that entity by id), "Update Entity Attributes", "Delete Entity Attributes", "Wait for notification", and
/// "Check Notification Containing Entity Element(s)" (compared ignoring <c>id</c>).
/// </summary>
internal static class NotificationKit
{
    public const string Clause = "ContextInformation/Subscription/SubscriptionNotificationBehaviour";
    public const string SimpleBuilding = "building-simple-attributes.jsonld";
    public const string AirQuality = "airQualityLevel-fragment.jsonld";

    /// <summary>
    /// A case that creates the entity <c>{entity}</c> from a file of <c>entities/</c>, then the subscription <c>{sub}</c>
    /// from a file of <c>subscriptions/</c> pointed at the mailbox — its first selector narrowed to the entity's id when
    /// <paramref name="selectEntity"/> ("Set Entity Id In Subscription") — and deletes both at the end.
    /// </summary>
    /// <param name="adjust">Further edits of the subscription payload (046_08_02 asks for keyValues).</param>
    public static ConformanceCase Watching(string id, string title, string subscription, string entity = SimpleBuilding, bool selectEntity = true,
        Func<Payload, Payload>? adjust = null)
    {
        var payload = (adjust ?? (p => p))(Reachable(subscription, "sub"));
        return new ConformanceCase(Clause, id, title)
            .NewId("entity", EntityProvisionKit.BuildingPrefix).NewId("sub", SubscriptionPrefix)
            .Then(EntityProvisionKit.CreateEntity(entity, "entity"), Expect.Status(201))
            .Then(Create(selectEntity ? payload.Set("$.entities[0].id", "\"{entity}\"") : payload), Expect.Status(201))
            .Finally([Delete("sub"), .. EntityProvisionKit.Teardown("entity")]);
    }

    /// <summary>A case whose subscription <c>{sub}</c> (pointed at the mailbox) comes first; the steps then make the entity <c>{entity}</c>.</summary>
    public static ConformanceCase Subscribed(string id, string title, string subscription, string entityPrefix = EntityProvisionKit.BuildingPrefix) =>
        new ConformanceCase(Clause, id, title)
            .NewId("entity", entityPrefix).NewId("sub", SubscriptionPrefix)
            .Then(CreateReachable(subscription, "sub"), Expect.Status(201))
            .Finally([Delete("sub"), .. EntityProvisionKit.Teardown("entity")]);

    /// <summary>PATCH /entities/{entity}/attrs/ with a fragment of <c>entities/fragmentEntities/</c> as <c>application/ld+json</c>.</summary>
    public static Request UpdateAttributes(string fragment, string entityVariable = "entity") =>
        Http.Patch($"entities/{{{entityVariable}}}/attrs/").LdJson(EntityProvisionKit.Fragment(fragment));

    /// <summary>PATCH /entities/{entity}/attrs/{attribute} with a fragment as <c>application/ld+json</c> ("Partial Update Entity Attributes").</summary>
    public static Request UpdateAttribute(string attribute, string fragment) =>
        Http.Patch($"entities/{{entity}}/attrs/{attribute}").LdJson(EntityProvisionKit.Fragment(fragment));

    /// <summary>PATCH /entities/{entity} (Merge Entity) with a file of <c>entities/</c>, its id set, as <c>application/ld+json</c>.</summary>
    public static Request MergeEntity(string file) => Http.Patch("entities/{entity}").LdJson(EntityProvisionKit.EntityFile(file, "entity"));

    /// <summary>DELETE /entities/{entity}/attrs/{attribute}, with the suite context and the query given ("Delete Entity Attributes").</summary>
    public static Request DeleteAttribute(string attribute, string query = "") =>
        Http.Delete($"entities/{{entity}}/attrs/{attribute}{query}").WithContentType(MediaTypes.Json).WithSuiteContext();

    /// <summary>The first notification is one of <c>{sub}</c> about <c>{entity}</c> (as <c>data[0]</c>).</summary>
    public static Check[] AboutTheEntity(int notification = 0) =>
        [Notified.Value(notification, "$.subscriptionId", "\"{sub}\""), Notified.Value(notification, "$.data[0].id", "\"{entity}\"")];

    /// <summary><c>data</c> of the first notification holds exactly this many entities ("Length Should Be").</summary>
    public static Check DataCount(int entities) => Members("$.data", entities);

    /// <summary>The JSON object or array at the path of the first notification has exactly this many members or elements.</summary>
    public static Check Members(string path, int count) => new ResponseCheck($"{path} of the notification has {count} members", (response, _) =>
        JsonPath.TryGet(response.Json, "$[0].body" + path[1..], out var node) switch
        {
            false => "nothing there",
            true when node is System.Text.Json.Nodes.JsonObject o => o.Count == count ? null : $"{o.Count}: {JsonComparer.Excerpt(o)}",
            true when node is System.Text.Json.Nodes.JsonArray a => a.Count == count ? null : $"{a.Count}: {JsonComparer.Excerpt(a)}",
            _ => "not an object or array",
        });

    /// <summary>The value at the path of the first notification is an NGSI-LD UTC date ("Parse Ngsild Date").</summary>
    public static Check Date(string path) => new ResponseCheck($"{path} of the notification is a UTC date", (response, _) =>
        JsonPath.TryGet(response.Json, "$[0].body" + path[1..], out var node) && NgsiLdDate.IsValid(node?.ToString()) ? null : $"got {JsonComparer.Excerpt(node)}");

    /// <summary><c>data[0]</c> of the first notification is the expectation of <c>subscriptions/expectations/</c>, ignoring <c>id</c>.</summary>
    public static Check EntityAs(string expectation) =>
        Notified.Body(0, "$.data[0]", Payload.FromFile("subscriptions/expectations/" + expectation), "id");

    /// <summary><c>data</c> of the first notification is the expectation (a list) of <c>subscriptions/expectations/</c>, ignoring <c>id</c>.</summary>
    public static Check EntitiesAs(string expectation) =>
        Notified.Body(0, "$.data", Payload.FromFile("subscriptions/expectations/" + expectation), "id");

    /// <summary>No <c>previousValue</c> anywhere in <c>data</c> of the first notification ("Check JSON Value Not In Response Body $..previousValue").</summary>
    public static Check NoPreviousValue() =>
        Consumption.TemporalEntity.TemporalKit.TextLacks("\"previousValue\"");
}
