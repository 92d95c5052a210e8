using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Stadtkern.Conformance;

/// <summary>What the runner's own small HTTP servers (the context server, the notification receiver) share: a bare Kestrel host and its reachable URL.</summary>
internal static class LocalServer
{
    /// <summary>A Kestrel app bound to the URL, without logging and without any configuration file.</summary>
    public static WebApplication Create(string listenUrl)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // The test host's output folder may hold the broker's appsettings.json; none of it applies here.
        // (An empty in-memory source stays: settings such as the URLs are written into it.)
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(listenUrl);
        return builder.Build();
    }

    /// <summary>The base URL (ending with <c>/</c>) a broker reaches the started app at: the public one when given, else the bound address.</summary>
    public static Uri BaseUrl(WebApplication app, string? publicBaseUrl)
    {
        var url = publicBaseUrl ?? Reachable(app.Urls.First());
        return new Uri(url.EndsWith('/') ? url : url + "/");
    }

    // A wildcard bind address is not something a broker can connect to; the loopback name is.
    private static string Reachable(string bound) =>
        bound.Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://[::]:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal);
}
