using System.Text.Json.Nodes;

namespace Stadtkern.Conformance;

/// <summary>A check on a response. Each kind is evaluated by the runner; a failed check says what differed.</summary>
public abstract record Check
{
    /// <summary>The status code is one of the given ones.</summary>
    public sealed record Status(params int[] Codes) : Check;

    /// <summary>The body is a problem document whose <c>type</c> is this error type (short name, e.g. <c>BadRequestData</c>, or the full URI).</summary>
    public sealed record Problem(string ErrorType) : Check
    {
        /// <summary>Where the problem document is in the body (<c>$.errors[0].error</c> for a batch entry); the body itself by default.</summary>
        public string Path { get; init; } = "$";

        /// <summary>Also require a non-empty string <c>title</c> ("ProblemDetails Element Containing Title Element").</summary>
        public bool RequireTitle { get; init; }

        /// <summary>Also require non-empty string <c>title</c> and <c>detail</c> that differ ("Check Response Body Containing ProblemDetails Element").</summary>
        public bool RequireDetail { get; init; }
    }

    /// <summary>The body is empty.</summary>
    public sealed record EmptyBody : Check;

    /// <summary>A header is present; when <paramref name="Value"/> is set it must equal it (after variable substitution), or end with it when <paramref name="EndsWith"/>.</summary>
    public sealed record Header(string Name, string? Value = null, bool EndsWith = false) : Check;

    /// <summary>A header is absent.</summary>
    public sealed record NoHeader(string Name) : Check;

    /// <summary>The Content-Type's media type equals this.</summary>
    public sealed record ContentType(string MediaType) : Check;

    /// <summary>
    /// The JSON body equals the expectation under the suite's comparison rules (list order ignored, objects in lists
    /// paired by <c>id</c>; <c>instanceId</c> ignored; <c>@context</c> string or one-element list equal, any core
    /// context version accepted; <c>observedAt</c> compared as instants; <c>createdAt</c>/<c>modifiedAt</c>/<c>deletedAt</c>
    /// only checked to be valid dates), ignoring the members named in <paramref name="IgnoredKeys"/> at any depth;
    /// an ignored key that starts with <c>$</c> is a path instead (<c>$.id</c>, <c>$[*].status</c>) and is ignored only there.
    /// </summary>
    public sealed record Body(Payload Expected, params string[] IgnoredKeys) : Check;

    /// <summary>The body is a JSON array of exactly this many elements.</summary>
    public sealed record Count(int Elements) : Check;

    /// <summary>The body is a JSON array of entities whose ids are exactly these (variables allowed), in any order — or in this order when <paramref name="Ordered"/>.</summary>
    public sealed record Ids(string[] Expected, bool Ordered = false) : Check;

    /// <summary>The value at a simple path (<c>$.a.b</c>, <c>$[0].id</c>) equals the JSON literal (variables allowed).</summary>
    public sealed record JsonValue(string Path, string JsonLiteral) : Check;

    /// <summary>Nothing exists at the simple path.</summary>
    public sealed record JsonAbsent(string Path) : Check;

    /// <summary>A free-form check: returns null when the body passes, otherwise what is wrong.</summary>
    public sealed record Custom(string Description, Func<JsonNode?, IReadOnlyDictionary<string, string>, string?> Evaluate) : Check;
}

/// <summary>Short names for the checks, so that case tables read like the suite.</summary>
public static class Expect
{
    public static Check Status(params int[] codes) => new Check.Status(codes);

    public static Check Problem(string errorType) => new Check.Problem(errorType);

    /// <summary>A problem of this type with a non-empty <c>title</c>.</summary>
    public static Check ProblemWithTitle(string errorType) => new Check.Problem(errorType) { RequireTitle = true };

    /// <summary>A problem of this type with non-empty, different <c>title</c> and <c>detail</c> (the suite's full ProblemDetails check).</summary>
    public static Check ProblemDetails(string errorType) => new Check.Problem(errorType) { RequireTitle = true, RequireDetail = true };

    /// <summary>A problem of this type, with a non-empty <c>title</c>, at a path inside the body (e.g. <c>$.errors[0].error</c>).</summary>
    public static Check ProblemAt(string path, string errorType) => new Check.Problem(errorType) { Path = path, RequireTitle = true };

    public static Check NoBody() => new Check.EmptyBody();

    public static Check Header(string name, string? value = null) => new Check.Header(name, value);

    public static Check HeaderEndsWith(string name, string suffix) => new Check.Header(name, suffix, EndsWith: true);

    public static Check NoHeader(string name) => new Check.NoHeader(name);

    public static Check ContentType(string mediaType) => new Check.ContentType(mediaType);

    public static Check Body(Payload expected, params string[] ignoredKeys) => new Check.Body(expected, ignoredKeys);

    public static Check Count(int elements) => new Check.Count(elements);

    public static Check Ids(params string[] ids) => new Check.Ids(ids);

    public static Check OrderedIds(params string[] ids) => new Check.Ids(ids, Ordered: true);

    public static Check Value(string path, string jsonLiteral) => new Check.JsonValue(path, jsonLiteral);

    public static Check Absent(string path) => new Check.JsonAbsent(path);
}
