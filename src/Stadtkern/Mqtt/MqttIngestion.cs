using System.Buffers;
using System.Net;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Stadtkern.Ingest;
using Stadtkern.Ingest.Mapping;

namespace Stadtkern.Host.Mqtt;

/// <summary>
/// The in-process MQTT broker (MQTTnet) on <see cref="StadtkernOptions.MqttPort"/>: devices publish to it, every message goes
/// through the ingest service, and a QoS 1 message is acknowledged (PUBACK) only after the ingest is durable — MQTTnet sends
/// the PUBACK when the publish interceptor has finished. A store that falls behind slows the acknowledgements down.
/// </summary>
internal sealed partial class MqttIngestion(StadtkernOptions options, IngestService ingest, MappingRules rules, ILogger<MqttIngestion> logger)
    : IHostedService, IAsyncDisposable
{
    private MqttServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The rules load even without the broker: they are managed over the API, and the external-broker client uses them.
        foreach (var (id, reason) in await rules.LoadAsync(cancellationToken)) LogRuleSkipped(logger, id, reason);
        // With an external broker (MqttBrokerClient) the in-process one stays off.
        if (options.MqttPort <= 0 || options.MqttBroker.Length > 0) return;
        var factory = new MqttServerFactory();
        var serverOptions = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(options.MqttAddress))
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(options.MqttPort)
            .Build();
        _server = factory.CreateMqttServer(serverOptions);
        _server.InterceptingPublishAsync += OnPublishAsync;
        try
        {
            await _server.StartAsync();
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new InvalidOperationException(
                $"The MQTT broker cannot listen on {options.MqttAddress}:{options.MqttPort} ({e.Message}). Choose another port with --mqtt-port, or 0 to switch it off.", e);
        }
        LogStarted(logger, options.MqttAddress, options.MqttPort);
    }

    private async Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        if (IsNotification(e)) return;
        var message = e.ApplicationMessage;
        try
        {
            var outcome = await ingest.MqttAsync(message.Topic, message.Payload.ToArray(), message.ContentType, e.CancellationToken);
            if (!outcome.Applied) LogDeadLetter(logger, message.Topic, outcome.Reason ?? "");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not even the lake took it: the client gets no success, so a QoS 1 sender publishes it again.
            LogFailed(logger, message.Topic, ex);
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.UnspecifiedError;
            e.CloseConnection = true;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null) await _server.StopAsync();
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "MQTT broker listening on {Address}:{Port}")]
    private static partial void LogStarted(ILogger logger, string address, int port);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "MQTT message on {Topic} kept as a dead letter: {Reason}")]
    private static partial void LogDeadLetter(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "Stored MQTT mapping rule {Id} is not in force: {Reason}")]
    private static partial void LogRuleSkipped(ILogger logger, string id, string reason);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "MQTT message on {Topic} could not be taken in")]
    private static partial void LogFailed(ILogger logger, string topic, Exception exception);
}
