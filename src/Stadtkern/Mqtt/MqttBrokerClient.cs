using System.Buffers;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;
using Stadtkern.Ingest;
using Stadtkern.Ingest.Mapping;

namespace Stadtkern.Host.Mqtt;

/// <summary>
/// Stadtkern as a client of the city's own MQTT broker (<see cref="StadtkernOptions.MqttBroker"/>): it subscribes to
/// <see cref="StadtkernOptions.MqttTopics"/> with QoS 1 under a persistent session, so that readings published while it is
/// away wait on the broker, and acknowledges each message only after the ingest service has made it durable. Messages
/// are spread over a few lanes by topic (one device's readings stay in order) so that commits overlap; a full lane
/// stops reading from the socket, which slows the broker down instead of filling memory. Lost connections are retried
/// with back-off; a message that could not be taken in is not acknowledged and the connection is dropped, so the broker
/// delivers it again. The topics of the mapping rules are subscribed as well, and follow the rules as they change.
/// </summary>
internal sealed partial class MqttBrokerClient(StadtkernOptions options, IngestService ingest, MappingRules rules, TimeProvider time,
    ILogger<MqttBrokerClient> logger) : BackgroundService
{
    private const int Lanes = 8;
    private const int LaneCapacity = 256;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    private readonly Channel<Received>[] _lanes = Enumerable.Range(0, Lanes)
        .Select(_ => Channel.CreateBounded<Received>(new BoundedChannelOptions(LaneCapacity) { SingleReader = true })).ToArray();
    private readonly HashSet<string> _subscribed = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private MqttBrokerAddress? _address;
    private IMqttClient? _client;
    private long _received;
    private int _connected;

    private sealed record Received(MqttApplicationMessageReceivedEventArgs Event, string Topic, byte[] Payload, string? ContentType);

    /// <summary>True while connected to the external broker.</summary>
    public bool Connected => Volatile.Read(ref _connected) == 1;

    /// <summary>The client's state in Prometheus text form (nothing when the in-process broker is used).</summary>
    public string Prometheus() => options.MqttBroker.Length == 0 ? "" :
        "# TYPE stadtkern_mqtt_client_connected gauge\n"
        + $"stadtkern_mqtt_client_connected {(Connected ? 1 : 0)}\n"
        + "# TYPE stadtkern_mqtt_client_received_total counter\n"
        + $"stadtkern_mqtt_client_received_total {Interlocked.Read(ref _received)}\n";

    /// <summary>A broker address that cannot be right stops the start-up with a clear message, rather than a retry loop.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.MqttBroker.Length == 0) return Task.CompletedTask;
        _address = MqttBrokerAddress.Parse(options.MqttBroker);
        rules.Changed += OnRulesChanged;
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        rules.Changed -= OnRulesChanged;
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_address is not { } address) return;
        using var client = new MqttClientFactory().CreateMqttClient();
        _client = client;
        client.ApplicationMessageReceivedAsync += OnReceivedAsync;
        var lost = new SemaphoreSlim(0);
        client.DisconnectedAsync += _ =>
        {
            if (Interlocked.Exchange(ref _connected, 0) == 1) lost.Release();
            return Task.CompletedTask;
        };
        var workers = _lanes.Select(lane => Task.Run(() => DrainAsync(lane, stoppingToken), CancellationToken.None)).ToArray();
        var retry = FirstRetry;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await ConnectAsync(client, address, stoppingToken);
                    retry = FirstRetry;
                    await lost.WaitAsync(stoppingToken);
                    LogLost(logger, address.ToString());
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogRetry(logger, address.ToString(), retry.TotalSeconds, e.Message);
                    if (client.IsConnected) await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
                    while (lost.CurrentCount > 0) await lost.WaitAsync(CancellationToken.None);
                    await Task.Delay(retry, time, stoppingToken);
                    retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var lane in _lanes) lane.Writer.TryComplete();
            await Task.WhenAll(workers);
            if (client.IsConnected) await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        }
    }

    private async Task ConnectAsync(IMqttClient client, MqttBrokerAddress address, CancellationToken cancellation)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(address.Host, address.Port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithClientId(options.MqttClientId)
            // A persistent session: what is published while Stadtkern is away waits on the broker.
            .WithCleanStart(false)
            .WithSessionExpiryInterval(uint.MaxValue)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30));
        if (options.MqttUsername.Length > 0) builder.WithCredentials(options.MqttUsername, options.MqttPassword);
        if (address.Tls) builder.WithTlsOptions(tls => tls.UseTls());
        await client.ConnectAsync(builder.Build(), cancellation);
        lock (_subscribed) _subscribed.Clear();
        await SubscribeAsync(client, cancellation);
        Volatile.Write(ref _connected, 1);
        LogConnected(logger, address.ToString(), string.Join(", ", Wanted()));
    }

    /// <summary>The configured topics and those of the mapping rules in force, as filters on the broker.</summary>
    private SortedSet<string> Wanted() =>
        new(options.MqttTopics.Concat(rules.All.Select(r => r.Pattern.Filter))
            .Select(topic => options.MqttSharedGroup.Length > 0 ? $"$share/{options.MqttSharedGroup}/{topic}" : topic), StringComparer.Ordinal);

    /// <summary>Subscribes to what is wanted and not yet subscribed, and leaves what is no longer wanted.</summary>
    private async Task SubscribeAsync(IMqttClient client, CancellationToken cancellation)
    {
        await _subscribing.WaitAsync(cancellation);
        try
        {
            var wanted = Wanted();
            List<string> added, removed;
            lock (_subscribed)
            {
                added = wanted.Where(t => !_subscribed.Contains(t)).ToList();
                removed = _subscribed.Where(t => !wanted.Contains(t)).ToList();
            }
            if (added.Count > 0)
            {
                var subscribe = new MqttClientSubscribeOptionsBuilder();
                foreach (var topic in added) subscribe.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
                var granted = await client.SubscribeAsync(subscribe.Build(), cancellation);
                foreach (var item in granted.Items)
                    if ((int)item.ResultCode > (int)MqttClientSubscribeResultCode.GrantedQoS2)
                        throw new InvalidOperationException($"The broker refused the subscription to '{item.TopicFilter.Topic}': {item.ResultCode}.");
            }
            if (removed.Count > 0)
            {
                var unsubscribe = new MqttClientUnsubscribeOptionsBuilder();
                foreach (var topic in removed) unsubscribe.WithTopicFilter(topic);
                await client.UnsubscribeAsync(unsubscribe.Build(), cancellation);
            }
            lock (_subscribed)
            {
                _subscribed.UnionWith(added);
                _subscribed.ExceptWith(removed);
            }
        }
        finally
        {
            _subscribing.Release();
        }
    }

    /// <summary>A rule was created, replaced or deleted: its topic is subscribed (or left) at once.</summary>
    private async void OnRulesChanged()
    {
        if (_client is not { IsConnected: true } client) return;
        try
        {
            await SubscribeAsync(client, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The next connection subscribes to everything wanted again.
            LogSubscribeFailed(logger, e);
        }
    }

    private async Task OnReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        // Acknowledged by the lane once durable; the payload is copied because the client reuses its buffers.
        e.AutoAcknowledge = false;
        var message = e.ApplicationMessage;
        var lane = _lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(message.Topic) % Lanes)];
        await lane.Writer.WriteAsync(new Received(e, message.Topic, message.Payload.ToArray(), message.ContentType));
    }

    private async Task DrainAsync(Channel<Received> lane, CancellationToken stoppingToken)
    {
        await foreach (var received in lane.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                var outcome = await ingest.MqttAsync(received.Topic, received.Payload, received.ContentType, stoppingToken);
                if (!outcome.Applied) LogDeadLetter(logger, received.Topic, outcome.Reason ?? "");
                Interlocked.Increment(ref _received);
                if (received.Event.ApplicationMessage.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce)
                    await received.Event.AcknowledgeAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Not acknowledged: dropping the connection makes the broker deliver it again to the resumed session.
                LogFailed(logger, received.Topic, e);
                if (_client is { IsConnected: true } client)
                    await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.UnspecifiedError).Build(), CancellationToken.None);
            }
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "MQTT client connected to {Broker}, subscribed to {Topics}")]
    private static partial void LogConnected(ILogger logger, string broker, string topics);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "MQTT connection to {Broker} lost")]
    private static partial void LogLost(ILogger logger, string broker);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "MQTT broker {Broker} not reachable, retrying in {Seconds} s: {Reason}")]
    private static partial void LogRetry(ILogger logger, string broker, double seconds, string reason);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Warning, Message = "MQTT subscriptions could not follow the mapping rules; they will on the next connection")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "MQTT message on {Topic} kept as a dead letter: {Reason}")]
    private static partial void LogDeadLetter(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Error, Message = "MQTT message on {Topic} could not be taken in; not acknowledged, the broker will deliver it again")]
    private static partial void LogFailed(ILogger logger, string topic, Exception exception);
}
