namespace Stadtkern.Conformance;

/// <summary>
/// A free-form check on the whole response (status, headers, body text and JSON) with the running case's context, for
/// what <see cref="Check.Custom"/> cannot see: a header to parse (<c>Content-Range</c>) or the raw body text (the
/// suite's <c>Should Contain ${response.text}</c>). Returns null when the response passes, otherwise what is wrong.
/// </summary>
public sealed record ResponseCheck(string Description, Func<ExchangeResponse, CaseContext, string?> Evaluate) : Check;
