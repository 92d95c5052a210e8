using System.Net.Sockets;

namespace Stadtkern.Load;

/// <summary>What one request of a load came back with: the operation it belongs to, the HTTP status (0 without an answer), and whether it counts as done.</summary>
public readonly record struct RequestOutcome(string Operation, int Status, bool Succeeded, string? ErrorKind)
{
    /// <summary>The error this outcome counts under: <c>HTTP 503</c>, <c>timeout</c>, <c>connection refused</c>, …; null when it succeeded.</summary>
    public string? Error => Succeeded ? null : ErrorKind ?? $"HTTP {Status}";

    public static RequestOutcome Answered(string operation, int status) => new(operation, status, status is >= 200 and < 300, null);

    /// <summary>A request that got no answer, classified by what went wrong.</summary>
    public static RequestOutcome NoAnswer(string operation, Exception e) => new(operation, 0, false, KindOf(e));

    /// <summary>A request the client never sent because every connection was still busy when the run ended (the offered rate was more than the target plus the client could take).</summary>
    public static RequestOutcome NotSent(string operation) => new(operation, 0, false, NotSentKind);

    public const string NotSentKind = "not sent (all connections busy)";

    /// <summary>The kinds that are a server saying "too much, try later" rather than failing.</summary>
    public static bool IsShedding(string error) => error is "HTTP 429" or "HTTP 503";

    private static string KindOf(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is TimeoutException or TaskCanceledException or OperationCanceledException) return "timeout";
            if (inner is SocketException socket)
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.ConnectionReset or SocketError.ConnectionAborted => "connection reset",
                    SocketError.TimedOut => "timeout",
                    _ => $"socket error {socket.SocketErrorCode}",
                };
            if (inner is IOException && inner.InnerException is null) return "connection reset";
        }
        return e is HttpRequestException ? "connection error" : $"client error {e.GetType().Name}";
    }
}
