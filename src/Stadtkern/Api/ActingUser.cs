using Stadtkern.Errors;

namespace Stadtkern.Host.Api;

/// <summary>
/// Who acts, for the audit trail of alarms (and other steps a person takes): the <c>X-Stadtkern-User</c> header, set by
/// the reverse proxy that authenticates the control room. A step without it is refused.
/// </summary>
internal static class ActingUser
{
    public const string Header = "X-Stadtkern-User";

    public static string Of(HttpContext http)
    {
        var user = http.Request.Headers[Header].ToString().Trim();
        if (user.Length == 0) throw NgsiLdException.BadData($"This step is recorded with who took it: send the {Header} header.");
        if (user.Length > 200 || user.Any(char.IsControl)) throw NgsiLdException.BadData($"The {Header} header must be at most 200 printable characters.");
        return user;
    }
}
