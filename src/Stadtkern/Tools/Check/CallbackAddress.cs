using System.Net;
using System.Net.Sockets;

namespace Stadtkern.Host.Tools.Check;

/// <summary>
/// Where the checked broker calls back: the context server and the notification receiver listen on <see cref="Listen"/>
/// (127.0.0.1 by default) and are written into requests under <see cref="CallbackHost"/>, so a broker on another machine
/// or in a container can be given a name that reaches this one.
/// </summary>
internal sealed record CallbackAddress(IPAddress Listen, string CallbackHost)
{
    public static CallbackAddress Parse(string? listen, string? callbackHost)
    {
        var address = listen is null ? IPAddress.Loopback
            : IPAddress.TryParse(listen, out var parsed) ? parsed
            : throw new ArgumentException($"--listen '{listen}' is not an IP address (e.g. 127.0.0.1 or 0.0.0.0).");
        var host = callbackHost ?? (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? "127.0.0.1" : Bracketed(address));
        if (Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown)
            throw new ArgumentException($"--callback-host '{callbackHost}' is not a host name or address.");
        return new CallbackAddress(address, host);
    }

    /// <summary>A free port on the listen address, and the URL to bind and the URL to publish for it.</summary>
    public (string ListenUrl, string PublicUrl) NextServer()
    {
        using var probe = new TcpListener(Listen, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return ($"http://{Bracketed(Listen)}:{port}", $"http://{CallbackHost}:{port}/");
    }

    private static string Bracketed(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
}
