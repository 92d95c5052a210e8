namespace Stadtkern.Host.Subscriptions;

/// <summary>Log messages of notification delivery, with stable event ids (5000-5099) that operators can alert on.</summary>
internal static partial class DeliveryLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning,
        Message = "Notification {Seq} of subscription {SubscriptionId} (tenant '{Tenant}') to {Uri} failed: {Reason}. Failure {Failures} in a row; next attempt in {Delay}")]
    public static partial void NotificationFailed(ILogger logger, long seq, string subscriptionId, string tenant, string uri, string reason, int failures, TimeSpan delay);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error,
        Message = "Notification {Seq} of subscription {SubscriptionId} (tenant '{Tenant}') to {Uri} given up after {Attempts} refusals: {Reason}")]
    public static partial void NotificationDropped(ILogger logger, long seq, string subscriptionId, string tenant, string uri, int attempts, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Delivery queue of subscription {SubscriptionId} (tenant '{Tenant}') failed; it starts again after a pause")]
    public static partial void QueueFailed(ILogger logger, Exception error, string subscriptionId, string tenant);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "Scanning the notification outbox failed; trying again")]
    public static partial void ScanFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "Recording delivered notifications failed; they may be sent again after a restart")]
    public static partial void AcknowledgeFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "Periodic notifications failed; trying again")]
    public static partial void PeriodicFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning,
        Message = "Subscription {SubscriptionId} (tenant '{Tenant}') sends no notifications while its @context cannot be resolved: {Reason}")]
    public static partial void ContextUnresolved(ILogger logger, string subscriptionId, string tenant, string reason);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Information, Message = "Subscriptions loaded; notification delivery started")]
    public static partial void Started(ILogger logger);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Error,
        Message = "Dropped the {Count} oldest undelivered notifications of subscription {SubscriptionId} (tenant '{Tenant}'): its receiver keeps failing and the backlog limit is {Limit}")]
    public static partial void BacklogTrimmed(ILogger logger, int count, string subscriptionId, string tenant, int limit);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "MQTT notification client connected to {Broker}")]
    public static partial void MqttClientConnected(ILogger logger, string broker);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "MQTT notification client of {Broker} closed after being idle")]
    public static partial void MqttClientIdle(ILogger logger, string broker);
}
