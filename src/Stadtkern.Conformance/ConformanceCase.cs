namespace Stadtkern.Conformance;

/// <summary>One conformance case: a sequence of HTTP exchanges with checks, ported from an ETSI test procedure.</summary>
/// <remarks>
/// <see cref="Clause"/> is the suite's folder path below <c>TP/NGSI-LD/</c> (for example
/// <c>ContextInformation/Provision/Entities/CreateEntity</c>); <see cref="Id"/> is the suite's case id
/// (for example <c>001_01_01</c>). Cases never share state: each one makes its own ids and entities.
/// </remarks>
public sealed record ConformanceCase(string Clause, string Id, string Title)
{
    /// <summary>Variables made before the first step: name → id prefix (a random 16-digit suffix is appended).</summary>
    public IReadOnlyList<(string Name, string Prefix)> Ids { get; init; } = [];

    /// <summary>Variables with a fixed value, set before the first step (context URLs in them are rewritten like payloads).</summary>
    public IReadOnlyList<(string Name, string Value)> Values { get; init; } = [];

    /// <summary>Variables holding an instant relative to the start of the case, as an NGSI-LD UTC date-time (<c>2030-01-01T00:00:05Z</c>).</summary>
    public IReadOnlyList<(string Name, TimeSpan FromNow)> Instants { get; init; } = [];

    /// <summary>
    /// Documents the case serves from the context server for the whole case, each at a fresh URL stored in the variable
    /// (the suite's "Start @context Local Server"). The runner stops serving them after the cleanup.
    /// </summary>
    public IReadOnlyList<(string Variable, Payload Document)> ServedContexts { get; init; } = [];

    /// <summary>The exchanges, in order; the case fails at the first failed check.</summary>
    public IReadOnlyList<Exchange> Steps { get; init; } = [];

    /// <summary>Requests sent after the case whatever its outcome (deleting what it made); their answers are not checked.</summary>
    public IReadOnlyList<Request> Cleanup { get; init; } = [];

    /// <summary>The suite's "clause/id" key used by the known-failures list.</summary>
    public string Key => $"{Clause}/{Id}";

    /// <summary>Adds a generated id variable, e.g. <c>NewId("id", "urn:ngsi-ld:Building:")</c>.</summary>
    public ConformanceCase NewId(string name, string prefix) => this with { Ids = [.. Ids, (name, prefix)] };

    /// <summary>Adds a variable with a fixed value, e.g. <c>Let("remote", "http://smartdatamodels.org/context.jsonld")</c> for <c>{remote|url}</c> in a path.</summary>
    public ConformanceCase Let(string name, string value) => this with { Values = [.. Values, (name, value)] };

    /// <summary>Adds a variable holding the instant <paramref name="fromNow"/> after the case starts, e.g. an <c>expiresAt</c> a few seconds ahead.</summary>
    public ConformanceCase LetInstant(string name, TimeSpan fromNow) => this with { Instants = [.. Instants, (name, fromNow)] };

    /// <summary>Serves a document from the context server at a URL of its own, stored in <paramref name="variable"/>.</summary>
    public ConformanceCase Serving(string variable, Payload document) =>
        this with { ServedContexts = [.. ServedContexts, (variable, document)] };

    /// <summary>Stops serving a document of <see cref="Serving"/>, so that fetching it fails (the suite's "Stop @context Local Server").</summary>
    /// <remarks>A step like any other: the context server drops a case's document on <c>DELETE</c> of its URL and answers 204.</remarks>
    public ConformanceCase StopServing(string variable) =>
        Then(new Request(HttpMethod.Delete, $"{{{variable}}}"), new Check.Status(204));

    /// <summary>Appends an exchange: a request and the checks on its response.</summary>
    public ConformanceCase Then(Request request, params Check[] checks) =>
        this with { Steps = [.. Steps, new Exchange(request, checks)] };

    /// <summary>Appends requests to send after the case.</summary>
    public ConformanceCase Finally(params Request[] requests) => this with { Cleanup = [.. Cleanup, .. requests] };
}

/// <summary>A request and the checks its response must pass.</summary>
public sealed record Exchange(Request Request, IReadOnlyList<Check> Checks);
