namespace Stadtkern.Conformance.Cases.ContextInformation.Subscription;

/// <summary>
/// Requests, payloads and checks shared by the subscription cases, shaped like the suite's subscription keywords:
/// <c>Create Subscription</c> posts a file of <c>subscriptions/</c> with its <c>id</c> set (its endpoint as written),
/// <c>Load Subscription Sample With Reachable Endpoint</c> also points <c>notification.endpoint.uri</c> at the case's
/// mailbox, <c>Retrieve Subscription</c> sends <c>Content-Type: application/json</c> even without a body.
/// </summary>
internal static class SubscriptionKit
{
    public const string SubscriptionPrefix = "urn:ngsi-ld:Subscription:";

    /// <summary>
    /// What "Check Response Body Containing Subscription element" and the list check ignore: the top-level
    /// <c>@context</c>, and the members a broker adds or counts (<c>jsonldContext</c>, <c>timesFailed</c>,
    /// <c>timesSent</c>, <c>notificationTrigger</c>).
    /// </summary>
    public static readonly string[] SubscriptionIgnored = ["$.@context", "jsonldContext", "timesFailed", "timesSent", "notificationTrigger"];

    /// <summary>The members 028_01 and 030_03 ignore besides <c>@context</c>.</summary>
    public static readonly string[] BrokerMembers = ["jsonldContext", "timesFailed", "timesSent", "notificationTrigger"];

    /// <summary>A file below <c>subscriptions/</c> with <c>$.id</c> set to the variable, its endpoint as written.</summary>
    public static Payload SubscriptionFile(string file, string idVariable) => Payload.Entity("subscriptions/" + file, idVariable);

    /// <summary>A file below <c>subscriptions/</c> with <c>$.id</c> set and the endpoint pointed at the case's mailbox.</summary>
    public static Payload Reachable(string file, string idVariable) =>
        SubscriptionFile(file, idVariable).Set("$.notification.endpoint.uri", $"\"{{{BuiltInVariables.NotificationEndpoint}}}\"");

    /// <summary>POST /subscriptions with a file whose id is set to the variable (the suite's "Create Subscription").</summary>
    public static Request Create(string file, string idVariable, string contentType = MediaTypes.LdJson) =>
        Http.Post("subscriptions/").Json(SubscriptionFile(file, idVariable), contentType);

    /// <summary>POST /subscriptions with any payload as <c>application/ld+json</c> ("Create Subscription From Subscription Payload").</summary>
    public static Request Create(Payload subscription) => Http.Post("subscriptions/").LdJson(subscription);

    /// <summary>POST /subscriptions with the file pointed at the case's mailbox.</summary>
    public static Request CreateReachable(string file, string idVariable) => Create(Reachable(file, idVariable));

    /// <summary>GET /subscriptions/{id}, with <c>Content-Type: application/json</c> as the suite's keyword sends, Accept and the suite Link when asked.</summary>
    public static Request Retrieve(string idVariable, string? accept = null, bool suiteLink = false) => RetrieveAt($"{{{idVariable}}}", accept, suiteLink);

    /// <summary>GET /subscriptions/ followed by the given path text (an invalid or empty id).</summary>
    public static Request RetrieveAt(string idText, string? accept = null, bool suiteLink = false)
    {
        var request = Http.Get("subscriptions/" + idText).WithContentType(MediaTypes.Json);
        request = accept is null ? request : request.Accept(accept);
        return suiteLink ? request.WithSuiteContext() : request;
    }

    /// <summary>PATCH /subscriptions/{id} with a fragment below <c>subscriptions/fragments/</c> as <c>application/json</c>.</summary>
    public static Request Update(string idText, string fragment, bool suiteLink = false) =>
        Update(idText, Payload.FromFile("subscriptions/fragments/" + fragment), suiteLink);

    /// <summary>PATCH /subscriptions/{id} with any fragment as <c>application/json</c>.</summary>
    public static Request Update(string idText, Payload fragment, bool suiteLink = false)
    {
        var request = Http.Patch("subscriptions/" + idText).Json(fragment);
        return suiteLink ? request.WithSuiteContext() : request;
    }

    /// <summary>DELETE /subscriptions/{id}.</summary>
    public static Request Delete(string idVariable) => Http.Delete($"subscriptions/{{{idVariable}}}");

    /// <summary>An expectation below <c>subscriptions/expectations/</c> with every <c>id</c> set to the variable.</summary>
    public static Payload Expectation(string file, string idVariable) =>
        Payload.FromFile("subscriptions/expectations/" + file).SetAllIds(idVariable);

    /// <summary>The status and a problem document of this type with a non-empty <c>title</c>.</summary>
    public static Check[] Error(int status, string errorType) => [Expect.Status(status), Expect.ProblemWithTitle(errorType)];

    /// <summary>The retrieved subscription's <c>status</c> is this ("Check Response Body Containing an Attribute set to").</summary>
    public static Check Status(string status) => Expect.Value("$.status", $"\"{status}\"");
}
