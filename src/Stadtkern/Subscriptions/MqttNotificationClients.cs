using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;
using Stadtkern.Subscriptions;

namespace Stadtkern.Host.Subscriptions;

/// <summary>
/// One connected MQTT client per broker connection (host, port, credentials, version), shared by every subscription
/// that notifies there. A lost connection is made again on the next publish, but not sooner than its back-off allows
/// (1 s doubling to 30 s), so that many queues waiting on one dead broker do not hammer it. Clients unused for
/// <see cref="IdleAfter"/> are disconnected and dropped, which bounds what endpoints that went quiet hold on to.
/// Sessions are clean: an unacknowledged publish is not kept by the client but sent again from the outbox.
/// </summary>
internal sealed class MqttNotificationClients : IAsyncDisposable
{
    public const string ClientIdPrefix = "stk-notifier-";
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan FirstReconnect = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastReconnect = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<MqttConnectionKey, BrokerConnection> _connections = new();
    private readonly DeliveryPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttNotificationClients> _logger;
    private readonly ITimer _sweeper;

    public MqttNotificationClients(DeliveryPolicy policy, TimeProvider time, ILogger<MqttNotificationClients> logger)
    {
        _policy = policy;
        _time = time;
        _logger = logger;
        _sweeper = time.CreateTimer(_ => _ = SweepAsync(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public async Task<MqttClientPublishResult> PublishAsync(MqttConnectionKey key, MqttApplicationMessage message, CancellationToken cancellation)
    {
        var connection = Acquire(key);
        try
        {
            var client = await connection.ConnectedAsync(this, cancellation);
            try
            {
                return await client.PublishAsync(message, cancellation);
            }
            catch
            {
                // A publish that timed out may leave a packet in flight; a new connection starts clean.
                await connection.DropAsync(client);
                throw;
            }
        }
        finally
        {
            connection.Release(_time.GetUtcNow());
        }
    }

    private BrokerConnection Acquire(MqttConnectionKey key)
    {
        while (true)
        {
            var connection = _connections.GetOrAdd(key, k => new BrokerConnection(k));
            if (connection.TryUse()) return connection;
            // Retired by the sweeper between lookup and use: it is gone from the map, take a fresh one.
        }
    }

    private async Task SweepAsync()
    {
        var now = _time.GetUtcNow();
        foreach (var (key, connection) in _connections)
        {
            if (!connection.TryRetire(now - IdleAfter)) continue;
            _connections.TryRemove(KeyValuePair.Create(key, connection));
            DeliveryLog.MqttClientIdle(_logger, key.ToString());
            await connection.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _sweeper.DisposeAsync();
        foreach (var connection in _connections.Values) await connection.DisposeAsync();
        _connections.Clear();
    }

    private MqttClientOptions OptionsFor(MqttConnectionKey key)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(key.Host, key.Port)
            .WithProtocolVersion(key.Version == MqttVersion.V500 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
            // At most 23 characters, which every MQTT 3.1.1 broker must accept.
            .WithClientId(ClientIdPrefix + Guid.NewGuid().ToString("N")[..10])
            .WithCleanSession()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(_policy.RequestTimeout);
        if (key.UserName is not null) builder.WithCredentials(key.UserName, key.Password);
        if (key.Tls) builder.WithTlsOptions(tls => tls.UseTls());
        return builder.Build();
    }

    /// <summary>The client of one broker connection, with its reconnect back-off and how many publishes use it now.</summary>
    private sealed class BrokerConnection(MqttConnectionKey key) : IAsyncDisposable
    {
        private readonly SemaphoreSlim _connecting = new(1, 1);
        private readonly Lock _lock = new();
        private IMqttClient? _client;
        private TimeSpan _backOff;
        private DateTimeOffset _retryAt;
        private int _users;
        private bool _retired;
        private DateTimeOffset _lastUsed = DateTimeOffset.MaxValue;

        public bool TryUse()
        {
            lock (_lock)
            {
                if (_retired) return false;
                _users++;
                return true;
            }
        }

        public void Release(DateTimeOffset now)
        {
            lock (_lock)
            {
                _users--;
                _lastUsed = now;
            }
        }

        public bool TryRetire(DateTimeOffset idleSince)
        {
            lock (_lock)
            {
                if (_users > 0 || _lastUsed > idleSince) return false;
                _retired = true;
                return true;
            }
        }

        public async Task<IMqttClient> ConnectedAsync(MqttNotificationClients owner, CancellationToken cancellation)
        {
            if (_client is { IsConnected: true } connected) return connected;
            await _connecting.WaitAsync(cancellation);
            try
            {
                if (_client is { IsConnected: true } other) return other;
                var now = owner._time.GetUtcNow();
                if (now < _retryAt)
                    throw new InvalidOperationException($"the broker {key} was not reachable; the next connection attempt is after {_retryAt:HH:mm:ss}");
                _client?.Dispose();
                _client = new MqttClientFactory().CreateMqttClient();
                try
                {
                    await _client.ConnectAsync(owner.OptionsFor(key), cancellation);
                }
                catch
                {
                    _backOff = _backOff == TimeSpan.Zero ? FirstReconnect : TimeSpan.FromTicks(Math.Min(_backOff.Ticks * 2, LastReconnect.Ticks));
                    _retryAt = now + _backOff;
                    throw;
                }
                _backOff = TimeSpan.Zero;
                DeliveryLog.MqttClientConnected(owner._logger, key.ToString());
                return _client;
            }
            finally
            {
                _connecting.Release();
            }
        }

        public async Task DropAsync(IMqttClient client)
        {
            await _connecting.WaitAsync(CancellationToken.None);
            try
            {
                if (!ReferenceEquals(client, _client)) return;
                _client = null;
                await DisconnectAsync(client);
            }
            finally
            {
                _connecting.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_client is { } client) await DisconnectAsync(client);
            _client = null;
        }

        private static async Task DisconnectAsync(IMqttClient client)
        {
            try
            {
                if (client.IsConnected) await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The connection is going away either way.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
