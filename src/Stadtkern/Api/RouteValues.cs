namespace Stadtkern.Host.Api;

/// <summary>Route values as the client meant them: ASP.NET Core leaves <c>%2F</c> encoded in path segments, but ids and expanded names may contain slashes.</summary>
internal static class RouteValues
{
    public static string Decode(string value) =>
        value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value;
}
