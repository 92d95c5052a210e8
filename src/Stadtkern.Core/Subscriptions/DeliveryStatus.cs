namespace Stadtkern.Subscriptions;

/// <summary>The delivery state a subscription reports in its notification member (clause 5.2.14): counters, last times and ok/failed.</summary>
public sealed record DeliveryStatus(long TimesSent, long TimesFailed, DateTimeOffset? LastNotification, DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure, string? Status)
{
    public const string Ok = "ok";
    public const string Failed = "failed";

    /// <summary>Before the first notification.</summary>
    public static DeliveryStatus None { get; } = new(0, 0, null, null, null, null);

    /// <summary>A notification is on its way: counted as sent when it is sent, whatever the receiver answers.</summary>
    public DeliveryStatus Sending(DateTimeOffset at) => this with { TimesSent = TimesSent + 1, LastNotification = at };

    public DeliveryStatus Succeeded(DateTimeOffset at) => this with { LastSuccess = at, Status = Ok };

    public DeliveryStatus Failing(DateTimeOffset at) => this with { TimesFailed = TimesFailed + 1, LastFailure = at, Status = Failed };
}
