using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace Stadtkern.Load.Profiles;

/// <summary>
/// <c>mqtt</c>: devices publish readings of loaded entities as NGSI-LD fragments to <c>ngsi-ld/{tenant}/entities/{id}/attrs</c>
/// (MQTT 5, QoS 1: a publish counts once the broker acknowledged it), over a few connections.
/// </summary>
internal sealed class MqttProfile(ProfileSettings settings) : LoadProfile
{
    private const int Connections = 4;
    private readonly List<IMqttClient> clients = [];

    public override string Name => "mqtt";

    public override int WritesPerRequest => 1;

    public Uri Broker => settings.Mqtt ?? new Uri($"mqtt://{settings.Target.Address.Host}:1883");

    public override async Task PrepareAsync(Action<string> log, CancellationToken cancellation)
    {
        if (Broker.Scheme != "mqtt" || Broker.Port <= 0) throw new ArgumentException($"--mqtt '{Broker}' is not mqtt://host:port.");
        await CityLoader.LoadAsync(settings.Target, settings.City, settings.Entities, log, cancellation);
        log($"connecting {Connections} MQTT clients to {Broker.Host}:{Broker.Port} …");
        var factory = new MqttClientFactory();
        for (var i = 0; i < Connections; i++)
        {
            var client = factory.CreateMqttClient();
            clients.Add(client);
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(Broker.Host, Broker.Port)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).WithClientId($"stadtkern-bench-{Guid.NewGuid():N}").Build(), cancellation);
        }
    }

    public override async Task<RequestOutcome> SendAsync(long k, CancellationToken cancellation)
    {
        var e = Deterministic.Below(settings.Entities, settings.Seed, k, 12);
        var topic = $"ngsi-ld/{settings.Target.Tenant ?? "default"}/entities/{settings.City.Id(e)}/attrs";
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes("{" + settings.City.Measurement(e, k) + "}"))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        var result = await clients[(int)(k % clients.Count)].PublishAsync(message, cancellation);
        // NoMatchingSubscribers is a success (MQTT 5, 3.4.2.1): the broker took the message, nobody listens on the topic.
        return result.IsSuccess ? new RequestOutcome(Name, 0, true, null) : new RequestOutcome(Name, 0, false, $"MQTT {result.ReasonCode}");
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            if (client.IsConnected) await client.DisconnectAsync();
            client.Dispose();
        }
        await base.DisposeAsync();
    }
}
