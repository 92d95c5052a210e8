using Xunit.Sdk;

namespace Stadtkern.Tests.Support;

/// <summary>Assertions on replies that print the whole response when they fail.</summary>
public static class ReplyAssertions
{
    public const string ErrorPrefix = "https://uri.etsi.org/ngsi-ld/errors/";

    public static Reply ShouldHaveStatus(this Reply reply, int status)
    {
        if (reply.Status != status) throw new XunitException($"Expected HTTP {status}, got {reply}");
        return reply;
    }

    /// <summary>The reply is an NGSI-LD problem document with this status and error type (the last segment of its type URI).</summary>
    public static Reply ShouldBeProblem(this Reply reply, int status, string errorType)
    {
        reply.ShouldHaveStatus(status);
        var problem = reply.Json as System.Text.Json.Nodes.JsonObject ?? throw new XunitException($"Expected a problem document, got {reply}");
        var type = problem["type"]?.GetValue<string>();
        if (type != ErrorPrefix + errorType) throw new XunitException($"Expected problem type {errorType}, got {reply}");
        if (problem["title"] is null) throw new XunitException($"The problem document has no title: {reply}");
        return reply;
    }

    /// <summary>A client error of any kind, never a server error.</summary>
    public static Reply ShouldBeClientError(this Reply reply)
    {
        if (reply.Status is < 400 or >= 500) throw new XunitException($"Expected a 4xx client error, got {reply}");
        return reply;
    }

    /// <summary>Either the given success status or a 4xx client error — anything but a server error or another success.</summary>
    public static Reply ShouldBeClientErrorOr(this Reply reply, int status)
    {
        if (reply.Status != status && reply.Status is < 400 or >= 500) throw new XunitException($"Expected HTTP {status} or a 4xx client error, got {reply}");
        return reply;
    }
}
