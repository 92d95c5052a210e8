using Stadtkern.Broker;
using Stadtkern.Subscriptions;

namespace Stadtkern.Host.Subscriptions;

/// <summary>Wires subscriptions (their store is the chosen backend, see StoreSelection): the in-memory registry that hears every entity change, and outbox delivery.</summary>
internal static class SubscriptionsServices
{
    public static IServiceCollection AddSubscriptions(this IServiceCollection services, StadtkernOptions options)
    {
        if (options.NotificationBacklogLimit < 1)
            throw new InvalidOperationException($"NotificationBacklogLimit must be at least 1 (is {options.NotificationBacklogLimit}).");
        services.AddSingleton(new DeliveryPolicy { MaxBacklog = options.NotificationBacklogLimit, Lease = options.NodeLease });
        services.AddSingleton<DeliveryCounters>();
        services.AddSingleton<DeliveryStatusBoard>();
        services.AddSingleton<NotificationSignal>();
        services.AddSingleton<SubscriptionRegistry>();
        services.AddSingleton<IEntityChangeObserver>(sp => sp.GetRequiredService<SubscriptionRegistry>());
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<PeriodicNotifier>();
        services.AddHttpClient(HttpNotificationSender.ClientName)
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan)
            // Notifications are not forwarded to wherever a receiver redirects them.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
            // Delivery logs what matters itself (failures with their reason, DeliveryLog); a log scope and two log lines per
            // notification cost more than the request at thousands per second.
            .RemoveAllLoggers();
        services.AddSingleton<HttpNotificationSender>();
        services.AddSingleton<MqttNotificationClients>();
        services.AddSingleton<MqttNotificationSender>();
        services.AddSingleton<INotificationSender, NotificationSenders>();
        services.AddSingleton<DeliveryAcknowledger>();
        services.AddSingleton<DeliveryServices>();
        // Registered after the store's lifetime service, so the store is open when subscriptions load and still open when delivery stops.
        services.AddHostedService<NotificationDelivery>();
        services.AddHostedService<PeriodicNotifications>();
        return services;
    }
}
