namespace Stadtkern.Conformance;

/// <summary>An HTTP request relative to the broker's <c>/ngsi-ld/v1/</c> root; <c>{name}</c> in the path, headers and bodies is replaced by a case variable.</summary>
/// <remarks>
/// <c>{name|url}</c> inserts the value percent-encoded (a URL as one path segment). A path that is an absolute
/// <c>http(s)://</c> URL after substitution is sent there as it is (e.g. to the context server).
/// </remarks>
public sealed record Request(HttpMethod Method, string Path)
{
    /// <summary>The body, or null for none.</summary>
    public Payload? Body { get; init; }

    /// <summary>Content-Type of the body; null sends none.</summary>
    public string? ContentType { get; init; }

    /// <summary>Accept header; null sends none.</summary>
    public string? AcceptType { get; init; }

    /// <summary>A context URL to send in a <c>Link</c> header (rewritten like payload contexts); null sends none.</summary>
    public string? LinkContext { get; init; }

    /// <summary>Further headers (e.g. <c>NGSILD-Tenant</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Variables to capture from the response: variable name → source (<c>header:Location</c>, <c>json:$.id</c>).</summary>
    /// <remarks>
    /// A source may end with <c>|lastSegment</c> (the text after the last <c>/</c>: a context's local id from its
    /// Location or URL) or <c>|absolute</c> (a relative URL resolved against the request's URL). A JSON value that is
    /// not a string is captured as its JSON text.
    /// </remarks>
    public IReadOnlyList<KeyValuePair<string, string>> Captures { get; init; } = [];

    /// <summary>
    /// Send the path exactly as written (after variable substitution): no unescaping of <c>%2e</c> and no removal of
    /// <c>.</c>/<c>..</c> segments, which <see cref="Uri"/> otherwise does before the request leaves (the suite's
    /// Python client sends such paths verbatim).
    /// </summary>
    public bool VerbatimPath { get; init; }

    /// <summary>How long to wait before sending (the suite's <c>Sleep</c>, e.g. until a subscription has expired); zero by default.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>
    /// How long the request is sent again while its checks fail (the broker updates some state just after what the case
    /// waited for, e.g. a subscription's delivery status after the receiver answered); zero sends it once.
    /// </summary>
    public TimeSpan RetryWithin { get; init; }

    public Request Json(Payload body, string contentType = MediaTypes.Json) => this with { Body = body, ContentType = contentType };

    public Request LdJson(Payload body) => this with { Body = body, ContentType = MediaTypes.LdJson };

    public Request WithContentType(string contentType) => this with { ContentType = contentType };

    public Request Accept(string accept) => this with { AcceptType = accept };

    /// <summary>Sends the suite's compound context in a Link header.</summary>
    public Request WithSuiteContext() => this with { LinkContext = SuiteContexts.Compound };

    public Request WithLink(string contextUrl) => this with { LinkContext = contextUrl };

    public Request Header(string name, string value) => this with { Headers = [.. Headers, new(name, value)] };

    public Request Tenant(string tenant) => Header("NGSILD-Tenant", tenant);

    public Request Capture(string variable, string source) => this with { Captures = [.. Captures, new(variable, source)] };

    /// <summary>Sends the path verbatim (see <see cref="VerbatimPath"/>), e.g. an attribute segment <c>%2e%2e</c>.</summary>
    public Request Verbatim() => this with { VerbatimPath = true };

    /// <summary>Sends the request only after waiting this long (see <see cref="Delay"/>).</summary>
    public Request After(TimeSpan delay) => this with { Delay = delay };

    /// <summary>Sends the request again while its checks fail, for up to this long (see <see cref="RetryWithin"/>).</summary>
    public Request Until(TimeSpan within) => this with { RetryWithin = within };
}

/// <summary>Builds requests.</summary>
public static class Http
{
    public static Request Get(string path) => new(HttpMethod.Get, path);

    public static Request Post(string path) => new(HttpMethod.Post, path);

    public static Request Put(string path) => new(HttpMethod.Put, path);

    public static Request Patch(string path) => new(HttpMethod.Patch, path);

    public static Request Delete(string path) => new(HttpMethod.Delete, path);
}

/// <summary>Media types the suite uses.</summary>
public static class MediaTypes
{
    public const string Json = "application/json";
    public const string LdJson = "application/ld+json";
    public const string GeoJson = "application/geo+json";
    public const string MergePatch = "application/merge-patch+json";
}

/// <summary>The suite's context URLs as they appear in its data; the runner rewrites the forge ones to its local context server.</summary>
public static class SuiteContexts
{
    public const string ForgeFolder = "https://forge.etsi.org/rep/cim/ngsi-ld-test-suite/-/raw/develop/resources/jsonld-contexts/";
    public const string Compound = ForgeFolder + "ngsi-ld-test-suite-compound.jsonld";
    public const string Plain = ForgeFolder + "ngsi-ld-test-suite.jsonld";
    public const string CoreV18 = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld";
    public const string NonExisting = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-non-existing.jsonld";
    /// <summary>The suite's term prefix: <c>Building</c> expands to <c>https://ngsi-ld-test-suite/context#Building</c>.</summary>
    public const string Vocab = "https://ngsi-ld-test-suite/context#";
}
