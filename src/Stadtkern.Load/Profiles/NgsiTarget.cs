using System.Net.Http.Headers;
using System.Text;

namespace Stadtkern.Load.Profiles;

/// <summary>The NGSI-LD endpoint under load: its address, the tenant, and one HTTP client with a connection per concurrent request.</summary>
public sealed class NgsiTarget : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public NgsiTarget(Uri address, string? tenant, int connections)
    {
        if (address.Scheme is not ("http" or "https")) throw new ArgumentException($"'{address}' is not an http(s) URL.");
        Address = new Uri(address.GetLeftPart(UriPartial.Authority) + NgsiPrefix(address.AbsolutePath));
        Tenant = tenant;
        Http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, connections),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            UseCookies = false,
        })
        {
            // Each request has its own deadline (LoadShape.Timeout); this one only bounds preparation.
            Timeout = TimeSpan.FromMinutes(5),
        };
    }

    /// <summary>The broker's NGSI-LD root, ending in <c>/ngsi-ld/v1/</c>.</summary>
    public Uri Address { get; }

    public string? Tenant { get; }

    public HttpClient Http { get; }

    /// <summary>Whether the target runs on this machine (then the baselines mean something).</summary>
    public bool IsLocal => Address.IsLoopback;

    /// <summary>Sends a request below the NGSI-LD root and reads the whole answer; the outcome has its status.</summary>
    public async Task<RequestOutcome> SendAsync(string operation, HttpMethod method, string path, string? body, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(method, new Uri(Address + path));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, Json);
        if (Tenant is not null) request.Headers.TryAddWithoutValidation("NGSILD-Tenant", Tenant);
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellation);
        return RequestOutcome.Answered(operation, (int)response.StatusCode);
    }

    /// <summary>As <see cref="SendAsync"/>, but a status outside <paramref name="accepted"/> is an error with the answer's text, for preparation.</summary>
    public async Task SendOrThrowAsync(HttpMethod method, string path, string? body, CancellationToken cancellation, params int[] accepted)
    {
        using var request = new HttpRequestMessage(method, new Uri(Address + path));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, Json);
        if (Tenant is not null) request.Headers.TryAddWithoutValidation("NGSILD-Tenant", Tenant);
        using var response = await Http.SendAsync(request, cancellation);
        if (!accepted.Contains((int)response.StatusCode))
        {
            var text = await response.Content.ReadAsStringAsync(cancellation);
            throw new InvalidOperationException($"{method} {request.RequestUri} answered {(int)response.StatusCode}: {(text.Length > 300 ? text[..300] + "…" : text)}");
        }
    }

    public void Dispose() => Http.Dispose();

    private static string NgsiPrefix(string path)
    {
        path = path.TrimEnd('/');
        return (path.EndsWith("/ngsi-ld/v1", StringComparison.Ordinal) ? path : path + "/ngsi-ld/v1") + "/";
    }
}
