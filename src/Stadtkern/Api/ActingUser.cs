using Stadtkern.Errors;

namespace Stadtkern.Host.Api;

/// <summary>
/// Who is acting (alarm steps, warning releases), from the <c>X-Stadtkern-User</c> header. Stadtkern does not authenticate: a reverse proxy or the
/// city's identity provider in front of it sets this header, and the four-eyes release of warnings relies on it.
/// </summary>
internal static class ActingUser
{
    public const string Header = "X-Stadtkern-User";
    private const int MaxLength = 200;

    public static string Of(HttpContext http)
    {
        var user = http.Request.Headers[Header].ToString().Trim();
        if (user.Length == 0) throw NgsiLdException.BadData($"The {Header} header must name the person acting.");
        if (user.Length > MaxLength || user.Any(char.IsControl) || user.Contains(','))
            throw NgsiLdException.BadData($"The {Header} header must be one user name of at most {MaxLength} printable characters.");
        return user;
    }
}
